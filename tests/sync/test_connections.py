"""What a workstation's sync leaves on the server: no idle connection between cycles, and no
session state on the connection it used, so one server (or a transaction-pooling PgBouncer in
front of it) can serve thousands of workstations."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

from app.db.engine import make_server_engine, workstation_server_engine
from app.db.models import User
from app.domain.enums import Role
from app.infra.credentials import CredentialStore
from app.signin import SignInService
from app.sync.engine import SyncConfig
from app.sync.server import ServerStore
from tests.signin_site import PASSWORD, Site
from tests.sync.conftest import Sites

pytestmark = pytest.mark.postgres


def _connections_of(admin: Engine, login: str) -> int:
    with admin.connect() as conn:
        return int(
            conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE usename = :u"), {"u": login}
            ).scalar_one()
        )


def _settled_connections_of(admin: Engine, login: str) -> int:
    """The login's backends once those whose client has closed have ended: a backend leaves
    pg_stat_activity a moment after its client hangs up, so 0 is waited for (up to 5 s)."""
    deadline = time.monotonic() + 5
    while (count := _connections_of(admin, login)) and time.monotonic() < deadline:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_sleep(0.02)"))
    return count


def test_a_desk_session_holds_no_server_connection_between_cycles(
    site: Site, tmp_path: Path
) -> None:
    site.pg.start()
    login = site.staff(Role.FACILITY_ADMIN)
    admin = make_server_engine(site.admin_url)
    signin = SignInService(CredentialStore(), tmp_path / "data")
    session = signin.sign_in(site.profile(), login, PASSWORD, remember=False)
    try:
        assert session.online
        assert _settled_connections_of(admin, login) == 0  # the sign-in's question let go

        during: list[int] = []

        def progress(_stage: str, _done: int, _total: int) -> None:
            during.append(_connections_of(admin, login))

        session.sync_engine(progress=progress).cycle()
        assert during and max(during) == 1  # one connection for the whole cycle…
        assert _settled_connections_of(admin, login) == 0  # …gone once it ended

        during.clear()
        session.sync_engine(progress=progress).cycle()  # an idle cycle: no progress to see
        assert _settled_connections_of(admin, login) == 0
    finally:
        session.close()
        admin.dispose()


def _session_state(conn: Any) -> dict[str, object]:
    """Everything a connection could carry from one transaction into the next."""

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in conn.execute(text(sql))]

    return {
        "prepared": rows("SELECT name, statement FROM pg_prepared_statements"),
        "settings": rows("SELECT name, setting FROM pg_settings WHERE source = 'session'"),
        "device": conn.execute(text("SELECT current_setting('rollbook.device_id', true)")).scalar()
        or "",
        "actor": conn.execute(text("SELECT current_setting('rollbook.actor', true)")).scalar()
        or "",
        "temp tables": rows(
            "SELECT relname FROM pg_class WHERE relnamespace = pg_my_temp_schema()"
        ),
        "cursors": rows("SELECT name FROM pg_cursors"),
        "advisory locks": rows(
            "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        ),
        "listening": rows("SELECT pg_listening_channels()"),
    }


EMPTY = {
    "prepared": [],
    "settings": [],
    "device": "",
    "actor": "",
    "temp tables": [],
    "cursors": [],
    "advisory locks": [],
    "listening": [],
}


def _pooled(url: str) -> str:
    return (
        make_url(url)
        .update_query_dict({"pooled": "transaction"})
        .render_as_string(hide_password=False)
    )


@pytest.mark.parametrize("kind", ["pooled-url", "workstation"])
def test_a_cycle_leaves_no_session_state_on_its_connection(sites: Sites, kind: str) -> None:
    """As under PgBouncer's transaction pooling: after pushes and pulls that repeat their
    statements many times, the very same server connection carries nothing into the next
    transaction, which another workstation may get."""
    login = sites.server.staff("pool", Role.FACILITY_ADMIN, "A")
    other = sites.station("other", sites.server.staff("other", Role.FACILITY_ADMIN, "A"))
    ws = sites.station("ws", login, config=SyncConfig(batch_size=2, pull_chunk=2, page_size=3))
    url = sites.server.as_(login)
    engine: Engine
    if kind == "pooled-url":
        engine = make_server_engine(_pooled(url), pool_size=1, max_overflow=0)
    else:
        engine = workstation_server_engine(url, poolclass=QueuePool, pool_size=1, max_overflow=0)
    ws.remote.dispose()
    ws.sync.server = ServerStore(engine)
    try:
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        ws.cycle()
        other.cycle()
        for i, student in enumerate(sites.students["A"]):  # 12 pushes in batches of 2…
            with ws.uow() as u:
                user = u.session.get(User, student)
                assert user is not None
                user.name_first = f"Here{i}"
                u.commit()
            with other.uow() as u:  # …and as many changes to pull in chunks of 2
                user = u.session.get(User, student)
                assert user is not None
                user.phone = f"555-{i:04d}"
                u.commit()
        other.cycle()
        report = ws.cycle()
        assert report.pushed_rows == 12 and report.applied.upserted.get("users", 0) >= 12
        assert ws.sync.digests_match()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() == pid
            assert _session_state(conn) == EMPTY
    finally:
        engine.dispose()


def test_pooled_transaction_in_a_url_sends_no_startup_options(sites: Sites) -> None:
    """PgBouncer refuses a connection whose startup packet carries ``options``; the statement
    timeout is then the pooler's (README)."""
    url = sites.server.as_(sites.server.staff("opt", Role.INSTRUCTOR, "A"))
    plain = make_server_engine(url)
    pooled = make_server_engine(_pooled(url))
    try:
        with plain.connect() as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "1min"
        with pooled.connect() as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "0"
    finally:
        plain.dispose()
        pooled.dispose()


def test_a_connect_to_a_hung_server_is_cut_at_once(site: Site) -> None:
    """A desk opens a connection per cycle; a server that accepts and never answers must not
    keep a sign-out waiting for the connect timeout."""
    import threading
    import time

    from app.db.engine import cut_server_engine
    from tests.tcpserver import FreezableProxy

    site.pg.start()
    proxy = FreezableProxy(site.pg.port)
    login = site.staff(Role.INSTRUCTOR)
    engine = workstation_server_engine(
        f"postgresql://{login}:{PASSWORD.replace(' ', '%20')}@127.0.0.1:{proxy.port}/rollbook"
        "?sslmode=disable"
    )
    outcome: list[BaseException] = []

    def connect() -> None:
        try:
            with engine.connect():
                pass
        except Exception as err:
            outcome.append(err)

    proxy.freeze()
    thread = threading.Thread(target=connect, daemon=True)
    try:
        thread.start()
        deadline = time.monotonic() + 5
        while proxy.held == 0 and time.monotonic() < deadline:
            thread.join(0.02)
        assert proxy.held > 0  # the start-up packet waits on the hung server
        started = time.monotonic()
        cut_server_engine(engine)
        thread.join(5)
        assert not thread.is_alive() and outcome
        assert time.monotonic() - started < 2  # not the 8 s connect timeout
    finally:
        proxy.close()
        engine.dispose()
