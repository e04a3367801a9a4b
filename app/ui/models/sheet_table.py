"""An attendance sheet as a table model: one row per student, replaced one at a time on marks.

Reason, note, check-in, check-out and minutes are editable cells. An edit does not change the
row here: ``setData`` hands the new value to the view's callback, which saves it through the
service and puts the saved row back with ``replace``. "#" is the student's number on the printed
sheet (``paper_order``); the Mark column is painted as five buttons by ``MarkButtonsDelegate``.
Sorting by a column keeps that number; sorting by "#" is the printed order.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor

from app.domain.enums import AttendanceStatus
from app.domain.i18n import QT_TRANSLATE_NOOP, translate
from app.services.attendance_dto import SheetRow, paper_order
from app.ui.models.tuple_table import RowsModel

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    QT_TRANSLATE_NOOP("columns", "#"),
    QT_TRANSLATE_NOOP("columns", "Name"),
    QT_TRANSLATE_NOOP("columns", "Student no."),
    QT_TRANSLATE_NOOP("columns", "Mark"),
    QT_TRANSLATE_NOOP("columns", "Status"),
    QT_TRANSLATE_NOOP("columns", "Reason"),
    QT_TRANSLATE_NOOP("columns", "Note"),
    QT_TRANSLATE_NOOP("columns", "In"),
    QT_TRANSLATE_NOOP("columns", "Out"),
    QT_TRANSLATE_NOOP("columns", "Min"),
    QT_TRANSLATE_NOOP("columns", "Marked by"),
)
(
    PAPER_NO,
    NAME,
    NUMBER,
    MARK,
    STATUS,
    REASON,
    NOTE,
    CHECK_IN,
    CHECK_OUT,
    MINUTES,
    MARKED_BY,
) = range(len(COLUMNS))
# The SheetRow field each editable column writes.
FIELDS = {
    REASON: "absence_reason",
    NOTE: "note",
    CHECK_IN: "check_in_at",
    CHECK_OUT: "check_out_at",
    MINUTES: "minutes",
}
TEXT_COLUMNS = (REASON, NOTE)  # typing there types: letters never mark
# The mark buttons' order, and the key that marks each status on the keyboard.
MARK_ORDER = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.PARTIAL,
    AttendanceStatus.ABSENT_EXCUSED,
    AttendanceStatus.ABSENT_UNEXCUSED,
)
KEY_LETTERS = dict(zip(MARK_ORDER, "PLTEA", strict=True))
LABELS = {
    AttendanceStatus.PRESENT: QT_TRANSLATE_NOOP("sheet", "Present"),
    AttendanceStatus.LATE: QT_TRANSLATE_NOOP("sheet", "Late"),
    AttendanceStatus.PARTIAL: QT_TRANSLATE_NOOP("sheet", "Partial"),
    AttendanceStatus.ABSENT_EXCUSED: QT_TRANSLATE_NOOP("sheet", "Excused"),
    AttendanceStatus.ABSENT_UNEXCUSED: QT_TRANSLATE_NOOP("sheet", "Absent"),
}
# Colour is never the only signal: every status is shown with a symbol and a word.
SYMBOLS = {
    AttendanceStatus.PRESENT: "✓",
    AttendanceStatus.LATE: "◔",
    AttendanceStatus.PARTIAL: "◑",
    AttendanceStatus.ABSENT_EXCUSED: "E",
    AttendanceStatus.ABSENT_UNEXCUSED: "✗",
}
COLOURS = {
    AttendanceStatus.PRESENT: "#e6f4ea",
    AttendanceStatus.LATE: "#ffdcb0",  # orange
    AttendanceStatus.PARTIAL: "#e2d9f7",  # lavender: never mistaken for late
    AttendanceStatus.ABSENT_EXCUSED: "#e8edf4",
    AttendanceStatus.ABSENT_UNEXCUSED: "#fde0e3",
}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole SheetRow
HEADER_TIPS = {
    PAPER_NO: QT_TRANSLATE_NOOP(
        "sheet", "The number on the printed sheet; sorted by it, the printed order"
    ),
    MARK: QT_TRANSLATE_NOOP(
        "sheet", "Click a button to mark: P present, L late, T partial, E excused, A absent"
    ),
    MINUTES: QT_TRANSLATE_NOOP("sheet", "Minutes attended"),
}


def status_label(status: AttendanceStatus) -> str:
    """ "Present", "Présent": a status's word in the desk's language."""
    return translate("sheet", LABELS[status])


def status_text(status: AttendanceStatus | None) -> str:
    """How a status reads on the sheet and on paper: "✓ Present", "◔ Late", …; "—" unmarked."""
    return "—" if status is None else f"{SYMBOLS[status]} {status_label(status)}"


def mark_text(row: SheetRow) -> str:
    """What a screen reader says of a row's mark buttons."""
    buttons = ", ".join(f"{status_label(s)} ({KEY_LETTERS[s]})" for s in MARK_ORDER)
    now = status_label(row.status) if row.status is not None else translate("sheet", "not marked")
    return translate("sheet", "Mark {name}: {buttons}. Now {now}.").format(
        name=row.display_name, buttons=buttons, now=now
    )


