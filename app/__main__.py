"""Start the desktop application: QApplication, logging, excepthook, then the workstation."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from app.infra import paths

log = logging.getLogger("app")

SMOKE_ENV = "ROLLBOOK_SMOKE"  # start, wait until the window shows data, optionally grab, quit


def _configure_logging() -> None:
    handler = logging.FileHandler(paths.log_dir() / "rollbook.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler, logging.StreamHandler()])


def main() -> int:
    _configure_logging()
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow, Workstation
    from app.ui.messages import MessageBridge
    from app.ui.tasks import TaskRunner

    smoke = os.environ.get(SMOKE_ENV)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Rollbook")
    messages = MessageBridge(quiet=bool(smoke))

    def excepthook(kind: type[BaseException], err: BaseException, tb: TracebackType | None) -> None:
        messages.show_error(err.with_traceback(tb))
        if smoke:
            app.exit(1)

    sys.excepthook = excepthook
    runner = TaskRunner(messages.show_error)
    window = MainWindow(runner, messages)
    messages.set_parent(window)
    window.show()

    def prepare() -> Workstation:
        from app.bootstrap import open_demo_workstation

        _engine, services = open_demo_workstation()
        status = services.workstation.ensure_demo_data()
        facilities = tuple(services.facilities.list_facilities())
        return Workstation(services, status, facilities, "Demo workstation")

    def failed(error: BaseException) -> None:
        window.show_failure(error)
        if smoke:
            app.exit(1)

    runner.run(prepare, window.set_workstation, failed)
    if smoke:
        window.today.sig_loaded.connect(lambda n: _smoke_done(window, Path(smoke), n))
    code = app.exec()
    runner.wait_idle()
    return code


def _smoke_done(window: object, target: Path, occurrences: int) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    assert isinstance(window, QMainWindow)
    if target.suffix == ".png":
        window.grab().save(str(target))
    log.info("smoke: window ready with %d occurrences this week", occurrences)
    QApplication.instance().quit()  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(main())
