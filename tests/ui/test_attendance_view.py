"""The attendance sheet driven from the keyboard: a 30-student class marked without the mouse."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from app.ui.views.attendance import AttendanceView
from tests.integration.factories import add_class, add_facility, add_person, add_program, add_series

PAST_MONDAY = date(2026, 11, 16)  # the sessions run every Monday at 09:00 in New York
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

# Every screen's "now": a Sunday evening in November 2026, whatever day the tests run.
CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, Services]]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("sheet_test", device_id="ws-1")
    uow = UnitOfWorkFactory(engine, actor)
    with uow() as u:
        facility = add_facility(u, "North Academy")
        program = add_program(u, "Welding")
        u.flush()
        klass = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        u.flush()
        add_series(u, facility, klass, datetime(2026, 1, 5, 9, 0))
        students = [
            add_person(u, facility, f"First{i:02d}", f"Last{i:02d}", number=f"STU-2026-{i:04d}")
            for i in range(30)
        ]
        u.commit()
    services = build_services(engine, actor, CLOCK)
    for student in students:
        services.rosters.enrol(klass, student)  # enrolled today; backdated below
    with engine.begin() as conn:
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    win = MainWindow(runner, messages)
    qtbot.addWidget(win)
    facilities = tuple(services.facilities.list_facilities())
    with qtbot.waitActive(win):
        win.set_workstation(Workstation(services, None, facilities, "Test workstation"))
        win.show()
        win.activateWindow()
    yield win, services
    runner.wait_idle()
    engine.dispose()


def _open(qtbot: QtBot, win: MainWindow, day: date) -> AttendanceView:
    qtbot.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = win.attendance
    assert win.stack.currentWidget() is view
    view.day.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(
        lambda: view.sheet is not None and view.sheet.occurrence.original_date == day,
        timeout=10_000,
    )
    return view


def test_mark_thirty_students_without_the_mouse(
    qtbot: QtBot,
    window: tuple[MainWindow, Services],
    qtmodeltester: ModelTester,
) -> None:
    win, services = window
    view = _open(qtbot, win, PAST_MONDAY)
    assert view.model.rowCount() == 30
    qtmodeltester.check(view.model)
    view.table.setFocus()
    keys = [Qt.Key.Key_P] * 26 + [Qt.Key.Key_L, Qt.Key.Key_T, Qt.Key.Key_E, Qt.Key.Key_A]
    for key in keys:
        with qtbot.waitSignal(view.sig_marked, timeout=10_000):
            qtbot.keyClick(view.table, key)
            if key == Qt.Key.Key_T:  # a partial mark asks for its minutes
                dialog = view.minutes_dialog
                assert dialog is not None
                qtbot.waitUntil(dialog.minutes.hasFocus, timeout=5_000)
                qtbot.keyClicks(dialog.minutes, "40")
                qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
        qtbot.waitUntil(view.table.hasFocus, timeout=5_000)
    sheet = services.attendance.sheet(view.session_box.currentData()[0], PAST_MONDAY)
    statuses = [row.status for row in sheet.rows]
    assert statuses[:26] == [AttendanceStatus.PRESENT] * 26
    assert statuses[26:] == [
        AttendanceStatus.LATE,
        AttendanceStatus.PARTIAL,
        AttendanceStatus.ABSENT_EXCUSED,
        AttendanceStatus.ABSENT_UNEXCUSED,
    ]
    assert "30 of 30 marked" in view.summary.text()

    # Undo the last mark: the student is unmarked again.
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    sheet = services.attendance.sheet(sheet.series_id, PAST_MONDAY)
    assert sheet.rows[29].status is None and sheet.marked_count == 29

    # Mark all present needs a second press; Esc would cancel.
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    assert "again" in view.message.text()
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_P, CTRL_SHIFT)
    sheet = services.attendance.sheet(sheet.series_id, PAST_MONDAY)
    assert sheet.rows[29].status is AttendanceStatus.PRESENT and sheet.marked_count == 30


def test_a_scanner_finds_students_by_number_and_refuses_a_past_session(
    qtbot: QtBot, window: tuple[MainWindow, Services]
) -> None:
    # Scans into today's session: tests/ui/test_sheet_flows.py. A scan stamps the time it is
    # now, so a session of another day refuses it with why.
    win, _services = window
    view = _open(qtbot, win, PAST_MONDAY)
    view.scan.setFocus()
    with qtbot.waitSignal(view.sig_refused, timeout=5_000) as past:
        qtbot.keyClicks(view.scan, "stu-2026-0007")
        qtbot.keyClick(view.scan, Qt.Key.Key_Return)
    assert "Mon 16 Nov" in past.args[0]
    assert view.current_row() == 7 and view.model.row_at(7).status is None
    with qtbot.waitSignal(view.sig_refused, timeout=5_000) as refused:
        qtbot.keyClicks(view.scan, "STU-9999-0000")
        qtbot.keyClick(view.scan, Qt.Key.Key_Return)
    assert "No student" in refused.args[0]
    assert view.scan.text() == ""


def test_a_future_session_is_refused_with_a_clear_message(
    qtbot: QtBot, window: tuple[MainWindow, Services]
) -> None:
    win, _services = window
    view = _open(qtbot, win, date(2027, 1, 4))
    assert "not started" in view.message.text()
    view.table.setFocus()
    with qtbot.waitSignal(view.sig_refused, timeout=5_000):
        qtbot.keyClick(view.table, Qt.Key.Key_P)
    assert view.model.row_at(0).status is None


def test_today_lists_sessions_missing_attendance_and_enter_opens_the_sheet(
    qtbot: QtBot,
    window: tuple[MainWindow, Services],
    qtmodeltester: ModelTester,
) -> None:
    win, _services = window
    today = win.today
    qtbot.waitUntil(lambda: today.missing_model.rowCount() == 2, timeout=10_000)
    qtmodeltester.check(today.missing_model)
    assert [today.missing_model.row_at(r).original_date for r in range(2)] == [
        date(2026, 11, 9),
        PAST_MONDAY,
    ]
    assert today.missing_model.index(1, 3).data() == "0 of 30"
    today.missing.setFocus()
    today.missing.setCurrentIndex(today.missing_model.index(1, 0))
    qtbot.keyClick(today.missing, Qt.Key.Key_Return)
    view = win.attendance
    assert win.stack.currentWidget() is view
    qtbot.waitUntil(
        lambda: view.sheet is not None and view.sheet.occurrence.original_date == PAST_MONDAY,
        timeout=10_000,
    )


def test_the_sheet_exports_as_pdf_and_csv(
    qtbot: QtBot, window: tuple[MainWindow, Services], tmp_path: Path
) -> None:
    import csv

    win, _services = window
    view = _open(qtbot, win, PAST_MONDAY)
    view.table.setFocus()
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_L)
    for kind, name in (("blank", "blank.pdf"), ("pdf", "filled.pdf"), ("csv", "sheet.csv")):
        with qtbot.waitSignal(view.sig_exported, timeout=10_000):
            view.export(kind, tmp_path / name)
    for name in ("blank.pdf", "filled.pdf"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 2_000
    with open(tmp_path / "sheet.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 30
    assert rows[0]["status"] == "late" and rows[0]["student_number"] == "STU-2026-0000"
    assert rows[1]["status"] == ""
    with qtbot.waitSignal(view.sig_refused, timeout=10_000) as refused:
        view.export("csv", tmp_path / "missing-folder" / "sheet.csv")
    assert "could not be written" in refused.args[0]
