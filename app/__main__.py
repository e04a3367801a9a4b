"""Start the desktop application: QApplication, logging, excepthook, then the workstation."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from app.infra import paths

if TYPE_CHECKING:
    from app.ui.main_window import Workstation

log = logging.getLogger("app")

SMOKE_ENV = "ROLLBOOK_SMOKE"  # start, wait until the window shows data, optionally grab, quit
DEMO_FLAG = "--demo"  # open the demo workstation when no server is configured (make run)


def _configure_logging() -> None:
    handler = logging.FileHandler(paths.log_dir() / "rollbook.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler, logging.StreamHandler()])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; ``argv`` (default: the process's) may hold ``--demo``."""
    args = list(sys.argv[1:] if argv is None else argv)
    smoke = os.environ.get(SMOKE_ENV)
    from app import resources, selfcheck

    problem = selfcheck.data_folder_problem()
    if problem is None and (absent := resources.missing(essential_only=True)):
        problem = resources.missing_message(absent)
    if problem is not None:
        return _cannot_start(problem, quiet=bool(smoke))
    _configure_logging()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.infra.credentials import CredentialStore
    from app.signin import SignInService
    from app.ui.garbage import GuiGarbageCollector
    from app.ui.main_window import MainWindow
    from app.ui.messages import MessageBridge
    from app.ui.session_controller import SessionController
    from app.ui.settings import SettingsStore
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Rollbook")
    # Reference cycles are collected on this (the GUI) thread only: a Qt object freed by a
    # collection that happened to start on a worker thread can deadlock the desk.
    collector = GuiGarbageCollector(app)
    collector.start()
    resources.apply_to(app)  # the icon; the language is the session controller's first step
    messages = MessageBridge(quiet=bool(smoke))

    def excepthook(kind: type[BaseException], err: BaseException, tb: TracebackType | None) -> None:
        messages.show_error(err.with_traceback(tb))
        if smoke:
            app.exit(1)

    sys.excepthook = excepthook
    runner = TaskRunner(messages.show_error)
    controller = SessionController(
        runner,
        messages,
        SettingsStore(paths.data_dir() / "settings.ini"),
        SignInService(CredentialStore(), paths.data_dir()),
        _load_demo_workstation,
    )
    controller.sig_quit_requested.connect(app.quit)
    # Closing the window ends the session without waiting for a hung server.
    app.aboutToQuit.connect(controller.shutdown)
    if smoke:

        def watch(window: MainWindow) -> None:
            window.today.sig_loaded.connect(lambda n: _smoke_done(window, Path(smoke), n))
            window.sig_failed.connect(lambda: app.exit(1))

        controller.sig_window_shown.connect(watch)
        # Deferred: the first dialog shows before the event loop that quit() stops is running.
        controller.sig_dialog_shown.connect(
            lambda dialog: QTimer.singleShot(0, lambda: _smoke_done(dialog, Path(smoke), 0))
        )
    controller.start(demo_when_unconfigured=DEMO_FLAG in args)
    code = app.exec()
    # The sync thread of the last session was cut loose from the server; give it a moment.
    controller.wait_released(5_000)
    runner.wait_idle(5_000)
    collector.stop()
    return code


def _cannot_start(message: str, *, quiet: bool) -> int:
    """Say why Rollbook cannot start (no log file: its folder may be the problem); exit 2."""
    logging.basicConfig(level=logging.INFO)
    log.error("cannot start: %s", message)
    if not quiet:
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "Rollbook", message)
    return 2


def _load_demo_workstation() -> Workstation:
    """Runs off the GUI thread: open (and on first start generate) the demo workstation."""
    from PySide6.QtCore import QCoreApplication

    from app.bootstrap import open_demo_workstation
    from app.ui.main_window import Workstation

    _engine, services = open_demo_workstation()
    status = services.workstation.ensure_demo_data()
    facilities = tuple(services.facilities.list_facilities())
    label = QCoreApplication.translate("MainWindow", "Demo workstation")
    return Workstation(services, status, facilities, label)


def _smoke_done(window: object, target: Path, occurrences: int) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget)
    if target.suffix == ".png":
        window.grab().save(str(target))
    log.info("smoke: %s ready with %d occurrences this week", type(window).__name__, occurrences)
    QApplication.instance().quit()  # type: ignore[union-attr]


if __name__ == "__main__":
    # First of all: in the frozen app a sync worker (app.sync.worker, multiprocessing's "spawn")
    # starts as this executable again; this runs the worker there and exits.
    multiprocessing.freeze_support()
    sys.exit(main())
