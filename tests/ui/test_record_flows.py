"""A student's record from the Students screen (Ctrl+5): its marks open their session's sheet
(Enter or double-click), its audit trail says who changed what in words, and its empty sections
say what is empty."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import text

from app.domain.enums import AttendanceStatus
from app.services.changes import ATTENDANCE, Changes
from app.ui.dialogs.student_record import MARKS, StudentRecordDialog
from tests.ui.conftest import PAST_MONDAY, TZ, Desk
from tests.ui.test_review_queue import add_staff, mark


def open_record(qtbot: QtBot, desk: Desk, last_name: str) -> StudentRecordDialog:
    """Ctrl+F, the name typed, Enter on the one student found."""
    win = desk.win
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    students = win.students
    assert win.stack.currentWidget() is students and students.search.hasFocus()
    qtbot.keyClicks(students.search, last_name)
    qtbot.waitUntil(
        lambda: (
            students.model.rowCount() == 1
            and last_name in students.model.student_at(0).display_name
        ),
        timeout=10_000,
    )
    students.table.setFocus()
    students.table.setCurrentIndex(students.model.index(0, 0))
    with qtbot.waitSignal(students.sig_record_opened, timeout=5_000) as opened:
        qtbot.keyClick(students.table, Qt.Key.Key_Return)
    dialog: StudentRecordDialog = opened.args[0]
    qtbot.waitUntil(lambda: last_name in dialog.title.text(), timeout=10_000)
    return dialog


def marks_view(dialog: StudentRecordDialog) -> QTableView:
    return dialog.views[MARKS]


def sheet_is(qtbot: QtBot, desk: Desk, series: uuid.UUID) -> None:
    view = desk.win.attendance
    qtbot.waitUntil(
        lambda: (
            desk.win.stack.currentWidget() is view
            and view.sheet is not None
            and view.sheet.series_id == series
            and view.sheet.occurrence.original_date == PAST_MONDAY
        ),
        timeout=10_000,
    )


def test_enter_on_a_mark_in_the_record_opens_that_session(qtbot: QtBot, desk: Desk) -> None:
    student = desk.students[0]
    mark(desk, desk.welding_series, PAST_MONDAY, student, AttendanceStatus.PRESENT)
    mark(desk, desk.carpentry_series, PAST_MONDAY, student, AttendanceStatus.LATE)
    dialog = open_record(qtbot, desk, "Last00")
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    view = marks_view(dialog)
    assert dialog.tabs.currentWidget().isAncestorOf(view)
    qtbot.keyClick(dialog.tabs.tabBar(), Qt.Key.Key_Tab)
    assert view.hasFocus()
    model = dialog.models[MARKS]
    assert [[model.index(r, c).data() for c in range(3)] for r in range(2)] == [
        ["Mon 16 Nov 13:00", "Carpentry", "Late"],
        ["Mon 16 Nov 09:00", "Welding I", "Present"],
    ]
    # Carpentry, the later session of the day: not the day's first one.
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    sheet_is(qtbot, desk, desk.carpentry_series)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=5_000)
    sheet = desk.win.attendance.sheet
    assert sheet is not None
    row = next(r for r in sheet.rows if r.student_id == student)
    assert row.status is AttendanceStatus.LATE


def test_double_click_on_a_mark_opens_that_session(qtbot: QtBot, desk: Desk) -> None:
    student = desk.students[1]
    mark(desk, desk.carpentry_series, PAST_MONDAY, student, AttendanceStatus.PRESENT)
    mark(desk, desk.welding_series, PAST_MONDAY, student, AttendanceStatus.ABSENT_EXCUSED)
    dialog = open_record(qtbot, desk, "Last01")
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    view = marks_view(dialog)
    model = dialog.models[MARKS]
    assert model.index(1, 1).data() == "Welding I"
    assert model.index(1, 2).data() == "Absent (excused)"
    rect = view.visualRect(model.index(1, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    sheet_is(qtbot, desk, desk.welding_series)


def test_the_audit_trail_says_who_changed_what_in_words(qtbot: QtBot, desk: Desk) -> None:
    add_staff(desk, "Dana", "Desk", "desk_test")  # the login this desk's changes are made as
    student = desk.students[2]
    mark(desk, desk.welding_series, PAST_MONDAY, student, AttendanceStatus.ABSENT_UNEXCUSED)
    mark(desk, desk.welding_series, PAST_MONDAY, student, AttendanceStatus.PRESENT)
    dialog = open_record(qtbot, desk, "Last02")
    model = dialog.models["Audit trail"]
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    changed = [r for r in rows if r[3] == "Attendance changed — Welding I, Mon 16 Nov"]
    assert [r[1:] for r in changed] == [
        ["Dana Desk", "ws-1", changed[0][3], "Status: Absent → Present"]
    ]
    # When: the audit's instant in the facility's timezone, as "Sun 6 Dec 07:45".
    with desk.engine.connect() as conn:
        at = conn.execute(
            text(
                "SELECT changed_at FROM audit_log WHERE action = 'update'"
                " AND table_name = 'program_class_event_attendance'"
            )
        ).scalar_one()
    local = datetime.fromisoformat(str(at)).replace(tzinfo=UTC).astimezone(ZoneInfo(TZ))
    assert changed[0][0] == f"{local:%a} {local.day} {local:%b} {local:%H:%M}"
    added = next(r for r in rows if r[3] == "Attendance added — Welding I, Mon 16 Nov")
    assert added[4] == "Status: Absent; Session date: Mon 16 Nov"
    everything = " ".join(" ".join(r) for r in rows)
    for raw in ("attendance_status", "{", "program_class"):
        assert raw not in everything


def test_empty_sections_of_the_record_say_what_is_empty(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_record(qtbot, desk, "Last05")
    for name, words in (
        ("Guardians", "No guardians recorded."),
        ("Credentials", "No credentials yet."),
        ("Case notes", "No case notes."),
        (MARKS, "No marks yet: no session of this student has been marked."),
    ):
        assert dialog.models[name].rowCount() == 0
        assert dialog.empty[name].text() == words
        assert not dialog.empty[name].isHidden() and dialog.views[name].isHidden()
    assert dialog.empty["Enrolments"].isHidden()  # enrolled in Welding I
    assert not dialog.views["Enrolments"].isHidden()
    for name, view in dialog.views.items():
        assert view.accessibleName(), name
    assert dialog.tabs.accessibleName()


def test_a_record_opened_from_today_opens_its_sessions_too(qtbot: QtBot, desk: Desk) -> None:
    """Today's students at risk → Enter → the record → Alt+M → Enter: that session's sheet."""
    from datetime import timedelta

    student = desk.students[2]  # Last02 is in both classes
    for weeks in (1, 2, 3):
        mark(
            desk,
            desk.welding_series,
            PAST_MONDAY - timedelta(weeks=weeks),
            student,
            AttendanceStatus.ABSENT_UNEXCUSED,
        )
    mark(desk, desk.carpentry_series, PAST_MONDAY, student, AttendanceStatus.LATE)
    today = desk.win.today
    qtbot.keyClick(desk.win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    # The marks arrive as a sync's would: written to the cache, then published.
    desk.win.changes.publish(Changes.of(ATTENDANCE, facility_id=desk.facility_id, source="sync"))
    qtbot.waitUntil(
        lambda: any(
            "Last02" in today.risk_model.row_at(r).display_name
            for r in range(today.risk_model.rowCount())
        ),
        timeout=10_000,
    )
    row = next(
        r
        for r in range(today.risk_model.rowCount())
        if "Last02" in today.risk_model.row_at(r).display_name
    )
    today.risk.setFocus()
    today.risk.setCurrentIndex(today.risk_model.index(row, 0))
    with qtbot.waitSignal(today.sig_record_opened, timeout=5_000) as opened:
        qtbot.keyClick(today.risk, Qt.Key.Key_Return)
    dialog: StudentRecordDialog = opened.args[0]
    qtbot.waitUntil(lambda: "Last02" in dialog.title.text(), timeout=10_000)
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    view = marks_view(dialog)
    model = dialog.models[MARKS]
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=10_000)
    assert model.index(0, 1).data() == "Carpentry"
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    sheet_is(qtbot, desk, desk.carpentry_series)
