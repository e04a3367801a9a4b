"""Rows for service tests, written straight through the ORM (people and programs have their own
services; these tests only need the rows to exist).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, event, func, select

from app.db.models import (
    AttendancePolicyRow,
    CaseNote,
    Facility,
    Guardian,
    HoursLog,
    Lesson,
    LessonProgress,
    Module,
    Program,
    ProgramClass,
    Room,
    SessionSeries,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.domain.actor import Actor
from app.domain.enums import (
    AttendanceStatus,
    ClassStatus,
    GuardianRelationship,
    HoursKind,
    ProgressStatus,
    Role,
)
from app.domain.ids import lesson_progress_id
from app.repositories.people import search_key
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.facilities import FacilityDTO
from app.services.occurrences import (
    occurrence_in,
    series_or_missing,
    series_view,
    series_view_of,
    spec_of,
)
from app.services.rosters import RosterService
from app.services.schedule_dto import OccurrenceView, SeriesView
from app.services.series_edits import review_marks, schedule_of, write_spec

# A Monday afternoon in New York (EDT since 2026-03-08): sessions on Mondays at 09:00 are past.
NOW = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
TZ = "America/New_York"
READER = Actor("test_reader")  # reads back what a test stored


def add_facility(u: UnitOfWork, name: str, tz: str = TZ) -> uuid.UUID:
    row = Facility(id=uuid.uuid4(), name=name, timezone=tz)
    u.session.add(row)
    return row.id


def new_facility(uow: UnitOfWorkFactory, name: str, tz: str = TZ) -> FacilityDTO:
    """A facility in its own transaction, as the server or an import makes one."""
    with uow() as u:
        fid = add_facility(u, name, tz)
        u.commit()
    return FacilityDTO(id=fid, name=name, timezone=tz, address=None)


def add_program(
    u: UnitOfWork,
    name: str,
    *,
    required_hours: Decimal | None = None,
    minimum_rate_pct: Decimal | None = None,
    tardies_per_absence: int = 3,
) -> uuid.UUID:
    row = Program(id=uuid.uuid4(), name=name, is_active=True)
    u.session.add(row)
    if required_hours is not None or minimum_rate_pct is not None:
        u.flush()  # no relationships in the models: SQLAlchemy would not order the inserts
        u.session.add(
            AttendancePolicyRow(
                id=uuid.uuid4(),
                program_id=row.id,
                tardy_after_minutes=10,
                tardies_per_absence=tardies_per_absence,
                required_hours=required_hours,
                minimum_rate_pct=minimum_rate_pct,
            )
        )
    return row.id


def new_module(uow: UnitOfWorkFactory, program_id: uuid.UUID, name: str) -> uuid.UUID:
    """A module at the end of a program's curriculum, as the server or an import adds one."""
    with uow() as u:
        last = u.session.scalar(
            select(func.max(Module.sequence_order)).where(Module.program_id == program_id)
        )
        row = Module(id=uuid.uuid4(), program_id=program_id, name=name)
        row.sequence_order = int(last or 0) + 1
        u.session.add(row)
        u.commit()
    return row.id


def new_lesson(uow: UnitOfWorkFactory, module_id: uuid.UUID, title: str) -> uuid.UUID:
    """A lesson at the end of a module."""
    with uow() as u:
        last = u.session.scalar(
            select(func.max(Lesson.sequence_order)).where(Lesson.module_id == module_id)
        )
        row = Lesson(id=uuid.uuid4(), module_id=module_id, title=title)
        row.sequence_order = int(last or 0) + 1
        u.session.add(row)
        u.commit()
    return row.id


