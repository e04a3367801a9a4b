"""Models and migrations cannot drift; both engines upgrade from empty to head."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from app.db import migrate
from app.db.engine import make_local_engine, make_server_engine
from app.db.models import Base
from tests import pgserver


def test_empty_postgres_upgrades_to_head_and_matches_models() -> None:
    url = pgserver.create_database(prefix="rb_mig")
    engine = make_server_engine(url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        migrate.check(engine)  # raises when autogenerate would find a difference
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        engine.dispose()
        pgserver.drop_database(url)


def test_empty_sqlite_upgrades_to_head_and_matches_models(tmp_path: Path) -> None:
    engine = make_local_engine(tmp_path / "cache.sqlite3")
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    migrate.check(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    migrate.upgrade(engine)  # idempotent at start-up
    engine.dispose()


def test_every_synced_table_carries_audit_columns_and_uuid_key() -> None:
    required = {"id", "created_at", "updated_at", "created_by", "updated_by", "deleted_at"}
    append_only = {"audit_log", "user_account_history", "alembic_version"}
    for name, table in Base.metadata.tables.items():
        if name in append_only:
            continue
        assert required <= set(table.c.keys()), name
        assert "row_version" in table.c, name
        assert str(table.c.id.type).upper() in ("UUID", "CHAR(32)"), name


def test_constraint_names_follow_the_convention() -> None:
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"
            assert str(constraint.name).startswith(("pk_", "fk_", "uq_", "ck_")), constraint.name
