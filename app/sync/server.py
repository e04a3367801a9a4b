"""The server side of sync, reached as the signed-in staff role: row-level security applies.

A push is one PostgreSQL transaction: rows merged, conflicts and rejections stored, and the
device's acknowledged range recorded together, so a replayed push is a no-op (DESIGN §3 rule 3).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select, text

from app.sync.local import Issue, OutboxBatch
from app.sync.push import push_batch
from app.sync.tables import facility_column, synced_tables, table_named, version_column
from app.sync.wire import StoredRow, page_sql, rows_sql, shape_of


@dataclass(frozen=True, slots=True)
class Handshake:
    server_revision: str | None
    server_now: datetime
    registered: bool
    acked_lo: int
    acked_seq: int
    acked_digest: str | None
    readable: frozenset[str]  # synced tables this role may SELECT (instructors: no medical)


@dataclass(frozen=True, slots=True)
class ChangeChunk:
    """A run of logged changes after the cursor ``after`` up to and including ``last``; its
    length is the number of entries (a row changed twice counts twice)."""

    after: tuple[int, int]
    last: tuple[int, int]
    count: int
    tables: frozenset[str]

    def __len__(self) -> int:
        return self.count


@dataclass(frozen=True, slots=True)
class Fetched:
    """Rows asked for: those the slice holds, as the cache stores them, and the hex ids of
    those it does not (gone on the server, out of the slice, or hidden from this role)."""

    rows: list[StoredRow]
    gone: list[str]


@dataclass(frozen=True, slots=True)
class PushResult:
    replayed: bool
    issues: tuple[Issue, ...]
    last_issue_id: int | None


class ServerStore:
    """Sync queries on the server. ``after_commit`` lets tests lose a response on purpose."""

    def __init__(self, engine: Engine, after_commit: Callable[[], None] | None = None) -> None:
        self.engine = engine
        self._after_commit = after_commit
        self._held: Connection | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        """One server connection for every call inside (a sync cycle), closed at the end.

        Each call still runs in a transaction of its own, and no session state is left on the
        connection (no SET, no prepared statement of ours, settings transaction-local only),
        so a transaction-pooling proxy may hand each transaction to another server backend.
        With a workstation engine (no pool) the close ends the connection: between cycles the
        workstation holds none. Calls are made one at a time (the initial pull's read-ahead
        thread included), never at once."""
        if self._held is not None:
            yield
            return
        with self.engine.connect() as conn:
            self._held = conn
            try:
                yield
            finally:
                self._held = None

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """A transaction on the held connection, or on a connection of its own."""
        if self._held is not None:
            with self._held.begin():
                yield self._held
            return
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def handshake(self, device_id: str) -> Handshake:
        with self._transaction() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            now = conn.execute(text("SELECT now()")).scalar_one()
            readable = frozenset(
                str(name)
                for name in conn.execute(
                    text(
                        "SELECT t FROM unnest(CAST(:tables AS text[])) AS t"
                        " WHERE has_table_privilege(current_user, 'public.' || t, 'SELECT')"
                    ),
                    {"tables": [t.name for t in synced_tables()]},
                ).scalars()
            )
            device = conn.execute(
                text(
                    "SELECT acked_lo, acked_seq, acked_digest FROM sync_devices"
                    " WHERE device_id = :d"
                ),
                {"d": device_id},
            ).one_or_none()
        if device is None:
            return Handshake(revision, now, False, 0, 0, None, readable)
        return Handshake(revision, now, True, int(device[0]), int(device[1]), device[2], readable)

    def register(self, device_id: str, revision: str | None) -> None:
        with self._transaction() as conn:
            conn.execute(
                text(
                    "INSERT INTO sync_devices (device_id, schema_revision) VALUES (:d, :r)"
                    " ON CONFLICT (device_id) DO UPDATE"
                    " SET schema_revision = excluded.schema_revision, last_seen_at = now()"
                ),
                {"d": device_id, "r": revision},
            )

    # -- push -------------------------------------------------------------------------------

    def push(self, device_id: str, batch: OutboxBatch) -> PushResult:
        """One batch in one transaction (``app.sync.push.push_batch``)."""
        with self._transaction() as conn:
            pushed = push_batch(conn, device_id, batch)
        if pushed.replayed:
            return PushResult(True, (), None)
        if self._after_commit is not None:
            self._after_commit()
        return PushResult(False, tuple(pushed.issues), pushed.last_issue_id)

    def issues_since(self, device_id: str, last_id: int) -> tuple[list[Issue], int | None]:
        with self._transaction() as conn:
            rows = conn.execute(
                text(
                    "SELECT id, kind, table_name, row_id, reason, mine::text, theirs::text"
                    " FROM sync_push_issues WHERE device_id = :d AND id > :last ORDER BY id"
                ),
                {"d": device_id, "last": last_id},
            ).all()
        issues = [Issue(r[1], r[2], uuid.UUID(str(r[3])), r[4], r[5], r[6]) for r in rows]
        return issues, (int(rows[-1][0]) if rows else None)

    # -- pull -------------------------------------------------------------------------------

    def fence(self) -> int:
        """Every transaction below this id has finished: a safe starting cursor."""
        with self._transaction() as conn:
            value = conn.execute(
                text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
            ).scalar_one()
        return int(value)

    def changes(
        self, cursor: tuple[int, int], facilities: frozenset[uuid.UUID], limit: int
    ) -> ChangeChunk:
        """The next ``limit`` logged changes after ``cursor`` on (txid, seq), fenced below the
        oldest open transaction, for this slice's facilities (and catalogue rows): how many,
        where they end and which tables they touch. The rows come with ``changed_rows``; the
        entries themselves never cross the wire."""
        with self._transaction() as conn:
            count, txid, seq, tables = conn.execute(
                text(
                    "WITH c AS MATERIALIZED (SELECT txid, seq, table_name FROM sync_changes"
                    " WHERE (txid, seq) > (:t, :s)"
                    "   AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
                    "   AND (facility_id IS NULL OR facility_id = ANY(CAST(:f AS uuid[])))"
                    " ORDER BY txid, seq LIMIT :n)"
                    " SELECT count(*), (array_agg(txid ORDER BY txid DESC, seq DESC))[1],"
                    " (array_agg(seq ORDER BY txid DESC, seq DESC))[1],"
                    " array_agg(DISTINCT table_name) FROM c"
                ),
                {"t": cursor[0], "s": cursor[1], "f": list(facilities), "n": limit},
            ).one()
        if not count:
            return ChangeChunk(cursor, cursor, 0, frozenset())
        return ChangeChunk(cursor, (int(txid), int(seq)), int(count), frozenset(tables))

    def rows(
        self,
        table_name: str,
        which: Sequence[uuid.UUID] | ChangeChunk,
        facilities: frozenset[uuid.UUID],
    ) -> Fetched:
        """The current rows that this role may see and that belong to the slice among ``which``
        (ids, or the table's entries in a chunk of the change log), as the cache stores them
        (``app.sync.wire``); and the ids among them the slice does not hold."""
        shape = shape_of(table_name)
        params: dict[str, Any] = {"f": list(facilities)}
        if isinstance(which, ChangeChunk):
            params |= {"t": which.after[0], "s": which.after[1]}
            params |= {"t2": which.last[0], "s2": which.last[1], "tn": table_name}
        else:
            params["ids"] = list(which)
        query = text(rows_sql(shape, logged=isinstance(which, ChangeChunk)))
        with self._transaction() as conn:
            rows, gone = conn.execute(query, params).one()
        return Fetched(shape.decode(rows), json.loads(gone) if gone is not None else [])

    def page(
        self,
        table_name: str,
        after: uuid.UUID | None,
        facilities: frozenset[uuid.UUID],
        limit: int,
    ) -> list[StoredRow]:
        """One page of a table's slice by id, for the initial pull and re-baselines, as the
        cache stores it (``app.sync.wire``): the id first, as 32 hex digits."""
        shape = shape_of(table_name)
        params: dict[str, Any] = {"f": list(facilities), "n": limit}
        if after is not None:
            params["after"] = after
        with self._transaction() as conn:
            raw = conn.execute(text(page_sql(shape, after=after is not None)), params).scalar()
        return shape.decode(raw)

    def ids_and_versions(
        self, table_name: str, facilities: frozenset[uuid.UUID]
    ) -> list[tuple[uuid.UUID, int]]:
        table = table_named(table_name)
        query = select(table.c.id, version_column(table)).order_by(table.c.id)
        column = facility_column(table)
        if column is not None:
            query = query.where(table.c[column].in_(list(facilities)))
        with self._transaction() as conn:
            return [(r[0], int(r[1])) for r in conn.execute(query)]
