"""Report queries: classes with their enrollment counts, enrollments with their student, class
and program, curriculum progress and the hours ledger of a facility, aggregated in SQL.
(Seats of held sessions are in ``report_seats``.)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from app.db.models import (
    Enrollment,
    HoursLog,
    Lesson,
    LessonProgress,
    Module,
    Program,
    ProgramClass,
    User,
)
from app.domain.enums import ClassStatus, EnrollmentStatus, ProgressStatus
from app.repositories.base import Repository
from app.repositories.enrollments import on_sheets_during

__all__ = ["ClassLine", "EnrollmentLine", "LedgerTotals", "ReportRepository"]

# Enrollment ids asked for by id, per statement.
CHUNK_IDS = 1000

_LEFT = tuple(s for s in EnrollmentStatus if s.is_final and s is not EnrollmentStatus.COMPLETED)


class LedgerTotals(NamedTuple):
    """Finished hours-ledger minutes of a student in the period, verified or not yet."""

    user_id: uuid.UUID
    name_first: str
    name_last: str
    student_number: str | None
    verified: int
    unverified: int


class ClassLine(NamedTuple):
    """A class of a training summary with its enrollment counts."""

    class_id: uuid.UUID
    name: str
    program_name: str
    instructor_first: str | None
    instructor_last: str | None
    status: ClassStatus
    start_date: date
    end_date: date | None
    capacity: int | None
    enrolled: int
    waitlisted: int
    completed: int
    left: int


class EnrollmentLine(NamedTuple):
    """An enrollment with its student, class and program."""

    enrollment_id: uuid.UUID
    user_id: uuid.UUID
    name_first: str
    name_last: str
    student_number: str | None
    class_id: uuid.UUID
    class_name: str
    program_id: uuid.UUID
    program_name: str
    status: EnrollmentStatus
    enrolled_at: datetime | None
    ended_at: datetime | None
    instructor_first: str | None
    instructor_last: str | None
    class_end: date | None


class ReportRepository(Repository):
    """Read-only queries behind the reports of ``ReportsService``."""

    def class_lines(self, facility_id: uuid.UUID, start: date, end: date) -> list[ClassLine]:
        """Classes of the facility running at some point of ``[start, end]``, with counts."""
        e = Enrollment
        instructor = aliased(User)

        def count(cond: ColumnElement[bool]) -> ColumnElement[Any]:
            return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

        counts = (
            select(
                e.class_id.label("class_id"),
                count(e.enrollment_status == EnrollmentStatus.ENROLLED).label("enrolled"),
                count(e.enrollment_status == EnrollmentStatus.WAITLISTED).label("waitlisted"),
                count(e.enrollment_status == EnrollmentStatus.COMPLETED).label("completed"),
                count(e.enrollment_status.in_(_LEFT)).label("left"),
            )
            .join(User, and_(User.id == e.user_id, User.deleted_at.is_(None)))
            .where(e.facility_id == facility_id, e.deleted_at.is_(None))
            .group_by(e.class_id)
            .subquery()
        )
        c = ProgramClass
        stmt = (
            select(
                c.id,
                c.name,
                Program.name,
                instructor.name_first,
                instructor.name_last,
                c.status,
                c.start_date,
                c.end_date,
                c.capacity,
                func.coalesce(counts.c.enrolled, 0),
                func.coalesce(counts.c.waitlisted, 0),
                func.coalesce(counts.c.completed, 0),
                func.coalesce(counts.c.left, 0),
            )
            .join(Program, Program.id == c.program_id)
            .outerjoin(instructor, instructor.id == c.instructor_id)
            .outerjoin(counts, counts.c.class_id == c.id)
            .where(
                c.facility_id == facility_id,
                c.deleted_at.is_(None),
                c.start_date <= end,
                or_(c.end_date.is_(None), c.end_date >= start),
            )
        )
        return [ClassLine(*row) for row in self._session.execute(stmt)]

    def _enrollment_select(self) -> Select[*tuple[Any, ...]]:
        e, c = Enrollment, ProgramClass
        instructor = aliased(User)
        return (
            select(
                e.id,
                e.user_id,
                User.name_first,
                User.name_last,
                User.student_number,
                e.class_id,
                c.name,
                c.program_id,
                Program.name,
                e.enrollment_status,
                e.enrolled_at,
                e.enrollment_ended_at,
                instructor.name_first,
                instructor.name_last,
                c.end_date,
            )
            .join(User, User.id == e.user_id)
            .join(c, c.id == e.class_id)
            .join(Program, Program.id == c.program_id)
            .outerjoin(instructor, instructor.id == c.instructor_id)
            .where(e.deleted_at.is_(None), User.deleted_at.is_(None), c.deleted_at.is_(None))
        )

    def enrollments_during(
        self, facility_id: uuid.UUID, lo: datetime, hi: datetime
    ) -> list[EnrollmentLine]:
        """Enrollments of the facility that were on sheets at some instant of ``[lo, hi)``."""
        e = Enrollment
        stmt = self._enrollment_select().where(
            e.facility_id == facility_id,
            on_sheets_during(lo, hi, end_excluded=True),
        )
        return [EnrollmentLine(*row) for row in self._session.execute(stmt)]

    def enrollments_by_id(self, ids: Iterable[uuid.UUID]) -> list[EnrollmentLine]:
        wanted = list(ids)
        found: list[EnrollmentLine] = []
        for i in range(0, len(wanted), CHUNK_IDS):
            stmt = self._enrollment_select().where(Enrollment.id.in_(wanted[i : i + CHUNK_IDS]))
            found.extend(EnrollmentLine(*row) for row in self._session.execute(stmt))
        return found

    def active_enrollments(self, facility_id: uuid.UUID) -> list[EnrollmentLine]:
        """Enrollments of the facility with the status Enrolled (seed 002's active ones)."""
        stmt = self._enrollment_select().where(
            Enrollment.facility_id == facility_id,
            Enrollment.enrollment_status == EnrollmentStatus.ENROLLED,
        )
        return [EnrollmentLine(*row) for row in self._session.execute(stmt)]

    # -- curriculum and hours ledger -----------------------------------------------------------

    def lesson_totals(self) -> dict[uuid.UUID, int]:
        """Lessons per program (of every program: there are few)."""
        stmt = (
            select(Module.program_id, func.count(Lesson.id))
            .join(Lesson, Lesson.module_id == Module.id)
            .where(Module.deleted_at.is_(None), Lesson.deleted_at.is_(None))
            .group_by(Module.program_id)
        )
        return {program: int(n) for program, n in self._session.execute(stmt)}

    def lessons_completed(self, facility_id: uuid.UUID) -> dict[tuple[uuid.UUID, uuid.UUID], int]:
        """Completed lessons per (student, program) of the facility's students."""
        lp = LessonProgress
        stmt = (
            select(lp.student_id, Module.program_id, func.count())
            .join(Lesson, Lesson.id == lp.lesson_id)
            .join(Module, Module.id == Lesson.module_id)
            .where(
                lp.facility_id == facility_id,
                lp.deleted_at.is_(None),
                lp.status == ProgressStatus.COMPLETED,
                Lesson.deleted_at.is_(None),
                Module.deleted_at.is_(None),
            )
            .group_by(lp.student_id, Module.program_id)
        )
        return {(student, program): int(n) for student, program, n in self._session.execute(stmt)}

    def ledger_totals(
        self, facility_id: uuid.UUID, start: date, end: date, lo: datetime, hi: datetime
    ) -> list[LedgerTotals]:
        """Ledger minutes per student of entries on local days ``start``–``end``
        (by ``day``, or by clock-in within ``[lo, hi)`` where an entry has no day)."""
        h = HoursLog
        minutes = h.minutes
        stmt = (
            select(
                h.user_id,
                User.name_first,
                User.name_last,
                User.student_number,
                func.coalesce(func.sum(case((h.verified.is_(True), minutes), else_=0)), 0),
                func.coalesce(func.sum(case((h.verified.is_(True), 0), else_=minutes)), 0),
            )
            .join(User, and_(User.id == h.user_id, User.deleted_at.is_(None)))
            .where(
                h.facility_id == facility_id,
                h.deleted_at.is_(None),
                h.minutes.is_not(None),  # an open entry has nothing to count yet
                or_(
                    h.day.between(start, end),
                    and_(h.day.is_(None), h.clock_in >= lo, h.clock_in < hi),
                ),
            )
            .group_by(h.user_id, User.name_first, User.name_last, User.student_number)
        )
        return [
            LedgerTotals(uid, first, last, number, int(v), int(u))
            for uid, first, last, number, v, u in self._session.execute(stmt)
        ]
