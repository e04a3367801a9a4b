"""Keeps a session in sync in the background: at start, on a timer, on request, with backoff.

The cycle itself runs in a worker process (``app.sync.worker``), so a mark saved meanwhile never
waits for the desk's interpreter lock; a thread of the desk (one at a time) reconnects when
needed, hands the cycle to the worker and waits for its answer, and results and progress come
back on the GUI thread as signals. Whatever happens to a cycle (a failure, an unexpected error,
a worker that died) the next one is scheduled, a little earlier or later at random so the PCs of
a facility do not all call the server in the same second after an outage; a dead worker is
replaced by a new one at the next attempt.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.errors import DomainError
from app.domain.retry import next_try_in
from app.domain.sync_status import SyncStatus
from app.services.changes import Changes
from app.services.facade import DeskSyncing
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CycleOutcome:
    """What one attempt left. ``online``: the server answered during it (last real contact).
    ``error`` is in plain words for the status bar, ``detail`` the driver's own (log, tooltip).
    ``retry_in_s``: when the next attempt starts (set by the scheduler)."""

    changes: Changes | None  # what the cycle changed in the cache (None: nothing)
    status: SyncStatus | None
    online: bool
    error: str | None
    detail: str | None = None
    retry_in_s: float | None = None


class SyncScheduler(QObject):
    """One session's background sync. ``stop()`` when the session ends: it never waits."""

    sig_started = Signal()  # a cycle begins (the status bar shows that something is going on)
    sig_progress = Signal(str, int, int)
    sig_finished = Signal(object)  # CycleOutcome, after every attempt
    sig_account_refused = Signal(object)  # DomainError: disabled, or password changed
    sig_stopped = Signal()  # after stop(): the cycle that was running has ended

    def __init__(
        self,
        syncing: DeskSyncing,
        *,
        interval_seconds: float = 60.0,
        rng: random.Random | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._syncing = syncing
        self._interval_s = interval_seconds
        self._rng = rng or random.Random()
        self._runner = TaskRunner(self._on_failed, self, threads=1)
        self._runner.sig_drained.connect(self._on_drained)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._cancel = threading.Event()
        self.failures = 0
        self.cycles = 0
        self.next_attempt_at: float | None = None  # time.monotonic() of the next attempt

    @property
    def running(self) -> bool:
        return self._runner.busy

    @property
    def idle(self) -> bool:
        """No cycle thread is running (a stopped cycle counts until its thread is free)."""
        return self._runner.in_flight == 0

    @property
    def worker_pid(self) -> int | None:
        """The process id of the sync worker (None before its first cycle)."""
        return self._syncing.worker_pid

    def sync_now(self) -> None:
        if self._runner.busy or self._cancel.is_set():
            return
        self._timer.stop()
        self.next_attempt_at = None
        self._runner.run(self._work, self._on_done)
        self.sig_started.emit()

    def stop(self) -> None:
        """Stop at once, without waiting: no next cycle, the worker running a cycle is killed
        (nothing is lost: every step commits atomically) and the session's server connections
        are cut, so a reconnect blocked on a hung server fails now. ``sig_stopped`` follows when
        the thread is free (at once when none runs)."""
        self._cancel.set()
        self._timer.stop()
        self.next_attempt_at = None
        self._runner.discard_pending()
        self._syncing.stop()
        if self.idle:
            self.sig_stopped.emit()

    def wait_stopped(self, msecs: int) -> bool:
        """Block until the cycle thread is free and the worker has ended; only at shutdown,
        never from a GUI slot."""
        return self._runner.wait_idle(msecs) and self._syncing.wait(msecs / 1000)

    def _on_drained(self) -> None:
        if self._cancel.is_set():
            self.sig_stopped.emit()

    def _work(self) -> CycleOutcome:
        """On the sync thread: reconnect if needed, one cycle in the worker, the status."""
        done = self._syncing.cycle(self.sig_progress.emit, self._cancel.is_set)
        return CycleOutcome(done.changes, done.status, done.online, done.error, done.detail)

    def _on_done(self, outcome: CycleOutcome) -> None:
        self.cycles += 1
        self.failures = 0 if outcome.error is None else self.failures + 1
        delay = self._schedule()
        self.sig_finished.emit(_with_retry(outcome, delay if outcome.error else None))

    def _on_failed(self, error: BaseException) -> None:
        """A cycle raised: an account refusal signs out; anything else is logged and shown as
        a failed attempt. Either way the next attempt is scheduled (unless stopped)."""
        self.cycles += 1
        self.failures += 1
        delay = self._schedule()
        if isinstance(error, DomainError):
            self.sig_account_refused.emit(error)
            return
        log.error("sync crashed", exc_info=error)
        failure = self._syncing.failure(error)
        self.sig_finished.emit(
            CycleOutcome(None, None, not failure.offline, failure.reason, failure.detail, delay)
        )

    def _schedule(self) -> float:
        """Start the timer for the next attempt (the one backoff, jittered); returns the delay
        it was started with, which is what the status bar counts down."""
        delay = next_try_in(self.failures, self._interval_s, self._rng)
        if self._cancel.is_set():
            self.next_attempt_at = None
            return delay
        self._timer.start(max(1, round(delay * 1000)))
        self.next_attempt_at = time.monotonic() + delay
        return delay


def _with_retry(outcome: CycleOutcome, retry_in_s: float | None) -> CycleOutcome:
    return CycleOutcome(
        outcome.changes, outcome.status, outcome.online, outcome.error, outcome.detail, retry_in_s
    )
