"""Today's lists share a narrow pane: a class, room or instructor cut off in a cell shows whole
when the mouse rests on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Desk


def hover_text(qtbot: QtBot, table: QTableView, row: int, column: int) -> str:
    """What resting the mouse on a cell shows."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    spot = table.visualRect(table.model().index(row, column)).center()
    viewport = table.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, spot, viewport.mapToGlobal(spot))
    )
    return QToolTip.text() if QToolTip.isVisible() else ""


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip's window
def test_todays_cells_show_their_whole_text_on_hover(qtbot: QtBot, desk: Desk) -> None:
    qtbot.keyClick(desk.win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today = desk.win.today
    qtbot.waitUntil(
        lambda: today.model.rowCount() > 0 and today.missing_model.rowCount() > 0,
        timeout=10_000,
    )
    sessions = {
        today.model.index(r, 1).data(): r for r in range(today.model.rowCount())
    }  # class name → row, as shown
    welding = sessions["Welding I"]
    assert hover_text(qtbot, today.table, welding, 1) == "Welding I"
    assert hover_text(qtbot, today.table, welding, 2) == "Workshop"
    assert hover_text(qtbot, today.table, sessions["Carpentry"], 2) == "Shop 2"
    assert hover_text(qtbot, today.table, welding, 4) == ""  # a session as planned has no note

    missing = today.missing_model
    shown = [missing.index(r, 1).data() for r in range(missing.rowCount())]
    row = shown.index("Carpentry")
    assert hover_text(qtbot, today.missing, row, 1) == "Carpentry"
    assert hover_text(qtbot, today.missing, row, 3) == missing.index(row, 3).data()  # "0 of 10"
