"""Staff of a facility as a small table model (a facility has tens of staff, not thousands)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.people_dto import StaffDTO

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "User name", "Role", "Status")


class StaffTableModel(QAbstractTableModel):
    """Rows are replaced whole by ``set_rows``; ``data()`` never does I/O."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StaffDTO] = []

    def set_rows(self, rows: Sequence[StaffDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def staff_at(self, row: int) -> StaffDTO:
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
        s = self._rows[index.row()]
        role_name = s.role.value.replace("_", " ")
        return (s.display_name, s.username or "", role_name, s.status.value)[index.column()]
