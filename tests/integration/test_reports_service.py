"""ReportsService on SQLite and PostgreSQL, over a month worked out by hand.

North Academy (New York), March 2026, now = Monday 16 March 13:00 EDT. Welding I meets Mondays
09:00 (60 min) and Wednesdays 18:00 (60 min; 4 March moved to 90 min, 11 March cancelled);
Blueprints has one session, Thursday 12 March 10:00 (120 min). Held sessions of Welding I: 2, 4,
9 and 16 March. Who is on which sheet, and each mark:

    student (enrolled)        2 Mar  4 Mar   9 Mar  16 Mar   held att exc unm  rate   minutes
    Ann Young   (20 Feb)      P      P       P      P        4    4   0   0  100.00  60+90+60+60
    Ben adams   (20 Feb)      L      P 45'   A      -        4    2   0   1   50.00  60+45
    Cara Moreno (20 Feb)      E      T       P      -        4    2   1   1   50.00  0+60
    Dan Brooks  (20 Feb)      A      -       -      -        4    0   0   3    0.00  0
    Eve Zimmer  (3 Mar)       .      P       A      L        3    2   0   0   66.67  90+60
    Finn Lopez  (20 Feb-5 Mar)P      -       .      .        2    1   0   1   50.00  60
    on sheet / marked         5/5    6/4     5/4    5/2      (- unmarked, . not on the sheet)

Ann also takes Blueprints (present, 120 min); Ben waits on its list.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.db.models import HoursLog, Lesson, LessonProgress, Module, User
from app.domain.attendance import OccurrenceRecord, attendance_rate
from app.domain.enums import AttendanceStatus, EnrollmentStatus, HoursKind, ProgressStatus
from app.domain.errors import NotFound, ValidationError
from app.domain.ids import enrollment_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.reports import ReportKind, ReportsService
from app.services.reports_dto import rate_pct
from app.services.rosters import RosterService
from app.services.schedule import ScheduleService
from app.services.schedule_dto import NewSeries
from tests.integration.factories import (
    NOW,
    World,
    add_class,
    add_person,
    add_program,
    build_world,
    count_statements,
    enrol_all,
)

A = AttendanceStatus
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
D = Decimal


def _at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=UTC)


class Month:
    """The world of the module docstring, built through the services."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow
        self.clock = FixedClock(datetime(2026, 2, 20, 12, 0, tzinfo=UTC))
        world = build_world(uow, students=6)
        self.world: World = world
        s = world.students  # Young, adams, Moreno, Brooks, Zimmer, Lopez
        self.s = s
        with uow() as u:
            drafting = add_program(u, "Drafting")
            u.flush()
            self.welding = add_class(
                u,
                world.facility_id,
                world.program_id,
                "Welding I",
                instructor_id=world.instructor_id,
            )
            self.blueprints = add_class(u, world.facility_id, drafting, "Blueprints", capacity=1)
            add_class(  # ended before March: not in the summary
                u,
                world.facility_id,
                world.program_id,
                "Old Welding",
                start_date=date(2025, 9, 1),
                end_date=date(2026, 1, 31),
            )
            self.far_class = add_class(u, world.other_facility_id, world.program_id, "Far Class")
            self._curriculum(u, world, s)
            u.commit()
        rosters = RosterService(uow, self.clock)
        schedule = ScheduleService(uow, self.clock)
        attendance = AttendanceService(uow, self.clock)
        enrol_all(rosters, self.welding, [s[0], s[1], s[2], s[3], s[5]])
        rosters.enrol(self.blueprints, s[0])
        rosters.enrol(self.blueprints, s[1], allow_waitlist=True)
        rosters.enrol(self.far_class, world.outsider_id)
        self.clock.set(_at(3))
        rosters.enrol(self.welding, s[4])
        self.clock.set(_at(5))
        rosters.change_status_many(
            [enrollment_id(self.welding, s[5])], EnrollmentStatus.INCOMPLETE_WITHDRAWN, "Released"
        )
        self.clock.set(NOW)

        def series(class_id: uuid.UUID, start: datetime, rule: str | None, minutes: int) -> Any:
            return schedule.create_series(
                NewSeries(class_id, dtstart_local=start, duration_minutes=minutes, rrule=rule)
            ).id

        self.mon = series(self.welding, datetime(2026, 3, 2, 9), "FREQ=WEEKLY;BYDAY=MO", 60)
        self.wed = series(self.welding, datetime(2026, 3, 4, 18), "FREQ=WEEKLY;BYDAY=WE", 60)
        self.thu = series(self.blueprints, datetime(2026, 3, 12, 10), None, 120)
        far = series(self.far_class, datetime(2026, 3, 2, 9), "FREQ=WEEKLY;BYDAY=MO", 60)
        schedule.reschedule_occurrence(self.wed, date(2026, 3, 4), datetime(2026, 3, 4, 18), 90)
        schedule.cancel_occurrence(self.wed, date(2026, 3, 11), "Lockdown")

        def mark(series_id: uuid.UUID, day: int, marks: dict[int, Any]) -> None:
            for who, status in marks.items():
                extra = {}
                if isinstance(status, tuple):
                    status, extra = status[0], {"minutes": status[1]}
                attendance.mark(series_id, date(2026, 3, day), s[who], status, **extra)

        mark(self.mon, 2, {0: A.PRESENT, 1: A.LATE, 2: A.ABSENT_EXCUSED, 3: A.ABSENT_UNEXCUSED})
        mark(self.mon, 2, {5: A.PRESENT})
        mark(self.wed, 4, {0: A.PRESENT, 1: (A.PRESENT, 45), 2: A.PARTIAL, 4: A.PRESENT})
        mark(self.mon, 9, {0: A.PRESENT, 1: A.ABSENT_UNEXCUSED, 2: A.PRESENT})
        mark(self.mon, 9, {4: A.ABSENT_UNEXCUSED})
        mark(self.thu, 12, {0: A.PRESENT})
        mark(self.mon, 16, {0: A.PRESENT, 4: A.LATE})
        attendance.mark(far, date(2026, 3, 9), world.outsider_id, A.PRESENT)
        with uow() as u:
            # Dan's ledger: 90 verified and 30 unverified minutes in March; Ann's February
            # entry is outside the period; Cara's open entry has nothing to count yet.
            for who, day, minutes, verified in (
                (3, date(2026, 3, 10), 90, True),
                (3, date(2026, 3, 11), 30, False),
                (0, date(2026, 2, 27), 60, True),
                (2, date(2026, 3, 12), None, True),
            ):
                u.session.add(
                    HoursLog(
                        id=uuid.uuid4(),
                        facility_id=world.facility_id,
                        user_id=s[who],
                        kind=HoursKind.LAB,
                        clock_in=datetime.combine(day, datetime.min.time(), UTC)
                        + timedelta(hours=15),
                        minutes=minutes,
                        verified=verified,
                        day=day,
                    )
                )
            u.commit()
        self.reports = ReportsService(uow, self.clock)

    @staticmethod
    def _curriculum(u: Any, world: World, s: list[uuid.UUID]) -> None:
        """Welding has four lessons: Ann completed three, Ben one (another in progress)."""
        module = Module(id=uuid.uuid4(), program_id=world.program_id, name="M1", sequence_order=1)
        u.session.add(module)
        u.flush()
        lessons = [
            Lesson(id=uuid.uuid4(), module_id=module.id, title=f"L{i}", sequence_order=i)
            for i in range(4)
        ]
        u.session.add_all(lessons)
        u.flush()
        done = ProgressStatus.COMPLETED
        for who, lesson, status in (
            (0, 0, done),
            (0, 1, done),
            (0, 2, done),
            (0, 3, ProgressStatus.IN_PROGRESS),
            (1, 0, done),
            (1, 1, ProgressStatus.IN_PROGRESS),
        ):
            u.session.add(
                LessonProgress(
                    id=uuid.uuid4(),
                    facility_id=world.facility_id,
                    student_id=s[who],
                    lesson_id=lessons[lesson].id,
                    status=status,
                )
            )


