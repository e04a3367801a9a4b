"""ProgramService on SQLite and PostgreSQL: programs listed, curriculum in order, progress.

Programs, their offers, policies and curricula are made on the server and by imports: the tests
build them with the factories."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.models import FacilityProgram, LessonProgress, Program, ProgramTypeLink
from app.domain.enums import ProgramType, ProgressStatus, Role
from app.domain.errors import NotFound, ValidationError
from app.domain.ids import lesson_progress_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.facilities import FacilityDTO
from app.services.programs import ProgramService
from tests.integration.factories import (
    add_person,
    add_program,
    new_facility,
    new_lesson,
    new_module,
    new_student,
)

NOW = datetime(2025, 9, 1, 14, 30, tzinfo=UTC)


def count(uow: UnitOfWorkFactory, model: type[Any]) -> int:
    with uow() as u:
        return int(u.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def programs(uow: UnitOfWorkFactory, clock: FixedClock) -> ProgramService:
    return ProgramService(uow, clock)


@pytest.fixture
def north(uow: UnitOfWorkFactory) -> FacilityDTO:
    return new_facility(uow, "North", "America/New_York")


@pytest.fixture
def welding(uow: UnitOfWorkFactory) -> uuid.UUID:
    with uow() as u:
        program = add_program(u, "Welding I")
        u.commit()
    return program


def test_programs_are_listed_by_name_with_their_types_offers_and_archiving(
    programs: ProgramService, welding: uuid.UUID, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    with uow() as u:
        ged = add_program(u, "GED Prep")
        old = add_program(u, "Basket Weaving")
        u.flush()
        for kind in (ProgramType.VOCATIONAL, ProgramType.EDUCATIONAL):
            u.session.add(ProgramTypeLink(id=uuid.uuid4(), program_id=welding, program_type=kind))
        u.session.add(FacilityProgram(id=uuid.uuid4(), facility_id=north.id, program_id=ged))
        u.session.add(FacilityProgram(id=uuid.uuid4(), facility_id=north.id, program_id=old))
        withdrawn = FacilityProgram(id=uuid.uuid4(), facility_id=north.id, program_id=welding)
        withdrawn.deleted_at = NOW
        u.session.add(withdrawn)
        u.session.get_one(Program, old).archived_at = NOW
        u.commit()
    assert [(p.name, p.types) for p in programs.list_programs()] == [
        ("GED Prep", ()),
        ("Welding I", (ProgramType.EDUCATIONAL, ProgramType.VOCATIONAL)),  # enum order
    ]
    assert [p.name for p in programs.list_programs(include_archived=True)] == [
        "Basket Weaving",
        "GED Prep",
        "Welding I",
    ]
    assert [p.id for p in programs.list_programs(north.id)] == [ged]  # not the withdrawn one
    assert [p.id for p in programs.list_programs(north.id, include_archived=True)] == [old, ged]


def test_the_curriculum_is_read_in_order(
    programs: ProgramService, welding: uuid.UUID, uow: UnitOfWorkFactory
) -> None:
    safety = new_module(uow, welding, "Safety")
    mig = new_module(uow, welding, "MIG")
    for title in ("PPE", "Fire watch"):
        new_lesson(uow, safety, title)
    new_lesson(uow, mig, "Beads")
    curriculum = programs.curriculum_of(welding)
    assert [(m.name, m.position) for m in curriculum] == [("Safety", 1), ("MIG", 2)]
    assert [(x.title, x.position) for x in curriculum[0].lessons] == [
        ("PPE", 1),
        ("Fire watch", 2),
    ]
    assert [x.title for x in curriculum[1].lessons] == ["Beads"]
    with pytest.raises(NotFound):
        programs.curriculum_of(uuid.uuid4())


def test_progress_with_stars(
    programs: ProgramService,
    welding: uuid.UUID,
    north: FacilityDTO,
    uow: UnitOfWorkFactory,
    clock: FixedClock,
) -> None:
    ann = new_student(uow, north.id, "Ann", "Smith")
    with uow() as u:
        me = add_person(u, north.id, "Test", "Admin", role=Role.INSTRUCTOR, username="test_admin")
        u.commit()
    module = new_module(uow, welding, "Safety")
    lessons = [new_lesson(uow, module, title) for title in ("PPE", "Fire", "Fumes")]

    empty = programs.progress_of(ann, welding)
    assert (empty.completed, empty.total, empty.pct) == (0, 3, Decimal("0.00"))
    assert {x.status for x in empty.lessons} == {ProgressStatus.NOT_STARTED}

    mark = programs.set_progress(ann, lessons[0], ProgressStatus.COMPLETED, 3)
    assert (mark.stars, mark.assessed_at, mark.assessed_by) == (3, NOW, me)
    programs.set_progress(ann, lessons[1], ProgressStatus.IN_PROGRESS, 0)
    programs.set_progress(ann, lessons[1], ProgressStatus.COMPLETED, 2)  # re-assessed
    progress = programs.progress_of(ann, welding)
    assert [(x.title, x.status, x.stars) for x in progress.lessons] == [
        ("PPE", ProgressStatus.COMPLETED, 3),
        ("Fire", ProgressStatus.COMPLETED, 2),
        ("Fumes", ProgressStatus.NOT_STARTED, None),
    ]
    assert (progress.completed, progress.total, progress.pct) == (2, 3, Decimal("66.67"))
    with uow() as u:
        row = u.session.get(LessonProgress, lesson_progress_id(ann, lessons[1]))
        assert row is not None and row.facility_id == north.id

    for status, stars in [
        (ProgressStatus.COMPLETED, 4),
        (ProgressStatus.COMPLETED, -1),
        (ProgressStatus.NOT_STARTED, 1),
        ("finished", None),
    ]:
        with pytest.raises(ValidationError):
            programs.set_progress(ann, lessons[2], status, stars)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        programs.set_progress(me, lessons[2], ProgressStatus.COMPLETED)  # staff, not a student
    assert count(uow, LessonProgress) == 2
    assert programs.progress_of(ann, welding).lessons[2].status is ProgressStatus.NOT_STARTED
