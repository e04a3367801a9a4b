"""ProgramService on SQLite and PostgreSQL: programs, offers, policy, curriculum, progress."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.models import (
    AttendancePolicyRow,
    LessonProgress,
    Module,
    Program,
    ProgramTypeLink,
)
from app.domain.enums import (
    FundingType,
    LessonContentType,
    ProgramType,
    ProgressStatus,
    Role,
)
from app.domain.errors import (
    DuplicateError,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ValidationError,
)
from app.domain.ids import lesson_progress_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.facilities import FacilityDTO
from app.services.people import NewStudent, PeopleService
from app.services.programs import ProgramDTO, ProgramService
from tests.integration.factories import add_person, new_facility

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
def welding(programs: ProgramService) -> ProgramDTO:
    return programs.create_program(
        "Welding I",
        "Intro to MIG and TIG",
        FundingType.STATE_GRANTS,
        {ProgramType.VOCATIONAL, ProgramType.EDUCATIONAL},
        Decimal("4.5"),
        12,
    )


def test_create_get_list_and_update_programs(programs: ProgramService, welding: ProgramDTO) -> None:
    assert welding.types == (ProgramType.EDUCATIONAL, ProgramType.VOCATIONAL)  # enum order
    assert (welding.credit_hours, welding.duration_weeks) == (Decimal("4.50"), 12)
    assert welding.is_active and welding.archived_at is None
    assert programs.get_program(welding.id) == welding
    ged = programs.create_program("GED Prep", types=[ProgramType.EDUCATIONAL])
    assert [p.name for p in programs.list_programs()] == ["GED Prep", "Welding I"]

    changed = programs.update_program(
        welding.id, types={ProgramType.VOCATIONAL, ProgramType.RE_ENTRY}, credit_hours=None
    )
    assert changed.types == (ProgramType.VOCATIONAL, ProgramType.RE_ENTRY)
    assert changed.credit_hours is None and changed.description == "Intro to MIG and TIG"
    back = programs.update_program(welding.id, types={ProgramType.EDUCATIONAL})
    assert back.types == (ProgramType.EDUCATIONAL,)  # an old link is revived, not duplicated
    assert programs.get_program(ged.id).types == (ProgramType.EDUCATIONAL,)


BAD_PROGRAMS: list[dict[str, Any]] = [
    {"name": ""},
    {"name": "n" * 101},
    {"types": set()},
    {"types": {"Underwater_Basketry"}},
    {"funding_type": "Lottery"},
    {"credit_hours": Decimal("-1")},
    {"credit_hours": Decimal("1.234")},
    {"credit_hours": Decimal("NaN")},
    {"duration_weeks": 0},
]


def test_bad_program_input_is_refused_and_creates_nothing(
    programs: ProgramService, uow: UnitOfWorkFactory
) -> None:
    for changes in BAD_PROGRAMS:
        values: dict[str, Any] = {"name": "Welding", "types": {ProgramType.VOCATIONAL}, **changes}
        with pytest.raises(ValidationError) as info:
            programs.create_program(**values)
        assert str(info.value), changes
    assert count(uow, Program) == 0
    assert count(uow, ProgramTypeLink) == 0


def test_a_duplicate_program_name_is_refused(
    programs: ProgramService, welding: ProgramDTO, uow: UnitOfWorkFactory
) -> None:
    with pytest.raises(DuplicateError, match="program with that name"):
        programs.create_program("Welding I", types={ProgramType.VOCATIONAL})
    assert count(uow, Program) == 1


def test_offers_and_archiving(
    programs: ProgramService, welding: ProgramDTO, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    ged = programs.create_program("GED Prep", types={ProgramType.EDUCATIONAL})
    programs.offer_program(north.id, welding.id)
    assert [p.id for p in programs.list_programs(north.id)] == [welding.id]
    with pytest.raises(DuplicateError):
        programs.offer_program(north.id, welding.id)
    programs.withdraw_offer(north.id, welding.id)
    assert programs.list_programs(north.id) == []
    with pytest.raises(NotFound):
        programs.withdraw_offer(north.id, welding.id)
    programs.offer_program(north.id, welding.id)  # offered again: the old row is revived
    assert [p.id for p in programs.list_programs(north.id)] == [welding.id]

    archived = programs.archive_program(ged.id)
    assert archived.archived_at == NOW and not archived.is_active
    assert [p.id for p in programs.list_programs()] == [welding.id]
    assert {p.id for p in programs.list_programs(include_archived=True)} == {welding.id, ged.id}
    with pytest.raises(InvalidTransition):
        programs.archive_program(ged.id)
    with pytest.raises(NotAllowed):
        programs.offer_program(north.id, ged.id)
    with pytest.raises(NotFound):
        programs.offer_program(uuid.uuid4(), welding.id)


def test_attendance_policy_defaults_and_ranges(
    programs: ProgramService, welding: ProgramDTO, uow: UnitOfWorkFactory
) -> None:
    default = programs.get_policy(welding.id)
    assert default.is_default
    assert (default.policy.tardy_after_minutes, default.policy.tardies_per_absence) == (10, 3)

    bad: list[dict[str, Any]] = [
        {"minimum_rate_pct": Decimal("100.5")},
        {"minimum_rate_pct": -1},
        {"tardy_after_minutes": -5},
        {"tardy_after_minutes": 24 * 60 + 1},
        {"tardies_per_absence": -1},
        {"required_hours": Decimal("-0.5")},
        {"required_hours": Decimal("100000")},
    ]
    for values in bad:
        with pytest.raises(ValidationError):
            programs.set_policy(welding.id, **values)
    assert count(uow, AttendancePolicyRow) == 0

    stored = programs.set_policy(
        welding.id,
        tardy_after_minutes=5,
        tardies_per_absence=2,
        required_hours=Decimal("120"),
        minimum_rate_pct=80,
    )
    assert not stored.is_default
    assert programs.get_policy(welding.id) == stored
    assert stored.policy.required_hours == Decimal("120.00")
    assert stored.policy.minimum_rate_pct == Decimal("80.00")
    programs.set_policy(welding.id, tardies_per_absence=0)  # replaces, does not add
    assert count(uow, AttendancePolicyRow) == 1
    assert programs.get_policy(welding.id).policy.required_hours is None


def test_curriculum_in_order_with_moves(
    programs: ProgramService, welding: ProgramDTO, uow: UnitOfWorkFactory
) -> None:
    safety = programs.add_module(welding.id, "Safety")
    mig = programs.add_module(welding.id, "MIG", "Metal inert gas")
    tig = programs.add_module(welding.id, "TIG")
    assert [m.position for m in (safety, mig, tig)] == [1, 2, 3]
    ppe = programs.add_lesson(safety.id, "PPE", LessonContentType.VIDEO, 30)
    fire = programs.add_lesson(safety.id, "Fire watch")
    fumes = programs.add_lesson(safety.id, "Fumes", LessonContentType.DOCUMENT)
    assert [x.position for x in (ppe, fire, fumes)] == [1, 2, 3]

    moved = programs.move_module(tig.id, 1)
    assert [(m.name, m.position) for m in moved] == [("TIG", 1), ("Safety", 2), ("MIG", 3)]
    module = programs.move_lesson(ppe.id, 3)
    assert [(x.title, x.position) for x in module.lessons] == [
        ("Fire watch", 1),
        ("Fumes", 2),
        ("PPE", 3),
    ]
    curriculum = programs.curriculum_of(welding.id)
    assert [m.name for m in curriculum] == ["TIG", "Safety", "MIG"]
    assert [x.title for x in curriculum[1].lessons] == ["Fire watch", "Fumes", "PPE"]
    assert curriculum[1].lessons[2].content_type is LessonContentType.VIDEO

    for position in (0, 4):
        with pytest.raises(ValidationError):
            programs.move_module(mig.id, position)
    with pytest.raises(ValidationError):
        programs.add_module(welding.id, "")
    with pytest.raises(ValidationError):
        programs.add_lesson(safety.id, "t" * 101)
    with pytest.raises(ValidationError):
        programs.add_lesson(safety.id, "Too long", duration_minutes=0)
    assert [m.name for m in programs.curriculum_of(welding.id)] == ["TIG", "Safety", "MIG"]
    assert count(uow, Module) == 3


def test_progress_with_stars(
    programs: ProgramService,
    welding: ProgramDTO,
    north: FacilityDTO,
    uow: UnitOfWorkFactory,
    clock: FixedClock,
) -> None:
    people = PeopleService(uow, clock)
    ann = people.create_student(NewStudent(north.id, "Ann", "Smith"))
    with uow() as u:
        me = add_person(u, north.id, "Test", "Admin", role=Role.INSTRUCTOR, username="test_admin")
        u.commit()
    module = programs.add_module(welding.id, "Safety")
    lessons = [programs.add_lesson(module.id, title) for title in ("PPE", "Fire", "Fumes")]

    empty = programs.progress_of(ann.id, welding.id)
    assert (empty.completed, empty.total, empty.pct) == (0, 3, Decimal("0.00"))
    assert {x.status for x in empty.lessons} == {ProgressStatus.NOT_STARTED}

    mark = programs.set_progress(ann.id, lessons[0].id, ProgressStatus.COMPLETED, 3)
    assert (mark.stars, mark.assessed_at, mark.assessed_by) == (3, NOW, me)
    programs.set_progress(ann.id, lessons[1].id, ProgressStatus.IN_PROGRESS, 0)
    programs.set_progress(ann.id, lessons[1].id, ProgressStatus.COMPLETED, 2)  # re-assessed
    progress = programs.progress_of(ann.id, welding.id)
    assert [(x.title, x.status, x.stars) for x in progress.lessons] == [
        ("PPE", ProgressStatus.COMPLETED, 3),
        ("Fire", ProgressStatus.COMPLETED, 2),
        ("Fumes", ProgressStatus.NOT_STARTED, None),
    ]
    assert (progress.completed, progress.total, progress.pct) == (2, 3, Decimal("66.67"))
    with uow() as u:
        row = u.session.get(LessonProgress, lesson_progress_id(ann.id, lessons[1].id))
        assert row is not None and row.facility_id == north.id

    for status, stars in [
        (ProgressStatus.COMPLETED, 4),
        (ProgressStatus.COMPLETED, -1),
        (ProgressStatus.NOT_STARTED, 1),
        ("finished", None),
    ]:
        with pytest.raises(ValidationError):
            programs.set_progress(ann.id, lessons[2].id, status, stars)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        programs.set_progress(me, lessons[2].id, ProgressStatus.COMPLETED)  # staff, not a student
    assert count(uow, LessonProgress) == 2
    assert programs.progress_of(ann.id, welding.id).lessons[2].status is ProgressStatus.NOT_STARTED
