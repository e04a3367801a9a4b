"""Applying a pushed batch on the server, inside the push's transaction (DESIGN §3 rules 4–6).

A batch is applied set by set, a few statements per table whatever its size: one locking read
(``id = ANY(array)``), the merges decided in Python (the rules below, exactly), then one
``INSERT … SELECT … FROM unnest(arrays)`` for the new rows and one ``UPDATE … FROM
unnest(arrays)`` for the merged ones, each column sent as one typed array. The issues of the
batch are stored with one statement too. Row-level security, the provenance stamp, the audit
trail and the same-facility checks (migration 0009) are then worked out once per statement,
not once per row.

Not a ``COPY`` into a temporary table: row-level security refuses ``COPY FROM`` into the
tables, and staff logins may not create temporary tables (``server_admin`` revokes TEMPORARY
so that nothing can shadow what the policy functions look up). Arrays need neither, and leave
nothing on the session: a transaction-pooling proxy may hand the next transaction to another
backend.

If the server refuses any of it (a constraint, a policy), the part is rolled back to its
savepoint and its two halves are applied again, each in a savepoint of its own, down to single
rows: one refused row becomes a rejection and the rest still land, at the cost of a few
statements per refusal instead of a savepoint per row of the batch.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Table, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError

from app.sync.local import Issue, OutboxBatch, PendingRow
from app.sync.orphans import (
    SCHEDULE_TABLES,
    flag_pushed_marks,
    review_marks_after_schedule_push,
)
from app.sync.tables import BOOKKEEPING, Row, same, synced_tables, table_named, to_json

# Attendance marks and enrolments edited offline survive a delete made elsewhere (rule 5).
UPDATE_BEATS_DELETE = frozenset({"program_class_event_attendance", "program_class_enrollments"})
# Who recorded a value, not the value: two staff recording the same mark do not disagree.
PROVENANCE = frozenset({"marked_by", "marked_at", "device_id", "verified_by", "verified_at"})
ATTENDANCE = "program_class_event_attendance"
_ORDER = {t.name: i for i, t in enumerate(synced_tables())}


@dataclass(slots=True)
class Merge:
    """What one pushed row does on the server."""

    insert: Row | None = None
    update: Row = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def merge(table: Table, row: PendingRow, server: Row | None) -> Merge:
    """Three-way merge of the pushed row (``mine``, from ``base``) with the server's row."""
    mine = row.mine
    assert mine is not None
    if server is None:
        values = dict(mine)
        if "row_version" in table.c:
            values["row_version"] = 1
        return Merge(insert=values)
    if "row_version" not in table.c:
        return Merge()  # append-only (account history): already there
    base = row.base
    merged: Row = {}
    mine_side: Row = {}
    their_side: Row = {}
    for column in table.c:
        name = column.name
        if name in BOOKKEEPING:
            continue
        m, s = mine.get(name), server.get(name)
        if base is not None and same(m, base.get(name)):
            continue  # not changed here: theirs stands
        if same(s, m):
            continue
        if base is not None and same(s, base.get(name)):
            merged[name] = m  # changed here only
            continue
        mine_side[name], their_side[name] = m, s  # changed on both sides, differently
    result = Merge()
    if (
        table.name in UPDATE_BEATS_DELETE
        and server.get("deleted_at") is not None
        and mine.get("deleted_at") is None
        and (merged or mine_side)
    ):
        merged["deleted_at"] = None
        mine_side.pop("deleted_at", None)
        their_side.pop("deleted_at", None)
        result.issues.append(
            Issue(
                "flag",
                table.name,
                row.row_id,
                "Edited here after it was deleted elsewhere: kept, please check.",
                mine=to_json(mine),
                theirs=to_json(server),
            )
        )
    if mine_side and not set(mine_side) - PROVENANCE:
        mine_side, their_side = {}, {}  # the same mark recorded twice: theirs stands
    if mine_side and table.name == ATTENDANCE:
        merged["needs_review"] = True  # two staff disagree on a mark: flagged (rule 5)
    if mine_side:
        fields = ", ".join(sorted(mine_side))
        result.issues.append(
            Issue(
                "conflict",
                table.name,
                row.row_id,
                f"Changed here and on the server since the last sync: {fields}.",
                mine=to_json(mine_side),
                theirs=to_json(their_side),
            )
        )
    if merged:
        # For a staff login the server's trigger sets these whatever is sent (migration 0009);
        # a superuser's session (the benchmarks, a repair) writes them as given.
        merged["row_version"] = int(server["row_version"]) + 1
        merged["updated_at"] = mine.get("updated_at")
        merged["updated_by"] = mine.get("updated_by")
        result.update = merged
    return result


