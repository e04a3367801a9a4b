"""One base for the desk's read-only table models: a list of frozen rows, texts per column (and
under it, what every table model counts and heads alike).

A subclass names its ``COLUMNS`` and says how a row reads (``cells``), and may add a tooltip or
a font. Rows are replaced whole by ``set_rows``; ``data()`` never does I/O."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.domain.i18n import translate

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class RowsModel(QAbstractTableModel):
    """A table of ``_rows``, one per line, under ``COLUMNS`` (names in the "columns"
    translation context): what every table model of the desk counts and heads alike."""

    COLUMNS: tuple[str, ...] = ()
    _rows: Sequence[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("columns", self.COLUMNS[section])
        return None


class TupleTableModel(RowsModel, Generic[R]):
    """Rows of type ``R``, one per line, shown through ``cells``."""

    NUMERIC: frozenset[int] = frozenset()  # columns aligned right
    CELL_TIPS = False  # each cell's tooltip is its text: whole where a narrow column cuts it

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def cells(self, row: R) -> tuple[str, ...]:
        """The texts of ``row``, one per column."""
        raise NotImplementedError

    def tooltip(self, row: R, column: int) -> str | None:
        return (self.cells(row)[column] or None) if self.CELL_TIPS else None

    def font(self, row: R) -> QFont | None:
        return None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rows(self) -> list[R]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.FontRole:
            return self.font(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TextRowsModel(TupleTableModel[tuple[str, ...]]):
    """Rows that are already texts, under columns named at construction; each cell's tooltip is
    its text (long values are cut in the table)."""

    CELL_TIPS = True

    def __init__(self, columns: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.COLUMNS = tuple(columns)

    def cells(self, row: tuple[str, ...]) -> tuple[str, ...]:
        return row
