"""The main window: a thin shell of navigation, facility switcher, screens and status bar."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.sync_status import SyncStatus, retry_countdown
from app.services.changes import Changes
from app.services.facade import DeskServices
from app.services.facilities import FacilityDTO
from app.services.labels import table_label
from app.services.workstation import WorkstationStatus
from app.ui.accessible import named
from app.ui.changes import ChangeHub
from app.ui.dialogs.csv_import import CsvImportDialog
from app.ui.dialogs.staff_accounts import StaffAccountsDialog
from app.ui.language import LANGUAGES
from app.ui.language import current as current_language
from app.ui.messages import MessageBridge
from app.ui.sync_scheduler import CycleOutcome
from app.ui.tasks import TaskRunner
from app.ui.views.attendance import AttendanceView
from app.ui.views.calendar import CalendarView
from app.ui.views.reports import ReportsView
from app.ui.views.review import ReviewView
from app.ui.views.rosters import RostersView
from app.ui.views.students import StudentsView
from app.ui.views.sync import SyncView
from app.ui.views.today import TodayView

log = logging.getLogger(__name__)

SCREENS = ("Today", "Rosters", "Calendar", "Attendance", "Students", "Sync", "Reports", "Review")
# The screens' names as the nav list and Ctrl+1…8 show them (lupdate reads these).
SCREEN_NAMES = (
    QT_TRANSLATE_NOOP("MainWindow", "Today"),
    QT_TRANSLATE_NOOP("MainWindow", "Rosters"),
    QT_TRANSLATE_NOOP("MainWindow", "Calendar"),
    QT_TRANSLATE_NOOP("MainWindow", "Attendance"),
    QT_TRANSLATE_NOOP("MainWindow", "Students"),
    QT_TRANSLATE_NOOP("MainWindow", "Sync"),
    QT_TRANSLATE_NOOP("MainWindow", "Reports"),
    QT_TRANSLATE_NOOP("MainWindow", "Review"),
)


@dataclass(frozen=True)
class Workstation:
    """What the window runs over, prepared off the GUI thread by the caller's loader."""

    services: DeskServices
    status: WorkstationStatus | None
    facilities: tuple[FacilityDTO, ...]
    label: str
    online: bool = False
    notice: str | None = None  # why offline, or what changed on the cache at sign-in


PROGRESS_MAX_WIDTH = 320  # px: the status bar's sync progress, at the most
PROGRESS_PADDING = 24  # px around the progress bar's text (its frame and margins)


