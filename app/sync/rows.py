"""Writing the server's rows into a workstation cache: the upsert as prepared SQL, rows whose
unique values the server gave to another row, and the rows set aside for pending edits."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Connection, Dialect, Table, UniqueConstraint, delete, select, text

log = logging.getLogger(__name__)


_Processor = Callable[[Any], Any]


@cache
def upsert_plan(
    dialect: Dialect, table: Table
) -> tuple[str, tuple[tuple[str, _Processor | None], ...]]:
    """One table's upsert as SQL text with each column's bind processing worked out once:
    the pull writes many thousands of rows, and building them through the ORM-level
    statement machinery cost more than SQLite's own work."""
    names = [c.name for c in table.c]
    quoted = ", ".join(f'"{n}"' for n in names)  # names from the table's own metadata
    updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != "id")
    sql = (
        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" for _ in names)})'  # noqa: S608
        f" ON CONFLICT (id) DO UPDATE SET {updates}"
    )
    processors = tuple(
        (c.name, c.type.dialect_impl(dialect).bind_processor(dialect)) for c in table.c
    )
    return sql, processors


def _unique_column_sets(table: Table) -> list[tuple[str, ...]]:
    sets = [
        tuple(c.name for c in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    sets += [tuple(c.name for c in index.columns) for index in table.indexes if index.unique]
    return [s for s in sets if s and s != ("id",)]


def clear_unique_blockers(
    conn: Connection, table: Table, row: Mapping[str, Any], pending: set[uuid.UUID]
) -> None:
    for columns in _unique_column_sets(table):
        if any(row.get(c) is None for c in columns):
            continue
        condition = [table.c[c] == row[c] for c in columns]
        blockers = [
            i
            for i in conn.execute(
                select(table.c.id).where(*condition, table.c.id != row["id"])
            ).scalars()
            if i not in pending
        ]
        if blockers:
            log.warning("%s: local rows %s give way to the server's", table.name, blockers)
            conn.execute(delete(table).where(table.c.id.in_(blockers)))


def set_deferred(conn: Connection, table_name: str, ids: Iterable[uuid.UUID]) -> None:
    """The server's version of these rows waits until their pending edits are pushed."""
    params = [{"t": table_name, "r": i.hex} for i in ids]
    if params:
        conn.execute(
            text("INSERT OR IGNORE INTO sync_deferred (table_name, row_id) VALUES (:t, :r)"),
            params,
        )


def clear_deferred(conn: Connection, table_name: str, ids: Iterable[uuid.UUID]) -> None:
    params = [{"t": table_name, "r": i.hex} for i in ids]
    waiting = conn.execute(
        text("SELECT 1 FROM sync_deferred WHERE table_name = :t LIMIT 1"), {"t": table_name}
    ).first()
    if params and waiting:
        conn.execute(
            text("DELETE FROM sync_deferred WHERE table_name = :t AND row_id = :r"), params
        )
