"""The calendar as a calendar: week and day time grids, a month grid, sessions chosen with the
mouse and the arrow keys, their context menu, clashes, moves and substitutes marked, filters
that fit the screen, and the hours someone is unavailable shaded."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication, QComboBox, QMenu
from pytestqt.qtbot import QtBot

from app.domain.actor import Actor
from app.domain.enums import Role
from app.repositories.uow import UnitOfWorkFactory
from app.services.changes import SERIES, Changes
from app.services.schedule import OccurrenceView
from app.ui.views.calendar import CalendarView
from tests.integration.factories import (
    add_class,
    add_person,
    add_program,
    add_room,
    add_series,
    occurrence_of,
)
from tests.ui.conftest import PAST_MONDAY, Desk

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NEXT_MONDAY = date(2026, 11, 23)
TODAY = date(2026, 11, 22)  # the desk's clock: Sunday 22 November, 17:00 in New York


def _calendar(qtbot: QtBot, desk: Desk, day: date) -> CalendarView:
    """Ctrl+3, then the week of ``day`` (the grid shows what was loaded)."""
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    assert desk.win.stack.currentWidget() is view
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    if view.anchor.date() != QDate(day.year, day.month, day.day):
        with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
            view.anchor.setDate(QDate(day.year, day.month, day.day))
    return view


def _reload(qtbot: QtBot, desk: Desk, view: CalendarView) -> None:
    """What a sync does after it pulled schedule changes: the calendar shows them."""
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        desk.win.changes.publish(Changes.of(SERIES, facility_id=desk.facility_id, source="sync"))


def _session(view: CalendarView, class_name: str, day: date) -> OccurrenceView:
    grid = view.grid()
    assert grid is not None
    return next(o for o in grid.sessions() if (o.class_name, o.original_date) == (class_name, day))


def _click(qtbot: QtBot, view: CalendarView, o: OccurrenceView, *, double: bool = False) -> None:
    """Scroll the session into view, as a person would, and click it."""
    grid = view.grid()
    assert grid is not None and grid.isVisible()
    grid.ensure_visible(o)
    rect = grid.block_rect(o)
    assert not rect.isEmpty(), f"{o.class_name} is not drawn"
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=rect.center())
    if double:
        qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=rect.center())


def _chosen(view: CalendarView) -> tuple[str, date] | None:
    o = view.selected()
    return (o.class_name, o.original_date) if o is not None else None


def _menu(qtbot: QtBot) -> QMenu:
    found: list[QMenu] = []

    def shown() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=5_000)
    return found[0]


def _entry(menu: QMenu, starts: str) -> QAction:
    return next(a for a in menu.actions() if a.text().startswith(starts))


def _uow(desk: Desk) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(desk.engine, Actor("grid_test", device_id="ws-1"))


def test_the_week_is_a_time_grid_with_each_session_at_its_time(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, PAST_MONDAY)
    grid = view.time_grid
    assert view.grid() is grid and grid.isVisible() and not view.table.isVisible()
    assert grid.days[0] == PAST_MONDAY and len(grid.days) == 7
    assert grid.today == TODAY  # Sunday of this week, highlighted
    welding = _session(view, "Welding I", PAST_MONDAY)
    carpentry = _session(view, "Carpentry", PAST_MONDAY)
    w, c = grid.block_rect(welding), grid.block_rect(carpentry)
    hour = grid.y_of(time(10, 0)) - grid.y_of(time(9, 0))
    assert hour >= 40  # tall enough for three lines
    monday = grid.column_rect(PAST_MONDAY)
    assert monday.contains(w.center()) and monday.contains(c.center())
    assert c.top() - w.top() == 4 * hour  # 09:00 and 13:00
    assert w.height() == hour - 1  # an hour long
    assert grid.markers(welding) == []
    assert view.timezone_note.text() == "Times in America/New York (EST, UTC-0500)"
    assert view.title.text() == "Mon 16 Nov 2026 – Sun 22 Nov 2026"


def test_a_click_selects_a_session_and_a_double_click_opens_its_sheet(
    qtbot: QtBot, desk: Desk
) -> None:
    view = _calendar(qtbot, desk, PAST_MONDAY)
    _click(qtbot, view, _session(view, "Carpentry", PAST_MONDAY))
    assert _chosen(view) == ("Carpentry", PAST_MONDAY)
    assert view.time_grid.accessibleDescription().startswith(
        "Carpentry, Mon 16 Nov 13:00–14:00, Shop 2"
    )
    assert view.restore_button.isEnabled() is False and view.cancel_button.isEnabled()
    # A click on empty hours clears the selection: nothing left to act on.
    qtbot.mouseClick(view.time_grid, Qt.MouseButton.LeftButton, pos=QPoint(70, 5))
    assert view.selected() is None and not view.cancel_button.isEnabled()

    welding = _session(view, "Welding I", PAST_MONDAY)
    with qtbot.waitSignal(view.sig_open_sheet, timeout=5_000) as opened:
        _click(qtbot, view, welding, double=True)
    assert opened.args == [desk.welding_series, PAST_MONDAY]
    sheet = desk.win.attendance
    assert desk.win.stack.currentWidget() is sheet
    qtbot.waitUntil(
        lambda: (
            sheet.sheet is not None
            and sheet.sheet.series_id == desk.welding_series
            and sheet.model.rowCount() == 30
        ),
        timeout=10_000,
    )


def test_arrow_keys_move_between_sessions_and_enter_opens_the_sheet(
    qtbot: QtBot, desk: Desk
) -> None:
    with _uow(desk)() as u:  # Welding I also meets on Wednesdays at 10:00
        room = add_room(u, desk.facility_id, "Lab C")
        add_series(u, desk.facility_id, desk.welding, datetime(2026, 1, 7, 10, 0), room_id=room)
        u.commit()
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    _reload(qtbot, desk, view)
    grid = view.time_grid
    wednesday = date(2026, 11, 25)
    _click(qtbot, view, _session(view, "Welding I", wednesday))
    steps = [
        (Qt.Key.Key_Home, ("Welding I", NEXT_MONDAY)),
        (Qt.Key.Key_Down, ("Carpentry", NEXT_MONDAY)),
        (Qt.Key.Key_Down, ("Carpentry", NEXT_MONDAY)),  # the last of the day stays
        (Qt.Key.Key_Right, ("Welding I", wednesday)),
        (Qt.Key.Key_Left, ("Welding I", NEXT_MONDAY)),  # 09:00 is nearer to 10:00 than 13:00
        (Qt.Key.Key_End, ("Welding I", wednesday)),
        (Qt.Key.Key_Up, ("Welding I", wednesday)),
    ]
    for key, expected in steps:
        qtbot.keyClick(grid, key)
        assert _chosen(view) == expected, key
        assert grid.accessibleDescription().startswith(expected[0])
    with qtbot.waitSignal(view.sig_open_sheet, timeout=5_000) as opened:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert opened.args[1] == wednesday and opened.args[0] != desk.welding_series
    sheet = desk.win.attendance
    qtbot.waitUntil(
        lambda: sheet.sheet is not None and sheet.sheet.occurrence.original_date == wednesday,
        timeout=10_000,
    )


# The offscreen platform cannot raise a popup or grab the keyboard for it; a real one can.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@POPUP
def test_the_context_menu_cancels_through_the_action_row(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    welding = _session(view, "Welding I", NEXT_MONDAY)
    # Without a reason the menu's Cancel asks for one, and nothing is stored.
    qtbot.mouseClick(
        view.time_grid, Qt.MouseButton.RightButton, pos=view.time_grid.block_rect(welding).center()
    )
    menu = _menu(qtbot)
    assert _chosen(view) == ("Welding I", NEXT_MONDAY)
    assert not _entry(menu, "Restore").isEnabled()
    cancel = _entry(menu, "Cancel session")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(cancel).center())
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=5_000)
    assert view.message.text() == "Type why the session is cancelled, then press Alt+X."
    assert view.reason.hasFocus()
    assert not occurrence_of(desk.engine, desk.welding_series, NEXT_MONDAY).cancelled

    qtbot.keyClicks(view.reason, "welder away")
    rect = view.time_grid.block_rect(welding)
    qtbot.mouseClick(view.time_grid, Qt.MouseButton.RightButton, pos=rect.center())
    menu = _menu(qtbot)
    cancel = _entry(menu, "Cancel session")
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(cancel).center())
    stored = occurrence_of(desk.engine, desk.welding_series, NEXT_MONDAY)
    assert stored.cancelled and stored.reason == "welder away"
    shown = _session(view, "Welding I", NEXT_MONDAY)
    assert shown.cancelled and view.time_grid.markers(shown) == ["Cancelled"]
    assert "Cancelled" in view.time_grid.accessibleDescription()  # still selected
    assert view.message.text() == "Cancelled Welding I of 23 Nov."


@POPUP
def test_the_menu_key_restores_a_cancelled_session(qtbot: QtBot, desk: Desk) -> None:
    desk.services.schedule.cancel_occurrence(desk.carpentry_series, NEXT_MONDAY, "no wood")
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    grid = view.time_grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_End)
    assert _chosen(view) == ("Carpentry", NEXT_MONDAY)
    qtbot.keyClick(grid, Qt.Key.Key_Menu)
    menu = _menu(qtbot)
    assert menu.geometry().contains(grid.mapToGlobal(grid.block_rect(view.selected()).center()))  # type: ignore[arg-type]
    assert not _entry(menu, "Cancel session").isEnabled()
    assert not _entry(menu, "Move to").isEnabled()
    restore = _entry(menu, "Restore")
    assert restore.isEnabled()
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(restore).center())
    assert not occurrence_of(desk.engine, desk.carpentry_series, NEXT_MONDAY).cancelled
    assert view.message.text() == "Restored Carpentry of 23 Nov."
    assert grid.markers(_session(view, "Carpentry", NEXT_MONDAY)) == []


def test_clashes_sit_side_by_side_and_say_so(qtbot: QtBot, desk: Desk) -> None:
    with _uow(desk)() as u:  # Metalwork in the Workshop at 09:30 on Mondays, as Welding I
        program = add_program(u, "Metal")
        kim = add_person(u, desk.facility_id, "Kim", "Lee", role=Role.INSTRUCTOR)
        u.flush()
        metal = add_class(u, desk.facility_id, program, "Metalwork", instructor_id=kim)
        u.flush()
        workshop = occurrence_of(desk.engine, desk.welding_series, NEXT_MONDAY).room_id
        add_series(
            u,
            desk.facility_id,
            metal,
            datetime(2026, 1, 5, 9, 30),
            room_id=workshop,
            instructor_id=kim,
        )
        u.commit()
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    _reload(qtbot, desk, view)
    grid = view.time_grid
    welding = _session(view, "Welding I", NEXT_MONDAY)
    metal_session = _session(view, "Metalwork", NEXT_MONDAY)
    carpentry = _session(view, "Carpentry", NEXT_MONDAY)
    a, b = grid.block_rect(welding), grid.block_rect(metal_session)
    assert not a.intersects(b) and a.top() < b.top() and a.right() < b.left()
    assert grid.markers(welding) == ["⚠ clash: room"]
    assert grid.markers(metal_session) == ["⚠ clash: room"]
    assert grid.markers(carpentry) == []
    assert grid.block_rect(carpentry).width() > a.width()  # alone: the whole column
    _click(qtbot, view, metal_session)
    assert grid.accessibleDescription() == (
        "Metalwork, Mon 23 Nov 09:30–10:30, Workshop, Kim Lee, ⚠ clash: room"
    )
    # The red outline is painted (once another session is selected): the block's edge.
    _click(qtbot, view, carpentry)
    image = grid.grab().toImage()
    edge = image.pixelColor(b.left() + 1, b.center().y())
    assert edge == QColor("#d62728")


def test_moved_and_substituted_sessions_are_marked(qtbot: QtBot, desk: Desk) -> None:
    with _uow(desk)() as u:
        kim = add_person(u, desk.facility_id, "Kim", "Lee", role=Role.INSTRUCTOR)
        u.commit()
    schedule = desk.services.schedule
    schedule.reschedule_occurrence(
        desk.welding_series, NEXT_MONDAY, datetime(2026, 11, 24, 15, 0), reason="boiler"
    )
    schedule.substitute_instructor(desk.carpentry_series, NEXT_MONDAY, kim, "leave")
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    grid = view.time_grid
    moved = _session(view, "Welding I", NEXT_MONDAY)
    assert grid.column_rect(date(2026, 11, 24)).contains(grid.block_rect(moved).center())
    assert grid.markers(moved) == ["↔ moved"]
    assert grid.markers(_session(view, "Carpentry", NEXT_MONDAY)) == ["sub: Kim Lee"]
    _click(qtbot, view, moved)
    assert grid.accessibleDescription() == (
        "Welding I, Tue 24 Nov 15:00–16:00, Workshop, no instructor, ↔ moved, boiler"
    )


def test_the_month_grid_shows_what_fits_and_more_opens_the_day(qtbot: QtBot, desk: Desk) -> None:
    desk.win.resize(1280, 720)
    with _uow(desk)() as u:  # eight more classes on Wednesday 25 November, hourly from 08:00
        program = add_program(u, "Short courses")
        u.flush()
        for i in range(8):
            course = add_class(u, desk.facility_id, program, f"Course {i}")
            u.flush()
            add_series(u, desk.facility_id, course, datetime(2026, 11, 25, 8 + i, 0), rrule=None)
        u.commit()
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_M, ALT)
    grid = view.month_grid
    assert view.grid() is grid and grid.isVisible()
    assert view.title.text() == "November 2026"
    assert len(grid.weeks) == 6  # 26 October to 6 December
    lines, more = grid.shown_on(NEXT_MONDAY)
    assert (lines, more) == (["09:00 Welding I", "13:00 Carpentry"], 0)
    lines, more = grid.shown_on(date(2026, 11, 25))
    assert more > 0 and len(lines) + more == 8
    assert lines == [f"{8 + i:02d}:00 Course {i}" for i in range(len(lines))]
    assert grid.shown_on(date(2026, 12, 1)) == ([], 0)  # December is not loaded
    assert grid.today == TODAY

    # The keyboard reaches a session hidden behind "+N more": it is shown while selected.
    _click(qtbot, view, _session(view, f"Course {len(lines) - 2}", date(2026, 11, 25)))
    for _ in range(8):
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert _chosen(view) == ("Course 7", date(2026, 11, 25))
    assert "08:00 Course 0" in grid.shown_on(date(2026, 11, 25))[0]
    assert grid.shown_on(date(2026, 11, 25))[0][-1] == "15:00 Course 7"

    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.mouseClick(
            grid, Qt.MouseButton.LeftButton, pos=grid.more_rect(date(2026, 11, 25)).center()
        )
    assert view.mode == "day" and view.grid() is view.time_grid
    assert view.model.rowCount() == 8
    assert view.time_grid.days == [date(2026, 11, 25)]


def test_the_program_filter_and_an_empty_week(qtbot: QtBot, desk: Desk) -> None:
    with _uow(desk)() as u:
        program = add_program(u, "Arts")
        u.flush()
        drawing = add_class(u, desk.facility_id, program, "Drawing")
        u.flush()
        add_series(u, desk.facility_id, drawing, datetime(2026, 11, 27, 10, 0), rrule=None)
        u.commit()
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    _reload(qtbot, desk, view)
    box = view.program_filter
    qtbot.waitUntil(lambda: box.count() == 3, timeout=10_000)
    assert [box.itemText(i) for i in range(3)] == ["All programs", "Arts", "Trades"]
    qtbot.keyClick(view, Qt.Key.Key_G, ALT)
    assert box.hasFocus()
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert [o.class_name for o in view.time_grid.sessions()] == ["Drawing"]
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
    assert view.time_grid.sessions() == []
    assert view.empty_note.isVisible()
    assert view.empty_note.text() == "No sessions in this week for Arts."
    assert view.time_grid.empty_text == "No sessions in this week for Arts."


def test_filters_and_actions_fit_at_1280_by_720(qtbot: QtBot, desk: Desk) -> None:
    desk.win.resize(1280, 720)
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    qtbot.waitUntil(lambda: view.program_filter.count() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: view.room_filter.count() == 3, timeout=10_000)
    desk.win.resize(1280, 720)
    qtbot.waitUntil(lambda: desk.win.width() == 1280, timeout=5_000)
    QApplication.processEvents()
    for box in view.findChildren(QComboBox):
        if box.isVisibleTo(view):
            assert box.width() >= box.sizeHint().width(), box.accessibleName()
            assert box.geometry().right() <= view.width(), box.accessibleName()
    assert view.pages.height() >= 250  # the grid keeps most of the height
    for button in (view.cancel_button, view.restore_button, view.action_row.substitute_button):
        assert button.geometry().right() <= view.width()
        assert button.width() >= button.sizeHint().width()


def test_the_list_shows_the_same_selection(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    _click(qtbot, view, _session(view, "Carpentry", NEXT_MONDAY))
    qtbot.keyClick(view, Qt.Key.Key_L, ALT)
    qtbot.waitUntil(view.table.isVisible, timeout=5_000)
    assert view.grid() is None and not view.time_grid.isVisible()
    rows = view.table.selectionModel().selectedRows()
    assert [view.model.index(r.row(), 1).data() for r in rows] == ["Carpentry"]
    qtbot.keyClick(view, Qt.Key.Key_L, ALT)
    qtbot.waitUntil(view.time_grid.isVisible, timeout=5_000)
    assert _chosen(view) == ("Carpentry", NEXT_MONDAY)


def test_unavailable_hours_are_shaded(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    grid = view.time_grid
    tuesday = date(2026, 11, 24)
    column = grid.column_rect(tuesday)
    y = grid.y_of(datetime(2026, 11, 24, 10, 30))
    before = grid.grab().toImage()
    grid.set_unavailable([(datetime(2026, 11, 24, 10, 0), datetime(2026, 11, 24, 12, 0))])
    after = grid.grab().toImage()

    def shaded(image: object, x0: int, x1: int, row: int) -> int:
        return sum(
            image.pixelColor(x, row) != QColor("#ffffff")  # type: ignore[attr-defined]
            for x in range(x0, x1)
        )

    inside = (column.left() + 4, column.right() - 4)
    assert shaded(after, *inside, y) > shaded(before, *inside, y) + 5
    other = grid.column_rect(date(2026, 11, 26))
    assert shaded(after, other.left() + 4, other.right() - 4, y) == shaded(
        before, other.left() + 4, other.right() - 4, y
    )
    assert grid.unavailable() == [(datetime(2026, 11, 24, 10, 0), datetime(2026, 11, 24, 12, 0))]
