"""A make-up linked at an instructor's desk reaches every desk of its facility (and none of
another), through the outbox, the server's change log and the pull; unlinking it does too."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from app.db.models import MakeupLink
from app.domain.actor import Actor
from app.domain.enums import Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.makeups import MakeupService
from tests.integration.factories import add_class, add_series
from tests.sync.conftest import Sites

pytestmark = pytest.mark.postgres

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))
MISSED, SATURDAY = date(2026, 11, 9), date(2026, 11, 14)


def test_a_makeup_linked_at_one_desk_reaches_the_others_and_its_unlinking_too(
    sites: Sites,
) -> None:
    fid = sites.server.facility["A"]
    uow = sites.superuser()
    with uow() as u:
        klass = add_class(u, fid, sites.server.program["P1"], "Welding I")
        weekly = add_series(u, fid, klass, datetime(2026, 11, 2, 9, 0))
        makeup = add_series(u, fid, klass, datetime(2026, 11, 14, 9, 0), rrule=None)
        u.commit()
    login = sites.server.staff("inst", Role.INSTRUCTOR, "A")
    one = sites.station("one", login)
    two = sites.station("two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"))
    other = sites.station("far", sites.server.staff("far", Role.FACILITY_ADMIN, "B"), ("B",))
    for station in (one, two, other):
        station.cycle()

    mine = MakeupService(
        UnitOfWorkFactory(one.cache, Actor(login, Role.INSTRUCTOR, one.sync.device_id)), CLOCK
    )
    linked = mine.link(makeup, SATURDAY, [(weekly, MISSED)])
    for station in (one, two, other):
        station.cycle()
    theirs = MakeupService(two.uow, CLOCK)
    assert theirs.of_session(makeup, SATURDAY) == linked
    assert [v.makeup.original_date for v in theirs.makeups(fid)] == [SATURDAY]

    mine.unlink(makeup, SATURDAY)
    for station in (one, two, other):
        station.cycle()
    assert theirs.of_session(makeup, SATURDAY) is None

    with uow.engine.connect() as conn:
        logged = conn.execute(
            text(
                "SELECT op, count(*) FROM sync_changes WHERE table_name = 'makeup_links'"
                " AND facility_id = :f GROUP BY op ORDER BY op"
            ),
            {"f": fid},
        ).all()
        stored = conn.execute(
            select(MakeupLink.missed_date, MakeupLink.created_by).where(
                MakeupLink.deleted_at.is_not(None)
            )
        ).all()
    uow.engine.dispose()
    assert [tuple(r) for r in logged] == [("I", 1), ("U", 1)]
    assert [tuple(r) for r in stored] == [(MISSED, login)]
    with other.cache.connect() as conn:  # facility B's desk holds none of it
        assert conn.execute(select(MakeupLink.id)).all() == []
    for station in (one, two, other):
        assert station.sync.digests_match()
