"""Guardians and their links to students."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from app.db.models import Guardian, StudentGuardian
from app.repositories.base import Repository


class GuardianRepository(Repository):
    """Guardians (seed 003 parents) and student-guardian links; soft-deleted rows are invisible."""

    def add(self, row: Guardian | StudentGuardian) -> None:
        self._session.add(row)

    def get(self, guardian_id: uuid.UUID) -> Guardian | None:
        return self._live(Guardian, guardian_id)

    def find_link(
        self, student_id: uuid.UUID, guardian_id: uuid.UUID, *, include_deleted: bool = False
    ) -> StudentGuardian | None:
        """The link, if any; with ``include_deleted`` also an unlinked one (the unique index
        covers it, so linking again must revive it rather than insert)."""
        stmt = select(StudentGuardian).where(
            StudentGuardian.student_id == student_id, StudentGuardian.guardian_id == guardian_id
        )
        if not include_deleted:
            stmt = stmt.where(StudentGuardian.deleted_at.is_(None))
        return self._session.scalars(stmt).first()

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

    def primary_links_of(self, student_id: uuid.UUID) -> Sequence[StudentGuardian]:
        stmt = select(StudentGuardian).where(
            StudentGuardian.student_id == student_id,
            StudentGuardian.is_primary.is_(True),
            StudentGuardian.deleted_at.is_(None),
        )
        return self._session.scalars(stmt).all()
