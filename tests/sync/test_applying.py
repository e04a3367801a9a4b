"""What the pull writes skips the checks the server already made, and only that (issue 16).

``LocalStore.applying`` writes the server's rows with foreign keys and CHECK constraints off:
the server's tables carry the same constraints, and re-checking them cost a seventh of a first
copy. The desk's own writes on the same connection afterwards are checked again, whether the
pull's transaction committed or failed.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError

from app.db import migrate
from app.db.engine import make_local_engine
from app.sync.local import LocalStore

PROGRAM = (
    "INSERT INTO programs (id, name, funding_type, is_active, row_version)"
    " VALUES (:id, :name, :funding, 1, 1)"
)


@pytest.fixture
def cache(tmp_path: Path) -> Engine:
    engine = make_local_engine(tmp_path / "cache.sqlite3")
    migrate.upgrade(engine)
    return engine


def _program(conn: Connection, name: str, funding: str) -> None:
    conn.execute(text(PROGRAM), {"id": uuid.uuid4().hex, "name": name, "funding": funding})


def _checks_on(conn: Connection) -> bool:
    """Between transactions: whether the connection checks CHECK constraints."""
    ignored = conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar()
    conn.rollback()  # ends the transaction the read began
    return ignored == 0


def test_the_servers_rows_are_not_checked_again_the_desks_are(cache: Engine) -> None:
    local = LocalStore(cache)
    with cache.connect() as held:
        with local.applying(held) as conn:
            _program(conn, "From the server", "a value the server allowed")
        assert _checks_on(held)
        with pytest.raises(IntegrityError, match="CHECK constraint failed"), held.begin():
            _program(held, "Typed at the desk", "not a funding type")
    with cache.connect() as conn:
        names = conn.execute(text("SELECT name FROM programs ORDER BY name")).scalars().all()
    assert names == ["From the server"]


def test_checks_are_back_after_a_pull_transaction_fails(cache: Engine) -> None:
    local = LocalStore(cache)
    with cache.connect() as held:
        with pytest.raises(RuntimeError, match="cut"), local.applying(held) as conn:
            _program(conn, "Half a page", "anything")
            raise RuntimeError("the connection was cut")
        assert _checks_on(held)
        assert held.execute(text("SELECT count(*) FROM programs")).scalar() == 0
        held.rollback()
        with pytest.raises(IntegrityError, match="CHECK constraint failed"), held.begin():
            _program(held, "Typed at the desk", "not a funding type")


def test_a_tables_indexes_are_built_from_the_list_its_own_transaction_holds(
    cache: Engine,
) -> None:
    """``build_indexes_of`` reads the set-aside list on the copy's connection: another one
    would not see it before it is committed (and would first parse the changed schema again,
    4 ms a table of a first copy)."""
    local = LocalStore(cache)
    index = ["ix_programs_probe", 'CREATE INDEX "ix_programs_probe" ON programs (name)', "programs"]
    with cache.connect() as held, held.begin():
        local.put(held, "indexes_set_aside", json.dumps([index]))
        local.build_indexes_of(held, "programs")
        built = held.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'programs'")
        ).scalars()
        assert "ix_programs_probe" in set(built)
