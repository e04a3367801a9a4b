"""The one background runner: work runs on a thread pool, results come back on the GUI thread."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runs(Protocol):
    """What runs work off the GUI thread for a dialog: the ``TaskRunner`` itself, or one whose
    writes say what they changed (``ChangeHub.writing``)."""

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> int: ...


class _Bridge(QObject):
    """Lives on the GUI thread; workers emit on it, so slots run on the GUI thread (queued)."""

    sig_finished = Signal(int, object)
    sig_failed = Signal(int, object)
    sig_ended = Signal()  # after either, also for a discarded task: the thread is free


class _Job(QRunnable):
    def __init__(self, token: int, work: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self._token = token
        self._work = work
        self._bridge = bridge

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as err:  # delivered to the caller's error handler, never lost
            self._bridge.sig_failed.emit(self._token, err)
        else:
            self._bridge.sig_finished.emit(self._token, result)
        finally:
            self._bridge.sig_ended.emit()


class TaskRunner(QObject):
    """Runs callables off the GUI thread. The work must not touch widgets; callbacks may."""

    sig_busy_changed = Signal(bool)
    sig_drained = Signal()  # no task is running any more (discarded ones included)

    def __init__(
        self, on_error: Failed, parent: QObject | None = None, *, threads: int = 2
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._bridge = _Bridge(self)
        self._bridge.sig_finished.connect(self._on_bridge_finished)
        self._bridge.sig_failed.connect(self._on_bridge_failed)
        self._bridge.sig_ended.connect(self._on_bridge_ended)
        self._in_flight = 0
        self._pending: dict[int, tuple[Done | None, Failed | None]] = {}
        self._tokens = itertools.count(1)
        self._default_error = on_error

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> int:
        """Run ``work`` on the pool; ``on_done`` gets its result (typed alike) on the GUI
        thread, ``on_error`` (or the runner's default) what it raised. Returns a token."""
        token = next(self._tokens)
        self._pending[token] = (on_done, on_error)
        if len(self._pending) == 1:
            self.sig_busy_changed.emit(True)
        self._in_flight += 1
        self._pool.start(_Job(token, work, self._bridge))
        return token

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle; only for shutdown, never from a GUI slot."""
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @property
    def in_flight(self) -> int:
        """Tasks started whose thread has not finished yet, discarded ones included."""
        return self._in_flight

    def discard_pending(self) -> int:
        """Forget the callbacks of every task still running: their widgets are going away (a
        window closed at sign-out). The work finishes; its result is dropped, an error logged."""
        dropped = len(self._pending)
        for token in list(self._pending):
            self._take(token)
        return dropped

    @Slot(int, object)
    def _on_bridge_finished(self, token: int, result: object) -> None:
        if token not in self._pending:
            return  # discarded
        on_done, _ = self._take(token)
        if on_done is not None:
            on_done(result)

    @Slot(int, object)
    def _on_bridge_failed(self, token: int, error: object) -> None:
        assert isinstance(error, BaseException)
        if token not in self._pending:
            log.warning("a discarded task failed: %s", error)
            return
        _, on_error = self._take(token)
        (on_error or self._default_error)(error)

    @Slot()
    def _on_bridge_ended(self) -> None:
        self._in_flight -= 1
        if self._in_flight == 0:
            self.sig_drained.emit()

    def _take(self, token: int) -> tuple[Done | None, Failed | None]:
        callbacks = self._pending.pop(token, (None, None))
        if not self._pending:
            self.sig_busy_changed.emit(False)
        return callbacks