@pytest.fixture
def month(uow: UnitOfWorkFactory) -> Month:
    return Month(uow)


def test_participant_progress_per_enrollment(month: Month) -> None:
    report = month.reports.participant_progress(month.world.facility_id, *MARCH)
    assert (report.facility_name, report.timezone) == ("North Academy", "America/New_York")
    assert report.as_of == NOW and report.as_of.utcoffset() == timedelta(hours=-4)
    got = [
        (
            r.display_name,
            r.class_name,
            r.held,
            r.attended,
            r.excused,
            r.unmarked,
            r.rate,
            r.hours,
            r.progress_pct,
        )
        for r in report.rows
    ]
    assert got == [
        ("adams, Ben", "Welding I", 4, 2, 0, 1, D("50.00"), D("1.75"), D("25.00")),
        ("Brooks, Dan", "Welding I", 4, 0, 0, 3, D("0.00"), D("0.00"), D("0.00")),
        ("Lopez, Finn", "Welding I", 2, 1, 0, 1, D("50.00"), D("1.00"), D("0.00")),
        ("Moreno, Cara", "Welding I", 4, 2, 1, 1, D("50.00"), D("1.00"), D("0.00")),
        ("Young, Ann", "Blueprints", 1, 1, 0, 0, D("100.00"), D("2.00"), None),
        ("Young, Ann", "Welding I", 4, 4, 0, 0, D("100.00"), D("4.50"), D("75.00")),
        ("Zimmer, Eve", "Welding I", 3, 2, 0, 0, D("66.67"), D("2.50"), D("0.00")),
    ]
    lopez = report.rows[2]
    assert lopez.status is EnrollmentStatus.INCOMPLETE_WITHDRAWN
    assert (lopez.enrolled_on, lopez.ended_on) == (date(2026, 2, 20), date(2026, 3, 5))
    assert (report.rows[5].lessons_completed, report.rows[5].lessons_total) == (3, 4)
    assert report.rows[4].student_number == "STU-2026-0001"


