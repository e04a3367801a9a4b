"""Attendance sheet: one session, its students as of that date, marked from the keyboard.

Keys on the sheet (when it has the focus and no cell is being edited): P present, L late,
T partial (asks for the minutes), E excused absence, A absence, Delete clears, arrows move,
Ctrl+Z undoes the last change of this session. On the Reason and Note columns typing types
(F2 or any key opens the cell's editor); letters never mark there. Ctrl+Shift+P marks everyone
unmarked present after a second press on the same sheet within a few seconds. A barcode or ID
scanner types a number and Enter into the scan box: the student is checked in (and out on a
second scan) at the time it is now, so only on today's sessions. Every change is saved locally
at once and published on the change hub.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from app.domain.ids import attendance_id
from app.services.attendance_dto import AttendanceSheet, SheetRow
from app.services.changes import ATTENDANCE, ENROLLMENTS, SCHEDULE, Changes
from app.ui.changes import ChangeHub
from app.ui.delegates.sheet import SheetCellDelegate
from app.ui.dialogs.partial_minutes import PartialMinutesDialog
from app.ui.exports import write_sheet_csv, write_sheet_pdf, write_sheet_xlsx
from app.ui.models.sheet_table import FIELDS, NAME, REASON, TEXT_COLUMNS, SheetTableModel
from app.ui.tasks import TaskRunner
from app.ui.views.attendance_state import (
    AllPresentArming,
    SessionKey,
    UndoHistory,
    kept_fields,
    scan_mark,
    unmarked,
)
from app.ui.views.session_picker import SessionPicker

KEYS = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_L: AttendanceStatus.LATE,
    Qt.Key.Key_T: AttendanceStatus.PARTIAL,
    Qt.Key.Key_E: AttendanceStatus.ABSENT_EXCUSED,
    Qt.Key.Key_A: AttendanceStatus.ABSENT_UNEXCUSED,
}
SOURCE = "sheet"  # what this view's changes say they come from


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
        self._history = UndoHistory()
        self._sheet_token = 0  # answers to an older session are dropped
        self._reload_after_edit = False
        self.minutes_dialog: PartialMinutesDialog | None = None
        self.all_present = AllPresentArming(self)
        self.all_present.sig_disarmed.connect(self._on_all_present_disarmed)

        self.picker = SessionPicker(runner, self)
        self.day = self.picker.day
        self.session_box = self.picker.session_box
        self.scan = QLineEdit(
            placeholderText=self.tr("Scan a card or type a student number, Enter")
        )
        self.scan.setAccessibleName(self.tr("Card scan or student number"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Sheet message"))
        self.model = SheetTableModel(self)
        self.model.set_edit_callback(self._on_cell_edited)
        self.delegate = SheetCellDelegate(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self.table.setAccessibleName(self.tr("Attendance sheet"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.installEventFilter(self)
        self.delegate.closeEditor.connect(self._on_delegate_close_editor)
        self.summary = QLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{self.tr('Attendance')}</h2>"))
        layout.addWidget(self.picker)
        layout.addWidget(self.scan)
        layout.addWidget(self.message)
        students = QLabel(self.tr("S&tudents (Alt+T)"))
        students.setBuddy(self.table)  # from the pickers or the scan box to the sheet
        layout.addWidget(students)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "P present · L late · T partial · E excused · A absent · Del clear · "
                    "F2 edit a cell · Ctrl+Z undo · Ctrl+Shift+P twice all present"
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
            button.setAccessibleName(button.text())
            button.clicked.connect(lambda _c=False, k=kind: self.export(k))
            exports.addWidget(button)
        exports.addStretch(1)
        exports.addWidget(self.summary)
        layout.addLayout(exports)

        self.picker.sig_leaving.connect(self._drop_sheet)
        self.picker.sig_chosen.connect(self._on_picker_chosen)
        self.scan.returnPressed.connect(self._on_scan_return_pressed)
        changes.sig_changed.connect(self._on_changes)
        QShortcut(QKeySequence("Ctrl+Z"), self, self.undo)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.mark_all_present)

    # -- context ------------------------------------------------------------------------------

    def set_context(self, services: Services, facility_id: uuid.UUID, timezone: str) -> None:
        self._services = services
        self._facility_id = facility_id
        self._tz = ZoneInfo(timezone)
        self.picker.set_context(
            services, facility_id, services.clock.now().astimezone(self._tz).date()
        )

    @property
    def sheet(self) -> AttendanceSheet | None:
        """The sheet on screen, or None while none is loaded."""
        return self._sheet

    def _sheet_key(self) -> SessionKey | None:
        sheet = self._sheet
        return None if sheet is None else (sheet.series_id, sheet.occurrence.original_date)

    def select_session(self, series_id: uuid.UUID, original_date: date) -> None:
        """Open a given session (from Today, the calendar or a student record): shown as soon
        as its day's sessions are read, unless the person picks another day or session first.
        No other session's sheet is shown meanwhile."""
        self.picker.select((series_id, original_date))

    def _drop_sheet(self) -> None:
        """No sheet until the next one arrives: no key may mark the one being left."""
        self.all_present.disarm("left")
        self._sheet = None
        self._sheet_token += 1
        self.model.set_rows([], self._tz)
        self._update_summary()

    def _on_picker_chosen(self, key: SessionKey | None, why: str) -> None:
        if key is not None:
            self._load_sheet(key)
            return
        self._drop_sheet()
        self.message.setText(why)
        self.sig_loaded.emit(0)

    def _load_sheet(self, key: SessionKey) -> None:
        services = self._services
        if services is None:
            return
        if self._sheet_key() != key:
            self._drop_sheet()
            self.message.setText(self.tr("Loading the sheet…"))
        self._sheet_token += 1
        token = self._sheet_token
        series_id, day = key
        self._runner.run(
            lambda: services.attendance.sheet(series_id, day),
            lambda sheet: self._on_sheet_loaded(sheet, token),
        )

    def _on_sheet_loaded(self, sheet: AttendanceSheet, token: int) -> None:
        if token != self._sheet_token:
            return
        same = self._sheet_key() == (sheet.series_id, sheet.occurrence.original_date)
        current = self.table.currentIndex()
        keep_student = (
            self.model.row_at(current.row()).student_id if same and current.isValid() else None
        )
        keep_column = current.column() if same and current.isValid() else NAME
        self._sheet = sheet
        start, end = sheet.occurrence.start_local, sheet.occurrence.end_local
        self.delegate.set_session_times(
            QTime(start.hour, start.minute), QTime(end.hour, end.minute)
        )
        self.model.set_rows(
            sheet.rows, self._tz, day=sheet.occurrence.original_date, editable=sheet.editable
        )
        if not same:
            self.table.resizeColumnsToContents()
            self.table.setColumnWidth(2, max(self.table.columnWidth(2), 150))  # any status
            self.table.setColumnWidth(3, max(self.table.columnWidth(3), 140))  # a reason
            self.table.setColumnWidth(4, max(self.table.columnWidth(4), 160))  # a note
            self.message.setText(sheet.refusal or "")
        row = self.model.find(keep_student) if keep_student is not None else None
        if sheet.rows:
            self._select(row if row is not None else 0, keep_column)
        self._update_summary()
        self.sig_loaded.emit(len(sheet.rows))

    def _select(self, row: int, column: int = NAME) -> None:
        self.table.setCurrentIndex(self.model.index(row, column))
        self.table.selectRow(row)

    def _update_summary(self) -> None:
        if self._sheet is None:
            self.summary.clear()
            return
        marked = sum(1 for i in range(self.model.rowCount()) if self.model.row_at(i).status)
        self.summary.setText(self.tr(f"{marked} of {self.model.rowCount()} marked"))

    # -- changes elsewhere --------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        """Another screen or a sync changed what the sheet shows: read it again, keeping the
        session, the selected row and the undo history. Deferred while a cell is edited."""
        if changes.source == SOURCE or self._services is None or self._facility_id is None:
            return
        facility = self._facility_id
        if changes.touches(*SCHEDULE, ENROLLMENTS, facility_id=facility):
            self._refresh(sessions=True)
        elif changes.touches(ATTENDANCE, facility_id=facility):
            self._refresh(sessions=False)

    def _refresh(self, *, sessions: bool) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            self._reload_after_edit = True
            return
        key = self._sheet_key()
        if sessions:
            self.picker.reload(keep=key)
        elif key is not None:
            self._load_sheet(key)

    def _on_delegate_close_editor(self, *_args: object) -> None:
        if self._reload_after_edit:
            self._reload_after_edit = False
            self._refresh(sessions=True)

    def _publish(self, key: SessionKey, students: list[uuid.UUID]) -> None:
        series_id, day = key
        self._changes.publish(
            Changes.of(
                ATTENDANCE,
                facility_id=self._facility_id,
                ids=[attendance_id(series_id, sid, day) for sid in students],
                source=SOURCE,
            )
        )

    # -- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.table or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        # Mark keys act only on the table itself, never while a cell's editor is open (its
        # unused keys would reach the table).
        if not self.table.hasFocus() or self.table.state() != QAbstractItemView.State.NoState:
            return False
        key = Qt.Key(event.key())
        column = self.table.currentIndex().column()
        if key in KEYS:
            if column in TEXT_COLUMNS:
                if not self.model.is_editable(self.table.currentIndex()):
                    self._refuse(self._why_not_editable(column))
                    return True
                return False  # typing on a reason or note types into it
            self.mark_current(KEYS[key])
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if column in FIELDS and self.model.is_editable(self.table.currentIndex()):
                self.model.setData(self.table.currentIndex(), None)  # clears that cell
            else:
                self.clear_current()
            return True
        return False

    def _why_not_editable(self, column: int) -> str:
        row = self.current_row()
        target = self.model.row_at(row) if row is not None else None
        if self._sheet is not None and not self._sheet.editable:
            return self._sheet.refusal or self.tr("This session cannot be marked.")
        if target is None or target.status is None:
            return self.tr("Mark the student first (P, L, T, E or A on the Name column).")
        what = self.tr("A reason") if column == REASON else self.tr("This")
        return what + self.tr(" goes only with an absence.")

    def hideEvent(self, event: QHideEvent) -> None:
        self.all_present.disarm("left")  # leaving the screen leaves the sheet
        super().hideEvent(event)

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    # -- marking ------------------------------------------------------------------------------

    def _can_mark(self) -> bool:
        sheet = self._sheet
        if self._services is None or sheet is None:
            return False
        if not sheet.editable:
            self._refuse(sheet.refusal or self.tr("This session cannot be marked."))
            return False
        return True

    def mark_current(self, status: AttendanceStatus) -> None:
        row = self.current_row()
        if row is None or not self._can_mark():
            return
        target = self.model.row_at(row)
        fields = kept_fields(target, status)
        timed = target.check_in_at is not None and target.check_out_at is not None
        if status is AttendanceStatus.PARTIAL and fields["minutes"] is None and not timed:
            self._ask_minutes(target, row)
            return
        self._mark(target, status, **fields)
        self._select_next(row)

    def _select_next(self, row: int) -> None:
        if row + 1 < self.model.rowCount():
            self._select(row + 1, self.table.currentIndex().column())

    def _ask_minutes(self, target: SheetRow, row: int) -> None:
        """A partial mark is saved with its minutes or not at all."""
        sheet = self._sheet
        assert sheet is not None
        length = int((sheet.occurrence.end_utc - sheet.occurrence.start_utc).total_seconds() // 60)
        dialog = PartialMinutesDialog(target.display_name, length, self)
        key = self._sheet_key()
        self.minutes_dialog = dialog

        def accepted() -> None:
            if self._sheet_key() != key:
                return  # the sheet changed meanwhile
            fields = kept_fields(target, AttendanceStatus.PARTIAL)
            fields["minutes"] = dialog.value()
            self._mark(target, AttendanceStatus.PARTIAL, **fields)
            self._select_next(row)

        def finished(_result: int) -> None:
            self.minutes_dialog = None
            dialog.deleteLater()
            self.activateWindow()  # back to the sheet, to go on marking
            self.table.setFocus()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(
            lambda: self.message.setText(
                self.tr("Nothing saved: a partial mark needs the minutes attended.")
            )
        )
        dialog.finished.connect(finished)
        dialog.open()

    def _mark(
        self,
        target: SheetRow,
        status: AttendanceStatus,
        *,
        absence_reason: str | None,
        note: str | None,
        check_in_at: datetime | None,
        check_out_at: datetime | None,
        minutes: int | None,
    ) -> None:
        """Save a whole mark; once saved it is shown, published and undoable."""
        services, sheet, key = self._services, self._sheet, self._sheet_key()
        if services is None or sheet is None or key is None:
            return

        def work() -> SheetRow:
            return services.attendance.mark(
                sheet.series_id,
                sheet.occurrence.original_date,
                target.student_id,
                status,
                absence_reason=absence_reason,
                note=note,
                check_in_at=check_in_at,
                check_out_at=check_out_at,
                minutes=minutes,
            )

        self._runner.run(work, lambda row: self._on_saved(key, [target], [row]), self._on_failed)

    def _on_saved(self, key: SessionKey, before: list[SheetRow], after: list[SheetRow]) -> None:
        self._history.push(key, before)
        self._show_saved(key, after)

    def _show_saved(self, key: SessionKey, rows: list[SheetRow]) -> None:
        if self._sheet_key() == key:
            for row in rows:
                self.model.replace(row)
            self._update_summary()
        self._publish(key, [row.student_id for row in rows])
        for row in rows:
            self.sig_marked.emit(row)

    def _on_cell_edited(self, row: SheetRow, field: str, value: object) -> None:
        """A reason, note, time or minutes typed into a cell: the rest of the mark is kept."""
        if row.status is None or not self._can_mark():
            return
        fields = kept_fields(row, row.status)
        fields["minutes"] = row.minutes
        fields[field] = value
        timed = fields["check_in_at"] is not None and fields["check_out_at"] is not None
        if timed and field != "minutes":
            fields["minutes"] = None  # worked out from the times
        self._mark(row, row.status, **fields)

    def clear_current(self) -> None:
        row = self.current_row()
        services, sheet, key = self._services, self._sheet, self._sheet_key()
        if row is None or services is None or sheet is None or key is None:
            return
        target = self.model.row_at(row)
        if target.status is None or not self._can_mark():
            return
        cleared = unmarked(target)
        self._runner.run(
            lambda: services.attendance.clear_mark(key[0], key[1], target.student_id),
            lambda _r: self._on_saved(key, [target], [cleared]),
            self._on_failed,
        )

    def undo(self) -> None:
        """Write back, whole, the rows of this session's last change (one mark, one edit or one
        "all present"), and select the row undone."""
        services, key = self._services, self._sheet_key()
        if services is None or key is None or not self._can_mark():
            return
        step = self._history.pop(key)
        if step is None:
            self.message.setText(self.tr("Nothing to undo on this sheet."))
            return

        def done(rows: list[SheetRow]) -> None:
            self._show_saved(key, rows)
            if self._sheet_key() == key and rows:
                found = self.model.find(rows[0].student_id)
                if found is not None:
                    self._select(found)
            self.message.setText(
                self.tr("Undone: ")
                + ", ".join(row.display_name for row in rows[:3])
                + ("…" if len(rows) > 3 else "")
            )

        def failed(error: BaseException) -> None:
            self._history.push(key, step)  # nothing was written: it can be tried again
            self._on_failed(error)

        self._runner.run(lambda: services.attendance.restore(key[0], key[1], step), done, failed)

    def mark_all_present(self) -> None:
        """First press arms, a second press on the same sheet marks every unmarked student
        present, as one undo step."""
        services, key = self._services, self._sheet_key()
        if services is None or key is None or not self._can_mark():
            return
        if self.all_present.armed_for != key:
            count = sum(1 for i in range(self.model.rowCount()) if not self.model.row_at(i).status)
            if count == 0:
                self.message.setText(self.tr("Every student on this sheet is marked already."))
                return
            self.all_present.arm(key)
            self.message.setText(
                self.tr(
                    f"Mark {count} unmarked students present? Press Ctrl+Shift+P again "
                    "to confirm, Esc to cancel."
                )
            )
            return
        self.all_present.disarm("confirmed")
        self.message.clear()

        def done(rows: list[SheetRow]) -> None:
            self._on_saved(key, [unmarked(row) for row in rows], rows)
            self.message.setText(
                self.tr(f"{len(rows)} marked present. Ctrl+Z undoes it.")
                if rows
                else self.tr("Nobody was left to mark: the sheet was marked meanwhile.")
            )
            if self._sheet_key() == key:
                self._load_sheet(key)  # and whatever else changed meanwhile

        self._runner.run(lambda: services.attendance.mark_present_rows(*key), done, self._on_failed)

    def _on_all_present_disarmed(self, why: str) -> None:
        if why == "timer":
            self.message.setText(
                self.tr("“All present” was not confirmed in time; nothing was marked.")
            )
        elif why in ("key", "left"):
            self.message.clear()

    def _on_scan_return_pressed(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        index = self.model.find_number(text)
        if index is None:
            self._refuse(self.tr(f"No student with number “{text.strip()}” on this sheet."))
            return
        self.table.selectRow(index)
        target = self.model.row_at(index)
        services, sheet = self._services, self._sheet
        if services is None or sheet is None or not self._can_mark():
            return
        now = services.clock.now()
        day = sheet.occurrence.original_date
        if now.astimezone(self._tz).date() != day:
            self._refuse(
                self.tr(
                    f"A scan records the time it is now, and this session was on {day:%a %d %b}. "
                    "Mark the student with P and type the times in the In and Out columns."
                )
            )
            return
        found = scan_mark(target, now)
        if found is None:
            assert target.check_out_at is not None
            local = target.check_out_at.astimezone(self._tz)
            self._refuse(self.tr(f"{target.display_name} already checked out at {local:%H:%M}."))
            return
        status, fields = found
        self._mark(target, status, **fields)

    # -- files --------------------------------------------------------------------------------

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
