"""A student's curriculum progress on the record, on SQLite and PostgreSQL: modules and lessons
completed per enrolled program, the percent, the last activity at the facility, each lesson's
status, in a number of queries that does not grow with the curriculum."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event

from app.db.models import Enrollment, Lesson
from app.domain.enums import EnrollmentStatus, ProgressStatus
from app.domain.errors import NotFound
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.records import RecordsService
from tests.integration.factories import (
    add_class,
    add_program,
    new_facility,
    new_lesson,
    new_module,
    new_student,
    set_progress,
)

# 01:30 UTC on 2 June is still 1 June in Los Angeles.
NOW = datetime(2025, 6, 2, 1, 30, tzinfo=UTC)
DONE, DOING, NOT_YET = (
    ProgressStatus.COMPLETED,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.NOT_STARTED,
)


@dataclass
class World:
    ann: uuid.UUID
    bob: uuid.UUID
    lessons: dict[str, uuid.UUID]
    programs: dict[str, uuid.UUID]
    welding_mig: uuid.UUID


def _enrol(
    uow: UnitOfWorkFactory,
    facility: uuid.UUID,
    program: uuid.UUID,
    student: uuid.UUID,
    status: EnrollmentStatus,
) -> None:
    with uow() as u:
        klass = add_class(u, facility, program, f"Class {uuid.uuid4().hex[:6]}")
        u.flush()
        u.session.add(
            Enrollment(
                id=uuid.uuid4(),
                facility_id=facility,
                class_id=klass,
                user_id=student,
                enrollment_status=status,
                enrolled_at=datetime(2025, 4, 1, tzinfo=UTC),
            )
        )
        u.commit()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    facility = new_facility(uow, "West", "America/Los_Angeles").id
    ann = new_student(uow, facility, "Ann", "Smith")
    bob = new_student(uow, facility, "Bob", "Jones")
    with uow() as u:
        ids = {name: add_program(u, name) for name in ("Welding", "Cooking", "Reading")}
        ids["Orientation"] = add_program(u, "Orientation")  # no curriculum at all
        u.commit()
    lessons: dict[str, uuid.UUID] = {}
    curricula = {
        "Welding": {"Safety": ["PPE", "Fire watch"], "MIG": ["Setup", "Beads", "Joints"]},
        "Cooking": {"Knives": ["Grip", "Dice"]},
        "Reading": {"Phonics": ["Sounds"]},
    }
    mig = uuid.uuid4()
    for program, modules in curricula.items():
        for module_name, titles in modules.items():
            module = new_module(uow, ids[program], module_name)
            mig = module if module_name == "MIG" else mig
            for title in titles:
                lessons[title] = new_lesson(uow, module, title)
        if program == "Welding":
            tig = new_module(uow, ids[program], "TIG")
            lessons["Intro"] = new_lesson(uow, tig, "Intro")
            # A removed lesson counts for nothing, even with progress on it.
            lessons["Old"] = new_lesson(uow, mig, "Old joints")
    new_module(uow, ids["Welding"], "Capstone")  # no lessons yet: not counted
    for name, enrolment in (
        ("Welding", EnrollmentStatus.ENROLLED),
        ("Cooking", EnrollmentStatus.COMPLETED),
        ("Reading", EnrollmentStatus.WAITLISTED),  # not in front of the curriculum yet
        ("Orientation", EnrollmentStatus.ENROLLED),
    ):
        _enrol(uow, facility, ids[name], ann, enrolment)
    marks: list[tuple[str, ProgressStatus, datetime]] = [
        ("PPE", DONE, datetime(2025, 5, 1, 18, 0, tzinfo=UTC)),
        ("Fire watch", DONE, datetime(2025, 5, 3, 18, 0, tzinfo=UTC)),
        ("Setup", DONE, datetime(2025, 5, 10, 18, 0, tzinfo=UTC)),
        ("Beads", DOING, datetime(2025, 5, 20, 17, 0, tzinfo=UTC)),
        ("Intro", NOT_YET, NOW),  # set back to not started tonight: still activity
        ("Old", DONE, datetime(2025, 6, 5, 12, 0, tzinfo=UTC)),
        ("Grip", DONE, datetime(2025, 4, 10, 20, 0, tzinfo=UTC)),
        ("Dice", DONE, datetime(2025, 4, 12, 6, 30, tzinfo=UTC)),  # 11 April in LA
        ("Sounds", DONE, datetime(2025, 4, 2, 18, 0, tzinfo=UTC)),
    ]
    for title, mark, at in marks:
        set_progress(uow, ann, lessons[title], mark, at)
    bob_at = datetime(2025, 5, 30, 18, 0, tzinfo=UTC)
    set_progress(uow, bob, lessons["Joints"], DONE, bob_at)  # someone else's progress
    set_progress(uow, bob, lessons["Setup"], DOING, bob_at)
    with uow() as u:
        old = u.session.get(Lesson, lessons["Old"])
        assert old is not None
        old.deleted_at = NOW
        u.commit()
    return World(ann, bob, lessons, ids, mig)


@contextmanager
def statements(uow: UnitOfWorkFactory) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    engine = uow.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_progress_per_enrolled_program(
    uow: UnitOfWorkFactory, clock: FixedClock, world: World
) -> None:
    records = RecordsService(uow, clock)
    progress = records.curriculum_of(world.ann)
    assert [p.program_name for p in progress] == ["Cooking", "Orientation", "Welding"]
    cooking, orientation, welding = progress

    # Welding: Safety 2/2, MIG 1/3 (Old removed), TIG 0/1, Capstone has no lessons.
    assert (welding.lessons_completed, welding.lessons_in_progress, welding.lessons_total) == (
        3,
        1,
        6,
    )
    assert (welding.modules_completed, welding.modules_total) == (1, 3)
    assert welding.pct == Decimal("50.00")
    assert welding.last_activity == date(2025, 6, 1)  # NOW is still 1 June in Los Angeles
    assert [(x.module_position, x.module_name, x.title, x.status) for x in welding.lessons] == [
        (1, "Safety", "PPE", DONE),
        (1, "Safety", "Fire watch", DONE),
        (2, "MIG", "Setup", DONE),
        (2, "MIG", "Beads", DOING),
        (2, "MIG", "Joints", NOT_YET),
        (3, "TIG", "Intro", NOT_YET),
    ]
    assert [x.last_activity for x in welding.lessons] == [
        date(2025, 5, 1),
        date(2025, 5, 3),
        date(2025, 5, 10),
        date(2025, 5, 20),
        None,  # Bob's mark on Joints is not Ann's
        date(2025, 6, 1),
    ]

    assert (cooking.lessons_completed, cooking.lessons_total) == (2, 2)
    assert (cooking.modules_completed, cooking.modules_total) == (1, 1)
    assert cooking.pct == Decimal("100.00")
    assert cooking.last_activity == date(2025, 4, 11)

    assert (orientation.lessons_total, orientation.modules_total, orientation.pct) == (0, 0, None)
    assert orientation.last_activity is None and orientation.lessons == ()

    bob = records.curriculum_of(world.bob)
    assert bob == []  # progress without an enrolment is not a program on the record


def test_a_thirds_percent_rounds_half_up(
    uow: UnitOfWorkFactory, clock: FixedClock, world: World
) -> None:
    set_progress(uow, world.ann, world.lessons["Beads"], DONE, NOW)
    set_progress(uow, world.ann, world.lessons["Joints"], DONE, NOW)
    welding = RecordsService(uow, clock).curriculum_of(world.ann)[2]
    assert (welding.lessons_completed, welding.lessons_total) == (5, 6)
    assert welding.pct == Decimal("83.33")  # 500 / 6 = 83.333…
    assert (welding.modules_completed, welding.modules_total) == (2, 3)


def test_queries_do_not_grow_with_the_curriculum(
    uow: UnitOfWorkFactory, clock: FixedClock, world: World
) -> None:
    records = RecordsService(uow, clock)
    with statements(uow) as before:
        records.curriculum_of(world.ann)
    for n in range(12):
        lesson = new_lesson(uow, world.welding_mig, f"Drill {n}")
        set_progress(uow, world.ann, lesson, DONE if n % 2 else DOING, NOW)
    with statements(uow) as after:
        welding = records.curriculum_of(world.ann)[2]
    assert welding.lessons_total == 18 and welding.lessons_completed == 3 + 6
    assert welding.lessons_in_progress == 1 + 6
    assert len(after) == len(before) <= 6, after


def test_an_unknown_student_is_not_found(uow: UnitOfWorkFactory, clock: FixedClock) -> None:
    with pytest.raises(NotFound):
        RecordsService(uow, clock).curriculum_of(uuid.uuid4())
