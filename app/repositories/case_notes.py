"""Case notes staff keep on students."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from app.db.models import CaseNote
from app.repositories.base import RowRepository


class CaseNoteRepository(RowRepository[CaseNote]):
    """Case notes; soft-deleted ones are invisible."""

    _model = CaseNote

    def notes_of(self, student_id: uuid.UUID) -> Sequence[CaseNote]:
        """Newest first (served by the (student_id, created_at) index)."""
        return self._rows(
            CaseNote.student_id == student_id,
            order_by=(CaseNote.created_at.desc(), CaseNote.id.desc()),
        )
