"""The headless command line: ``rollbook db upgrade``, ``rollbook demo``, and the GUI by default."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from app import __version__

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rollbook", description="Rollbook: rosters, sessions and attendance for staff."
    )
    parser.add_argument("--version", action="version", version=f"Rollbook {__version__}")
    sub = parser.add_subparsers(dest="command")

    db = sub.add_parser("db", help="manage the shared PostgreSQL schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    for name, text in (("upgrade", "bring the schema to head"), ("check", "compare models")):
        p = db_sub.add_parser(name, help=text)
        target = p.add_mutually_exclusive_group(required=True)
        target.add_argument("--url", help="PostgreSQL URL, e.g. postgresql://user@host/db")
        target.add_argument("--local", type=Path, help="a local SQLite cache file")

    demo = sub.add_parser("demo", help="generate a deterministic demo data set")
    target = demo.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="PostgreSQL URL to fill (schema is upgraded first)")
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

    sub.add_parser("gui", help="open the desktop application (the default)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.command in (None, "gui"):
        from app.__main__ import main as gui_main

        return gui_main()
    try:
        if args.command == "db":
            return _db(args)
        if args.command == "demo":
            return _demo(args)
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
        return make_server_engine(args.url)
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


def _demo(args: argparse.Namespace) -> int:
    from app import demo

    size = {
        "small": demo.DemoSize.small,
        "workstation": demo.DemoSize.workstation,
        "bench": demo.DemoSize.bench,
    }[args.size]()
    overrides = {
        field: getattr(args, field)
        for field in ("facilities", "students", "weeks")
        if getattr(args, field) is not None
    }
    if args.classes is not None:
        overrides["classes_per_facility"] = args.classes
    size = dataclasses.replace(size, **overrides)
    for name, value in overrides.items():
        if value < 1:
            raise ValueError(f"--{name.replace('_per_facility', '')} must be at least 1")
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
