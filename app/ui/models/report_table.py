"""A report as a table: its columns, cells prepared off the GUI thread, and a model that sorts
and filters them without touching the rows again (a report may have 100,000 of them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain.i18n import QT_TRANSLATE_NOOP, number_text, translate
from app.domain.value_labels import value_text
from app.services.reports_dto import Report, ReportKind

Index = QModelIndex | QPersistentModelIndex
Cell = str | int | Decimal | date | datetime | None


@dataclass(frozen=True, slots=True)
class ReportColumn:
    """A column: its header, how to read its value from a row, and whether it is a number."""

    header: str
    value: Callable[[Any], Cell]
    numeric: bool = False


def _c(header: str, attr: str, numeric: bool = False) -> ReportColumn:
    def read(row: Any) -> Cell:
        value = getattr(row, attr)
        return value_text(value) if isinstance(value, Enum) else value

    return ReportColumn(header, read, numeric)


def _n(header: str, attr: str) -> ReportColumn:
    return _c(header, attr, numeric=True)


COLUMNS: dict[ReportKind, tuple[ReportColumn, ...]] = {
    # What people look for first (attendance) on the left; the details after it.
    ReportKind.TRAINING_SUMMARY: (
        _c(QT_TRANSLATE_NOOP("columns", "Class"), "class_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Instructor"), "instructor_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Status"), "status"),
        _n(QT_TRANSLATE_NOOP("columns", "Enrolled"), "enrolled"),
        _n(QT_TRANSLATE_NOOP("columns", "Held"), "sessions_held"),
        _n(QT_TRANSLATE_NOOP("columns", "Rate %"), "rate"),
        _n(QT_TRANSLATE_NOOP("columns", "Missing marks"), "missing_marks"),
        _n(QT_TRANSLATE_NOOP("columns", "Attended"), "attended"),
        _n(QT_TRANSLATE_NOOP("columns", "Made up"), "made_up"),
        _n(QT_TRANSLATE_NOOP("columns", "Student-sessions"), "seats"),
        _n(QT_TRANSLATE_NOOP("columns", "Sessions"), "sessions_scheduled"),
        _n(QT_TRANSLATE_NOOP("columns", "Cancelled"), "sessions_cancelled"),
        _n(QT_TRANSLATE_NOOP("columns", "Capacity"), "capacity"),
        _n(QT_TRANSLATE_NOOP("columns", "Waitlisted"), "waitlisted"),
        _n(QT_TRANSLATE_NOOP("columns", "Completed"), "completed"),
        _n(QT_TRANSLATE_NOOP("columns", "Left"), "left"),
        _c(QT_TRANSLATE_NOOP("columns", "Program"), "program_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Starts"), "start_date"),
        _c(QT_TRANSLATE_NOOP("columns", "Ends"), "end_date"),
    ),
    ReportKind.PARTICIPANT_PROGRESS: (
        _c(QT_TRANSLATE_NOOP("columns", "Student"), "display_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Student no."), "student_number"),
        _c(QT_TRANSLATE_NOOP("columns", "Class"), "class_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Status"), "status"),
        _n(QT_TRANSLATE_NOOP("columns", "Held"), "held"),
        _n(QT_TRANSLATE_NOOP("columns", "Attended"), "attended"),
        _n(QT_TRANSLATE_NOOP("columns", "Rate %"), "rate"),
        _n(QT_TRANSLATE_NOOP("columns", "Hours"), "hours"),
        _n(QT_TRANSLATE_NOOP("columns", "Progress %"), "progress_pct"),
        _n(QT_TRANSLATE_NOOP("columns", "Excused"), "excused"),
        _n(QT_TRANSLATE_NOOP("columns", "Made up"), "made_up"),
        _n(QT_TRANSLATE_NOOP("columns", "Unmarked"), "unmarked"),
        _n(QT_TRANSLATE_NOOP("columns", "Lessons done"), "lessons_completed"),
        _n(QT_TRANSLATE_NOOP("columns", "Lessons"), "lessons_total"),
        _c(QT_TRANSLATE_NOOP("columns", "Program"), "program_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Enrolled"), "enrolled_on"),
        _c(QT_TRANSLATE_NOOP("columns", "Ended"), "ended_on"),
    ),
    ReportKind.STUDENT_HOURS: (
        _c(QT_TRANSLATE_NOOP("columns", "Student"), "display_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Student no."), "student_number"),
        _n(QT_TRANSLATE_NOOP("columns", "Sessions attended"), "sessions_attended"),
        _n(QT_TRANSLATE_NOOP("columns", "Session hours"), "session_hours"),
        _n(QT_TRANSLATE_NOOP("columns", "Ledger hours"), "ledger_hours"),
        _n(QT_TRANSLATE_NOOP("columns", "Total hours"), "total_hours"),
        _n(QT_TRANSLATE_NOOP("columns", "Unverified hours"), "unverified_hours"),
    ),
    ReportKind.ACTIVE_ENROLLMENTS: (
        _c(QT_TRANSLATE_NOOP("columns", "Student"), "display_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Student no."), "student_number"),
        _c(QT_TRANSLATE_NOOP("columns", "Class"), "class_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Program"), "program_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Instructor"), "instructor_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Enrolled"), "enrolled_on"),
        _c(QT_TRANSLATE_NOOP("columns", "Class ends"), "class_ends"),
    ),
    ReportKind.MISSING_ATTENDANCE: (
        _c(QT_TRANSLATE_NOOP("columns", "Date"), "original_date"),
        ReportColumn("Starts", lambda r: f"{r.start_local:%H:%M}"),
        _c(QT_TRANSLATE_NOOP("columns", "Class"), "class_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Instructor"), "instructor_name"),
        _c(QT_TRANSLATE_NOOP("columns", "Room"), "room_name"),
        _n(QT_TRANSLATE_NOOP("columns", "On sheet"), "on_sheet"),
        _n(QT_TRANSLATE_NOOP("columns", "Marked"), "marked"),
        _n(QT_TRANSLATE_NOOP("columns", "Missing"), "missing"),
    ),
}


def display(value: Cell) -> str:
    """How a cell reads on screen, in CSV and in PDF."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number_text(value, 2)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _sort_key(value: Cell) -> tuple[int, Any]:
    # Empty cells first, then numbers by value, text without case, dates in order.
    if value is None:
        return (0, 0)
    if isinstance(value, int | Decimal):
        return (1, value)
    if isinstance(value, str):
        return (2, value.casefold())
    return (3, display(value))


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A report with its cells: made once, off the GUI thread (``table_of``)."""

    report: Report[Any]
    columns: tuple[ReportColumn, ...]
    cells: tuple[tuple[Cell, ...], ...]
    texts: tuple[tuple[str, ...], ...]
    haystack: tuple[str, ...]  # each row's text, case-folded, for the filter

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(translate("columns", c.header) for c in self.columns)

    @property
    def numeric(self) -> tuple[bool, ...]:
        return tuple(c.numeric for c in self.columns)


def table_of(report: Report[Any]) -> ReportTable:
    """The cells of a report. Pure Python: safe on a worker thread."""
    columns = COLUMNS[report.kind]
    cells = tuple(tuple(c.value(row) for c in columns) for row in report.rows)
    texts = tuple(tuple(display(v) for v in row) for row in cells)
    haystack = tuple("\t".join(row).casefold() for row in texts)
    return ReportTable(report, columns, cells, texts, haystack)


class ReportTableModel(QAbstractTableModel):
    """The rows of a ``ReportTable`` in the chosen order, narrowed by a filter text.

    Sorting and filtering rearrange a list of row numbers (a model reset each); ``data()``
    only reads prepared strings.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: ReportTable | None = None
        self._order: list[int] = []
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    @property
    def table(self) -> ReportTable | None:
        return self._table

    def set_table(self, table: ReportTable | None) -> None:
        self.beginResetModel()
        self._table = table
        if self._sort is not None and table is not None and self._sort[0] >= len(table.columns):
            self._sort = None
        self._arrange()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Keep the rows whose text contains ``text`` (any column, any case)."""
        self.beginResetModel()
        self._filter = text.strip().casefold()
        self._arrange()
        self.endResetModel()

    def visible_cells(self) -> list[tuple[Cell, ...]]:
        """The rows shown, in the order shown (what an export writes)."""
        table = self._table
        return [] if table is None else [table.cells[i] for i in self._order]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._table is None or not 0 <= column < len(self._table.columns):
            return
        self.beginResetModel()
        self._sort = (column, order)
        self._arrange()
        self.endResetModel()

    def _arrange(self) -> None:
        table = self._table
        if table is None:
            self._order = []
            return
        rows = range(len(table.cells))
        needle = self._filter
        order = [i for i in rows if needle in table.haystack[i]] if needle else list(rows)
        if self._sort is not None:
            column, direction = self._sort
            order.sort(
                key=lambda i: _sort_key(table.cells[i][column]),
                reverse=direction == Qt.SortOrder.DescendingOrder,
            )
        self._order = order

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._table is None:
            return 0
        return len(self._table.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        table = self._table
        if table is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(table.columns):
            return translate("columns", table.columns[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        table = self._table
        if table is None or not index.isValid():
            return None
        row, column = self._order[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return table.texts[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and table.columns[column].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
