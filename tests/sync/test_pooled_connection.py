"""Sync behind a transaction-pooling proxy (PgBouncer's ``pool_mode = transaction``): every
transaction may run on another server backend, so nothing may live on the session between
transactions (settings, prepared statements, temporary tables, advisory locks).

The engine here hands SQLAlchemy a DBAPI connection that is a ring of real psycopg connections
and moves to the next one at every commit or rollback, as the proxy does."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.engine import make_url

from app.db.engine import workstation_server_engine
from app.db.models import User
from app.domain.enums import Role
from app.sync.server import ServerStore
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres

_OWN = frozenset({"_ring", "_at", "served"})


class SwitchingConnection:
    """A DBAPI connection whose transactions each go to the next backend of a ring."""

    def __init__(self, ring: list[psycopg.Connection[Any]], served: list[int]) -> None:
        self._ring = ring
        self._at = 0
        self.served = served  # the backend pid of each cursor opened, in order

    @property
    def _now(self) -> psycopg.Connection[Any]:
        return self._ring[self._at]

    def cursor(self, *args: Any, **kwargs: Any) -> Any:
        self.served.append(self._now.info.backend_pid)
        return self._now.cursor(*args, **kwargs)

    def commit(self) -> None:
        self._now.commit()
        self._next()

    def rollback(self) -> None:
        self._now.rollback()
        self._next()

    def close(self) -> None:
        for conn in self._ring:
            conn.close()

    def _next(self) -> None:
        self._at = (self._at + 1) % len(self._ring)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._now, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _OWN:
            object.__setattr__(self, name, value)
            return
        for conn in self._ring:  # autocommit, isolation level: the proxy's backends alike
            setattr(conn, name, value)


def pooled_engine(url: str, served: list[int], backends: int = 3) -> Engine:
    """A workstation's engine for ``url`` behind a transaction-pooling proxy."""
    engine = workstation_server_engine(
        make_url(url).update_query_dict({"pooled": "transaction"}),
        use_native_hstore=False,  # its type look-up wants a psycopg connection, not the ring
    )

    (made,) = list(engine.dialect.dispatch.do_connect)  # the desk's own connect

    def connect(dialect: object, record: object, cargs: Any, cparams: Any) -> object:
        ring = [made(dialect, record, cargs, dict(cparams)) for _ in range(backends)]
        return SwitchingConnection(ring, served)

    event.remove(engine, "do_connect", made)
    event.listen(engine, "do_connect", connect)
    return engine


def _pooled_station(sites: Sites, name: str, served: list[int]) -> Station:
    login = sites.server.staff(name, Role.FACILITY_ADMIN, "A")
    station = sites.station(name, login)
    station.remote.dispose()
    station.remote = pooled_engine(sites.server.as_(login), served)
    station.sync.server = ServerStore(station.remote)
    return station


def _rename(station: Station, user_id: uuid.UUID, **values: str) -> None:
    with station.uow() as u:
        user = u.session.get(User, user_id)
        assert user is not None
        for name, value in values.items():
            setattr(user, name, value)
        u.commit()


def test_the_switching_connection_moves_to_another_backend_at_each_transaction_end(
    sites: Sites,
) -> None:
    served: list[int] = []
    login = sites.server.staff("probe", Role.FACILITY_ADMIN, "A")
    engine = pooled_engine(sites.server.as_(login), served)
    try:
        with engine.connect() as conn:
            pids = []
            for _ in range(4):
                with conn.begin():
                    pids.append(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
    finally:
        engine.dispose()
    assert len(set(pids)) == 3 and pids[0] == pids[3]


def test_a_full_cycle_with_conflicts_through_a_transaction_pooling_proxy(sites: Sites) -> None:
    served: list[int] = []
    ws = _pooled_station(sites, "pooled", served)
    other = sites.station("other", sites.server.staff("other", Role.FACILITY_ADMIN, "A"))
    ws.cycle()  # the initial pull: handshake, registration, pages, fence, each a transaction
    other.cycle()
    assert ws.sync.digests_match()
    clash, merges, fresh = sites.students["A"][:3]
    _rename(other, clash, name_first="FromOther")
    other.cycle()

    _rename(ws, clash, name_first="FromPooled")
    _rename(ws, merges, phone="555-0199")
    with ws.uow() as u:
        from tests.integration.factories import add_person

        added = add_person(u, sites.server.facility["A"], "Pooled", "New", number="STU-P-0001")
        u.commit()
    _rename(ws, fresh, name_last="Renamed")
    served.clear()
    ws.cycle()  # push (one transaction per batch, issues stored), then the pull

    assert len(set(served)) > 1, "the cycle ran on one backend only"
    (issue,) = ws.local.open_issues()
    assert issue["kind"] == "conflict" and uuid.UUID(str(issue["row_id"])) == clash
    assert "FromPooled" in issue["mine"] and "FromOther" in issue["theirs"]
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        rows = {
            r.id: r
            for r in conn.execute(
                select(User.id, User.name_first, User.name_last, User.phone, User.created_by).where(
                    User.id.in_([clash, merges, fresh, added])
                )
            )
        }
        stored = conn.execute(
            text("SELECT count(*) FROM sync_push_issues WHERE device_id = :d"),
            {"d": ws.sync.device_id},
        ).scalar_one()
        # The workstation's name went with the push's own transaction (a transaction-local
        # setting), whichever backend ran it: the audit trail names it.
        desks = set(
            conn.execute(
                text("SELECT device_id FROM audit_log WHERE row_id = ANY(:ids)"),
                {"ids": [merges, fresh, added]},
            ).scalars()
        )
    uow.engine.dispose()
    assert rows[clash].name_first == "FromOther"
    assert rows[merges].phone == "555-0199"
    assert rows[fresh].name_last == "Renamed"
    assert rows[added].created_by == ws.login
    assert stored == 1
    assert ws.sync.device_id in desks
    # The pull brought the server's side back; both workstations hold the same slice.
    with ws.cache.connect() as conn:
        mine = conn.execute(select(User.name_first).where(User.id == clash)).scalar_one()
    assert mine == "FromOther"
    other.cycle()
    assert ws.sync.digests_match() and other.sync.digests_match()
    assert ws.local.outbox_count()[0] == 0
