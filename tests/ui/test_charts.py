"""The QPainter charts: they take their data, paint it (offscreen, through grab()), and say the
same in words; the rosters screen shows its class's trend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, EnrollmentStatus
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.trends_dto import GlanceSlot, HoursProgress, WeekGlance, WeeklyTrend, WeekPoint
from app.ui.charts import BELOW, PAD, HoursChart, WeekGlanceChart, WeeklyRateChart
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


def _same(a: QColor, b: QColor, slack: int = 12) -> bool:
    pairs = ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    return all(abs(x - y) <= slack for x, y in pairs)


def _image(widget: QWidget) -> QImage:
    image = widget.grab().toImage()
    assert not image.isNull()
    return image


def test_the_weekly_chart_draws_each_week_and_says_so(qtbot: QtBot) -> None:
    trend = WeeklyTrend(
        "Welding I",
        (
            WeekPoint(date(2026, 11, 2), 10, 9),
            WeekPoint(date(2026, 11, 9), 0, 0),
            WeekPoint(date(2026, 11, 16), 10, 5),
        ),
        minimum_rate_pct=Decimal("75"),
    )
    chart = WeeklyRateChart()
    qtbot.addWidget(chart)
    chart.resize(360, 160)
    chart.set_trend(trend)
    assert chart.summary() == (
        "Welding I: 70.00% attended over the last 3 weeks (14 of 20). Week of 16 Nov: 50.00%. "
        "Lowest: week of 16 Nov, 50.00%. 1 of 2 weeks below the 75% minimum."
    )
    assert chart.toolTip() == chart.summary() == chart.accessibleDescription()
    image = _image(chart)
    slots = chart.bar_slots()
    assert len(slots) == 3
    highlight = chart.palette().color(QPalette.ColorRole.Highlight)
    y = int(slots[0].bottom()) - 4
    colours = [image.pixelColor(int(s.center().x()), y) for s in slots]
    assert _same(colours[0], highlight)  # 90 %: above the minimum
    assert not _same(colours[1], highlight) and not _same(colours[1], BELOW)  # no sessions
    assert _same(colours[2], BELOW)  # 50 %: below it
    # The 90 % bar reaches higher than the 50 % one.
    top = int(slots[0].top() + slots[0].height() * 0.2)
    assert _same(image.pixelColor(int(slots[0].center().x()), top), highlight)
    assert not _same(image.pixelColor(int(slots[2].center().x()), top), BELOW)
    centre = slots[2].center().toPoint()
    assert chart.tip_at(centre) == "Week of 16 Nov: 5 of 10 attended (50.00%)."
    assert chart.tip_at(slots[1].center().toPoint()) == "Week of 09 Nov: no sessions held."

    chart.set_trend(None)
    _image(chart)
    assert chart.summary() == "No attendance to show."


def test_the_hours_chart_fills_what_was_earned(qtbot: QtBot) -> None:
    rows = [
        HoursProgress(
            uuid.uuid4(), uuid.uuid4(), "Welding I", "Welding", EnrollmentStatus.ENROLLED,
            Decimal("7.00"), Decimal("20.00"),
        ),
        HoursProgress(
            uuid.uuid4(), uuid.uuid4(), "First Aid", "Safety", EnrollmentStatus.COMPLETED,
            Decimal("25.00"), Decimal("20.00"),
        ),
        HoursProgress(
            uuid.uuid4(), uuid.uuid4(), "Reading", "Literacy", EnrollmentStatus.ENROLLED,
            Decimal("3.00"), None,
        ),
    ]  # fmt: skip
    chart = HoursChart()
    qtbot.addWidget(chart)
    chart.set_progress(rows)
    chart.resize(420, chart.sizeHint().height())
    assert chart.sizeHint().height() == 3 * HoursChart.ROW + 2 * PAD
    assert chart.summary() == (
        "Welding I: 7.00 of 20.00 hours (13.00 still needed). "
        "First Aid: 25.00 of 20.00 hours (requirement met). "
        "Reading: 3.00 hours earned; no hours required."
    )
    image = _image(chart)
    highlight = chart.palette().color(QPalette.ColorRole.Highlight)

    def line(row: int) -> list[QColor]:
        y = PAD + row * HoursChart.ROW + HoursChart.ROW // 2
        return [image.pixelColor(x, y) for x in range(image.width())]

    amber = [x for x, c in enumerate(line(0)) if _same(c, BELOW)]
    full = [x for x, c in enumerate(line(1)) if _same(c, highlight)]
    assert amber and full
    assert not any(_same(c, highlight) for c in line(0))  # short of hours: amber only
    assert not any(_same(c, BELOW) for c in line(1))
    # 7 of 20 hours is about 35 % of the track the met requirement fills.
    assert 0.3 < len(amber) / len(full) < 0.4
    assert not any(_same(c, BELOW) or _same(c, highlight) for c in line(2))
    assert chart.tip_at(QPoint(10, PAD + HoursChart.ROW + 3)) == rows[1].summary()


def test_the_week_grid_shades_busy_hours_and_names_the_classes(qtbot: QtBot) -> None:
    monday = date(2026, 11, 16)
    glance = WeekGlance(
        "North Academy",
        "America/New_York",
        monday,
        date(2026, 11, 18),
        (
            GlanceSlot(monday, 9, 3, 0, ("Welding I", "Welding II", "GED")),
            GlanceSlot(date(2026, 11, 17), 9, 1, 0, ("Welding I",)),
            GlanceSlot(date(2026, 11, 18), 19, 0, 1, ("Reading (cancelled)",)),
        ),
    )
    chart = WeekGlanceChart()
    qtbot.addWidget(chart)
    chart.resize(420, 300)
    chart.set_glance(glance)
    assert chart.hours() == range(8, 20)  # 08:00 at least, and the evening session
    assert chart.summary() == (
        "Week of 16 Nov 2026 at North Academy: 4 sessions (1 cancelled). Mon 3, Tue 1, Wed 0, "
        "Thu 0, Fri 0, Sat 0, Sun 0. Busiest day Monday (3); busiest hour Mon 09:00 (3)."
    )
    image = _image(chart)
    busy, quiet, empty = chart.cell_rect(0, 9), chart.cell_rect(1, 9), chart.cell_rect(3, 9)
    assert busy is not None and quiet is not None and empty is not None
    corner = QPoint(3, 3)  # off the number written in the cell

    def colour(rect: object) -> QColor:
        return image.pixelColor(rect.topLeft().toPoint() + corner)  # type: ignore[attr-defined]

    base = chart.palette().color(QPalette.ColorRole.AlternateBase)
    assert _same(colour(empty), base, slack=2)
    assert colour(busy).lightness() < colour(quiet).lightness() < colour(empty).lightness()
    assert chart.tip_at(busy.center().toPoint()) == "Mon 16 Nov 09:00: Welding I, Welding II, GED"
    cancelled = chart.cell_rect(2, 19)
    assert cancelled is not None
    assert chart.tip_at(cancelled.center().toPoint()) == "Wed 18 Nov 19:00: Reading (cancelled)"
    assert chart.tip_at(empty.center().toPoint()) == "Thu 19 Nov 09:00: no sessions."


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("charts_test", device_id="ws-1")
    with UnitOfWorkFactory(engine, actor)() as u:
        facility = add_facility(u, "North Academy")
        program = add_program(u, "Welding", minimum_rate_pct=Decimal("80"))
        u.flush()
        klass = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        u.flush()
        series = add_series(u, facility, klass, datetime(2026, 1, 5, 9, 0))
        students = [
            add_person(u, facility, f"First{i}", f"Last{i}", number=f"STU-2026-{i:04d}")
            for i in range(4)
        ]
        u.commit()
    services = build_services(engine, actor, CLOCK)
    enrol_all(services.rosters, klass, students)
    with engine.begin() as conn:
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
    present, absent = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT_UNEXCUSED
    mark_each(services.attendance, series, date(2026, 11, 16), dict.fromkeys(students, present))
    mark_each(
        services.attendance,
        series,
        date(2026, 11, 9),
        {s: present if i < 3 else absent for i, s in enumerate(students)},
    )
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


def test_the_rosters_screen_shows_the_class_trend(qtbot: QtBot, window: MainWindow) -> None:
    rosters = window.rosters
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is rosters
    qtbot.waitUntil(lambda: rosters.trend.trend is not None, timeout=10_000)
    trend = rosters.trend.trend
    assert trend is not None
    assert trend.title == "Welding I"
    # Mondays since January: only 9 and 16 November were marked; earlier ones count as missed.
    assert trend.weeks[-1] == WeekPoint(date(2026, 11, 16), 4, 4)
    assert trend.weeks[-2] == WeekPoint(date(2026, 11, 9), 4, 3)
    assert trend.weeks[-3] == WeekPoint(date(2026, 11, 2), 4, 0)
    assert rosters.trend_text.text() == trend.summary()
    assert "below the 80.00% minimum" in trend.summary()
    _image(rosters.trend)
    assert len(rosters.trend.bar_slots()) == 12
