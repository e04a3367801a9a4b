"""Past sessions still missing attendance, as a small table model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.attendance_dto import MissingAttendance

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("When", "Class", "Instructor", "Marked")


class MissingTableModel(QAbstractTableModel):
    """Rows are replaced whole by ``set_rows``; ``data()`` never does I/O."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MissingAttendance] = []

    def set_rows(self, rows: Sequence[MissingAttendance]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def missing_at(self, row: int) -> MissingAttendance:
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
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        m = self._rows[index.row()]
        cells = (
            f"{m.start_local:%a %d %b %H:%M}",
            m.class_name,
            m.instructor_name or "",
            f"{m.marked} of {m.expected}",
        )
        return cells[index.column()]
