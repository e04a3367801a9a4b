"""The one change signal: writes and sync cycles publish what they changed, open views listen.

A view never refreshes another by hand. It subscribes to ``sig_changed`` and reloads what it
shows when the :class:`Changes` touch its tables (Anki's OpChanges, one hook)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.services.changes import Changes, Written
from app.services.writes import Writes
from app.ui.tasks import Failed, Runs, TaskRunner

T = TypeVar("T")

log = logging.getLogger(__name__)


class ChangeHub(QObject):
    """Lives on the GUI thread, owned by the main window; ``publish`` from GUI callbacks only."""

    sig_changed = Signal(object)  # Changes

    def publish(self, changes: Changes) -> None:
        log.debug("changed: %s", changes)
        self.sig_changed.emit(changes)

    def write(
        self,
        runner: TaskRunner,
        writes: Writes,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
        *,
        source: str,
    ) -> int:
        """A desk write as a typed operation: ``work`` runs off the GUI thread; when it has
        committed, ``on_done`` gets its value, then what it changed is published to every
        screen (even if ``on_done`` raised). A write that changed nothing publishes nothing."""

        def done(written: Written[T]) -> None:
            try:  # the screen that wrote shows it first: the mark it waits for is on screen
                if on_done is not None:
                    on_done(written.value)
            finally:
                if written.changes is not None:
                    self.publish(written.changes)

        return runner.run(lambda: writes.run(work, source=source), done, on_error)

    def writing(self, runner: TaskRunner, writes: Writes, *, source: str) -> Runs:
        """A runner for a dialog whose every task goes through ``write``: its loads change
        nothing and publish nothing, its saves publish what they changed."""
        hub = self

        class _Writing:
            def run(
                self,
                work: Callable[[], T],
                on_done: Callable[[T], None] | None = None,
                on_error: Failed | None = None,
            ) -> int:
                return hub.write(runner, writes, work, on_done, on_error, source=source)

        return _Writing()


class ReloadWhenShown(QObject):
    """Runs a view's ``reload`` at once while the view is on screen, else once when it is next
    shown: a mark saved on the sheet must not queue loads for screens nobody is looking at
    (they compete with the next mark for the runner's threads)."""

    def __init__(self, view: QWidget, reload: Callable[[], None]) -> None:
        super().__init__(view)
        self._view = view
        self._reload = reload
        self.pending = False
        view.installEventFilter(self)

    def request(self) -> None:
        if self._view.isVisible():
            self.pending = False
            self._reload()
        else:
            self.pending = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self.pending:
            self.pending = False
            self._reload()
        return False
