"""Conflicts and rejections resolved by a person: keep mine, keep theirs, and retry."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from app.db.models import User
from app.domain.actor import Actor
from app.domain.enums import Role
from app.domain.errors import NotFound
from app.repositories.uow import UnitOfWorkFactory
from app.services.sync_issues import SyncIssuesService
from tests.integration.factories import add_person
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres


def _set(station: Station, user_id: uuid.UUID, **values: object) -> None:
    with station.uow() as u:
        user = u.session.get(User, user_id)
        assert user is not None
        for key, value in values.items():
            setattr(user, key, value)
        u.commit()


def _server(sites: Sites, user_id: uuid.UUID) -> dict[str, object]:
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        row = dict(conn.execute(select(User).where(User.id == user_id)).mappings().one())
    uow.engine.dispose()
    return row


def _pair(sites: Sites) -> tuple[Station, Station]:
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station("two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"))
    one.cycle()
    two.cycle()
    return one, two


def _service(station: Station) -> SyncIssuesService:
    return SyncIssuesService(
        UnitOfWorkFactory(station.cache, Actor(station.login, Role.FACILITY_ADMIN))
    )


def test_keep_mine_wins_at_the_next_push_and_keep_theirs_changes_nothing(sites: Sites) -> None:
    one, two = _pair(sites)
    first, second = sites.students["A"][0], sites.students["A"][1]
    for user_id in (first, second):
        _set(one, user_id, name_first="Server")
        _set(two, user_id, name_first="Mine")
    one.cycle()
    two.cycle()
    service = _service(two)
    issues = {i.row_id: i for i in service.list_open()}
    assert set(issues) == {first, second}
    assert issues[first].mine == {"name_first": "Mine"}
    assert issues[first].theirs == {"name_first": "Server"}
    assert service.status().state == "attention"

    service.keep_mine(issues[first].id)
    service.keep_theirs(issues[second].id)
    assert service.list_open() == []
    assert service.status().state == "pending"
    two.cycle()
    assert _server(sites, first)["name_first"] == "Mine"
    assert _server(sites, second)["name_first"] == "Server"
    assert two.local.open_issues() == [] and two.sync.digests_match()
    one.cycle()
    assert one.local.open_issues() == []  # keep mine is a clean change, not a new conflict
    with pytest.raises(NotFound):
        service.keep_theirs(issues[second].id)


def test_keep_mine_creates_a_refused_new_record_again_once_the_server_allows_it(
    sites: Sites,
) -> None:
    one, two = _pair(sites)
    made = {}
    for station, first in ((one, "Ann"), (two, "Bea")):
        with station.uow() as u:
            made[first] = add_person(
                u, sites.server.facility["A"], first, "Clash", number="STU-2026-0888"
            )
            u.commit()
    one.cycle()
    two.cycle()
    service = _service(two)
    (rejection,) = service.list_open()
    assert rejection.kind == "rejection" and rejection.mine is not None
    assert rejection.mine["name_first"] == "Bea"
    _set(one, made["Ann"], student_number="STU-2026-0889")  # the clash is resolved there
    one.cycle()
    two.cycle()
    assert [i.id for i in service.list_open()] == [rejection.id]
    service.keep_mine(rejection.id)
    two.cycle()
    assert _server(sites, rejection.row_id)["student_number"] == "STU-2026-0888"
    assert _server(sites, rejection.row_id)["name_first"] == "Bea"
    assert two.sync.digests_match() and service.list_open() == []
