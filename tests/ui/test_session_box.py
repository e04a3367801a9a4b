"""The session box of the attendance sheet shows a long session whole where it can: an
ellipsis where it is cut, the whole label as its tooltip and in the list it opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QComboBox, QToolTip, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.combo import ElidingComboBox
from tests.ui.conftest import PAST_MONDAY, Desk, open_sheet_of

LONG = "08:00 Anger Management – Section 3 · Classroom B (east wing, second floor)"
SHORT = "13:00 Carpentry · Shop 2"
POPUP = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def tooltip_of(box: QComboBox) -> str:
    """What hovering the box shows (the tooltip event a resting mouse sends)."""
    QToolTip.hideText()
    spot = QPoint(5, 5)
    QApplication.sendEvent(box, QHelpEvent(QEvent.Type.ToolTip, spot, box.mapToGlobal(spot)))
    return QToolTip.text() if QToolTip.isVisible() else ""


@POPUP
def test_a_long_choice_ends_in_an_ellipsis_and_is_whole_in_its_tooltip_and_list(
    qtbot: QtBot,
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    box = ElidingComboBox(host)
    QVBoxLayout(host).addWidget(box)
    box.addItem(LONG)
    box.addItem(SHORT)
    box.setFixedWidth(220)
    host.show()
    qtbot.waitExposed(host)

    shown = box.shown_text()
    assert shown.endswith("…") and LONG.startswith(shown[:-1]) and len(shown) < len(LONG)
    assert tooltip_of(box) == LONG

    box.setFixedWidth(box.fontMetrics().horizontalAdvance(LONG) + 80)
    assert box.shown_text() == LONG  # room enough: nothing cut

    box.setFixedWidth(220)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.view().isVisible())
    assert box.view().width() >= box.fontMetrics().horizontalAdvance(LONG)
    qtbot.keyClick(box.view(), Qt.Key.Key_Down)
    qtbot.keyClick(box.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.view().isVisible())
    assert box.currentText() == SHORT and box.shown_text() == SHORT


@POPUP
def test_the_sheets_session_box_tells_its_whole_session_on_hover(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    label = view.session_box.currentText()
    assert label == "09:00 Welding I · Workshop"
    assert tooltip_of(view.session_box) == label
    # The other session of the day, picked from the list with the keys, is the sheet shown.
    qtbot.mouseClick(view.session_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.session_box.view().isVisible())
    qtbot.keyClick(view.session_box.view(), Qt.Key.Key_Down)
    qtbot.keyClick(view.session_box.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: view.sheet is not None and view.sheet.series_id == desk.carpentry_series,
        timeout=10_000,
    )
    assert tooltip_of(view.session_box) == "13:00 Carpentry · Shop 2"
    assert view.model.rowCount() == 10  # the carpentry roster, read from the cache
