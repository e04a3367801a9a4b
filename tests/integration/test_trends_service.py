"""TrendService on SQLite and PostgreSQL: weekly rates, hours against the requirement, the week."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from app.domain.enums import AttendanceStatus, EnrollmentStatus
from app.domain.errors import NotFound
from app.domain.ids import enrollment_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.rosters import RosterService
from app.services.schedule import ScheduleService
from app.services.schedule_dto import NewSeries
from app.services.trends import TrendService, WeekPoint
from tests.integration.factories import (
    NOW,
    World,
    add_class,
    add_hours,
    add_program,
    build_world,
    enrol_all,
    mark_each,
)

P, L, U, E = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.ABSENT_UNEXCUSED,
    AttendanceStatus.ABSENT_EXCUSED,
)
FEB_16, FEB_23, MAR_2, MAR_9, MAR_16 = (
    date(2026, 2, 16),
    date(2026, 2, 23),
    date(2026, 3, 2),
    date(2026, 3, 9),
    date(2026, 3, 16),
)


class Setup:
    """Welding I on Mondays at 09:00 (its 2 March session moved to Tuesday 10 March, a one-off
    on Wednesday 11 March cancelled); Welding II on Mondays and Wednesdays. Students 0-2 since
    January, student 3 from 3 March; student 0 also left a Reading class."""

    def __init__(self, uow: UnitOfWorkFactory, world: World, reading: uuid.UUID) -> None:
        self.world = world
        clock = FixedClock(datetime(2026, 1, 20, 12, 0, tzinfo=UTC))
        rosters = RosterService(uow, clock)
        schedule = ScheduleService(uow, clock)
        attendance = AttendanceService(uow, clock)
        s = world.students
        welding, welding2 = world.classes
        self.welding = welding
        enrol_all(rosters, welding, s[:3])
        rosters.enrol(reading, s[0])
        series = schedule.create_series(
            NewSeries(welding, datetime(2026, 2, 2, 9, 0), 60, "FREQ=WEEKLY;BYDAY=MO")
        ).id
        one_off = schedule.create_series(
            NewSeries(welding, datetime(2026, 3, 11, 9, 0), 60, None)
        ).id
        schedule.create_series(
            NewSeries(welding2, datetime(2026, 3, 2, 9, 0), 90, "FREQ=WEEKLY;BYDAY=MO,WE")
        )
        clock.set(datetime(2026, 2, 1, 12, 0, tzinfo=UTC))
        rosters.change_status_many(
            [enrollment_id(reading, s[0])], EnrollmentStatus.INCOMPLETE_WITHDRAWN, "Timetable"
        )
        clock.set(datetime(2026, 3, 3, 12, 0, tzinfo=UTC))
        rosters.enrol(welding, s[3])
        clock.set(NOW)
        schedule.reschedule_occurrence(series, MAR_2, datetime(2026, 3, 10, 9, 0), None, "Exams")
        schedule.cancel_occurrence(one_off, date(2026, 3, 11), "Lockdown")
        marks = {
            FEB_16: {s[0]: P, s[1]: P, s[2]: P},  # before a four-week window
            FEB_23: {s[0]: P, s[1]: P, s[2]: U},
            MAR_2: {s[0]: P, s[1]: L, s[2]: E},  # held on 10 March; student 3 unmarked
            MAR_9: {s[0]: P, s[3]: P},  # students 1 and 2 unmarked
            MAR_16: {s[0]: P, s[1]: P, s[2]: P, s[3]: P},
        }
        for day, marked in marks.items():
            mark_each(attendance, series, day, marked)
        with uow() as u:
            add_hours(u, world.facility_id, s[0], world.program_id, 120, verified=True)
            add_hours(u, world.facility_id, s[0], world.program_id, 60, verified=False)
            u.commit()
        self.service = TrendService(uow, FixedClock(NOW))


@pytest.fixture
def setup(uow: UnitOfWorkFactory) -> Setup:
    world = build_world(
        uow, students=4, required_hours=Decimal("20"), minimum_rate_pct=Decimal("75")
    )
    with uow() as u:
        world.classes = [
            add_class(
                u,
                world.facility_id,
                world.program_id,
                "Welding I",
                instructor_id=world.instructor_id,
                room_id=world.room_id,
            ),
            add_class(
                u,
                world.facility_id,
                world.program_id,
                "Welding II",
                instructor_id=world.instructor2_id,
                room_id=world.room2_id,
            ),
        ]
        reading_program = add_program(u, "Reading")
        u.flush()
        reading = add_class(u, world.facility_id, reading_program, "Reading Circle")
        u.commit()
    return Setup(uow, world, reading)


def test_a_class_by_week_counts_the_sheet_and_the_week_a_session_took_place(
    setup: Setup,
) -> None:
    trend = setup.service.class_weekly(setup.welding, weeks=4)
    assert trend.title == "Welding I"
    assert trend.weeks == (
        WeekPoint(FEB_23, 3, 2),
        WeekPoint(MAR_2, 0, 0),  # its session moved to the next week
        WeekPoint(MAR_9, 8, 4),  # 9 March: 4 on the sheet, 2 came; 10 March: 4 and 2
        WeekPoint(MAR_16, 4, 4),
    )
    assert [w.rate for w in trend.weeks] == [Decimal("66.67"), None, Decimal("50.00"), 100]
    assert (trend.held, trend.attended, trend.rate) == (15, 10, Decimal("66.67"))
    assert trend.minimum_rate_pct == Decimal("75")
    assert trend.summary() == (
        "Welding I: 66.67% attended over the last 4 weeks (10 of 15). Week of 16 Mar: 100.00%. "
        "Lowest: week of 09 Mar, 50.00%. 2 of 3 weeks below the 75.00% minimum."
    )
    longer = setup.service.class_weekly(setup.welding)
    assert len(longer.weeks) == 12 and longer.weeks[-1].week_start == MAR_16
    assert longer.weeks[-5] == WeekPoint(FEB_16, 3, 3)
    assert longer.weeks[-7:-5] == (
        WeekPoint(date(2026, 2, 2), 3, 0),
        WeekPoint(date(2026, 2, 9), 3, 0),
    )
    assert (longer.held, longer.attended) == (24, 13)


def test_a_student_by_week_over_their_classes(setup: Setup) -> None:
    s = setup.world.students
    ben = setup.service.student_weekly(s[1], weeks=4)
    assert ben.title == "adams, Ben"
    assert [(w.held, w.attended) for w in ben.weeks] == [(1, 1), (0, 0), (2, 1), (1, 1)]
    late_joiner = setup.service.student_weekly(s[3], weeks=4)
    assert [(w.held, w.attended) for w in late_joiner.weeks] == [(0, 0), (0, 0), (2, 1), (1, 1)]
    assert late_joiner.rate == Decimal("66.67")
    assert late_joiner.minimum_rate_pct == Decimal("75")  # the one program's minimum
    nobody = setup.service.student_weekly(setup.world.outsider_id, weeks=2)
    assert nobody.summary() == "Far, Otto: no sessions held in the last 2 weeks."
    with pytest.raises(NotFound):
        setup.service.student_weekly(uuid.uuid4())
    with pytest.raises(ValueError, match="weeks"):
        setup.service.student_weekly(s[1], weeks=0)


def test_hours_earned_against_the_requirement(setup: Setup) -> None:
    ann = setup.service.hours_progress(setup.world.students[0])
    assert [(h.class_name, h.enrollment_status, h.earned, h.required) for h in ann] == [
        ("Welding I", EnrollmentStatus.ENROLLED, Decimal("7.00"), Decimal("20.00")),
        ("Reading Circle", EnrollmentStatus.INCOMPLETE_WITHDRAWN, Decimal("0.00"), None),
    ]
    welding, reading = ann
    assert welding.share == Decimal("35.00") and reading.share is None
    assert welding.summary() == "Welding I: 7.00 of 20.00 hours (13.00 still needed)."
    assert reading.summary() == "Reading Circle: 0.00 hours earned; no hours required."
    assert welding.program_name == "Welding"
    ben = setup.service.hours_progress(setup.world.students[1])
    assert [h.earned for h in ben] == [Decimal("4.00")]  # four sessions, a late one included


def test_the_week_at_a_glance(setup: Setup) -> None:
    glance = setup.service.week_at_a_glance(setup.world.facility_id, date(2026, 3, 12))
    assert (glance.week_start, glance.today, glance.timezone) == (
        MAR_9,
        MAR_16,
        "America/New_York",
    )
    cells = [(g.day.day, g.hour, g.sessions, g.cancelled, g.classes) for g in glance.slots]
    assert cells == [
        (9, 9, 2, 0, ("Welding I", "Welding II")),
        (10, 9, 1, 0, ("Welding I",)),
        (11, 9, 1, 1, ("Welding II", "Welding I (cancelled)")),
    ]
    assert list(glance.per_day().values()) == [2, 1, 1, 0, 0, 0, 0]
    assert glance.summary() == (
        "Week of 09 Mar 2026 at North Academy: 4 sessions (1 cancelled). Mon 2, Tue 1, Wed 1, "
        "Thu 0, Fri 0, Sat 0, Sun 0. Busiest day Monday (2); busiest hour Mon 09:00 (2)."
    )
    this_week = setup.service.week_at_a_glance(setup.world.facility_id)
    assert this_week.week_start == MAR_16
    assert [(g.day, g.sessions) for g in this_week.slots] == [(MAR_16, 2), (date(2026, 3, 18), 1)]
    with pytest.raises(NotFound):
        setup.service.week_at_a_glance(uuid.uuid4())
    with pytest.raises(NotFound):
        setup.service.class_weekly(uuid.uuid4())