@dataclass(frozen=True, slots=True)
class Pushed:
    """What a push did: nothing (a replay of an acknowledged batch), or its issues and the id
    of the last one stored."""

    replayed: bool
    issues: list[Issue]
    last_issue_id: int | None


def push_batch(conn: Connection, device_id: str, batch: OutboxBatch) -> Pushed:
    """One pushed batch, inside the caller's transaction: rows merged, issues stored and the
    device's acknowledged range recorded together, so a replayed push is a no-op (rule 3)."""
    acked = conn.execute(
        text("SELECT acked_seq FROM sync_devices WHERE device_id = :d FOR UPDATE"),
        {"d": device_id},
    ).scalar()
    if acked is None:
        raise RuntimeError("device not registered")
    if int(acked) >= batch.hi:
        return Pushed(True, [], None)
    # The server's audit trail names this workstation (migration 0009): it is the login's own,
    # as the read above under row-level security has just shown.
    conn.execute(text("SELECT set_config('rollbook.device_id', :d, true)"), {"d": device_id})
    # A row gone locally (pruned: it left the scope) has nothing to send.
    rows = [row for row in batch.rows if row.mine is not None]
    issues = apply_rows(conn, rows)
    first_seq = {(row.table, row.row_id): row.first_seq for row in rows}
    last_id = store_issues(conn, device_id, issues, first_seq, batch.lo)
    conn.execute(
        text(
            "UPDATE sync_devices SET acked_lo = :lo, acked_seq = :hi,"
            " acked_digest = :digest, last_seen_at = now() WHERE device_id = :d"
        ),
        {"lo": batch.lo, "hi": batch.hi, "digest": batch.digest, "d": device_id},
    )
    return Pushed(False, issues, last_id)


def store_issues(
    conn: Connection,
    device_id: str,
    issues: Sequence[Issue],
    first_seq: dict[tuple[str, uuid.UUID], int],
    default_seq: int,
) -> int | None:
    """The batch's issues in one statement, in their order, each with the first outbox seq of
    its row; returns the id of the last one (None when there are none)."""
    if not issues:
        return None
    last = conn.execute(
        text(
            "WITH stored AS (INSERT INTO sync_push_issues (device_id, seq, table_name, row_id,"
            " kind, reason, mine, theirs)"
            " SELECT :d, i.seq, i.t, i.r, i.k, i.why, CAST(i.mine AS jsonb),"
            " CAST(i.theirs AS jsonb)"
            " FROM unnest(CAST(:seq AS bigint[]), CAST(:t AS text[]), CAST(:r AS uuid[]),"
            " CAST(:k AS text[]), CAST(:why AS text[]), CAST(:mine AS text[]),"
            " CAST(:theirs AS text[])) WITH ORDINALITY AS i (seq, t, r, k, why, mine, theirs, n)"
            " ORDER BY i.n RETURNING id) SELECT max(id) FROM stored"
        ),
        {
            "d": device_id,
            "seq": [first_seq.get((i.table, i.row_id), default_seq) for i in issues],
            "t": [i.table for i in issues],
            "r": [i.row_id for i in issues],
            "k": [i.kind for i in issues],
            "why": [i.reason for i in issues],
            "mine": [i.mine for i in issues],
            "theirs": [i.theirs for i in issues],
        },
    ).scalar_one()
    return int(last)


