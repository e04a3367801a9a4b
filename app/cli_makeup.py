"""``rollbook makeup link|unlink|list``: make-up sessions and the missed sessions they make up.

Each command connects to the server with the staff member's own login (``--url``, the password
as for every admin command: ``app.cli_login``) and goes through ``MakeupService``, so a link is
checked, stamped and audited as at the desk and row-level security decides what the login sees
and writes (the staff of the facility). A session is named by its class (``--class``, name or
id) and its day, with the time when the class meets more than once that day
(``2026-03-14`` or ``2026-03-14T09:00``). Desks receive the links at their next sync.
"""

from __future__ import annotations

import argparse
import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from app.cli_admin import class_id, facility_commands, print_lines

if TYPE_CHECKING:  # SQLAlchemy and the services load when a command runs, not to parse its line
    from sqlalchemy import Engine

    from app.repositories.uow import UnitOfWorkFactory
    from app.services.makeups import MakeupView
    from app.services.schedule import ScheduleService

SESSION_HELP = "the session: its day, with the time if the class meets twice that day"

When = tuple[date, time | None]


def _when(text: str) -> When:
    try:
        if "T" in text or " " in text:
            moment = datetime.fromisoformat(text)
            return moment.date(), moment.time()
        return date.fromisoformat(text), None
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a day (YYYY-MM-DD) or a day and time (YYYY-MM-DDTHH:MM)"
        ) from None


def _day(text: str) -> date:
    return _when(text)[0]


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = facility_commands(
        sub, "makeup", "make-up sessions and the missed sessions of their class they make up", _act
    )
    link = command("link", "make a session a make-up for missed sessions")
    unlink = command("unlink", "a session no longer makes up a missed one")
    for parser in (link, unlink):
        parser.add_argument("--class", dest="klass", required=True, help="the class, by name or id")
        parser.add_argument(
            "--session", required=True, type=_when, help="the make-up " + SESSION_HELP
        )
    link.add_argument(
        "--missed",
        required=True,
        action="append",
        type=_when,
        help="a missed " + SESSION_HELP + " (repeat)",
    )
    unlink.add_argument("--missed", type=_when, help="only this missed session (default: all)")
    listing = command("list", "a facility's make-up sessions")
    listing.add_argument("--from", dest="start", type=_day, help="make-ups from this day")
    listing.add_argument("--to", dest="end", type=_day, help="make-ups up to this day")


def _act(
    args: argparse.Namespace, engine: Engine, uow: UnitOfWorkFactory, facility: uuid.UUID
) -> None:
    from app.services.makeups import MakeupService
    from app.services.schedule import ScheduleService

    makeups, schedule = MakeupService(uow), ScheduleService(uow)
    if args.makeup_command == "list":
        shown = makeups.makeups(facility, args.start, args.end)
        print_lines(map(_line, shown), "No make-up sessions.")
        return
    klass = class_id(engine, facility, args.klass)
    series_id, day = _session(schedule, facility, klass, args.session)
    if args.makeup_command == "link":
        missed = [_session(schedule, facility, klass, m) for m in args.missed]
        print(_line(makeups.link(series_id, day, missed)))
    else:
        only = _session(schedule, facility, klass, args.missed) if args.missed else None
        gone = makeups.unlink(series_id, day, only)
        print(f"Unlinked {gone} missed session(s).")


def _line(view: MakeupView) -> str:
    missed = "; ".join(m.label for m in view.missed)
    who = ", ".join(view.students) if view.students else "nobody absent"
    return f"{view.makeup.label}: make-up for {missed} (for {who})"


def _session(
    schedule: ScheduleService, facility: uuid.UUID, klass: uuid.UUID, when: When
) -> tuple[uuid.UUID, date]:
    """The class's session on that day (at that time): (series, original date)."""
    from app.domain.errors import NotFound, ValidationError

    day, at = when
    found = [
        o
        for o in schedule.occurrences(facility, day, day, class_id=klass)
        if at is None or o.start_local.time().replace(tzinfo=None) == at
    ]
    if not found:
        raise NotFound(f"The class has no session on {day}" + (f" at {at:%H:%M}." if at else "."))
    if len(found) > 1:
        times = ", ".join(f"{o.start_local:%H:%M}" for o in found)
        raise ValidationError(f"The class meets more than once on {day} ({times}): give the time.")
    return found[0].series_id, found[0].original_date
