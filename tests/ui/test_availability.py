"""Instructor availability from the calendar, by keyboard (seed 003): an instructor's weekly
hours and time off edited and saved (Alt+Y beside the instructor filter), and the substitute and
series dialogs warning before they put an instructor outside them, as they show a clash, the
substitute list putting those available first."""

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
from sqlalchemy import Engine, text

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.availability_dto import HoursEntry, TimeOffEntry
from app.ui.dialogs.availability import AvailabilityDialog
from app.ui.dialogs.series import SeriesDialog
from app.ui.dialogs.substitute import SubstituteDialog
from app.ui.main_window import MainWindow
from app.ui.views.calendar import CalendarView
from tests.integration.factories import (
    add_class,
    add_person,
    occurrence_of,
    series_of_class,
)
from tests.ui.conftest import opened_window
from tests.ui.test_calendar_instructors import instructor_world

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
MONDAY = date(2026, 11, 23)
# Every screen's "now": Sunday 22 November 2026, 17:00 in New York.
CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))
MON, TUE, WED = 0, 1, 2


@dataclass
class Desk:
    win: MainWindow
    services: Services
    engine: Engine
    facility: uuid.UUID
    welding: uuid.UUID  # Iris Stone, Mondays 09:00-10:00 in Room 101
    pottery: uuid.UUID  # a class of Dana Cruz's, no sessions yet
    dana: uuid.UUID
    kim: uuid.UUID


def _reader(desk: Desk) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(desk.engine, Actor("availability_test", device_id="ws-1"))


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path) -> Iterator[Desk]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    uow = UnitOfWorkFactory(engine, Actor("availability_test", device_id="ws-1"))
    with uow() as u:
        world = instructor_world(u)
        dana = add_person(u, world.facility, "Dana", "Cruz", role=Role.INSTRUCTOR)
        u.flush()
        pottery = add_class(u, world.facility, world.program, "Pottery", instructor_id=dana)
        u.commit()
    services = build_services(engine, uow.actor, CLOCK)
    with opened_window(qtbot, services, "Test") as (win, _runner, _messages):
        yield Desk(win, services, engine, world.facility, world.welding, pottery, dana, world.kim)
    engine.dispose()


def _week(qtbot: QtBot, desk: Desk) -> CalendarView:
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    qtbot.waitUntil(lambda: view.instructor_filter.count() == 5, timeout=5_000)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        view.anchor.setDate(QDate(MONDAY.year, MONDAY.month, MONDAY.day))
    return view


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = ALT) -> None:
    """A key to whatever has the focus, as a person's keyboard would send it."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _type(qtbot: QtBot, words: str) -> None:
    """Type into the focused field, over what it holds."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(target, words)


def _filter(qtbot: QtBot, view: CalendarView, name: str) -> None:
    """Alt+N to the instructor filter, then Down until ``name`` is shown (names in order)."""
    _press(qtbot, Qt.Key.Key_N)
    assert view.instructor_filter.hasFocus()
    while view.instructor_filter.currentText() != name:
        with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
            qtbot.keyClick(view.instructor_filter, Qt.Key.Key_Down)


def _availability(qtbot: QtBot, view: CalendarView) -> AvailabilityDialog:
    """Alt+Y, and the dialog once it shows what is stored."""
    _press(qtbot, Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: view.availability_dialog is not None, timeout=5_000)
    dialog = view.availability_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.save_button.isEnabled(), timeout=5_000)
    return dialog


def _outbox(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT count(*) FROM sync_outbox WHERE table_name = :t"), {"t": table}
            ).scalar_one()
        )


