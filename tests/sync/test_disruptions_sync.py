"""A disruption declared at an admin's desk reaches every desk of its facility (and none of
another), through the outbox, the server's change log and the pull; lifting it does too, and
the other desks then hold the sessions again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from app.db.models import FacilityDisruption
from app.domain.actor import Actor
from app.domain.enums import Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.disruptions import DisruptionService
from tests.sync.conftest import Sites

pytestmark = pytest.mark.postgres

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))


def test_a_disruption_declared_at_one_desk_reaches_the_others_and_its_lifting_too(
    sites: Sites,
) -> None:
    fid = sites.server.facility["A"]
    admin_login = sites.server.staff("boss", Role.FACILITY_ADMIN, "A")
    one = sites.station("one", admin_login)
    two = sites.station("two", sites.server.staff("two", Role.INSTRUCTOR, "A"))
    other = sites.station("far", sites.server.staff("far", Role.FACILITY_ADMIN, "B"), ("B",))
    for station in (one, two, other):
        station.cycle()

    mine = DisruptionService(
        UnitOfWorkFactory(one.cache, Actor(admin_login, Role.FACILITY_ADMIN, one.sync.device_id)),
        CLOCK,
    )
    declared = mine.declare(
        fid, datetime(2026, 11, 23, 9, 0), datetime(2026, 11, 23, 12, 30), "Lockdown"
    )
    one.cycle()
    two.cycle()
    other.cycle()
    theirs = DisruptionService(two.uow, CLOCK)  # an instructor's desk: reads them
    assert theirs.disruptions(fid) == [declared.disruption]

    mine.lift(declared.disruption.id)
    one.cycle()
    two.cycle()
    other.cycle()
    assert [(d.reason, d.lifted) for d in theirs.disruptions(fid)] == [("Lockdown", True)]

    uow = sites.superuser()
    with uow.engine.connect() as conn:
        logged = conn.execute(
            text(
                "SELECT op, count(*) FROM sync_changes WHERE table_name = 'facility_disruptions'"
                " AND facility_id = :f GROUP BY op ORDER BY op"
            ),
            {"f": fid},
        ).all()
        stored = conn.execute(
            select(
                FacilityDisruption.reason,
                FacilityDisruption.starts_at,
                FacilityDisruption.created_by,
            ).where(FacilityDisruption.lifted_at.is_not(None))
        ).all()
    uow.engine.dispose()
    assert [tuple(r) for r in logged] == [("I", 1), ("U", 1)]
    starts = declared.disruption.starts_local.astimezone(UTC)
    assert [tuple(r) for r in stored] == [("Lockdown", starts, admin_login)]
    with other.cache.connect() as conn:  # facility B's desk holds none of it
        assert conn.execute(select(FacilityDisruption.id)).all() == []
    for station in (one, two, other):
        assert station.sync.digests_match()
