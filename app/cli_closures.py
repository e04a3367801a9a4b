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

from app.cli_admin import day_arg, facility_commands, print_lines, print_marks_for_review

if TYPE_CHECKING:  # SQLAlchemy and the services load when a command runs, not to parse its line
    from sqlalchemy import Engine

    from app.repositories.uow import UnitOfWorkFactory
    from app.services.closures import ClosureView


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = facility_commands(
        sub, "closures", "the days a facility is closed (holidays, planned shutdowns)", _act
    )
    add = command("add", "close a facility on a day or from one day to another, with a reason")
    add.add_argument("--from", dest="first", required=True, type=day_arg, help="first day closed")
    add.add_argument(
        "--to", dest="last", type=day_arg, help="last day closed, inclusive (default: --from)"
    )
    add.add_argument("--reason", required=True, help="why, e.g. 'Public holiday'")
    command("list", "a facility's closures")
    which = command("remove", "open the days of a closure again").add_mutually_exclusive_group(
        required=True
    )
    which.add_argument("--id", type=uuid.UUID, help="the closure's id (as list shows it)")
    which.add_argument("--date", type=day_arg, help="the closure that covers this day")


def _act(
    args: argparse.Namespace, engine: Engine, uow: UnitOfWorkFactory, facility: uuid.UUID
) -> None:
    from app.services.closures import ClosureService

    service = ClosureService(uow)
    if args.closures_command == "add":
        added = service.add(facility, args.first, args.last, args.reason)
        closure = added.closure
        print(f"Closed {closure.dates_text}: {closure.reason} ({closure.id})")
        print_marks_for_review(added.marks_for_review)
    elif args.closures_command == "list":
        print_lines(
            (
                f"{c.id}  {c.first_date}  {c.last_date}  {c.reason}"
                for c in service.closures(facility)
            ),
            "No closures: the facility is open.",
        )
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
