"""What the commands that act on the server as a staff login share (``closures``,
``disruption``, ``makeup``): a day or a moment on the command line, the unit of work of the
login behind ``--url`` (acting as it, its role read from the server), facilities and classes
named by name or id, one shape of their command lines (``command sub --url --facility``), and
one way to run: connect, act, say a refusal in words, disconnect.

Each command's services then check, stamp and audit what it writes as at the desk, and
row-level security decides what the login may see and write.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.cli_login import ADMIN_PASSWORD_HELP, URL_HELP, admin_url

if TYPE_CHECKING:  # SQLAlchemy loads when a command runs, not to parse its line
    from sqlalchemy import Engine

    from app.repositories.uow import UnitOfWorkFactory

FACILITY_HELP = "the facility, by name or id"
CLI_DEVICE = "rollbook-cli"


Act = Callable[[argparse.Namespace, "Engine", "UnitOfWorkFactory", uuid.UUID], None]


def facility_commands(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    what: str,
    act: Act,
) -> Callable[[str, str], argparse.ArgumentParser]:
    """The ``name`` command (``what`` it is about); running it calls ``act(args, engine, uow,
    facility)`` as the login of ``--url`` (``run_as_login``). Returns what adds a sub-command
    (its name, its help; the one given goes to ``args.<name>_command``), each taking the
    admin's ``--url`` and the ``--facility``."""
    parser = sub.add_parser(name, help=what, epilog=ADMIN_PASSWORD_HELP)
    parser.set_defaults(run=lambda args: _run_on_facility(act, args))
    subs = parser.add_subparsers(dest=f"{name}_command", required=True)

    def command(command: str, help_text: str) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = subs.add_parser(
            command, help=help_text, epilog=ADMIN_PASSWORD_HELP
        )
        made.add_argument("--url", required=True, help=URL_HELP)
        made.add_argument("--facility", required=True, help=FACILITY_HELP)
        return made

    return command


def print_lines(lines: Iterable[str], empty: str) -> None:
    """Prints ``lines``, one an entry listed, or ``empty`` where there are none."""
    printed = False
    for line in lines:
        print(line)
        printed = True
    if not printed:
        print(empty)


def print_marks_for_review(marks: int) -> None:
    """Says how many marks a write set for review, if any."""
    if marks:
        print(f"{marks} marks already taken then set for review")


def _run_on_facility(act: Act, args: argparse.Namespace) -> int:
    return run_as_login(
        args.url, lambda engine, uow: act(args, engine, uow, facility_id(engine, args.facility))
    )


def day_arg(text: str) -> date:
    """An argparse type: a day written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def moment_arg(text: str) -> datetime:
    """An argparse type: a day and a time, YYYY-MM-DD HH:MM (or with a T)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time (YYYY-MM-DD HH:MM)"
        ) from None


def run_as_login(url: str, act: Callable[[Engine, UnitOfWorkFactory], None]) -> int:
    """Connect as the login of ``url`` (the password as for every admin command), run ``act``
    with the engine and the login's unit of work, and say a refusal on stderr (exit status 2)."""
    from app.db.engine import make_server_engine
    from app.domain.errors import DomainError

    url = admin_url(url)
    engine = make_server_engine(url)
    try:
        act(engine, login_uow(engine, url))
    except DomainError as err:
        print(f"rollbook: {err}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    return 0


def login_uow(engine: Engine, url: str) -> UnitOfWorkFactory:
    """The unit of work of the login behind ``url``, acting as it (its role read from the
    server: a login with no staff row, the database owner, acts as a system administrator)."""
    from sqlalchemy import select

    from app.db import urls
    from app.db.models import User
    from app.domain.actor import Actor
    from app.domain.enums import Role
    from app.repositories.uow import UnitOfWorkFactory

    username = urls.address(url).username or "rollbook"
    with engine.connect() as conn:
        role = conn.scalar(select(User.role).where(User.username == username))
    actor = Actor(username, Role(role) if role is not None else Role.SYSTEM_ADMIN, CLI_DEVICE)
    return UnitOfWorkFactory(engine, actor)


def facility_id(engine: Engine, given: str) -> uuid.UUID:
    """The facility named ``given`` (its name or id) that the login can see."""
    from sqlalchemy import select

    from app.db.models import Facility

    wanted = _uuid_or_none(given)
    stmt = select(Facility.id).where(Facility.deleted_at.is_(None))
    stmt = stmt.where(Facility.id == wanted) if wanted else stmt.where(Facility.name == given)
    return _one(engine, stmt, f"facility {given!r}")


def class_id(engine: Engine, facility: uuid.UUID, given: str) -> uuid.UUID:
    """The class of ``facility`` named ``given`` (its name or id) that the login can see."""
    from sqlalchemy import select

    from app.db.models import ProgramClass

    wanted = _uuid_or_none(given)
    stmt = select(ProgramClass.id).where(
        ProgramClass.deleted_at.is_(None), ProgramClass.facility_id == facility
    )
    stmt = (
        stmt.where(ProgramClass.id == wanted) if wanted else stmt.where(ProgramClass.name == given)
    )
    return _one(engine, stmt, f"class {given!r} at that facility")


def _one(engine: Engine, stmt: Any, what: str) -> uuid.UUID:
    from app.domain.errors import NotFound

    with engine.connect() as conn:
        found = conn.scalars(stmt).all()
    if len(found) != 1:
        raise NotFound(f"No {what} this login can see.")
    return uuid.UUID(str(found[0]))


def _uuid_or_none(given: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(given)
    except ValueError:
        return None
