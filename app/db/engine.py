"""Engines for the shared PostgreSQL server and the workstation's local SQLite cache."""

from __future__ import annotations

import logging
import os
import socket
import threading
import weakref
from pathlib import Path
from typing import Any

import psycopg
import sqlcipher3.dbapi2 as sqlcipher
from psycopg.abc import PQGen, PQGenConn
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.errors import _WaitTimeout
from psycopg.rows import Row
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import NullPool

from app.db import urls
from app.db.writer_turn import share_one_writer
from app.domain.errors import DomainError

log = logging.getLogger(__name__)

CACHE_KEY_BYTES = 32

# Every server connection of the desk and the command line: a dead or hung server is noticed
# in seconds, not after the kernel's two hours of TCP retries (issue 12, item 8).
CONNECT_TIMEOUT_S = 8  # libpq: the whole connection set-up, TLS and password included
KEEPALIVE_IDLE_S = 10  # a silent link is probed after this long…
KEEPALIVE_INTERVAL_S = 5  # …every this often…
KEEPALIVE_COUNT = 3  # …and given up after this many unanswered probes
STATEMENT_TIMEOUT_S = 60.0  # the server ends a statement running longer (sync pages, pushes)
REPLY_GRACE_S = 15.0  # past the statement timeout, a server that still says nothing is hung
_LIBPQ_TCP_USER_TIMEOUT = 120000  # libpq 12 and later know tcp_user_timeout


class CacheLocked(DomainError):
    """The cache file cannot be read with the key given: wrong key, or not a Rollbook cache."""


def server_connect_args(
    *,
    statement_timeout_s: float | None = STATEMENT_TIMEOUT_S,
    connect_timeout_s: int = CONNECT_TIMEOUT_S,
) -> dict[str, str]:
    """The libpq parameters every server connection gets: connect timeout, TCP keepalives,
    ``tcp_user_timeout`` where libpq has it and, unless ``statement_timeout_s`` is None (schema
    upgrades, imports: statements that may rightly run long), a server-side statement timeout."""
    args = {
        "connect_timeout": str(connect_timeout_s),
        "keepalives": "1",
        "keepalives_idle": str(KEEPALIVE_IDLE_S),
        "keepalives_interval": str(KEEPALIVE_INTERVAL_S),
        "keepalives_count": str(KEEPALIVE_COUNT),
    }
    if psycopg.pq.version() >= _LIBPQ_TCP_USER_TIMEOUT:
        # Unacknowledged data (a link gone while a request is in flight) fails this fast too.
        lost_ms = 1000 * (KEEPALIVE_IDLE_S + KEEPALIVE_INTERVAL_S * KEEPALIVE_COUNT)
        args["tcp_user_timeout"] = str(lost_ms)
    if statement_timeout_s:
        args["options"] = f"-c statement_timeout={int(statement_timeout_s * 1000)}"
    return args


def reply_timeout(statement_timeout_s: float | None) -> float | None:
    """How long a client waits for any answer before it calls the server hung (None: forever,
    with keepalives only)."""
    if not statement_timeout_s:
        return None
    return statement_timeout_s + min(REPLY_GRACE_S, statement_timeout_s)


def server_conninfo(
    conninfo: str, *, statement_timeout_s: float | None = STATEMENT_TIMEOUT_S
) -> str:
    """``conninfo`` (a URL or key=value string) with ``server_connect_args`` added; options
    already in it are kept."""
    extra = server_connect_args(statement_timeout_s=statement_timeout_s)
    given = conninfo_to_dict(conninfo)
    if "options" in given and "options" in extra:
        extra["options"] = f"{given['options']} {extra['options']}"
    for key in ("connect_timeout",):
        if key in given:
            extra.pop(key)  # a timeout the caller chose stays
    return make_conninfo(conninfo, **extra)


class NoReply(psycopg.OperationalError):
    """The server accepted the request and then said nothing for too long (hung or stopped)."""


