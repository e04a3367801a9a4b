"""The workstation side of sync: the outbox, the state, the issues, and applying pulled rows.

All writes of pulled rows happen with ``sync_applying`` set, so the outbox triggers stay quiet,
and in one transaction together with the cursor that says how far the pull got.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    delete,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError

from app.db.writer_turn import desk_checkpoints
from app.sync import rows as cache_rows
from app.sync.tables import Row, decode_sqlite_json, facility_column, table_named, version_column
from app.sync.wire import Shape, StoredRow, shape_of

log = logging.getLogger(__name__)

LOAD_CACHE_KIB = 65536  # SQLite's page cache while a table is copied (its default: 2 MiB)
SYNC_NORMAL = 1  # PRAGMA synchronous=NORMAL
LOAD_CHECKPOINT_PAGES = 8192  # WAL pages between checkpoints while a table is copied (default 1000)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    seq: int
    table: str
    row_id: uuid.UUID
    op: str
    old: str | None
    new: str | None  # the row after an insert or update (migration 0004)


@dataclass(slots=True)
class PendingRow:
    """One row's pending local changes in a batch, collapsed: before the first and after the
    last of its entries there."""

    table: str
    row_id: uuid.UUID
    first_seq: int
    created: bool  # the first pending change inserted it: no base
    base: Row | None
    mine: Row | None  # None: the row is gone locally (pruned); nothing to push


@dataclass(frozen=True, slots=True)
class OutboxBatch:
    lo: int
    hi: int
    rows: tuple[PendingRow, ...]
    digest: str


@dataclass(frozen=True, slots=True)
class Issue:
    """A conflict or rejection the server decided on a pushed row, or a flag found locally."""

    kind: str  # "conflict" | "rejection" | "flag"
    table: str
    row_id: uuid.UUID
    reason: str
    mine: str | None = None  # JSON
    theirs: str | None = None  # JSON


@dataclass(slots=True)
class Applied:
    upserted: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    skipped_pending: int = 0


def entries_digest(entries: Iterable[tuple[int, str, str, str]]) -> str:
    """Fingerprint of an outbox range: which rows, in which order. Both sides compute it."""
    h = hashlib.sha256()
    for seq, table, row_id, op in entries:
        h.update(f"{seq}|{table}|{row_id}|{op}\n".encode())
    return h.hexdigest()


class LocalStore:
    """The sync tables of one workstation cache (created by migrations 0003 and 0004)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- state ----------------------------------------------------------------------------------

    def get(self, key: str, default: str | None = None) -> str | None:
        with self.engine.connect() as conn:
            value = conn.execute(
                text("SELECT value FROM sync_state WHERE key = :k"), {"k": key}
            ).scalar()
        return default if value is None else str(value)

    @staticmethod
    def put(conn: Connection, key: str, value: str) -> None:
        conn.execute(
            text(
                "INSERT INTO sync_state (key, value) VALUES (:k, :v)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"k": key, "v": value},
        )

    def put_many(self, **values: str) -> None:
        with self.engine.begin() as conn:
            for key, value in values.items():
                self.put(conn, key, value)

    # -- outbox ---------------------------------------------------------------------------------

    def outbox_count(self) -> tuple[int, datetime | None]:
        with self.engine.connect() as conn:
            count, oldest = conn.execute(
                text("SELECT count(*), min(changed_at) FROM sync_outbox")
            ).one()
        since = datetime.fromisoformat(oldest.replace("Z", "+00:00")) if oldest else None
        return int(count), since

    def allocated_seq(self) -> int:
        """The highest outbox sequence this cache ever handed out (survives deletions)."""
        with self.engine.connect() as conn:
            value = conn.execute(
                text("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'")
            ).scalar()
        return int(value or 0)

    def range_digest(self, lo: int, hi: int) -> str | None:
        """Digest of the outbox entries lo..hi, or None when some are missing locally."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT seq, table_name, row_id, op FROM sync_outbox"
                    " WHERE seq BETWEEN :lo AND :hi ORDER BY seq"
                ),
                {"lo": lo, "hi": hi},
            ).all()
        if not rows or rows[0][0] != lo or rows[-1][0] != hi:
            return None
        return entries_digest((int(s), str(t), _canon(r), str(o)) for s, t, r, o in rows)

    def next_batch(self, limit: int) -> OutboxBatch | None:
        """The oldest ``limit`` outbox entries, collapsed per row: each row as its last entry in
        the batch left it, and as its first entry found it (the base of the merge)."""
        with self.engine.connect() as conn:
            raw = conn.execute(
                text(
                    "SELECT seq, table_name, row_id, op, old, new FROM sync_outbox"
                    " ORDER BY seq LIMIT :n"
                ),
                {"n": limit},
            ).all()
            if not raw:
                return None
            entries = [
                OutboxEntry(int(s), str(t), uuid.UUID(hex=str(r)), str(o), old, new)
                for s, t, r, o, old, new in raw
            ]
            pending: dict[tuple[str, uuid.UUID], PendingRow] = {}
            last: dict[tuple[str, uuid.UUID], OutboxEntry] = {}
            for e in entries:
                key = (e.table, e.row_id)
                last[key] = e
                if key not in pending:
                    table = table_named(e.table)
                    pending[key] = PendingRow(
                        table=e.table,
                        row_id=e.row_id,
                        first_seq=e.seq,
                        created=e.op == "I",
                        base=None if e.op == "I" else decode_sqlite_json(table, e.old),
                        mine=None,
                    )
            by_table: dict[str, list[PendingRow]] = {}
            for p in pending.values():
                by_table.setdefault(p.table, []).append(p)
            for name, rows in by_table.items():
                table = table_named(name)
                present = {
                    r["id"]: r
                    for r in conn.execute(
                        select(table).where(table.c.id.in_([p.row_id for p in rows]))
                    ).mappings()
                }
                for p in rows:
                    entry = last[(p.table, p.row_id)]
                    if p.row_id not in present or entry.op == "D":
                        continue  # gone locally (pruned): nothing to send
                    # Entries written before migration 0004 have no ``new``: the row as it is.
                    p.mine = decode_sqlite_json(table, entry.new) or dict(present[p.row_id])
        digest = entries_digest((e.seq, e.table, _canon(e.row_id.hex), e.op) for e in entries)
        ordered = sorted(pending.values(), key=lambda p: p.first_seq)
        return OutboxBatch(entries[0].seq, entries[-1].seq, tuple(ordered), digest)

    def acknowledge(self, hi: int, issues: Sequence[Issue], last_issue_id: int | None) -> None:
        """The server stored everything up to ``hi``: drop it from the outbox, keep the issues.

        The rows pushed are fetched again after the pull (``refresh_deferred``) unless the
        pull brings them: the server may have kept its own values, without a new change."""
        with self.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT OR IGNORE INTO sync_deferred (table_name, row_id)"
                    " SELECT DISTINCT table_name, row_id FROM sync_outbox WHERE seq <= :hi"
                ),
                {"hi": hi},
            )
            conn.execute(text("DELETE FROM sync_outbox WHERE seq <= :hi"), {"hi": hi})
            self.put(conn, "acked_seq", str(hi))
            self._add_issues(conn, issues)
            if last_issue_id is not None:
                self.put(conn, "last_issue_id", str(last_issue_id))

    def deferred(self, limit: int) -> dict[str, list[uuid.UUID]]:
        """Rows to fetch again from the server, per table: no local edit of theirs is pending."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT d.table_name, d.row_id FROM sync_deferred AS d WHERE NOT EXISTS"
                    " (SELECT 1 FROM sync_outbox AS o"
                    "  WHERE o.table_name = d.table_name AND o.row_id = d.row_id)"
                    " ORDER BY d.table_name, d.row_id LIMIT :n"
                ),
                {"n": limit},
            ).all()
        found: dict[str, list[uuid.UUID]] = {}
        for table_name, row_id in rows:
            found.setdefault(str(table_name), []).append(uuid.UUID(hex=str(row_id)))
        return found

    def add_issues(self, issues: Sequence[Issue], last_issue_id: int | None = None) -> None:
        with self.engine.begin() as conn:
            self._add_issues(conn, issues)
            if last_issue_id is not None:
                self.put(conn, "last_issue_id", str(last_issue_id))

    @staticmethod
    def _add_issues(conn: Connection, issues: Sequence[Issue]) -> None:
        for issue in issues:
            # A row pushed in several batches can meet the same disagreement twice: keep one.
            values = {
                "kind": issue.kind,
                "table": issue.table,
                "row_id": str(issue.row_id),
                "reason": issue.reason,
                "mine": issue.mine,
                "theirs": issue.theirs,
            }
            same_open = conn.execute(
                text(
                    "SELECT 1 FROM sync_issues WHERE resolved_at IS NULL AND kind = :kind"
                    " AND table_name = :table AND row_id = :row_id AND reason = :reason"
                    " AND mine IS :mine AND theirs IS :theirs"
                ),
                values,
            ).first()
            if same_open:
                continue
            conn.execute(
                text(
                    "INSERT INTO sync_issues (kind, table_name, row_id, reason, mine, theirs)"
                    " VALUES (:kind, :table, :row_id, :reason, :mine, :theirs)"
                ),
                values,
            )

    def open_issues(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [
                dict(r)
                for r in conn.execute(
                    text("SELECT * FROM sync_issues WHERE resolved_at IS NULL ORDER BY id")
                ).mappings()
            ]

    # -- applying the server's rows ---------------------------------------------------------

    def set_indexes_aside(self) -> None:
        """Drop the cache's secondary (non-unique) indexes for a first copy, remembering them:
        SQLite builds an index from loaded rows several times faster than it maintains one
        row by row. Unique indexes stay, so the copy still meets every constraint."""
        with self.engine.begin() as conn:
            aside = conn.execute(
                text("SELECT 1 FROM sync_state WHERE key = 'indexes_set_aside'")
            ).first()
            if aside:
                return  # a resumed copy: already aside
            found = conn.execute(
                text(
                    "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index'"
                    " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
                    " AND tbl_name NOT LIKE 'sync%' ORDER BY name"
                )
            ).all()
            self.put(conn, "indexes_set_aside", json.dumps([list(r) for r in found]))
            for name, _sql, _table in found:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')  # names from sqlite_master

    def build_indexes_of(self, conn: Connection, table_name: str) -> None:
        """Inside a transaction on ``conn``: build again the indexes of one table set aside
        for the first copy, once its copy is done (while the next table's pages are read);
        ``restore_indexes`` skips them at the end. Read on ``conn``: another connection would
        first parse the schema again, changed by this copy (4 ms a table)."""
        raw = conn.execute(
            text("SELECT value FROM sync_state WHERE key = 'indexes_set_aside'")
        ).scalar()
        # Entries are [name, sql, table]; a copy begun by an older version has no table.
        for entry in json.loads(raw) if raw else []:
            if entry[2:] == [table_name]:
                conn.exec_driver_sql(_if_not_exists(entry[1]))

    def restore_indexes(self) -> None:
        """Build the indexes set aside for the first copy again (idempotent)."""
        raw = self.get("indexes_set_aside")
        if raw is None:
            return
        with self.loading() as conn, conn.begin():  # its page cache holds the sort
            for entry in json.loads(raw):
                conn.exec_driver_sql(_if_not_exists(entry[1]))
            conn.execute(text("DELETE FROM sync_state WHERE key = 'indexes_set_aside'"))

    def pending_ids(self, conn: Connection, table: str) -> set[uuid.UUID]:
        return {uuid.UUID(hex=r) for r in self.pending_hex(conn, table)}

    @staticmethod
    def pending_hex(conn: Connection, table: str) -> set[str]:
        """Ids (as the cache stores them) of the table's rows with local edits still to push."""
        rows = conn.execute(
            text("SELECT DISTINCT row_id FROM sync_outbox WHERE table_name = :t"), {"t": table}
        ).scalars()
        return {uuid.UUID(hex=str(r)).hex for r in rows}

    @contextmanager
    def loading(self) -> Iterator[Connection]:
        """One cache connection for a table's copy, with a larger page cache while it lasts:
        the copy writes its key and unique indexes in an order of their own, and pages that
        stay in memory are not read back (and decrypted) again.

        Its commits do not wait for the disk (``synchronous=NORMAL``; WAL keeps the file
        whole): a power cut may undo the last pages copied, never more than whole pages,
        and the pages of each transaction go with the mark that says how far the copy got,
        so the copy then resumes before them. It checkpoints the WAL into the file every
        32 MiB instead of every 4 MiB (each checkpoint waits for the disk), and once more at
        the end, so the desk's next commit does not inherit the work."""
        with self.engine.connect() as conn:
            cache_size = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
            synchronous = int(conn.exec_driver_sql("PRAGMA synchronous").scalar() or 2)
            checkpoint = int(conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() or 0)
            # The desk's engine copying (``rollbook workstation init``, the tests): its own
            # commits checkpoint, no desk write to hold up. The sync worker's engine
            # checkpoints after each of its turns instead (``share_one_writer``).
            desk = desk_checkpoints(self.engine)
            inline = desk is not None
            conn.exec_driver_sql(f"PRAGMA cache_size=-{LOAD_CACHE_KIB}")
            conn.exec_driver_sql(f"PRAGMA synchronous={min(synchronous, SYNC_NORMAL)}")
            if inline:
                conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={LOAD_CHECKPOINT_PAGES}")
            conn.commit()
            try:
                with desk.standing_by() if desk is not None else nullcontext():
                    yield conn
            finally:
                conn.rollback()
                conn.exec_driver_sql(f"PRAGMA cache_size={cache_size}")
                conn.exec_driver_sql(f"PRAGMA synchronous={synchronous}")
                conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={checkpoint}")
                if inline:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                conn.commit()

    @staticmethod
    @contextmanager
    def outbox_quiet(conn: Connection, table_name: str) -> Iterator[None]:
        """Inside an ``applying`` transaction: the table's outbox triggers dropped, and made
        again before it commits. They would stay quiet anyway (``sync_applying``), but asking
        them costs a trigger program per row written, a third of a page's load. SQLite's DDL
        is transactional: if the transaction fails, its rollback brings them back; no commit
        can leave them off."""
        if not conn.in_transaction():
            raise RuntimeError("outbox triggers may only be dropped inside a transaction")
        found = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
            " AND name LIKE 'sync\\_outbox\\_%' ESCAPE '\\' ORDER BY name",
            (table_name,),
        ).all()
        for name, _sql in found:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')  # names from sqlite_master
        yield
        for _name, sql in found:
            conn.exec_driver_sql(str(sql))

    @contextmanager
    def applying(self, held: Connection | None = None) -> Iterator[Connection]:
        """One local transaction that writes the server's rows without queuing them, on
        ``held`` (from ``loading``) or a connection of its own.

        Foreign keys are not checked inside: the server already holds them, and a row may point
        at one this slice does not hold (an instructor of another facility). Nor are CHECK
        constraints: the server's tables have the same ones (one metadata makes both), so its
        rows already meet them, and checking them again was a seventh of a first copy's load
        (an ``IN`` list is set up again for every row).

        It commits without waiting for the disk (``synchronous=NORMAL``; WAL keeps the file
        whole and a power cut undoes only the last transactions, in order): what it writes
        is the server's and is fetched again when lost, since the pull's cursor, the copy's
        mark and the deferred rows' list move in the same transactions as the rows. The next
        desk commit makes it durable with its own."""
        with ExitStack() as stack:
            conn = held if held is not None else stack.enter_context(self.engine.connect())
            synchronous = int(conn.exec_driver_sql("PRAGMA synchronous").scalar() or 2)
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("PRAGMA ignore_check_constraints=ON")
            conn.exec_driver_sql(f"PRAGMA synchronous={min(synchronous, SYNC_NORMAL)}")
            conn.commit()
            try:
                with conn.begin():
                    conn.execute(text("INSERT INTO sync_applying (flag) VALUES (1)"))
                    yield conn
                    conn.execute(text("DELETE FROM sync_applying"))
            finally:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.exec_driver_sql("PRAGMA ignore_check_constraints=OFF")
                conn.exec_driver_sql(f"PRAGMA synchronous={synchronous}")
                conn.commit()

    def upsert(
        self,
        conn: Connection,
        table_name: str,
        rows: Sequence[StoredRow],
        applied: Applied,
        *,
        new: bool = False,
    ) -> None:
        """Write the server's rows (as the cache stores them, ``app.sync.wire``), except those
        with local edits still to push: those wait in ``sync_deferred``. With ``new`` (a first
        copy) the rows are taken to be new to the cache: no look-up of the ones it holds."""
        if not rows:
            return
        shape = shape_of(table_name)
        pending = self.pending_hex(conn, table_name)
        fresh: Sequence[StoredRow] = rows
        if pending:
            fresh = [r for r in rows if r[0] not in pending]
            cache_rows.set_deferred(conn, table_name, [r[0] for r in rows if r[0] in pending])
            applied.skipped_pending += len(rows) - len(fresh)
        cache_rows.clear_deferred(conn, table_name, (r[0] for r in fresh))
        if not fresh:
            return
        # Straight to the driver: no per-row parameter handling on the way. No savepoint
        # around it: SQLite would then copy every page the rows touch to a sub-journal (half
        # the load's speed); a failed row undoes only itself, and the rows written before it
        # are written again below (an upsert of the same values).
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            same, other = ([], fresh) if new else _same_indexed(cursor, shape, fresh)
            if same:
                cursor.executemany(shape.narrow_sql, same)
            cursor.executemany(shape.upsert_sql, other)
        except (IntegrityError, sqlcipher.IntegrityError):
            # A local row holds a unique value the server gave to another row: a rejected
            # local creation (its values are kept in the rejection). The server's row wins.
            for row in fresh:
                with conn.begin_nested():
                    cache_rows.clear_unique_blockers(conn, shape, row, pending)
                    conn.exec_driver_sql(shape.upsert_sql, tuple(row))
        finally:
            cursor.close()
        applied.upserted[table_name] = applied.upserted.get(table_name, 0) + len(fresh)

    def remove(
        self, conn: Connection, table_name: str, ids: Iterable[uuid.UUID], applied: Applied
    ) -> None:
        """Rows that left this slice (out of scope, or gone on the server); pending ones stay."""
        table = table_named(table_name)
        doomed = set(ids) - self.pending_ids(conn, table_name)
        cache_rows.clear_deferred(conn, table_name, (i.hex for i in doomed))
        if not doomed:
            return
        result = conn.execute(
            delete(table).where(table.c.id.in_(bindparam("ids", expanding=True))),
            {"ids": list(doomed)},
        )
        if result.rowcount:
            applied.removed[table_name] = applied.removed.get(table_name, 0) + result.rowcount

    def ids_and_versions(
        self, table_name: str, facilities: frozenset[uuid.UUID] | None
    ) -> list[tuple[uuid.UUID, int]]:
        table = table_named(table_name)
        query = select(table.c.id, version_column(table)).order_by(table.c.id)
        column = facility_column(table)
        if facilities is not None and column is not None:
            query = query.where(table.c[column].in_(list(facilities)))
        with self.engine.connect() as conn:
            return [(r[0], int(r[1])) for r in conn.execute(query)]


def _same_indexed(
    cursor: Any, shape: Shape, rows: Sequence[StoredRow]
) -> tuple[list[StoredRow], list[StoredRow]]:
    """The rows the cache holds with the same values in their indexed columns, and the rest
    (new rows, or rows whose indexed values change)."""
    if not shape.indexed:
        return [], list(rows)
    held = {
        found[0]: found[1:]
        for found in cursor.execute(shape.held_sql, (json.dumps([r[0] for r in rows]),))
    }
    same: list[StoredRow] = []
    other: list[StoredRow] = []
    positions = shape.indexed
    for row in rows:
        old = held.get(row[0])
        if old is not None and old == tuple(row[i] for i in positions):
            same.append(row)
        else:
            other.append(row)
    return same, other


def _if_not_exists(create_index: str) -> str:
    return str(create_index).replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)


def _canon(row_id: str) -> str:
    return uuid.UUID(hex=row_id).hex


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True)