def test_weekly_hours_typed_in_the_availability_dialog_are_saved_and_queued_for_sync(
    qtbot: QtBot, desk: Desk
) -> None:
    view = _week(qtbot, desk)
    _filter(qtbot, view, "Kim Lee")
    assert view.availability_button.accessibleName() == "Availability of the instructor"
    dialog = _availability(qtbot, view)
    assert dialog.windowTitle() == "Availability of Kim Lee"
    assert [d.text() for d in dialog.days] == [""] * 7  # nothing known yet: any time
    assert dialog.days[MON].hasFocus()
    assert all(d.accessibleName().startswith("Hours on ") for d in dialog.days)
    qtbot.keyClicks(dialog.days[MON], "9-17")
    _press(qtbot, Qt.Key.Key_W)
    assert dialog.days[WED].hasFocus()
    qtbot.keyClicks(dialog.days[WED], "9:00-12:00, 13:30-17")
    with qtbot.waitSignal(view.sig_changed, timeout=5_000) as saved:
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert saved.args == ["Saved the availability of Kim Lee: hours on Mon, Wed; no time off."]
    assert not dialog.isVisible()
    assert view.message.text() == saved.args[0]
    stored = desk.services.availability.of_instructor(desk.facility, desk.kim)
    assert [h.text for h in stored.hours] == [
        "Mon 09:00–17:00",
        "Wed 09:00–12:00",
        "Wed 13:30–17:00",
    ]
    assert _outbox(desk.engine, "instructor_availability") == 3  # waiting to be pushed


def test_hours_that_cannot_be_are_said_next_to_them_and_nothing_is_saved(
    qtbot: QtBot, desk: Desk
) -> None:
    view = _week(qtbot, desk)
    _filter(qtbot, view, "Kim Lee")
    dialog = _availability(qtbot, view)
    _press(qtbot, Qt.Key.Key_H)  # Thursday
    assert dialog.days[3].hasFocus()
    qtbot.keyClicks(dialog.days[3], "17-9")
    with qtbot.waitSignal(dialog.sig_refused, timeout=5_000) as refused:
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert refused.args == ['Thursday: "17-9" ends before it starts.']
    assert dialog.isVisible() and dialog.hours_error.isVisible()
    assert dialog.days[3].hasFocus()
    assert desk.services.availability.of_instructor(desk.facility, desk.kim).hours == ()


def test_alt_y_asks_for_an_instructor_first(qtbot: QtBot, desk: Desk) -> None:
    view = _week(qtbot, desk)
    assert view.instructor_filter.currentText() == "Everyone"
    with qtbot.waitSignal(view.sig_refused, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_Y, ALT)
    assert view.message.text() == "Choose an instructor in the filter (Alt+N) first."
    assert view.availability_dialog is None


def test_stored_hours_are_shown_changed_and_time_off_added_and_removed_by_keys(
    qtbot: QtBot,
    desk: Desk,
    qtmodeltester: ModelTester,
) -> None:
    before = desk.services.availability.save(
        desk.facility,
        desk.kim,
        [HoursEntry(MON, 9 * 60, 17 * 60)],
        [TimeOffEntry(datetime(2026, 11, 25), datetime(2026, 11, 26), "Dentist")],
    )
    view = _week(qtbot, desk)
    _filter(qtbot, view, "Kim Lee")
    dialog = _availability(qtbot, view)
    qtmodeltester.check(dialog.model)
    assert dialog.days[MON].text() == "09:00-17:00"
    assert [dialog.model.index(0, c).data() for c in range(3)] == [
        "Wed 25 Nov 2026 00:00",
        "Thu 26 Nov 2026 00:00",
        "Dentist",
    ]
    _type(qtbot, "10-17")  # Monday has the focus
    _press(qtbot, Qt.Key.Key_O)  # time off from: today, a day is stepped with Up
    assert dialog.off_from.hasFocus()
    for _ in range(5):
        _press(qtbot, Qt.Key.Key_Up, NONE)
    assert dialog.off_until.dateTime().toString("ddd d MMM HH:mm") == "Sat 28 Nov 00:00"
    _press(qtbot, Qt.Key.Key_R)
    qtbot.keyClicks(dialog.off_reason, "Training")
    _press(qtbot, Qt.Key.Key_D)  # add: a mnemonic clicks after a short animation
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5_000)
    assert dialog.model.index(1, 2).data() == "Training"
    _press(qtbot, Qt.Key.Key_L)  # the list: Training is selected; Up to the dentist, Delete
    assert dialog.time_off.hasFocus()
    _press(qtbot, Qt.Key.Key_Up, NONE)
    _press(qtbot, Qt.Key.Key_Delete, NONE)
    assert [dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())] == ["Training"]
    qtmodeltester.check(dialog.model)
    with qtbot.waitSignal(view.sig_changed, timeout=5_000) as saved:
        _press(qtbot, Qt.Key.Key_M)
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert saved.args == ["Saved the availability of Kim Lee: hours on Mon; 1 period of time off."]
    after = desk.services.availability.of_instructor(desk.facility, desk.kim)
    assert [h.text for h in after.hours] == ["Mon 10:00–17:00"]
    assert after.hours[0].id == before.hours[0].id  # changed in place, not replaced
    assert [(t.starts_local, t.ends_local, t.reason) for t in after.time_off] == [
        (datetime(2026, 11, 27), datetime(2026, 11, 28), "Training")
    ]
    with desk.engine.connect() as conn:
        removed = conn.execute(
            text("SELECT reason FROM instructor_time_off WHERE deleted_at IS NOT NULL")
        ).scalars()
        assert list(removed) == ["Dentist"]  # a tombstone, for the other workstations


