"""Python's garbage collector runs on the GUI thread only, so no Qt object is freed elsewhere.

Left to itself, Python collects reference cycles on whichever thread happens to allocate when a
threshold is crossed: a sync or load thread. A cycle holding a Qt object then runs that object's
destructor on the worker, which Qt does not allow and which has deadlocked the desk. As Anki and
qutebrowser do, automatic collection is switched off and the GUI thread collects on a timer,
generation by generation with Python's own thresholds.
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 1000
SLOW_COLLECTION_S = 0.05


class GuiGarbageCollector(QObject):
    """Owns the collector while it runs: ``start()`` disables automatic collection, the timer
    (on the thread this object lives on, the GUI thread) collects; ``stop()`` collects once
    more and gives collection back to Python."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self.collections = 0

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.collect()
        gc.enable()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold, as Python would
        have; returns the objects found unreachable (0 when nothing was due)."""
        counts = gc.get_count()
        due = [g for g in range(3) if counts[g] > self._thresholds[g]]
        if not due:
            return 0
        return self._collect(max(due))

    def collect(self) -> int:
        """Everything, now (at shutdown, between tests)."""
        return self._collect(2)

    def _collect(self, generation: int) -> int:
        started = time.perf_counter()
        found = gc.collect(generation)
        self.collections += 1
        spent = time.perf_counter() - started
        if spent > SLOW_COLLECTION_S:
            log.debug("gc of generation %d took %.0f ms", generation, spent * 1000)
        return found
