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
        return value.value if isinstance(value, Enum) else value  # type: ignore[no-any-return]

    return ReportColumn(header, read, numeric)


def _n(header: str, attr: str) -> ReportColumn:
    return _c(header, attr, numeric=True)


COLUMNS: dict[ReportKind, tuple[ReportColumn, ...]] = {
    # What people look for first (attendance) on the left; the details after it.
    ReportKind.TRAINING_SUMMARY: (
        _c("Class", "class_name"),
        _c("Instructor", "instructor_name"),
        _c("Status", "status"),
        _n("Enrolled", "enrolled"),
        _n("Held", "sessions_held"),
        _n("Rate %", "rate"),
        _n("Missing marks", "missing_marks"),
        _n("Attended", "attended"),
        _n("Student-sessions", "seats"),
        _n("Sessions", "sessions_scheduled"),
        _n("Cancelled", "sessions_cancelled"),
        _n("Capacity", "capacity"),
        _n("Waitlisted", "waitlisted"),
        _n("Completed", "completed"),
        _n("Left", "left"),
        _c("Program", "program_name"),
        _c("Starts", "start_date"),
        _c("Ends", "end_date"),
    ),
    ReportKind.PARTICIPANT_PROGRESS: (
        _c("Student", "display_name"),
        _c("Student no.", "student_number"),
        _c("Class", "class_name"),
        _c("Status", "status"),
        _n("Held", "held"),
        _n("Attended", "attended"),
        _n("Rate %", "rate"),
        _n("Hours", "hours"),
        _n("Progress %", "progress_pct"),
        _n("Excused", "excused"),
        _n("Unmarked", "unmarked"),
        _n("Lessons done", "lessons_completed"),
        _n("Lessons", "lessons_total"),
        _c("Program", "program_name"),
        _c("Enrolled", "enrolled_on"),
        _c("Ended", "ended_on"),
    ),
    ReportKind.STUDENT_HOURS: (
        _c("Student", "display_name"),
        _c("Student no.", "student_number"),
        _n("Sessions attended", "sessions_attended"),
        _n("Session hours", "session_hours"),
        _n("Ledger hours", "ledger_hours"),
        _n("Total hours", "total_hours"),
        _n("Unverified hours", "unverified_hours"),
    ),
    ReportKind.ACTIVE_ENROLLMENTS: (
        _c("Student", "display_name"),
        _c("Student no.", "student_number"),
        _c("Class", "class_name"),
        _c("Program", "program_name"),
        _c("Instructor", "instructor_name"),
        _c("Enrolled", "enrolled_on"),
        _c("Class ends", "class_ends"),
    ),
    ReportKind.MISSING_ATTENDANCE: (
        _c("Date", "original_date"),
        ReportColumn("Starts", lambda r: f"{r.start_local:%H:%M}"),
        _c("Class", "class_name"),
        _c("Instructor", "instructor_name"),
        _c("Room", "room_name"),
        _n("On sheet", "on_sheet"),
        _n("Marked", "marked"),
        _n("Missing", "missing"),
    ),
}


def display(value: Cell) -> str:
    """How a cell reads on screen, in CSV and in PDF."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
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
        return tuple(c.header for c in self.columns)

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
            return table.columns[section].header
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