def _substitute(qtbot: QtBot, view: CalendarView) -> SubstituteDialog:
    view.table.selectRow(0)  # Welding I, Monday 09:00
    assert view.selected() is not None and view.selected().class_name == "Welding I"  # type: ignore[union-attr]
    qtbot.keyClick(view, Qt.Key.Key_I, ALT)
    qtbot.waitUntil(lambda: view.substitute_dialog is not None, timeout=5_000)
    dialog = view.substitute_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)
    return dialog


def _names(dialog: SubstituteDialog) -> list[str]:
    box = dialog.instructor_box
    return [box.itemText(i) for i in range(box.count())]


def test_a_substitute_outside_their_hours_is_listed_last_warned_and_saved_only_when_allowed(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.services.availability.save(
        desk.facility, desk.kim, [HoursEntry(MON, 13 * 60, 17 * 60)], []
    )
    view = _week(qtbot, desk)
    dialog = _substitute(qtbot, view)
    # Iris teaches the session; Kim works Monday afternoons only, so comes last.
    assert _names(dialog) == ["Dana Cruz", "Omar Reed", "Kim Lee — not available then"]
    assert dialog.instructor_box.currentText() == "Dana Cruz"
    assert "Dana Cruz is free and available" in dialog.clashes.text()
    assert dialog.allow_outside.accessibleName() == "Allow outside availability"

    with qtbot.waitSignal(dialog.sig_checked, timeout=5_000) as checked:
        _press(qtbot, Qt.Key.Key_End, NONE)
    assert checked.args == [1]
    assert "Kim Lee is not available Mon 23 Nov 2026 09:00–10:00 (works 13:00–17:00 that day)" in (
        dialog.clashes.text()
    )
    assert "tick Allow outside their availability" in dialog.clashes.text()
    with qtbot.waitSignal(dialog.sig_refused, timeout=5_000) as refused:
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert refused.args[0].startswith("Kim Lee is not available Mon 23 Nov 2026 09:00")
    assert dialog.isVisible() and dialog.allow_outside.hasFocus()
    unchanged = occurrence_of(desk.engine, desk.welding, MONDAY)
    assert unchanged.instructor_name == "Iris Stone"

    _press(qtbot, Qt.Key.Key_O)  # Allow outside their availability
    qtbot.waitUntil(dialog.allow_outside.isChecked, timeout=5_000)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert view.message.text() == "Kim Lee teaches Welding I of 23 Nov."
    saved = occurrence_of(desk.engine, desk.welding, MONDAY)
    assert (saved.instructor_name, saved.substitute) == ("Kim Lee", True)


def test_time_off_entered_in_the_dialog_puts_that_instructor_last_in_the_substitute_list(
    qtbot: QtBot, desk: Desk
) -> None:
    view = _week(qtbot, desk)
    _filter(qtbot, view, "Dana Cruz")
    dialog = _availability(qtbot, view)
    _press(qtbot, Qt.Key.Key_O)
    _press(qtbot, Qt.Key.Key_Up, NONE)  # Monday 23 November, the whole day
    _press(qtbot, Qt.Key.Key_R)
    qtbot.keyClicks(dialog.off_reason, "Conference")
    _press(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5_000)
    with qtbot.waitSignal(view.sig_changed, timeout=5_000):
        _press(qtbot, Qt.Key.Key_M)
        _press(qtbot, Qt.Key.Key_Return, NONE)
    desk.win.activateWindow()  # the dialog closed: back at the calendar
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    _press(qtbot, Qt.Key.Key_N)  # the filter back to everyone
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view.instructor_filter, Qt.Key.Key_Home)
    substitute = _substitute(qtbot, view)
    assert _names(substitute) == ["Kim Lee", "Omar Reed", "Dana Cruz — not available then"]
    with qtbot.waitSignal(substitute.sig_checked, timeout=5_000):
        _press(qtbot, Qt.Key.Key_End, NONE)
    assert "Dana Cruz is not available Mon 23 Nov 2026 09:00–10:00 (time off: Conference)" in (
        substitute.clashes.text()
    )


