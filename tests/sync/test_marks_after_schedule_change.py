"""Two workstations: marks pushed before or after a schedule change that removes or moves their
session are kept, set for review on the server and on both desks, never dropped (DESIGN §3 rule 5).

One desk changes the schedule (a session cancelled, one moved to another day, a series edited
from a date so that it loses a weekday, a series' end brought forward, a series cancelled from
its first session on); the other marks those sessions, pushing its marks before the change
reaches the server or after it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.db.models import AttendanceRecord, Facility, SessionSeries
from app.domain.enums import AttendanceStatus, Role
from app.infra.clock import FixedClock
from app.services.attendance import AttendanceService
from app.services.records import RecordsService
from app.services.review import ReviewService
from app.services.rosters import RosterService
from app.services.series_edit import SeriesEditService, SeriesForm
from tests.integration.factories import add_class, add_program, add_series, change_whole_series
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres

CHANGED_AT = FixedClock(datetime(2026, 3, 1, 15, 0, tzinfo=UTC))  # before any of the sessions


@dataclass
class Plan:
    class_id: uuid.UUID
    s: uuid.UUID  # Mon and Wed 09:00 from Mon 2 Mar
    t: uuid.UUID  # Mon 13:00 from Mon 2 Mar
    u: uuid.UUID  # Mon 15:00 from Mon 2 Mar
    student: uuid.UUID
    tz: ZoneInfo


# (series, day) -> set for review after the changes
EXPECTED = {
    ("s", date(2026, 3, 2)): False,  # untouched
    ("s", date(2026, 3, 4)): True,  # cancelled
    ("s", date(2026, 3, 9)): True,  # moved to Tue 10 Mar
    ("s", date(2026, 3, 18)): True,  # the series edited from 16 Mar on: Mondays only
    ("s", date(2026, 3, 23)): True,  # its Mondays from then on belong to the new series
    ("t", date(2026, 3, 2)): False,  # untouched
    ("t", date(2026, 3, 16)): True,  # the end brought forward to 13 Mar
    ("u", date(2026, 3, 2)): True,  # cancelled from its first session on
    ("u", date(2026, 3, 9)): True,
}


def _plan(sites: Sites) -> Plan:
    facility = sites.server.facility["A"]
    uow = sites.superuser()
    with uow() as u:
        program = add_program(u, "Metalwork")
        u.flush()
        class_id = add_class(u, facility, program, "Welding I")
        u.flush()
        first = datetime(2026, 3, 2, 9, 0)
        s = add_series(u, facility, class_id, first, rrule="FREQ=WEEKLY;BYDAY=MO,WE")
        t = add_series(u, facility, class_id, first.replace(hour=13))
        series_u = add_series(u, facility, class_id, first.replace(hour=15))
        tz = u.session.scalar(select(Facility.timezone).where(Facility.id == facility))
        u.commit()
    uow.engine.dispose()
    student = sites.students["A"][3]
    RosterService(sites.superuser(), FixedClock(datetime(2026, 2, 20, tzinfo=UTC))).enrol(
        class_id, student
    )
    return Plan(class_id, s, t, series_u, student, ZoneInfo(str(tz)))


def _mark_everything(station: Station, plan: Plan) -> None:
    """Each session marked on its own day, after it began, as a desk unaware of the changes."""
    for (name, day), _flag in EXPECTED.items():
        series = getattr(plan, name)
        clock = FixedClock(datetime.combine(day, time(17, 0), tzinfo=plan.tz))
        AttendanceService(station.uow, clock).mark(
            series, day, plan.student, AttendanceStatus.PRESENT
        )


def _change_schedule(station: Station, plan: Plan) -> None:
    """Every kind of change that removes or moves a session, made at ``station``."""
    edit = SeriesEditService(station.uow, CHANGED_AT)
    edit.cancel_occurrence(plan.s, date(2026, 3, 4), "Snow day")
    edit.reschedule_occurrence(plan.s, date(2026, 3, 9), datetime(2026, 3, 10, 9, 0))
    edit.edit_from(
        plan.s,
        SeriesForm(
            class_id=plan.class_id,
            first_date=date(2026, 3, 16),
            start_time=time(9, 0),
            duration_minutes=60,
            repeat="weekly",
            weekdays=(0,),
        ),
    )
    change_whole_series(station.uow, plan.t, until_local=date(2026, 3, 13))
    edit.cancel_occurrence(plan.u, date(2026, 3, 2), "Class closed", scope="all_future")


def _server_flags(sites: Sites, plan: Plan) -> dict[tuple[str, date], bool]:
    names = {plan.s: "s", plan.t: "t", plan.u: "u"}
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        rows = conn.execute(
            select(
                AttendanceRecord.event_id, AttendanceRecord.date, AttendanceRecord.needs_review
            ).where(AttendanceRecord.user_id == plan.student, AttendanceRecord.deleted_at.is_(None))
        ).all()
        removed = conn.execute(
            select(SessionSeries.deleted_at).where(SessionSeries.id == plan.u)
        ).scalar_one()
    uow.engine.dispose()
    assert removed is not None  # the series cancelled from its first session is kept, removed
    return {(names[r[0]], r[1]): bool(r[2]) for r in rows}


def _check_desk(station: Station, sites: Sites, plan: Plan) -> None:
    """The desk's review queue lists every flagged mark with why; its record shows them."""
    clock = FixedClock(datetime(2026, 3, 31, 12, 0, tzinfo=UTC))
    review = ReviewService(station.uow, AttendanceService(station.uow, clock), clock)
    items = review.queue(sites.server.facility["A"])
    names = {plan.s: "s", plan.t: "t", plan.u: "u"}
    flagged = {k for k, v in EXPECTED.items() if v}
    assert {(names[i.series_id], i.original_date) for i in items} == flagged
    why = {(names[i.series_id], i.original_date): i.why for i in items}
    assert "cancelled" in why["s", date(2026, 3, 4)]
    assert "moved to Tue 10 Mar 09:00" in why["s", date(2026, 3, 9)]
    assert "no longer has a Welding I session on Wed 18 Mar" in why["s", date(2026, 3, 18)]
    assert "no longer has a Welding I session on Mon 16 Mar" in why["t", date(2026, 3, 16)]
    assert "removed from the schedule" in why["u", date(2026, 3, 2)]
    assert all(i.class_name == "Welding I" for i in items)
    assert next(i for i in items if i.series_id == plan.u).when == "Mon 2 Mar 15:00"
    marks = RecordsService(station.uow, clock).recent_marks(plan.student)
    assert {(names[m.series_id], m.original_date) for m in marks if m.needs_review} == flagged
    assert len(marks) == len(EXPECTED)