class GuardedConnection(psycopg.Connection[Row]):
    """A psycopg connection that stops waiting for a server that does not answer.

    Keepalives and ``tcp_user_timeout`` catch a link that is gone, the server's own
    ``statement_timeout`` a statement that runs long; neither helps when the server process
    is stopped while its kernel still acknowledges every packet. Here every wait for the
    server (a statement, a commit, a ping) ends after ``reply_timeout`` seconds, and
    ``shut()`` (from any thread) ends a wait at once."""

    reply_timeout: float | None = None

    def wait(self, gen: PQGen[Any], interval: float = 0.1, timeout: float | None = None) -> Any:
        limit = timeout if timeout is not None else self.reply_timeout
        try:
            return super().wait(gen, interval, limit)
        except _WaitTimeout as err:
            if timeout is not None:
                raise  # the caller's own limit (notifies): not a hung server
            self.pgconn.finish()  # the protocol state is unknown: this connection is done
            raise NoReply(f"the server did not answer within {limit:.0f} s") from err

    @classmethod
    def _connect_gen(cls, conninfo: str = "") -> PQGenConn[Any]:
        """psycopg's connection steps; for an engine's connection, its socket is known to the
        engine's link while it connects, so ``cut_server_engine`` ends a connect that hangs
        (a server that accepts and never answers) at once, not after the connect timeout."""
        link: _Link | None = getattr(_CONNECTING, "link", None)
        steps = super()._connect_gen(conninfo)
        if link is None:
            return (yield from steps)
        fd: int | None = None
        ready: Any = None
        try:
            while True:
                try:
                    fileno, wait = steps.send(ready)
                except StopIteration as done:
                    return done.value
                if fileno != fd:
                    with link.lock:
                        link.connecting.discard(fd)
                        link.connecting.add(fileno)
                    fd = fileno
                if link.closed:
                    raise psycopg.OperationalError("the session using this connection has ended")
                ready = yield fileno, wait
        finally:
            with link.lock:
                link.connecting.discard(fd)

    def shut(self) -> None:
        """End this connection's socket so a blocked wait returns now (safe from any thread:
        the connection object is not touched, only its operating-system socket)."""
        try:
            fd = self.pgconn.socket
        except psycopg.OperationalError:
            return  # already closed
        try:
            with socket.socket(fileno=os.dup(fd)) as sock:
                sock.shutdown(socket.SHUT_RDWR)
        except OSError as err:
            log.debug("shutting a server socket: %s", err)


def connect_server(
    conninfo: str, *, statement_timeout_s: float | None = STATEMENT_TIMEOUT_S, **kwargs: Any
) -> GuardedConnection[Any]:
    """A psycopg connection to a server with every timeout of ``server_connect_args``."""
    conn: GuardedConnection[Any] = GuardedConnection.connect(
        server_conninfo(conninfo, statement_timeout_s=statement_timeout_s), **kwargs
    )
    conn.reply_timeout = reply_timeout(statement_timeout_s)
    return conn


class _Link:
    """The server connections of one engine, so a closing session can cut them all."""

    def __init__(self) -> None:
        self.closed = False
        self.connections: weakref.WeakSet[GuardedConnection[Any]] = weakref.WeakSet()
        self.connecting: set[int | None] = set()  # sockets of connections being set up
        self.lock = threading.Lock()


_CONNECTING = threading.local()  # the link of the engine connecting on this thread


_LINKS: weakref.WeakKeyDictionary[Engine, _Link] = weakref.WeakKeyDictionary()


POOLED_PARAM = "pooled"  # ?pooled=transaction: the URL names a transaction-pooling proxy
_POOLER_REFUSAL = "unsupported startup parameter"  # PgBouncer's answer to ``options``


def _pooled(url: URL) -> tuple[URL, bool]:
    """``url`` without the ``pooled`` parameter, and whether it named transaction pooling."""
    value = url.query.get(POOLED_PARAM)
    if value is None:
        return url, False
    if value not in ("transaction", "session", "none"):
        raise ValueError(f"{POOLED_PARAM}= takes transaction, session or none, not {value!r}")
    return url.difference_update_query([POOLED_PARAM]), value == "transaction"


