"""An attendance sheet as a table model: one row per student, replaced one at a time on marks."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.enums import AttendanceStatus
from app.services.attendance_dto import SheetRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Student no.", "Status", "Reason", "Note", "In", "Out", "Minutes", "Marked by")
LABELS = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.LATE: "Late",
    AttendanceStatus.PARTIAL: "Partial",
    AttendanceStatus.ABSENT_EXCUSED: "Absent (excused)",
    AttendanceStatus.ABSENT_UNEXCUSED: "Absent",
}
COLOURS = {
    AttendanceStatus.PRESENT: "#e6f4ea",
    AttendanceStatus.LATE: "#fff4e0",
    AttendanceStatus.PARTIAL: "#fff4e0",
    AttendanceStatus.ABSENT_EXCUSED: "#eef1f6",
    AttendanceStatus.ABSENT_UNEXCUSED: "#fde7e9",
}


def _time(value: datetime | None, tz: Any) -> str:
    return value.astimezone(tz).strftime("%H:%M") if value else ""


class SheetTableModel(QAbstractTableModel):
    """Rows come whole from the sheet and one by one from marks; ``data()`` never does I/O.

    Each row's texts and colour are worked out when the row arrives: a repaint asks ``data()``
    for every cell and role, on the GUI thread, while a mark is being saved."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[SheetRow] = []
        self._shown: list[tuple[tuple[str, ...], QColor | None]] = []
        self._tz: Any = None

    def set_rows(self, rows: Sequence[SheetRow], tz: Any) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._tz = tz
        self._shown = [self._show(r) for r in self._rows]
        self.endResetModel()

    def _show(self, r: SheetRow) -> tuple[tuple[str, ...], QColor | None]:
        status = LABELS[r.status] if r.status else "—"
        if r.needs_review:
            status += " (review)"
        cells = (
            r.display_name,
            r.student_number or "",
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][0][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._shown[index.row()][1]
        return None
