"""The attendance sheet's table: rows a finger can hit, the Mark column's buttons, the reason and
note sharing the width that the other columns (fitted to their content) leave, and sorting by a
click on a heading ("#", the printed order, is where it starts)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.delegates.mark_buttons import ROW_HEIGHT, MarkButtonsDelegate
from app.ui.delegates.sheet import SheetCellDelegate
from app.ui.models.sheet_table import MARK, MARKED_BY, NOTE, PAPER_NO, REASON, SheetTableModel

# Reason and note share the width left; the others fit their content (a name is never cut).
STRETCHED = (REASON, NOTE)
# Narrower than this, "Marked by" gives its room to the reason and note (a status cell's
# tooltip still says who marked it).
MARKED_BY_FROM_WIDTH = 1000


class SheetTableView(QTableView):
    """A ``SheetTableModel`` shown with its delegates; whole rows selected, one at a time."""

    def __init__(self, model: SheetTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell_delegate = SheetCellDelegate(self)
        self.mark_delegate = MarkButtonsDelegate(self)
        self.setModel(model)
        self.setItemDelegate(self.cell_delegate)
        self.setItemDelegateForColumn(MARK, self.mark_delegate)
        self.setAccessibleName(self.tr("Attendance sheet"))
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.horizontalHeader()
        for column in range(model.columnCount()):
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch
                if column in STRETCHED
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.set_sortable(True)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)  # buttons a finger hits
        rows.hide()
        self.setWordWrap(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.setColumnHidden(MARKED_BY, event.size().width() < MARKED_BY_FROM_WIDTH)
        super().resizeEvent(event)

    def set_sortable(self, sortable: bool) -> None:
        """Whether a click on a heading sorts; either way the order starts as printed ("#")."""
        self.horizontalHeader().setSortIndicator(PAPER_NO, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(sortable)
        if not sortable:
            model = self.model()
            model.sort(PAPER_NO, Qt.SortOrder.AscendingOrder)