class ElidedLabel(QLabel):
    """One line in the status bar: as much of the text as fits, then "…"; the whole text is
    the tooltip (and what ``text()`` and screen readers get). It asks for room for its whole
    text, but gives way down to 80 px, rather than being cut off mid-word."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setMinimumWidth(80)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown
        )


class MainWindow(QMainWindow):
    """Navigation between the screens; each screen is its own view module."""

    sig_ready = Signal()
    sig_failed = Signal()  # the workstation could not be opened
    sig_switch_user = Signal()  # back to the sign-in dialog; remembered passwords stay
    sig_sign_out = Signal()  # sign out and forget this user's password on this computer
    sig_sync_now = Signal()
    sig_closed = Signal()  # the person closed the window: the session ends with it
    sig_language_chosen = Signal(str)  # "en", "fr", "es": kept on this PC and applied at once

    def __init__(self, runner: TaskRunner, messages: MessageBridge) -> None:
        super().__init__()
        self.setWindowTitle("Rollbook")
        self.resize(1100, 700)
        self._runner = runner
        self._messages = messages
        self._workstation: Workstation | None = None

        self.changes = ChangeHub(self)  # the one change signal every view refreshes from
        self.nav = QListWidget()
        self.nav.addItems([self.tr(name) for name in SCREEN_NAMES])
        self.nav.setFixedWidth(160)
        self.nav.setAccessibleName(self.tr("Screens"))
        self.stack = QStackedWidget()
        self.today = TodayView(runner, self.changes)
        self.students = StudentsView(runner, self.changes)
        self.sync_view = SyncView(runner, self.changes)
        self.attendance = AttendanceView(runner, self.changes)
        self.rosters = RostersView(runner, self.changes)
        self.calendar = CalendarView(runner, self.changes)
        self.reports = ReportsView(runner, self.changes)
        self.review = ReviewView(runner, self.changes)
        self.sync_view.sig_sync_requested.connect(self.request_sync)
        self.today.sig_open_sheet.connect(self.open_sheet)
        self.calendar.sig_open_sheet.connect(self.open_sheet)
        self.students.sig_open_sheet.connect(self.open_sheet)
        self.students.sig_open_review.connect(self.open_review)
        self.today.sig_open_review.connect(self.open_review)
        screens: dict[str, QWidget] = {
            "Today": self.today,
            "Rosters": self.rosters,
            "Calendar": self.calendar,
            "Attendance": self.attendance,
            "Students": self.students,
            "Sync": self.sync_view,
            "Reports": self.reports,
            "Review": self.review,
        }
        for name in SCREENS:
            self.stack.addWidget(screens[name])
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        body = QHBoxLayout(central)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        toolbar = QToolBar(self.tr("Facility"))
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(self.tr("Facility: ")))
        self.facility_box = QComboBox()
        self.facility_box.setAccessibleName(self.tr("Facility"))
        self.facility_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.facility_box.currentIndexChanged.connect(self._on_facility_box_changed)
        toolbar.addWidget(self.facility_box)
        toolbar.addSeparator()
        self.switch_action = QAction(self.tr("Switch user…"), self)
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.switch_action.triggered.connect(self.sig_switch_user)
        self.sign_out_action = QAction(self.tr("Sign out and forget my password"), self)
        self.sign_out_action.triggered.connect(self.sig_sign_out)
        self.staff_action = QAction(self.tr("Staff accounts…"), self)
        self.staff_action.triggered.connect(self.open_staff_accounts)
        self.staff_action.setVisible(False)
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(self.request_sync)
        self.sync_action.setVisible(False)
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.staff_action)
        self.csv_import_action = QAction(self.tr("Import from CSV…"), self)
        self.csv_import_action.triggered.connect(self.open_csv_import)
        toolbar.addAction(self.csv_import_action)
        toolbar.addAction(self.switch_action)
        toolbar.addAction(self.sign_out_action)
        toolbar.addSeparator()
        toolbar.addWidget(self._language_button())
        self.addToolBar(toolbar)

        for row, name in enumerate(SCREEN_NAMES):
            action = QAction(self.tr(name), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(self._nav_to(row))
            self.addAction(action)
        find = QAction(self.tr("Find student"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._on_find_triggered)
        self.addAction(find)

        self.connection_label = named(
            ElidedLabel(self.tr("Preparing workstation…")), self.tr("Connection")
        )
        self.progress = named(QProgressBar(), self.tr("Sync progress"))
        self.progress.setMaximumWidth(PROGRESS_MAX_WIDTH)
        self.progress.setRange(0, 0)
        self.notice_label = named(ElidedLabel(), self.tr("Notice"))
        self.notice_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.notice_label.setVisible(False)  # until it says something
        self.sync_label = named(QLabel(), self.tr("Sync status"))
        self.retry_label = named(QLabel(), self.tr("Next sync attempt"))
        # As wide as its widest countdown, so the bar does not shift when 9 s becomes 14 s.
        widest = self.tr("retrying in {0} s").format(888)
        self.retry_label.setMinimumWidth(self.retry_label.fontMetrics().horizontalAdvance(widest))
        self.statusBar().addWidget(self.connection_label)
        self.statusBar().addPermanentWidget(self.notice_label, 2)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.retry_label)
        self.statusBar().addPermanentWidget(self.progress)
        # The status bar says what the last real contact with the server said (issue 12.11).
        self._online: bool | None = None  # None: no server (the demo)
        self._contact_seen = False  # a sync attempt has said whether the server answers
        self._offline_reason: str | None = None
        self._sync_status: SyncStatus | None = None
        self._retry_at: float | None = None  # time.monotonic() of the next attempt
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)  # re-armed for the next whole second
        self._retry_timer.timeout.connect(self._show_retry)
        self.changes.sig_changed.connect(self._on_changes)
        self.nav.setCurrentRow(0)

    def _language_button(self) -> QToolButton:
        """Language: each language under its own name, the current one checked."""
        self.language_button = QToolButton()
        # No Alt+letter: every letter belongs to the screens (Alt+L is the calendar's List).
        self.language_button.setText(self.tr("Language"))
        self.language_button.setAccessibleName(self.tr("Language"))
        self.language_button.setToolTip(self.tr("The language of the desk on this computer"))
        self.language_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.language_button)
        group = QActionGroup(menu)
        self.language_actions: dict[str, QAction] = {}
        for code, name, _locale in LANGUAGES:
            action = QAction(name, group)
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            menu.addAction(action)
            self.language_actions[code] = action
        self.language_button.setMenu(menu)
        return self.language_button

    def _choose_language(self, code: str) -> None:
        if code != current_language():
            self.sig_language_chosen.emit(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Results of loads still running must not reach screens that are going away."""
        self._runner.discard_pending()
        self._retry_timer.stop()
        super().closeEvent(event)
        self.sig_closed.emit()

    def _nav_to(self, row: int) -> Callable[[], None]:
        def go() -> None:
            self.nav.setCurrentRow(row)
            self._focus_screen(SCREENS[row])

        return go

    def _focus_screen(self, name: str) -> None:
        """Ctrl+1…8 put the keyboard in the screen, where its work starts: typing must never
        go to the nav list (its letters jump between screens)."""
        targets: dict[str, QWidget] = {
            "Today": self.today.missing,
            "Rosters": self.rosters.enrol,
            "Calendar": self.calendar.grid() or self.calendar.table,
            "Attendance": self.attendance.table,
            "Students": self.students.search,
            "Sync": self.sync_view.table,
            "Reports": self.reports.kind_box,
            "Review": self.review.table,
        }
        target = targets[name]
        if target.isVisible() and target.isEnabled():
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif (screen := self.stack.currentWidget()) is not None:
            screen.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_find_triggered(self) -> None:
        self.nav.setCurrentRow(SCREENS.index("Students"))
        self.students.focus_search()

    @property
    def workstation(self) -> Workstation | None:
        return self._workstation

    def set_workstation(self, workstation: Workstation) -> None:
        self._workstation = workstation
        self.progress.hide()
        if workstation.status is not None and workstation.status.demo:
            self.switch_action.setText(self.tr("Connect to a server…"))
            self.sign_out_action.setVisible(False)
            self.sync_action.setVisible(True)  # F5 says why there is nothing to sync with
            self._online = None
        elif not self._contact_seen:
            self._online = workstation.online  # what sign-in saw, until a sync attempt says
        self._show_connection()
        self._read_sync_status()
        self.staff_action.setVisible(workstation.services.staff_accounts.available)
        self._show_notice(workstation.notice or "")
        self.facility_box.blockSignals(True)
        self.facility_box.clear()
        for facility in workstation.facilities:
            self.facility_box.addItem(f"{facility.name} ({facility.timezone})", facility.id)
        self.facility_box.blockSignals(False)
        if workstation.facilities:
            self._show_facility(0)
        self.sig_ready.emit()

    def _show_notice(self, text: str) -> None:
        """The notice takes room in the status bar only when it says something."""
        self.notice_label.setText(text)
        self.notice_label.setToolTip(text)
        self.notice_label.setVisible(bool(text))

    def _on_facility_box_changed(self, index: int) -> None:
        if index >= 0:
            self._show_facility(index)

    @property
    def is_demo(self) -> bool:
        workstation = self._workstation
        return (
            workstation is not None and workstation.status is not None and workstation.status.demo
        )

    def request_sync(self) -> None:
        """F5, the toolbar's and the Sync screen's "Sync now": a cycle now, or in the demo,
        why there is none."""
        if self.is_demo:
            self._show_notice(
                self.tr(
                    "This is a demo workstation: there is no server to sync with. "
                    "Use Connect to a server… to sign in."
                )
            )
            return
        self.sig_sync_now.emit()

    def _facility_timezone(self) -> str:
        workstation, index = self._workstation, self.facility_box.currentIndex()
        if workstation is None or not 0 <= index < len(workstation.facilities):
            return "UTC"
        return workstation.facilities[index].timezone

    def _show_connection(self) -> None:
        """The connection label: who, and online or offline with the plain reason."""
        workstation = self._workstation
        if workstation is None:
            return
        if self._online is None:
            state = self.tr("offline: no server configured")
        elif self._online:
            state = self.tr("online")
        elif self._offline_reason:
            state = self.tr("offline: {reason}").format(reason=self._offline_reason)
        else:
            state = self.tr("offline")
        self.connection_label.setText(f"{workstation.label} · {state}")

    def _show_sync_status(self) -> None:
        workstation, status = self._workstation, self._sync_status
        if workstation is None or status is None:
            return
        if self.is_demo:  # nothing is ever sent: say how much stays here, not "not synced"
            kept = status.pending
            self.sync_label.setText(
                self.tr("changes stay on this computer")
                if not kept
                else self.tr("1 change kept on this computer only")
                if kept == 1
                else self.tr("{0} changes kept on this computer only").format(kept)
            )
            return
        now = workstation.services.clock.now()
        self.sync_label.setText(status.line(now, self._facility_timezone()))

    def _read_sync_status(self) -> None:
        """Read the pending count and last sync off the GUI thread, then show them."""
        workstation = self._workstation
        if workstation is None:
            return
        issues = workstation.services.sync_issues

        def shown(status: SyncStatus) -> None:
            if workstation is self._workstation:
                self._sync_status = status
                self._show_sync_status()

        self._runner.run(issues.status, shown)

    def _on_changes(self, changes: Changes) -> None:
        """A write or a sync changed the cache: the pending count may have moved."""
        if changes.sync_state:
            self._read_sync_status()

    def _show_retry(self) -> None:
        if self._retry_at is None:
            self.retry_label.clear()
            self._retry_timer.stop()
            return
        left, next_tick_ms = retry_countdown(self._retry_at - time.monotonic())
        if next_tick_ms is not None:
            self.retry_label.setText(self.tr("retrying in {0} s").format(left))
            self._retry_timer.start(next_tick_ms)
        else:
            self.retry_label.setText(self.tr("retrying now…"))

    def _show_facility(self, index: int) -> None:
        assert self._workstation is not None
        facility = self._workstation.facilities[index]
        services = self._workstation.services
        # Nothing of the previous facility stays on the window's own texts.
        self.setWindowTitle(self.tr("Rollbook · {facility}").format(facility=facility.name))
        self._show_sync_status()  # its times in this facility's timezone
        self.today.set_context(services, facility.id, facility.name, facility.timezone)
        self.students.set_context(services, facility.id)
        self.sync_view.set_context(services)
        self.attendance.set_context(services, facility.id, facility.timezone)
        self.rosters.set_context(services, facility.id)
        self.calendar.set_context(services, facility.id, facility.timezone)
        self.reports.set_context(services, self._workstation.facilities, facility.id)
        self.review.set_context(services, facility.id)

    def open_review(self, series_id: object, original_date: object, student_id: object) -> None:
        """The review queue, on one student's mark of one session (from a student's record)."""
        self.nav.setCurrentRow(SCREENS.index("Review"))
        assert isinstance(series_id, uuid.UUID) and isinstance(student_id, uuid.UUID)
        assert isinstance(original_date, date)
        self.review.select_mark(series_id, original_date, student_id)
        self.review.table.setFocus()

    def open_sheet(self, series_id: object, original_date: object) -> None:
        """The attendance sheet of one session (from Today's missing list, or elsewhere)."""
        self.nav.setCurrentRow(SCREENS.index("Attendance"))
        assert isinstance(original_date, date) and isinstance(series_id, uuid.UUID)
        self.attendance.select_session(series_id, original_date)
        self.attendance.table.setFocus()

    def show_sync_progress(self, stage: str, done: int, total: int) -> None:
        """A long pull: the bar shows it (busy indicator when the total is unknown)."""
        self._retry_at = None
        self._show_retry()
        self.retry_label.setText(self.tr("syncing…"))
        self.progress.show()
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        shown = self._stage_text(stage)
        self.progress.setFormat(f"{shown} %v/%m" if total else shown)
        # Room for its text on one line (Qt would wrap and cut it in a squeezed bar).
        text = f"{shown} {max(done, total)}/{total}" if total else shown
        room = self.progress.fontMetrics().horizontalAdvance(text) + PROGRESS_PADDING
        # It only grows while one sync lasts, so the texts beside it do not move each page.
        room = max(room, self.progress.minimumWidth())
        self.progress.setMinimumWidth(min(room, PROGRESS_MAX_WIDTH))

    def _stage_text(self, stage: str) -> str:
        """The sync engine's stage ("initial pull", "copy users") in the desk's words."""
        known = {
            "push": self.tr("sending changes"),
            "pull": self.tr("receiving changes"),
            "initial pull": self.tr("first download"),
            "building indexes": self.tr("building indexes"),
        }
        if stage in known:
            return known[stage]
        if stage.startswith("copy "):
            return self.tr("copying {table}").format(table=table_label(stage[len("copy ") :]))
        return stage

    def set_sync_state(self, outcome: CycleOutcome) -> None:
        """What the last sync attempt left: online or not (the last real contact with the
        server), why not in plain words, the persisted status and when the next try starts."""
        self.progress.hide()
        self.progress.setMinimumWidth(0)
        self.sync_action.setVisible(True)
        self._online, self._contact_seen = outcome.online, True
        self._offline_reason = None if outcome.online else outcome.error
        self._show_connection()
        tip = outcome.error or ""
        if outcome.detail:
            tip = f"{tip}\n{outcome.detail}" if tip else outcome.detail
        self.connection_label.setToolTip(tip)
        self.sync_label.setToolTip(tip)
        if outcome.status is not None:
            self._sync_status = outcome.status
            self._show_sync_status()
        if outcome.error is not None and outcome.retry_in_s is not None:
            self._retry_at = time.monotonic() + outcome.retry_in_s
        else:
            self._retry_at = None
        self._show_retry()
        self.sync_view.reload()

    def open_staff_accounts(self) -> StaffAccountsDialog | None:
        """Admins, online: the staff of the current facility. Returns the open dialog."""
        if self._workstation is None or self.facility_box.currentIndex() < 0:
            return None
        dialog = StaffAccountsDialog(
            self._workstation.services,
            self._runner,
            self._workstation.facilities,
            self.facility_box.currentData(),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_csv_import(self) -> CsvImportDialog:
        """The column mapping of a CSV import (the import itself runs on the command line)."""
        dialog = CsvImportDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_failure(self, error: BaseException) -> None:
        self.progress.hide()
        self.connection_label.setText(self.tr("The workstation could not be opened."))
        self._messages.show_error(error)
        self.sig_failed.emit()
