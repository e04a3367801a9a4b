"""What the sync engine moves: the synced tables in dependency order, and row values as data."""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Table, TypeDecorator, literal
from sqlalchemy.dialects import sqlite

from app.db import models  # noqa: F401  (registers every table on the metadata)
from app.db.base import Base

# The audit trail is written on each side as changes happen, never synced (DESIGN §2).
NOT_SYNCED = frozenset({"audit_log"})
# Bookkeeping columns: never merged field by field, never a conflict.
BOOKKEEPING = frozenset(
    {"id", "row_version", "created_at", "updated_at", "created_by", "updated_by"}
)

Row = dict[str, Any]


def synced_tables() -> list[Table]:
    """Parents before children, so a snapshot can be applied table by table."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_SYNCED]


def table_named(name: str) -> Table:
    table = Base.metadata.tables.get(name)
    if table is None or name in NOT_SYNCED:
        raise KeyError(f"not a synced table: {name}")
    return table


def version_column(table: Table) -> ColumnElement[int]:
    """``row_version``, or 0 for append-only tables (account history), which never change."""
    return table.c.row_version if "row_version" in table.c else literal(0)


def facility_column(table: Table) -> str | None:
    """The column that says which facility a row belongs to, if any (catalogue rows: none)."""
    if table.name == "facilities":
        return "id"
    return "facility_id" if "facility_id" in table.c else None


_SQLITE = sqlite.dialect()


def decode_sqlite_json(table: Table, raw: str | None) -> Row | None:
    """Values captured by an outbox trigger (``json_object`` of SQLite's stored values) as the
    Python values SQLAlchemy would return for the same row."""
    if raw is None:
        return None
    stored = orjson.loads(raw)
    row: Row = {}
    for name, processor in _result_processors(table):
        value = stored.get(name)
        row[name] = processor(value) if processor is not None and value is not None else value
    return row


@functools.cache
def _result_processors(table: Table) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    """Each column's name and SQLite result processor, made once per table. Made again for
    every value, they were half the time of decoding a push batch's values (profiled in the
    sync worker: ``LocalStore.next_batch``, 2.1 -> 1.1 s over bench_sync's batches)."""
    return tuple(
        (column.name, column.type.dialect_impl(_SQLITE).result_processor(_SQLITE, None))
        for column in table.c
    )


def same(a: Any, b: Any) -> bool:
    """Equality of two column values as stored: an aware and a naive-UTC instant are equal."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return _utc(a) == _utc(b)
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except (ArithmeticError, ValueError):
            return False
    return bool(a == b)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def to_json(row: Mapping[str, Any] | None) -> str | None:
    """Row values as JSON for an issue record a person reads (conflicts, rejections)."""
    if row is None:
        return None
    return json.dumps({k: _plain(v) for k, v in row.items()}, sort_keys=True)


def from_plain(table: Table, values: Mapping[str, Any]) -> Row:
    """Inverse of ``to_json`` for the named columns: what a person confirmed, typed again."""
    row: Row = {}
    for name, value in values.items():
        column = table.c[name]
        if value is None:
            row[name] = None
            continue
        declared = column.type
        if isinstance(declared, TypeDecorator):
            declared = declared.impl_instance
        try:
            kind = declared.python_type
        except NotImplementedError:
            kind = object
        if kind is uuid.UUID:
            row[name] = uuid.UUID(str(value))
        elif kind is datetime:
            row[name] = _utc(datetime.fromisoformat(str(value)))
        elif kind is date:
            row[name] = date.fromisoformat(str(value))
        elif kind is Decimal:
            row[name] = Decimal(str(value))
        else:
            row[name] = value
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