def server_engine(
    url: Any,
    *,
    statement_timeout_s: float | None = STATEMENT_TIMEOUT_S,
    keep_idle: bool = True,
    **kwargs: Any,
) -> Engine:
    """The one place server engines are made: psycopg 3, a ping before reuse, every timeout
    of ``server_connect_args`` and ``GuardedConnection``'s reply limit. ``url`` is a string
    or a SQLAlchemy ``URL``. Connects lazily.

    ``keep_idle=False`` (a desk's session, ``rollbook sync``): no connection is kept between
    uses (each ``connect()`` opens one and its close ends it; a sync cycle holds one for the
    cycle) and no statement is prepared on the server, so the engine works unchanged behind a
    transaction-pooling PgBouncer. ``?pooled=transaction`` in the URL does the same for any
    engine: prepared statements off and no ``options`` startup parameter (which PgBouncer
    refuses); a refusal of ``options`` by a pooler is also retried without it."""
    if isinstance(url, str):
        url = urls.parse(url)  # as people write it: postgres://, a socket directory, key=value
    url, pooled = _pooled(url)
    given = dict(url.query)
    extra: dict[str, Any] = dict(server_connect_args(statement_timeout_s=statement_timeout_s))
    if "options" in given and "options" in extra:
        extra["options"] = f"{given['options']} {extra['options']}"
    if "connect_timeout" in given:
        extra.pop("connect_timeout")
    if pooled:
        extra.pop("options", None)
    if pooled or not keep_idle:
        extra["prepare_threshold"] = None
    if not keep_idle:
        kwargs.setdefault("poolclass", NullPool)
    connect_args = {**extra, **kwargs.pop("connect_args", {})}
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)
    link = _Link()
    _LINKS[engine] = link
    limit = reply_timeout(statement_timeout_s)

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: object, _record: object, cargs: Any, cparams: Any) -> object:
        if link.closed:
            raise psycopg.OperationalError("the session using this server connection has ended")
        _CONNECTING.link = link
        try:
            conn: GuardedConnection[Any] = GuardedConnection.connect(*cargs, **cparams)
        except psycopg.OperationalError as err:
            if _POOLER_REFUSAL not in str(err) or "options" not in cparams:
                raise
            # A pooler (PgBouncer) that does not pass startup options on: the statement
            # timeout is then the pooler's query_timeout (README), the reply limit stays.
            log.info("the server refused startup options (a pooler): connecting without")
            cparams.pop("options")
            cparams["prepare_threshold"] = None
            conn = GuardedConnection.connect(*cargs, **cparams)
        finally:
            _CONNECTING.link = None
        conn.reply_timeout = limit
        with link.lock:
            link.connections.add(conn)
        return conn

    return engine


def cut_server_engine(engine: Engine) -> int:
    """From any thread (the GUI's, at sign-out): end every connection of ``engine`` now, so a
    thread blocked on a hung server gets an error at once, and refuse new ones. Nothing is
    waited for. Returns how many connections were cut."""
    link = _LINKS.get(engine)
    if link is None:
        return 0
    with link.lock:
        link.closed = True
        connections = list(link.connections)
        for fd in link.connecting:  # a connect still waiting for the server's answer
            if fd is not None:
                _shut_socket(fd)
    for conn in connections:
        conn.shut()
    return len(connections)


def _shut_socket(fd: int) -> None:
    try:
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError as err:
        log.debug("shutting a connecting socket: %s", err)


def make_server_engine(
    url: str, *, statement_timeout_s: float | None = STATEMENT_TIMEOUT_S, **kwargs: Any
) -> Engine:
    """Engine for the shared PostgreSQL schema (see ``server_engine``)."""
    return server_engine(url, statement_timeout_s=statement_timeout_s, **kwargs)


