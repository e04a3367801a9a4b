"""Today's students at risk and week at a glance: loaded in the background, reached from the
keyboard (Alt+R), Enter opens the student's record with its charts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.risk import RiskReason
from app.ui.dialogs.student_record import StudentRecordDialog
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from tests.integration.factories import (
    add_class,
    add_facility,
    add_person,
    add_program,
    add_series,
    enrol_all,
    mark_each,
)

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))  # a Sunday evening in New York
P, U = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT_UNEXCUSED


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """Welding I on Mondays at 09:00 and Tuesdays at 14:00; five students since January. The
    last four Mondays were marked: Cole came to the first and missed the next three, Ames never
    came to any."""
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("today_test", device_id="ws-1")
    with UnitOfWorkFactory(engine, actor)() as u:
        facility = add_facility(u, "North Academy")
        program = add_program(u, "Welding", required_hours=Decimal("40"))
        u.flush()
        klass = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        u.flush()
        monday = add_series(u, facility, klass, datetime(2026, 1, 5, 9, 0))
        add_series(u, facility, klass, datetime(2026, 1, 6, 14, 0), duration_minutes=90)
        names = ("Ames", "Berg", "Cole", "Diaz", "Eng")
        students = [
            add_person(u, facility, "Sam", last, number=f"STU-2026-{i:04d}")
            for i, last in enumerate(names, start=1)
        ]
        u.commit()
    services = build_services(engine, actor, CLOCK)
    enrol_all(services.rosters, klass, students)
    with engine.begin() as conn:
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
    _ames, berg, cole, diaz, eng = students  # Ames is never marked
    services.attendance.mark(monday, date(2026, 10, 26), cole, P)
    for day in (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)):
        mark_each(services.attendance, monday, day, {berg: P, cole: U, diaz: P, eng: P})
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    win = MainWindow(runner, messages)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.set_workstation(
            Workstation(services, None, tuple(services.facilities.list_facilities()), "Test")
        )
        win.show()
        win.activateWindow()
    yield win
    runner.wait_idle()
    engine.dispose()


def test_students_at_risk_are_listed_and_enter_opens_the_record(
    qtbot: QtBot,
    window: MainWindow,
    qtmodeltester: ModelTester,
) -> None:
    today = window.today
    assert window.stack.currentWidget() is today
    qtbot.waitUntil(lambda: today.risk_model.rowCount() == 2, timeout=10_000)
    qtmodeltester.check(today.risk_model)
    model = today.risk_model
    assert model.columnCount() == 3
    cells = [[model.index(r, c).data() for c in range(3)] for r in range(2)]
    assert cells == [
        ["Cole, Sam", "Absent 3 times in a row; 3 unexcused absences", "Welding I"],
        ["Ames, Sam", "Not attended yet: 4 sessions since 26 Oct", "Welding I"],
    ]
    assert model.row_at(0).reasons == (
        RiskReason.CONSECUTIVE_ABSENCES,
        RiskReason.UNEXCUSED_ABSENCES,
    )
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "Ames, Sam (STU-2026-0001), Welding I: Not attended yet: 4 sessions since 26 Oct"
    )
    assert "2 in the facility" in today.risk_note.text()

    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert today.risk.hasFocus()
    qtbot.keyClick(today.risk, Qt.Key.Key_Down)
    qtbot.keyClick(today.risk, Qt.Key.Key_Down)
    assert today.risk.currentIndex().row() == 1
    with qtbot.waitSignal(today.sig_record_opened, timeout=5_000) as opened:
        qtbot.keyClick(today.risk, Qt.Key.Key_Return)
    dialog: StudentRecordDialog = opened.args[0]
    qtbot.waitUntil(lambda: "Ames" in dialog.title.text(), timeout=10_000)
    trend = dialog.trend_chart.trend
    assert trend is not None and trend.title == "Ames, Sam"
    # Every Monday and Tuesday session held, none attended: a flat zero, not an empty chart.
    assert trend.weeks[-1].held == 2 and trend.attended == 0
    assert dialog.trend_text.text() == trend.summary()
    assert [(h.class_name, h.earned, h.required) for h in dialog.hours_chart.rows] == [
        ("Welding I", Decimal("0.00"), Decimal("40.00"))
    ]
    assert dialog.hours_text.text() == "Welding I: 0.00 of 40.00 hours (40.00 still needed)."
    assert not dialog.trend_chart.grab().isNull()
    dialog.close()


def test_the_week_at_a_glance_is_on_today(qtbot: QtBot, window: MainWindow) -> None:
    today = window.today
    qtbot.waitUntil(lambda: today.glance.glance is not None, timeout=10_000)
    glance = today.glance.glance
    assert glance is not None and glance.week_start == date(2026, 11, 16)
    assert [(s.day, s.hour, s.sessions) for s in glance.slots] == [
        (date(2026, 11, 16), 9, 1),
        (date(2026, 11, 17), 14, 1),
    ]
    assert today.glance.toolTip() == glance.summary()
    assert today.glance.accessibleDescription().startswith(
        "Week of 16 Nov 2026 at North Academy: 2 sessions."
    )
    assert "2 sessions from Mon 16 Nov" in today.glance_heading.text()
    assert not today.glance.grab().isNull()
