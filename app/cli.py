"""The headless command line: ``rollbook db upgrade``, ``rollbook demo``, and the GUI by default.

Quiet by default: what a command did on stdout, problems on stderr, and the log lines of the
libraries (Alembic's migration steps, …) only with ``--verbose``.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import logging
import os
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.cli_login import ADMIN_PASSWORD_HELP, URL_EXAMPLE, URL_HELP, admin_url
from app.domain.enums import Role

log = logging.getLogger(__name__)

VERBOSE_HELP = "also show what the libraries log (Alembic's migration steps, connections)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rollbook", description="Rollbook: rosters, sessions and attendance for staff."
    )
    parser.add_argument("--version", action="version", version=f"Rollbook {__version__}")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check that this installation can run here (resources, Qt, keyring, caches)",
    )
    parser.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
    sub = parser.add_subparsers(dest="command")

    db = sub.add_parser("db", help="manage the shared PostgreSQL schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    for name, text in (("upgrade", "bring the schema to head"), ("check", "compare models")):
        p = db_sub.add_parser(name, help=text, epilog=ADMIN_PASSWORD_HELP)
        target = p.add_mutually_exclusive_group(required=True)
        target.add_argument("--url", help=URL_HELP)
        target.add_argument("--local", type=Path, help="a local SQLite cache file")

    demo = sub.add_parser(
        "demo", help="generate a deterministic demo data set", epilog=ADMIN_PASSWORD_HELP
    )
    target = demo.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help=URL_HELP + " (the schema is upgraded first)")
    target.add_argument("--local", type=Path, help="SQLite file to create or fill")
    demo.add_argument(
        "--size",
        choices=("small", "workstation", "bench"),
        default="workstation",
        help="preset size (default: workstation)",
    )
    demo.add_argument("--facilities", type=int, help="override the number of facilities")
    demo.add_argument("--students", type=int, help="override the number of students")
    demo.add_argument("--classes", type=int, help="override classes per facility")
    demo.add_argument("--weeks", type=int, help="override weeks of attendance history")
    demo.add_argument("--seed", type=int, default=20261122, help="random seed (default 20261122)")

    server = sub.add_parser("server", help="prepare a shared PostgreSQL server")
    server_sub = server.add_subparsers(dest="server_command", required=True)
    init = server_sub.add_parser(
        "init",
        help="upgrade the schema, create group roles, grants and row-level security",
        epilog=ADMIN_PASSWORD_HELP,
    )
    init.add_argument(
        "--url",
        required=True,
        help="a superuser's URL of the Rollbook database, without the "
        "password, e.g. " + URL_EXAMPLE,
    )

    staff = sub.add_parser("staff", help="create, disable and re-scope staff login roles")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_sub.add_parser(
        "add",
        help="create a staff member with a PostgreSQL login",
        epilog=ADMIN_PASSWORD_HELP + " The new staff member's password is asked for (or read "
        "from ROLLBOOK_STAFF_PASSWORD), never given as an argument.",
    )
    disable = staff_sub.add_parser(
        "disable", help="disable a staff login", epilog=ADMIN_PASSWORD_HELP
    )
    enable = staff_sub.add_parser(
        "enable", help="re-enable a staff login", epilog=ADMIN_PASSWORD_HELP
    )
    scope = staff_sub.add_parser(
        "scope",
        help="replace the facilities/programs a staff member sees",
        epilog=ADMIN_PASSWORD_HELP,
    )
    for p in (add, disable, enable, scope):
        p.add_argument("--url", required=True, help=URL_HELP)
        p.add_argument("--username", required=True, help="the staff member's login role")
    add.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in Role if r is not Role.STUDENT],
        help="staff role",
    )
    add.add_argument("--facility", required=True, help="home facility: name or id")
    add.add_argument("--first", required=True, help="first name")
    add.add_argument("--last", required=True, help="last name")
    add.add_argument("--email")
    for p in (add, scope):
        p.add_argument("--program", action="append", default=[], help="limit to a program (repeat)")
    scope.add_argument(
        "--facility", action="append", required=True, help="facility name or id (repeat)"
    )

    from app import (
        cli_closures,
        cli_disruption,
        cli_import,
        cli_makeup,
        cli_print,
        cli_transfer,
        cli_workstation,
    )

    cli_workstation.add_parsers(sub)
    cli_import.add_parsers(sub)
    cli_transfer.add_parsers(sub)
    cli_closures.add_parsers(sub)
    cli_disruption.add_parsers(sub)
    cli_makeup.add_parsers(sub)
    cli_print.add_parsers(sub)

    gui = sub.add_parser("gui", help="open the desktop application (the default)")
    gui.add_argument(
        "--demo",
        action="store_true",
        help="open the demo workstation instead of the first-run dialog when no server is set up",
    )
    _everywhere(parser)
    return parser


def _everywhere(parser: argparse.ArgumentParser) -> None:
    """``--verbose`` after any command too (``rollbook server init --url … --verbose``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                # SUPPRESS: a command that was not given it keeps the top level's value.
                child.add_argument(
                    "-v",
                    "--verbose",
                    action="store_true",
                    default=argparse.SUPPRESS,
                    help=VERBOSE_HELP,
                )
                _everywhere(child)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.self_check or args.qt_probe:
        from app import selfcheck

        if args.qt_probe:
            return selfcheck.qt_probe()
        report = selfcheck.run()
        print(report.render())
        return 1 if report.failed else 0
    if args.command in (None, "gui"):  # before any logging set-up: the GUI logs to its file
        from app.__main__ import main as gui_main

        return gui_main(["--demo"] if getattr(args, "demo", False) else [])
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        if args.command == "db":
            return _db(args)
        if args.command == "demo":
            return _demo(args)
        if args.command == "server":
            return _server(args)
        if args.command == "staff":
            return _staff(args)
        if args.command in ("workstation", "sync"):
            from app import cli_workstation

            return cli_workstation.run(args)
        if args.command == "import":
            from app import cli_import

            return cli_import.run(args)
        if hasattr(args, "run"):
            return int(args.run(args))
    except Exception as err:  # the command line reports, it does not dump a traceback at people
        from app.domain.errors import DomainError

        if isinstance(err, DomainError | ValueError | OSError):
            print(f"rollbook: {err}", file=sys.stderr)
            return 2
        raise
    return 0


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.db.engine import make_local_engine, make_server_engine

    if args.url:
        # Schema upgrades may rightly run long: no statement timeout, keepalives still.
        return make_server_engine(admin_url(args.url), statement_timeout_s=None)
    return make_local_engine(args.local)


def _db(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from app.db import migrate

    engine = _engine(args)
    try:
        if args.db_command == "upgrade":
            before = migrate.current_revision(engine)
            migrate.upgrade(engine)
            print(f"schema at {migrate.current_revision(engine)} (was {before or 'empty'})")
        else:
            migrate.check(engine)
            print("models and migrations agree")
    except OperationalError as err:
        print(f"rollbook: cannot reach the database: {err.orig}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    return 0


def _server(args: argparse.Namespace) -> int:
    from app.db.server_admin import init_server

    report = init_server(admin_url(args.url))
    print(f"PostgreSQL {report.server_version}, schema at {report.revision}")
    print(f"row-level security forced on {report.tables_secured} tables")
    created = ", ".join(report.roles_created) or "none (all existed)"
    print(f"group roles created: {created}")
    return 0


def _resolve(url: str, table: str, values: Sequence[str]) -> list[uuid.UUID]:
    """Facility or program ids from names or ids, read as the signed-in role (RLS applies)."""
    from sqlalchemy import select

    from app.db.engine import make_server_engine
    from app.db.models import Facility, Program
    from app.domain.errors import NotFound

    model = Facility if table == "facility" else Program
    engine = make_server_engine(url)
    ids: list[uuid.UUID] = []
    try:
        with engine.connect() as conn:
            for value in values:
                try:
                    ids.append(uuid.UUID(value))
                    continue
                except ValueError:
                    pass
                found = conn.execute(select(model.id).where(model.name == value)).scalar()
                if found is None:
                    raise NotFound(f"No {table} named {value!r} that you may see.")
                ids.append(found)
    finally:
        engine.dispose()
    return ids


def _staff(args: argparse.Namespace) -> int:
    from app.db import server_admin

    args.url = admin_url(args.url)  # the admin's password first: then the new member's
    if args.staff_command == "add":
        # Never a command-line argument: it would show in the process list and shell history.
        password = os.environ.get("ROLLBOOK_STAFF_PASSWORD") or getpass.getpass(
            f"Password for {args.username}: "
        )
        server_admin.check_password(password)
        staff_id = server_admin.create_staff(
            args.url,
            username=args.username,
            password=password,
            role=args.role,
            facility_id=_resolve(args.url, "facility", [args.facility])[0],
            name_first=args.first,
            name_last=args.last,
            email=args.email,
            program_ids=_resolve(args.url, "program", args.program),
        )
        print(f"created {args.username} ({args.role}), id {staff_id}")
    elif args.staff_command == "disable":
        server_admin.disable_staff(args.url, args.username)
        print(f"disabled {args.username}")
    elif args.staff_command == "enable":
        server_admin.enable_staff(args.url, args.username)
        print(f"enabled {args.username}")
    else:
        server_admin.scope_staff(
            args.url,
            args.username,
            _resolve(args.url, "facility", args.facility),
            _resolve(args.url, "program", args.program),
        )
        print(f"re-scoped {args.username}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from app import demo

    size = demo.DemoSize.preset(args.size)
    overrides = {
        field: getattr(args, field)
        for field in ("facilities", "students", "weeks")
        if getattr(args, field) is not None
    }
    if args.classes is not None:
        overrides["classes_per_facility"] = args.classes
    size = dataclasses.replace(size, **overrides)  # DemoSize refuses nonsense with a ValueError
    engine = _engine(args)
    started = time.perf_counter()

    def progress(step: str, done: int, total: int) -> None:
        print(f"\r{step}: {done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        summary = demo.generate(engine, size, seed=args.seed, progress=progress)
    finally:
        engine.dispose()
    print(file=sys.stderr)
    elapsed = time.perf_counter() - started
    for table, count in sorted(summary.counts.items()):
        print(f"{table:32} {count:>10}")
    print(f"generated in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
