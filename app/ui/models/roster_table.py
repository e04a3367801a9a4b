"""A class roster as a table model: enrolled, then waitlisted in order, then ended enrolments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.rosters_dto import RosterEntry

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Student no.", "Status", "Since", "Waitlist", "Reason")


class RosterTableModel(QAbstractTableModel):
    """Rows are replaced whole by ``set_rows``; ``data()`` never does I/O."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RosterEntry] = []

    def set_rows(self, rows: Sequence[RosterEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def entry_at(self, row: int) -> RosterEntry:
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
        e = self._rows[index.row()]
        since = e.ended_at or e.enrolled_at
        cells = (
            e.display_name,
            e.student_number or "",
            e.status.value,
            since.strftime("%Y-%m-%d") if since else "",
            "" if e.waitlist_position is None else str(e.waitlist_position),
            e.change_reason or "",
        )
        return cells[index.column()]