def test_marks_pushed_before_the_change_reached_the_server_are_set_for_review(
    sites: Sites,
) -> None:
    plan = _plan(sites)
    changer = sites.station("changer", sites.server.staff("changer", Role.FACILITY_ADMIN, "A"))
    marker = sites.station("marker", sites.server.staff("marker", Role.FACILITY_ADMIN, "A"))
    changer.cycle()
    marker.cycle()
    _mark_everything(marker, plan)
    marker.cycle()  # the marks reach the server; the changer, offline, never saw them
    _change_schedule(changer, plan)
    changer.cycle()
    marker.cycle()
    changer.cycle()
    assert _server_flags(sites, plan) == EXPECTED
    for station in (changer, marker):
        _check_desk(station, sites, plan)
        assert station.sync.digests_match()


def test_marks_pushed_after_the_change_are_kept_and_set_for_review(sites: Sites) -> None:
    plan = _plan(sites)
    changer = sites.station("changer", sites.server.staff("changer", Role.FACILITY_ADMIN, "A"))
    marker = sites.station("marker", sites.server.staff("marker", Role.FACILITY_ADMIN, "A"))
    changer.cycle()
    marker.cycle()
    _change_schedule(changer, plan)
    changer.cycle()
    _mark_everything(marker, plan)  # offline during the change: it marks the old schedule
    marker.cycle()
    changer.cycle()
    assert _server_flags(sites, plan) == EXPECTED
    rejected = [i for i in marker.local.open_issues() if i["kind"] == "rejection"]
    assert rejected == []
    for station in (changer, marker):
        _check_desk(station, sites, plan)
        assert station.sync.digests_match()

    # A person keeps the mark of the cancelled session: the server takes the decision.
    clock = FixedClock(datetime(2026, 3, 31, 12, 0, tzinfo=UTC))
    review = ReviewService(marker.uow, AttendanceService(marker.uow, clock), clock)
    cancelled = next(
        i
        for i in review.queue(sites.server.facility["A"])
        if (i.series_id, i.original_date) == (plan.s, date(2026, 3, 4))
    )
    review.keep(cancelled.mark_id)
    marker.cycle()
    changer.cycle()
    assert _server_flags(sites, plan) == {**EXPECTED, ("s", date(2026, 3, 4)): False}
    theirs = ReviewService(changer.uow, AttendanceService(changer.uow, clock), clock)
    assert cancelled.mark_id not in {i.mark_id for i in theirs.queue(sites.server.facility["A"])}


def test_what_the_desk_knew_or_decided_stands(sites: Sites) -> None:
    """A mark taken at a moved session on its new day belongs to it; a mark a person kept in
    review after cancelling its session at the desk stays kept once pushed."""
    plan = _plan(sites)
    changer = sites.station("changer", sites.server.staff("changer", Role.FACILITY_ADMIN, "A"))
    marker = sites.station("marker", sites.server.staff("marker", Role.FACILITY_ADMIN, "A"))
    changer.cycle()
    SeriesEditService(changer.uow, CHANGED_AT).reschedule_occurrence(
        plan.s, date(2026, 3, 9), datetime(2026, 3, 10, 9, 0)
    )
    changer.cycle()
    marker.cycle()  # the marker knows of the move: it marks the session on its new day
    on_the_day = FixedClock(datetime(2026, 3, 10, 11, 0, tzinfo=plan.tz))
    sheet = AttendanceService(marker.uow, on_the_day)
    sheet.mark(plan.s, date(2026, 3, 9), plan.student, AttendanceStatus.PRESENT)
    sheet.mark(plan.t, date(2026, 3, 9), plan.student, AttendanceStatus.LATE)
    # The T session of 9 March is cancelled at the marker's desk, its mark kept in review.
    SeriesEditService(marker.uow, on_the_day).cancel_occurrence(
        plan.t, date(2026, 3, 9), "Burst pipe"
    )
    review = ReviewService(marker.uow, sheet, on_the_day)
    (item,) = review.queue(sites.server.facility["A"])
    assert "cancelled" in item.why
    marker.cycle()
    review.keep(item.mark_id)
    marker.cycle()
    flags = _server_flags_plain(sites, plan)
    assert flags == {(plan.s, date(2026, 3, 9)): False, (plan.t, date(2026, 3, 9)): False}


def _server_flags_plain(sites: Sites, plan: Plan) -> dict[tuple[uuid.UUID, date], bool]:
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        rows = conn.execute(
            select(
                AttendanceRecord.event_id, AttendanceRecord.date, AttendanceRecord.needs_review
            ).where(AttendanceRecord.user_id == plan.student)
        ).all()
    uow.engine.dispose()
    return {(r[0], r[1]): bool(r[2]) for r in rows}
