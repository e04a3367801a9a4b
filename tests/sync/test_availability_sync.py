"""Instructor availability edited on one workstation reaches the others of its facility (and
none of another), through the outbox, the server's change log and the pull."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from app.db.models import InstructorAvailability, InstructorTimeOff, User
from app.domain.availability import Interval
from app.domain.enums import Role
from app.infra.clock import FixedClock
from app.services.availability import AvailabilityService
from app.services.availability_dto import HoursEntry, TimeOffEntry
from tests.sync.conftest import Sites

pytestmark = pytest.mark.postgres

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))
MON, WED = 0, 2


def _user_id(sites: Sites, login: str) -> uuid.UUID:
    uow = sites.superuser()
    with uow() as u:
        found = u.session.scalar(select(User.id).where(User.username == login))
    uow.engine.dispose()
    assert found is not None
    return found


def test_hours_and_time_off_edited_at_one_desk_reach_the_other_and_back(sites: Sites) -> None:
    fid = sites.server.facility["A"]
    coach = _user_id(sites, sites.server.staff("coach", Role.INSTRUCTOR, "A"))
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station("two", sites.server.staff("two", Role.INSTRUCTOR, "A"))
    other = sites.station("far", sites.server.staff("far", Role.FACILITY_ADMIN, "B"), ("B",))
    for station in (one, two, other):
        station.cycle()

    mine = AvailabilityService(one.uow, CLOCK)
    saved = mine.save(
        fid,
        coach,
        [HoursEntry(MON, 9 * 60, 17 * 60), HoursEntry(WED, 9 * 60, 12 * 60)],
        [TimeOffEntry(datetime(2026, 12, 21), datetime(2027, 1, 4), "Winter break")],
    )
    one.cycle()
    two.cycle()
    other.cycle()
    theirs = AvailabilityService(two.uow, CLOCK)
    assert theirs.of_instructor(fid, coach) == saved
    assert theirs.unavailable(fid, coach, date(2026, 11, 23), date(2026, 11, 23)) == [
        Interval(datetime(2026, 11, 23), datetime(2026, 11, 23, 9)),
        Interval(datetime(2026, 11, 23, 17), datetime(2026, 11, 24)),
    ]

    # The instructor's desk changes Monday, drops Wednesday and the break; the admin's sees it.
    monday = saved.hours[0]
    changed = theirs.save(fid, coach, [HoursEntry(MON, 10 * 60, 17 * 60, id=monday.id)], [])
    two.cycle()
    one.cycle()
    other.cycle()
    assert mine.of_instructor(fid, coach) == changed
    assert [h.text for h in changed.hours] == ["Mon 10:00–17:00"]
    assert changed.time_off == ()

    # The server logged every write, under facility A only; facility B's desk holds none of it.
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        logged = conn.execute(
            text(
                "SELECT table_name, op, count(*) FROM sync_changes WHERE table_name IN"
                " ('instructor_availability', 'instructor_time_off') AND facility_id = :f"
                " GROUP BY table_name, op ORDER BY table_name, op"
            ),
            {"f": fid},
        ).all()
        tombstones = conn.execute(
            select(InstructorAvailability.weekday).where(
                InstructorAvailability.deleted_at.is_not(None)
            )
        ).all()
    uow.engine.dispose()
    assert [tuple(r) for r in logged] == [
        ("instructor_availability", "I", 2),
        ("instructor_availability", "U", 2),
        ("instructor_time_off", "I", 1),
        ("instructor_time_off", "U", 1),
    ]
    assert [r.weekday for r in tombstones] == [WED]
    with other.cache.connect() as conn:
        for model in (InstructorAvailability, InstructorTimeOff):
            assert conn.execute(select(model.id)).all() == []
    for station in (one, two, other):
        assert station.sync.digests_match()
