"""The series dialog from the calendar, by keyboard: a weekly series created and seen in the
week, a series' time changed from a date on with its marked sessions left alone, a clash shown
and saving refused until allowed, and bad input explained next to its field."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.rosters import RosterService
from app.ui.dialogs.series import SeriesDialog
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
CTRL = Qt.KeyboardModifier.ControlModifier
MONDAY = date(2026, 11, 23)
# Every screen's "now": Sunday 22 November 2026, 17:00 in New York.
CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))


@dataclass
class Desk:
    win: MainWindow
    services: Services
    engine: Engine
    welding_series: uuid.UUID  # Mondays 09:00 since 2 November, marked on the 2nd, 9th, 16th
    student: uuid.UUID


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path) -> Iterator[Desk]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    uow = UnitOfWorkFactory(engine, Actor("series_test", device_id="ws-1"))
    with uow() as u:
        facility = add_facility(u, "North Academy")
        program = add_program(u, "Trades")
        room = add_room(u, facility, "Room 101")
        lab = add_room(u, facility, "Lab B")
        iris = add_person(u, facility, "Iris", "Stone", role=Role.INSTRUCTOR)
        omar = add_person(u, facility, "Omar", "Reed", role=Role.INSTRUCTOR)
        student = add_person(u, facility, "Ann", "Lee", number="STU-2026-0001")
        u.flush()
        welding = add_class(u, facility, program, "Welding I", instructor_id=iris, room_id=room)
        add_class(u, facility, program, "Carpentry", instructor_id=omar, room_id=lab)
        maths = add_class(u, facility, program, "Maths", instructor_id=omar, room_id=room)
        u.flush()
        series = add_series(
            u, facility, welding, datetime(2026, 11, 2, 9, 0), room_id=room, instructor_id=iris
        )
        add_series(  # Wednesdays 14:00
            u, facility, maths, datetime(2026, 11, 4, 14, 0), room_id=room, instructor_id=omar
        )
        u.commit()
    autumn = FixedClock(datetime(2026, 10, 1, 12, 0, tzinfo=UTC))
    RosterService(uow, autumn).enrol(welding, student)
    marks = AttendanceService(uow, CLOCK)
    for day in (2, 9, 16):
        marks.mark(series, date(2026, 11, day), student, AttendanceStatus.PRESENT)
    services = build_services(engine, uow.actor, CLOCK)
    with opened_window(qtbot, services, "Test") as (win, _runner, _messages):
        yield Desk(win, services, engine, series, student)
    engine.dispose()


def _week(qtbot: QtBot, desk: Desk) -> CalendarView:
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        view.anchor.setDate(QDate(MONDAY.year, MONDAY.month, MONDAY.day))
    return view


def _open(qtbot: QtBot, view: CalendarView, key: Qt.Key) -> SeriesDialog:
    qtbot.keyClick(view, key, CTRL)
    qtbot.waitUntil(lambda: view.series_dialog is not None, timeout=5_000)
    dialog = view.series_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    return dialog


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = ALT) -> None:
    """A key to whatever has the focus, as a person's keyboard would send it."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _type(qtbot: QtBot, text: str, *, replace: bool = True) -> None:
    """Type into the focused field, over what it holds (a time is typed section by section)."""
    target = QApplication.focusWidget()
    assert target is not None
    if replace:
        qtbot.keyClick(target, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(target, text)


def _rows(view: CalendarView) -> list[tuple[str, str]]:
    model = view.model
    return [
        (f"{model.row_at(r).start_local:%a %H:%M}", model.row_at(r).class_name)
        for r in range(model.rowCount())
    ]


def test_a_weekly_series_made_from_the_keyboard_shows_in_the_week(qtbot: QtBot, desk: Desk) -> None:
    view = _week(qtbot, desk)
    dialog = _open(qtbot, view, Qt.Key.Key_N)
    assert dialog.class_box.hasFocus()
    qtbot.keyClicks(dialog.class_box, "Carp")
    assert dialog.class_box.currentText() == "Carpentry (Trades)"
    assert (dialog.room_box.currentText(), dialog.instructor_box.currentText()) == (
        "Lab B",
        "Omar Reed",
    )
    assert dialog.first_date.date() == QDate(2026, 11, 23)  # the calendar's Monday
    assert [b.isChecked() for b in dialog.weekdays][:4] == [True, False, False, False]
    _press(qtbot, Qt.Key.Key_W)  # On weekdays: Monday has the focus
    for _ in range(3):
        _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    _press(qtbot, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)  # and Thursday
    _press(qtbot, Qt.Key.Key_S)
    _type(qtbot, "1030", replace=False)
    _press(qtbot, Qt.Key.Key_U)
    _type(qtbot, "90")
    _press(qtbot, Qt.Key.Key_N)
    _press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    _press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert dialog.ends.currentData() == "count"
    _press(qtbot, Qt.Key.Key_A)
    _type(qtbot, "6")

    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert not dialog.isVisible()
    assert "Created the sessions of Carpentry from Mon 23 Nov 2026 10:30" in view.message.text()
    assert _rows(view) == [
        ("Mon 09:00", "Welding I"),
        ("Mon 10:30", "Carpentry"),
        ("Wed 14:00", "Maths"),
        ("Thu 10:30", "Carpentry"),
    ]
    carpentry = view.model.row_at(1)
    assert (carpentry.room_name, carpentry.instructor_name, carpentry.duration_minutes) == (
        "Lab B",
        "Omar Reed",
        90,
    )
    facility = desk.services.facilities.list_facilities()[0].id
    december = desk.services.schedule.occurrences(facility, MONDAY, date(2026, 12, 31))
    assert len([o for o in december if o.class_name == "Carpentry"]) == 6


def test_a_clash_is_shown_and_saving_refused_until_allowed(qtbot: QtBot, desk: Desk) -> None:
    view = _week(qtbot, desk)
    dialog = _open(qtbot, view, Qt.Key.Key_N)
    qtbot.keyClicks(dialog.class_box, "Carp")
    _press(qtbot, Qt.Key.Key_D)
    _press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier)
    _press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier)
    assert dialog.first_date.date() == QDate(2026, 11, 25)
    assert dialog.weekdays[2].isChecked() and not dialog.weekdays[0].isChecked()
    _press(qtbot, Qt.Key.Key_S)
    _type(qtbot, "1430", replace=False)  # Omar teaches Maths on Wednesdays 14:00-15:00

    with qtbot.waitSignal(dialog.sig_refused, timeout=5_000) as refused:
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert "Omar Reed" in refused.args[0]
    assert dialog.isVisible() and dialog.clashes.isVisible()
    assert "Omar Reed teaches Maths, Wed 25 Nov 2026 14:00" in dialog.clashes.text()
    assert dialog.allow_clash.hasFocus()
    assert dialog.start_time.time().hour() == 14  # nothing typed is lost
    assert [name for _when, name in _rows(view)].count("Carpentry") == 0

    _press(qtbot, Qt.Key.Key_H)  # Allow clashes: a mnemonic clicks after a short animation
    qtbot.waitUntil(dialog.allow_clash.isChecked, timeout=5_000)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert ("Wed 14:30", "Carpentry") in _rows(view)


