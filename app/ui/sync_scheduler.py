"""Keeps a session in sync in the background: at start, on a timer, on request, with backoff.

The cycle runs on a thread of its own (one at a time), so screens keep loading while a long pull
runs; results and progress come back on the GUI thread as signals.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.errors import DomainError
from app.signin import Session, SignInService
from app.sync.engine import Cancelled, SyncReport
from app.sync.local import LocalStore
from app.sync.status import SyncStatus, read_status
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (5, 15, 60, 300)


@dataclass(frozen=True)
class CycleOutcome:
    report: SyncReport | None
    status: SyncStatus
    online: bool
    error: str | None


class SyncScheduler(QObject):
    """One session's background sync. ``stop()`` before the session closes."""

    sig_progress = Signal(str, int, int)
    sig_finished = Signal(object)  # CycleOutcome, after every attempt
    sig_account_refused = Signal(object)  # DomainError: disabled, or password changed

    def __init__(
        self, signin: SignInService, session: Session, *, interval_seconds: float = 60.0
    ) -> None:
        super().__init__()
        self._signin = signin
        self._session = session
        self._interval_ms = int(interval_seconds * 1000)
        self._runner = TaskRunner(self._on_failed, self, threads=1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._cancel = threading.Event()
        self._failures = 0
        self.cycles = 0

    @property
    def running(self) -> bool:
        return self._runner.busy

    def sync_now(self) -> None:
        if self._runner.busy or self._cancel.is_set():
            return
        self._timer.stop()
        self._runner.run(self._work, self._on_done)

    def stop(self) -> None:
        """Cancel between chunks and wait for the cycle to stop (everything committed stays)."""
        self._cancel.set()
        self._timer.stop()
        self._runner.discard_pending()
        self._runner.wait_idle()

    def _work(self) -> CycleOutcome:
        """On the sync thread: reconnect if needed, run one cycle, read the status."""
        session, local = self._session, LocalStore(self._session.cache)
        report, error = None, None
        try:
            if self._signin.reconnect(session):
                engine = session.sync_engine(
                    progress=self.sig_progress.emit, cancel=self._cancel.is_set
                )
                report = engine.cycle()
            else:
                error = "the server cannot be reached"
        except Cancelled:
            error = "stopped"
        except DomainError:
            raise
        except Exception as err:
            log.warning("sync cycle failed: %s", err)
            error = str(err).splitlines()[0] if str(err) else type(err).__name__
        return CycleOutcome(report, read_status(local), session.server is not None, error)

    def _on_done(self, outcome: CycleOutcome) -> None:
        self.cycles += 1
        if outcome.error is None:
            self._failures = 0
            delay = self._interval_ms
        else:
            self._failures += 1
            delay = 1000 * BACKOFF_SECONDS[min(self._failures, len(BACKOFF_SECONDS)) - 1]
        if not self._cancel.is_set():
            self._timer.start(delay)
        self.sig_finished.emit(outcome)

    def _on_failed(self, error: BaseException) -> None:
        self.cycles += 1
        if isinstance(error, DomainError):
            self.sig_account_refused.emit(error)
            return
        log.error("sync crashed", exc_info=error)
