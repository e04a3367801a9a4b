"""The Reports screen driven from the keyboard: choose, narrow, filter and export a report.

Thirty students in Welding I (Mondays 09:00 in New York) since 1 January; ten of them were
marked present on Monday 16 November, nobody on any other Monday. The screen's first period is
the 90 days to Sunday 22 November: thirteen Mondays, 24 August to 16 November.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.reports_dto import ReportKind
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from app.ui.views.reports import ReportsView
from tests.integration.factories import (
    add_class,
    add_facility,
    add_person,
    add_program,
    add_series,
    enrol_all,
    mark_each,
)

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))  # a Sunday evening
ALT = Qt.KeyboardModifier.AltModifier
WAIT = 10_000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, Services]]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("reports_test", device_id="ws-1")
    uow = UnitOfWorkFactory(engine, actor)
    with uow() as u:
        facility = add_facility(u, "North Academy")
        add_facility(u, "South Institute", "America/Chicago")
        program = add_program(u, "Welding")
        u.flush()
        klass = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        u.flush()
        series = add_series(u, facility, klass, datetime(2026, 1, 5, 9, 0))
        students = [
            add_person(u, facility, f"First{i:02d}", f"Last{i:02d}", number=f"STU-2026-{i:04d}")
            for i in range(30)
        ]
        u.commit()
    services = build_services(engine, actor, CLOCK)
    enrol_all(services.rosters, klass, students)
    with engine.begin() as conn:
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
    mark_each(
        services.attendance,
        series,
        date(2026, 11, 16),
        {s: AttendanceStatus.PRESENT for s in students[:10]},
    )
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


def _cell(view: ReportsView, row: int, header: str) -> str:
    headers = [
        view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())
    ]
    return str(view.model.index(row, headers.index(header)).data())


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_reports_from_the_keyboard(
    qtbot: QtBot,
    window: tuple[MainWindow, Services],
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    win, _services = window
    view = win.reports
    # Ctrl+7 opens the screen, which computes the first report (training summary) on showing.
    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT) as loaded:
        qtbot.keyClick(win, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is view and loaded.args == [1]
    qtmodeltester.check(view.model)
    assert view.facility_box.currentText() == "North Academy"
    assert (view.start.date().toPython(), view.end.date().toPython()) == (
        date(2026, 8, 24),
        date(2026, 11, 22),
    )
    # 13 Mondays x 30 students, 10 present: 2.56 %, 380 marks missing.
    assert (_cell(view, 0, "Held"), _cell(view, 0, "Student-sessions")) == ("13", "390")
    assert (_cell(view, 0, "Rate %"), _cell(view, 0, "Missing marks")) == ("2.56", "380")

    # Alt+R, Down: participant progress, one row per student.
    qtbot.keyClick(view, Qt.Key.Key_R, ALT)
    assert _focused() is view.kind_box
    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT) as loaded:
        qtbot.keyClick(view.kind_box, Qt.Key.Key_Down)
    assert view.kind is ReportKind.PARTICIPANT_PROGRESS and loaded.args == [30]
    qtmodeltester.check(view.model)
    assert (_cell(view, 0, "Student"), _cell(view, 0, "Rate %")) == ("Last00, First00", "7.69")
    assert _cell(view, 29, "Rate %") == "0.00"

    # Alt+T, Down 13 days, Enter: the 16 November session is out of the period.
    qtbot.keyClick(view, Qt.Key.Key_T, ALT)
    assert _focused() is view.end
    for _ in range(13):
        qtbot.keyClick(view.end, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT):
        qtbot.keyClick(view.end, Qt.Key.Key_Return)
    assert view.end.date().toPython() == date(2026, 11, 9)
    assert (_cell(view, 0, "Held"), _cell(view, 0, "Rate %")) == ("12", "0.00")

    # Alt+T back to the 22nd, Ctrl+Enter runs again; Alt+I filters down to one student.
    qtbot.keyClick(view, Qt.Key.Key_T, ALT)
    for _ in range(13):
        qtbot.keyClick(view.end, Qt.Key.Key_Up)
    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT):
        qtbot.keyClick(view.end, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_I, ALT)
    assert _focused() is view.filter
    qtbot.keyClicks(view.filter, "stu-2026-0003")
    assert view.model.rowCount() == 1 and view.count_label.text() == "1 / 30"
    qtmodeltester.check(view.model)

    # Alt+X, Alt+C, Alt+D: the row shown goes to XLSX, CSV and PDF.
    targets = {"xlsx": tmp_path / "p.xlsx", "csv": tmp_path / "p.csv", "pdf": tmp_path / "p.pdf"}
    view.ask_path = lambda _parent, _default, suffix: targets[suffix]
    for key in (Qt.Key.Key_X, Qt.Key.Key_C, Qt.Key.Key_D):
        with qtbot.waitSignal(view.sig_exported, timeout=WAIT):
            qtbot.keyClick(view, key, ALT)
    sheet = load_workbook(targets["xlsx"]).active
    assert sheet is not None
    assert sheet["A1"].value == "Participant progress"
    assert "North Academy" in str(sheet["A2"].value)
    header = [c.value for c in sheet[4]]
    row = {h: c.value for h, c in zip(header, sheet[5], strict=True)}
    assert sheet.max_row == 5
    assert (row["Student"], row["Student no."], row["Class"]) == (
        "Last03, First03",
        "STU-2026-0003",
        "Welding I",
    )
    assert (row["Held"], row["Attended"], row["Rate %"], row["Hours"]) == (13, 1, 7.69, 1)
    assert isinstance(row["Enrolled"], datetime) and row["Enrolled"].date() == date(2025, 12, 31)
    with open(targets["csv"], encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:3] == ["Student", "Student no.", "Class"] and len(lines) == 2
    assert lines[1][header.index("Rate %")] == "7.69"
    assert targets["pdf"].read_bytes().startswith(b"%PDF")

    # A folder that cannot be written: said so, and the report stays on screen.
    view.ask_path = lambda _parent, _default, _suffix: tmp_path / "no-such-folder" / "p.xlsx"
    with qtbot.waitSignal(view.sig_refused, timeout=WAIT) as refused:
        qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    assert "could not be written" in refused.args[0]
    assert view.model.rowCount() == 1


def test_a_bad_period_is_refused_with_its_reason(
    qtbot: QtBot, window: tuple[MainWindow, Services]
) -> None:
    win, _services = window
    view = win.reports
    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT):
        qtbot.keyClick(win, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_F, ALT)
    assert _focused() is view.start
    qtbot.keyClick(view.start, Qt.Key.Key_End)  # the year
    qtbot.keyClick(view.start, Qt.Key.Key_Up)  # 24 August 2027, after the end
    with qtbot.waitSignal(view.sig_refused, timeout=WAIT) as refused:
        qtbot.keyClick(view.start, Qt.Key.Key_Return)
    assert "ends before it starts" in refused.args[0]


def test_active_enrollments_ignore_the_period_and_another_facility_is_one_key_away(
    qtbot: QtBot, window: tuple[MainWindow, Services]
) -> None:
    win, _services = window
    view = win.reports
    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT):
        qtbot.keyClick(win, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    view.kind_box.setFocus()
    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT) as loaded:
        view.kind_box.setCurrentIndex(view.kind_box.findData(ReportKind.ACTIVE_ENROLLMENTS.value))
    assert loaded.args == [30] and not view.start.isEnabled() and not view.end.isEnabled()
    assert "as of 22 Nov 2026" in view.message.text()
    qtbot.keyClick(view, Qt.Key.Key_L, ALT)
    assert _focused() is view.facility_box
    with qtbot.waitSignal(view.sig_loaded, timeout=WAIT) as loaded:
        qtbot.keyClick(view.facility_box, Qt.Key.Key_Down)
    assert view.facility_box.currentText() == "South Institute" and loaded.args == [0]
