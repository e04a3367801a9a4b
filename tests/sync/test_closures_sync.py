"""A closure declared at an admin's desk reaches every desk of its facility (and none of
another), through the outbox, the server's change log and the pull; removing it does too."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from app.db.models import FacilityClosure
from app.domain.actor import Actor
from app.domain.enums import Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.closures import ClosureService
from tests.sync.conftest import Sites

pytestmark = pytest.mark.postgres

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))
DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


def test_a_closure_declared_at_one_desk_reaches_the_others_and_its_removal_too(
    sites: Sites,
) -> None:
    fid = sites.server.facility["A"]
    admin_login = sites.server.staff("boss", Role.FACILITY_ADMIN, "A")
    one = sites.station("one", admin_login)
    two = sites.station("two", sites.server.staff("two", Role.INSTRUCTOR, "A"))
    other = sites.station("far", sites.server.staff("far", Role.FACILITY_ADMIN, "B"), ("B",))
    for station in (one, two, other):
        station.cycle()

    mine = ClosureService(
        UnitOfWorkFactory(one.cache, Actor(admin_login, Role.FACILITY_ADMIN, one.sync.device_id)),
        CLOCK,
    )
    added = mine.add(fid, date(2026, 12, 24), date(2026, 12, 26), "Winter holidays")
    one.cycle()
    two.cycle()
    other.cycle()
    theirs = ClosureService(two.uow, CLOCK)  # an instructor's desk: reads them
    assert theirs.closures(fid) == [added.closure]
    assert theirs.closed_days(fid, *DECEMBER) == {
        date(2026, 12, 24): "Winter holidays",
        date(2026, 12, 25): "Winter holidays",
        date(2026, 12, 26): "Winter holidays",
    }

    mine.remove(added.closure.id)
    one.cycle()
    two.cycle()
    other.cycle()
    assert theirs.closures(fid) == []
    assert theirs.closed_days(fid, *DECEMBER) == {}

    uow = sites.superuser()
    with uow.engine.connect() as conn:
        logged = conn.execute(
            text(
                "SELECT op, count(*) FROM sync_changes WHERE table_name = 'facility_closures'"
                " AND facility_id = :f GROUP BY op ORDER BY op"
            ),
            {"f": fid},
        ).all()
        stored = conn.execute(
            select(FacilityClosure.reason, FacilityClosure.created_by).where(
                FacilityClosure.deleted_at.is_not(None)
            )
        ).all()
    uow.engine.dispose()
    assert [tuple(r) for r in logged] == [("I", 1), ("U", 1)]
    assert [tuple(r) for r in stored] == [("Winter holidays", admin_login)]
    with other.cache.connect() as conn:  # facility B's desk holds none of it
        assert conn.execute(select(FacilityClosure.id)).all() == []
    for station in (one, two, other):
        assert station.sync.digests_match()
