"""RiskService on SQLite and PostgreSQL: who is at risk, why, and in whose classes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from app.db.models import User
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, EnrollmentStatus, Role
from app.domain.errors import NotFound
from app.domain.ids import enrollment_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.risk import RiskReason, RiskService
from app.services.rosters import RosterService
from app.services.schedule import ScheduleService
from app.services.schedule_dto import NewSeries
from tests.integration.factories import (
    NOW,
    World,
    add_class,
    build_world,
    count_statements,
    enrol_all,
    mark_each,
)

P, U, E = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT_UNEXCUSED,
    AttendanceStatus.ABSENT_EXCUSED,
)
R = RiskReason
MONDAYS = [date(2026, 2, d) for d in (2, 9, 16, 23)] + [date(2026, 3, d) for d in (2, 9, 16)]
WEDNESDAYS = [date(2026, 2, d) for d in (4, 11, 18, 25)] + [date(2026, 3, 4), date(2026, 3, 11)]
# Marks per student on the Monday class; None: not marked. Nobody was marked on 9 March.
MONDAY_MARKS = {
    0: (P, P, P, P, P, None, P),  # Ann: fine
    1: (U, U, P, U, P, None, P),  # Ben: three unexcused, but attending again
    2: (P, P, U, E, U, None, E),  # Cara: four absences in a row around the unmarked session
    3: (P, P, P, P, U, None, U),  # Dan: two in a row, two unexcused: not yet
}


class Setup:
    """Welding I on Mondays (Iris teaches the class); Welding II on Wednesdays (Omar teaches
    its series only). Eve joined Welding I late and never came; Finn left after three
    unexcused absences; the second Ann joined after the last session ended."""

    def __init__(self, uow: UnitOfWorkFactory, world: World) -> None:
        self.uow = uow
        self.world = world
        self.clock = FixedClock(datetime(2026, 1, 20, 12, 0, tzinfo=UTC))
        rosters = RosterService(uow, self.clock)
        schedule = ScheduleService(uow, self.clock)
        attendance = AttendanceService(uow, self.clock)
        s = world.students
        monday, wednesday = world.classes
        enrol_all(rosters, monday, [s[0], s[1], s[2], s[3], s[5]])
        rosters.enrol(wednesday, s[0])
        self.monday_series = schedule.create_series(
            NewSeries(monday, datetime(2026, 2, 2, 9, 0), 60, "FREQ=WEEKLY;BYDAY=MO")
        ).id
        self.wednesday_series = schedule.create_series(
            NewSeries(
                wednesday,
                datetime(2026, 2, 4, 9, 0),
                60,
                "FREQ=WEEKLY;BYDAY=WE",
                instructor_id=world.instructor2_id,
            )
        ).id
        self.clock.set(datetime(2026, 2, 20, 12, 0, tzinfo=UTC))
        rosters.change_status_many(
            [enrollment_id(monday, s[5])], EnrollmentStatus.INCOMPLETE_WITHDRAWN, "Released"
        )
        self.clock.set(datetime(2026, 2, 25, 12, 0, tzinfo=UTC))
        rosters.enrol(monday, s[4])
        self.clock.set(datetime(2026, 3, 16, 15, 0, tzinfo=UTC))  # after the 09:00 EDT session
        rosters.enrol(monday, s[6])
        self.clock.set(NOW)
        for i, day in enumerate(MONDAYS):
            marks: dict[uuid.UUID, AttendanceStatus] = {}
            for k, row in MONDAY_MARKS.items():
                if (status := row[i]) is not None:
                    marks[s[k]] = status
            if day < date(2026, 2, 20):
                marks[s[5]] = U
            if marks:
                mark_each(attendance, self.monday_series, day, marks)
        for day, status in zip(WEDNESDAYS, (P, U, U, E, U, E), strict=True):
            attendance.mark(self.wednesday_series, day, s[0], status)

    def service(self, actor: Actor | None = None) -> RiskService:
        factory = self.uow if actor is None else UnitOfWorkFactory(self.uow.engine, actor)
        return RiskService(factory, FixedClock(NOW))


@pytest.fixture
def setup(uow: UnitOfWorkFactory) -> Setup:
    world = build_world(uow, students=7)
    with uow() as u:
        world.classes = [
            add_class(
                u,
                world.facility_id,
                world.program_id,
                "Welding I",
                instructor_id=world.instructor_id,
            ),
            add_class(u, world.facility_id, world.program_id, "Welding II"),
        ]
        u.commit()
    return Setup(uow, world)


def test_the_facility_list_names_each_reason_with_its_numbers(setup: Setup) -> None:
    s = setup
    with count_statements(s.uow) as queries:
        found = s.service().students_at_risk(s.world.facility_id)
    assert len(queries) <= 7  # facility, disruptions, two tallies, series, overrides, taken
    assert found.mine_only is False
    rows = [(r.display_name, r.class_name, r.reasons) for r in found.students]
    assert rows == [
        ("Young, Ann", "Welding II", (R.CONSECUTIVE_ABSENCES, R.UNEXCUSED_ABSENCES)),
        ("adams, Ben", "Welding I", (R.UNEXCUSED_ABSENCES,)),
        ("Moreno, Cara", "Welding I", (R.CONSECUTIVE_ABSENCES,)),
        ("Zimmer, Eve", "Welding I", (R.NO_ATTENDANCE_YET,)),
    ]
    ann, ben, cara, eve = found.students
    assert (ann.unexcused, ann.absent_in_a_row, ann.last_marked) == (3, 5, date(2026, 3, 11))
    assert (ben.unexcused, ben.absent_in_a_row, ben.last_marked) == (3, 0, date(2026, 3, 16))
    assert (cara.unexcused, cara.absent_in_a_row) == (2, 4)
    # 2 and 16 March had attendance taken; 9 March was never marked, so it does not count.
    assert (eve.sessions_without_attendance, eve.first_missed) == (2, date(2026, 3, 2))
    assert (eve.unexcused, eve.absent_in_a_row, eve.last_marked) == (0, 0, None)
    assert eve.student_number == "STU-2026-0005" and eve.student_id == s.world.students[4]
    assert ann.why == "Absent 5 times in a row; 3 unexcused absences"
    assert eve.why == "Not attended yet: 2 sessions since 02 Mar"


def test_attending_again_takes_a_student_off_the_list(setup: Setup) -> None:
    s = setup
    attendance = AttendanceService(s.uow, FixedClock(NOW))
    cara, eve = s.world.students[2], s.world.students[4]
    attendance.mark(s.monday_series, date(2026, 3, 16), cara, P)
    attendance.mark(s.monday_series, date(2026, 3, 16), eve, AttendanceStatus.LATE)
    names = [r.display_name for r in s.service().students_at_risk(s.world.facility_id).students]
    assert names == ["Young, Ann", "adams, Ben"]
    # One more unexcused absence for Dan makes three: he joins the list.
    attendance.mark(s.monday_series, date(2026, 3, 9), s.world.students[3], U)
    found = {r.display_name: r for r in s.service().students_at_risk(s.world.facility_id).students}
    dan = found["Brooks, Dan"]
    assert dan.reasons == (R.CONSECUTIVE_ABSENCES, R.UNEXCUSED_ABSENCES)
    assert (dan.unexcused, dan.absent_in_a_row) == (3, 3)


def test_a_student_who_never_came_but_was_marked_absent_has_both_reasons(setup: Setup) -> None:
    s = setup
    attendance = AttendanceService(s.uow, FixedClock(NOW))
    eve = s.world.students[4]
    for day in (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)):
        attendance.mark(s.monday_series, day, eve, E)
    found = {r.display_name: r for r in s.service().students_at_risk(s.world.facility_id).students}
    assert found["Zimmer, Eve"].reasons == (R.NO_ATTENDANCE_YET, R.CONSECUTIVE_ABSENCES)
    assert found["Zimmer, Eve"].sessions_without_attendance == 3  # 9 March is taken now
    assert list(found)[:2] == ["Young, Ann", "Zimmer, Eve"]  # two reasons each: by name


def test_an_instructor_sees_the_classes_they_teach(setup: Setup) -> None:
    s = setup
    service = s.service()
    iris = service.students_at_risk(s.world.facility_id, instructor_id=s.world.instructor_id)
    omar = service.students_at_risk(s.world.facility_id, instructor_id=s.world.instructor2_id)
    assert iris.mine_only and omar.mine_only
    assert [r.display_name for r in iris.students] == ["adams, Ben", "Moreno, Cara", "Zimmer, Eve"]
    assert [(r.display_name, r.class_name) for r in omar.students] == [("Young, Ann", "Welding II")]

    with s.uow() as u:
        u.session.execute(
            update(User).where(User.id == s.world.instructor_id).values(username="iris_stone")
        )
        u.commit()
    signed_in = s.service(Actor("iris_stone", Role.INSTRUCTOR)).students_at_risk(
        s.world.facility_id
    )
    assert signed_in.mine_only
    assert signed_in.students == iris.students
    stranger = s.service(Actor("not_here", Role.INSTRUCTOR)).students_at_risk(s.world.facility_id)
    assert (stranger.mine_only, stranger.students) == (True, ())
    admin = s.service(Actor("iris_stone", Role.FACILITY_ADMIN)).students_at_risk(
        s.world.facility_id
    )
    assert not admin.mine_only and len(admin.students) == 4


def test_other_facilities_and_unknown_ones(setup: Setup) -> None:
    s = setup
    assert s.service().students_at_risk(s.world.other_facility_id).students == ()
    with pytest.raises(NotFound):
        s.service().students_at_risk(uuid.uuid4())