def test_progress_agrees_with_the_attendance_service(uow: UnitOfWorkFactory, month: Month) -> None:
    """Two implementations of one definition: per student in Python, per facility in SQL."""
    report = month.reports.participant_progress(month.world.facility_id, *MARCH)
    ours = {r.student_id: r for r in report.rows if r.class_id == month.welding}
    attendance = AttendanceService(uow, month.clock)
    assert len(ours) == 6
    for sid, o in ours.items():
        [t] = [c for c in attendance.student_summary(sid) if c.class_id == month.welding]
        assert (o.held, o.attended, o.excused, o.unmarked, o.rate, o.hours) == (
            t.held,
            t.attended,
            t.excused,
            t.unmarked,
            t.rate,
            t.hours_earned,
        )


def test_a_shorter_period_counts_only_its_sessions(month: Month) -> None:
    report = month.reports.participant_progress(
        month.world.facility_id, date(2026, 3, 5), date(2026, 3, 10)
    )
    # Only Monday 9 March is held in the period. Finn left on its first day and Blueprints
    # meets after it: listed, with nothing held and no rate.
    got = [
        (r.display_name, r.class_name, r.held, r.attended, r.unmarked, r.rate) for r in report.rows
    ]
    assert got == [
        ("adams, Ben", "Welding I", 1, 0, 0, D("0.00")),
        ("Brooks, Dan", "Welding I", 1, 0, 1, D("0.00")),
        ("Lopez, Finn", "Welding I", 0, 0, 0, None),
        ("Moreno, Cara", "Welding I", 1, 1, 0, D("100.00")),
        ("Young, Ann", "Blueprints", 0, 0, 0, None),
        ("Young, Ann", "Welding I", 1, 1, 0, D("100.00")),
        ("Zimmer, Eve", "Welding I", 1, 0, 0, D("0.00")),
    ]
    later = month.reports.participant_progress(
        month.world.facility_id, date(2026, 3, 6), date(2026, 3, 10)
    )
    assert "Lopez, Finn" not in {r.display_name for r in later.rows}


