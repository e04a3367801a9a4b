"""Query benchmarks of DESIGN §6 over generated data, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.bench_queries [--students 100000] [--classes 300]
                                            [--engine sqlite|postgres|both]

Measures through the services the UI calls: (a) the attendance sheet of a 40-student session,
(b) the student list over all students of a facility: first screen and prefix searches,
(c) a month calendar of a facility with ``--classes`` recurring classes: the query alone, and the
month and week views end to end (the query, the calendar's model and grid built and painted
offscreen, as the calendar screen does). Prints median, p95 and max in milliseconds, the DESIGN
target, the p95 as a fraction of it, and each median as a multiple of a baseline measured in the
same run (a ``SELECT 1`` round trip through a unit of work). Never fails on a timing.
"""

from __future__ import annotations

import argparse
import calendar
import gc
import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from sqlalchemy import func, select

from app.db.models import AttendanceRecord, Enrollment, SessionSeries, User
from app.demo import DemoSize
from app.domain.enums import EnrollmentStatus, Role
from app.infra.clock import FixedClock
from app.services.attendance import AttendanceService
from app.services.people import PeopleService
from app.services.schedule import ScheduleService
from bench.common import (
    BenchDatabase,
    Stats,
    bench_database,
    print_table,
    repeat,
    select_one,
    timed,
)


@dataclass(frozen=True)
class Result:
    engine: str
    measure: str
    stats: Stats
    target_ms: float | None  # compared with the p95
    note: str = ""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _big_class_sessions(db: BenchDatabase, size: int) -> tuple[uuid.UUID, uuid.UUID, list[date]]:
    """(facility, weekly series, marked dates) of a class with ``size`` enrolled students."""
    with db.engine.connect() as conn:
        counts = (
            select(Enrollment.class_id, func.count().label("n"))
            .where(Enrollment.enrollment_status == EnrollmentStatus.ENROLLED)
            .group_by(Enrollment.class_id)
            .subquery()
        )
        row = conn.execute(
            select(SessionSeries.id, SessionSeries.facility_id)
            .join(counts, counts.c.class_id == SessionSeries.class_id)
            .where(counts.c.n == size, SessionSeries.recurrence_rule.is_not(None))
            .order_by(SessionSeries.id)
            .limit(1)
        ).one()
        dates = conn.scalars(
            select(AttendanceRecord.date)
            .where(AttendanceRecord.event_id == row.id)
            .group_by(AttendanceRecord.date)
            .order_by(AttendanceRecord.date)
        ).all()
    return row.facility_id, row.id, list(dates)


def _queries(db: BenchDatabase, facility_id: uuid.UUID, count: int) -> list[str]:
    """Varied prefix searches a person would type, built from real students of the facility."""
    with db.engine.connect() as conn:
        people = conn.execute(
            select(User.name_first, User.name_last, User.student_number, User.doc_id)
            .where(User.facility_id == facility_id, User.role == Role.STUDENT)
            .order_by(User.id)  # random ids: a deterministic, unbiased sample
            .limit(count)
        ).all()
    queries = []
    for i, p in enumerate(people):
        kind = i % 6
        if kind == 0:
            queries.append(p.name_last[: 1 + i % 4])  # "s", "sm", "smi", "smit"
        elif kind == 1:
            queries.append(p.name_last)  # as written, accents and all
        elif kind == 2:
            queries.append(f"{p.name_first} {p.name_last[:3]}")
        elif kind == 3:
            queries.append(f"{p.name_last} {p.name_first[:1]}".lower())
        elif kind == 4:
            queries.append((p.student_number or "")[: 9 + i % 4])  # "STU-2019-", "STU-2019-0"
        else:
            queries.append((p.doc_id or p.name_first)[:5])
    return queries


