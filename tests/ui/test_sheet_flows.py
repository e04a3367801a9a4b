"""The attendance sheet as a person uses it: opened from Today, marked with keys, cells typed
into, all present, undo, scans and refreshes after a sync; each test checks the screen and the
marks stored in the workstation's cache."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import Services, build_services
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.domain.ids import attendance_id
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance_dto import SheetRow
from app.services.changes import ATTENDANCE, SCHEDULE, Changes
from app.ui.models.sheet_table import CHECK_IN, NOTE, REASON, STATUS
from app.ui.views.attendance import AttendanceView
from tests.integration.factories import add_series
from tests.ui.conftest import DESK_CLOCK, PAST_MONDAY, Desk, open_sheet_of

A = AttendanceStatus
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SUNDAY = date(2026, 11, 22)  # the desk's today: 17:00 in New York


def _stored(desk: Desk, series: uuid.UUID, day: date = PAST_MONDAY) -> list[SheetRow]:
    return desk.services.attendance.sheet(series, day).rows


def _statuses(desk: Desk, series: uuid.UUID, day: date = PAST_MONDAY) -> list[A | None]:
    return [row.status for row in _stored(desk, series, day)]


def _kim(desk: Desk) -> Services:
    """Another instructor on another workstation of the same cache."""
    return build_services(desk.engine, Actor("kim_lee", device_id="ws-2"), DESK_CLOCK)


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot: QtBot, keys: str) -> None:
    """Typed as a person types: each key goes to whatever has the focus then."""
    for key in keys:
        qtbot.keyClick(_focused(), key)


def _press(qtbot: QtBot, view: AttendanceView, key: Qt.Key) -> None:
    """A mark key on the sheet, waiting until the mark is saved."""
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, key)


def _go_to(qtbot: QtBot, view: AttendanceView, row: int, column: int = 0) -> None:
    """Ctrl+Home, then arrows: to a row and column of the sheet."""
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home, CTRL)
    for _ in range(row):
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    for _ in range(column):
        qtbot.keyClick(view.table, Qt.Key.Key_Right)
    assert view.table.currentIndex().row() == row
    assert view.table.currentIndex().column() == column


def _shows(view: AttendanceView, series: uuid.UUID, day: date = PAST_MONDAY) -> bool:
    sheet = view.sheet
    return sheet is not None and sheet.series_id == series and sheet.occurrence.original_date == day


# -- 1. "open this session" opens exactly that session ----------------------------------------


def test_enter_on_a_missing_carpentry_row_opens_carpentry_and_marks_its_student(
    qtbot: QtBot, desk: Desk
) -> None:
    win, today, view = desk.win, desk.win.today, desk.win.attendance
    qtbot.waitUntil(lambda: today.missing_model.rowCount() == 4, timeout=10_000)
    wanted = next(
        r
        for r in range(4)
        if today.missing_model.row_at(r).series_id == desk.carpentry_series
        and today.missing_model.row_at(r).original_date == PAST_MONDAY
    )
    shown: list[str] = []
    view.sig_loaded.connect(lambda _n: shown.append(view.sheet.class_name if view.sheet else ""))
    today.missing.setFocus()
    qtbot.keyClick(today.missing, Qt.Key.Key_Home, CTRL)
    for _ in range(wanted):
        qtbot.keyClick(today.missing, Qt.Key.Key_Down)
    qtbot.keyClick(today.missing, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is view
    qtbot.waitUntil(lambda: _shows(view, desk.carpentry_series), timeout=10_000)
    assert "Carpentry" in view.session_box.currentText()
    assert view.model.rowCount() == 10
    assert "Welding I" not in shown  # never a flash of the day's first session

    assert view.table.hasFocus()
    _press(qtbot, view, Qt.Key.Key_P)
    assert _statuses(desk, desk.carpentry_series)[0] is A.PRESENT
    assert set(_statuses(desk, desk.welding_series)) == {None}


def test_opening_another_session_of_the_day_shown_switches_to_it(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    desk.win.open_sheet(desk.carpentry_series, PAST_MONDAY)  # as the calendar does
    qtbot.waitUntil(lambda: _shows(view, desk.carpentry_series), timeout=10_000)
    assert "Carpentry" in view.session_box.currentText()
    _press(qtbot, view, Qt.Key.Key_L)
    assert _statuses(desk, desk.carpentry_series)[0] is A.LATE
    assert set(_statuses(desk, desk.welding_series)) == {None}


# -- 2. all present -----------------------------------------------------------------------------


def test_all_present_armed_on_one_session_does_not_fire_on_another(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    assert "again" in view.message.text()
    view.session_box.setFocus()
    qtbot.keyClick(view.session_box, Qt.Key.Key_Down)  # the next session: Carpentry
    qtbot.waitUntil(lambda: _shows(view, desk.carpentry_series), timeout=10_000)
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    assert "again" in view.message.text()  # armed afresh, not confirmed
    desk.runner.wait_idle()
    qtbot.wait(50)
    assert set(_statuses(desk, desk.carpentry_series)) == {None}
    assert set(_statuses(desk, desk.welding_series)) == {None}


def test_any_other_key_disarms_all_present(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    view.table.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert "again" not in view.message.text()
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    assert "again" in view.message.text()
    desk.runner.wait_idle()
    assert set(_statuses(desk, desk.welding_series)) == {None}
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    assert set(_statuses(desk, desk.welding_series)) == {A.PRESENT}
    assert "30 of 30 marked" in view.summary.text()


def test_all_present_expires_after_a_few_seconds_and_on_leaving_the_screen(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    assert view.all_present.timer.isActive()
    assert 1_000 <= view.all_present.timer.interval() <= 10_000
    with qtbot.waitSignal(view.all_present.sig_disarmed, timeout=2_000):
        view.all_present.timer.setInterval(10)  # the seconds pass
    assert "not confirmed in time" in view.message.text()
    view.all_present.timer.setInterval(5_000)
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    assert "again" in view.message.text()
    view.hide()  # another screen takes the place (as Ctrl+1 does)
    view.show()
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    desk.runner.wait_idle()
    qtbot.wait(50)
    assert set(_statuses(desk, desk.welding_series)) == {None}
    assert "again" in view.message.text()


def test_all_present_is_one_undo_step(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    view.table.setFocus()
    _press(qtbot, view, Qt.Key.Key_L)
    _press(qtbot, view, Qt.Key.Key_A)
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    assert _statuses(desk, desk.welding_series) == [A.LATE, A.ABSENT_UNEXCUSED] + [A.PRESENT] * 28
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "2 of 30 marked" in view.summary.text(), timeout=10_000)
    assert _statuses(desk, desk.welding_series) == [A.LATE, A.ABSENT_UNEXCUSED] + [None] * 28
    assert [view.model.index(r, STATUS).data() for r in range(3)] == ["◔ Late", "✗ Absent", "—"]


# -- 3. undo ------------------------------------------------------------------------------------


def test_undo_writes_back_the_whole_mark_and_selects_its_row(qtbot: QtBot, desk: Desk) -> None:
    student = desk.students[3]
    before = _kim(desk).attendance.mark(
        desk.welding_series,
        PAST_MONDAY,
        student,
        A.LATE,
        note="Bus broke down",
        check_in_at=datetime(2026, 11, 16, 14, 10, tzinfo=UTC),
        check_out_at=datetime(2026, 11, 16, 15, 0, tzinfo=UTC),
    )
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    _go_to(qtbot, view, 3)
    _press(qtbot, view, Qt.Key.Key_A)
    after = _stored(desk, desk.welding_series)[3]
    assert after.status is A.ABSENT_UNEXCUSED and after.marked_by == "desk_test"
    assert view.current_row() == 4
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert _stored(desk, desk.welding_series)[3] == before
    assert before.marked_by == "kim_lee" and before.minutes == 50
    assert view.current_row() == 3
    assert view.model.index(3, STATUS).data() == "◔ Late"
    assert view.model.index(3, NOTE).data() == "Bus broke down"
    with desk.engine.connect() as conn:
        mark = attendance_id(desk.welding_series, student, PAST_MONDAY).hex
        audited = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE replace(row_id, '-', '') = :id"),
            {"id": mark},
        ).scalar_one()
        pushed = conn.execute(
            text("SELECT count(*) FROM sync_outbox WHERE replace(row_id, '-', '') = :id"),
            {"id": mark},
        ).scalar_one()
    assert audited == 3  # Kim's mark, the A, the undo
    assert pushed >= 1


def test_undo_survives_a_reload_of_the_sheet(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    view.table.setFocus()
    _press(qtbot, view, Qt.Key.Key_P)
    _press(qtbot, view, Qt.Key.Key_E)
    view.session_box.setFocus()
    qtbot.keyClick(view.session_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: _shows(view, desk.carpentry_series), timeout=10_000)
    qtbot.keyClick(view.session_box, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: _shows(view, desk.welding_series), timeout=10_000)
    view.table.setFocus()
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert _statuses(desk, desk.welding_series)[:3] == [A.PRESENT, None, None]
    assert view.current_row() == 1
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert set(_statuses(desk, desk.welding_series)) == {None}
    assert view.current_row() == 0


# -- 4. typing never re-marks -------------------------------------------------------------------


def test_typing_late_into_a_reason_cell_saves_that_reason_and_marks_nobody(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    view.table.setFocus()
    _press(qtbot, view, Qt.Key.Key_A)
    _go_to(qtbot, view, 0, REASON)
    with qtbot.waitSignal(view.sig_marked, timeout=10_000) as saved:
        _type(qtbot, "late")
        assert view.table.state() == view.table.State.EditingState
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert saved.args[0].absence_reason == "late"
    rows = _stored(desk, desk.welding_series)
    assert rows[0].status is A.ABSENT_UNEXCUSED and rows[0].absence_reason == "late"
    assert [row.status for row in rows[1:]] == [None] * 29
    assert view.model.index(0, REASON).data() == "late"
    assert "1 of 30 marked" in view.summary.text()


def test_f2_on_a_note_types_a_note_and_the_mark_keys_wait_for_the_editor(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    view.table.setFocus()
    _press(qtbot, view, Qt.Key.Key_P)
    _go_to(qtbot, view, 0, NOTE)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        _type(qtbot, "Left at ten")
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    rows = _stored(desk, desk.welding_series)
    assert rows[0].status is A.PRESENT and rows[0].note == "Left at ten"
    assert [row.status for row in rows[1:]] == [None] * 29
    # On a row without a mark a note cannot be typed, and the letters mark nobody either.
    _go_to(qtbot, view, 1, NOTE)
    with qtbot.waitSignal(view.sig_refused, timeout=5_000):
        qtbot.keyClick(view.table, Qt.Key.Key_P)
    assert "Mark the student first" in view.message.text()
    desk.runner.wait_idle()
    assert [row.status for row in _stored(desk, desk.welding_series)[1:]] == [None] * 29


def test_a_check_in_typed_in_its_time_editor_is_the_facility_s_time(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    view.table.setFocus()
    _press(qtbot, view, Qt.Key.Key_L)
    _go_to(qtbot, view, 0, CHECK_IN)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        _type(qtbot, "0910")
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    row = _stored(desk, desk.welding_series)[0]
    assert row.status is A.LATE
    assert row.check_in_at == datetime(2026, 11, 16, 14, 10, tzinfo=UTC)  # 09:10 in New York
    assert view.model.index(0, CHECK_IN).data() == "09:10"


# -- 5. re-marking keeps what was not changed ---------------------------------------------------


def test_p_on_a_student_with_times_keeps_the_times_and_minutes(qtbot: QtBot, desk: Desk) -> None:
    _kim(desk).attendance.mark(
        desk.welding_series,
        PAST_MONDAY,
        desk.students[2],
        A.LATE,
        note="Signed in at the gate",
        check_in_at=datetime(2026, 11, 16, 14, 20, tzinfo=UTC),
        check_out_at=datetime(2026, 11, 16, 15, 0, tzinfo=UTC),
    )
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    _go_to(qtbot, view, 2)
    _press(qtbot, view, Qt.Key.Key_P)
    row = _stored(desk, desk.welding_series)[2]
    assert row.status is A.PRESENT and row.note == "Signed in at the gate"
    assert row.check_in_at == datetime(2026, 11, 16, 14, 20, tzinfo=UTC)
    assert row.check_out_at == datetime(2026, 11, 16, 15, 0, tzinfo=UTC)
    assert row.minutes == 40
    assert view.model.index(2, CHECK_IN).data() == "09:20"


def test_a_partial_mark_asks_for_its_minutes(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_T)
    dialog = view.minutes_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: _focused() is dialog.minutes, timeout=5_000)
    qtbot.keyClick(_focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.minutes_dialog is None, timeout=5_000)
    qtbot.waitUntil(view.table.hasFocus, timeout=5_000)  # back on the sheet
    assert "needs the minutes" in view.message.text()
    desk.runner.wait_idle()
    assert set(_statuses(desk, desk.welding_series)) == {None}

    qtbot.keyClick(view.table, Qt.Key.Key_T)
    again = view.minutes_dialog
    assert again is not None
    qtbot.waitUntil(lambda: _focused() is again.minutes, timeout=5_000)
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        _type(qtbot, "45")
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    row = _stored(desk, desk.welding_series)[0]
    assert row.status is A.PARTIAL and row.minutes == 45
    assert view.model.index(0, STATUS).data() == "◑ Partial"
    assert view.current_row() == 1


def test_a_card_scanned_into_a_past_session_is_refused_with_why(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    view.scan.setFocus()
    with qtbot.waitSignal(view.sig_refused, timeout=5_000) as refused:
        qtbot.keyClicks(view.scan, "STU-2026-0003")
        qtbot.keyClick(view.scan, Qt.Key.Key_Return)
    assert "Mon 16 Nov" in refused.args[0] and "time" in refused.args[0]
    desk.runner.wait_idle()
    assert set(_statuses(desk, desk.welding_series)) == {None}


def test_a_scan_today_checks_in_and_keeps_the_status_and_note(qtbot: QtBot, desk: Desk) -> None:
    uow = UnitOfWorkFactory(desk.engine, Actor("desk_test", device_id="ws-1"))
    with uow() as u:  # a one-off Sunday session today, 15:00–17:00 New York
        series = add_series(
            u,
            desk.facility_id,
            desk.carpentry,
            datetime(2026, 11, 22, 15, 0),
            rrule=None,
            duration_minutes=120,
        )
        u.commit()
    _kim(desk).attendance.mark(series, SUNDAY, desk.students[1], A.LATE, note="Came by bus")
    # Written elsewhere (the calendar, a sync): the sheet of today hears of it.
    desk.win.changes.publish(Changes.of(*SCHEDULE, facility_id=desk.facility_id, source="calendar"))
    view = open_sheet_of(qtbot, desk, SUNDAY, series)
    view.scan.setFocus()
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClicks(view.scan, "STU-2026-0001")
        qtbot.keyClick(view.scan, Qt.Key.Key_Return)
    row = _stored(desk, series, SUNDAY)[1]
    assert row.status is A.LATE and row.note == "Came by bus"
    assert row.check_in_at == DESK_CLOCK.now() and row.check_out_at is None
    assert view.model.index(1, CHECK_IN).data() == "17:00"
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):  # the second scan checks out
        qtbot.keyClicks(view.scan, "stu-2026-0001")
        qtbot.keyClick(view.scan, Qt.Key.Key_Return)
    row = _stored(desk, series, SUNDAY)[1]
    assert row.status is A.LATE and row.check_out_at == DESK_CLOCK.now() and row.minutes == 0
    with qtbot.waitSignal(view.sig_refused, timeout=5_000) as third:
        qtbot.keyClicks(view.scan, "STU-2026-0001")
        qtbot.keyClick(view.scan, Qt.Key.Key_Return)
    assert "already checked out at 17:00" in third.args[0]


# -- 10. the sheet publishes its writes and follows those of others -----------------------------


def test_each_saved_mark_and_undo_is_published_for_other_screens(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    published: list[Changes] = []
    desk.win.changes.sig_changed.connect(published.append)
    view.table.setFocus()
    _press(qtbot, view, Qt.Key.Key_P)
    mark = attendance_id(desk.welding_series, desk.students[0], PAST_MONDAY)
    assert published == [
        Changes.of(ATTENDANCE, facility_id=desk.facility_id, ids=[mark], source="sheet")
    ]
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert len(published) == 2 and published[1].ids == frozenset({mark})
    assert published[1].touches(ATTENDANCE, facility_id=desk.facility_id)


def test_a_sync_pull_refreshes_the_sheet_keeping_the_row_and_the_undo(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    _go_to(qtbot, view, 3)
    _press(qtbot, view, Qt.Key.Key_P)
    assert view.current_row() == 4
    _kim(desk).attendance.mark(
        desk.welding_series, PAST_MONDAY, desk.students[7], A.ABSENT_EXCUSED, absence_reason="Court"
    )
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        desk.win.changes.publish(
            Changes.of(ATTENDANCE, facility_id=desk.facility_id, source="sync")
        )
    assert view.model.index(7, STATUS).data() == "E Excused"
    assert view.model.index(7, REASON).data() == "Court"
    assert view.current_row() == 4
    assert "2 of 30 marked" in view.summary.text()
    view.table.setFocus()
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    statuses = _statuses(desk, desk.welding_series)
    assert statuses[3] is None and statuses[7] is A.ABSENT_EXCUSED


# -- and what a person sees ---------------------------------------------------------------------


def test_the_sheet_s_widgets_are_named_and_late_and_partial_look_different(
    qtbot: QtBot, desk: Desk
) -> None:
    kim = _kim(desk)
    kim.attendance.mark(desk.welding_series, PAST_MONDAY, desk.students[0], A.LATE)
    kim.attendance.mark(desk.welding_series, PAST_MONDAY, desk.students[1], A.PARTIAL, minutes=20)
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    for widget in (
        view.day,
        view.session_box,
        view.scan,
        view.table,
        view.blank_button,
        view.pdf_button,
        view.csv_button,
        view.xlsx_button,
    ):
        assert widget.accessibleName(), widget
    assert [view.model.index(r, STATUS).data() for r in (0, 1)] == ["◔ Late", "◑ Partial"]
    late = view.model.index(0, STATUS).data(Qt.ItemDataRole.BackgroundRole)
    partial = view.model.index(1, STATUS).data(Qt.ItemDataRole.BackgroundRole)
    assert late is not None and partial is not None and late != partial
    view.day.setDate(QDate(2026, 11, 15))  # a Sunday without sessions: nothing to mark
    qtbot.waitUntil(lambda: "No sessions" in view.message.text(), timeout=10_000)
    assert view.sheet is None and view.model.rowCount() == 0
