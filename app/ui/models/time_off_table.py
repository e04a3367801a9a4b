"""An instructor's time off, as the availability dialog lists it while it is edited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.availability_dto import TimeOffEntry

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("From", "Until", "Reason")


class TimeOffTableModel(QAbstractTableModel):
    """Time off in start order; rows added and removed in memory until the dialog saves."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TimeOffEntry] = []

    def set_entries(self, rows: Sequence[TimeOffEntry]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda t: (t.starts_local, t.ends_local))
        self.endResetModel()

    def entries(self) -> list[TimeOffEntry]:
        return list(self._rows)

    def add(self, entry: TimeOffEntry) -> int:
        """Insert in start order; returns the new row."""
        row = sum(1 for t in self._rows if (t.starts_local, t.ends_local) <= (
            entry.starts_local, entry.ends_local))  # fmt: skip
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, entry)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> TimeOffEntry:
        self.beginRemoveRows(QModelIndex(), row, row)
        entry = self._rows.pop(row)
        self.endRemoveRows()
        return entry

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
        t = self._rows[index.row()]
        values = (
            f"{t.starts_local:%a %d %b %Y %H:%M}",
            f"{t.ends_local:%a %d %b %Y %H:%M}",
            t.reason or "",
        )
        return values[index.column()]
