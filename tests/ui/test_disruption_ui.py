"""Disruption from the calendar (issue 18, part 2): an admin picks a session, opens Disruption…
(Alt+U), stretches the window over the afternoon with the keyboard, types a reason and declares
it; the calendar shows both Monday sessions cancelled with the reason, the mark already taken is
kept and set for review, the disruption waits in the outbox; lifting it brings the sessions back.
Rooms ticked limit it; a blank reason is refused beside the form; staff who are not admins are
not offered it."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import build_services
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, Role
from app.services.changes import Changes
from app.services.disruptions import DISRUPTIONS
from app.ui.dialogs.disruption import DisruptionDialog
from app.ui.dialogs.student_record import MARKS
from app.ui.views.calendar import CalendarView
from tests.ui.conftest import DESK_CLOCK, Desk, opened_window
from tests.ui.test_record_flows import open_record

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
MONDAY = date(2026, 11, 16)  # the week shown first: today is Sunday 22 November


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


def _dialog(qtbot: QtBot, view: CalendarView) -> DisruptionDialog:
    _press(qtbot, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: view.disruption_dialog is not None, timeout=5_000)
    dialog = view.disruption_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
    return dialog


def _stored(desk: Desk, sql: str) -> list[tuple[object, ...]]:
    with desk.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql)).all()]


def _at(hour: int, minute: int) -> QDateTime:
    """Monday 16 November at that time, as a date-time field holds it."""
    return QDateTime(QDate(2026, 11, 16), QTime(hour, minute))


def _notes(view: CalendarView) -> list[str]:
    return [view.model.index(r, 4).data() for r in range(view.model.rowCount())]


def test_an_admin_declares_a_disruption_and_lifts_it_from_the_calendar(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.services.attendance.mark(
        desk.welding_series, MONDAY, desk.students[0], AttendanceStatus.PRESENT
    )
    view = _calendar(qtbot, desk)
    assert view.disruption_button.isVisible()
    assert view.disruption_button.accessibleName() == (
        "Disruption: cancel the sessions of a lockdown, a count, a storm"
    )
    view.time_grid.setFocus()
    qtbot.keyClick(view.time_grid, Qt.Key.Key_Home)  # Monday 09:00, Welding I
    selected = view.selected()
    assert selected is not None and selected.class_name == "Welding I"
    dialog = _dialog(qtbot, view)
    assert dialog.list.item(0).text() == "No disruptions: every session is held."
    assert dialog.starts.dateTime() == _at(9, 0)
    assert dialog.ends.dateTime() == _at(10, 0)
    assert [dialog.rooms.item(i).text() for i in range(dialog.rooms.count())] == [
        "Shop 2",
        "Workshop",
    ]
    _press(qtbot, Qt.Key.Key_T)  # until: the day's name first, then the hour, four sections on
    assert dialog.ends.hasFocus()
    for _ in range(4):
        _press(qtbot, Qt.Key.Key_Tab, NONE)
    for _ in range(4):
        _press(qtbot, Qt.Key.Key_Up, NONE)
    assert dialog.ends.dateTime() == _at(14, 0)
    _press(qtbot, Qt.Key.Key_R)
    assert dialog.reason.hasFocus()
    qtbot.keyClicks(dialog.reason, "Lockdown")
    with qtbot.waitSignal(view.sig_changed, timeout=5_000) as saved:
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert saved.args == [
        "Disruption declared: Mon 16 Nov 2026 09:00 – 14:00, Lockdown. Sessions cancelled: 2."
        " Marks set for review: 1."
    ]
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and not dialog.busy, timeout=5_000)
    assert dialog.list.item(0).text() == "Mon 16 Nov 2026 09:00 – 14:00 — Lockdown, every session"
    # The calendar: both of Monday's sessions cancelled, with the reason.
    qtbot.waitUntil(lambda: _notes(view) == ["Not held (disruption): Lockdown"] * 2, timeout=5_000)
    assert all(view.model.row_at(r).cancelled for r in range(2))
    # Stored: the disruption (queued for the server), the mark kept and set for review.
    assert [d.reason for d in desk.services.disruptions.disruptions(desk.facility_id)] == [
        "Lockdown"
    ]
    assert _stored(
        desk, "SELECT op FROM sync_outbox WHERE table_name = 'facility_disruptions'"
    ) == [("I",)]
    assert _stored(
        desk,
        "SELECT date, needs_review FROM program_class_event_attendance WHERE deleted_at IS NULL",
    ) == [("2026-11-16", 1)]

    # Lift it: the list's row, Delete.
    rect = dialog.list.visualItemRect(dialog.list.item(0))
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.lift_button.isEnabled()
    with qtbot.waitSignal(view.sig_changed, timeout=5_000) as lifted:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert lifted.args == [
        "Lifted: Mon 16 Nov 2026 09:00 – 14:00 (Lockdown). Its sessions are held again."
    ]
    qtbot.waitUntil(lambda: _notes(view) == ["", ""], timeout=5_000)
    assert not any(view.model.row_at(r).cancelled for r in range(2))
    qtbot.waitUntil(lambda: dialog.list.item(0).text().endswith("(lifted)"), timeout=5_000)
    assert not dialog.lift_button.isEnabled()
    assert _stored(
        desk, "SELECT op FROM sync_outbox WHERE table_name = 'facility_disruptions' ORDER BY seq"
    ) == [("I",), ("U",)]
    assert _stored(
        desk, "SELECT needs_review FROM program_class_event_attendance WHERE deleted_at IS NULL"
    ) == [(1,)]  # a person decides it


def test_a_room_ticked_limits_the_disruption_to_its_sessions(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk)
    view.time_grid.setFocus()
    qtbot.keyClick(view.time_grid, Qt.Key.Key_Home)
    dialog = _dialog(qtbot, view)
    _press(qtbot, Qt.Key.Key_T)
    for _ in range(4):
        _press(qtbot, Qt.Key.Key_Tab, NONE)
    for _ in range(8):  # until 18:00
        _press(qtbot, Qt.Key.Key_Up, NONE)
    _press(qtbot, Qt.Key.Key_O)
    assert dialog.rooms.hasFocus()
    _press(qtbot, Qt.Key.Key_Home, NONE)
    assert dialog.rooms.currentRow() == 0
    _press(qtbot, Qt.Key.Key_Space, NONE)  # Shop 2
    assert dialog.rooms.item(0).checkState() == Qt.CheckState.Checked
    _press(qtbot, Qt.Key.Key_R)
    qtbot.keyClicks(dialog.reason, "Flooded")
    with qtbot.waitSignal(view.sig_changed, timeout=5_000) as saved:
        _press(qtbot, Qt.Key.Key_D)
    assert "Sessions cancelled: 1." in saved.args[0]
    qtbot.waitUntil(lambda: _notes(view) == ["", "Not held (disruption): Flooded"], timeout=5_000)
    assert [view.model.row_at(r).class_name for r in range(2)] == ["Welding I", "Carpentry"]
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and not dialog.busy, timeout=5_000)
    assert dialog.list.item(0).text().endswith("Flooded, rooms Shop 2")
    # The disrupted session says why on its block; it is lifted, not restored.
    _press(qtbot, Qt.Key.Key_Escape, NONE)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    desk.win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.win, timeout=5_000)
    view.time_grid.setFocus()
    qtbot.keyClick(view.time_grid, Qt.Key.Key_Home)
    qtbot.keyClick(view.time_grid, Qt.Key.Key_Down)  # Carpentry, 13:00
    chosen = view.selected()
    assert chosen is not None and chosen.class_name == "Carpentry"
    assert view.time_grid.markers(chosen) == ["Not held: Flooded"]
    assert not view.restore_button.isEnabled()
    _press(qtbot, Qt.Key.Key_E)
    assert view.message.text() == (
        "Not held because of a disruption (Flooded): lift it in Disruption… (Alt+U)."
    )


def test_a_blank_reason_is_refused_beside_the_form(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk)
    dialog = _dialog(qtbot, view)
    _press(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: dialog.form_error.isVisible(), timeout=5_000)
    assert "reason" in dialog.form_error.text()
    assert dialog.reason.hasFocus()
    assert desk.services.disruptions.disruptions(desk.facility_id) == []


def test_staff_who_are_not_admins_see_disrupted_sessions_but_are_not_offered_disruption(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.services.disruptions.declare(
        desk.facility_id, datetime(2026, 11, 16, 8, 0), datetime(2026, 11, 16, 12, 0), "Count"
    )
    services = build_services(desk.engine, Actor("iris", Role.INSTRUCTOR, "ws-2"), DESK_CLOCK)
    with opened_window(qtbot, services) as (win, _runner, _messages):
        qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
        view = win.calendar
        qtbot.waitUntil(lambda: _notes(view) == ["Not held (disruption): Count", ""], timeout=5_000)
        assert not view.disruption_button.isVisible()
        qtbot.keyClick(view, Qt.Key.Key_U, ALT)
        assert view.disruption_dialog is None


def test_the_student_record_and_today_say_why_a_disrupted_session_was_not_held(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.services.attendance.mark(
        desk.welding_series, MONDAY, desk.students[0], AttendanceStatus.PRESENT
    )
    fid = desk.facility_id
    desk.services.disruptions.declare(
        fid, datetime(2026, 11, 16, 8, 0), datetime(2026, 11, 16, 10, 0), "Lockdown"
    )
    desk.services.disruptions.declare(
        fid, datetime(2026, 11, 23, 12, 0), datetime(2026, 11, 23, 17, 0), "Storm"
    )
    # Today (Ctrl+1): next Monday's Carpentry at 13:00 is not held, and says why (the
    # disruptions came as a sync brings them).
    qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)
    today = desk.win.today
    desk.win.changes.publish(Changes.of(DISRUPTIONS, facility_id=fid, source="sync"))
    qtbot.waitUntil(
        lambda: today.model.rowCount() == 2 and bool(today.model.index(1, 4).data()),
        timeout=5_000,
    )
    rows = [[today.model.index(r, c).data() for c in (1, 4)] for r in range(today.model.rowCount())]
    assert rows == [["Welding I", ""], ["Carpentry", "Not held (disruption): Storm"]]
    # The record: the mark kept, set for review, with the reason its session was not held.
    dialog = open_record(qtbot, desk, "Last00")
    model = dialog.models[MARKS]
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5_000)
    assert [model.index(0, c).data() for c in (0, 1, 4)] == [
        "Mon 16 Nov 09:00",
        "Welding I",
        "Set for review · Not held (disruption): Lockdown",
    ]
