"""``rollbook print sheets`` and ``rollbook print cards``: the desk's paper, headless.

Both read a workstation's cache: this computer's workstation of the login in ``--server``
(signing in as the desk does: the password from ``ROLLBOOK_PASSWORD`` or a prompt; offline
works, the cache is local), the demo workstation (``--demo``), or a cache file (``--local``).
The PDFs are the desk's own (``app.ui.paper_week``, ``app.ui.id_cards``), drawn by Qt's PDF
writer on an offscreen ``QGuiApplication``: no display needed.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.cli_admin import day_arg
from app.domain.errors import NotFound, ValidationError

SERVER_HELP = (
    "the workstation of this staff login: postgresql://USER@HOST[:PORT]/DB (its cache on this "
    "computer is read; the password comes from ROLLBOOK_PASSWORD or a prompt)"
)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    printing = sub.add_parser("print", help="print sign-in sheets or student ID cards as PDF")
    printing.set_defaults(run=run)
    printing_sub = printing.add_subparsers(dest="print_command", required=True)
    sheets = printing_sub.add_parser(
        "sheets",
        help="the blank sign-in sheets of every session of a day or a week, in one PDF",
    )
    sheets.add_argument("--facility", required=True, help="facility name or id")
    span = sheets.add_mutually_exclusive_group(required=True)
    span.add_argument("--week", type=day_arg, help="a day of the week (Monday to Sunday) to print")
    span.add_argument("--day", type=day_arg, help="the day to print")
    whose = sheets.add_mutually_exclusive_group()
    whose.add_argument("--instructor", help="only this instructor's sessions: name or id")
    whose.add_argument("--room", help="only the sessions in this room: name or id")
    cards = printing_sub.add_parser("cards", help="student ID cards with a Code 128 barcode")
    target = cards.add_mutually_exclusive_group(required=True)
    target.add_argument("--student", help="one student, by student number")
    target.add_argument("--class", dest="class_", help="the students enrolled in a class: id")
    target.add_argument("--facility", help="every active student of a facility: name or id")
    for p in (sheets, cards):
        p.add_argument("--to", required=True, type=Path, help="the PDF file to write")
        cache = p.add_mutually_exclusive_group(required=True)
        cache.add_argument("--server", help=SERVER_HELP)
        cache.add_argument("--demo", action="store_true", help="the demo workstation")
        cache.add_argument("--local", type=Path, help="a workstation cache file")


def run(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError

    _gui_application()
    try:
        with _services(args) as services:
            if args.print_command == "sheets":
                return _sheets(services, args)
            return _cards(services, args)
    except DomainError as err:
        print(f"rollbook: {err}", file=sys.stderr)
        return 2


def _gui_application() -> None:
    """Qt's PDF writer needs a QGuiApplication: an offscreen one unless there is one."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _gui_application.app = QGuiApplication(["rollbook", "-platform", "offscreen"])  # type: ignore[attr-defined]


@contextmanager
def _services(args: argparse.Namespace) -> Iterator[Any]:
    from app.bootstrap import DEMO_ACTOR, build_services, open_local_cache
    from app.infra import paths

    if args.server is None:
        path = paths.demo_cache_path() if args.demo else args.local
        if not path.exists():
            raise NotFound(f"No workstation cache at {path}.")
        engine = open_local_cache(path)
        try:
            yield build_services(engine, DEMO_ACTOR)
        finally:
            engine.dispose()
        return
    from app.db import urls
    from app.infra.credentials import CredentialStore
    from app.signin import SignInService

    profile, username = urls.workstation_login(args.server)
    password = os.environ.get("ROLLBOOK_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            raise ValidationError(
                f"No password for {username}: set ROLLBOOK_PASSWORD, or run the command in a "
                "terminal to be asked for it."
            )
        password = getpass.getpass(f"Password for {username} on {profile.label}: ")
    session = SignInService(CredentialStore(), paths.data_dir()).sign_in(
        profile, username, password, remember=False
    )
    try:
        if session.notice:
            print(f"rollbook: {session.notice}", file=sys.stderr)
        yield session.services
    finally:
        session.close()


def _pick(what: str, value: str, choices: Sequence[tuple[str, uuid.UUID]]) -> uuid.UUID:
    """The id of ``value``: an id, or a name (exactly, or else ignoring case)."""
    try:
        wanted = uuid.UUID(value)
    except ValueError:
        pass
    else:
        if any(ident == wanted for _n, ident in choices):
            return wanted
        raise NotFound(f"No {what} with id {value} in this workstation's data.")
    exact = [ident for name, ident in choices if name == value]
    loose = [ident for name, ident in choices if name.casefold() == value.casefold()]
    found = exact or loose
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(f"Several {what}s are named {value!r}: give the id.")
    known = ", ".join(sorted(name for name, _i in choices)) or "none"
    raise NotFound(f"No {what} named {value!r} (known: {known}).")


def _facility(services: Any, value: str) -> uuid.UUID:
    facilities = [(f.name, f.id) for f in services.facilities.list_facilities()]
    return _pick("facility", value, facilities)


def _sheets(services: Any, args: argparse.Namespace) -> int:
    from app.ui.calendar.layout import period
    from app.ui.paper_week import Whose, write_week_pdf

    facility_id = _facility(services, args.facility)
    start, end = period("week", args.week) if args.week else (args.day, args.day)
    whose = Whose()
    if args.instructor or args.room:
        choices = services.series_edit.choices(facility_id)
        if args.instructor:
            people = [(c.name, c.id) for c in choices.instructors]
            ident = _pick("instructor", args.instructor, people)
            name = next(n for n, i in people if i == ident)
            whose = Whose(f"instructor {name}", instructor_id=ident)
        else:
            rooms = [(c.name, c.id) for c in choices.rooms]
            ident = _pick("room", args.room, rooms)
            name = next(n for n, i in rooms if i == ident)
            whose = Whose(f"room {name}", room_id=ident)
    printed = write_week_pdf(services, facility_id, start, end, whose, args.to)
    print(f"{printed.sessions} sessions, {printed.pages} pages: sign-in sheets saved to {args.to}")
    return 0


def _cards(services: Any, args: argparse.Namespace) -> int:
    from app.ui.id_cards import (
        cards_for_class,
        cards_for_facility,
        cards_for_student,
        cards_pdf_bytes,
    )

    if args.student:
        found = [
            s
            for s in services.people.search_students(None, args.student, include_inactive=True)
            if s.student_number == args.student
        ]
        if not found:
            raise NotFound(f"No student with number {args.student!r} in this workstation's data.")
        batch = cards_for_student(services, found[0].id)
    elif args.class_:
        try:
            class_id = uuid.UUID(args.class_)
        except ValueError:
            raise ValidationError(f"{args.class_!r} is not a class id.") from None
        batch = cards_for_class(services, class_id)
    else:
        batch = cards_for_facility(services, _facility(services, args.facility))
    args.to.write_bytes(cards_pdf_bytes(batch.cards, f"Student ID cards: {batch.what}"))
    print(f"{len(batch.cards)} ID cards of {batch.what} saved to {args.to}")
    if batch.without_number:
        left_out = "; ".join(batch.without_number)
        print(
            f"rollbook: left out, no student number a barcode can hold: {left_out}",
            file=sys.stderr,
        )
    return 0
