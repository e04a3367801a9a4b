"""A fake unit of work over in-memory repositories: service rules tested without a database.

``FakeDatabase`` holds what is committed. Each unit of work the fake factory opens works on
copies of its rows and writes them back only on ``commit()``: a unit of work left by an error,
or without a commit, changes nothing, as a rolled-back transaction would. ``get`` hands back
in-memory repositories for the repository classes a service asks for; mypy checks them against
the Protocols of ``app.repositories.protocols``, which the services hold their repositories as.
A repository the fake does not know is refused with advice: that rule needs the integration tier.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.db.models import AttendanceRecord, Enrollment, EnrollmentHistory, ProgramClass, User
from app.domain.actor import Actor
from app.domain.enums import ClassStatus, EnrollmentStatus, Role
from app.domain.ids import attendance_id
from app.repositories.attendance import AttendanceRepository, SheetLine
from app.repositories.classes import ClassRepository
from app.repositories.enrollments import EnrollmentRepository, RosterLine, StudentEnrollmentLine
from app.repositories.protocols import ClassReader, EnrollmentStore, MarkStore, SessionReader
from app.repositories.schedule import OverrideLine, ScheduleRepository, SeriesLine
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory

R = TypeVar("R")
M = TypeVar("M", Enrollment, EnrollmentHistory, AttendanceRecord)

_LAST = 1 << 30  # a waitlisted row without a position queues last (as EnrollmentRepository)


def _copy(row: M) -> M:
    """A detached copy of an ORM row's column values (what a new session would load)."""
    mapper = sa_inspect(type(row))
    return type(row)(**{attr.key: getattr(row, attr.key) for attr in mapper.column_attrs})


class FakeDatabase:
    """The committed state: classes, people and program names (read-only for the rules here),
    enrollments and their history (copied into each unit of work, written back on commit)."""

    def __init__(self) -> None:
        self.facility_id = uuid.uuid4()
        self.program_id = uuid.uuid4()
        self.programs: dict[uuid.UUID, str] = {self.program_id: "Welding"}
        self.classes: dict[uuid.UUID, ProgramClass] = {}
        self.people: dict[uuid.UUID, User] = {}
        self.enrollments: dict[uuid.UUID, Enrollment] = {}
        self.history: list[EnrollmentHistory] = []
        self.timezone = "America/Chicago"
        self.series: dict[uuid.UUID, SeriesLine] = {}
        self.overrides: dict[tuple[uuid.UUID, date], OverrideLine] = {}
        self.marks: dict[uuid.UUID, AttendanceRecord] = {}
        self.commits = 0

    def add_class(
        self,
        name: str,
        *,
        capacity: int | None,
        status: ClassStatus = ClassStatus.SCHEDULED,
        facility_id: uuid.UUID | None = None,
    ) -> uuid.UUID:
        klass = ProgramClass(
            id=uuid.uuid4(),
            program_id=self.program_id,
            facility_id=facility_id or self.facility_id,
            name=name,
            capacity=capacity,
            status=status,
            start_date=date(2026, 1, 5),
        )
        self.classes[klass.id] = klass
        return klass.id

    def add_person(
        self,
        first: str,
        last: str,
        *,
        role: Role = Role.STUDENT,
        facility_id: uuid.UUID | None = None,
    ) -> uuid.UUID:
        person = User(
            id=uuid.uuid4(),
            facility_id=facility_id or self.facility_id,
            role=role,
            name_first=first,
            name_last=last,
            student_number=f"S-{len(self.people) + 1:03d}",
            doc_id=None,
        )
        self.people[person.id] = person
        return person.id

    def enrol(
        self,
        class_id: uuid.UUID,
        student_id: uuid.UUID,
        *,
        enrolled_at: datetime,
        status: EnrollmentStatus = EnrollmentStatus.ENROLLED,
        ended_at: datetime | None = None,
    ) -> uuid.UUID:
        """An enrollment as committed (no roster rules: for setting up a sheet's students)."""
        row = Enrollment(
            id=uuid.uuid4(),
            facility_id=self.classes[class_id].facility_id,
            class_id=class_id,
            user_id=student_id,
            enrollment_status=status,
            enrolled_at=enrolled_at,
            enrollment_ended_at=ended_at,
        )
        self.enrollments[row.id] = row
        return row.id

    def add_series(
        self,
        class_id: uuid.UUID,
        dtstart_local: datetime,
        *,
        rrule: str | None = "FREQ=WEEKLY",
        duration_minutes: int = 60,
    ) -> uuid.UUID:
        """A session series of a class, in the facility's timezone (naive local start)."""
        klass = self.classes[class_id]
        line = SeriesLine(
            id=uuid.uuid4(),
            facility_id=klass.facility_id,
            timezone=self.timezone,
            class_id=class_id,
            class_name=klass.name,
            dtstart_local=dtstart_local,
            duration_minutes=duration_minutes,
            recurrence_rule=rrule,
            until_local=None,
            exdates=None,
            room_id=None,
            room_name=None,
            instructor_id=None,
            instructor_first=None,
            instructor_last=None,
            program_id=klass.program_id,
        )
        self.series[line.id] = line
        return line.id

    def cancel(self, series_id: uuid.UUID, original_date: date) -> None:
        """Cancel one occurrence of a series (an override)."""
        self.overrides[(series_id, original_date)] = OverrideLine(
            event_id=series_id,
            original_date=original_date,
            is_cancelled=True,
            new_start_local=None,
            new_duration_minutes=None,
            substitute_instructor_id=None,
            substitute_first=None,
            substitute_last=None,
            room_id=None,
            room_name=None,
            reason="Lockdown",
        )

    def mark_of(
        self, series_id: uuid.UUID, student_id: uuid.UUID, day: date
    ) -> AttendanceRecord | None:
        """The committed mark of a student for an occurrence, even cleared (soft-deleted)."""
        return self.marks.get(attendance_id(series_id, student_id, day))

    def status_of(self, enrollment: uuid.UUID) -> EnrollmentStatus | None:
        row = self.enrollments.get(enrollment)
        return None if row is None else row.enrollment_status


