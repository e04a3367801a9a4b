"""Open sync issues (conflicts, refusals, notices) as a table model, in the desk's words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.sync_issues import SyncIssueDTO

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Kind", "Record", "What happened", "Yours", "On the server")


class SyncIssueTableModel(QAbstractTableModel):
    """Rows are replaced whole by ``set_rows``; ``data()`` never does I/O. The service names
    everything; the tooltip adds what each action will do."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
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
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        issue = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                issue.kind_text,
                issue.title,
                issue.summary,
                issue.mine_text,
                issue.theirs_text,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                part
                for part in (
                    f"{issue.title} ({issue.when})",
                    issue.summary,
                    issue.keep_mine_effect,
                    issue.keep_theirs_effect,
                )
                if part
            )
        return None