def test_training_summary_per_class(month: Month) -> None:
    report = month.reports.training_summary(month.world.facility_id, *MARCH)
    assert [r.class_name for r in report.rows] == ["Blueprints", "Welding I"]
    blueprints, welding = report.rows
    assert (welding.program_name, welding.instructor_name) == ("Welding", "Iris Stone")
    # Enrolled now: Ann, Ben, Cara, Dan, Eve; Finn left.
    assert (welding.enrolled, welding.waitlisted, welding.completed, welding.left) == (5, 0, 0, 1)
    # Mondays 2, 9, 16, 23, 30 and Wednesdays 4, 18, 25 (11 cancelled); four started by now.
    assert (welding.sessions_scheduled, welding.sessions_held, welding.sessions_cancelled) == (
        8,
        4,
        1,
    )
    # Seats 5 + 6 + 5 + 5, attended 3 + 4 + 2 + 2, unmarked 0 + 2 + 1 + 3.
    assert (welding.seats, welding.attended, welding.rate, welding.missing_marks) == (
        21,
        11,
        D("52.38"),
        6,
    )
    assert (blueprints.enrolled, blueprints.waitlisted, blueprints.capacity) == (1, 1, 1)
    assert (blueprints.sessions_scheduled, blueprints.sessions_held, blueprints.seats) == (1, 1, 1)
    assert (blueprints.rate, blueprints.missing_marks) == (D("100.00"), 0)


def test_hours_per_student_most_first(month: Month) -> None:
    report = month.reports.student_hours(month.world.facility_id, *MARCH)
    got = [
        (
            r.display_name,
            r.sessions_attended,
            r.session_hours,
            r.ledger_hours,
            r.total_hours,
            r.unverified_hours,
        )
        for r in report.rows
    ]
    assert got == [
        ("Young, Ann", 5, D("6.50"), D("0.00"), D("6.50"), D("0.00")),
        ("Zimmer, Eve", 2, D("2.50"), D("0.00"), D("2.50"), D("0.00")),
        ("adams, Ben", 2, D("1.75"), D("0.00"), D("1.75"), D("0.00")),
        ("Brooks, Dan", 0, D("0.00"), D("1.50"), D("1.50"), D("0.50")),
        ("Lopez, Finn", 1, D("1.00"), D("0.00"), D("1.00"), D("0.00")),
        ("Moreno, Cara", 2, D("1.00"), D("0.00"), D("1.00"), D("0.00")),
    ]


def test_active_enrollments_are_enrolled_now(month: Month) -> None:
    report = month.reports.active_enrollments(month.world.facility_id)
    got = [(r.display_name, r.class_name, r.enrolled_on) for r in report.rows]
    assert got == [
        ("adams, Ben", "Welding I", date(2026, 2, 20)),
        ("Brooks, Dan", "Welding I", date(2026, 2, 20)),
        ("Moreno, Cara", "Welding I", date(2026, 2, 20)),
        ("Young, Ann", "Blueprints", date(2026, 2, 20)),
        ("Young, Ann", "Welding I", date(2026, 2, 20)),
        ("Zimmer, Eve", "Welding I", date(2026, 3, 3)),
    ]
    assert report.rows[0].instructor_name == "Iris Stone"
    assert report.start == report.end == date(2026, 3, 16)


def test_missing_attendance_per_session(month: Month) -> None:
    report = month.reports.missing_attendance(month.world.facility_id, *MARCH)
    got = [(r.original_date, r.class_name, r.on_sheet, r.marked, r.missing) for r in report.rows]
    assert got == [
        (date(2026, 3, 4), "Welding I", 6, 4, 2),
        (date(2026, 3, 9), "Welding I", 5, 4, 1),
        (date(2026, 3, 16), "Welding I", 5, 2, 3),
    ]
    assert report.rows[0].start_local.hour == 18 and report.rows[0].instructor_name == "Iris Stone"


