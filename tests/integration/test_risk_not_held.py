"""The at-risk list on SQLite and PostgreSQL never counts a session that was not held: a mark
kept on a closed day or on a session a disruption stops is neither an absence nor attendance,
and neither breaks nor extends a run of absences; a never-attending student did not miss it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time

import pytest

from app.domain.enums import AttendanceStatus
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.closures import ClosureService
from app.services.disruptions import DisruptionService
from app.services.risk import RiskReason, RiskService, StudentAtRisk
from app.services.rosters import RosterService
from tests.integration.factories import (
    NOW,
    World,
    add_series,
    count_statements,
    enrol_all,
    schedule_world,
)

P, U, E = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT_UNEXCUSED,
    AttendanceStatus.ABSENT_EXCUSED,
)
R = RiskReason
# Welding I meets every Monday at 09:00 from 2 February; NOW is Monday 16 March, 17:00 UTC.
FEB2, FEB9, FEB16, FEB23, MAR2, MAR9, MAR16 = (
    date(2026, 2, 2),
    date(2026, 2, 9),
    date(2026, 2, 16),
    date(2026, 2, 23),
    date(2026, 3, 2),
    date(2026, 3, 9),
    date(2026, 3, 16),
)
MONDAYS = (FEB2, FEB9, FEB16, FEB23, MAR2, MAR9, MAR16)


class Desk:
    """Welding I with Ann (present every Monday) and the students a test marks."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self.uow = uow
        self.world: World = schedule_world(uow, students=4, second="Maths")
        with uow() as u:
            self.series = add_series(
                u, self.world.facility_id, self.world.classes[0], datetime(2026, 2, 2, 9, 0)
            )
            u.commit()
        enrol_all(
            RosterService(uow, FixedClock(datetime(2026, 1, 30, 12, 0, tzinfo=UTC))),
            self.world.classes[0],
            self.world.students,
        )
        self.attendance = AttendanceService(uow, FixedClock(NOW))
        self.closures = ClosureService(uow, FixedClock(NOW))
        self.disruptions = DisruptionService(uow, FixedClock(NOW))
        self.mark(self.ann, dict.fromkeys(MONDAYS, P))

    @property
    def ann(self) -> uuid.UUID:
        return self.world.students[0]

    @property
    def ben(self) -> uuid.UUID:
        return self.world.students[1]

    @property
    def cara(self) -> uuid.UUID:
        return self.world.students[2]

    @property
    def dan(self) -> uuid.UUID:
        return self.world.students[3]

    def mark(self, student: uuid.UUID, marks: Mapping[date, AttendanceStatus]) -> None:
        for day, status in marks.items():
            self.attendance.mark(self.series, day, student, status)

    def at_risk(self) -> dict[uuid.UUID, StudentAtRisk]:
        found = RiskService(self.uow, FixedClock(NOW)).students_at_risk(self.world.facility_id)
        return {s.student_id: s for s in found.students}

    def disrupt(self, day: date) -> uuid.UUID:
        """A lockdown over that Monday's 09:00 session."""
        declared = self.disruptions.declare(
            self.world.facility_id,
            datetime.combine(day, time(8, 30)),
            datetime.combine(day, time(10, 30)),
            "Lockdown",
        )
        return declared.disruption.id


@pytest.fixture
def desk(uow: UnitOfWorkFactory) -> Desk:
    return Desk(uow)


def _ben_misses_three(desk: Desk) -> None:
    """Ben comes every other Monday: three unexcused absences, none two in a row."""
    desk.mark(desk.ben, {FEB2: P, FEB9: U, FEB16: P, FEB23: U, MAR2: P, MAR9: U, MAR16: P})


def test_absences_on_closed_days_do_not_count_until_the_closure_is_removed(desk: Desk) -> None:
    _ben_misses_three(desk)
    ben = desk.at_risk()[desk.ben]
    assert (ben.reasons, ben.unexcused) == ((R.UNEXCUSED_ABSENCES,), 3)
    closed = desk.closures.add(desk.world.facility_id, FEB23, MAR9, "Spring shutdown")
    assert desk.ben not in desk.at_risk()
    desk.closures.remove(closed.closure.id)
    ben = desk.at_risk()[desk.ben]
    assert (ben.reasons, ben.unexcused) == ((R.UNEXCUSED_ABSENCES,), 3)


def test_absences_on_disrupted_sessions_do_not_count_until_lifted(desk: Desk) -> None:
    _ben_misses_three(desk)
    first, second = desk.disrupt(FEB23), desk.disrupt(MAR9)
    with count_statements(desk.uow) as queries:
        found = desk.at_risk()
    # facility, disruptions, the facility's sessions, two tallies, series, overrides, taken
    assert len(queries) <= 8
    assert desk.ben not in found
    desk.disruptions.lift(first)
    assert desk.ben not in desk.at_risk()  # two unexcused absences left
    desk.disruptions.lift(second)
    ben = desk.at_risk()[desk.ben]
    assert (ben.reasons, ben.unexcused) == ((R.UNEXCUSED_ABSENCES,), 3)


def test_a_session_not_held_neither_lengthens_nor_breaks_a_run_of_absences(desk: Desk) -> None:
    # Ben: excused three Mondays in a row, the middle one later closed: two in a row.
    desk.mark(desk.ben, {FEB2: P, FEB9: P, FEB16: P, FEB23: P, MAR2: E, MAR9: E, MAR16: E})
    # Cara: present on 2 March between excused absences, but that session was disrupted.
    desk.mark(desk.cara, {FEB2: P, FEB9: P, FEB16: E, FEB23: E, MAR2: P, MAR9: E, MAR16: E})
    found = desk.at_risk()
    assert found[desk.ben].reasons == (R.CONSECUTIVE_ABSENCES,)
    assert desk.cara not in found
    desk.closures.add(desk.world.facility_id, MAR9, None, "Staff training day")
    desk.disrupt(MAR2)
    found = desk.at_risk()
    assert desk.ben not in found
    cara = found[desk.cara]
    # 16 and 23 February and 16 March; not 9 March, closed.
    assert (cara.reasons, cara.absent_in_a_row) == ((R.CONSECUTIVE_ABSENCES,), 3)


def test_a_student_who_never_came_did_not_miss_sessions_not_held(desk: Desk) -> None:
    # Cara never came; Dan came only on a day the facility later closed.
    desk.mark(desk.dan, {FEB23: P})
    found = desk.at_risk()
    assert (found[desk.cara].sessions_without_attendance, found[desk.cara].first_missed) == (
        7,
        FEB2,
    )
    assert desk.dan not in found
    desk.closures.add(desk.world.facility_id, FEB23, None, "Storm")
    desk.closures.add(desk.world.facility_id, FEB2, None, "Holiday")
    desk.disrupt(MAR9)
    found = desk.at_risk()
    cara, dan = found[desk.cara], found[desk.dan]
    assert (cara.reasons, cara.sessions_without_attendance, cara.first_missed) == (
        (R.NO_ATTENDANCE_YET,),
        4,
        FEB9,
    )
    assert (dan.reasons, dan.sessions_without_attendance) == ((R.NO_ATTENDANCE_YET,), 4)