def apply_rows(conn: Connection, rows: Sequence[PendingRow]) -> list[Issue]:
    """Apply a batch's rows; a refusal anywhere splits the part that held it in halves.

    The server writes the audit trail and the bookkeeping columns itself (migration 0009):
    the login from ``session_user``, the workstation from ``rollbook.device_id``, which
    ``push_batch`` sets for the transaction."""
    return _apply_part(conn, sorted(rows, key=lambda r: r.first_seq))


def _apply_part(conn: Connection, rows: Sequence[PendingRow]) -> list[Issue]:
    """``rows`` (in outbox order) as sets in a savepoint; refused, each half on its own, down
    to the single rows refused, which become rejections."""
    if not rows:
        return []
    savepoint = conn.begin_nested()
    try:
        issues = _apply_sets(conn, rows)
        savepoint.commit()
        return issues
    except DBAPIError as err:
        savepoint.rollback()
        if not _is_refusal(err):
            raise  # the connection, not the data: the whole push is retried later
        if len(rows) == 1:
            (row,) = rows
            return [
                Issue("rejection", row.table, row.row_id, _refusal(err), mine=to_json(row.mine))
            ]
    half = len(rows) // 2
    return _apply_part(conn, rows[:half]) + _apply_part(conn, rows[half:])


def _apply_sets(conn: Connection, rows: Sequence[PendingRow]) -> list[Issue]:
    by_table: dict[str, list[PendingRow]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    issues: list[Issue] = []
    for name in sorted(by_table, key=_ORDER.__getitem__):  # parents before children
        table = table_named(name)
        pushed = sorted(by_table[name], key=lambda r: r.row_id)  # inserts, too, in key order
        found = _locked(conn, table, [r.row_id for r in pushed])
        inserts: list[Row] = []
        updates: list[Row] = []
        changed: set[str] = set()
        for row in pushed:
            server = found.get(row.row_id)
            decided = merge(table, row, server)
            issues += decided.issues
            if decided.insert is not None:
                inserts.append(decided.insert)
            elif decided.update:
                assert server is not None
                # Locked above: the columns this row leaves alone keep the server's values.
                updates.append({**server, **decided.update})
                changed.update(decided.update)
        if inserts:
            _insert_many(conn, table, inserts)
        if updates:
            _update_many(conn, table, updates, sorted(changed))
        if name == ATTENDANCE:
            issues += check_occurrences(conn, pushed)
        elif name in SCHEDULE_TABLES:  # marks already here that the change leaves sessionless
            review_marks_after_schedule_push(conn, name, pushed, found)
    return issues


def _locked(conn: Connection, table: Table, ids: list[uuid.UUID]) -> dict[uuid.UUID, Row]:
    """The server's rows among ``ids``, locked in id order (tables in dependency order): two
    workstations pushing the same rows wait for each other instead of deadlocking. NO KEY
    UPDATE, because the key never changes and foreign-key checks of other pushes (KEY SHARE)
    need not wait for it. The ids go as one array, not a parameter each."""
    given = sa.bindparam("ids", ids, type_=postgresql.ARRAY(table.c.id.type))
    query = (
        select(table)
        .where(table.c.id == sa.any_(given))
        .order_by(table.c.id)
        .with_for_update(key_share=True)
    )
    return {r["id"]: dict(r) for r in conn.execute(query).mappings()}


_Processor = Callable[[Any], Any]


@cache
def _columns(dialect: sa.Dialect, table: Table) -> dict[str, tuple[str, _Processor | None]]:
    """Each column's SQL type (for its array's cast) and bind processing, worked out once."""
    return {
        c.name: (
            c.type.compile(dialect=dialect),
            c.type.dialect_impl(dialect).bind_processor(dialect),
        )
        for c in table.c
    }


def _arrays(
    conn: Connection, table: Table, rows: Sequence[Row], names: Sequence[str]
) -> tuple[str, dict[str, list[Any]]]:
    """``unnest`` of one typed array per column, and the arrays: the values as SQLAlchemy
    would bind them one by one (instants in UTC, enumerations as their values)."""
    columns = _columns(conn.dialect, table)
    casts: list[str] = []
    params: dict[str, list[Any]] = {}
    for i, name in enumerate(names):
        sql_type, process = columns[name]
        values = [row.get(name) for row in rows]
        if process is not None:
            values = [None if v is None else process(v) for v in values]
        casts.append(f"CAST(%(c{i})s AS {sql_type}[])")
        params[f"c{i}"] = values
    quoted = ", ".join(f'"{n}"' for n in names)  # names from the table's own metadata
    return f"unnest({', '.join(casts)}) AS p ({quoted})", params


def _insert_many(conn: Connection, table: Table, rows: Sequence[Row]) -> None:
    """The new rows of one table as one ``INSERT … SELECT``, in key order."""
    names = [c.name for c in table.c]
    source, params = _arrays(conn, table, rows, names)
    quoted = ", ".join(f'"{n}"' for n in names)
    conn.exec_driver_sql(
        f'INSERT INTO public."{table.name}" ({quoted}) SELECT {quoted} FROM {source}',  # noqa: S608
        params,
    )


def _update_many(
    conn: Connection, table: Table, rows: Sequence[Row], columns: Sequence[str]
) -> None:
    """The merged rows of one table as one ``UPDATE … FROM unnest(…)``: ``columns`` are those
    any of them changes; a row that leaves one alone sends the server's value back.

    The ids are also given as ``t.id = ANY(ids)`` (the same array, sent once), so the server
    finds the rows by key whatever the login. Joined on ``p.id`` alone, a staff login's
    row-level security made the planner scan the facility's whole table instead (the policy's
    subquery is costed once per probe of the key): 40-50 ms a statement at 50,000 attendance
    rows, 150 ms and more at the DESIGN scale, where the superuser's took a few."""
    names = ["id", *columns]
    source, params = _arrays(conn, table, rows, names)
    sets = ", ".join(f'"{n}" = p."{n}"' for n in columns)
    ids = f"CAST(%(c0)s AS {_columns(conn.dialect, table)['id'][0]}[])"
    conn.exec_driver_sql(
        f'UPDATE public."{table.name}" AS t SET {sets} FROM {source}'  # noqa: S608
        f" WHERE t.id = p.id AND t.id = ANY({ids})",
        params,
    )


def check_occurrences(conn: Connection, rows: Sequence[PendingRow]) -> list[Issue]:
    """A mark for a session the schedule no longer has (moved to another day, dropped,
    cancelled, its series removed) is kept, set for review and reported: a schedule change
    never loses attendance (rule 5)."""
    return flag_pushed_marks(conn, rows)


def _is_refusal(err: DBAPIError) -> bool:
    """Integrity (23), data (22) and privilege/RLS (42501) errors are about this row's data;
    any other (a statement the server cannot run) is a fault to fix, not a rejection."""
    state = getattr(err.orig, "sqlstate", None) or ""
    return state[:2] in ("22", "23") or state == "42501"


def _refusal(err: DBAPIError) -> str:
    orig = err.orig
    state = getattr(orig, "sqlstate", None)
    detail = str(orig).strip().splitlines()[0] if orig is not None else str(err)
    constraint = getattr(getattr(orig, "diag", None), "constraint_name", None) or ""
    if state == "23505" and constraint.startswith("pk_"):
        return (
            "This record is no longer yours to change (it moved to a facility or program "
            "outside your scope, or you lost access). Your change is kept here."
        )
    if state == "23505":
        return f"The server already has such a record (a unique value is taken): {detail}"
    if state == "42501":
        return f"Your account may not make this change on the server: {detail}"
    if state == "23503":
        return f"The record refers to something the server does not have: {detail}"
    return f"The server refused the change: {detail}"