class FakeClasses:
    """``ClassRepository`` as a roster reads it: live classes and people."""

    def __init__(self, db: FakeDatabase) -> None:
        self._db = db

    def get(self, row_id: uuid.UUID) -> ProgramClass | None:
        row = self._db.classes.get(row_id)
        return None if row is None or row.deleted_at is not None else row

    def person(self, user_id: uuid.UUID) -> User | None:
        row = self._db.people.get(user_id)
        return None if row is None or row.deleted_at is not None else row


class FakeEnrollments:
    """``EnrollmentRepository`` over one unit of work's copies of the enrollments."""

    def __init__(self, db: FakeDatabase) -> None:
        self._db = db
        self.rows = {ident: _copy(row) for ident, row in db.enrollments.items()}
        self.history = [_copy(row) for row in db.history]
        self._order = itertools.count(len(self.history))
        self._added: dict[uuid.UUID, int] = {row.id: i for i, row in enumerate(self.history)}

    def _live(self) -> Iterator[Enrollment]:
        return (row for row in self.rows.values() if row.deleted_at is None)

    def _line(self, row: Enrollment) -> RosterLine:
        person = self._db.people[row.user_id]
        return RosterLine(
            row, person.name_first, person.name_last, person.student_number, person.doc_id
        )

    def get(self, row_id: uuid.UUID) -> Enrollment | None:
        row = self.rows.get(row_id)
        return None if row is None or row.deleted_at is not None else row

    def get_including_deleted(self, enrollment_id: uuid.UUID) -> Enrollment | None:
        return self.rows.get(enrollment_id)

    def many(self, enrollment_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Enrollment]:
        wanted = set(enrollment_ids)
        return {row.id: row for row in self._live() if row.id in wanted}

    def add(self, row: Enrollment) -> Enrollment:
        row.created_at = row.created_at or datetime.now(UTC)
        self.rows[row.id] = row
        return row

    def add_history(self, row: EnrollmentHistory) -> None:
        self._added[row.id] = next(self._order)
        self.history.append(row)

    def counts(self, class_id: uuid.UUID) -> tuple[int, list[tuple[uuid.UUID, int]]]:
        enrolled = 0
        waitlist: list[tuple[uuid.UUID, int]] = []
        for row in self._live():
            if row.class_id != class_id:
                continue
            if row.enrollment_status is EnrollmentStatus.ENROLLED:
                enrolled += 1
            elif row.enrollment_status is EnrollmentStatus.WAITLISTED:
                position = row.waitlist_position
                waitlist.append((row.id, position if position is not None else _LAST))
        return enrolled, waitlist

    def roster_for(self, class_id: uuid.UUID) -> list[RosterLine]:
        return [self._line(row) for row in self._live() if row.class_id == class_id]

    def roster_lines(self, enrollment_ids: Iterable[uuid.UUID]) -> list[RosterLine]:
        wanted = set(enrollment_ids)
        return [self._line(row) for row in self._live() if row.id in wanted]

    def history_of(self, enrollment_ids: Iterable[uuid.UUID]) -> list[EnrollmentHistory]:
        wanted = set(enrollment_ids)
        rows = [r for r in self.history if r.enrollment_id in wanted and r.deleted_at is None]
        return sorted(rows, key=lambda r: (r.changed_at, self._added[r.id]))

    def of_student(self, student_id: uuid.UUID) -> list[StudentEnrollmentLine]:
        lines = []
        for row in self._live():
            if row.user_id == student_id:
                klass = self._db.classes[row.class_id]
                program = self._db.programs[klass.program_id]
                lines.append(StudentEnrollmentLine(row, klass.name, klass.program_id, program))
        return lines


class FakeSchedule:
    """``ScheduleRepository`` as a sheet reads it: a series with its override for one date."""

    def __init__(self, db: FakeDatabase) -> None:
        self._db = db

    def line_with_override(
        self, series_id: uuid.UUID, original_date: date
    ) -> tuple[SeriesLine, OverrideLine | None] | None:
        line = self._db.series.get(series_id)
        if line is None:
            return None
        return line, self._db.overrides.get((series_id, original_date))


