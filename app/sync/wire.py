"""How pulled rows travel: the server's SELECT renders every column in the form the cache stores
it, a page of rows is one JSON text, and the cache writes the decoded rows as they are.

The cache stores what SQLAlchemy's SQLite bind processing makes of the Python values: uuids as
32 hex digits, instants as naive UTC text with microseconds, dates as ISO text, booleans as 0/1,
numerics as floats, JSON as ``json.dumps`` of the value, everything else as is. Rendering that
on the server (in C, inside ``json_build_array``) and decoding the page with ``orjson.loads`` (in C;
a third faster than ``json.loads``, and the decoding holds the interpreter lock the writes need)
leaves no Python work per value on the workstation, and no Python object per row but a list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    UniqueConstraint,
    Uuid,
)

from app.db.types import UTCDateTime
from app.sync.tables import facility_column, table_named

StoredRow = list[Any]  # one row as the cache stores it, in ``Shape.names`` order (id first)

_STAMP = "'YYYY-MM-DD HH24:MI:SS.US'"  # SQLAlchemy's SQLite DATETIME storage format


@dataclass(frozen=True, slots=True)
class Shape:
    """One synced table as it travels: the columns (id first), the server's rendering of a row
    over the alias ``t``, the cache's upsert, and the columns decoded in Python (JSON)."""

    table: Table
    names: tuple[str, ...]
    row_sql: str
    upsert_sql: str
    json_columns: tuple[int, ...]
    facility: str | None  # the slice's column, if the table has one
    # A row whose indexed columns keep their values is updated without them (``narrow_sql``):
    # SQLite rewrites the entries of every index whose columns an UPDATE sets, changed or
    # not, and for a pulled change that is most of its cost. ``indexed``: their positions
    # (text columns only, compared as stored), read back by ``held_sql`` (ids as JSON).
    indexed: tuple[int, ...] = ()
    narrow_sql: str = ""
    held_sql: str = ""
    # A page's rows travel in the order of the table's natural key (its widest unique key),
    # not by id: rows of one parent then sit together (a class session's marks: the same
    # event, date and instants) and compress to four fifths. The page itself is still the
    # next ids after the last page's greatest (``last_id``).
    order_sql: str = "t.id"

    def last_id(self, rows: list[StoredRow]) -> str:
        """The greatest id of a page (as the cache stores it: hex, ordered as the uuids)."""
        return max(str(r[0]) for r in rows)

    def where_slice(self, alias: str = "t") -> str:
        """The slice condition on ``alias`` for the bind parameter ``:f`` (facility ids)."""
        if self.facility is None:
            return "TRUE"
        return f'{alias}."{self.facility}" = ANY(CAST(:f AS uuid[]))'

    def decode(self, raw: str | None) -> list[StoredRow]:
        """A page the server rendered (a JSON array of rows, or NULL for none) as cache rows."""
        if raw is None:
            return []
        rows: list[StoredRow] = orjson.loads(raw)
        for i in self.json_columns:
            # SQLAlchemy's JSON type stores json.dumps of the value (SQL NULL as 'null' too).
            for row in rows:
                row[i] = json.dumps(row[i])
        return rows


def render(column: Column[Any], alias: str = "t") -> str:
    """The server-side expression giving ``column`` as the cache stores it (a JSON scalar)."""
    ref = f'{alias}."{column.name}"'  # names from the table's own metadata
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return f"to_char({ref} AT TIME ZONE 'UTC', {_STAMP})"
    if isinstance(kind, Uuid):
        return f"encode(uuid_send({ref}), 'hex')"
    if isinstance(kind, DateTime):
        return f"to_char({ref}, {_STAMP})"
    if isinstance(kind, Date):
        return f"to_char({ref}, 'YYYY-MM-DD')"
    if isinstance(kind, Boolean):
        return f"{ref}::int"
    if isinstance(kind, JSON | Integer | Numeric | String):
        # JSON is decoded and dumped again on the workstation (``Shape.decode``); numerics
        # arrive as JSON numbers, which Python reads as the floats SQLAlchemy would store.
        return ref
    raise TypeError(f"{column.table.name}.{column.name}: no cache form for {kind!r}")


