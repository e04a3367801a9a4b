"""The review queue as a table model: one row per mark set for review, the reason in words."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.review_dto import ReviewItemDTO

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Session", "Student", "Mark", "Marked by", "Why it is here")


class ReviewTableModel(QAbstractTableModel):
    """Rows are replaced whole by ``set_rows`` (texts worked out then); ``data()`` does no I/O."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewItemDTO] = []
        self._cells: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[ReviewItemDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [
            (
                f"{r.class_name}, {r.when}",
                r.student_name + (f" ({r.student_number})" if r.student_number else ""),
                r.status_text,
                r.marked_by,
                r.why,
            )
            for r in self._rows
        ]
        self.endResetModel()

    def item_at(self, row: int) -> ReviewItemDTO:
        return self._rows[row]

    def find(self, mark_id: uuid.UUID) -> int | None:
        for i, item in enumerate(self._rows):
            if item.mark_id == mark_id:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        return None
