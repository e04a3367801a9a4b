"""Attendance sheet: one session, its students as of that date, marked by key, click or touch.

Keys on the sheet (when it has the focus and no cell is being edited): P present, L late,
T partial (asks for the minutes), E excused absence, A absence, Delete clears, arrows move,
Ctrl+Z undoes the last change of this session. On the Reason and Note columns typing types
(F2 or any key opens the cell's editor); letters never mark there. Ctrl+Shift+P marks everyone
unmarked present after a second press on the same sheet within a few seconds; the "All present"
button asks first. Each row's Mark column has a button per status (the mouse, a finger).
"From paper" (Alt+O) puts the students in the printed order with the cursor on the first, to
type the marks of a paper sheet down the column. A barcode or ID scanner types a number and
Enter into the scan box: the student is checked in (and out on a second scan) at the time it is
now, so only on today's sessions. Every change is saved locally at once and published on the
change hub; the writes themselves are ``SheetActions``' (``self.marking``). The sheet of a
make-up session says at the top which sessions it makes up and whom for.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, QTime, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AttendanceStatus
from app.services.attendance_dto import AttendanceSheet, SheetRow
from app.services.changes import ATTENDANCE, ENROLLMENTS, SCHEDULE, Changes
from app.services.facade import DeskServices
from app.services.makeups import MAKEUPS, MakeupView
from app.ui.changes import ChangeHub
from app.ui.delegates.mark_buttons import BUTTON_HEIGHT
from app.ui.dialogs.makeup import makeup_text
from app.ui.dialogs.partial_minutes import PartialMinutesDialog
from app.ui.files import save_path
from app.ui.models.sheet_table import MARK, PAPER_NO, STATUS, SheetTableModel
from app.ui.tasks import TaskRunner
from app.ui.views.attendance_state import SOURCE, AllPresentArming, SessionKey, UndoHistory
from app.ui.views.base import SayingScreen
from app.ui.views.session_picker import SessionPicker
from app.ui.views.sheet_actions import SheetActions, SheetKeys
from app.ui.views.sheet_table_view import SheetTableView


class AttendanceView(SayingScreen):
    """The sheet of the chosen session of the current facility."""

    sig_loaded = Signal(int)  # rows on the sheet
    sig_marked = Signal(object)  # the SheetRow saved
    sig_exported = Signal(object)  # the Path written

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self._tz = ZoneInfo("UTC")
        self._sheet: AttendanceSheet | None = None
        self.history = UndoHistory()  # per session, while the sheet lives
        self._sheet_token = 0  # answers to an older session are dropped
        self._reload_after_edit = False
        self._reasons_token = 0
        self.all_present = AllPresentArming(self)
        self.all_present.sig_disarmed.connect(self._on_all_present_disarmed)
        self.marking = SheetActions(self)

        self.picker = SessionPicker(runner, self)
        self.day = self.picker.day
        self.session_box = self.picker.session_box
        self.scan = QLineEdit(
            placeholderText=self.tr("Scan a card or type a student number, Enter")
        )
        self.scan.setAccessibleName(self.tr("Card scan or student number"))
        self.scan.setMinimumWidth(260)
        self.message.setAccessibleName(self.tr("Sheet message"))
        # One line even when empty: the buttons below do not move under the pointer.
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing())
        self.makeup_note = QLabel()  # a make-up session: what it makes up and whom for
        self.makeup_note.setWordWrap(True)
        self.makeup_note.setAccessibleName(self.tr("Make-up session"))
        self.makeup_note.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.makeup_note.hide()
        self.model = SheetTableModel(self)
        self.model.set_edit_callback(self.marking.on_cell_edited)
        self.table = SheetTableView(self.model, self)
        self.delegate = self.table.cell_delegate
        self.mark_delegate = self.table.mark_delegate
        self.table.installEventFilter(SheetKeys(self))
        self.delegate.closeEditor.connect(self._on_delegate_close_editor)
        self.mark_delegate.sig_clicked.connect(self._on_mark_clicked)
        self.summary = QLabel()

        self.all_present_button = QPushButton(self.tr("All present…"))
        self.all_present_button.setAccessibleName(self.tr("Mark every unmarked student present"))
        self.all_present_button.setToolTip(
            self.tr("Asks first; Ctrl+Z undoes it. Keys: Ctrl+Shift+P twice")
        )
        self.paper_button = QPushButton(self.tr("From paper (Alt+O)"))
        self.paper_button.setCheckable(True)
        self.paper_button.setAccessibleName(self.tr("From paper: the printed order"))
        self.paper_button.setToolTip(
            self.tr("The students in the order of the printed sheet, to type its marks (Alt+O)")
        )
        for button in (self.all_present_button, self.paper_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(BUTTON_HEIGHT)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Attendance") + "</h2>"))
        top = QHBoxLayout()
        top.addWidget(self.picker, 3)
        top.addWidget(self.scan, 2)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.makeup_note)
        above = QHBoxLayout()
        students = QLabel(self.tr("S&tudents (Alt+T)"))
        students.setBuddy(self.table)  # from the pickers or the scan box to the sheet
        above.addWidget(students)
        above.addStretch(1)
        above.addWidget(self.all_present_button)
        above.addWidget(self.paper_button)
        layout.addLayout(above)
        layout.addWidget(self.table, 1)
        keys = QLabel(
            self.tr(
                "P present · L late · T partial · E excused · A absent · Del clear · "
                "F2 edit a cell · Ctrl+Z undo · Ctrl+Shift+P twice all present · "
                "or click a row's buttons"
            )
        )
        keys.setWordWrap(True)  # one line where it fits: in French it set the window's width
        layout.addWidget(keys)
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
        self.all_present_button.clicked.connect(self.marking.ask_all_present)
        self.paper_button.toggled.connect(self._on_paper_button_toggled)
        changes.sig_changed.connect(self._on_changes)
        QShortcut(QKeySequence("Ctrl+Z"), self, self.undo)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.mark_all_present)
        QShortcut(QKeySequence("Alt+O"), self, self.paper_button.toggle)

    # -- what the actions use ------------------------------------------------------------------

    @property
    def services(self) -> DeskServices | None:
        return self._services

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    def sheet_key(self) -> SessionKey | None:
        sheet = self._sheet
        return None if sheet is None else (sheet.series_id, sheet.occurrence.original_date)

    def select_next(self, row: int) -> None:
        """After a mark, the next row (in the order shown) at the same column."""
        if row + 1 < self.model.rowCount():
            self._select(row + 1, self.table.currentIndex().column())

    def reselect(self, key: SessionKey, student_id: uuid.UUID) -> None:
        """Select a student's row again, if that session is still shown."""
        if self.sheet_key() == key:
            found = self.model.find(student_id)
            if found is not None:
                self._select(found, self.table.currentIndex().column())

    def show_saved(self, key: SessionKey, rows: list[SheetRow]) -> None:
        """Saved rows: shown if their session still is, published, announced."""
        if self.sheet_key() == key:
            for row in rows:
                self.model.replace(row)
            self._update_summary()
        known = {reason.casefold() for reason in self.delegate.reasons()}
        new = [r.absence_reason for r in rows if r.absence_reason]
        fresh = [reason for reason in new if reason.casefold() not in known]
        if fresh:  # offered at once; its place by use comes with the next reading
            self.delegate.set_reasons(self.delegate.reasons() + fresh[:1])
        for row in rows:
            self.sig_marked.emit(row)

    def reload_sheet(self, key: SessionKey) -> None:
        if self.sheet_key() == key:
            self._load_sheet(key)

    # -- context ------------------------------------------------------------------------------

    def set_context(self, services: DeskServices, facility_id: uuid.UUID, timezone: str) -> None:
        self._services = services
        self._facility_id = facility_id
        self._tz = ZoneInfo(timezone)
        self.picker.set_context(
            services, facility_id, services.clock.now().astimezone(self._tz).date()
        )
        self._load_reasons()

    def _load_reasons(self) -> None:
        """The facility's absence reasons for the Reason cells, read in the background."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return
        self._reasons_token += 1
        token = self._reasons_token

        def loaded(reasons: list[str]) -> None:
            if token == self._reasons_token:
                self.delegate.set_reasons(reasons)

        self._runner.run(lambda: services.attendance.reasons(facility), loaded)

    @property
    def sheet(self) -> AttendanceSheet | None:
        """The sheet on screen, or None while none is loaded."""
        return self._sheet

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
        self.makeup_note.hide()
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
        if self.sheet_key() != key:
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
        same = self.sheet_key() == (sheet.series_id, sheet.occurrence.original_date)
        current = self.table.currentIndex()
        keep_student = (
            self.model.row_at(current.row()).student_id if same and current.isValid() else None
        )
        keep_column = current.column() if same and current.isValid() else PAPER_NO
        self._sheet = sheet
        start, end = sheet.occurrence.start_local, sheet.occurrence.end_local
        self.delegate.set_session_times(
            QTime(start.hour, start.minute), QTime(end.hour, end.minute)
        )
        self.mark_delegate.set_enabled(sheet.editable)
        self.model.set_rows(
            sheet.rows, self._tz, day=sheet.occurrence.original_date, editable=sheet.editable
        )
        if not same:
            self.message.setText(sheet.refusal or "")
        row = self.model.find(keep_student) if keep_student is not None else None
        if sheet.rows:
            self._select(row if row is not None else 0, keep_column)
        self._update_summary()
        self._show_makeup(sheet.series_id, sheet.occurrence.original_date, token)
        self.sig_loaded.emit(len(sheet.rows))

    def _show_makeup(self, series_id: uuid.UUID, day: date, token: int) -> None:
        """The note at the top of a make-up session's sheet (read off the GUI thread)."""
        services = self._services
        if services is None:
            return

        def shown(view: object) -> None:
            if token == self._sheet_token:
                text = makeup_text(view) if isinstance(view, MakeupView) else ""
                self.makeup_note.setText(text)
                self.makeup_note.setVisible(bool(text))

        self._runner.run(lambda: services.makeups.of_session(series_id, day), shown)

    def _select(self, row: int, column: int = PAPER_NO) -> None:
        """Select a row whole, the current cell (where keys go) at ``column``."""
        self.table.selectRow(row)  # which makes the row's first cell current: then the one asked
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate
        )

    def _update_summary(self) -> None:
        if self._sheet is None:
            self.summary.clear()
            return
        marked = sum(1 for i in range(self.model.rowCount()) if self.model.row_at(i).status)
        self.summary.setText(
            self.tr("{marked} of {total} marked").format(marked=marked, total=self.model.rowCount())
        )

    # -- changes elsewhere --------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        """Another screen or a sync changed what the sheet shows: read it again, keeping the
        session, the selected row and the undo history. Deferred while a cell is edited."""
        if changes.source == SOURCE or self._services is None or self._facility_id is None:
            return
        facility = self._facility_id
        if changes.touches(*SCHEDULE, ENROLLMENTS, MAKEUPS, facility_id=facility):
            self._refresh(sessions=True)
        elif changes.touches(ATTENDANCE, facility_id=facility):
            self._refresh(sessions=False)
        if changes.touches(ATTENDANCE, facility_id=facility):
            self._load_reasons()  # a reason typed at another desk is offered here too

    def _refresh(self, *, sessions: bool) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            self._reload_after_edit = True
            return
        key = self.sheet_key()
        if sessions:
            self.picker.reload(keep=key)
        elif key is not None:
            self._load_sheet(key)

    def _on_delegate_close_editor(self, *_args: object) -> None:
        if self._reload_after_edit:
            self._reload_after_edit = False
            self._refresh(sessions=True)

    # -- keys -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        services = self._services
        if services is not None:  # the session happening now, if nobody chose another
            self.picker.choose_again(services.clock.now().astimezone(self._tz).date())

    def hideEvent(self, event: QHideEvent) -> None:
        self.all_present.disarm("left")  # leaving the screen leaves the sheet
        super().hideEvent(event)

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    # -- marking (the writes are SheetActions') ---------------------------------------------

    def mark_current(self, status: AttendanceStatus) -> None:
        self.marking.mark_current(status)

    def clear_current(self) -> None:
        self.marking.clear_current()

    def undo(self) -> None:
        self.marking.undo()

    def mark_all_present(self) -> None:
        self.marking.mark_all_present()

    @property
    def minutes_dialog(self) -> PartialMinutesDialog | None:
        """The question of a partial mark's minutes, while it is open."""
        return self.marking.minutes_dialog

    def _on_mark_clicked(self, row: int, status: AttendanceStatus) -> None:
        """A mark button of a row: that row is marked as its key would mark it, and stays the
        one selected (the pointer is on it)."""
        self._select(row, MARK)
        self.marking.mark_current(status, advance=False)

    # -- from paper ---------------------------------------------------------------------------

    def _on_paper_button_toggled(self, on: bool) -> None:
        self.table.set_sortable(not on)  # the order stays the paper's while typing
        if not on:
            self.message.clear()
            return
        if self.model.rowCount():
            self._select(0, STATUS)
        self.table.setFocus()
        self.message.setText(
            self.tr(
                "From paper: the students in the printed order (# is the number on the paper). "
                "Type each one's mark, P L T E or A; the cursor goes down the column."
            )
        )

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
        self.marking.scan(text)

    # -- files --------------------------------------------------------------------------------

    def export(self, kind: str, path: Path | None = None) -> None:
        """Write the sheet (``blank``/``pdf``/``csv``/``xlsx``); asks where unless ``path``
        is given. A file that cannot be written is said so; an earlier file stays as it was."""
        if self._sheet is None:
            return
        if path is None:
            suffix = kind if kind in ("csv", "xlsx") else "pdf"
            default = f"{self._sheet.class_name} {self._sheet.occurrence.original_date}.{suffix}"
            chosen = save_path(self, self.tr("Save the sheet"), default, f"*.{suffix}")
            if chosen is None:
                return
            path = chosen
        self.marking.write_file(kind, path)
