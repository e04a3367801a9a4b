"""ReviewService on a workstation cache: what it refuses, and that a move keeps the mark whole."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.domain.errors import NotAllowed, NotFound, ValidationError
from app.domain.ids import attendance_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from tests.integration.factories import (
    add_class,
    add_facility,
    add_person,
    add_program,
    add_series,
    enrol_all,
)

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))
MONDAY = date(2026, 11, 16)


@dataclass
class World:
    services: Services
    engine: object
    facility: uuid.UUID
    welding: uuid.UUID
    other: uuid.UUID  # a series of another class
    student: uuid.UUID


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("review_admin", device_id="ws-1")
    with UnitOfWorkFactory(engine, actor)() as u:
        facility = add_facility(u, "North Academy", "America/New_York")
        program = add_program(u, "Trades")
        u.flush()
        welding_class = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        other_class = add_class(u, facility, program, "Carpentry", start_date=date(2026, 1, 5))
        u.flush()
        welding = add_series(u, facility, welding_class, datetime(2026, 1, 5, 9, 0))
        other = add_series(u, facility, other_class, datetime(2026, 1, 5, 13, 0))
        student = add_person(u, facility, "Solange", "Eto'o", number="STU-2026-0001")
        u.commit()
    services = build_services(engine, actor, CLOCK)
    enrol_all(services.rosters, welding_class, [student])
    enrol_all(services.rosters, other_class, [student])
    with engine.begin() as conn:
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
    yield World(services, engine, facility, welding, other, student)
    engine.dispose()


def _flagged(
    world: World, day: date = MONDAY, note: str | None = None, minutes: int | None = None
) -> uuid.UUID:
    world.services.attendance.mark(
        world.welding, day, world.student, AttendanceStatus.LATE, note=note, minutes=minutes
    )
    mark_id = attendance_id(world.welding, world.student, day)
    with world.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(text("UPDATE program_class_event_attendance SET needs_review = 1"))
    return mark_id


def test_a_cancelled_sessions_mark_cannot_take_a_new_status(world: World) -> None:
    mark_id = _flagged(world)
    world.services.schedule.cancel_occurrence(world.welding, MONDAY, "Flooded")
    (item,) = world.services.review.queue(world.facility)
    assert not item.held and item.why == "That session was cancelled after the mark was taken."
    with pytest.raises(NotAllowed):
        world.services.review.change(mark_id, AttendanceStatus.PRESENT)


def test_a_move_goes_only_to_a_started_session_of_the_same_class(world: World) -> None:
    mark_id = _flagged(world)
    review = world.services.review
    with pytest.raises(ValidationError):
        review.move(mark_id, world.other, MONDAY)  # another class
    with pytest.raises(NotAllowed):
        review.move(mark_id, world.welding, date(2026, 11, 23))  # not started
    with pytest.raises(NotFound):
        review.move(mark_id, world.welding, date(2026, 11, 10))  # a Tuesday: no session
    with pytest.raises(ValidationError):
        review.move(mark_id, world.welding, MONDAY)  # where it is already
    assert [t.original_date for t in review.targets(mark_id)][:2] == [
        date(2026, 11, 9),
        date(2026, 11, 2),
    ]


def test_a_moved_mark_keeps_its_status_note_and_marker(world: World) -> None:
    mark_id = _flagged(world, note="Bus late", minutes=50)
    new_id = world.services.review.move(mark_id, world.welding, date(2026, 11, 9))
    sheet = world.services.attendance.sheet(world.welding, date(2026, 11, 9))
    (row,) = sheet.rows
    assert (row.status, row.note, row.minutes, row.marked_by) == (
        AttendanceStatus.LATE,
        "Bus late",
        50,
        "review_admin",
    )
    assert not row.needs_review
    assert new_id == attendance_id(world.welding, world.student, date(2026, 11, 9))
    assert world.services.review.queue(world.facility) == []
    old_sheet = world.services.attendance.sheet(world.welding, MONDAY)
    assert old_sheet.rows[0].status is None
