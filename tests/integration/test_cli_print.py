"""``rollbook print sheets`` and ``rollbook print cards`` run as a person runs them (a process, no
display, stdin not a terminal) on a workstation cache of a Cameroonian facility (names with
accents, times in Africa/Douala)."""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from app.bootstrap import build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import Role
from app.repositories.uow import UnitOfWorkFactory
from tests.integration.factories import (
    add_class,
    add_facility,
    add_person,
    add_program,
    add_room,
    add_series,
    enrol_all,
)
from tests.integration.test_cli_newcomer import rollbook
from tests.ui.test_id_cards import pdf_text, scanned

FACILITY = "Académie du Nord"
WEEK = "2026-11-18"  # a Wednesday: the week is Monday 16 to Sunday 22 November


@dataclass
class World:
    cache: Path
    welding: uuid.UUID  # "Soudure", Mondays 08:30 in Atelier with Hélène Mbarga, 12 students
    joinery: uuid.UUID  # "Menuiserie", Wednesdays 14:00 in Salle 1, the first 5 students
    empty: uuid.UUID  # "Électricité", nobody enrolled
    numbers: list[str]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    cache = tmp_path_factory.mktemp("print") / "cache.sqlite3"
    engine = open_local_cache(cache)
    uow = UnitOfWorkFactory(engine, Actor("cli_test", device_id="ws-1"))
    with uow() as u:
        facility = add_facility(u, FACILITY, "Africa/Douala")
        program = add_program(u, "Métiers")
        atelier = add_room(u, facility, "Atelier")
        salle = add_room(u, facility, "Salle 1")
        helene = add_person(u, facility, "Hélène", "Mbarga", role=Role.INSTRUCTOR)
        u.flush()
        welding = add_class(u, facility, program, "Soudure", instructor_id=helene)
        joinery = add_class(u, facility, program, "Menuiserie")
        empty = add_class(u, facility, program, "Électricité")
        u.flush()
        add_series(
            u, facility, welding, datetime(2026, 1, 5, 8, 30), room_id=atelier, instructor_id=helene
        )
        add_series(u, facility, joinery, datetime(2026, 1, 7, 14, 0), room_id=salle)
        numbers = [f"CM-{i:05d}" for i in range(12)]
        students = [
            add_person(u, facility, f"Zoë-Éloïse {i}", f"Ngũgĩ{i:02d}", number=number)
            for i, number in enumerate(numbers)
        ]
        u.commit()
    services = build_services(engine, Actor("cli_test", device_id="ws-1"))
    enrol_all(services.rosters, welding, students)
    enrol_all(services.rosters, joinery, students[:5])
    with engine.begin() as conn:  # enrolled before the week printed
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
    engine.dispose()
    return World(cache, welding, joinery, empty, numbers)


def pages(path: Path) -> list[str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in reader.pages]


def test_a_week_of_sheets_in_time_order(world: World, tmp_path: Path) -> None:
    out = tmp_path / "week.pdf"
    done = rollbook(
        "print", "sheets", "--local", str(world.cache), "--facility", FACILITY,
        "--week", WEEK, "--to", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = pages(out)
    assert done.stdout == f"2 sessions, {len(shown)} pages: sign-in sheets saved to {out}\n"
    starts = [i for i, text in enumerate(shown) if "Page 1 of" in text]
    assert len(starts) == 2 and starts[0] == 0
    monday, wednesday = shown[0], shown[starts[1]]
    assert "Sign-in sheet: Soudure" in monday
    assert "Monday 16 November 2026, 08:30–09:30 (Africa/Douala)" in monday
    assert "Instructor: Hélène Mbarga" in monday
    assert "Ngũgĩ00, Zoë-Éloïse 0" in monday
    assert "Sign-in sheet: Menuiserie" in wednesday
    assert "Wednesday 18 November 2026, 14:00–15:00 (Africa/Douala)" in wednesday
    assert all("Soudure" in p for p in shown[: starts[1]])
    assert all("Menuiserie" in p for p in shown[starts[1] :])


def test_one_instructors_week_and_one_rooms_day(world: World, tmp_path: Path) -> None:
    hers = tmp_path / "helene.pdf"
    done = rollbook(
        "print", "sheets", "--local", str(world.cache), "--facility", FACILITY,
        "--week", WEEK, "--instructor", "Hélène Mbarga", "--to", str(hers),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 sessions,")
    assert all("Soudure" in p and "Menuiserie" not in p for p in pages(hers))
    room = tmp_path / "salle.pdf"
    done = rollbook(
        "print", "sheets", "--local", str(world.cache), "--facility", FACILITY,
        "--day", "2026-11-18", "--room", "salle 1", "--to", str(room),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert all("Menuiserie" in p and "Room: Salle 1" in p for p in pages(room))


def test_a_day_without_sessions_is_a_message_and_no_file(world: World, tmp_path: Path) -> None:
    out = tmp_path / "tuesday.pdf"
    done = rollbook(
        "print", "sheets", "--local", str(world.cache), "--facility", FACILITY,
        "--day", "2026-11-17", "--to", str(out),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        f"rollbook: No sessions to print for {FACILITY} on Tue 17 Nov 2026: no file was written.\n"
    )
    assert not out.exists()
    unknown = rollbook(
        "print", "sheets", "--local", str(world.cache), "--facility", "Nowhere",
        "--day", "2026-11-17", "--to", str(out),
    )  # fmt: skip
    assert unknown.returncode == 2
    assert unknown.stderr == f"rollbook: No facility named 'Nowhere' (known: {FACILITY}).\n"


def test_cards_of_a_class_scan_back_to_their_numbers(world: World, tmp_path: Path) -> None:
    out = tmp_path / "soudure.pdf"
    done = rollbook(
        "print", "cards", "--local", str(world.cache), "--class", str(world.welding),
        "--to", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"12 ID cards of Soudure saved to {out}\n"
    assert sorted(scanned(out)) == world.numbers
    shown = pdf_text(out)
    assert shown.count(FACILITY) == 12
    assert "Ngũgĩ07, Zoë-Éloïse 7" in shown


def test_cards_of_one_student_and_of_the_facility(world: World, tmp_path: Path) -> None:
    one = tmp_path / "one.pdf"
    done = rollbook(
        "print", "cards", "--local", str(world.cache), "--student", "CM-00003", "--to", str(one)
    )
    assert done.returncode == 0, done.stderr
    assert scanned(one) == ["CM-00003"]
    every = tmp_path / "all.pdf"
    done = rollbook(
        "print", "cards", "--local", str(world.cache), "--facility", FACILITY, "--to", str(every)
    )
    assert done.returncode == 0, done.stderr
    assert sorted(scanned(every)) == world.numbers


def test_a_class_with_no_students_is_a_message_and_no_file(world: World, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    done = rollbook(
        "print", "cards", "--local", str(world.cache), "--class", str(world.empty),
        "--to", str(out),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == "rollbook: Électricité has no students: there are no cards to print.\n"
    assert not out.exists()
