"""The one change signal: writes and sync cycles publish what they changed, open views listen.

A view never refreshes another by hand. It subscribes to ``sig_changed`` and reloads what it
shows when the :class:`Changes` touch its tables (Anki's OpChanges, one hook)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.services.changes import Changes

log = logging.getLogger(__name__)


class ChangeHub(QObject):
    """Lives on the GUI thread, owned by the main window; ``publish`` from GUI callbacks only."""

    sig_changed = Signal(object)  # Changes

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.published: int = 0

    def publish(self, changes: Changes) -> None:
        self.published += 1
        log.debug("changed: %s", changes)
        self.sig_changed.emit(changes)
