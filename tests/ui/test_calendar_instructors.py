"""The calendar by instructor, from the keyboard: the instructor filter shows only their
sessions (one they substitute in included), and a substitute chosen for one session with a
reason, their clash shown before saving and saving refused until allowed."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.ui.dialogs.substitute import SubstituteDialog
from app.ui.main_window import MainWindow
from app.ui.views.calendar import CalendarView
from tests.integration.factories import (
    add_class,
    add_facility,
    add_person,
    add_program,
    add_room,
    add_series,
    occurrence_of,
)
from tests.ui.conftest import opened_window

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
MONDAY = date(2026, 11, 23)
# Every screen's "now": Sunday 22 November 2026, 17:00 in New York.
CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))


@dataclass
class Desk:
    win: MainWindow
    services: Services
    engine: Engine
    welding: uuid.UUID  # Iris Stone, Mondays 09:00-10:00 in Room 101
    kim: uuid.UUID  # teaches nothing in the calendar


@dataclass(frozen=True)
class InstructorWorld:
    facility: uuid.UUID
    program: uuid.UUID
    welding: uuid.UUID  # the series: Iris Stone, Mondays 09:00-10:00 in Room 101
    kim: uuid.UUID  # teaches Drawing, which has no sessions


def instructor_world(u: UnitOfWork) -> InstructorWorld:
    """Three instructors of North Academy; Omar's Maths (Mondays 09:30) overlaps Welding I."""
    facility = add_facility(u, "North Academy")
    program = add_program(u, "Trades")
    room = add_room(u, facility, "Room 101")
    lab = add_room(u, facility, "Lab B")
    iris = add_person(u, facility, "Iris", "Stone", role=Role.INSTRUCTOR)
    omar = add_person(u, facility, "Omar", "Reed", role=Role.INSTRUCTOR)
    kim = add_person(u, facility, "Kim", "Lee", role=Role.INSTRUCTOR)
    u.flush()
    welding = add_class(u, facility, program, "Welding I", instructor_id=iris, room_id=room)
    maths = add_class(u, facility, program, "Maths", instructor_id=omar, room_id=lab)
    add_class(u, facility, program, "Drawing", instructor_id=kim)
    u.flush()
    series = add_series(
        u, facility, welding, datetime(2026, 11, 2, 9, 0), room_id=room, instructor_id=iris
    )
    add_series(  # Mondays 09:30, while Welding I runs
        u, facility, maths, datetime(2026, 11, 2, 9, 30), room_id=lab, instructor_id=omar
    )
    return InstructorWorld(facility, program, series, kim)


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path) -> Iterator[Desk]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    uow = UnitOfWorkFactory(engine, Actor("substitute_test", device_id="ws-1"))
    with uow() as u:
        world = instructor_world(u)
        u.commit()
    services = build_services(engine, uow.actor, CLOCK)
    with opened_window(qtbot, services, "Test") as (win, _runner, _messages):
        yield Desk(win, services, engine, world.welding, world.kim)
    engine.dispose()


