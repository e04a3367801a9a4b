"""The review queue (Ctrl+8): every mark of the facility set for review, whichever workstation
pushed it, with why; Alt+K keeps, Alt+G changes, Alt+V moves a mark, each audited and queued."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Table, select, text, update

from app.db.base import Base
from app.db.models import AttendanceRecord, SessionSeries, User
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, Role
from app.domain.ids import attendance_id
from app.repositories.uow import UnitOfWorkFactory
from app.services.changes import ATTENDANCE, Changes
from app.sync.local import Issue, LocalStore
from app.sync.tables import to_json
from app.ui.main_window import SCREENS
from app.ui.views.review import ChoiceDialog, ReviewView
from tests.integration.factories import add_person, add_series
from tests.ui.conftest import PAST_MONDAY, Desk

PAST_TUESDAY = date(2026, 11, 17)


# -- a small world of marks set for review, made the way sync and the schedule make them -------


def add_staff(desk: Desk, first: str, last: str, username: str) -> uuid.UUID:
    with UnitOfWorkFactory(desk.engine, Actor("desk_test", device_id="ws-1"))() as u:
        staff = add_person(u, desk.facility_id, first, last, role=Role.INSTRUCTOR)
        u.flush()
        row = u.session.get(User, staff)
        assert row is not None
        row.username = username
        u.commit()
    return staff


def mark(
    desk: Desk, series: uuid.UUID, day: date, student: uuid.UUID, status: AttendanceStatus
) -> uuid.UUID:
    desk.services.attendance.mark(series, day, student, status)
    return attendance_id(series, student, day)


def as_pulled(desk: Desk, model: type[Base], row_id: uuid.UUID, **values: object) -> None:
    """Write values the way a pull does: into the cache, not into the outbox."""
    table = model.__table__
    assert isinstance(table, Table)  # a mapped class's FromClause: its Table here
    with LocalStore(desk.engine).applying() as conn:
        conn.execute(update(table).where(table.c.id == row_id).values(**values))


def sent(desk: Desk, issues: list[Issue]) -> None:
    """The outbox was pushed and accepted, with these issues coming back (LocalStore's path)."""
    local = LocalStore(desk.engine)
    batch = local.next_batch(100_000)
    if batch is not None:
        local.acknowledge(batch.hi, issues, None)
    elif issues:
        local.add_issues(issues)
    local.put_many(last_sync_at=desk.services.clock.now().isoformat())


def disagreement(desk: Desk, student: uuid.UUID, *, conflict_here: bool) -> uuid.UUID:
    """This desk marked Present, Kim Lee (another workstation) marked Absent and won the
    server's merge, which set the mark for review. With ``conflict_here`` this workstation also
    holds the conflict; without, it pulled the flagged mark only (another desk's disagreement)."""
    add_staff(desk, "Kim", "Lee", "kim_lee")
    mark_id = mark(desk, desk.welding_series, PAST_MONDAY, student, AttendanceStatus.PRESENT)
    issues = []
    if conflict_here:
        issues.append(
            Issue(
                "conflict",
                ATTENDANCE,
                mark_id,
                "Changed here and on the server since the last sync: attendance_status, "
                "marked_at, marked_by.",
                mine=to_json(
                    {
                        "attendance_status": "present",
                        "marked_by": "desk_test",
                        "marked_at": "2026-11-22T21:00:00+00:00",
                    }
                ),
                theirs=to_json(
                    {
                        "attendance_status": "absent_unexcused",
                        "marked_by": "kim_lee",
                        "marked_at": "2026-11-22T20:30:00+00:00",
                    }
                ),
            )
        )
    sent(desk, issues)
    as_pulled(
        desk,
        AttendanceRecord,
        mark_id,
        attendance_status=AttendanceStatus.ABSENT_UNEXCUSED,
        marked_by="kim_lee",
        needs_review=True,
    )
    return mark_id


def removed_series_mark(desk: Desk, student: uuid.UUID) -> uuid.UUID:
    """A Tuesday Welding I series, marked on 17 Nov, then removed from the schedule elsewhere."""
    with UnitOfWorkFactory(desk.engine, Actor("desk_test", device_id="ws-1"))() as u:
        tuesdays = add_series(u, desk.facility_id, desk.welding, datetime(2026, 1, 6, 9, 0))
        u.commit()
    mark_id = mark(desk, tuesdays, PAST_TUESDAY, student, AttendanceStatus.LATE)
    sent(desk, [])
    as_pulled(desk, SessionSeries, tuesdays, deleted_at=datetime(2026, 11, 20, 12, tzinfo=UTC))
    as_pulled(desk, AttendanceRecord, mark_id, needs_review=True)
    return mark_id


def after_sync(qtbot: QtBot, desk: Desk, view: QWidget) -> None:
    """What a sync cycle publishes after a pull; the view reloads from it."""
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)  # the first load is in
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):  # type: ignore[attr-defined]
        desk.win.changes.publish(
            Changes.of(ATTENDANCE, facility_id=desk.facility_id, source="sync")
        )


