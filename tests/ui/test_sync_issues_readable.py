"""The Sync screen (Ctrl+6) in the desk's words: a conflict names the student, class and session,
the other staff member and both marks, and says what each button will do; a refusal names the
field, not the constraint; an empty list says nothing waits."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.enums import AttendanceStatus
from app.services.changes import ATTENDANCE, Changes
from app.sync.local import Issue
from app.sync.tables import to_json
from app.ui.views.sync import SyncView
from tests.ui.conftest import Desk
from tests.ui.test_review_queue import disagreement, sent, stored

UUID_TEXT = re.compile(r"[0-9a-f]{8}\b", re.IGNORECASE)


def open_sync(qtbot: QtBot, desk: Desk) -> SyncView:
    """Ctrl+6, after a sync cycle said it ran (the screen reads the issues again)."""
    qtbot.keyClick(desk.win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    view = desk.win.sync_view
    assert desk.win.stack.currentWidget() is view
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        desk.win.changes.publish(
            Changes.of(ATTENDANCE, facility_id=desk.facility_id, source="sync")
        )
    return view


def row_texts(view: SyncView, row: int) -> list[str]:
    return [view.model.index(row, c).data() for c in range(view.model.columnCount())]


def test_a_conflict_on_a_mark_reads_like_the_sheet(
    qtbot: QtBot, desk: Desk, qtmodeltester: ModelTester
) -> None:
    disagreement(desk, desk.students[0], conflict_here=True)
    view = open_sync(qtbot, desk)
    qtmodeltester.check(view.model)
    assert row_texts(view, 0) == [
        "Conflict",
        "Attendance — First00 Last00, Welding I, Mon 16 Nov 09:00",
        "you marked Present, Kim Lee marked Absent",
        "Status: Present",
        "Status: Absent",
    ]
    shown = " ".join(row_texts(view, 0)) + view.detail.text()
    assert "attendance_status" not in shown and "program_class" not in shown
    assert not UUID_TEXT.search(" ".join(row_texts(view, 0)))
    assert view.mine_button.toolTip() == (
        "Keep mine: your mark Present replaces Kim Lee's Absent on the server."
    )
    assert view.theirs_button.toolTip() == (
        "Keep theirs: Kim Lee's Absent stays; your mark Present is dropped."
    )
    # When it was found is said in the facility's timezone, not as an ISO instant.
    assert re.search(r"\((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ \w{3} \d\d:\d\d\)", view.detail.text())
    assert not re.search(r"\d{4}-\d\d-\d\dT", view.detail.text())


def test_keep_mine_with_alt_m_writes_the_mark_again_and_says_it_waits(
    qtbot: QtBot, desk: Desk
) -> None:
    mark_id = disagreement(desk, desk.students[0], conflict_here=True)
    view = open_sync(qtbot, desk)
    view.table.setFocus()
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert view.model.rowCount() == 0 and not view.table.isVisible()
    assert view.empty.text() == (
        "Nothing waits for you: no conflicts or refusals. 1 change will be sent at the next sync."
    )
    assert stored(desk, mark_id)["attendance_status"] == AttendanceStatus.PRESENT


def test_an_empty_sync_screen_says_every_change_was_sent(qtbot: QtBot, desk: Desk) -> None:
    sent(desk, [])
    view = open_sync(qtbot, desk)
    assert view.model.rowCount() == 0
    assert view.empty.isVisible() and not view.table.isVisible()
    assert view.empty.text() == "Nothing waits for you: every change was sent and accepted."
    assert not view.mine_button.isEnabled() and not view.theirs_button.isEnabled()
    for widget in (view.table, view.sync_button, view.mine_button, view.theirs_button):
        assert widget.accessibleName()


def test_a_refusal_names_the_field_not_the_constraint(qtbot: QtBot, desk: Desk) -> None:
    student = desk.students[1]
    sent(
        desk,
        [
            Issue(
                "rejection",
                "users",
                student,
                "The server already has such a record (a unique value is taken): duplicate key "
                'value violates unique constraint "uq_users_student_number"',
                mine=to_json({"name_first": "First01", "student_number": "STU-2026-0001"}),
            )
        ],
    )
    view = open_sync(qtbot, desk)
    assert row_texts(view, 0)[:3] == [
        "Refused by the server",
        "Person — First01 Last01",
        "The server already has a record with this Student number.",
    ]
    assert "Student number: STU-2026-0001" in row_texts(view, 0)[3]
    assert "uq_users" not in " ".join(row_texts(view, 0))


def test_a_mark_kept_for_a_cancelled_session_says_the_date_in_words(
    qtbot: QtBot, desk: Desk
) -> None:
    mark_id = disagreement(desk, desk.students[2], conflict_here=False)
    with desk.engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_issues"))
    sent(
        desk,
        [
            Issue(
                "flag",
                ATTENDANCE,
                mark_id,
                "Attendance of 2026-11-16 kept for review: that session was cancelled.",
                mine=to_json({"attendance_status": "present", "date": "2026-11-16"}),
            )
        ],
    )
    view = open_sync(qtbot, desk)
    assert row_texts(view, 0)[:3] == [
        "Please check",
        "Attendance — First02 Last02, Welding I, Mon 16 Nov 09:00",
        "Attendance of Mon 16 Nov kept for review: that session was cancelled.",
    ]
    assert row_texts(view, 0)[3] == "Status: Present; Session date: Mon 16 Nov"