def _week(qtbot: QtBot, desk: Desk) -> CalendarView:
    qtbot.keyClick(desk.win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = desk.win.calendar
    # Rooms and instructors first: the week loaded after them is the last load.
    qtbot.waitUntil(lambda: view.instructor_filter.count() == 4, timeout=5_000)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        view.anchor.setDate(QDate(MONDAY.year, MONDAY.month, MONDAY.day))
    return view


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = ALT) -> None:
    """A key to whatever has the focus, as a person's keyboard would send it."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _rows(view: CalendarView) -> list[tuple[str, str, str | None, bool]]:
    found = [view.model.row_at(r) for r in range(view.model.rowCount())]
    return [
        (f"{o.start_local:%a %d}", o.class_name, o.instructor_name, o.substitute) for o in found
    ]


def _filter(qtbot: QtBot, view: CalendarView, key: Qt.Key, times: int = 1) -> None:
    """Alt+N to the instructor filter, then Up, Down or Home (names are in order)."""
    _press(qtbot, Qt.Key.Key_N)
    assert view.instructor_filter.hasFocus()
    for _ in range(times):
        with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
            qtbot.keyClick(view.instructor_filter, key)


def test_the_instructor_filter_shows_only_their_sessions_substitutions_included(
    qtbot: QtBot,
    desk: Desk,
    qtmodeltester: ModelTester,
) -> None:
    desk.services.schedule.substitute_instructor(desk.welding, MONDAY, desk.kim, "Iris ill")
    view = _week(qtbot, desk)
    assert [view.instructor_filter.itemText(i) for i in range(4)] == [
        "Everyone",
        "Iris Stone",
        "Kim Lee",
        "Omar Reed",
    ]
    assert _rows(view) == [
        ("Mon 23", "Welding I", "Kim Lee", True),
        ("Mon 23", "Maths", "Omar Reed", False),
    ]

    _filter(qtbot, view, Qt.Key.Key_Down, 2)
    assert view.instructor_filter.currentText() == "Kim Lee"
    assert _rows(view) == [("Mon 23", "Welding I", "Kim Lee", True)]
    qtmodeltester.check(view.model)
    _filter(qtbot, view, Qt.Key.Key_Down)
    assert _rows(view) == [("Mon 23", "Maths", "Omar Reed", False)]
    _filter(qtbot, view, Qt.Key.Key_Up, 2)
    assert _rows(view) == []  # her only session this week is Kim's
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
    assert _rows(view) == [("Mon 30", "Welding I", "Iris Stone", False)]
    _filter(qtbot, view, Qt.Key.Key_Home)
    assert len(_rows(view)) == 2


def _open(qtbot: QtBot, view: CalendarView) -> SubstituteDialog:
    qtbot.keyClick(view, Qt.Key.Key_I, ALT)
    qtbot.waitUntil(lambda: view.substitute_dialog is not None, timeout=5_000)
    dialog = view.substitute_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
    return dialog


def test_a_substitute_for_one_session_with_a_reason_clash_refused_until_allowed(
    qtbot: QtBot, desk: Desk
) -> None:
    view = _week(qtbot, desk)
    assert view.model.row_at(0).class_name == "Welding I"
    view.table.selectRow(0)
    assert view.room_to.currentText() == "Room 101"  # the session's room, ready to change
    view.reason.setFocus()
    qtbot.keyClicks(view.reason, "sick leave")
    dialog = _open(qtbot, view)
    assert dialog.instructor_box.hasFocus()
    # Iris teaches the session, so she is not offered; Kim comes first and is free then.
    names = [dialog.instructor_box.itemText(i) for i in range(dialog.instructor_box.count())]
    assert names == ["Kim Lee", "Omar Reed"]
    assert "Kim Lee is free" in dialog.clashes.text()
    assert dialog.reason.text() == "sick leave" and dialog.this_one.isChecked()

    # Omar teaches Maths at 09:30: shown as soon as he is chosen, before anything is saved.
    with qtbot.waitSignal(dialog.sig_checked, timeout=5_000) as checked:
        _press(qtbot, Qt.Key.Key_O, NONE)
    assert checked.args == [1]
    assert "Omar Reed teaches Maths, Mon 23 Nov 2026 09:30" in dialog.clashes.text()
    with qtbot.waitSignal(dialog.sig_refused, timeout=5_000) as refused:
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert "Omar Reed is already teaching Maths" in refused.args[0]
    assert dialog.isVisible() and dialog.allow_clash.hasFocus()
    unchanged = occurrence_of(desk.engine, desk.welding, MONDAY)
    assert (unchanged.instructor_name, unchanged.substitute) == ("Iris Stone", False)

    _press(qtbot, Qt.Key.Key_C)  # Allow a clash: a mnemonic clicks after a short animation
    qtbot.waitUntil(dialog.allow_clash.isChecked, timeout=5_000)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert not dialog.isVisible()
    assert view.message.text() == "Omar Reed teaches Welding I of 23 Nov."
    assert view.reason.text() == ""
    assert _rows(view)[0] == ("Mon 23", "Welding I", "Omar Reed", True)
    saved = occurrence_of(desk.engine, desk.welding, MONDAY)
    assert (saved.instructor_name, saved.reason) == ("Omar Reed", "sick leave")
    following = occurrence_of(desk.engine, desk.welding, date(2026, 11, 30))
    assert (following.instructor_name, following.substitute) == ("Iris Stone", False)


def test_all_future_sessions_go_to_a_free_substitute(qtbot: QtBot, desk: Desk) -> None:
    view = _week(qtbot, desk)
    view.table.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_F, ALT)  # All future sessions, on the calendar
    qtbot.waitUntil(view.all_future.isChecked, timeout=5_000)
    dialog = _open(qtbot, view)
    assert dialog.all_future.isChecked() and dialog.instructor_box.currentText() == "Kim Lee"
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert view.message.text() == "Kim Lee teaches Welding I of 23 Nov and the sessions after it."
    facility = desk.services.facilities.list_facilities()[0].id
    december = desk.services.schedule.occurrences(
        facility, MONDAY, date(2026, 12, 31), instructor_id=desk.kim
    )
    assert [o.class_name for o in december] == ["Welding I"] * 6  # 23, 30 Nov, 7, 14, 21, 28 Dec
    assert not any(o.substitute for o in december)  # the new series is Kim's own
