"""The desk as a person meets it: a main window over a small workstation cache.

``desk`` is one facility (North Academy, New York) on a Sunday evening in November 2026, two
classes that meet every Monday (Welding I at 09:00 with 30 students, Carpentry at 13:00 with
the first 10), so a day has two sessions and "open this session" can open the wrong one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from app.ui.views.attendance import AttendanceView
from tests.integration.factories import (
    add_class,
    add_facility,
    add_person,
    add_program,
    add_room,
    add_series,
    enrol_all,
)

# Every screen's "now": a Sunday evening in November 2026, whatever day the tests run.
DESK_CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))
PAST_MONDAY = date(2026, 11, 16)  # both classes met; nothing is marked yet
TZ = "America/New_York"


# Fixtures that open a main window: a test that takes one is a flow test (``pytest -m flow``).
WINDOW_FIXTURES = frozenset({"desk", "window"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the flow tier: every UI test that drives a main window."""
    for item in items:
        if WINDOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.flow)


@dataclass
class Desk:
    win: MainWindow
    services: Services
    engine: Engine
    runner: TaskRunner
    messages: MessageBridge
    facility_id: uuid.UUID
    welding: uuid.UUID  # class, 30 students, Mondays 09:00 in Workshop
    carpentry: uuid.UUID  # class, the first 10 students, Mondays 13:00 in Shop 2
    welding_series: uuid.UUID
    carpentry_series: uuid.UUID
    students: list[uuid.UUID]  # sorted as the sheet sorts them (Last00 … Last29)


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path) -> Iterator[Desk]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("desk_test", device_id="ws-1")
    uow = UnitOfWorkFactory(engine, actor)
    with uow() as u:
        facility = add_facility(u, "North Academy", TZ)
        program = add_program(u, "Trades")
        workshop = add_room(u, facility, "Workshop")
        shop = add_room(u, facility, "Shop 2")
        u.flush()
        welding = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        carpentry = add_class(u, facility, program, "Carpentry", start_date=date(2026, 1, 5))
        u.flush()
        welding_series = add_series(
            u, facility, welding, datetime(2026, 1, 5, 9, 0), room_id=workshop
        )
        carpentry_series = add_series(
            u, facility, carpentry, datetime(2026, 1, 5, 13, 0), room_id=shop
        )
        students = [
            add_person(u, facility, f"First{i:02d}", f"Last{i:02d}", number=f"STU-2026-{i:04d}")
            for i in range(30)
        ]
        u.commit()
    services = build_services(engine, actor, DESK_CLOCK)
    enrol_all(services.rosters, welding, students)
    enrol_all(services.rosters, carpentry, students[:10])
    with engine.begin() as conn:
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
    with opened_window(qtbot, services) as (win, runner, messages):
        yield Desk(
            win,
            services,
            engine,
            runner,
            messages,
            facility,
            welding,
            carpentry,
            welding_series,
            carpentry_series,
            students,
        )
    engine.dispose()


@contextmanager
def opened_window(
    qtbot: QtBot, services: Services, label: str = "Test workstation"
) -> Iterator[tuple[MainWindow, TaskRunner, MessageBridge]]:
    """A main window over ``services``, shown and active; closed and drained at the end."""
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    win = MainWindow(runner, messages)
    qtbot.addWidget(win)
    facilities = tuple(services.facilities.list_facilities())
    with qtbot.waitActive(win):
        win.set_workstation(Workstation(services, None, facilities, label))
        win.show()
        win.activateWindow()
    try:
        yield win, runner, messages
    finally:
        win.close()  # drops the callbacks of loads still running, as at sign-out
        runner.discard_pending()
        runner.wait_idle()


def open_sheet_of(qtbot: QtBot, desk: Desk, day: date, series_id: uuid.UUID) -> AttendanceView:
    """Ctrl+4, then the day and the session chosen in the pickers as a person would."""
    win = desk.win
    qtbot.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = win.attendance
    assert win.stack.currentWidget() is view
    view.day.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(
        lambda: view.sheet is not None and view.sheet.occurrence.original_date == day,
        timeout=10_000,
    )
    keys = [view.session_box.itemData(i) for i in range(view.session_box.count())]
    index = keys.index((series_id, day))
    if view.session_box.currentIndex() != index:
        view.session_box.setCurrentIndex(index)
    qtbot.waitUntil(
        lambda: (
            view.sheet is not None
            and view.sheet.series_id == series_id
            and view.sheet.occurrence.original_date == day
        ),
        timeout=10_000,
    )
    return view
