"""``rollbook disruption add|list|lift``: a lockdown, a count, a storm, for admins scripting it.

``add`` cancels every session of a facility (or of the rooms and programs named) meeting a
window of time (``--from`` and ``--to``, wall-clock times of the facility), with a reason;
``lift`` brings the sessions back. Each command connects to the server with the admin's own
login (``--url``, the password as for every admin command: ``app.cli_login``) and goes through
``DisruptionService``, so what it writes is checked, stamped and audited as at the desk, and
row-level security decides what that login may see and write: staff who are not admins read
disruptions, admins of the facility declare and lift them. Desks receive them at their next sync.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.cli_admin import FACILITY_HELP, facility_id, moment_arg, run_as_login
from app.cli_login import ADMIN_PASSWORD_HELP, URL_HELP

if TYPE_CHECKING:  # SQLAlchemy and the services load when a command runs, not to parse its line
    from sqlalchemy import Engine

    from app.repositories.uow import UnitOfWorkFactory


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    disruption = sub.add_parser(
        "disruption",
        help="cancel a facility's sessions for a while (a lockdown, a count, a storm)",
        epilog=ADMIN_PASSWORD_HELP,
    )
    disruption.set_defaults(run=run)
    ds = disruption.add_subparsers(dest="disruption_command", required=True)
    add = ds.add_parser(
        "add",
        help="cancel the sessions meeting a window of time, with a reason",
        epilog=ADMIN_PASSWORD_HELP,
    )
    listing = ds.add_parser("list", help="a facility's disruptions", epilog=ADMIN_PASSWORD_HELP)
    lift = ds.add_parser(
        "lift", help="lift a disruption: its sessions are held again", epilog=ADMIN_PASSWORD_HELP
    )
    for parser in (add, listing, lift):
        parser.add_argument("--url", required=True, help=URL_HELP)
        parser.add_argument("--facility", required=True, help=FACILITY_HELP)
    add.add_argument(
        "--from", dest="starts", required=True, type=moment_arg, help="'YYYY-MM-DD HH:MM' local"
    )
    add.add_argument(
        "--to", dest="ends", required=True, type=moment_arg, help="'YYYY-MM-DD HH:MM' local"
    )
    add.add_argument("--reason", required=True, help="why, e.g. 'Lockdown'")
    add.add_argument(
        "--room", action="append", default=[], help="only this room's sessions (repeatable)"
    )
    add.add_argument(
        "--program", action="append", default=[], help="only this program's (repeatable)"
    )
    lift.add_argument("--id", required=True, type=uuid.UUID, help="as list shows it")


def run(args: argparse.Namespace) -> int:
    return run_as_login(args.url, lambda engine, uow: _act(args, engine, uow))


def _act(args: argparse.Namespace, engine: Engine, uow: UnitOfWorkFactory) -> None:
    from app.services.disruptions import DisruptionService

    service = DisruptionService(uow)
    facility = facility_id(engine, args.facility)
    if args.disruption_command == "add":
        choices = service.choices(facility)
        declared = service.declare(
            facility,
            args.starts,
            args.ends,
            args.reason,
            room_ids=_named(choices.rooms, args.room, "room"),
            program_ids=_named(choices.programs, args.program, "program"),
        )
        d = declared.disruption
        print(f"Disruption declared: {d.window_text}, {d.reason}, {d.scope_text} ({d.id})")
        print(f"{declared.sessions} sessions cancelled")
        if declared.marks_for_review:
            print(f"{declared.marks_for_review} marks already taken then set for review")
    elif args.disruption_command == "list":
        shown = service.disruptions(facility)
        for d in shown:
            state = "lifted" if d.lifted else "in force"
            print(f"{d.id}  {d.window_text}  {state}  {d.reason}  ({d.scope_text})")
        if not shown:
            print("No disruptions: every session is held.")
    else:
        lifted = service.lift(args.id)
        print(f"Lifted: {lifted.window_text} ({lifted.reason})")


def _named(
    known: Sequence[tuple[uuid.UUID, str]], given: Sequence[str], what: str
) -> list[uuid.UUID]:
    """The ids of the rooms or programs named (by name or id)."""
    from app.domain.errors import NotFound

    found = []
    for name in given:
        match = [i for i, n in known if n == name or str(i) == name]
        if not match:
            raise NotFound(f"No {what} {name!r} at this facility.")
        found.append(match[0])
    return found