def test_the_time_changes_from_a_date_on_and_marked_sessions_stay(qtbot: QtBot, desk: Desk) -> None:
    view = _week(qtbot, desk)
    view.table.selectRow(0)  # Welding I, Monday 23 November
    dialog = _open(qtbot, view, Qt.Key.Key_E)
    assert dialog.windowTitle() == "Change the series of Welding I"
    assert not dialog.class_box.isEnabled()
    assert dialog.first_date.hasFocus() and dialog.first_date.date() == QDate(2026, 11, 23)
    _press(qtbot, Qt.Key.Key_S)
    _type(qtbot, "1000", replace=False)
    # From the 16th on, a marked session would move: refused, next to "Apply from".
    _press(qtbot, Qt.Key.Key_F)
    for _ in range(7):
        _press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert dialog.first_date.date() == QDate(2026, 11, 16)
    with qtbot.waitSignal(dialog.sig_refused, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    error = dialog.errors["first_date"]
    assert error.isVisible() and "Attendance was taken on Mon 16 Nov 2026" in error.text()
    assert dialog.first_date.hasFocus()
    assert dialog.start_time.time().hour() == 10  # the new time is still there

    for _ in range(7):
        _press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert ("Mon 10:00", "Welding I") in _rows(view)
    before = occurrence_of(desk.engine, desk.welding_series, date(2026, 11, 16))
    assert before.start_local.time() == time(9, 0)
    sheet = desk.services.attendance.sheet(desk.welding_series, date(2026, 11, 16))
    assert [(r.status, r.needs_review) for r in sheet.rows] == [(AttendanceStatus.PRESENT, False)]
    moved = view.model.row_at(0)
    assert moved.series_id != desk.welding_series and moved.start_local.time() == time(10, 0)


def test_bad_input_is_explained_next_to_its_field(qtbot: QtBot, desk: Desk) -> None:
    view = _week(qtbot, desk)
    dialog = _open(qtbot, view, Qt.Key.Key_N)
    _press(qtbot, Qt.Key.Key_W)
    _press(qtbot, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)  # no weekday left
    with qtbot.waitSignal(dialog.sig_refused, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert dialog.errors["weekdays"].text() == "Choose at least one weekday."
    assert dialog.errors["weekdays"].isVisible() and dialog.weekdays[0].hasFocus()

    _press(qtbot, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    _press(qtbot, Qt.Key.Key_N)
    _press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)  # ends on a date
    _press(qtbot, Qt.Key.Key_O)
    for _ in range(2):  # to the year
        _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    _press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert dialog.until.date() < dialog.first_date.date()
    with qtbot.waitSignal(dialog.sig_refused, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert not dialog.errors["weekdays"].isVisible()
    error = dialog.errors["until_local"]
    assert error.isVisible() and "is before the first (Mon 23 Nov 2026)" in error.text()
    assert dialog.until.hasFocus()

    _press(qtbot, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert not dialog.isVisible()
    assert (
        desk.services.schedule.occurrences(
            desk.services.facilities.list_facilities()[0].id, MONDAY, MONDAY
        )[0].class_name
        == "Welding I"
    )