def _indexed_text_columns(table: Table) -> set[str]:
    """Columns of the table's indexes and unique constraints that the cache stores as text
    (ids, strings, dates, instants): a value read back equals the wire's exactly."""
    names = {c.name for index in table.indexes for c in index.columns}
    names |= {
        c.name
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
        for c in constraint.columns
    }
    return {
        n
        for n in names
        if n != "id" and isinstance(table.c[n].type, Uuid | String | Date | DateTime | UTCDateTime)
    }


@cache
def shape_of(table_name: str) -> Shape:
    table = table_named(table_name)
    columns = [table.c.id, *(c for c in table.c if c.name != "id")]
    names = tuple(c.name for c in columns)
    quoted = ", ".join(f'"{n}"' for n in names)
    insert = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" for _ in names)})'  # noqa: S608

    def upsert(kept: set[str]) -> str:
        updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names[1:] if n not in kept)
        return f"{insert} ON CONFLICT (id) DO UPDATE SET {updates}"

    keys = sorted(
        (
            tuple(c.name for c in key.columns)
            for key in (*table.indexes, *table.constraints)
            if isinstance(key, UniqueConstraint) or (isinstance(key, Index) and key.unique)
        ),
        key=lambda k: (-len(k), k),
    )
    order = [f't."{n}"' for n in keys[0] if n != "id"] if keys else []
    indexed = _indexed_text_columns(table)
    positions = tuple(i for i, n in enumerate(names) if n in indexed)
    held = ", ".join(f'"{names[i]}"' for i in positions)
    return Shape(
        table=table,
        names=names,
        row_sql=f"json_build_array({', '.join(render(c) for c in columns)})",
        upsert_sql=upsert(set()),
        json_columns=tuple(i for i, c in enumerate(columns) if isinstance(c.type, JSON)),
        facility=facility_column(table),
        indexed=positions,
        order_sql=", ".join([*order, "t.id"]),
        narrow_sql=upsert(indexed) if positions else "",
        held_sql=(
            f'SELECT id, {held} FROM "{table.name}"'  # noqa: S608
            " WHERE id IN (SELECT value FROM json_each(?))"
            if positions
            else ""
        ),
    )


def page_sql(shape: Shape, *, after: bool) -> str:
    """One page of a table's slice by id, as one JSON text (``:after``, ``:f``, ``:n``), its
    rows in the natural key's order (``Shape.order_sql``)."""
    cut = " AND s.id > :after" if after else ""
    return (
        f"SELECT json_agg({shape.row_sql} ORDER BY {shape.order_sql})::text FROM"  # noqa: S608
        f' (SELECT * FROM "{shape.table.name}" AS s WHERE {shape.where_slice("s")}{cut}'
        " ORDER BY s.id LIMIT :n) AS t"
    )


def rows_sql(shape: Shape, *, logged: bool) -> str:
    """The slice's current rows among some ids, and those of the ids it does not hold (gone,
    out of scope, or hidden from this role), as two JSON texts. The ids are ``:ids`` (uuid[]),
    or with ``logged`` the table's entries in a change-log range ``(:t, :s]..(:t2, :s2]``; that
    range lies below an earlier snapshot's oldest open transaction, so it holds the same
    entries whenever it is read (``:tn``: the table's name). ``:f``: the facilities."""
    name = shape.table.name  # names from the metadata: plain identifiers
    if logged:
        ids = (
            "SELECT DISTINCT row_id FROM sync_changes"
            " WHERE (txid, seq) > (:t, :s) AND (txid, seq) <= (:t2, :s2)"
            " AND table_name = :tn"
            " AND (facility_id IS NULL OR facility_id = ANY(CAST(:f AS uuid[])))"
        )
    else:
        ids = "SELECT DISTINCT unnest(CAST(:ids AS uuid[])) AS row_id"
    return (
        f"WITH c AS MATERIALIZED ({ids})"  # noqa: S608
        f" SELECT (SELECT json_agg({shape.row_sql} ORDER BY {shape.order_sql})::text"
        f' FROM "{name}" AS t WHERE t.id IN (SELECT row_id FROM c) AND {shape.where_slice()}),'
        " (SELECT json_agg(encode(uuid_send(c.row_id), 'hex'))::text FROM c WHERE NOT EXISTS"
        f' (SELECT 1 FROM "{name}" AS t WHERE t.id = c.row_id AND {shape.where_slice()}))'
    )
