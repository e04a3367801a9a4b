"""Students as a paged table model: pages are fetched in the background as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.value_labels import value_text
from app.services.people import StudentSummary
from app.ui.models.tuple_table import RowsModel

Index = QModelIndex | QPersistentModelIndex
PageLoader = Callable[[int, int, Callable[[Sequence[StudentSummary]], None]], None]

COLUMNS = (
    "Name",
    QT_TRANSLATE_NOOP("columns", "Student no."),
    QT_TRANSLATE_NOOP("columns", "Resident / DOC id"),
    QT_TRANSLATE_NOOP("columns", "Status"),
)
PAGE = 100


class StudentTableModel(RowsModel):
    """Rows come from ``load_page(offset, limit, deliver)``; ``data()`` never does I/O."""

    COLUMNS = COLUMNS

    def __init__(self, load_page: PageLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load_page = load_page
        self._rows: list[StudentSummary] = []
        self._exhausted = False
        self._loading = False
        self._generation = 0

    def reset(self, load_page: PageLoader | None = None) -> None:
        """Start over (a new search); pages of an older search that arrive late are dropped."""
        self.beginResetModel()
        if load_page is not None:
            self._load_page = load_page
        self._rows = []
        self._exhausted = False
        self._loading = False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def student_at(self, row: int) -> StudentSummary:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        s = self._rows[index.row()]
        return (s.display_name, s.student_number or "", s.doc_id or "", value_text(s.status))[
            index.column()
        ]

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation
        self._load_page(len(self._rows), PAGE, lambda page: self._append(generation, page))

    def _append(self, generation: int, page: Sequence[StudentSummary]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if len(page) < PAGE:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
