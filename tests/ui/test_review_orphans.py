"""A marked session moved to another day from the calendar, by keys: its marks stay, come to the
review queue (Ctrl+8) saying where the session went, and the student's record shows them set for
review (DESIGN §3 rule 5: no mark is ever hidden)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.models import AttendanceRecord
from app.domain.enums import AttendanceStatus
from app.ui.dialogs.student_record import MARKS
from tests.integration.factories import occurrence_of
from tests.ui.conftest import PAST_MONDAY, Desk
from tests.ui.test_calendar_flows import _calendar, _question, _select_with_keys, _shown
from tests.ui.test_record_flows import open_record
from tests.ui.test_review_queue import mark, open_review, texts

ALT = Qt.KeyboardModifier.AltModifier
WEDNESDAY = date(2026, 11, 18)


def _needs_review(desk: Desk) -> dict[tuple[object, date], bool]:
    with desk.engine.connect() as conn:
        rows = conn.execute(
            select(
                AttendanceRecord.event_id, AttendanceRecord.date, AttendanceRecord.needs_review
            ).where(AttendanceRecord.deleted_at.is_(None))
        ).all()
    return {(r[0], r[1]): bool(r[2]) for r in rows}


def test_a_marked_session_moved_to_another_day_is_in_review_and_in_the_record(
    qtbot: QtBot, desk: Desk
) -> None:
    student = desk.students[0]
    mark(desk, desk.welding_series, PAST_MONDAY, student, AttendanceStatus.PRESENT)
    mark(desk, desk.carpentry_series, PAST_MONDAY, student, AttendanceStatus.LATE)

    view = _calendar(qtbot, desk, PAST_MONDAY)
    _select_with_keys(qtbot, view, "Welding I", PAST_MONDAY)
    move_to = view.move_to
    assert move_to.dateTime() == QDateTime(QDate(2026, 11, 16), QTime(9, 0))
    move_to.setFocus()
    move_to.setCurrentSection(move_to.sectionAt(0))
    for _ in range(2):  # Monday, up two days: Wednesday
        qtbot.keyClick(move_to, Qt.Key.Key_Up)
    assert move_to.dateTime() == QDateTime(QDate(2026, 11, 18), QTime(9, 0))
    # The session holds a mark: the move asks first, naming it; No (the default) moves nothing.
    qtbot.keyClick(view, Qt.Key.Key_R, ALT)
    box = _question(qtbot, view)
    assert "This session has 1 mark" in box.text() and "Wed 18 Nov" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.message.text() == "Nothing was moved.", timeout=5_000)
    assert occurrence_of(desk.engine, desk.welding_series, PAST_MONDAY).start_local.date() == (
        PAST_MONDAY
    )
    with qtbot.waitActive(desk.win):  # no window manager offscreen: activation by hand
        desk.win.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_R, ALT)  # and again
    box = _question(qtbot, view)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert ("Welding I", PAST_MONDAY, "") not in _shown(view)
    # The offscreen platform has no window manager to hand activation back from the question.
    with qtbot.waitActive(desk.win):
        desk.win.activateWindow()
    assert occurrence_of(desk.engine, desk.welding_series, PAST_MONDAY).start_local.date() == (
        WEDNESDAY
    )

    # Stored: the mark is kept where it was taken, set for review; the other session's is not.
    assert _needs_review(desk) == {
        (desk.welding_series, PAST_MONDAY): True,
        (desk.carpentry_series, PAST_MONDAY): False,
    }

    review = open_review(qtbot, desk)
    assert review.heading.text() == "<h2>Review (1)</h2>"
    assert texts(review, 0)[:3] == [
        "Welding I, Wed 18 Nov 09:00",
        "First00 Last00 (STU-2026-0000)",
        "Present",
    ]
    assert texts(review, 0)[4] == "That session of Mon 16 Nov was moved to Wed 18 Nov 09:00."

    dialog = open_record(qtbot, desk, "Last00")
    qtbot.keyClick(dialog, Qt.Key.Key_M, ALT)
    model = dialog.models[MARKS]
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    by_class = {r[1]: r for r in rows}
    assert by_class["Welding I"][0] == "Wed 18 Nov 09:00"
    assert by_class["Welding I"][4] == "Set for review"
    assert by_class["Carpentry"][4] == ""
    dialog.reject()


def test_enter_on_a_mark_set_for_review_opens_it_in_the_queue(qtbot: QtBot, desk: Desk) -> None:
    """A mark whose session was cancelled has no sheet to open: the record opens the review
    queue on that very mark instead, among others of the day."""
    for student in desk.students[:3]:
        mark(desk, desk.welding_series, PAST_MONDAY, student, AttendanceStatus.PRESENT)
    desk.services.schedule.cancel_occurrence(desk.welding_series, PAST_MONDAY, "Boiler broke")
    assert all(_needs_review(desk).values())
    dialog = open_record(qtbot, desk, "Last01")
    qtbot.keyClick(dialog, Qt.Key.Key_M, ALT)
    view = dialog.views[MARKS]
    model = dialog.models[MARKS]
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
    assert model.index(0, 4).data() == "Set for review"
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    review = desk.win.review

    def the_student_is_selected_in_the_review() -> bool:
        selected = review.selected()
        return (
            desk.win.stack.currentWidget() is review
            and selected is not None
            and selected.student_id == desk.students[1]
        )

    qtbot.waitUntil(the_student_is_selected_in_the_review, timeout=10_000)
    assert review.model.rowCount() == 3
    assert "cancelled" in texts(review, review.table.currentIndex().row())[4].lower()