def test_a_series_outside_the_instructors_hours_is_warned_and_saved_only_when_allowed(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.services.availability.save(
        desk.facility, desk.dana, [HoursEntry(TUE, 13 * 60, 17 * 60)], []
    )
    view = _week(qtbot, desk)
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: view.series_dialog is not None, timeout=5_000)
    dialog: SeriesDialog | None = view.series_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5_000)
    assert dialog.class_box.hasFocus()
    qtbot.keyClicks(dialog.class_box, "Pottery")
    assert dialog.instructor_box.currentText() == "Dana Cruz"  # the class's instructor
    with qtbot.waitSignal(dialog.sig_refused, timeout=5_000) as refused:
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert refused.args[0].startswith(
        "Dana Cruz is not available Mon 23 Nov 2026 09:00–10:00 (not working that day)"
    )
    shown = dialog.clashes.text()
    assert shown.startswith("Not saved: the instructor is not available for these sessions.")
    assert "• Dana Cruz is not available Mon 30 Nov 2026 09:00–10:00" in shown
    assert dialog.isVisible() and dialog.allow_unavailable.hasFocus()
    assert series_of_class(_reader(desk), desk.pottery) == []

    _press(qtbot, Qt.Key.Key_B)  # Allow sessions outside the instructor's availability
    qtbot.waitUntil(dialog.allow_unavailable.isChecked, timeout=5_000)
    with qtbot.waitSignal(view.sig_changed, timeout=5_000):
        _press(qtbot, Qt.Key.Key_Return, NONE)
    assert not dialog.isVisible()
    made = series_of_class(_reader(desk), desk.pottery)
    assert [(s.instructor_name, s.dtstart_local) for s in made] == [
        ("Dana Cruz", datetime(2026, 11, 23, 9, 0))
    ]


def test_the_filtered_instructors_unavailable_hours_are_shaded_in_the_week_and_follow_edits(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.services.availability.save(
        desk.facility, desk.kim, [HoursEntry(MON, 13 * 60, 17 * 60)], []
    )
    view = _week(qtbot, desk)
    assert view.time_grid.unavailable() == []  # everyone: nobody's hours
    _filter(qtbot, view, "Kim Lee")
    monday, next_monday = datetime(2026, 11, 23), datetime(2026, 11, 30)
    qtbot.waitUntil(
        lambda: (
            view.time_grid.unavailable()
            == [
                (monday, datetime(2026, 11, 23, 13)),
                (datetime(2026, 11, 23, 17), next_monday),  # no other day worked
            ]
        ),
        timeout=5_000,
    )
    dialog = _availability(qtbot, view)
    _type(qtbot, "9-17")
    _press(qtbot, Qt.Key.Key_T)
    qtbot.keyClicks(dialog.days[TUE], "9-12")
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):  # the hub reloads the week
        _press(qtbot, Qt.Key.Key_Return, NONE)
    qtbot.waitUntil(
        lambda: (
            view.time_grid.unavailable()
            == [
                (monday, datetime(2026, 11, 23, 9)),
                (datetime(2026, 11, 23, 17), datetime(2026, 11, 24, 9)),
                (datetime(2026, 11, 24, 12), next_monday),
            ]
        ),
        timeout=5_000,
    )
    desk.win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    _press(qtbot, Qt.Key.Key_N)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view.instructor_filter, Qt.Key.Key_Home)
    assert view.time_grid.unavailable() == []
