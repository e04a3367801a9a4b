"""Shared fixtures: a real PostgreSQL for every run, fresh databases per test, the offscreen Qt."""

from __future__ import annotations

import faulthandler
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine, insert

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.db import migrate, server_admin
from app.db.engine import make_local_engine, make_server_engine
from app.db.models import Facility, Program
from app.domain.actor import SYSTEM_ACTOR, Actor
from app.repositories.uow import UnitOfWorkFactory
from app.ui.garbage import GuiGarbageCollector
from tests import pgserver
from tests.integration.factories import build_world
from tests.integration.staffserver import Server
from tests.signin_site import Site
from tests.tcpserver import TcpPostgres

TEST_ACTOR = Actor(username="test_admin", device_id="test-device")


@pytest.fixture(scope="session", autouse=True)
def _gc_on_the_main_thread(qapp: object) -> Iterator[GuiGarbageCollector]:
    """As in the app: no automatic garbage collection (it could free a Qt object on a worker
    thread); the main thread collects on a timer and after every test."""
    collector = GuiGarbageCollector()
    collector.start()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_after_each_test(
    request: pytest.FixtureRequest, _gc_on_the_main_thread: GuiGarbageCollector
) -> Iterator[None]:
    # A last resort past pytest-timeout: a deadlock inside C that holds the interpreter lock
    # (a Qt destructor waiting for a thread that waits for the lock) stops every Python-level
    # timer, so faulthandler's own thread dumps every stack and ends the run instead.
    limit = float(request.config.getini("timeout") or 0)
    if limit:
        faulthandler.dump_traceback_later(limit + 60, exit=True)
    yield
    _gc_on_the_main_thread.check()
    if limit:
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A database at head, made once per run; tests get copies (CREATE DATABASE TEMPLATE)."""
    url = pgserver.create_database(prefix="rb_template")
    engine = make_server_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    pgserver.drop_database(url)


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    """A fresh PostgreSQL database at head, dropped after the test."""
    from sqlalchemy.engine import make_url

    url = pgserver.create_database(template=make_url(pg_template).database, prefix="rb_test")
    yield url
    pgserver.drop_database(url)


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_server_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A fresh local cache file at head, upgraded by the same Alembic history as the server."""
    engine = make_local_engine(tmp_path / "cache.sqlite3")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Repository tests run on both engines."""
    name = "sqlite_engine" if request.param == "sqlite" else "pg_engine"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def uow(engine: Engine) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(engine, TEST_ACTOR)


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """A password-checking server of its own over TCP, with the world of ``build_world``."""
    pg = TcpPostgres()
    pg.start()
    url = pg.create_database("rollbook")
    engine = make_server_engine(url)
    migrate.upgrade(engine)
    server_admin.init_server(url)
    world = build_world(UnitOfWorkFactory(engine, SYSTEM_ACTOR))
    engine.dispose()
    yield Site(pg, url, world)
    pg.destroy()


@pytest.fixture
def server(pg_url: str) -> Iterator[Server]:
    """An initialised database with facilities A and B, programs P1 and P2; logins dropped after."""
    state = Server(url=pg_url)
    server_admin.init_server(pg_url)
    engine = make_server_engine(pg_url)
    with engine.begin() as conn:
        for fac in ("A", "B"):
            state.facility[fac] = uuid.uuid4()
            conn.execute(insert(Facility).values(id=state.facility[fac], name=f"Facility {fac}"))
        for prog in ("P1", "P2"):
            state.program[prog] = uuid.uuid4()
            conn.execute(insert(Program).values(id=state.program[prog], name=f"Program {prog}"))
    engine.dispose()
    yield state
    # Roles are cluster-wide: drop this test's logins (they own nothing, hold only memberships).
    with psycopg.connect(pgserver.server_url(), autocommit=True) as admin:
        for name in state.logins:
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
