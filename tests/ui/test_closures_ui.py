"""Closures from the calendar (issue 18, part 4): an admin declares closed days with a reason
(Alt+C), the week and month grids show each day closed with its reason and no session on it,
marks already taken that day are kept and set for review, the closure waits in the outbox to be
pushed, and removing it gives the sessions back. Staff who are not admins are not offered it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import build_services
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, Role
from app.ui.dialogs.closures import ClosuresDialog
from app.ui.views.calendar import CalendarView
from tests.ui.conftest import DESK_CLOCK, Desk, opened_window

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
MONDAY = date(2026, 11, 16)  # the week shown first: today is Sunday 22 November
TUESDAY = date(2026, 11, 17)


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = ALT) -> None:
    """A key to whatever has the focus, as a person's keyboard would send it."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _calendar(qtbot: QtBot, desk: Desk) -> CalendarView:
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5_000)  # Monday's two sessions
    return view


def _dialog(qtbot: QtBot, view: CalendarView) -> ClosuresDialog:
    _press(qtbot, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: view.closures_dialog is not None, timeout=5_000)
    dialog = view.closures_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
    return dialog


def _stored(desk: Desk, sql: str) -> list[tuple[object, ...]]:
    with desk.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql)).all()]


def _calendar_closed(qtbot: QtBot, desk: Desk) -> CalendarView:
    """The calendar, on the next week and back (Alt+Right, Alt+Left): what is stored now."""
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
        with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
            qtbot.keyClick(view, key, ALT)
    qtbot.waitUntil(lambda: view.closed_note.isVisible(), timeout=5_000)
    return view


