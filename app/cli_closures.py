"""``rollbook closures add|list|remove``: a facility's closed days, for admins scripting holidays.

Each command connects to the server with the admin's own login (``--url``, the password as for
every admin command: ``app.cli_login``) and goes through ``ClosureService``, so what it writes
is checked, stamped and audited as at the desk, and row-level security decides what that login
may see and write: staff who are not admins read closures, admins of the facility declare them.
Desks receive them at their next sync.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from app.cli_admin import FACILITY_HELP, day_arg, facility_id, run_as_login
from app.cli_login import ADMIN_PASSWORD_HELP, URL_HELP

if TYPE_CHECKING:  # SQLAlchemy and the services load when a command runs, not to parse its line
    from sqlalchemy import Engine

    from app.repositories.uow import UnitOfWorkFactory
    from app.services.closures import ClosureView


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    closures = sub.add_parser(
        "closures",
        help="the days a facility is closed (holidays, planned shutdowns)",
        epilog=ADMIN_PASSWORD_HELP,
    )
    closures.set_defaults(run=run)
    cs = closures.add_subparsers(dest="closures_command", required=True)
    add = cs.add_parser(
        "add",
        help="close a facility on a day or from one day to another, with a reason",
        epilog=ADMIN_PASSWORD_HELP,
    )
    listing = cs.add_parser("list", help="a facility's closures", epilog=ADMIN_PASSWORD_HELP)
    remove = cs.add_parser(
        "remove", help="open the days of a closure again", epilog=ADMIN_PASSWORD_HELP
    )
    for parser in (add, listing, remove):
        parser.add_argument("--url", required=True, help=URL_HELP)
        parser.add_argument("--facility", required=True, help=FACILITY_HELP)
    add.add_argument("--from", dest="first", required=True, type=day_arg, help="first day closed")
    add.add_argument(
        "--to", dest="last", type=day_arg, help="last day closed, inclusive (default: --from)"
    )
    add.add_argument("--reason", required=True, help="why, e.g. 'Public holiday'")
    which = remove.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", type=uuid.UUID, help="the closure's id (as list shows it)")
    which.add_argument("--date", type=day_arg, help="the closure that covers this day")


def run(args: argparse.Namespace) -> int:
    return run_as_login(args.url, lambda engine, uow: _act(args, engine, uow))


def _act(args: argparse.Namespace, engine: Engine, uow: UnitOfWorkFactory) -> None:
    from app.services.closures import ClosureService

    service = ClosureService(uow)
    facility = facility_id(engine, args.facility)
    if args.closures_command == "add":
        added = service.add(facility, args.first, args.last, args.reason)
        closure = added.closure
        print(f"Closed {closure.dates_text}: {closure.reason} ({closure.id})")
        if added.marks_for_review:
            print(f"{added.marks_for_review} marks already taken then set for review")
    elif args.closures_command == "list":
        shown = service.closures(facility)
        for c in shown:
            print(f"{c.id}  {c.first_date}  {c.last_date}  {c.reason}")
        if not shown:
            print("No closures: the facility is open.")
    else:
        closure_id = args.id or _covering(service.closures(facility), args.date)
        removed = service.remove(closure_id)
        print(f"Open again: {removed.dates_text} ({removed.reason})")


def _covering(closures: Sequence[ClosureView], day: date | None) -> uuid.UUID:
    from app.domain.errors import NotFound

    for c in closures:
        if day is not None and c.first_date <= day <= c.last_date:
            return c.id
    raise NotFound(f"The facility is not closed on {day}.")
