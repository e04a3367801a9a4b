"""Enrollments of students in classes, the waitlist, and the history of every status change."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, or_, select

from app.db.models import Enrollment, EnrollmentHistory, Program, ProgramClass, User
from app.domain.enums import EnrollmentStatus
from app.repositories.base import RowRepository


def ever_on_sheets() -> ColumnElement[bool]:
    """Enrollments that ever put a student on a sheet (waitlist-only ones never did)."""
    return and_(
        Enrollment.enrollment_status != EnrollmentStatus.WAITLISTED,
        Enrollment.enrolled_at.is_not(None),
    )


def on_sheets_during(
    start: ColumnElement[Any] | datetime,
    end: ColumnElement[Any] | datetime,
    *,
    end_excluded: bool = False,
) -> ColumnElement[bool]:
    """The roster-as-of rule of every sheet: enrolled by ``end`` (before it with
    ``end_excluded``) and not ended before ``start``; for a session, ``start`` is its local
    day's start and ``end`` its end."""
    enrolled = Enrollment.enrolled_at < end if end_excluded else Enrollment.enrolled_at <= end
    return and_(
        ever_on_sheets(),
        enrolled,
        or_(Enrollment.enrollment_ended_at.is_(None), Enrollment.enrollment_ended_at >= start),
    )


class RosterLine(NamedTuple):
    """An enrollment with the student's name and numbers."""

    enrollment: Enrollment
    name_first: str
    name_last: str
    student_number: str | None
    doc_id: str | None


class StudentEnrollmentLine(NamedTuple):
    """An enrollment of one student with its class and program."""

    enrollment: Enrollment
    class_name: str
    program_id: uuid.UUID
    program_name: str


class EnrolledPeriod(NamedTuple):
    """When a student was on a class's sheets: from ``enrolled_at`` to ``ended_at`` (if ended)."""

    enrollment_id: uuid.UUID
    class_id: uuid.UUID
    program_id: uuid.UUID
    user_id: uuid.UUID
    status: EnrollmentStatus
    enrolled_at: datetime
    ended_at: datetime | None


class EnrollmentRepository(RowRepository[Enrollment]):
    """Reads and writes ``program_class_enrollments`` and ``enrollment_history``."""

    _model = Enrollment

    def get_including_deleted(self, enrollment_id: uuid.UUID) -> Enrollment | None:
        """The row behind a deterministic id, even soft-deleted: a re-enrolment revives it."""
        return self._session.get(Enrollment, enrollment_id)

    def many(self, enrollment_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Enrollment]:
        ids = list(enrollment_ids)
        if not ids:
            return {}
        stmt = select(Enrollment).where(Enrollment.id.in_(ids), Enrollment.deleted_at.is_(None))
        return {row.id: row for row in self._session.scalars(stmt)}

    def add_history(self, row: EnrollmentHistory) -> None:
        self._session.add(row)

    def counts(self, class_id: uuid.UUID) -> tuple[int, list[tuple[uuid.UUID, int]]]:
        """(enrolled count, waitlist as (enrollment id, position) in no particular order)."""
        stmt = select(
            Enrollment.id, Enrollment.enrollment_status, Enrollment.waitlist_position
        ).where(
            Enrollment.class_id == class_id,
            Enrollment.deleted_at.is_(None),
            Enrollment.enrollment_status.in_(
                (EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED)
            ),
        )
        enrolled = 0
        waitlist: list[tuple[uuid.UUID, int]] = []
        for ident, status, position in self._session.execute(stmt):
            if status is EnrollmentStatus.ENROLLED:
                enrolled += 1
            else:
                # A waitlisted row without a position (written elsewhere) queues last.
                waitlist.append((ident, position if position is not None else 1 << 30))
        return enrolled, waitlist

    def roster_for(self, class_id: uuid.UUID) -> list[RosterLine]:
        stmt = (
            select(Enrollment, User.name_first, User.name_last, User.student_number, User.doc_id)
            .join(User, User.id == Enrollment.user_id)
            .where(Enrollment.class_id == class_id, Enrollment.deleted_at.is_(None))
        )
        return [RosterLine(*row) for row in self._session.execute(stmt)]

    def roster_lines(self, enrollment_ids: Iterable[uuid.UUID]) -> list[RosterLine]:
        ids = list(enrollment_ids)
        if not ids:
            return []
        stmt = (
            select(Enrollment, User.name_first, User.name_last, User.student_number, User.doc_id)
            .join(User, User.id == Enrollment.user_id)
            .where(Enrollment.id.in_(ids), Enrollment.deleted_at.is_(None))
        )
        return [RosterLine(*row) for row in self._session.execute(stmt)]

    def history_of(self, enrollment_ids: Iterable[uuid.UUID]) -> list[EnrollmentHistory]:
        """History rows, oldest first (``created_at`` breaks ties of one clock instant)."""
        ids = list(enrollment_ids)
        if not ids:
            return []
        return list(
            self._live_rows(
                EnrollmentHistory,
                EnrollmentHistory.enrollment_id.in_(ids),
                order_by=(EnrollmentHistory.changed_at, EnrollmentHistory.created_at),
            )
        )

    def of_student(self, student_id: uuid.UUID) -> list[StudentEnrollmentLine]:
        stmt = (
            select(Enrollment, ProgramClass.name, Program.id, Program.name)
            .join(ProgramClass, ProgramClass.id == Enrollment.class_id)
            .join(Program, Program.id == ProgramClass.program_id)
            .where(Enrollment.user_id == student_id, Enrollment.deleted_at.is_(None))
        )
        return [StudentEnrollmentLine(*row) for row in self._session.execute(stmt)]

    def periods(
        self,
        *,
        class_ids: Iterable[uuid.UUID] | None = None,
        student_id: uuid.UUID | None = None,
        facility_id: uuid.UUID | None = None,
    ) -> list[EnrolledPeriod]:
        """Enrollments that ever put a student on a sheet (waitlist-only ones never did)."""
        stmt = (
            select(
                Enrollment.id,
                Enrollment.class_id,
                ProgramClass.program_id,
                Enrollment.user_id,
                Enrollment.enrollment_status,
                Enrollment.enrolled_at,
                Enrollment.enrollment_ended_at,
            )
            .join(ProgramClass, ProgramClass.id == Enrollment.class_id)
            .where(Enrollment.deleted_at.is_(None), ever_on_sheets())
        )
        if class_ids is not None:
            stmt = stmt.where(Enrollment.class_id.in_(list(class_ids)))
        if student_id is not None:
            stmt = stmt.where(Enrollment.user_id == student_id)
        if facility_id is not None:
            stmt = stmt.where(Enrollment.facility_id == facility_id)
        result = []
        for (
            ident,
            class_id,
            program_id,
            user_id,
            status,
            enrolled_at,
            ended_at,
        ) in self._session.execute(stmt):
            assert enrolled_at is not None  # filtered above; narrows the type
            result.append(
                EnrolledPeriod(ident, class_id, program_id, user_id, status, enrolled_at, ended_at)
            )
        return result
