"""Workstations for sync tests: a real SQLite cache each, syncing as a staff login of its own."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.db import migrate
from app.db.engine import make_local_engine, make_server_engine
from app.domain.actor import Actor
from app.domain.enums import Role
from app.repositories.uow import UnitOfWorkFactory
from app.sync.engine import SyncConfig, SyncEngine, SyncReport
from app.sync.local import LocalStore
from app.sync.server import ServerStore
from tests.integration.factories import add_person
from tests.integration.staffserver import Server

KNOWN = migrate.known_revisions()


@dataclass
class Station:
    """One workstation: its cache, its login's engine and its sync engine."""

    name: str
    login: str
    cache: Engine
    remote: Engine
    local: LocalStore
    sync: SyncEngine
    uow: UnitOfWorkFactory
    facilities: frozenset[uuid.UUID]

    def cycle(self, **kwargs: bool) -> SyncReport:
        return self.sync.cycle(**kwargs)


@dataclass
class Sites:
    """The server plus every station made, disposed at the end."""

    server: Server
    tmp: Path
    stations: list[Station] = field(default_factory=list)
    students: dict[str, list[uuid.UUID]] = field(default_factory=dict)

    def superuser(self) -> UnitOfWorkFactory:
        return UnitOfWorkFactory(make_server_engine(self.server.url), Actor("test_admin"))

    def station(
        self,
        name: str,
        login: str,
        facilities: tuple[str, ...] = ("A",),
        *,
        after_commit: Callable[[], None] | None = None,
        config: SyncConfig | None = None,
        cancel: Callable[[], bool] | None = None,
        cache_path: Path | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> Station:
        path = cache_path or self.tmp / f"{name}.sqlite3"
        cache = make_local_engine(path)
        migrate.upgrade(cache)
        remote = make_server_engine(self.server.as_(login))
        fids = frozenset(self.server.facility[f] for f in facilities)
        local = LocalStore(cache)
        sync = SyncEngine(
            local,
            ServerStore(remote, after_commit=after_commit),
            device_id=f"{name}-{uuid.uuid4().hex[:6]}",
            facilities=fids,
            client_revision=migrate.head_revision(),
            known_revisions=KNOWN,
            config=config or SyncConfig(batch_size=50, pull_chunk=50, page_size=50),
            cancel=cancel,
            now=now,
        )
        station = Station(
            name,
            login,
            cache,
            remote,
            local,
            sync,
            UnitOfWorkFactory(cache, Actor(login, Role.INSTRUCTOR, device_id=sync.device_id)),
            fids,
        )
        self.stations.append(station)
        return station


@pytest.fixture
def sites(server: Server, tmp_path: Path) -> Iterator[Sites]:
    state = Sites(server, tmp_path)
    uow = state.superuser()
    with uow() as u:
        for fac in ("A", "B"):
            state.students[fac] = [
                add_person(
                    u, server.facility[fac], f"S{i}", f"Fac{fac}", number=f"STU-2026-{fac}{i:03d}"
                )
                for i in range(12)
            ]
        u.commit()
    uow.engine.dispose()
    yield state
    for station in state.stations:
        station.cache.dispose()
        station.remote.dispose()
