"""Engines for the shared PostgreSQL server and the workstation's local SQLite cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


def normalize_pg_url(url: str) -> str:
    """Accept ``postgresql://`` URLs as people write them and use psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_server_engine(url: str, **kwargs: Any) -> Engine:
    """Engine for the shared PostgreSQL schema. Connects lazily: nothing happens until used."""
    return create_engine(normalize_pg_url(url), pool_pre_ping=True, **kwargs)


def make_local_engine(path: Path | str) -> Engine:
    """Engine for a workstation cache file: WAL, ``synchronous=FULL``, foreign keys enforced.

    ``path`` may be ``":memory:"`` for tests of pure repository behaviour.
    """
    target = str(path)
    url = "sqlite://" if target == ":memory:" else f"sqlite:///{target}"
    engine = create_engine(url)
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # An acknowledged local edit must survive a power cut (DESIGN §3 rule 2).
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()