def test_a_deleted_student_leaves_every_report(uow: UnitOfWorkFactory, month: Month) -> None:
    dan = month.s[3]  # three unmarked Welding I sessions and ledger hours
    with uow() as u:
        u.session.get(User, dan).deleted_at = NOW  # type: ignore[union-attr]
        u.commit()
    facility = month.world.facility_id
    for kind in ReportKind:
        rows = month.reports.run(kind, facility, *MARCH).rows
        assert all(getattr(r, "student_id", None) != dan for r in rows), kind
    welding = month.reports.training_summary(facility, *MARCH).rows[1]
    assert (welding.enrolled, welding.seats, welding.attended, welding.missing_marks) == (
        4,
        17,
        11,
        3,
    )
    missing = month.reports.missing_attendance(facility, *MARCH).rows
    assert [(r.original_date, r.on_sheet, r.missing) for r in missing] == [
        (date(2026, 3, 4), 5, 1),
        (date(2026, 3, 16), 4, 2),
    ]


def test_statements_do_not_grow_with_students(uow: UnitOfWorkFactory, month: Month) -> None:
    facility = month.world.facility_id
    before = {}
    for kind in ReportKind:
        with count_statements(uow) as seen:
            month.reports.run(kind, facility, *MARCH)
        before[kind] = len(seen)
    with uow() as u:
        more = [add_person(u, facility, f"New{i}", f"Student{i}") for i in range(30)]
        u.commit()
    enrol_all(RosterService(uow, month.clock), month.welding, more)
    for kind in ReportKind:
        with count_statements(uow) as seen:
            rows = month.reports.run(kind, facility, *MARCH).rows
        assert len(seen) == before[kind], kind
        assert rows
    assert max(before.values()) <= 9  # one of them reads the make-up links


def test_other_facilities_never_show(month: Month) -> None:
    outsider = month.world.outsider_id
    for kind in ReportKind:
        report = month.reports.run(kind, month.world.facility_id, *MARCH)
        assert all(getattr(r, "student_id", None) != outsider for r in report.rows)
        assert all(getattr(r, "class_name", "") != "Far Class" for r in report.rows)
    far = month.reports.missing_attendance(month.world.other_facility_id, *MARCH)
    assert [(r.class_name, r.original_date) for r in far.rows] == [
        ("Far Class", date(2026, 3, 2)),
        ("Far Class", date(2026, 3, 16)),
    ]


def test_bad_periods_and_unknown_facilities_are_refused(month: Month) -> None:
    facility = month.world.facility_id
    with pytest.raises(ValidationError, match="ends before it starts"):
        month.reports.training_summary(facility, date(2026, 3, 31), date(2026, 3, 1))
    with pytest.raises(ValidationError, match="at most a year"):
        month.reports.student_hours(facility, date(2025, 3, 1), date(2026, 3, 2))
    assert month.reports.student_hours(facility, date(2025, 3, 2), date(2026, 3, 2)).rows
    with pytest.raises(NotFound, match="facility"):
        month.reports.participant_progress(uuid.uuid4(), *MARCH)
    with pytest.raises(NotFound, match="facility"):
        month.reports.active_enrollments(uuid.uuid4())
    with pytest.raises(ValidationError, match="not a report"):
        month.reports.run("league_table", facility, *MARCH)  # type: ignore[arg-type]


@pytest.mark.parametrize(("attended", "held"), [(0, 1), (1, 3), (2, 3), (11, 21), (1, 8), (7, 7)])
def test_rate_from_counts_is_the_domain_rate(attended: int, held: int) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    records = [
        OccurrenceRecord(
            start_utc=start + timedelta(days=i),
            end_utc=start + timedelta(days=i, hours=1),
            cancelled=False,
            status=A.PRESENT if i < attended else None,
        )
        for i in range(held)
    ]
    assert rate_pct(attended, held) == attendance_rate(records, start + timedelta(days=held))
    assert rate_pct(0, 0) is None
