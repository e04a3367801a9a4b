"""Reading the audit trail and the account history; adding account-history rows."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, literal, or_, select, union_all

from app.db.models import (
    AccountHistory,
    AttendanceRecord,
    AuditEntry,
    CaseNote,
    Credential,
    Enrollment,
    EnrollmentHistory,
    HoursLog,
    LessonProgress,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.repositories.base import Repository


class AuditRepository(Repository):
    """The append-only ``audit_log`` and ``user_account_history``."""

    def student_row_ids(self, student_id: uuid.UUID) -> dict[str, list[uuid.UUID]]:
        """Ids of every row about the student, deleted rows included, by table (one query)."""

        def ids(table: str, id_col: Any, where: ColumnElement[bool]) -> Select[Any]:
            return select(literal(table).label("t"), id_col.label("row_id")).where(where)

        enrollment_ids = select(Enrollment.id).where(Enrollment.user_id == student_id)
        parts = [
            ids("users", User.id, User.id == student_id),
            ids("student_profiles", StudentProfile.id, StudentProfile.user_id == student_id),
            ids("student_medical", StudentMedical.id, StudentMedical.user_id == student_id),
            ids("program_class_enrollments", Enrollment.id, Enrollment.user_id == student_id),
            ids(
                "enrollment_history",
                EnrollmentHistory.id,
                EnrollmentHistory.enrollment_id.in_(enrollment_ids),
            ),
            ids(
                "program_class_event_attendance",
                AttendanceRecord.id,
                AttendanceRecord.user_id == student_id,
            ),
            ids("credentials", Credential.id, Credential.user_id == student_id),
            ids("case_notes", CaseNote.id, CaseNote.student_id == student_id),
            ids("hours_logs", HoursLog.id, HoursLog.user_id == student_id),
            ids("student_guardians", StudentGuardian.id, StudentGuardian.student_id == student_id),
            ids("lesson_progress", LessonProgress.id, LessonProgress.student_id == student_id),
        ]
        found: dict[str, list[uuid.UUID]] = defaultdict(list)
        for table, row_id in self._session.execute(union_all(*parts)):
            found[str(table)].append(row_id)
        return dict(found)

    def entries_for_rows(
        self, row_ids: dict[str, list[uuid.UUID]], *, limit: int
    ) -> Sequence[AuditEntry]:
        """Audit entries of the given rows (by table, so the (table_name, row_id) index serves
        each part), newest first."""
        terms = [
            and_(AuditEntry.table_name == table, AuditEntry.row_id.in_(ids))
            for table, ids in sorted(row_ids.items())
            if ids
        ]
        if not terms:
            return []
        stmt = (
            select(AuditEntry)
            .where(or_(terms[0], *terms[1:]))
            .order_by(AuditEntry.changed_at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
        return self._session.scalars(stmt).all()

    def history_of(self, user_id: uuid.UUID) -> Sequence[AccountHistory]:
        stmt = (
            select(AccountHistory)
            .where(AccountHistory.user_id == user_id)
            .order_by(AccountHistory.created_at.desc(), AccountHistory.id)
        )
        return self._session.scalars(stmt).all()