def test_an_admin_closes_days_and_the_calendar_shows_them_closed_without_sessions(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.services.attendance.mark(
        desk.welding_series, MONDAY, desk.students[0], AttendanceStatus.PRESENT
    )
    view = _calendar(qtbot, desk)
    assert view.closures_button.isVisible()
    assert view.closures_button.accessibleName() == "Closures: the days the facility is closed"
    dialog = _dialog(qtbot, view)
    assert dialog.list.item(0).text() == "No closures: the facility is open."
    assert dialog.first_day.date() == QDate(2026, 11, 22)  # today
    _press(qtbot, Qt.Key.Key_F)
    assert dialog.first_day.hasFocus()
    for _ in range(6):  # back to Monday, a day a key
        _press(qtbot, Qt.Key.Key_Down, NONE)
    assert dialog.first_day.date() == QDate(2026, 11, 16)
    _press(qtbot, Qt.Key.Key_L)
    assert dialog.last_day.hasFocus()
    for _ in range(5):  # to Tuesday
        _press(qtbot, Qt.Key.Key_Down, NONE)
    assert dialog.last_day.date() == QDate(2026, 11, 17)
    _press(qtbot, Qt.Key.Key_R)
    assert dialog.reason.hasFocus()
    qtbot.keyClicks(dialog.reason, "Staff training")
    with qtbot.waitSignal(view.sig_changed, timeout=5_000) as saved:
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert saved.args == [
        "Closed Mon 16 Nov 2026 – Tue 17 Nov 2026: Staff training. Marks set for review: 1."
    ]
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and not dialog.busy, timeout=5_000)
    assert dialog.list.item(0).text() == "Mon 16 Nov 2026 – Tue 17 Nov 2026 — Staff training"
    assert dialog.message.text() == saved.args[0]
    # The calendar: no session on Monday, both days closed with the reason.
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5_000)
    qtbot.waitUntil(lambda: view.closed_note.isVisible(), timeout=5_000)
    assert view.closed_note.text() == "Closed: Mon 16 Nov – Tue 17 Nov (Staff training)"
    assert view.time_grid.closed_text(MONDAY) == "Closed: Staff training"
    assert view.time_grid.closed_text(TUESDAY) == "Closed: Staff training"
    assert view.time_grid.closed_text(date(2026, 11, 18)) is None
    # Stored: the closure (queued for the server), the mark kept and set for review.
    assert desk.services.closures.closed_days(desk.facility_id, MONDAY, TUESDAY) == {
        MONDAY: "Staff training",
        TUESDAY: "Staff training",
    }
    assert _stored(desk, "SELECT op FROM sync_outbox WHERE table_name = 'facility_closures'") == [
        ("I",)
    ]
    assert _stored(
        desk,
        "SELECT date, needs_review FROM program_class_event_attendance WHERE deleted_at IS NULL",
    ) == [("2026-11-16", 1)]

    # The month: the closed days say so, and Monday's cell lists no session.
    assert dialog.reason.hasFocus()  # ready for the next closure
    _press(qtbot, Qt.Key.Key_Escape, NONE)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.mouseClick(view.mode_buttons["month"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.month_grid.closed_text(MONDAY) is not None, timeout=5_000)
    assert view.month_grid.closed_text(MONDAY) == "Closed: Staff training"
    assert view.month_grid.shown_on(MONDAY) == ([], 0)
    assert view.month_grid.shown_on(date(2026, 11, 23)) == (
        ["09:00 Welding I", "13:00 Carpentry"],
        0,
    )


def test_removing_a_closure_gives_the_sessions_back(qtbot: QtBot, desk: Desk) -> None:
    desk.services.closures.add(desk.facility_id, MONDAY, None, "Snow day")
    view = _calendar_closed(qtbot, desk)
    assert view.closed_note.text() == "Closed: Mon 16 Nov (Snow day)"
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5_000)
    dialog = _dialog(qtbot, view)
    assert dialog.list.item(0).text() == "Mon 16 Nov 2026 — Snow day"
    rect = dialog.list.visualItemRect(dialog.list.item(0))
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.remove_button.isEnabled()
    with qtbot.waitSignal(view.sig_changed, timeout=5_000) as saved:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert saved.args == ["Open again: Mon 16 Nov 2026 (Snow day)."]
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5_000)
    assert not view.closed_note.isVisible()
    assert view.time_grid.closed_text(MONDAY) is None
    qtbot.waitUntil(lambda: dialog.list.item(0).text().startswith("No closures"), timeout=5_000)
    assert desk.services.closures.closures(desk.facility_id) == []
    assert _stored(
        desk, "SELECT op FROM sync_outbox WHERE table_name = 'facility_closures' ORDER BY seq"
    ) == [("I",), ("U",)]


def test_a_day_already_closed_is_refused_beside_the_dates(qtbot: QtBot, desk: Desk) -> None:
    desk.services.closures.add(desk.facility_id, date(2026, 11, 20), date(2026, 11, 23), "Break")
    view = _calendar_closed(qtbot, desk)
    dialog = _dialog(qtbot, view)
    _press(qtbot, Qt.Key.Key_R)
    qtbot.keyClicks(dialog.reason, "Thanksgiving")
    _press(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: dialog.form_error.isVisible(), timeout=5_000)
    assert dialog.form_error.text() == "Already closed: Fri 20 Nov 2026 – Mon 23 Nov 2026 (Break)."
    assert dialog.first_day.hasFocus()
    assert len(desk.services.closures.closures(desk.facility_id)) == 1


def test_staff_who_are_not_admins_see_closed_days_but_are_not_offered_closures(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.services.closures.add(desk.facility_id, MONDAY, None, "Holiday")
    services = build_services(desk.engine, Actor("iris", Role.INSTRUCTOR, "ws-2"), DESK_CLOCK)
    with opened_window(qtbot, services) as (win, _runner, _messages):
        qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
        view = win.calendar
        qtbot.waitUntil(lambda: view.closed_note.isVisible(), timeout=5_000)
        assert view.closed_note.text() == "Closed: Mon 16 Nov (Holiday)"
        assert not view.closures_button.isVisible()
        qtbot.keyClick(view, Qt.Key.Key_C, ALT)
        assert view.closures_dialog is None
