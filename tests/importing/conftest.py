"""Source databases built from the seeds' own DDL on the test server, next to a fresh target."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from app.importing.run import libpq
from tests import pgserver

DDL = Path(__file__).parent / "ddl"


@pytest.fixture
def make_source() -> Iterator[Callable[[str], str]]:
    """``make_source("unlockedv2")``: a new database with ``ddl/unlockedv2.sql`` executed."""
    made: list[str] = []

    def make(name: str) -> str:
        url = pgserver.create_database(prefix=f"rb_src_{name.replace('-', '_')}")
        made.append(url)
        with psycopg.connect(libpq(url), autocommit=True) as conn:
            conn.execute((DDL / f"{name}.sql").read_text(encoding="utf-8"))
        return url

    yield make
    for url in made:
        pgserver.drop_database(url)


def connect(url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(libpq(url), autocommit=True)


def count(url: str, table: str, where: str = "TRUE", params: tuple[Any, ...] = ()) -> int:
    with connect(url) as conn:
        query = sql.SQL("SELECT count(*) FROM {} WHERE {}").format(
            sql.Identifier(table),
            sql.SQL(where),
        )
        row = conn.execute(query, params).fetchone()
    assert row is not None
    return int(row[0])


def table_counts(url: str, tables: tuple[str, ...]) -> dict[str, int]:
    return {t: count(url, t) for t in tables}
