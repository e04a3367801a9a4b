"""Attendance sheet: one session, its students as of that date, marked from the keyboard.

Keys on the sheet: P present, L late, T partial, E excused absence, A absence, Delete clears,
arrows move, Ctrl+Z undoes the last mark. Ctrl+Shift+P marks everyone unmarked present after a
second press to confirm. A barcode or ID scanner types a number and Enter into the scan box: the
student is checked in (and out on a second scan). Every mark is saved locally at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.enums import AttendanceStatus
from app.domain.errors import DomainError
from app.services.attendance_dto import AttendanceSheet, SheetRow
from app.services.schedule_dto import OccurrenceView
from app.ui.changes import ChangeHub
from app.ui.exports import write_sheet_csv, write_sheet_pdf, write_sheet_xlsx
from app.ui.models.sheet_table import SheetTableModel
from app.ui.tasks import TaskRunner

KEYS = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_L: AttendanceStatus.LATE,
    Qt.Key.Key_T: AttendanceStatus.PARTIAL,
    Qt.Key.Key_E: AttendanceStatus.ABSENT_EXCUSED,
    Qt.Key.Key_A: AttendanceStatus.ABSENT_UNEXCUSED,
}


@dataclass(frozen=True)
class _Undo:
    student_id: uuid.UUID
    before: SheetRow


class AttendanceView(QWidget):
    """The sheet of the chosen session of the current facility."""

    sig_loaded = Signal(int)  # rows on the sheet
    sig_marked = Signal(object)  # the SheetRow saved
    sig_refused = Signal(str)  # a mark or action refused, with the message shown
    sig_exported = Signal(object)  # the Path written

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._changes = changes
        self._services: Services | None = None
        self._facility_id: uuid.UUID | None = None
        self._tz = ZoneInfo("UTC")
        self._sheet: AttendanceSheet | None = None
        self._undo: list[_Undo] = []
        self._confirm_all = False
        self._generation = 0  # answers to an older day or session are dropped

        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.session_box = QComboBox()
        self.session_box.setMinimumWidth(320)
        self.scan = QLineEdit(
            placeholderText=self.tr("Scan a card or type a student number, Enter")
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.model = SheetTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.installEventFilter(self)
        self.summary = QLabel()

        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Day")))
        picker.addWidget(self.day)
        picker.addWidget(QLabel(self.tr("Session")))
        picker.addWidget(self.session_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{self.tr('Attendance')}</h2>"))
        layout.addLayout(picker)
        layout.addWidget(self.scan)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "P present · L late · T partial · E excused · A absent · Del clear · "
                    "Ctrl+Z undo · Ctrl+Shift+P all present"
                )
            )
        )
        exports = QHBoxLayout()
        self.blank_button = QPushButton(self.tr("Blank sign-in sheet (PDF)"))
        self.pdf_button = QPushButton(self.tr("Sheet as PDF"))
        self.csv_button = QPushButton(self.tr("Sheet as CSV"))
        self.xlsx_button = QPushButton(self.tr("Sheet as XLSX"))
        for button, kind in (
            (self.blank_button, "blank"),
            (self.pdf_button, "pdf"),
            (self.csv_button, "csv"),
            (self.xlsx_button, "xlsx"),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, k=kind: self.export(k))
            exports.addWidget(button)
        exports.addStretch(1)
        exports.addWidget(self.summary)
        layout.addLayout(exports)

        self.day.dateChanged.connect(self._on_day_date_changed)
        self.session_box.currentIndexChanged.connect(self._on_session_box_changed)
        self.scan.returnPressed.connect(self._on_scan_return_pressed)
        QShortcut(QKeySequence("Ctrl+Z"), self, self.undo)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.mark_all_present)

    # -- context ------------------------------------------------------------------------------

    def set_context(self, services: Services, facility_id: uuid.UUID, timezone: str) -> None:
        self._services = services
        self._facility_id = facility_id
        self._tz = ZoneInfo(timezone)
        today = services.clock.now().astimezone(self._tz).date()
        self.day.blockSignals(True)
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.blockSignals(False)
        self._load_sessions(today)

    def _on_day_date_changed(self, value: QDate) -> None:
        self._load_sessions(date(value.year(), value.month(), value.day()))

    def _load_sessions(self, day: date) -> None:
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return
        self._generation += 1
        token = self._generation
        self._runner.run(
            lambda: services.schedule.occurrences(facility, day, day),
            lambda sessions: self._on_sessions_loaded(sessions, token),
        )

    @property
    def sheet(self) -> AttendanceSheet | None:
        """The sheet on screen, or None while none is loaded."""
        return self._sheet

    def _on_sessions_loaded(self, sessions: list[OccurrenceView], token: int) -> None:
        if token != self._generation:
            return
        self.session_box.blockSignals(True)
        self.session_box.clear()
        for s in sessions:
            label = f"{s.start_local:%H:%M} {s.class_name}"
            if s.room_name:
                label += f" · {s.room_name}"
            if s.cancelled:
                label += f" · {self.tr('cancelled')}"
            self.session_box.addItem(label, (s.series_id, s.original_date))
        self.session_box.blockSignals(False)
        self._sheet = None
        if sessions:
            self.session_box.setCurrentIndex(0)
            self._load_sheet()
        else:
            self.model.set_rows([], self._tz)
            self.message.setText(self.tr("No sessions on this day."))
            self.sig_loaded.emit(0)

    def _on_session_box_changed(self, index: int) -> None:
        if index >= 0:
            self._load_sheet()

    def select_session(self, series_id: uuid.UUID, original_date: date) -> None:
        """Open a given session (from Today or the calendar)."""
        qd = QDate(original_date.year, original_date.month, original_date.day)
        if self.day.date() != qd:
            self.day.setDate(qd)  # reloads the sessions; the first one is shown
        index = self.session_box.findData((series_id, original_date))
        if index >= 0:
            self.session_box.setCurrentIndex(index)

    def _load_sheet(self) -> None:
        services, key = self._services, self.session_box.currentData()
        if services is None or key is None:
            return
        series_id, day = key
        self._undo.clear()
        self._generation += 1
        token = self._generation
        self._runner.run(
            lambda: services.attendance.sheet(series_id, day),
            lambda sheet: self._on_sheet_loaded(sheet, token),
        )

    def _on_sheet_loaded(self, sheet: AttendanceSheet, token: int) -> None:
        if token != self._generation:
            return
        self._sheet = sheet
        self.model.set_rows(sheet.rows, self._tz)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, max(self.table.columnWidth(2), 150))  # room for any status
        self.message.setText(sheet.refusal or "")
        if sheet.rows:
            self.table.selectRow(0)
        self._update_summary()
        self.sig_loaded.emit(len(sheet.rows))

    def _update_summary(self) -> None:
        sheet = self._sheet
        if sheet is None:
            self.summary.clear()
            return
        marked = sum(1 for i in range(self.model.rowCount()) if self.model.row_at(i).status)
        self.summary.setText(self.tr(f"{marked} of {self.model.rowCount()} marked"))

    # -- marking ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            key = Qt.Key(event.key())
            if key in KEYS:
                self.mark_current(KEYS[key])
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_current()
                return True
            if key == Qt.Key.Key_Escape and self._confirm_all:
                self._confirm_all = False
                self.message.clear()
                return True
        return False

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def mark_current(self, status: AttendanceStatus) -> None:
        row = self.current_row()
        if row is None:
            return
        target = self.model.row_at(row)
        self._mark(target, status)
        if row + 1 < self.model.rowCount():
            self.table.selectRow(row + 1)

    def _mark(
        self,
        target: SheetRow,
        status: AttendanceStatus,
        *,
        absence_reason: str | None = None,
        check_in_at: datetime | None = None,
        check_out_at: datetime | None = None,
        remember: bool = True,
    ) -> None:
        services, sheet = self._services, self._sheet
        if services is None or sheet is None:
            return
        if not sheet.editable:
            self._refuse(sheet.refusal or self.tr("This session cannot be marked."))
            return
        if remember:
            self._undo.append(_Undo(target.student_id, target))
        keep_note = target.note

        def work() -> SheetRow:
            return services.attendance.mark(
                sheet.series_id,
                sheet.occurrence.original_date,
                target.student_id,
                status,
                absence_reason=absence_reason,
                note=keep_note,
                check_in_at=check_in_at,
                check_out_at=check_out_at,
            )

        self._runner.run(work, self._on_marked, self._on_failed)

    def _on_marked(self, row: SheetRow) -> None:
        self.model.replace(row)
        self._update_summary()
        self.sig_marked.emit(row)

    def clear_current(self) -> None:
        row = self.current_row()
        services, sheet = self._services, self._sheet
        if row is None or services is None or sheet is None:
            return
        target = self.model.row_at(row)
        if target.status is None:
            return
        self._undo.append(_Undo(target.student_id, target))
        self._clear(target)

    def _clear(self, target: SheetRow) -> None:
        services, sheet = self._services, self._sheet
        assert services is not None and sheet is not None
        key = (sheet.series_id, sheet.occurrence.original_date, target.student_id)
        cleared = _unmarked(target)
        self._runner.run(
            lambda: services.attendance.clear_mark(*key),
            lambda _r: self._on_marked(cleared),
            self._on_failed,
        )

    def undo(self) -> None:
        """Put back the student's previous mark (or none) from before the last change."""
        if not self._undo:
            return
        last = self._undo.pop()
        before = last.before
        if before.status is None:
            self._clear(before)
        else:
            self._mark(
                before,
                before.status,
                absence_reason=before.absence_reason,
                check_in_at=before.check_in_at,
                check_out_at=before.check_out_at,
                remember=False,
            )

    def mark_all_present(self) -> None:
        services, sheet = self._services, self._sheet
        if services is None or sheet is None:
            return
        if not sheet.editable:
            self._refuse(sheet.refusal or self.tr("This session cannot be marked."))
            return
        unmarked = sum(1 for i in range(self.model.rowCount()) if not self.model.row_at(i).status)
        if not self._confirm_all:
            self._confirm_all = True
            self.message.setText(
                self.tr(
                    f"Mark {unmarked} unmarked students present? Press Ctrl+Shift+P again "
                    "to confirm, Esc to cancel."
                )
            )
            return
        self._confirm_all = False
        self.message.clear()
        key = (sheet.series_id, sheet.occurrence.original_date)
        self._runner.run(
            lambda: services.attendance.mark_all_present(*key),
            lambda _n: self._load_sheet(),
            self._on_failed,
        )

    def _on_scan_return_pressed(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        index = self.model.find_number(text)
        if index is None:
            self._refuse(self.tr(f"No student with number “{text.strip()}” on this sheet."))
            return
        self.table.selectRow(index)
        target = self.model.row_at(index)
        if self._services is None:
            return
        now = self._services.clock.now()
        if target.check_in_at is not None and target.check_out_at is None and target.status:
            self._mark(target, target.status, check_in_at=target.check_in_at, check_out_at=now)
        else:
            self._mark(target, AttendanceStatus.PRESENT, check_in_at=now)

    def export(self, kind: str, path: Path | None = None) -> None:
        """Write the sheet (``blank``/``pdf``/``csv``/``xlsx``); asks where unless ``path``
        is given. A file that cannot be written is said so; an earlier file stays as it was."""
        if self._sheet is None:
            return
        # The marks on screen, including those saved since the sheet was loaded.
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        sheet = replace(self._sheet, rows=rows)
        if path is None:
            suffix = kind if kind in ("csv", "xlsx") else "pdf"
            default = f"{sheet.class_name} {sheet.occurrence.original_date}.{suffix}"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the sheet"), default, f"*.{suffix}"
            )
            if not chosen:
                return
            path = Path(chosen)
        target = path

        def work() -> Path:
            if kind == "csv":
                write_sheet_csv(sheet, target)
            elif kind == "xlsx":
                write_sheet_xlsx(sheet, target)
            else:
                write_sheet_pdf(sheet, target, blank=kind == "blank")
            return target

        self._runner.run(work, self._on_exported, self._on_failed)

    def _on_exported(self, path: Path) -> None:
        self.message.setText(self.tr("Saved ") + str(path))
        self.sig_exported.emit(path)

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            self._refuse(error.message)
            return
        if isinstance(error, OSError):
            self._refuse(self.tr("The file could not be written: ") + str(error))
            return
        raise error

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.sig_refused.emit(text)


def _unmarked(row: SheetRow) -> SheetRow:
    return replace(
        row,
        status=None,
        absence_reason=None,
        check_in_at=None,
        check_out_at=None,
        minutes=None,
        marked_by=None,
        marked_at=None,
    )
