"""Open sync issues (conflicts, rejections, flags) as a table model; both sides in tooltips."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.sync_issues import SyncIssueDTO

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Kind", "Record", "What happened", "Mine", "Theirs")


def _side(values: dict[str, Any] | None) -> str:
    if not values:
        return ""
    return ", ".join(f"{k}: {json.dumps(v)}" for k, v in sorted(values.items()))


class SyncIssueTableModel(QAbstractTableModel):
    """Rows are replaced whole by ``set_rows``; ``data()`` never does I/O."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[SyncIssueDTO] = []

    def set_rows(self, rows: Sequence[SyncIssueDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def issue_at(self, row: int) -> SyncIssueDTO:
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
        issue = self._rows[index.row()]
        cells = (
            issue.kind,
            f"{issue.table.replace('_', ' ')} {str(issue.row_id)[:8]}",
            issue.reason,
            _side(issue.mine),
            _side(issue.theirs),
        )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()]
        return None