# (the row as shown, the field name, the new value) -> None; the view saves it.
EditCallback = Callable[[SheetRow, str, object], None]


def _time(value: datetime | None, tz: Any) -> str:
    return value.astimezone(tz).strftime("%H:%M") if value else ""


_STATUS_RANK = {status: i for i, status in enumerate(MARK_ORDER)}


def _sort_key(row: SheetRow, column: int) -> Any:
    """What a column sorts by; None for an empty cell."""
    if column == NUMBER:
        return (row.student_number or "").casefold() or None
    if column in (MARK, STATUS):
        return None if row.status is None else _STATUS_RANK[row.status]
    if column == REASON:
        return (row.absence_reason or "").casefold() or None
    if column == NOTE:
        return (row.note or "").casefold() or None
    if column == CHECK_IN:
        return row.check_in_at
    if column == CHECK_OUT:
        return row.check_out_at
    if column == MINUTES:
        return row.minutes
    if column == MARKED_BY:
        return (row.marked_by or "").casefold() or None
    return row.name_key


def editable_fields(row: SheetRow) -> frozenset[str]:
    """What may be typed on a row: a reason with an absence, times and minutes with attendance,
    a note with any mark; nothing on an unmarked row (there is no mark to hold it)."""
    if row.status is None:
        return frozenset()
    if row.status.attended:
        return frozenset({"note", "check_in_at", "check_out_at", "minutes"})
    return frozenset({"note", "absence_reason"})


