"""Today as staff meet it after working elsewhere on the desk: marks taken on the sheet and a
session cancelled on the calendar show on Today without a manual refresh, and empty lists say
what is empty and why."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.actor import Actor
from app.repositories.uow import UnitOfWorkFactory
from app.services.changes import ATTENDANCE, Changes
from app.ui.main_window import Workstation
from app.ui.views.today import TodayView
from tests.integration.factories import add_facility, occurrence_of
from tests.ui.conftest import PAST_MONDAY, TZ, Desk, open_sheet_of

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _today(qtbot: QtBot, desk: Desk) -> TodayView:
    """Ctrl+1, once every list of Today has arrived."""
    qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)
    today = desk.win.today
    assert desk.win.stack.currentWidget() is today
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    return today


def _missing(today: TodayView) -> list[tuple[str, date, str]]:
    model = today.missing_model
    return [
        (model.index(r, 1).data(), model.row_at(r).original_date, model.index(r, 3).data())
        for r in range(model.rowCount())
    ]


def _at_risk(today: TodayView) -> list[tuple[str, str]]:
    model = today.risk_model
    return [(model.index(r, 0).data(), model.index(r, 2).data()) for r in range(model.rowCount())]


def _mark_everyone_with_keys(qtbot: QtBot, desk: Desk, series: object, day: date) -> int:
    view = open_sheet_of(qtbot, desk, day, series)  # type: ignore[arg-type]
    view.table.setFocus()
    view.table.selectRow(0)
    rows = view.model.rowCount()
    for _ in range(rows):
        with qtbot.waitSignal(view.sig_marked, timeout=10_000):
            qtbot.keyClick(view.table, Qt.Key.Key_P)
    return rows


def test_marking_the_whole_carpentry_sheet_clears_it_from_missing(qtbot: QtBot, desk: Desk) -> None:
    today = _today(qtbot, desk)
    assert ("Carpentry", PAST_MONDAY, "0 of 10") in _missing(today)
    assert _mark_everyone_with_keys(qtbot, desk, desk.carpentry_series, PAST_MONDAY) == 10
    qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)  # no refresh asked for
    assert desk.win.stack.currentWidget() is today
    qtbot.waitUntil(
        lambda: ("Carpentry", PAST_MONDAY, "0 of 10") not in _missing(today), timeout=10_000
    )
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    assert [(name, day) for name, day, _n in _missing(today) if day == PAST_MONDAY] == [
        ("Welding I", PAST_MONDAY)
    ]
    stored = desk.services.attendance.missing_attendance(
        desk.facility_id, date(2026, 11, 8), date(2026, 11, 22)
    )
    assert ("Carpentry", PAST_MONDAY) not in [(m.class_name, m.original_date) for m in stored]


def test_one_mark_on_the_sheet_updates_missing_and_at_risk(qtbot: QtBot, desk: Desk) -> None:
    today = _today(qtbot, desk)
    assert [name for name, klass in _at_risk(today) if klass == "Carpentry"] == []
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.carpentry_series)
    view.table.setFocus()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_P)
    qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(
        lambda: ("Carpentry", PAST_MONDAY, "1 of 10") in _missing(today), timeout=10_000
    )
    # Attendance was taken: the nine others in Carpentry have now missed a session.
    qtbot.waitUntil(
        lambda: len([1 for _n, klass in _at_risk(today) if klass == "Carpentry"]) == 9,
        timeout=10_000,
    )
    assert ("Last00, First00", "Carpentry") not in _at_risk(today)
    assert ("Last01, First01", "Carpentry") in _at_risk(today)


def test_a_session_cancelled_on_the_calendar_leaves_the_missing_list(
    qtbot: QtBot, desk: Desk
) -> None:
    today = _today(qtbot, desk)
    assert ("Carpentry", PAST_MONDAY, "0 of 10") in _missing(today)
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    calendar = desk.win.calendar
    with qtbot.waitSignal(calendar.sig_loaded, timeout=10_000):
        calendar.anchor.setDate(QDate(2026, 11, 16))
    row = next(
        r
        for r in range(calendar.model.rowCount())
        if calendar.model.row_at(r).class_name == "Carpentry"
        and calendar.model.row_at(r).original_date == PAST_MONDAY
    )
    calendar.table.setFocus()
    calendar.table.selectRow(row)
    calendar.reason.setFocus()
    qtbot.keyClicks(calendar.reason, "no wood delivered")
    with qtbot.waitSignal(calendar.sig_loaded, timeout=10_000):
        qtbot.keyClick(calendar, Qt.Key.Key_X, ALT)
    with qtbot.waitSignal(today.sig_missing_loaded, timeout=10_000):
        qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)  # no refresh asked for
    assert ("Carpentry", PAST_MONDAY) not in [(n, d) for n, d, _m in _missing(today)]
    assert ("Welding I", PAST_MONDAY, "0 of 30") in _missing(today)
    assert occurrence_of(desk.engine, desk.carpentry_series, PAST_MONDAY).cancelled


def test_marks_in_another_facility_do_not_reload_today(qtbot: QtBot, desk: Desk) -> None:
    today = _today(qtbot, desk)
    loads: list[int] = []
    today.sig_missing_loaded.connect(loads.append)
    desk.win.changes.publish(Changes.of(ATTENDANCE, facility_id=uuid.uuid4(), source="sheet"))
    with qtbot.waitSignal(today.sig_missing_loaded, timeout=10_000):
        desk.win.changes.publish(
            Changes.of(ATTENDANCE, facility_id=desk.facility_id, source="sheet")
        )
    assert len(loads) == 1


def test_an_empty_facility_says_what_is_empty_and_why(qtbot: QtBot, desk: Desk) -> None:
    with UnitOfWorkFactory(desk.engine, Actor("desk_test", device_id="ws-1"))() as u:
        add_facility(u, "South Annex", TZ)
        u.commit()
    facilities = tuple(desk.services.facilities.list_facilities())
    desk.win.set_workstation(Workstation(desk.services, None, facilities, "Test workstation"))
    today = _today(qtbot, desk)
    box = desk.win.facility_box
    south = next(i for i in range(box.count()) if box.itemText(i).startswith("South Annex"))
    box.setFocus()
    box.setCurrentIndex(south)
    qtbot.waitUntil(lambda: not desk.runner.busy and today.model.rowCount() == 0, timeout=10_000)
    assert today.missing_model.rowCount() == 0 and today.risk_model.rowCount() == 0
    assert today.sessions_note.text() == (
        "No sessions from today to Sat 28 Nov: no class of South Annex meets then."
    )
    assert today.missing_heading.text().endswith(
        "Nothing is missing: every session that ended in the last 14 days is fully marked."
    )
    assert today.risk_note.text() == (
        "No students at risk in the facility: nobody has 3 unexcused absences or 3 in a row, "
        "and everyone enrolled has attended."
    )
    assert "North Academy" not in today.heading.text()


def test_every_today_control_has_an_accessible_name(
    qtbot: QtBot,
    desk: Desk,
    qtmodeltester: ModelTester,
) -> None:
    today = _today(qtbot, desk)
    for model in (today.model, today.missing_model, today.risk_model):
        qtmodeltester.check(model)
    unnamed = [
        type(w).__name__
        for w in today.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(today)
        and not w.accessibleName()
        and type(w).__name__ != "QTableCornerButton"
    ]
    assert unnamed == []