def _month(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def measure(db: BenchDatabase, repetitions: int, big_class: int) -> list[Result]:
    uow = db.uow()
    now = datetime.combine(db.today, time(12, 0), tzinfo=UTC)
    people = PeopleService(uow)
    attendance = AttendanceService(uow, FixedClock(now))
    schedule = ScheduleService(uow)
    name = db.engine_name
    results = [
        Result(name, "baseline: SELECT 1 via unit of work", timed(repeat(select_one(db), 50)), None)
    ]

    facility_id, series_id, dates = _big_class_sessions(db, big_class)
    sheet_rows = len(attendance.sheet(series_id, dates[-1]).rows)
    calls = [partial(attendance.sheet, series_id, d) for d in dates[-repetitions:]]
    calls = (calls * (repetitions // max(1, len(calls)) + 1))[:repetitions]
    results.append(
        Result(name, "(a) attendance sheet", timed(calls), 100, f"{sheet_rows} students")
    )

    students = people.count_students(facility_id)
    first = timed(repeat(partial(people.search_students, facility_id, "", limit=50), repetitions))
    results.append(Result(name, "(b) student list, first screen", first, 200, f"of {students:,}"))
    queries = _queries(db, facility_id, 50)
    hits = [len(people.search_students(facility_id, q, limit=50)) for q in queries]
    search_calls = [partial(people.search_students, facility_id, q, limit=50) for q in queries * 3]
    results.append(
        Result(
            name,
            "(b) student search, prefix",
            timed(search_calls),
            50,
            f"{len(queries)} queries, {sum(hits) / len(hits):.0f} hits avg",
        )
    )

    this_month = _month(db.today)
    last_month = _month(this_month[0] - timedelta(days=1))
    sizes = [len(schedule.occurrences(facility_id, *m)) for m in (this_month, last_month)]
    month_calls = [
        partial(schedule.occurrences, facility_id, *m) for m in (this_month, last_month)
    ] * max(1, repetitions // 2)
    results.append(
        Result(
            name,
            "(c) month calendar, query",
            timed(month_calls),
            100,
            f"{min(sizes):,}–{max(sizes):,} sessions",
        )
    )
    grids = _CalendarGrids()
    # The generator's millions of objects would not be in a desk's process: keep Python's
    # collector from walking them again and again inside the timed view runs.
    gc.collect()
    gc.freeze()
    month_views = [
        partial(grids.month, schedule, facility_id, *m) for m in (this_month, last_month)
    ] * max(1, repetitions // 2)
    results.append(
        Result(name, "(c) month view, end to end", timed(month_views), 100, grids.note("month"))
    )
    monday = db.today - timedelta(days=db.today.weekday())
    weeks = [(monday - timedelta(days=7 * i), monday - timedelta(days=7 * i - 6)) for i in (0, 1)]
    week_views = [partial(grids.week, schedule, facility_id, *w) for w in weeks] * max(
        1, repetitions // 2
    )
    results.append(
        Result(name, "(c) week view, end to end", timed(week_views), 100, grids.note("week"))
    )
    return results


class _CalendarGrids:
    """The calendar screen's model and grids, offscreen at the size of a 1280×720 window.

    Each call is what the screen does for a period: the query (on this thread: the screen's
    runner thread is the same work), the model replaced, the grid laid out and painted
    (``grab`` of the page shown). Qt is imported here so the query benchmarks run without it.
    """

    SIZE = (1090, 430)  # the calendar's grid area in a 1280×720 window

    def __init__(self) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from app.ui.calendar.pages import CalendarPages
        from app.ui.models.occurrence_table import OccurrenceTableModel

        self._app = QApplication.instance() or QApplication([])
        self.model = OccurrenceTableModel()
        self.pages = CalendarPages(self.model)
        self.pages.resize(*self.SIZE)
        self.pages.show()
        self._pixels: dict[str, tuple[int, int]] = {}

    def _show(self, mode: str, rows: Callable[[], list[Any]], first: date, last: date) -> None:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        self.pages.show_mode(mode, False)
        self.pages.set_days(days, first, datetime.combine(first, time(12, 0)))
        self.model.set_rows(rows())
        # What is on screen: the page with the grid (a week's hours scroll; those out of view
        # are not painted, as on the screen).
        image = self.pages.grab()
        self._pixels[mode] = (image.width(), image.height())

    def month(self, schedule: ScheduleService, facility: uuid.UUID, a: date, b: date) -> None:
        self._show("month", lambda: schedule.occurrences(facility, a, b), a, b)

    def week(self, schedule: ScheduleService, facility: uuid.UUID, a: date, b: date) -> None:
        self._show("week", lambda: schedule.occurrences(facility, a, b), a, b)

    def note(self, mode: str) -> str:
        width, height = self._pixels.get(mode, (0, 0))
        return f"painted {width}×{height} px, offscreen"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=DemoSize.bench().students)
    parser.add_argument("--classes", type=int, default=DemoSize.bench().classes_per_facility)
    parser.add_argument("--weeks", type=int, default=DemoSize.bench().weeks)
    parser.add_argument("--engine", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per measure")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="YYYY-MM-DD")
    args = parser.parse_args(argv)
    size = replace(
        DemoSize.bench(),
        students=args.students,
        classes_per_facility=args.classes,
        weeks=args.weeks,
    )
    engines = ("sqlite", "postgres") if args.engine == "both" else (args.engine,)
    results: list[Result] = []
    generation: list[list[str]] = []
    for engine_name in engines:
        with bench_database(engine_name, size, seed=args.seed, today=args.today, log=_log) as db:
            counts = db.summary.counts
            generation.append(
                [
                    engine_name,
                    f"{db.summary.rows:,}",
                    f"{counts.get('program_class_event_attendance', 0):,}",
                    f"{db.summary.seconds:.1f}",
                    f"{db.rows_per_second:,.0f}",
                ]
            )
            _log(f"[{engine_name}] measuring …")
            results.extend(measure(db, args.repeat, size.big_class))

    print()
    print(
        f"Data: {size.students:,} students, {size.classes_per_facility} classes in one facility, "
        f"{size.weeks} weeks of history to {args.today}, seed {args.seed}"
    )
    print()
    print_table(["engine", "rows", "attendance", "seconds", "rows/s"], generation)
    print()
    baselines = {r.engine: r.stats.median for r in results if r.target_ms is None}
    table = []
    for r in results:
        verdict = ""
        if r.target_ms is not None:
            verdict = "ok" if r.stats.p95 <= r.target_ms else "OVER"
        table.append(
            [
                r.engine,
                r.measure,
                str(r.stats.n),
                f"{r.stats.median:.2f}",
                f"{r.stats.p95:.2f}",
                f"{r.stats.max:.2f}",
                f"≤ {r.target_ms:.0f}" if r.target_ms is not None else "",
                verdict,
                f"{r.stats.p95 / r.target_ms:.2f}" if r.target_ms is not None else "",
                f"{r.stats.median / baselines[r.engine]:.1f}×",
                r.note,
            ]
        )
    print_table(
        [
            "engine",
            "measure",
            "n",
            "median ms",
            "p95 ms",
            "max ms",
            "target (p95) ms",
            "",
            "p95 ÷ target",
            "× SELECT 1",
            "",
        ],
        table,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