def open_review(qtbot: QtBot, desk: Desk) -> ReviewView:
    qtbot.keyClick(desk.win, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    view = desk.win.review
    assert desk.win.stack.currentWidget() is view
    after_sync(qtbot, desk, view)
    return view


def stored(desk: Desk, mark_id: uuid.UUID) -> dict[str, object]:
    with desk.engine.connect() as conn:
        return dict(
            conn.execute(select(AttendanceRecord.__table__).where(AttendanceRecord.id == mark_id))
            .mappings()
            .one()
        )


def outbox_rows(desk: Desk, row_id: uuid.UUID) -> int:
    with desk.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT row_id FROM sync_outbox WHERE table_name = :t"), {"t": ATTENDANCE}
        ).scalars()
        return sum(1 for r in rows if uuid.UUID(str(r)) == row_id)


def audited(desk: Desk, row_id: uuid.UUID) -> int:
    with desk.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT row_id FROM audit_log WHERE table_name = :t"), {"t": ATTENDANCE}
        ).scalars()
        return sum(1 for r in rows if uuid.UUID(str(r)) == row_id)


def texts(view: ReviewView, row: int) -> list[str]:
    return [view.model.index(row, c).data() for c in range(view.model.columnCount())]


# -- the tests ----------------------------------------------------------------------------------


def test_the_queue_shows_marks_of_any_workstation_with_why(
    qtbot: QtBot, desk: Desk, qtmodeltester: ModelTester
) -> None:
    first, second = desk.students[0], desk.students[1]
    disagreement(desk, first, conflict_here=False)
    removed_series_mark(desk, second)
    view = open_review(qtbot, desk)
    assert SCREENS[7] == "Review"
    assert view.heading.text() == "<h2>Review (2)</h2>"
    qtmodeltester.check(view.model)
    assert texts(view, 0) == [
        "Welding I, Mon 16 Nov 09:00",
        "First00 Last00 (STU-2026-0000)",
        "Absent",
        "Kim Lee",
        "Marked differently on two workstations; Kim Lee's mark Absent stands.",
    ]
    assert texts(view, 1)[:3] == [
        "Welding I, Tue 17 Nov 09:00",
        "First01 Last01 (STU-2026-0001)",
        "Late",
    ]
    assert "removed from the schedule" in texts(view, 1)[4]
    assert view.table.isVisible() and view.keep_button.isEnabled()


def test_a_disagreement_held_here_says_who_marked_what(qtbot: QtBot, desk: Desk) -> None:
    disagreement(desk, desk.students[0], conflict_here=True)
    view = open_review(qtbot, desk)
    assert texts(view, 0)[4] == (
        "Marked differently on two workstations: you marked Present, Kim Lee marked Absent."
    )
    assert view.keep_button.toolTip() == "Keep: Kim Lee's mark Absent stands and leaves the queue."


def test_alt_k_keeps_the_mark_audited_and_queued(qtbot: QtBot, desk: Desk) -> None:
    mark_id = disagreement(desk, desk.students[0], conflict_here=True)
    view = open_review(qtbot, desk)
    view.table.setFocus()
    assert outbox_rows(desk, mark_id) == 0
    before = audited(desk, mark_id)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert view.model.rowCount() == 0
    assert view.heading.text() == "<h2>Review (0)</h2>"
    assert view.intro.text().startswith("Nothing to review: no mark in this facility")
    assert not view.table.isVisible()
    row = stored(desk, mark_id)
    assert row["needs_review"] is False or row["needs_review"] == 0
    assert row["attendance_status"] == AttendanceStatus.ABSENT_UNEXCUSED
    assert outbox_rows(desk, mark_id) == 1 and audited(desk, mark_id) == before + 1
    # The workstation's conflict on that mark was decided with it.
    assert desk.services.sync_issues.list_open() == []


