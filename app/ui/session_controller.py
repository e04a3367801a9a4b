"""Who is at the keyboard: first-run and sign-in dialog, the demo workstation, sign-out.

Each session gets a new main window and the previous one is destroyed, so nothing of one staff
member stays on screen (or in a model) for the next on a shared classroom PC. Ending a session
never waits for the network: the sync is stopped and its server connections cut, and the session
is closed when its sync thread has let go of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.errors import DomainError
from app.services.facade import DeskSession, SignIn
from app.ui import language
from app.ui.dialogs.sign_in import SignInDialog
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.settings import SettingsStore
from app.ui.sync_scheduler import CycleOutcome, SyncScheduler
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

DemoLoader = Callable[[], Workstation]


class SessionController(QObject):
    """Owns the current window and session; the only place sessions start and end."""

    sig_window_shown = Signal(object)  # MainWindow
    sig_dialog_shown = Signal(object)  # SignInDialog
    sig_synced = Signal(object)  # CycleOutcome of each background sync attempt
    sig_quit_requested = Signal()  # the first dialog was cancelled: nothing to go back to

    def __init__(
        self,
        runner: TaskRunner,
        messages: MessageBridge,
        settings: SettingsStore,
        signin: SignIn[Any],
        demo_loader: DemoLoader,
        *,
        sync_interval_seconds: float = 60.0,
    ) -> None:
        super().__init__()
        self._runner = runner
        self._messages = messages
        self._settings = settings
        self._signin = signin
        self._demo_loader = demo_loader
        self.window: MainWindow | None = None
        self.dialog: SignInDialog | None = None
        self.session: DeskSession | None = None
        self.scheduler: SyncScheduler | None = None
        self._sync_interval = sync_interval_seconds
        self._opening_demo = False
        self._retiring: list[SyncScheduler] = []  # stopped, their cycle not yet ended
        self._wire: Callable[[MainWindow], None] = lambda _window: None  # the session's links

    @property
    def releasing(self) -> bool:
        """A previous session is still being let go of (its sync thread has not ended)."""
        return bool(self._retiring)

    def start(self, *, demo_when_unconfigured: bool) -> None:
        """Sign-in dialog if a server is configured (or on first run), else the demo; both in
        the language this PC was left in."""
        language.apply(self._settings.load().language)
        if demo_when_unconfigured and self._settings.load().server is None:
            self.open_demo()
        else:
            self.show_sign_in()

    def show_sign_in(self) -> None:
        settings = self._settings.load()
        dialog = SignInDialog(self._signin, self._runner, settings, self.window)
        self.dialog = dialog
        dialog.sig_signed_in.connect(self._on_dialog_signed_in)
        dialog.sig_demo_requested.connect(self.open_demo)
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        dialog.open()
        self.sig_dialog_shown.emit(dialog)

    def _on_dialog_finished(self, dialog: SignInDialog) -> None:
        self._settings.save(dialog.form_settings(self._settings.load()))
        self.dialog = None
        dialog.deleteLater()
        if self.window is None and dialog.session is None and not self._opening_demo:
            self.sig_quit_requested.emit()

    def open_demo(self) -> None:
        self._opening_demo = True
        self._end_session(forget_password=False)

        def wire(window: MainWindow) -> None:
            window.sig_switch_user.connect(self.show_sign_in)

        self._wire = wire
        window = self._new_window()
        self._runner.run(self._demo_loader, window.set_workstation, window.show_failure)

    def _on_dialog_signed_in(self, session: DeskSession) -> None:
        self._end_session(forget_password=False)
        self.session = session
        scheduler = SyncScheduler(
            self._signin.syncing(session), interval_seconds=self._sync_interval, parent=self
        )

        def wire(window: MainWindow) -> None:
            window.sig_switch_user.connect(lambda: self.switch_user(forget_password=False))
            window.sig_sign_out.connect(lambda: self.switch_user(forget_password=True))
            window.sig_sync_now.connect(scheduler.sync_now)

        self._wire = wire
        window = self._new_window()
        self.scheduler = scheduler
        # Through self.window: the window may be rebuilt (a new language) during the session.
        scheduler.sig_progress.connect(self._show_sync_progress)
        scheduler.sig_started.connect(lambda: self._show_sync_progress(self.tr("syncing"), 0, 0))
        scheduler.sig_account_refused.connect(self._on_account_refused)

        def prepare() -> Workstation:
            facilities = tuple(session.services.facilities.list_facilities())
            return Workstation(
                session.services,
                None,
                facilities,
                session.label,
                online=session.online,
                notice=session.notice,
            )

        def on_synced(outcome: CycleOutcome) -> None:
            window = self.window
            if scheduler is not self.scheduler or window is None:
                return  # a result of the previous session's last cycle
            window.set_sync_state(outcome)
            if scheduler.cycles == 1:  # the first cycle filled (or refreshed) the cache
                self._runner.run(prepare, window.set_workstation, window.show_failure)
            elif outcome.changes is not None:
                window.changes.publish(outcome.changes)
            self.sig_synced.emit(outcome)

        scheduler.sig_finished.connect(on_synced)
        if not session.online:
            # Offline, the cache is all there is: show it now, not after a reconnect attempt
            # that may take the whole connect timeout.
            self._runner.run(prepare, window.set_workstation, window.show_failure)
        scheduler.sync_now()

    def _show_sync_progress(self, stage: str, done: int, total: int) -> None:
        if self.window is not None:
            self.window.show_sync_progress(stage, done, total)

    def _on_language_chosen(self, code: str) -> None:
        """Keep the choice on this PC and show it at once: a new window over the same
        session, on the same screen and facility (every text is built anew in the language)."""
        code = language.apply(code)
        self._settings.save(replace(self._settings.load(), language=code))
        old = self.window
        if old is None or old.workstation is None:
            return
        workstation, screen = old.workstation, old.nav.currentRow()
        facility = old.facility_box.currentIndex()
        window = self._new_window()
        window.set_workstation(workstation)
        if facility > 0:
            window.facility_box.setCurrentIndex(facility)
        window.nav.setCurrentRow(screen)

    def _on_account_refused(self, error: DomainError) -> None:
        self._messages.show_error(error)
        self.switch_user(forget_password=True)

    def switch_user(self, *, forget_password: bool) -> None:
        """Sign out: close the window at once, release the session, back to the dialog.

        Nothing here waits for the network (a hung server must not freeze the desk)."""
        self._end_session(forget_password=forget_password)
        self._close_window()
        self.show_sign_in()

    def shutdown(self) -> None:
        """The application is quitting: end the session and close the window, without waiting."""
        self._end_session(forget_password=False)
        self._close_window()

    def wait_released(self, msecs: int) -> bool:
        """At exit only (blocks): give the sync threads of ended sessions ``msecs`` to end."""
        return all(scheduler.wait_stopped(msecs) for scheduler in list(self._retiring))

    def _end_session(self, *, forget_password: bool) -> None:
        scheduler, self.scheduler = self.scheduler, None
        session, self.session = self.session, None
        if session is None:
            return
        if forget_password:
            self._signin.forget_password(session)
        if scheduler is None:
            session.interrupt()
            self._signin.sign_out(session, forget_password=False)
            return
        # The cycle may be blocked on a hung server: stop() cuts its connections and returns;
        # the session is closed (and the scheduler deleted) once the thread has let go.
        self._retiring.append(scheduler)
        released = False

        def release() -> None:
            nonlocal released
            if released:
                return
            released = True
            self._retiring.remove(scheduler)
            self._signin.sign_out(session, forget_password=False)
            scheduler.deleteLater()

        scheduler.sig_stopped.connect(release)
        scheduler.stop()

    def _new_window(self) -> MainWindow:
        self._close_window()
        window = MainWindow(self._runner, self._messages)
        window.sig_closed.connect(lambda: self._on_window_closed(window))
        window.sig_language_chosen.connect(self._on_language_chosen)
        self._wire(window)
        self._messages.set_parent(window)
        self.window = window
        window.show()
        self._opening_demo = False
        self.sig_window_shown.emit(window)
        return window

    def _on_window_closed(self, window: MainWindow) -> None:
        """The person closed the window: the session ends with it, at once."""
        if window is self.window:
            self._end_session(forget_password=False)

    def _close_window(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            self._runner.discard_pending()  # results for this window must not reach it
            window.hide()
            window.deleteLater()
