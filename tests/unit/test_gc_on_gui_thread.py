"""Garbage is collected on the GUI thread only, so no Qt object is freed on a worker thread.

A reference cycle holding a Qt object, made garbage while a worker thread allocates: with
Python's automatic collection the worker would collect it and run the Qt destructor there (the
deadlock seen once in a full test run). Set up as the app sets it up, the cycle waits for the
GUI thread's timer and is freed there.
"""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.ui.garbage import GuiGarbageCollector


class _Node:
    """A plain Python object in a cycle with a Qt object."""

    def __init__(self) -> None:
        self.me = self
        self.qt: QObject | None = None


def _cycle_holding_a_qobject(freed_on: list[int]) -> None:
    """``freed_on`` gets the thread that frees the cycle, and with it the Qt object (the
    finalizer runs in the collecting thread, as the Qt destructor does)."""
    node = _Node()
    node.qt = QObject()  # no parent: only the cycle keeps it alive
    weakref.finalize(node, lambda: freed_on.append(threading.get_ident()))


def test_a_cycle_holding_a_qt_object_is_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    freed_on: list[int] = []
    _cycle_holding_a_qobject(freed_on)
    kept: list[object] = []

    def allocate() -> None:  # far past every automatic collection threshold
        kept.extend([[], {}] for _ in range(50_000))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert freed_on == [], "a worker thread collected the cycle and ran a Qt destructor"
    assert not gc.isenabled()  # automatic collection is off, as in the app
    qtbot.waitUntil(lambda: bool(freed_on), timeout=3_000)  # the GUI thread's timer
    assert freed_on == [gui]


def test_the_collector_collects_what_python_would_have_and_gives_it_back(qtbot: QtBot) -> None:
    collector = GuiGarbageCollector(interval_ms=10)
    was_enabled = gc.isenabled()
    collector.start()
    try:
        assert not gc.isenabled() and collector.active
        freed_on: list[int] = []
        _cycle_holding_a_qobject(freed_on)
        assert collector.check() == 0 or freed_on  # nothing due yet, or collected here
        kept: list[list[object]] = [[] for _ in range(5_000)]  # past generation 0's threshold
        qtbot.waitUntil(lambda: bool(freed_on), timeout=3_000)
        assert freed_on == [threading.get_ident()] and len(kept) == 5_000
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()  # the session's own collector keeps collection off
    assert not collector.active
