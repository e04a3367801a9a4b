"""Case notes staff keep on students."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import CaseNote


class CaseNoteRepository:
    """Case notes; soft-deleted ones are invisible."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: CaseNote) -> CaseNote:
        self._session.add(row)
        return row

    def get(self, note_id: uuid.UUID) -> CaseNote | None:
        row = self._session.get(CaseNote, note_id)
        return None if row is None or row.deleted_at is not None else row

    def notes_of(self, student_id: uuid.UUID) -> Sequence[CaseNote]:
        """Newest first (served by the (student_id, created_at) index)."""
        stmt = (
            select(CaseNote)
            .where(CaseNote.student_id == student_id, CaseNote.deleted_at.is_(None))
            .order_by(CaseNote.created_at.desc(), CaseNote.id.desc())
        )
        return self._session.scalars(stmt).all()