def workstation_server_engine(url: Any, **kwargs: Any) -> Engine:
    """A workstation's engine (the desk's session, ``rollbook sync``, a simulated fleet): no
    server connection is held between uses or sync cycles, nothing is prepared on the server
    (``server_engine`` with ``keep_idle=False``)."""
    return server_engine(url, keep_idle=False, **kwargs)


def make_local_engine(
    path: Path | str, key: bytes | None = None, *, background: bool = False
) -> Engine:
    """Engine for a workstation cache file: WAL, ``synchronous=FULL``, foreign keys enforced.

    Every cache goes through SQLCipher's build of SQLite (``sqlcipher3``), so tests and the app
    run one SQLite. With ``key`` (32 random bytes, kept in the keyring) the file is encrypted at
    rest; without it the file is plain (the generated demo workstation, tests). ``path`` may be
    ``":memory:"``. Nothing is opened until first use; ``check_cache_key`` opens it eagerly.

    ``background`` (the sync worker's engine): its writers let the desk's go first. Its own
    commits (a push's acknowledgement, the sync state) wait for the disk too
    (``synchronous=FULL``); with ``NORMAL`` for the whole engine, bench_sync at 50k measured
    marks saved during a cycle slower (four alternating runs each: during a pull p99 8.3-9.4
    against 8.1-12.3 ms, during a push 8.6-8.7 against 9.1-10.5 ms; the cycles took as
    long). The server's rows it writes still commit without waiting, as everywhere
    (``LocalStore.applying`` and ``loading`` switch to ``NORMAL``: lost rows are fetched
    again). No commit checkpoints the WAL: the worker checkpoints after giving the writers'
    turn back, the desk's engine on a thread of its own (``share_one_writer``).
    """
    if key is not None and len(key) != CACHE_KEY_BYTES:
        raise ValueError(f"a cache key is {CACHE_KEY_BYTES} bytes")
    target = str(path)
    url = "sqlite://" if target == ":memory:" else f"sqlite:///{target}"
    engine = create_engine(url, module=sqlcipher)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if key is not None:
                # A raw key (x'…'): no passphrase derivation on every connection; the key is
                # random, so stretching it would add nothing.
                cursor.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # An acknowledged local edit must survive a power cut (DESIGN §3 rule 2).
            cursor.execute("PRAGMA synchronous=FULL")
            if target != ":memory:":
                # SQLite's automatic checkpoint runs inside the COMMIT that fills the WAL: the
                # turn held meanwhile, a mark kept waiting. The sync worker checkpoints after
                # its turn, the desk on a thread of its own (``share_one_writer``).
                cursor.execute("PRAGMA wal_autocheckpoint=0")
            cursor.execute("PRAGMA busy_timeout=5000")
        finally:
            cursor.close()

    checkpointer = None
    if target != ":memory:" and not background:
        # The desk's checkpoints run on a connection of their own, opened for each one and
        # closed after (``NullPool``): one taken from the desk's pool and closed left the
        # next mark to open a connection again and read the whole schema (measured on the
        # demo workstation: every 64th mark, 11-13 ms against a median of 5).
        checkpointer = create_engine(url, module=sqlcipher, poolclass=NullPool)
        event.listen(checkpointer, "connect", _configure)
    share_one_writer(
        engine,
        None if target == ":memory:" else target,
        background=background,
        checkpointer=checkpointer,
    )
    return engine


def check_cache_key(engine: Engine) -> None:
    """Open the cache once and read its header; raise ``CacheLocked`` if the key does not fit."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
    except DatabaseError as err:
        if "file is not a database" in str(err.orig):
            engine.dispose()
            raise CacheLocked(
                "The local cache on this computer cannot be opened with the key in this "
                "computer's keyring: the key is wrong or was removed, or the file is not a "
                "Rollbook cache. Nothing was changed. Sign in online to start a fresh cache; "
                "the old file is kept aside."
            ) from err
        raise
