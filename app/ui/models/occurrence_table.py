"""Occurrences of sessions (a day's or a week's) as a small table model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.services.schedule import OccurrenceView

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("When", "Class", "Room", "Instructor", "Note")


class OccurrenceTableModel(QAbstractTableModel):
    """Sessions, replaced whole by ``set_occurrences``; ``data()`` never does I/O."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OccurrenceView] = []

    def set_occurrences(self, rows: Sequence[OccurrenceView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def occurrence_at(self, row: int) -> OccurrenceView:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self._rows[index.row()]
        if role == Qt.ItemDataRole.FontRole and o.cancelled:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        when = f"{o.start_local:%a %d %b %H:%M}–{o.end_local:%H:%M}"
        note = "Cancelled" if o.cancelled else ("Moved" if o.rescheduled else "")
        if o.reason:
            note = f"{note}: {o.reason}" if note else o.reason
        values = (when, o.class_name, o.room_name or "", o.instructor_name or "", note)
        return values[index.column()]
