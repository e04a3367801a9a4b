"""What a service needs of its repositories, as Protocols: only the methods it calls.

A service asks the unit of work for the concrete repository (``uow.get(EnrollmentRepository)``)
and holds it as one of these, so it can use nothing else; the fast tier's fake unit of work
(tests/unit/fakes.py) hands back in-memory repositories that mypy checks against the same
Protocols, and the service's rules run without a database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from app.db.models import AttendanceRecord, Enrollment, EnrollmentHistory, ProgramClass, User
from app.repositories.attendance import SheetLine
from app.repositories.enrollments import RosterLine, StudentEnrollmentLine
from app.repositories.schedule import OverrideLine, SeriesLine


class ClassReader(Protocol):
    """The classes and people a roster refers to (``ClassRepository``)."""

    def get(self, row_id: uuid.UUID) -> ProgramClass | None: ...

    def person(self, user_id: uuid.UUID) -> User | None: ...


class EnrollmentStore(Protocol):
    """Enrollments, their roster lines and their history (``EnrollmentRepository``)."""

    def get(self, row_id: uuid.UUID) -> Enrollment | None: ...

    def get_including_deleted(self, enrollment_id: uuid.UUID) -> Enrollment | None: ...

    def many(self, enrollment_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Enrollment]: ...

    def add(self, row: Enrollment) -> Enrollment: ...

    def add_history(self, row: EnrollmentHistory) -> None: ...

    def counts(self, class_id: uuid.UUID) -> tuple[int, list[tuple[uuid.UUID, int]]]: ...

    def roster_for(self, class_id: uuid.UUID) -> list[RosterLine]: ...

    def roster_lines(self, enrollment_ids: Iterable[uuid.UUID]) -> list[RosterLine]: ...

    def history_of(self, enrollment_ids: Iterable[uuid.UUID]) -> list[EnrollmentHistory]: ...

    def of_student(self, student_id: uuid.UUID) -> list[StudentEnrollmentLine]: ...


class SessionReader(Protocol):
    """A series with its override for one date: a sheet's session (``ScheduleRepository``)."""

    def line_with_override(
        self, series_id: uuid.UUID, original_date: date
    ) -> tuple[SeriesLine, OverrideLine | None] | None: ...


class MarkStore(Protocol):
    """A sheet's students with their marks, and the marks themselves (``AttendanceRepository``)."""

    def sheet_lines(
        self,
        *,
        series_id: uuid.UUID,
        class_id: uuid.UUID,
        occurrence_date: date,
        occurrence_end_utc: datetime,
        day_start_utc: datetime,
        student_ids: Iterable[uuid.UUID] | None = None,
    ) -> list[SheetLine]: ...

    def get_including_deleted(self, attendance_id: uuid.UUID) -> AttendanceRecord | None: ...

    def add(self, row: AttendanceRecord) -> AttendanceRecord: ...
