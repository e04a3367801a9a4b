"""Up and Down step the day in the desk's date fields whatever the locale: with the weekday
first ("Sun 6 Dec 2026"), US English left the cursor on a weekday Down did not change, so an
instructor could not step back to Friday's sheet from the keyboard (seen on desk-shot)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Desk


@pytest.fixture
def us_english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))  # what the desk's English sets
    try:
        yield
    finally:
        QLocale.setDefault(before)


@pytest.mark.usefixtures("us_english")
def test_down_steps_the_sheets_day_back_from_the_keyboard(qtbot: QtBot, desk: Desk) -> None:
    win = desk.win
    qtbot.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    day = win.attendance.day
    shown = day.date()
    qtbot.keyClick(win.attendance, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert day.hasFocus()
    qtbot.keyClick(day, Qt.Key.Key_Down)
    qtbot.keyClick(day, Qt.Key.Key_Down)
    assert day.date() == shown.addDays(-2)
