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

from app.cli_admin import facility_commands, moment_arg, print_lines, print_marks_for_review

if TYPE_CHECKING:  # SQLAlchemy and the services load when a command runs, not to parse its line
    from sqlalchemy import Engine

    from app.repositories.uow import UnitOfWorkFactory


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = facility_commands(
        sub,
        "disruption",
        "cancel a facility's sessions for a while (a lockdown, a count, a storm)",
        _act,
    )
    add = command("add", "cancel the sessions meeting a window of time, with a reason")
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
    command("list", "a facility's disruptions")
    lift = command("lift", "lift a disruption: its sessions are held again")
    lift.add_argument("--id", required=True, type=uuid.UUID, help="as list shows it")


def _act(
    args: argparse.Namespace, engine: Engine, uow: UnitOfWorkFactory, facility: uuid.UUID
) -> None:
    from app.services.disruptions import DisruptionService

    service = DisruptionService(uow)
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
        print_marks_for_review(declared.marks_for_review)
    elif args.disruption_command == "list":
        print_lines(
            (
                f"{d.id}  {d.window_text}  {'lifted' if d.lifted else 'in force'}  {d.reason}  "
                f"({d.scope_text})"
                for d in service.disruptions(facility)
            ),
            "No disruptions: every session is held.",
        )
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