def set_progress(
    uow: UnitOfWorkFactory,
    student_id: uuid.UUID,
    lesson_id: uuid.UUID,
    status: ProgressStatus,
    at: datetime,
    *,
    stars: int | None = None,
) -> None:
    """A student's status on a lesson, assessed at ``at``, as the server or an import brings it
    (the desk only shows progress); a second call re-assesses the same row."""
    with uow() as u:
        row = u.session.get(LessonProgress, lesson_progress_id(student_id, lesson_id))
        if row is None:
            student = u.session.get_one(User, student_id)
            row = LessonProgress(
                id=lesson_progress_id(student_id, lesson_id),
                facility_id=student.facility_id,
                student_id=student_id,
                lesson_id=lesson_id,
            )
            u.session.add(row)
        row.status = status
        row.stars = stars
        row.assessed_at = at
        u.commit()


def add_room(u: UnitOfWork, facility_id: uuid.UUID, name: str) -> uuid.UUID:
    row = Room(id=uuid.uuid4(), facility_id=facility_id, name=name)
    u.session.add(row)
    return row.id


def add_person(
    u: UnitOfWork,
    facility_id: uuid.UUID,
    first: str,
    last: str,
    *,
    role: Role = Role.STUDENT,
    number: str | None = None,
    username: str | None = None,
) -> uuid.UUID:
    row = User(
        id=uuid.uuid4(),
        facility_id=facility_id,
        role=role,
        name_first=first,
        name_last=last,
        search_name=f"{last} {first}".lower(),
        search_first=first.lower(),
        student_number=number,
        doc_id=f"DOC-{number}" if number else None,
        username=username,
    )
    u.session.add(row)
    return row.id


def add_student(
    u: UnitOfWork,
    facility_id: uuid.UUID,
    first: str,
    last: str,
    *,
    number: str | None = None,
    doc_id: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    date_of_birth: date | None = None,
    enrollment_date: date | None = None,
    address: str | None = None,
) -> uuid.UUID:
    """A student with a profile, as the server or an import brings one: the search columns are
    filled as the import fills them (accent-free, lower case)."""
    row = User(
        id=uuid.uuid4(),
        facility_id=facility_id,
        role=Role.STUDENT,
        name_first=first,
        name_last=last,
        search_first=search_key(first),
        search_name=f"{search_key(last)} {search_key(first)}".strip(),
        student_number=number,
        doc_id=doc_id,
        email=email,
        phone=phone,
    )
    u.session.add(row)
    u.flush()  # no relationships in the models: SQLAlchemy would not order the inserts
    u.session.add(
        StudentProfile(
            user_id=row.id,
            facility_id=facility_id,
            date_of_birth=date_of_birth,
            enrollment_date=enrollment_date,
            address=address,
        )
    )
    return row.id


def new_student(
    uow: UnitOfWorkFactory, facility_id: uuid.UUID, first: str, last: str, **fields: Any
) -> uuid.UUID:
    """A student in its own transaction; ``fields`` are those of ``add_student``."""
    with uow() as u:
        student_id = add_student(u, facility_id, first, last, **fields)
        u.commit()
    return student_id


def new_medical(
    uow: UnitOfWorkFactory, student_id: uuid.UUID, facility_id: uuid.UUID, **values: Any
) -> None:
    """A student's medical and emergency record, as the server or an import brings it;
    ``values`` are columns of ``StudentMedical``."""
    with uow() as u:
        u.session.add(StudentMedical(user_id=student_id, facility_id=facility_id, **values))
        u.commit()


def add_guardian(
    u: UnitOfWork,
    student_id: uuid.UUID,
    facility_id: uuid.UUID,
    first: str,
    last: str,
    relationship: GuardianRelationship,
    *,
    is_primary: bool = False,
    unlinked_at: datetime | None = None,
) -> uuid.UUID:
    """A guardian linked to a student, as the server or an import brings them."""
    row = Guardian(id=uuid.uuid4(), facility_id=facility_id, name_first=first, name_last=last)
    u.session.add(row)
    u.flush()  # no relationships in the models: SQLAlchemy would not order the inserts
    u.session.add(
        StudentGuardian(
            id=uuid.uuid4(),
            facility_id=facility_id,
            student_id=student_id,
            guardian_id=row.id,
            relationship=relationship,
            is_primary=is_primary,
            deleted_at=unlinked_at,
        )
    )
    return row.id


