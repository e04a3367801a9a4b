"""``rollbook workstation init`` and ``rollbook sync``: a workstation's slice, headless.

Both sign in as the staff member (password from ``ROLLBOOK_PASSWORD`` or a prompt, never an
argument), so they share the app's encrypted per-account cache in the user data folder.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import random
import sys
import threading
import uuid
from collections.abc import Sequence

from app.domain.retry import next_try_in

log = logging.getLogger(__name__)

SERVER_HELP = (
    "your staff login's server URL, without the password: postgresql://USER@HOST[:PORT]/DB"
    "[?sslmode=…], or over a local socket postgresql://USER@/DB?host=/var/run/postgresql"
)
PASSWORD_HELP = (
    "Your staff password is read from ROLLBOOK_PASSWORD or asked for in the terminal; it is "
    "never part of the URL or an argument."
)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ws = sub.add_parser("workstation", help="enrol this computer as a workstation")
    ws_sub = ws.add_subparsers(dest="workstation_command", required=True)
    init = ws_sub.add_parser(
        "init", help="register and pull the slice this login may see", epilog=PASSWORD_HELP
    )
    init.add_argument("--server", required=True, help=SERVER_HELP)
    init.add_argument(
        "--facility", action="append", default=[], help="facility name or id (repeat; default all)"
    )
    sync = sub.add_parser(
        "sync", help="push this workstation's changes and pull others'", epilog=PASSWORD_HELP
    )
    sync.add_argument("--server", required=True, help=SERVER_HELP)
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one cycle, then exit (the default)")
    mode.add_argument("--watch", action="store_true", help="keep syncing every --every seconds")
    sync.add_argument("--every", type=float, default=60.0, help="seconds between cycles (--watch)")
    sync.add_argument(
        "--verify",
        action="store_true",
        help="after pulling, compare every table's rows and versions with the server's and "
        "re-copy the tables that differ",
    )


def run(args: argparse.Namespace) -> int:
    from app.db import urls
    from app.domain.errors import DomainError, ValidationError
    from app.infra import paths
    from app.infra.credentials import CredentialStore
    from app.signin import SignInService

    profile, username = urls.workstation_login(args.server)
    password = os.environ.get("ROLLBOOK_PASSWORD")
    if not password:
        if not _terminal():
            raise ValidationError(
                f"No password for {username}: set ROLLBOOK_PASSWORD, or run the command in a "
                "terminal to be asked for it."
            )
        password = getpass.getpass(f"Password for {username} on {profile.label}: ")
    signin = SignInService(CredentialStore(), paths.data_dir())
    session = signin.sign_in(profile, username, password, remember=False)
    try:
        if not session.online:
            print(f"rollbook: {session.notice}", file=sys.stderr)
            return 3
        if args.command == "workstation":
            return _init(session, args.facility)
        return _sync(session, watch=args.watch, every=args.every, verify=args.verify)
    except DomainError as err:
        print(f"rollbook: {err}", file=sys.stderr)
        return 2
    finally:
        session.close()


def _terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _init(session, facilities: Sequence[str]) -> int:  # type: ignore[no-untyped-def]
    from app.domain.errors import NotFound

    wanted: frozenset[uuid.UUID] | None = None
    if facilities:
        from app.repositories.uow import UnitOfWorkFactory
        from app.services.facilities import FacilityService

        # Names as the server has them: the cache is still empty before the first pull.
        on_server = FacilityService(UnitOfWorkFactory(session.server, session.actor))
        known = {f.name: f.id for f in on_server.list_facilities()}
        ids = set()
        for value in facilities:
            try:
                ids.add(uuid.UUID(value))
            except ValueError:
                if value not in known:
                    raise NotFound(f"No facility named {value!r} that you may see.") from None
                ids.add(known[value])
        wanted = frozenset(ids)
    engine = session.sync_engine(wanted, progress=_print_progress)
    report = engine.cycle(verify=True)
    print(file=sys.stderr)
    print(
        f"workstation {engine.device_id} ready: {sum(report.applied.upserted.values())} rows "
        f"pulled for {len(engine.facilities)} facilities"
    )
    print(_verified(engine, report.rebaselined))
    return 0


def verified_text(tables: int, rows: int, differing: Sequence[str]) -> str:
    """What ``--verify`` compared and found, in a sentence."""
    compared = (
        f"verified {tables} tables ({rows} rows, each row's id and version) against the server"
    )
    if not differing:
        return f"{compared}: all matched"
    names = ", ".join(sorted(differing))
    return (
        f"{compared}: {len(differing)} differed ({names}) and "
        f"{'was' if len(differing) == 1 else 'were'} copied again from the server"
    )


def _verified(engine, differing: Sequence[str]) -> str:  # type: ignore[no-untyped-def]
    # After a verify the cache holds the server's slice: its rows are the ones compared.
    rows = sum(len(engine.local.ids_and_versions(t.name, engine.facilities)) for t in engine.tables)
    return verified_text(len(engine.tables), rows, differing)


def _sync(session, *, watch: bool, every: float, verify: bool) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import OperationalError

    from app.sync.local import LocalStore
    from app.sync.status import read_status

    stop = threading.Event()
    failures = 0
    rng = random.Random()
    while True:
        try:
            engine = session.sync_engine(progress=_print_progress)
            report = engine.cycle(verify=verify)
            failures = 0
            print(file=sys.stderr)
            print(
                f"pushed {report.pushed_rows} rows, pulled "
                f"{sum(report.applied.upserted.values())}, removed "
                f"{sum(report.applied.removed.values())}, new issues {report.issues}"
            )
            if verify:
                print(_verified(engine, report.rebaselined))
        except (OSError, OperationalError) as err:
            failures += 1
            log.warning("sync failed (%s); will retry", err)
        except Exception as err:
            if not watch:
                raise
            failures += 1
            log.warning("sync failed (%s); will retry", err)
        print(read_status(LocalStore(session.cache)).describe())
        if not watch:
            return 0 if failures == 0 else 4
        if stop.wait(next_try_in(failures, every, rng)):
            return 0


def _print_progress(stage: str, done: int, total: int) -> None:
    """A stage with a count ("initial pull: 3/12", "push: 500"); one with nothing to count
    yet ("building indexes…") shows its name alone, not a count of 0."""
    if total:
        shown = f": {done}/{total}"
    elif done:
        shown = f": {done}"
    else:
        shown = "…"
    print(f"\r{stage}{shown}          ", end="", file=sys.stderr, flush=True)
