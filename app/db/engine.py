"""Engines for the shared PostgreSQL server and the workstation's local SQLite cache."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from app.domain.errors import DomainError

CACHE_KEY_BYTES = 32


class CacheLocked(DomainError):
    """The cache file cannot be read with the key given: wrong key, or not a Rollbook cache."""


def normalize_pg_url(url: str) -> str:
    """Accept ``postgresql://`` URLs as people write them and use psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_server_engine(url: str, **kwargs: Any) -> Engine:
    """Engine for the shared PostgreSQL schema. Connects lazily: nothing happens until used."""
    return create_engine(normalize_pg_url(url), pool_pre_ping=True, **kwargs)


def make_local_engine(path: Path | str, key: bytes | None = None) -> Engine:
    """Engine for a workstation cache file: WAL, ``synchronous=FULL``, foreign keys enforced.

    Every cache goes through SQLCipher's build of SQLite (``sqlcipher3``), so tests and the app
    run one SQLite. With ``key`` (32 random bytes, kept in the keyring) the file is encrypted at
    rest; without it the file is plain (the generated demo workstation, tests). ``path`` may be
    ``":memory:"``. Nothing is opened until first use; ``check_cache_key`` opens it eagerly.
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
            cursor.execute("PRAGMA busy_timeout=5000")
        finally:
            cursor.close()

    _share_one_writer(engine)
    return engine


_WRITERS: weakref.WeakKeyDictionary[Engine, list[object]] = weakref.WeakKeyDictionary()
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")
_WRITE_WAIT_S = 5.0  # as long as SQLite's own busy_timeout


def _share_one_writer(engine: Engine) -> None:
    """Writers of one cache in this process take turns on a lock of their own.

    SQLite lets one connection write at a time; a second one waits in SQLite's busy handler,
    which sleeps in growing steps, so a mark saved while the sync applies rows could wait a
    hundred milliseconds after the way was free. Here it waits on a lock that is handed over
    as soon as the writer's COMMIT or ROLLBACK has returned. Past ``_WRITE_WAIT_S`` the write
    goes on without it and SQLite decides, as before.
    """
    lock = threading.Lock()
    holder: list[object] = [None]  # the DBAPI connection holding the lock
    _WRITERS[engine] = holder
    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def _raw(connection: object) -> object:
        return getattr(connection, "dbapi_connection", connection)

    def _give_back(connection: object) -> None:
        if holder[0] is not None and holder[0] is _raw(connection):
            holder[0] = None
            lock.release()

    @event.listens_for(engine, "before_cursor_execute")
    def _take(conn: Connection, _c: object, statement: str, *_args: object) -> None:
        raw = _raw(conn.connection)
        if holder[0] is raw or not statement.lstrip().upper().startswith(_WRITES):
            return
        if lock.acquire(timeout=_WRITE_WAIT_S):
            holder[0] = raw

    def do_commit(connection: Any) -> None:
        try:
            commit(connection)
        finally:
            _give_back(connection)

    def do_rollback(connection: Any) -> None:
        try:
            rollback(connection)
        finally:
            _give_back(connection)

    dialect.do_commit = do_commit  # type: ignore[method-assign,assignment]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign,assignment]

    @event.listens_for(engine.pool, "checkin")
    def _returned(dbapi_connection: object, _record: object) -> None:
        _give_back(dbapi_connection)  # a connection given back mid-transaction (an error)


def writer_busy(engine: Engine) -> bool:
    """Whether a transaction of this cache holds the writers' turn now (for checks and tests)."""
    holder = _WRITERS.get(engine)
    return holder is not None and holder[0] is not None


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
