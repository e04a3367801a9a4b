"""Writing the server's rows into a workstation cache: rows whose unique values the server gave
to another row, and the rows set aside for pending edits. Ids here are as the cache stores
them (32 hex digits)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, UniqueConstraint, text

from app.sync.wire import Shape, StoredRow

log = logging.getLogger(__name__)


def _unique_column_sets(table: Table) -> list[tuple[str, ...]]:
    sets = [
        tuple(c.name for c in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    sets += [tuple(c.name for c in index.columns) for index in table.indexes if index.unique]
    return [s for s in sets if s and s != ("id",)]


def clear_unique_blockers(
    conn: Connection, shape: Shape, row: StoredRow, pending: set[str]
) -> None:
    """Delete the local rows (none with pending edits) that hold one of ``row``'s unique values."""
    position = {name: i for i, name in enumerate(shape.names)}
    table = shape.table.name
    for columns in _unique_column_sets(shape.table):
        values: list[Any] = [row[position[c]] for c in columns]
        if any(v is None for v in values):
            continue
        condition = " AND ".join(f'"{c}" = ?' for c in columns)  # names from the metadata
        blockers = [
            str(i)
            for (i,) in conn.exec_driver_sql(
                f'SELECT id FROM "{table}" WHERE {condition} AND id != ?',  # noqa: S608
                (*values, row[0]),
            )
            if i not in pending
        ]
        if blockers:
            log.warning("%s: local rows %s give way to the server's", table, blockers)
            conn.exec_driver_sql(
                f'DELETE FROM "{table}" WHERE id = ?',  # noqa: S608
                [(i,) for i in blockers],
            )


def set_deferred(conn: Connection, table_name: str, ids: Iterable[str]) -> None:
    """The server's version of these rows waits until their pending edits are pushed."""
    params = [{"t": table_name, "r": i} for i in ids]
    if params:
        conn.execute(
            text("INSERT OR IGNORE INTO sync_deferred (table_name, row_id) VALUES (:t, :r)"),
            params,
        )


def clear_deferred(conn: Connection, table_name: str, ids: Iterable[str]) -> None:
    waiting = conn.execute(
        text("SELECT 1 FROM sync_deferred WHERE table_name = :t LIMIT 1"), {"t": table_name}
    ).first()
    if not waiting:
        return
    params = [{"t": table_name, "r": i} for i in ids]
    if params:
        conn.execute(
            text("DELETE FROM sync_deferred WHERE table_name = :t AND row_id = :r"), params
        )