class FakeAttendance:
    """``AttendanceRepository`` over one unit of work's copies of the marks; a sheet's students
    come from the same unit of work's enrollments, by the roster-as-of rule of
    ``app.repositories.enrollments.on_sheets_during``."""

    def __init__(self, db: FakeDatabase, enrollments: FakeEnrollments) -> None:
        self._db = db
        self._enrollments = enrollments
        self.rows = {ident: _copy(row) for ident, row in db.marks.items()}

    def _mark(self, series_id: uuid.UUID, user_id: uuid.UUID, day: date) -> AttendanceRecord | None:
        row = self.rows.get(attendance_id(series_id, user_id, day))
        return None if row is None or row.deleted_at is not None else row

    def sheet_lines(
        self,
        *,
        series_id: uuid.UUID,
        class_id: uuid.UUID,
        occurrence_date: date,
        occurrence_end_utc: datetime,
        day_start_utc: datetime,
        student_ids: Iterable[uuid.UUID] | None = None,
    ) -> list[SheetLine]:
        wanted = None if student_ids is None else set(student_ids)
        lines = []
        for row in self._enrollments.rows.values():
            person = self._db.people[row.user_id]
            if row.class_id != class_id or row.deleted_at is not None or person.deleted_at:
                continue
            if wanted is not None and row.user_id not in wanted:
                continue
            mark = self._mark(series_id, row.user_id, occurrence_date)
            on_sheet = (
                row.enrollment_status is not EnrollmentStatus.WAITLISTED
                and row.enrolled_at is not None
                and row.enrolled_at <= occurrence_end_utc
                and (row.enrollment_ended_at is None or row.enrollment_ended_at >= day_start_utc)
            )
            if on_sheet or mark is not None:
                lines.append(
                    SheetLine(
                        person.id,
                        person.name_first,
                        person.name_last,
                        person.student_number,
                        person.doc_id,
                        row.enrollment_status,
                        mark,
                    )
                )
        return lines

    def get_including_deleted(self, attendance_id: uuid.UUID) -> AttendanceRecord | None:
        return self.rows.get(attendance_id)

    def add(self, row: AttendanceRecord) -> AttendanceRecord:
        row.created_at = row.created_at or datetime.now(UTC)
        self.rows[row.id] = row
        return row


class FakeUnitOfWork(UnitOfWork):
    """A unit of work with no session: in-memory repositories, commit writes them back."""

    def __init__(self, db: FakeDatabase, actor: Actor) -> None:  # no session: no super().__init__
        self._db = db
        self.actor = actor
        self._fakes: dict[Callable[[Session], Any], object] = {}
        self._open()

    def _open(self) -> None:
        """Fresh copies of the committed state, as a new transaction sees it."""
        self._enrollments = FakeEnrollments(self._db)
        self._attendance = FakeAttendance(self._db, self._enrollments)
        classes: ClassReader = FakeClasses(self._db)
        enrollments: EnrollmentStore = self._enrollments
        schedule: SessionReader = FakeSchedule(self._db)
        marks: MarkStore = self._attendance
        self._fakes = {
            ClassRepository: classes,
            EnrollmentRepository: enrollments,
            ScheduleRepository: schedule,
            AttendanceRepository: marks,
        }

    def get(self, repo_type: Callable[[Session], R]) -> R:
        try:
            # The key is the repository class the service asks for; the value implements the
            # Protocol the service holds it as (checked above), not the class itself.
            return cast(R, self._fakes[repo_type])
        except KeyError:
            name = getattr(repo_type, "__name__", repr(repo_type))
            raise AssertionError(
                f"The fake unit of work has no {name}: test this rule in tests/integration"
            ) from None

    def flush(self) -> None:
        """Stamp what a flush stamps on new rows; the fake repositories read unflushed rows."""
        for row in self._enrollments.history:
            row.created_at = row.created_at or datetime.now(UTC)

    def commit(self) -> None:
        self.flush()
        self._db.enrollments = {i: _copy(r) for i, r in self._enrollments.rows.items()}
        self._db.history = [_copy(r) for r in self._enrollments.history]
        self._db.marks = {i: _copy(r) for i, r in self._attendance.rows.items()}
        self._db.commits += 1

    def rollback(self) -> None:
        self._open()


class FakeUnitOfWorkFactory(UnitOfWorkFactory):
    """Opens fake units of work over one ``FakeDatabase`` (a service takes it as its factory)."""

    def __init__(self, db: FakeDatabase) -> None:  # no engine, so no super().__init__
        self.db = db
        self.actor = Actor(username="fake_staff", role=Role.FACILITY_ADMIN, device_id="desk-7")

    @contextmanager
    def __call__(self) -> Iterator[UnitOfWork]:
        # Uncommitted work is dropped with the unit of work, as a closed session drops it.
        yield FakeUnitOfWork(self.db, self.actor)
