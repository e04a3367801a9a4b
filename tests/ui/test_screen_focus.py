"""Ctrl+1…8 put the keyboard into the screen: what a person then types lands where the screen's
work starts, never in the nav list (whose letters would jump to another screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Desk

CTRL = Qt.KeyboardModifier.ControlModifier


def test_typing_after_ctrl_2_enrols_rather_than_jumping_screens(qtbot: QtBot, desk: Desk) -> None:
    win = desk.win
    win.nav.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_2, CTRL)
    rosters = win.rosters
    qtbot.keyClicks(win.focusWidget(), "Last07")
    assert win.stack.currentWidget() is rosters  # "L" did not jump anywhere
    assert rosters.enrol.text() == "Last07"
    qtbot.waitUntil(lambda: rosters.matches.count() == 1, timeout=10_000)


def test_each_screen_takes_the_keyboard(qtbot: QtBot, desk: Desk) -> None:
    win = desk.win
    expected = {
        Qt.Key.Key_1: win.today.missing,
        Qt.Key.Key_4: win.attendance.table,
        Qt.Key.Key_5: win.students.search,
        Qt.Key.Key_7: win.reports.kind_box,
    }
    for key, widget in expected.items():
        win.nav.setFocus()
        qtbot.keyClick(win, key, CTRL)
        assert win.focusWidget() is widget, key
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    assert win.focusWidget() is win.calendar.grid()
    # An empty review queue hides its table: the keyboard still leaves the nav for the screen.
    win.nav.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_8, CTRL)
    assert win.focusWidget() is win.review