class SheetTableModel(RowsModel):
    """Rows come whole from the sheet and one by one from marks; ``data()`` never does I/O.

    Each row's texts and colour are worked out when the row arrives: a repaint asks ``data()``
    for every cell and role, on the GUI thread, while a mark is being saved."""

    COLUMNS = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SheetRow] = []
        self._shown: list[tuple[tuple[str, ...], QColor | None]] = []
        self._paper_no: dict[uuid.UUID, int] = {}  # the number printed on the sign-in sheet
        self._sort: tuple[int, Qt.SortOrder] = (PAPER_NO, Qt.SortOrder.AscendingOrder)
        self._tz: Any = None
        self._day: date | None = None
        self._editable = False
        self._on_edit: EditCallback | None = None

    def set_rows(
        self,
        rows: Sequence[SheetRow],
        tz: Any,
        *,
        day: date | None = None,
        editable: bool = False,
    ) -> None:
        """The rows of a sheet; ``day`` (the session's local date) and ``editable`` let cells
        be typed into."""
        self.beginResetModel()
        self._paper_no = {r.student_id: i for i, r in enumerate(paper_order(rows), start=1)}
        self._rows = self._sorted(rows)
        self._tz = tz
        self._day = day
        self._editable = editable and day is not None
        self._shown = [self._show(r) for r in self._rows]
        self.endResetModel()

    def set_edit_callback(self, callback: EditCallback | None) -> None:
        self._on_edit = callback

    def _show(self, r: SheetRow) -> tuple[tuple[str, ...], QColor | None]:
        status = status_text(r.status)
        if r.needs_review:
            status += " (review)"
        cells = (
            str(self._paper_no.get(r.student_id, "")),
            r.display_name,
            r.student_number or "",
            "",  # painted as buttons
            status,
            r.absence_reason or "",
            r.note or "",
            _time(r.check_in_at, self._tz),
            _time(r.check_out_at, self._tz),
            "" if r.minutes is None else str(r.minutes),
            r.marked_by or "",
        )
        return cells, QColor(COLOURS[r.status]) if r.status is not None else None

    def row_at(self, row: int) -> SheetRow:
        return self._rows[row]

    # -- sorting ------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder by a column (rows keep their printed number); "#" ascending is the printed
        order. Kept across reloads of the sheet; a mark does not move its row."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        students = [self._rows[index.row()].student_id for index in old]
        self._rows = self._sorted(self._rows)
        self._shown = [self._show(r) for r in self._rows]
        where = {row.student_id: i for i, row in enumerate(self._rows)}
        new = [
            self.index(where[sid], index.column()) for sid, index in zip(students, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sorted(self, rows: Sequence[SheetRow]) -> list[SheetRow]:
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        printed = sorted(rows, key=lambda r: self._paper_no.get(r.student_id, 0))
        if column in (PAPER_NO, NAME):
            return printed[::-1] if descending else printed
        keys = {r.student_id: _sort_key(r, column) for r in printed}
        filled = [r for r in printed if keys[r.student_id] is not None]
        empty = [r for r in printed if keys[r.student_id] is None]  # last, either way
        filled.sort(key=lambda r: keys[r.student_id], reverse=descending)  # stable: printed
        return filled + empty

    def find(self, student_id: uuid.UUID) -> int | None:
        for i, row in enumerate(self._rows):
            if row.student_id == student_id:
                return i
        return None

    def find_number(self, text: str) -> int | None:
        """A scanned or typed student number or resident id (case and spaces ignored)."""
        wanted = text.strip().casefold()
        for i, row in enumerate(self._rows):
            if wanted and wanted in {
                (row.student_number or "").casefold(),
                (row.doc_id or "").casefold(),
            }:
                return i
        return None

    def replace(self, row: SheetRow) -> None:
        index = self.find(row.student_id)
        if index is None:
            return
        self._rows[index] = row
        self._shown[index] = self._show(row)
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(COLUMNS) - 1))

    def is_editable(self, index: Index) -> bool:
        if not self._editable or not index.isValid() or index.column() not in FIELDS:
            return False
        return FIELDS[index.column()] in editable_fields(self._rows[index.row()])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            tip = HEADER_TIPS.get(section)
            return translate("sheet", tip) if tip else None
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.is_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][0][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._shown[index.row()][1]
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(index.row(), index.column())
        if role == ROW_ROLE:
            return self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == STATUS:
            return self._marked_by(self._rows[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (NAME, REASON, NOTE):
            return self._shown[index.row()][0][index.column()] or None  # when cut short
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == MARK:
            return mark_text(self._rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            PAPER_NO,
            MINUTES,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _marked_by(self, row: SheetRow) -> str | None:
        if row.status is None or not row.marked_by:
            return None
        when = row.marked_at.astimezone(self._tz) if row.marked_at is not None else None
        return f"Marked by {row.marked_by}" + (f", {when:%a %d %b %H:%M}" if when else "")

    def _edit_value(self, number: int, column: int) -> Any:
        """What an editor starts from: text, a local QTime (None: no time) or minutes."""
        row = self._rows[number]
        if column == REASON:
            return row.absence_reason or ""
        if column == NOTE:
            return row.note or ""
        if column in (CHECK_IN, CHECK_OUT):
            value = row.check_in_at if column == CHECK_IN else row.check_out_at
            if value is None:
                return None
            local = value.astimezone(self._tz)
            return QTime(local.hour, local.minute)
        if column == MINUTES:
            return row.minutes
        return self._shown[number][0][column]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edited cell: the value goes to the view to be saved; the row changes once saved.

        Texts are stripped (empty: none); times are the facility's wall-clock times on the
        session's day; minutes a whole number (None or negative: none)."""
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        row = self._rows[index.row()]
        field = FIELDS[index.column()]
        new = self._typed(index.column(), value)
        old = getattr(row, field)
        if isinstance(old, datetime):
            old = old.replace(second=0, microsecond=0)  # the editor shows minutes only
        if new == old or self._on_edit is None:
            return False
        self._on_edit(row, field, new)
        return True

    def _typed(self, column: int, value: Any) -> object:
        if column in TEXT_COLUMNS:
            text = str(value or "").strip()
            return text or None
        if column in (CHECK_IN, CHECK_OUT):
            if value is None:
                return None
            if isinstance(value, QTime):
                value = time(value.hour(), value.minute())
            assert isinstance(value, time) and self._day is not None
            return datetime.combine(self._day, value.replace(second=0, microsecond=0), self._tz)
        if value is None or int(value) < 0:
            return None
        return int(value)
