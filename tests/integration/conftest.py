"""Fixtures of the integration tier: an initialised server with staff logins."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import insert

from app.db import server_admin
from app.db.engine import make_server_engine
from app.db.models import Facility, Program
from tests import pgserver
from tests.integration.staffserver import Server


@pytest.fixture
def server(pg_url: str) -> Iterator[Server]:
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
