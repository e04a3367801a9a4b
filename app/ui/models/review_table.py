"""The review queue as a table model: one row per mark set for review, the reason in words."""

from __future__ import annotations

import uuid

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services.review_dto import ReviewItemDTO
from app.ui.models.tuple_table import TupleTableModel


class ReviewTableModel(TupleTableModel[ReviewItemDTO]):
    """Each cell's tooltip is its whole text (the reason can be long)."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "Session"),
        QT_TRANSLATE_NOOP("columns", "Student"),
        QT_TRANSLATE_NOOP("columns", "Mark"),
        QT_TRANSLATE_NOOP("columns", "Marked by"),
        QT_TRANSLATE_NOOP("columns", "Why it is here"),
    )

    def cells(self, r: ReviewItemDTO) -> tuple[str, ...]:
        return (
            f"{r.class_name}, {r.when}",
            r.student_name + (f" ({r.student_number})" if r.student_number else ""),
            r.status_text,
            r.marked_by,
            r.why,
        )

    def tooltip(self, r: ReviewItemDTO, column: int) -> str | None:
        return self.cells(r)[column]

    def find(self, mark_id: uuid.UUID) -> int | None:
        return next((i for i, item in enumerate(self._rows) if item.mark_id == mark_id), None)
