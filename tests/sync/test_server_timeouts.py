"""Every server connection gives up on a server that does not answer (issue 12, item 8).

A listener that accepts and never speaks, a PostgreSQL backend stopped with SIGSTOP (its kernel
still acknowledges every packet, so TCP alone never notices) and a sign-out that cuts a
connection blocked on such a server, each against real sockets and a real PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from psycopg.pq import TransactionStatus
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from app.db.engine import (
    CONNECT_TIMEOUT_S,
    connect_server,
    cut_server_engine,
    make_server_engine,
)
from app.db.login import staff_engine
from tests.signin_site import PASSWORD, Site

pytestmark = pytest.mark.postgres


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A TCP listener that accepts connections and never sends a byte."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield int(listener.getsockname()[1])
    stop.set()
    thread.join(2)
    listener.close()
    for conn in accepted:
        conn.close()


def _in_thread(work: object) -> tuple[threading.Thread, list[BaseException], list[float]]:
    """Run ``work`` on a daemon thread; what it raised and how long it took are recorded."""
    raised: list[BaseException] = []
    took: list[float] = []

    def run() -> None:
        started = time.monotonic()
        try:
            work()  # type: ignore[operator]
        except BaseException as err:
            raised.append(err)
        took.append(time.monotonic() - started)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, raised, took


def test_every_server_connection_has_timeouts_and_keepalives(pg_url: str, site: Site) -> None:
    site.pg.start()
    name = site.staff()
    for engine in (make_server_engine(pg_url), staff_engine(site.profile(), name, PASSWORD)):
        try:
            with engine.connect() as conn:
                assert conn.execute(text("SHOW statement_timeout")).scalar_one() == "1min"
                params = conn.connection.dbapi_connection.info.get_parameters()  # type: ignore[union-attr]
        finally:
            engine.dispose()
        assert params["keepalives"] == "1"
        assert int(params["keepalives_idle"]) > 0 and int(params["keepalives_count"]) > 0
        assert int(params["connect_timeout"]) == CONNECT_TIMEOUT_S
        assert int(params["tcp_user_timeout"]) > 0
    with connect_server(pg_url, statement_timeout_s=None) as raw:
        # Schema upgrades and imports: no statement timeout, but keepalives all the same.
        assert raw.execute("SHOW statement_timeout").fetchone() == ("0",)
        assert raw.info.get_parameters()["keepalives"] == "1"


def test_a_server_that_accepts_and_never_answers_is_given_up_on(silent_port: int) -> None:
    engine = make_server_engine(f"postgresql://nobody@127.0.0.1:{silent_port}/rollbook")

    def connect() -> None:
        with engine.connect():
            pass

    thread, raised, took = _in_thread(connect)
    thread.join(CONNECT_TIMEOUT_S + 10)
    engine.dispose()
    assert not thread.is_alive(), "still waiting for a server that never answers"
    assert raised and isinstance(raised[0], OperationalError)
    assert took[0] < CONNECT_TIMEOUT_S + 5


@contextmanager
def _stopped_backend(engine: Engine) -> Iterator[Any]:
    """A connection whose server process is stopped (SIGSTOP) until the block ends."""
    with engine.connect() as conn:
        pid = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
        os.kill(pid, signal.SIGSTOP)
        try:
            yield conn
        finally:
            os.kill(pid, signal.SIGCONT)


def test_a_stopped_server_process_is_given_up_on_mid_statement(pg_url: str) -> None:
    """The server process is stopped (SIGSTOP): its statement timeout cannot fire, the
    kernel keeps the link alive; the client's own limit ends the wait."""
    engine = make_server_engine(pg_url, statement_timeout_s=1)
    try:
        with _stopped_backend(engine) as conn:
            started = time.monotonic()
            with pytest.raises(OperationalError, match="did not answer"):
                conn.execute(text("SELECT 1"))
            assert time.monotonic() - started < 5
        with engine.connect() as fresh:  # the dead connection was dropped, not reused
            assert fresh.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()


def test_cutting_an_engine_ends_a_blocked_statement_at_once_and_refuses_new_ones(
    qtbot: QtBot, pg_url: str
) -> None:
    engine = make_server_engine(pg_url)
    try:
        with _stopped_backend(engine) as conn:
            pgconn = conn.connection.dbapi_connection.pgconn
            thread, raised, _took = _in_thread(lambda: conn.execute(text("SELECT 1")))
            # The statement is sent and waits for a stopped server.
            qtbot.waitUntil(lambda: pgconn.transaction_status == TransactionStatus.ACTIVE)
            assert thread.is_alive()
            started = time.monotonic()
            assert cut_server_engine(engine) == 1
            thread.join(5)
            assert not thread.is_alive() and time.monotonic() - started < 2
            assert raised and isinstance(raised[0], OperationalError)
        refused = pytest.raises(OperationalError, match="session using this server connection")
        with refused, engine.connect():
            pass
    finally:
        engine.dispose()