def test_alt_g_takes_a_new_status_through_the_mark_path(qtbot: QtBot, desk: Desk) -> None:
    mark_id = disagreement(desk, desk.students[0], conflict_here=False)
    view = open_review(qtbot, desk)
    with qtbot.waitSignal(view.sig_dialog_opened, timeout=5_000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    dialog: ChoiceDialog = opened.args[0]
    assert "First00 Last00, Welding I, Mon 16 Nov 09:00 (now Absent)" in dialog.prompt.text()
    assert dialog.list.currentItem().text() == "Present"
    while dialog.list.currentItem().text() != "Absent (excused)":
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert view.model.rowCount() == 0
    row = stored(desk, mark_id)
    assert row["attendance_status"] == AttendanceStatus.ABSENT_EXCUSED
    assert not row["needs_review"] and row["marked_by"] == "desk_test"
    assert outbox_rows(desk, mark_id) == 1


def test_alt_v_moves_a_mark_of_a_removed_series_to_its_session(qtbot: QtBot, desk: Desk) -> None:
    student = desk.students[3]
    old_id = removed_series_mark(desk, student)
    view = open_review(qtbot, desk)
    assert texts(view, 0)[0] == "Welding I, Tue 17 Nov 09:00"
    # No new status for a session no longer held: the button says so and stays off.
    assert not view.change_button.isEnabled()
    assert "move the mark or keep it" in view.change_button.toolTip()
    with qtbot.waitSignal(view.sig_dialog_opened, timeout=10_000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    dialog: ChoiceDialog = opened.args[0]
    choices = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert choices[0] == "Mon 16 Nov 09:00 · Workshop"  # the nearest session of the class
    assert "Mon 23 Nov 09:00 · Workshop" not in choices  # not started yet
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert view.model.rowCount() == 0
    new_id = attendance_id(desk.welding_series, student, PAST_MONDAY)
    moved = stored(desk, new_id)
    assert moved["attendance_status"] == AttendanceStatus.LATE and not moved["needs_review"]
    assert moved["deleted_at"] is None and moved["marked_by"] == "desk_test"
    assert stored(desk, old_id)["deleted_at"] is not None
    assert outbox_rows(desk, new_id) == 1 and outbox_rows(desk, old_id) == 1
    assert audited(desk, new_id) >= 1
    sheet = desk.services.attendance.sheet(desk.welding_series, PAST_MONDAY)
    assert next(r for r in sheet.rows if r.student_id == student).status is AttendanceStatus.LATE


def test_a_move_onto_a_marked_session_is_offered_but_disabled(qtbot: QtBot, desk: Desk) -> None:
    student = desk.students[4]
    removed_series_mark(desk, student)
    mark(desk, desk.welding_series, PAST_MONDAY, student, AttendanceStatus.PRESENT)
    view = open_review(qtbot, desk)
    with qtbot.waitSignal(view.sig_dialog_opened, timeout=10_000) as opened:
        qtbot.mouseClick(view.move_button, Qt.MouseButton.LeftButton)
    dialog: ChoiceDialog = opened.args[0]
    first = dialog.list.item(0)
    assert first.text() == "Mon 16 Nov 09:00 · Workshop (already marked Present)"
    assert not first.flags() & Qt.ItemFlag.ItemIsEnabled
    assert dialog.list.currentRow() != 0
    dialog.reject()


def test_a_mark_on_a_cancelled_session_comes_to_the_queue(qtbot: QtBot, desk: Desk) -> None:
    view = open_review(qtbot, desk)
    assert view.heading.text() == "<h2>Review (0)</h2>"
    mark(desk, desk.carpentry_series, PAST_MONDAY, desk.students[2], AttendanceStatus.PRESENT)
    desk.services.schedule.cancel_occurrence(desk.carpentry_series, PAST_MONDAY, "Shop flooded")
    after_sync(qtbot, desk, view)
    assert view.heading.text() == "<h2>Review (1)</h2>"
    assert texts(view, 0)[0] == "Carpentry, Mon 16 Nov 13:00"
    assert texts(view, 0)[4] == "That session was cancelled after the mark was taken."


def test_every_control_of_the_review_screen_has_a_name(qtbot: QtBot, desk: Desk) -> None:
    disagreement(desk, desk.students[0], conflict_here=False)
    view = open_review(qtbot, desk)
    for widget in (view.table, view.keep_button, view.change_button, view.move_button):
        assert widget.accessibleName()
    with qtbot.waitSignal(view.sig_dialog_opened, timeout=5_000) as opened:
        qtbot.mouseClick(view.change_button, Qt.MouseButton.LeftButton)
    dialog: ChoiceDialog = opened.args[0]
    assert dialog.list.accessibleName() == "New status" and dialog.ok_button.accessibleName()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert stored(desk, view.model.row_at(0).mark_id)["needs_review"]
    assert QApplication.activeModalWidget() is None
