"""The session calendar from the keyboard: periods, a clash shown before saving, a session
moved and one cancelled with a reason."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.ui.calendar.layout import period
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from app.ui.views.calendar import CalendarView
from tests.integration.factories import (
    add_class,
    add_facility,
    add_program,
    add_room,
    add_series,
    occurrence_of,
)

ALT = Qt.KeyboardModifier.AltModifier
MONDAY = date(2026, 11, 23)

# Every screen's "now": a Sunday evening in November 2026, whatever day the tests run.
CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, Services, Engine]]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("calendar_test", device_id="ws-1")
    with UnitOfWorkFactory(engine, actor)() as u:
        facility = add_facility(u, "North Academy")
        program = add_program(u, "Welding")
        room = add_room(u, facility, "Room 101")
        add_room(u, facility, "Lab B")
        u.flush()
        welding = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        math = add_class(u, facility, program, "Maths", start_date=date(2026, 1, 5))
        u.flush()
        add_series(u, facility, welding, datetime(2026, 1, 5, 9, 0), room_id=room)
        add_series(u, facility, math, datetime(2026, 1, 7, 14, 0), room_id=room)  # Wednesdays
        u.commit()
    services = build_services(engine, actor, CLOCK)
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    win = MainWindow(runner, messages)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.set_workstation(
            Workstation(services, None, tuple(services.facilities.list_facilities()), "Test")
        )
        win.show()
        win.activateWindow()
    yield win, services, engine
    runner.wait_idle()
    engine.dispose()


def _show_week(qtbot: QtBot, win: MainWindow) -> CalendarView:
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = win.calendar
    assert win.stack.currentWidget() is view
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        view.anchor.setDate(QDate(MONDAY.year, MONDAY.month, MONDAY.day))
    return view


def test_periods() -> None:
    assert period("day", MONDAY) == (MONDAY, MONDAY)
    assert period("week", date(2026, 11, 26)) == (MONDAY, date(2026, 11, 29))
    assert period("month", date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_move_a_session_a_clash_first_then_cancel_one(
    qtbot: QtBot,
    desk: tuple[MainWindow, Services, Engine],
    qtmodeltester: ModelTester,
) -> None:
    win, _services, engine = desk
    view = _show_week(qtbot, win)
    assert view.model.rowCount() == 2  # Monday welding, Wednesday maths
    qtmodeltester.check(view.model)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000) as month:
        qtbot.keyClick(view, Qt.Key.Key_M, ALT)
    assert month.args[0] == 9  # November 2026: five Mondays (2, 9, …, 30), four Wednesdays
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_W, ALT)

    # Move Monday's welding onto Wednesday 14:00, where maths already has Room 101.
    view.table.selectRow(0)
    view.move_to.setDateTime(QDateTime(QDate(2026, 11, 25), QTime(14, 30)))
    with qtbot.waitSignal(view.sig_refused, timeout=5_000) as clash:
        qtbot.keyClick(view, Qt.Key.Key_R, ALT)
    assert "Maths" in clash.args[0]
    qtbot.keyClicks(view.reason, "boiler repair")
    view.allow_clash.setChecked(True)
    with qtbot.waitSignal(view.sig_changed, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_R, ALT)
    moved = occurrence_of(engine, view.model.row_at(0).series_id, MONDAY)
    assert moved.rescheduled and moved.start_local.hour == 14 and moved.start_local.day == 25
    assert moved.reason == "boiler repair"

    # Cancelling needs a reason.
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5_000)
    maths = next(
        r for r in range(view.model.rowCount()) if view.model.row_at(r).class_name == "Maths"
    )
    view.table.selectRow(maths)
    maths_series = view.model.row_at(maths).series_id
    with qtbot.waitSignal(view.sig_refused, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    qtbot.keyClicks(view.reason, "teacher ill")
    with qtbot.waitSignal(view.sig_changed, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    cancelled = occurrence_of(engine, maths_series, date(2026, 11, 25))
    assert cancelled.cancelled and cancelled.reason == "teacher ill"


def test_the_period_exports_as_icalendar(
    qtbot: QtBot, desk: tuple[MainWindow, Services, Engine], tmp_path: Path
) -> None:
    import icalendar

    win, _services, _engine = desk
    view = _show_week(qtbot, win)
    with qtbot.waitSignal(view.sig_exported, timeout=5_000):
        view.export_ical(tmp_path / "week.ics")
    cal = icalendar.Calendar.from_ical((tmp_path / "week.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert sorted(str(e["summary"]) for e in events) == ["Maths", "Welding I"]
    welding = next(e for e in events if str(e["summary"]) == "Welding I")
    start = welding.decoded("dtstart")
    assert start.isoformat() == "2026-11-23T14:00:00+00:00"  # 09:00 in New York
    assert str(welding["location"]) == "Room 101"
    assert len({str(e["uid"]) for e in events}) == 2
