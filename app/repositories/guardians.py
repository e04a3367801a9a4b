"""Guardians and their links to students."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from app.db.models import Guardian, StudentGuardian
from app.repositories.base import Repository


class GuardianRepository(Repository):
    """Guardians (seed 003 parents) and student-guardian links; soft-deleted rows are invisible."""

    def links_of(self, student_id: uuid.UUID) -> Sequence[tuple[StudentGuardian, Guardian]]:
        """Live links of a student with their (live) guardians: primary first, then by name."""
        stmt = (
            select(StudentGuardian, Guardian)
            .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
            .where(
                StudentGuardian.student_id == student_id,
                StudentGuardian.deleted_at.is_(None),
                Guardian.deleted_at.is_(None),
            )
            .order_by(
                StudentGuardian.is_primary.desc(),
                Guardian.name_last,
                Guardian.name_first,
                Guardian.id,
            )
        )
        return [(link, guardian) for link, guardian in self._session.execute(stmt)]
