"""The attendance sheet with the mouse and a finger: a row's mark buttons, "All present" with its
question, reasons from the facility's own list, columns that fit at 1280×720, and the sheet
opening on the session happening now for the signed-in instructor. Each test clicks and types
on the main window and checks what it shows and what the workstation's cache holds."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import Services, build_services
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import BUILT_IN_REASONS
from app.services.changes import ATTENDANCE, Changes
from app.ui.delegates.mark_buttons import BUTTON_HEIGHT, button_rects
from app.ui.main_window import Workstation
from app.ui.models.sheet_table import MARK, NAME, NOTE, REASON, STATUS
from app.ui.views.attendance import AttendanceView
from tests.integration.factories import add_person
from tests.ui.conftest import DESK_CLOCK, PAST_MONDAY, Desk, open_sheet_of

A = AttendanceStatus
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
NEXT_MONDAY = date(2026, 11, 23)


def _stored(desk: Desk, series: uuid.UUID, day: date = PAST_MONDAY) -> list[A | None]:
    return [row.status for row in desk.services.attendance.sheet(series, day).rows]


def _button(view: AttendanceView, row: int, status: A) -> QPoint:
    """The centre of a row's mark button, in the table's viewport (scrolled into view)."""
    index = view.model.index(row, MARK)
    view.table.scrollTo(index)
    return dict(button_rects(view.table.visualRect(index)))[status].center()


def _click(qtbot: QtBot, view: AttendanceView, row: int, status: A) -> None:
    """Click a mark button and wait until the mark is saved."""
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.mouseClick(view.table.viewport(), LEFT, pos=_button(view, row, status))


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _kim(desk: Desk) -> Services:
    return build_services(desk.engine, Actor("kim_lee", device_id="ws-2"), DESK_CLOCK)


def _sign_in_at(desk: Desk, at: datetime | FixedClock, username: str = "desk_test") -> Services:
    """The same cache at another time (and as another login): the window starts over on it."""
    clock = at if isinstance(at, FixedClock) else FixedClock(at)
    services = build_services(desk.engine, Actor(username, device_id="ws-1"), clock)
    facilities = tuple(services.facilities.list_facilities())
    desk.win.set_workstation(Workstation(services, None, facilities, "Test workstation"))
    return services


def _instructor(desk: Desk, username: str) -> uuid.UUID:
    """A staff member of the facility who signs in as ``username``."""
    uow = UnitOfWorkFactory(desk.engine, Actor("admin", device_id="ws-1"))
    with uow() as u:
        person = add_person(u, desk.facility_id, "Dana", "Reyes", role=Role.INSTRUCTOR)
        u.commit()
    with desk.engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET username = :name WHERE id = :id"),
            {"name": username, "id": person.hex},
        )
    return person


def _open_today(qtbot: QtBot, desk: Desk) -> AttendanceView:
    """Ctrl+4 on a fresh window: whatever session the sheet opens on by itself."""
    qtbot.keyClick(desk.win, Qt.Key.Key_4, CTRL)
    view = desk.win.attendance
    qtbot.waitUntil(lambda: view.sheet is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)  # no later answer pending
    return view


# -- the row's buttons ------------------------------------------------------------------------


def test_a_click_on_a_row_s_buttons_marks_that_student_with_a_symbol_and_a_colour(
    qtbot: QtBot,
    desk: Desk,
    qtmodeltester: ModelTester,
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    qtmodeltester.check(view.model)
    _click(qtbot, view, 3, A.LATE)
    _click(qtbot, view, 0, A.PRESENT)
    _click(qtbot, view, 7, A.ABSENT_UNEXCUSED)
    _click(qtbot, view, 8, A.ABSENT_EXCUSED)
    stored = _stored(desk, desk.welding_series)
    assert (stored[0], stored[3], stored[7], stored[8]) == (
        A.PRESENT,
        A.LATE,
        A.ABSENT_UNEXCUSED,
        A.ABSENT_EXCUSED,
    )
    assert stored.count(None) == 26
    shown = [view.model.index(r, STATUS).data() for r in (0, 3, 7, 8, 1)]
    assert shown == ["✓ Present", "◔ Late", "✗ Absent", "E Excused", "—"]
    assert "4 of 30 marked" in view.summary.text()
    assert view.current_row() == 8  # the row clicked is the row selected


def test_the_partial_button_asks_for_the_minutes_and_late_and_partial_look_different(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    _click(qtbot, view, 1, A.LATE)
    qtbot.mouseClick(view.table.viewport(), LEFT, pos=_button(view, 2, A.PARTIAL))
    dialog = view.minutes_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: _focused() is dialog.minutes, timeout=5_000)
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClicks(dialog.minutes, "25")
        qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    row = desk.services.attendance.sheet(desk.welding_series, PAST_MONDAY).rows[2]
    assert row.status is A.PARTIAL and row.minutes == 25
    assert [view.model.index(r, STATUS).data() for r in (1, 2)] == ["◔ Late", "◑ Partial"]
    late = view.model.index(1, NAME).data(Qt.ItemDataRole.BackgroundRole)
    partial = view.model.index(2, NAME).data(Qt.ItemDataRole.BackgroundRole)
    assert late is not None and partial is not None
    assert abs(late.hue() - partial.hue()) > 60  # orange and lavender, not two yellows


def test_a_double_click_on_a_button_marks_once(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    point = _button(view, 5, A.ABSENT_UNEXCUSED)
    viewport = view.table.viewport()
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.mouseClick(viewport, LEFT, pos=point)  # a real double click: press, release,
    qtbot.mouseDClick(viewport, LEFT, pos=point)  # double-click press,
    qtbot.mouseRelease(viewport, LEFT, pos=point)  # release
    desk.runner.wait_idle()
    assert _stored(desk, desk.welding_series)[5] is A.ABSENT_UNEXCUSED
    assert view.table.state() != view.table.State.EditingState
    view.table.setFocus()
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert set(_stored(desk, desk.welding_series)) == {None}  # one undo undid it all


def test_the_all_present_button_asks_first_and_is_one_undo_step(qtbot: QtBot, desk: Desk) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.carpentry_series)
    _click(qtbot, view, 0, A.ABSENT_UNEXCUSED)
    qtbot.mouseClick(view.all_present_button, LEFT)
    box = view.marking.all_present_box
    assert box is not None and box.isVisible()
    assert "9 unmarked students of Carpentry" in box.text()
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    assert cancel is not None
    qtbot.mouseClick(cancel, LEFT)
    qtbot.waitUntil(lambda: view.marking.all_present_box is None, timeout=5_000)
    desk.runner.wait_idle()
    assert _stored(desk, desk.carpentry_series).count(None) == 9  # nothing marked

    qtbot.mouseClick(view.all_present_button, LEFT)
    box = view.marking.all_present_box
    assert box is not None
    confirm = next(b for b in box.buttons() if b.text() == "Mark 9 present")
    assert confirm.accessibleName()
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.mouseClick(confirm, LEFT)
    assert _stored(desk, desk.carpentry_series) == [A.ABSENT_UNEXCUSED] + [A.PRESENT] * 9
    assert "10 of 10 marked" in view.summary.text()
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert _stored(desk, desk.carpentry_series) == [A.ABSENT_UNEXCUSED] + [None] * 9
    assert set(_stored(desk, desk.welding_series)) == {None}


def test_a_click_on_a_session_not_started_says_why_and_marks_nobody(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, date(2026, 11, 30), desk.welding_series)
    with qtbot.waitSignal(view.sig_refused, timeout=5_000) as refused:
        qtbot.mouseClick(view.table.viewport(), LEFT, pos=_button(view, 2, A.PRESENT))
    assert "not started" in refused.args[0]
    desk.runner.wait_idle()
    assert set(_stored(desk, desk.welding_series, date(2026, 11, 30))) == {None}


def test_rows_and_buttons_are_big_enough_for_a_finger_and_named_for_a_screen_reader(
    qtbot: QtBot, desk: Desk
) -> None:
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    assert view.table.rowHeight(0) >= 36
    rects = button_rects(view.table.visualRect(view.model.index(0, MARK)))
    assert [status for status, _rect in rects] == [
        A.PRESENT,
        A.LATE,
        A.PARTIAL,
        A.ABSENT_EXCUSED,
        A.ABSENT_UNEXCUSED,
    ]
    assert all(rect.height() >= BUTTON_HEIGHT >= 36 and rect.width() >= 36 for _s, rect in rects)
    assert view.all_present_button.height() >= 36 and view.paper_button.height() >= 36
    for widget in (view.all_present_button, view.paper_button, view.table):
        assert widget.accessibleName(), widget
    said = view.model.index(0, MARK).data(Qt.ItemDataRole.AccessibleTextRole)
    assert said.startswith("Mark Last00, First00:") and "Present (P)" in said
    assert "Absent (A)" in said and said.endswith("Now not marked.")
    _click(qtbot, view, 0, A.LATE)
    assert view.model.index(0, MARK).data(Qt.ItemDataRole.AccessibleTextRole).endswith("Now Late.")


# -- reasons ----------------------------------------------------------------------------------


def test_reasons_typed_anywhere_at_the_facility_are_offered_most_used_first(
    qtbot: QtBot, desk: Desk
) -> None:
    kim = _kim(desk)
    for student in desk.students[:2]:  # at another desk, in another class
        kim.attendance.mark(
            desk.carpentry_series,
            PAST_MONDAY,
            student,
            A.ABSENT_EXCUSED,
            absence_reason="Parole hearing",
        )
    kim.attendance.mark(
        desk.carpentry_series,
        PAST_MONDAY,
        desk.students[2],
        A.ABSENT_EXCUSED,
        absence_reason="court date",
    )
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):  # as a sync pull says
        desk.win.changes.publish(
            Changes.of(ATTENDANCE, facility_id=desk.facility_id, source="sync")
        )
    desk.runner.wait_idle()
    _click(qtbot, view, 4, A.ABSENT_EXCUSED)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(4, REASON))
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = _focused()  # the reason's editor: a combo box (or its line edit)
    combo = editor if isinstance(editor, QComboBox) else editor.parent()
    assert isinstance(combo, QComboBox)
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered[:2] == ["Parole hearing", "Court date"]  # typed twice, once (any case)
    assert offered[2:] == [r for r in BUILT_IN_REASONS if r != "Court date"]
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClicks(_focused(), "Paro")  # completed from the list
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    row = desk.services.attendance.sheet(desk.welding_series, PAST_MONDAY).rows[4]
    assert row.status is A.ABSENT_EXCUSED and row.absence_reason == "Parole hearing"
    assert view.model.index(4, REASON).data() == "Parole hearing"


# -- what fits at 1280×720 --------------------------------------------------------------------


def test_at_1280_by_720_names_and_marks_fit_and_the_reason_and_note_share_the_rest(
    qtbot: QtBot, desk: Desk
) -> None:
    with desk.engine.begin() as conn:  # the longest name of the class
        conn.execute(
            text("UPDATE users SET name_last = 'Okonkwo-Delacroix Abernathy' WHERE id = :id"),
            {"id": desk.students[4].hex},
        )
    desk.win.resize(1280, 720)
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    _click(qtbot, view, 1, A.LATE)
    qtbot.waitUntil(lambda: view.table.viewport().width() > 0, timeout=5_000)
    table, metrics = view.table, view.table.fontMetrics()
    for row in range(view.model.rowCount()):
        for column in (NAME, STATUS):
            shown = view.model.index(row, column).data()
            assert table.columnWidth(column) >= metrics.horizontalAdvance(shown), shown
    cell = table.visualRect(view.model.index(0, MARK))
    assert all(cell.contains(rect) for _status, rect in button_rects(cell))
    assert table.columnWidth(REASON) >= 90 and table.columnWidth(NOTE) >= 90
    assert abs(table.columnWidth(REASON) - table.columnWidth(NOTE)) <= 1  # they share
    visible = [c for c in range(view.model.columnCount()) if not table.isColumnHidden(c)]
    assert sum(table.columnWidth(c) for c in visible) == table.viewport().width()


# -- which session the sheet opens on ---------------------------------------------------------


def test_the_sheet_opens_on_the_session_happening_now_not_the_day_s_first(
    qtbot: QtBot, desk: Desk
) -> None:
    _sign_in_at(desk, datetime(2026, 11, 23, 18, 30, tzinfo=UTC))  # Monday 13:30 New York
    view = _open_today(qtbot, desk)
    assert view.sheet is not None
    assert (view.sheet.series_id, view.sheet.occurrence.original_date) == (
        desk.carpentry_series,
        NEXT_MONDAY,
    )
    assert "Carpentry" in view.session_box.currentText()
    assert view.model.rowCount() == 10
    _click(qtbot, view, 0, A.PRESENT)
    assert _stored(desk, desk.carpentry_series, NEXT_MONDAY)[0] is A.PRESENT
    assert set(_stored(desk, desk.welding_series, NEXT_MONDAY)) == {None}


def test_the_sheet_opens_on_the_next_session_before_and_the_last_after_the_day_s(
    qtbot: QtBot, desk: Desk
) -> None:
    _sign_in_at(desk, datetime(2026, 11, 23, 16, 0, tzinfo=UTC))  # 11:00: between the two
    view = _open_today(qtbot, desk)
    assert view.sheet is not None and view.sheet.series_id == desk.carpentry_series
    _sign_in_at(desk, datetime(2026, 11, 23, 23, 0, tzinfo=UTC))  # 18:00: both are over
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    assert view.sheet is not None and view.sheet.series_id == desk.carpentry_series
    _sign_in_at(desk, datetime(2026, 11, 23, 12, 0, tzinfo=UTC))  # 07:00: before both
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    assert view.sheet is not None and view.sheet.series_id == desk.welding_series


def test_an_instructor_s_own_classes_come_first(qtbot: QtBot, desk: Desk) -> None:
    dana = _instructor(desk, "dana_reyes")
    with desk.engine.begin() as conn:  # Dana is Welding I's instructor
        conn.execute(
            text("UPDATE program_classes SET instructor_id = :who WHERE id = :id"),
            {"who": dana.hex, "id": desk.welding.hex},
        )
    # Monday 13:30: Carpentry is happening, but Dana's own class today is Welding I.
    _sign_in_at(desk, datetime(2026, 11, 23, 18, 30, tzinfo=UTC), "dana_reyes")
    view = _open_today(qtbot, desk)
    assert view.sheet is not None and view.sheet.series_id == desk.welding_series
    assert "Welding I" in view.session_box.currentText()
    # Next week Dana substitutes in Carpentry too: at 13:30 that one is happening.
    desk.services.schedule.substitute_instructor(
        desk.carpentry_series, date(2026, 11, 30), dana, "Kim is away"
    )
    _sign_in_at(desk, datetime(2026, 11, 30, 18, 30, tzinfo=UTC), "dana_reyes")
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    assert view.sheet is not None
    assert (view.sheet.series_id, view.sheet.occurrence.original_date) == (
        desk.carpentry_series,
        date(2026, 11, 30),
    )
    _click(qtbot, view, 2, A.LATE)
    stored = desk.services.attendance.sheet(desk.carpentry_series, date(2026, 11, 30)).rows[2]
    assert stored.status is A.LATE and stored.marked_by == "dana_reyes"


def test_shown_again_later_the_sheet_moves_on_unless_the_person_chose_a_session(
    qtbot: QtBot, desk: Desk
) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 13, 30, tzinfo=UTC))  # Monday 08:30
    _sign_in_at(desk, clock)
    view = _open_today(qtbot, desk)
    assert view.sheet is not None and view.sheet.series_id == desk.welding_series  # next
    qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)  # Today, until the afternoon
    clock.set(datetime(2026, 11, 23, 18, 30, tzinfo=UTC))  # 13:30
    qtbot.keyClick(desk.win, Qt.Key.Key_4, CTRL)
    qtbot.waitUntil(
        lambda: view.sheet is not None and view.sheet.series_id == desk.carpentry_series,
        timeout=10_000,
    )
    assert "Carpentry" in view.session_box.currentText()
    # The person picks Welding I themselves: it stays, whatever the time.
    view.session_box.setFocus()
    qtbot.keyClick(view.session_box, Qt.Key.Key_Up)
    qtbot.waitUntil(
        lambda: view.sheet is not None and view.sheet.series_id == desk.welding_series,
        timeout=10_000,
    )
    qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)
    clock.set(datetime(2026, 11, 23, 18, 45, tzinfo=UTC))
    qtbot.keyClick(desk.win, Qt.Key.Key_4, CTRL)
    desk.runner.wait_idle()
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    assert view.sheet is not None and view.sheet.series_id == desk.welding_series
