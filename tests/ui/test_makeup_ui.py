"""Make-up for… on the calendar (issue 18, part 3): a person selects Saturday's extra Welding
session in the list, opens Make-up for… (Alt+K), ticks the Monday a student missed with Space
and saves (Alt+S); the link is stored and queued for the server, the calendar's note says what
the session makes up and whom for, the sheet of the make-up says it at the top, and the
student's absence is made up in the attendance summary."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.repositories.uow import UnitOfWorkFactory
from app.services.changes import SERIES, Changes
from app.ui.dialogs.makeup import MakeupDialog
from app.ui.views.calendar import CalendarView
from tests.integration.factories import add_series
from tests.ui.conftest import Desk, open_sheet_of

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
MISSED = date(2026, 11, 9)
SATURDAY = date(2026, 11, 21)  # the make-up: today is Sunday 22 November
NOTE = "Make-up for Welding I, Mon 9 Nov 2026 09:00. For Last00, First00."


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = ALT) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _makeup_session(desk: Desk) -> uuid.UUID:
    """A two-hour Welding session on Saturday 21 November, as the series dialog adds one."""
    with UnitOfWorkFactory(desk.engine, Actor("desk_test", device_id="ws-1"))() as u:
        series = add_series(
            u,
            desk.facility_id,
            desk.welding,
            datetime(2026, 11, 21, 9, 0),
            rrule=None,
            duration_minutes=120,
        )
        u.commit()
    return series


def _calendar_list(qtbot: QtBot, desk: Desk) -> CalendarView:
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    desk.win.changes.publish(Changes.of(SERIES, facility_id=desk.facility_id, source="test"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5_000)  # Mon ×2 and Saturday
    box = view.as_list  # the list instead of the grid: a click on its box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.waitUntil(lambda: view.table.isVisible(), timeout=5_000)
    view.table.setFocus()
    return view


def test_a_session_is_made_a_makeup_from_the_calendar_and_its_sheet_says_so(
    qtbot: QtBot, desk: Desk
) -> None:
    ann = desk.students[0]
    makeup = _makeup_session(desk)
    attendance = desk.services.attendance
    attendance.mark(desk.welding_series, MISSED, ann, AttendanceStatus.ABSENT_EXCUSED)
    attendance.mark(makeup, SATURDAY, ann, AttendanceStatus.PRESENT)
    (before,) = [
        s for s in desk.services.attendance.student_summary(ann) if s.class_name == "Welding I"
    ]
    view = _calendar_list(qtbot, desk)
    qtbot.keyClick(view.table, Qt.Key.Key_End, CTRL)  # the last session of the week: Saturday
    chosen = view.selected()
    assert chosen is not None and chosen.original_date == SATURDAY
    assert view.makeup_note.text() == ""

    _press(qtbot, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: view.makeup_dialog is not None, timeout=5_000)
    dialog = view.makeup_dialog
    assert isinstance(dialog, MakeupDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.list.count() > 2, timeout=5_000)
    assert dialog.list.item(0).text() == "Mon 16 Nov 2026 09:00 — 0 absent"
    assert dialog.list.item(1).text() == "Mon 9 Nov 2026 09:00 — 1 absent"
    assert dialog.list.hasFocus()
    _press(qtbot, Qt.Key.Key_Down, NONE)
    _press(qtbot, Qt.Key.Key_Space, NONE)
    assert dialog.ticked() == [(desk.welding_series, MISSED)]
    with qtbot.waitSignal(view.sig_changed, timeout=5_000) as saved:
        _press(qtbot, Qt.Key.Key_S)
    assert saved.args == [NOTE]
    assert dialog.current.text() == NOTE
    assert dialog.message.text() == "Saved."

    # Stored and queued for the server.
    with desk.engine.connect() as conn:
        links = conn.execute(
            text("SELECT missed_date FROM makeup_links WHERE deleted_at IS NULL")
        ).all()
        queued = conn.execute(
            text("SELECT op FROM sync_outbox WHERE table_name = 'makeup_links'")
        ).all()
    assert [str(r[0]) for r in links] == ["2026-11-09"]
    assert [r[0] for r in queued] == ["I"]
    # The absence is made up: counted as attended, the make-up's two hours credited.
    (after,) = [
        s for s in desk.services.attendance.student_summary(ann) if s.class_name == "Welding I"
    ]
    assert (after.made_up, after.absences) == (1, before.absences - 1)
    assert after.hours_earned == before.hours_earned

    _press(qtbot, Qt.Key.Key_Escape, NONE)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    desk.win.activateWindow()
    # The calendar's note for the selected session says what it makes up and whom for.
    qtbot.waitUntil(lambda: view.makeup_note.text() == NOTE, timeout=5_000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.win, timeout=5_000)
    # The sheet of the make-up session says so at the top; Monday's sheet does not.
    sheet = open_sheet_of(qtbot, desk, SATURDAY, makeup)
    qtbot.waitUntil(lambda: sheet.makeup_note.isVisible(), timeout=5_000)
    assert sheet.makeup_note.text() == NOTE
    monday = open_sheet_of(qtbot, desk, date(2026, 11, 16), desk.welding_series)
    qtbot.waitUntil(lambda: not monday.makeup_note.isVisible(), timeout=5_000)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_the_context_menu_offers_make_up_for(qtbot: QtBot, desk: Desk) -> None:
    _makeup_session(desk)
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    desk.win.changes.publish(Changes.of(SERIES, facility_id=desk.facility_id, source="test"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5_000)
    grid = view.time_grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_End)  # the week's last session: Saturday's
    chosen = view.selected()
    assert chosen is not None and chosen.original_date == SATURDAY
    qtbot.keyClick(grid, Qt.Key.Key_Menu)
    found: list[QMenu] = []

    def shown() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=5_000)
    menu = found[0]
    (entry,) = [a for a in menu.actions() if a.text() == "Make-up for… (Alt+K)"]
    assert entry.isEnabled()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    qtbot.waitUntil(lambda: view.makeup_dialog is not None, timeout=5_000)
    dialog = view.makeup_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy and dialog.list.count() > 0, timeout=5_000)
    assert dialog.ticked() == []
