"""The calendar as an admin fixing the schedule uses it: a session opened from the calendar,
a marked session cancelled only after saying how many marks it holds, a cancelled one
restored, actions only on the session shown and selected, and the list refreshed from the one
change signal."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.enums import AttendanceStatus
from app.services.changes import OVERRIDES, Changes
from app.ui.views.calendar import CalendarView
from tests.integration.factories import occurrence_of
from tests.ui.conftest import PAST_MONDAY, Desk

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NEXT_MONDAY = date(2026, 11, 23)


def _calendar(qtbot: QtBot, desk: Desk, day: date) -> CalendarView:
    """Ctrl+3, then the week of ``day``."""
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    assert desk.win.stack.currentWidget() is view
    if view.anchor.date() == QDate(day.year, day.month, day.day):
        return view
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        view.anchor.setDate(QDate(day.year, day.month, day.day))
    return view


def _shown(view: CalendarView) -> list[tuple[str, date, str]]:
    """Class, date and the Note column of every row, as the table shows them."""
    model = view.model
    return [
        (
            model.index(r, 1).data(),
            model.row_at(r).original_date,
            model.index(r, 4).data(),
        )
        for r in range(model.rowCount())
    ]


def _row_of(view: CalendarView, class_name: str, day: date) -> int:
    return next(
        r
        for r in range(view.model.rowCount())
        if (view.model.row_at(r).class_name, view.model.row_at(r).original_date)
        == (class_name, day)
    )


def _select_with_keys(qtbot: QtBot, view: CalendarView, class_name: str, day: date) -> None:
    """Focus on the grid, Home, then Right to the day and Down to the session, as a person
    moves between sessions on the calendar."""
    grid = view.time_grid
    assert grid.isVisible()
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    for _ in range(7):
        chosen = view.selected()
        if chosen is None or chosen.start_local.date() >= day:
            break
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    for _ in range(view.model.rowCount()):
        chosen = view.selected()
        if chosen is None or chosen.class_name == class_name:
            break
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    chosen = view.selected()
    assert chosen is not None and (chosen.class_name, chosen.original_date) == (class_name, day)


def _question(qtbot: QtBot, owner: QWidget) -> QMessageBox:
    """The message box ``owner`` (or a widget inside it) is showing: a box some other window
    left open, in a test before this one, is not it."""
    found: list[QMessageBox] = []

    def asked_by_owner(box: QMessageBox) -> bool:
        parent = box.parentWidget()
        while parent is not None and parent is not owner:
            parent = parent.parentWidget()
        return parent is owner

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and asked_by_owner(w)
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10_000)
    return found[0]


def _mark(desk: Desk, series: object, day: date, n: int) -> None:
    for student in desk.students[:n]:
        desk.services.attendance.mark(series, day, student, AttendanceStatus.PRESENT)  # type: ignore[arg-type]


def _marks(desk: Desk, series: object, day: date) -> list[tuple[object, bool]]:
    sheet = desk.services.attendance.sheet(series, day)  # type: ignore[arg-type]
    return [(r.status, r.needs_review) for r in sheet.rows if r.status is not None]


def test_enter_on_a_calendar_session_opens_exactly_that_sheet(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, PAST_MONDAY)
    _select_with_keys(qtbot, view, "Carpentry", PAST_MONDAY)  # the second session of that day
    with qtbot.waitSignal(view.sig_open_sheet, timeout=5_000) as opened:
        qtbot.keyClick(view.time_grid, Qt.Key.Key_Return)
    assert opened.args == [desk.carpentry_series, PAST_MONDAY]
    sheet_view = desk.win.attendance
    assert desk.win.stack.currentWidget() is sheet_view
    qtbot.waitUntil(
        lambda: (
            sheet_view.sheet is not None
            and sheet_view.sheet.series_id == desk.carpentry_series
            and sheet_view.sheet.occurrence.original_date == PAST_MONDAY
            and sheet_view.model.rowCount() == 10
        ),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)  # every load has landed
    assert sheet_view.sheet is not None and sheet_view.sheet.series_id == desk.carpentry_series
    assert sheet_view.session_box.currentData() == (desk.carpentry_series, PAST_MONDAY)


def test_double_click_on_a_session_opens_its_sheet(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, PAST_MONDAY)
    row = _row_of(view, "Welding I", PAST_MONDAY)
    grid = view.time_grid
    rect = grid.block_rect(view.model.row_at(row))
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.sig_open_sheet, timeout=5_000) as opened:
        qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [desk.welding_series, PAST_MONDAY]
    sheet_view = desk.win.attendance
    assert desk.win.stack.currentWidget() is sheet_view
    qtbot.waitUntil(
        lambda: (
            sheet_view.sheet is not None
            and sheet_view.sheet.series_id == desk.welding_series
            and sheet_view.sheet.occurrence.original_date == PAST_MONDAY
        ),
        timeout=10_000,
    )
    assert sheet_view.model.rowCount() == 30


def test_cancelling_a_marked_session_asks_first_and_no_keeps_it(qtbot: QtBot, desk: Desk) -> None:
    _mark(desk, desk.welding_series, PAST_MONDAY, 12)
    view = _calendar(qtbot, desk, PAST_MONDAY)
    _select_with_keys(qtbot, view, "Welding I", PAST_MONDAY)
    view.reason.setFocus()
    qtbot.keyClicks(view.reason, "boiler broken")
    qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    box = _question(qtbot, view)
    assert "This session has 12 marks. Cancel it anyway?" in box.text()
    assert "The marks are kept and set for review." in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: No
    qtbot.waitUntil(lambda: not box.isVisible() and not desk.runner.busy, timeout=5_000)
    kept = occurrence_of(desk.engine, desk.welding_series, PAST_MONDAY)
    assert not kept.cancelled
    assert (
        _marks(desk, desk.welding_series, PAST_MONDAY) == [(AttendanceStatus.PRESENT, False)] * 12
    )
    assert view.reason.text() == "boiler broken"  # nothing typed is lost
    assert ("Welding I", PAST_MONDAY, "") in _shown(view)


def test_yes_cancels_the_marked_session_and_sets_its_marks_for_review(
    qtbot: QtBot, desk: Desk
) -> None:
    _mark(desk, desk.welding_series, PAST_MONDAY, 1)
    view = _calendar(qtbot, desk, PAST_MONDAY)
    _select_with_keys(qtbot, view, "Welding I", PAST_MONDAY)
    view.reason.setFocus()
    qtbot.keyClicks(view.reason, "boiler broken")
    qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    box = _question(qtbot, view)
    assert "This session has 1 mark. Cancel it anyway?" in box.text()
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert ("Welding I", PAST_MONDAY, "Cancelled: boiler broken") in _shown(view)
    stored = occurrence_of(desk.engine, desk.welding_series, PAST_MONDAY)
    assert stored.cancelled and stored.reason == "boiler broken"
    assert _marks(desk, desk.welding_series, PAST_MONDAY) == [(AttendanceStatus.PRESENT, True)]
    # The same session stays selected, now offering to be restored.
    chosen = view.selected()
    assert chosen is not None and chosen.cancelled
    assert view.restore_button.isEnabled() and not view.cancel_button.isEnabled()


def test_a_cancelled_session_is_restored_with_alt_e(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    _select_with_keys(qtbot, view, "Carpentry", NEXT_MONDAY)
    assert not view.restore_button.isEnabled()  # nothing to restore on a session that is on
    view.reason.setFocus()
    qtbot.keyClicks(view.reason, "trip")
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_X, ALT)  # no marks: no question
    assert ("Carpentry", NEXT_MONDAY, "Cancelled: trip") in _shown(view)
    assert occurrence_of(desk.engine, desk.carpentry_series, NEXT_MONDAY).cancelled
    assert view.restore_button.isEnabled()

    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_E, ALT)
    assert ("Carpentry", NEXT_MONDAY, "") in _shown(view)
    assert view.message.text() == "Restored Carpentry of 23 Nov."
    restored = occurrence_of(desk.engine, desk.carpentry_series, NEXT_MONDAY)
    assert not restored.cancelled and restored.reason is None
    assert not view.restore_button.isEnabled() and view.cancel_button.isEnabled()


def test_after_a_filter_the_old_selection_is_not_acted_on(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    qtbot.waitUntil(lambda: view.room_filter.count() == 3, timeout=10_000)
    _select_with_keys(qtbot, view, "Welding I", NEXT_MONDAY)
    view.reason.setFocus()
    qtbot.keyClicks(view.reason, "welder away")
    # The room filter, from the keyboard: Shop 2 hides Welding I (in the Workshop).
    view.room_filter.setFocus()
    shop = view.room_filter.findText("Shop 2")
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        for _ in range(shop - view.room_filter.currentIndex()):
            qtbot.keyClick(view.room_filter, Qt.Key.Key_Down)
    assert [name for name, _d, _n in _shown(view)] == ["Carpentry"]
    assert view.selected() is None
    assert not view.cancel_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=5_000)
    assert view.message.text() == "Select a session in the list first."
    for series in (desk.welding_series, desk.carpentry_series):
        assert not occurrence_of(desk.engine, series, NEXT_MONDAY).cancelled


def test_an_empty_week_says_so(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    assert not view.empty_note.isVisible()
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        view.anchor.setDate(QDate(2025, 12, 29))  # before the classes start
    assert view.model.rowCount() == 0
    assert view.empty_note.isVisible()
    assert view.empty_note.text() == "No sessions in this week."
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_D, ALT)
    assert view.empty_note.text() == "No sessions on this day."
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)  # Monday 5 January 2026, the first session
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    assert not view.empty_note.isVisible()


def test_the_calendar_reloads_when_a_sync_changes_the_schedule(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    desk.services.schedule.cancel_occurrence(desk.welding_series, NEXT_MONDAY, "pulled")
    assert ("Welding I", NEXT_MONDAY, "") in _shown(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        desk.win.changes.publish(Changes.of(OVERRIDES, facility_id=desk.facility_id, source="sync"))
    assert ("Welding I", NEXT_MONDAY, "Cancelled: pulled") in _shown(view)


def test_a_calendar_cancel_is_published_once_and_today_shows_it(qtbot: QtBot, desk: Desk) -> None:
    published: list[Changes] = []
    desk.win.changes.sig_changed.connect(published.append)
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    _select_with_keys(qtbot, view, "Welding I", NEXT_MONDAY)
    view.reason.setFocus()
    qtbot.keyClicks(view.reason, "inspection")
    today = desk.win.today
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    assert [(c.source, c.touches(OVERRIDES, facility_id=desk.facility_id)) for c in published] == [
        ("calendar", True)
    ]
    with qtbot.waitSignal(today.sig_loaded, timeout=10_000):
        qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)  # Today reloads as it is shown
    assert desk.win.stack.currentWidget() is today
    rows = [
        (today.model.index(r, 1).data(), today.model.index(r, 4).data())
        for r in range(today.model.rowCount())
    ]
    assert ("Welding I", "Cancelled: inspection") in rows
    assert ("Carpentry", "") in rows


def test_every_calendar_control_has_an_accessible_name(
    qtbot: QtBot,
    desk: Desk,
    qtmodeltester: ModelTester,
) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    qtmodeltester.check(view.model)
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()}"
        for w in view.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(view)
        and not w.accessibleName()
        and w.parent() is not None
        and type(w.parent()).__name__ not in ("QComboBox", "QDateEdit", "QDateTimeEdit")
        and type(w).__name__ != "QTableCornerButton"
    ]
    assert unnamed == []


def _unnamed_in(dialog: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()}"
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(dialog)
        and not w.accessibleName()
        and type(w.parent()).__name__ not in ("QComboBox", "QDateEdit", "QTimeEdit", "QSpinBox")
    ]


def test_the_series_and_substitute_dialogs_name_their_controls(qtbot: QtBot, desk: Desk) -> None:
    view = _calendar(qtbot, desk, NEXT_MONDAY)
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL)
    series = view.series_dialog
    assert series is not None
    qtbot.waitUntil(lambda: series.isVisible() and not series.busy, timeout=10_000)
    assert _unnamed_in(series) == []
    assert series.first_date.accessibleName() == "First date"
    series.reject()
    _select_with_keys(qtbot, view, "Welding I", NEXT_MONDAY)
    qtbot.keyClick(view, Qt.Key.Key_I, ALT)
    substitute = view.substitute_dialog
    assert substitute is not None
    qtbot.waitUntil(substitute.isVisible, timeout=10_000)
    assert _unnamed_in(substitute) == []
    substitute.reject()
