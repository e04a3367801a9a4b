"""Every model and widget of the desk has a Qt parent, so Qt frees it with its window, on the
GUI thread, and never from a worker thread's garbage collection."""

from __future__ import annotations

import gc

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from app.ui.main_window import SCREENS
from tests.ui.conftest import Desk

CTRL = Qt.KeyboardModifier.ControlModifier


def _visit_every_screen(qtbot: QtBot, desk: Desk) -> None:
    for row in range(len(SCREENS)):
        qtbot.keyClick(desk.win, getattr(Qt.Key, f"Key_{row + 1}"), CTRL)
        assert desk.win.nav.currentRow() == row
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)


def test_every_item_model_has_a_parent(qtbot: QtBot, desk: Desk) -> None:
    _visit_every_screen(qtbot, desk)
    orphans = [
        type(o).__name__
        for o in gc.get_objects()
        if isinstance(o, QAbstractItemModel) and isValid(o) and o.parent() is None
    ]
    assert orphans == []


def test_no_widget_is_left_without_a_parent(qtbot: QtBot, desk: Desk) -> None:
    _visit_every_screen(qtbot, desk)
    strays = [
        f"{type(w).__name__} {w.objectName()!r} {w.accessibleName()!r}"
        for w in QApplication.topLevelWidgets()
        if w is not desk.win
        and isinstance(w, QWidget)
        and w.parent() is None
        and w.window() is w
        and not w.isVisible()
        and type(w).__name__ not in ("QMenu",)
    ]
    assert strays == []
