"""The fast tier: tests/unit opens no database (no SQLite file or memory database, no server
connection), so it runs in seconds anywhere; what needs SQLite or PostgreSQL lives in
tests/integration or tests/sync. Every driver's connect is refused here, with that advice."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any, NoReturn

import psycopg
import pytest
import sqlcipher3
import sqlcipher3.dbapi2


def _refused(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise AssertionError("tests/unit opens no database: this test belongs in tests/integration")


@pytest.fixture(autouse=True)
def _no_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for module in (sqlite3, sqlcipher3, sqlcipher3.dbapi2):
        monkeypatch.setattr(module, "connect", _refused)
    monkeypatch.setattr(psycopg.Connection, "connect", classmethod(_refused))
    yield
