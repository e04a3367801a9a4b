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
import sys
import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from app.cli_login import ADMIN_PASSWORD_HELP, URL_HELP, admin_url

if TYPE_CHECKING:  # SQLAlchemy and the services load when a command runs, not to parse its line
    from sqlalchemy import Engine

    from app.services.makeups import MakeupService, MakeupView
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
    makeup = sub.add_parser(
        "makeup",
        help="make-up sessions and the missed sessions of their class they make up",
        epilog=ADMIN_PASSWORD_HELP,
    )
    makeup.set_defaults(run=run)
    ms = makeup.add_subparsers(dest="makeup_command", required=True)
    link = ms.add_parser(
        "link", help="make a session a make-up for missed sessions", epilog=ADMIN_PASSWORD_HELP
    )
    unlink = ms.add_parser(
        "unlink", help="a session no longer makes up a missed one", epilog=ADMIN_PASSWORD_HELP
    )
    listing = ms.add_parser(
        "list", help="a facility's make-up sessions", epilog=ADMIN_PASSWORD_HELP
    )
    for parser in (link, unlink, listing):
        parser.add_argument("--url", required=True, help=URL_HELP)
        parser.add_argument("--facility", required=True, help="the facility, by name or id")
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
    listing.add_argument("--from", dest="start", type=_day, help="make-ups from this day")
    listing.add_argument("--to", dest="end", type=_day, help="make-ups up to this day")


def run(args: argparse.Namespace) -> int:
    from app.db.engine import make_server_engine
    from app.domain.errors import DomainError

    url = admin_url(args.url)
    engine = make_server_engine(url)
    try:
        makeups, schedule = _services(engine, url)
        facility = _facility(engine, args.facility)
        if args.makeup_command == "list":
            shown = makeups.makeups(facility, args.start, args.end)
            for view in shown:
                print(_line(view))
            if not shown:
                print("No make-up sessions.")
            return 0
        klass = _class(engine, facility, args.klass)
        series_id, day = _session(schedule, facility, klass, args.session)
        if args.makeup_command == "link":
            missed = [_session(schedule, facility, klass, m) for m in args.missed]
            print(_line(makeups.link(series_id, day, missed)))
        else:
            only = _session(schedule, facility, klass, args.missed) if args.missed else None
            gone = makeups.unlink(series_id, day, only)
            print(f"Unlinked {gone} missed session(s).")
    except DomainError as err:
        print(f"rollbook: {err}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    return 0


def _line(view: MakeupView) -> str:
    missed = "; ".join(m.label for m in view.missed)
    who = ", ".join(view.students) if view.students else "nobody absent"
    return f"{view.makeup.label}: make-up for {missed} (for {who})"


def _services(engine: Engine, url: str) -> tuple[MakeupService, ScheduleService]:
    """The services of the login behind ``url``, acting as it (its role read from the server:
    a login with no staff row, the database owner, acts as a system administrator)."""
    from sqlalchemy import select

    from app.db import urls
    from app.db.models import User
    from app.domain.actor import Actor
    from app.domain.enums import Role
    from app.repositories.uow import UnitOfWorkFactory
    from app.services.makeups import MakeupService
    from app.services.schedule import ScheduleService

    username = urls.address(url).username or "rollbook"
    with engine.connect() as conn:
        role = conn.scalar(select(User.role).where(User.username == username))
    actor = Actor(username, Role(role) if role is not None else Role.SYSTEM_ADMIN, "rollbook-cli")
    uow = UnitOfWorkFactory(engine, actor)
    return MakeupService(uow), ScheduleService(uow)


def _one(engine: Engine, stmt: object, what: str) -> uuid.UUID:
    from app.domain.errors import NotFound

    with engine.connect() as conn:
        found = conn.scalars(stmt).all()  # type: ignore[call-overload]
    if len(found) != 1:
        raise NotFound(f"No {what} this login can see.")
    return uuid.UUID(str(found[0]))


def _by_name_or_id(given: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(given)
    except ValueError:
        return None


def _facility(engine: Engine, given: str) -> uuid.UUID:
    from sqlalchemy import select

    from app.db.models import Facility

    wanted = _by_name_or_id(given)
    stmt = select(Facility.id).where(Facility.deleted_at.is_(None))
    stmt = stmt.where(Facility.id == wanted) if wanted else stmt.where(Facility.name == given)
    return _one(engine, stmt, f"facility {given!r}")


def _class(engine: Engine, facility: uuid.UUID, given: str) -> uuid.UUID:
    from sqlalchemy import select

    from app.db.models import ProgramClass

    wanted = _by_name_or_id(given)
    stmt = select(ProgramClass.id).where(
        ProgramClass.deleted_at.is_(None), ProgramClass.facility_id == facility
    )
    stmt = (
        stmt.where(ProgramClass.id == wanted) if wanted else stmt.where(ProgramClass.name == given)
    )
    return _one(engine, stmt, f"class {given!r} at that facility")


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