def add_class(
    u: UnitOfWork,
    facility_id: uuid.UUID,
    program_id: uuid.UUID,
    name: str,
    *,
    capacity: int | None = None,
    instructor_id: uuid.UUID | None = None,
    room_id: uuid.UUID | None = None,
    start_date: date = date(2026, 1, 5),
    end_date: date | None = None,
    status: ClassStatus = ClassStatus.ACTIVE,
) -> uuid.UUID:
    row = ProgramClass(
        id=uuid.uuid4(),
        facility_id=facility_id,
        program_id=program_id,
        name=name,
        capacity=capacity,
        instructor_id=instructor_id,
        room_id=room_id,
        start_date=start_date,
        end_date=end_date,
        status=status,
    )
    u.session.add(row)
    return row.id


def enrol_all(
    rosters: RosterService, class_id: uuid.UUID, student_ids: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    """Enrol students one by one, as the desk's roster does; their enrollment ids."""
    return [rosters.enrol(class_id, sid).enrollment_id for sid in student_ids]


def mark_each(
    attendance: AttendanceService,
    series_id: uuid.UUID,
    occurrence_date: date,
    marks: Mapping[uuid.UUID, AttendanceStatus],
) -> None:
    """Mark students one by one, as a person does on the sheet."""
    for student_id, status in marks.items():
        attendance.mark(series_id, occurrence_date, student_id, status)


def add_series(
    u: UnitOfWork,
    facility_id: uuid.UUID,
    class_id: uuid.UUID,
    dtstart_local: datetime,
    *,
    rrule: str | None = "FREQ=WEEKLY",
    duration_minutes: int = 60,
    room_id: uuid.UUID | None = None,
    instructor_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A series written directly (no clash check): for volume and for setting up clashes."""
    row = SessionSeries(
        id=uuid.uuid4(),
        facility_id=facility_id,
        class_id=class_id,
        dtstart_local=dtstart_local,
        duration_minutes=duration_minutes,
        recurrence_rule=rrule,
        room_id=room_id,
        instructor_id=instructor_id,
    )
    u.session.add(row)
    return row.id


def series_of(uow: UnitOfWorkFactory, series_id: uuid.UUID) -> SeriesView:
    """A series as the calendar reads it."""
    with uow() as u:
        return series_view_of(u.get(ScheduleRepository), series_id)


def series_of_class(uow: UnitOfWorkFactory, class_id: uuid.UUID) -> list[SeriesView]:
    """The series of a class, by first session."""
    with uow() as u:
        lines = u.get(ScheduleRepository).lines_of_classes([class_id])
        return sorted((series_view(line) for line in lines), key=lambda s: s.dtstart_local)


def change_whole_series(uow: UnitOfWorkFactory, series_id: uuid.UUID, **spec: Any) -> None:
    """Change a series in place, past sessions included, as the server may (the desk changes a
    series only from a date on, and never moves a marked session); the marks it leaves without
    their session are set for review, as every schedule change does. ``spec`` holds fields of
    ``SeriesSpec``."""
    with uow() as u:
        before = schedule_of(u, [series_id])
        row, line = series_or_missing(u.get(ScheduleRepository), series_id)
        write_spec(row, replace(spec_of(line), **spec))
        review_marks(u, before)
        u.commit()


def add_hours(
    u: UnitOfWork,
    facility_id: uuid.UUID,
    student_id: uuid.UUID,
    program_id: uuid.UUID,
    minutes: int,
    *,
    verified: bool,
) -> uuid.UUID:
    row = HoursLog(
        id=uuid.uuid4(),
        facility_id=facility_id,
        user_id=student_id,
        program_id=program_id,
        kind=HoursKind.LAB,
        clock_in=datetime(2026, 2, 1, 14, 0, tzinfo=UTC),
        minutes=minutes,
        verified=verified,
    )
    u.session.add(row)
    return row.id


def add_case_note(
    u: UnitOfWork, facility_id: uuid.UUID, student_id: uuid.UUID, body: str, at: datetime
) -> uuid.UUID:
    """A note on a student as an import or the server brings it (the desk only shows them)."""
    row = CaseNote(
        id=uuid.uuid4(), facility_id=facility_id, student_id=student_id, body=body, created_at=at
    )
    u.session.add(row)
    return row.id


@dataclass
class World:
    """One facility with a program, two rooms, two instructors and students; one elsewhere."""

    facility_id: uuid.UUID
    program_id: uuid.UUID
    room_id: uuid.UUID
    room2_id: uuid.UUID
    instructor_id: uuid.UUID
    instructor2_id: uuid.UUID
    students: list[uuid.UUID]
    other_facility_id: uuid.UUID
    outsider_id: uuid.UUID  # a student of the other facility
    other_room_id: uuid.UUID
    classes: list[uuid.UUID] = field(default_factory=list)


# Last names out of alphabetical order of creation, so that sorting is visible.
_STUDENTS = [
    ("Ann", "Young"),
    ("Ben", "adams"),
    ("Cara", "Moreno"),
    ("Dan", "Brooks"),
    ("Eve", "Zimmer"),
    ("Finn", "Lopez"),
]


def build_world(
    uow: UnitOfWorkFactory,
    *,
    students: int = 4,
    required_hours: Decimal | None = None,
    minimum_rate_pct: Decimal | None = None,
) -> World:
    with uow() as u:
        fid = add_facility(u, "North Academy")
        other = add_facility(u, "South Institute", "America/Chicago")
        world = World(
            facility_id=fid,
            program_id=add_program(
                u, "Welding", required_hours=required_hours, minimum_rate_pct=minimum_rate_pct
            ),
            room_id=add_room(u, fid, "Room 101"),
            room2_id=add_room(u, fid, "Lab B"),
            instructor_id=add_person(u, fid, "Iris", "Stone", role=Role.INSTRUCTOR),
            instructor2_id=add_person(u, fid, "Omar", "Reed", role=Role.INSTRUCTOR),
            students=[
                add_person(u, fid, first, last, number=f"STU-2026-{i + 1:04d}")
                for i, (first, last) in enumerate((_STUDENTS * 10)[:students])
            ],
            other_facility_id=other,
            outsider_id=add_person(u, other, "Otto", "Far", number="STU-2026-9999"),
            other_room_id=add_room(u, other, "Far Room"),
        )
        u.commit()
    return world


@contextmanager
def count_statements(uow: UnitOfWorkFactory) -> Iterator[list[str]]:
    """Every SQL statement sent while the block runs: for "a fixed number of queries" tests."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(uow.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(uow.engine, "before_cursor_execute", count)


def schedule_world(uow: UnitOfWorkFactory, *, students: int, second: str) -> World:
    """A world with two classes: Welding I (instructor 1, the room, until 18 Dec 2026) and
    ``second`` (instructor 2), for the schedule and series tests."""
    w = build_world(uow, students=students)
    with uow() as u:
        w.classes = [
            add_class(
                u,
                w.facility_id,
                w.program_id,
                "Welding I",
                instructor_id=w.instructor_id,
                room_id=w.room_id,
                end_date=date(2026, 12, 18),
            ),
            add_class(u, w.facility_id, w.program_id, second, instructor_id=w.instructor2_id),
        ]
        u.commit()
    return w


def occurrence_of(
    source: Engine | UnitOfWorkFactory, series_id: uuid.UUID, day: date
) -> OccurrenceView:
    """The session of ``day`` (its original date) as stored now, as the calendar's session
    actions read it before they change it; ``NotFound`` when the series has none that day."""
    uow = source if isinstance(source, UnitOfWorkFactory) else UnitOfWorkFactory(source, READER)
    with uow() as u:
        return occurrence_in(u.get(ScheduleRepository), series_id, day)
