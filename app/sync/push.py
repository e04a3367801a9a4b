"""Applying a pushed batch on the server, inside the push's transaction (DESIGN §3 rules 4–6).

A batch is applied set by set: one locking read per table, the merges decided in Python, the
writes sent as batched statements. If the server refuses any of it (a constraint, a policy), the
batch is rolled back to its savepoint and applied again row by row, each row in a savepoint of
its own, so one refused row becomes a rejection and the rest still land.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.exc import DBAPIError

from app.sync.local import Issue, PendingRow
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
_UPDATE_SLICE = 500  # rows per UPDATE statement (bind parameters stay well below the limit)
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


def apply_rows(conn: Connection, rows: Sequence[PendingRow]) -> list[Issue]:
    """Apply a batch's rows; a refusal anywhere sends it through row by row.

    The server writes the audit trail and the bookkeeping columns itself (migration 0009):
    the login from ``session_user``, the workstation from ``rollbook.device_id``, which
    ``ServerStore.push`` sets for the transaction."""
    savepoint = conn.begin_nested()
    try:
        issues = _apply_sets(conn, rows)
        savepoint.commit()
        return issues
    except DBAPIError as err:
        savepoint.rollback()
        if not _is_refusal(err):
            raise  # the connection, not the data: the whole push is retried later
    issues = []
    for row in sorted(rows, key=lambda r: r.first_seq):
        issues += _apply_one(conn, row)
    return issues


def _apply_sets(conn: Connection, rows: Sequence[PendingRow]) -> list[Issue]:
    by_table: dict[str, list[PendingRow]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    issues: list[Issue] = []
    for name in sorted(by_table, key=_ORDER.__getitem__):  # parents before children
        table = table_named(name)
        pushed = sorted(by_table[name], key=lambda r: r.row_id)  # inserts, too, in key order
        found = {
            r["id"]: dict(r)
            for r in conn.execute(
                # Locked in id order, tables in dependency order: two workstations pushing
                # the same rows wait for each other instead of deadlocking. NO KEY UPDATE,
                # because the key never changes and foreign-key checks of other pushes (KEY
                # SHARE) need not wait for it.
                select(table)
                .where(table.c.id.in_([r.row_id for r in pushed]))
                .order_by(table.c.id)
                .with_for_update(key_share=True)
            ).mappings()
        }
        inserts: list[Row] = []
        updates: dict[tuple[str, ...], list[Row]] = {}
        for row in pushed:
            server = found.get(row.row_id)
            decided = merge(table, row, server)
            issues += decided.issues
            if decided.insert is not None:
                inserts.append(decided.insert)
            elif decided.update:
                assert server is not None
                updates.setdefault(tuple(sorted(decided.update)), []).append(
                    {"_id": row.row_id, **decided.update}
                )
        if inserts:
            conn.execute(insert(table), inserts)
        for columns, params in updates.items():
            _update_many(conn, table, columns, params)
        if name == ATTENDANCE:
            issues += check_occurrences(conn, pushed)
        elif name in SCHEDULE_TABLES:  # marks already here that the change leaves sessionless
            review_marks_after_schedule_push(conn, name, pushed, found)
    return issues


def _update_many(
    conn: Connection, table: Table, columns: tuple[str, ...], params: list[Row]
) -> None:
    """One ``UPDATE … FROM (VALUES …)`` per slice of rows, not one statement per row: the
    row-level security of a statement (the staff member's classes and sessions) is worked out
    once for all its rows."""
    for start in range(0, len(params), _UPDATE_SLICE):
        part = params[start : start + _UPDATE_SLICE]
        given = sa.values(
            sa.column("_id", table.c.id.type),
            *(sa.column(c, table.c[c].type) for c in columns),
            name="pushed",
        ).data([(p["_id"], *(p[c] for c in columns)) for p in part])
        conn.execute(
            update(table)
            .where(table.c.id == given.c["_id"])
            # Cast: a VALUES column of NULLs only would otherwise be text.
            .values({c: sa.cast(given.c[c], table.c[c].type) for c in columns})
        )


def _apply_one(conn: Connection, row: PendingRow) -> list[Issue]:
    """One row in a savepoint of its own: a refusal becomes a rejection, not an error."""
    savepoint = conn.begin_nested()
    try:
        issues = _apply_sets(conn, [row])
        savepoint.commit()
        return issues
    except DBAPIError as err:
        savepoint.rollback()
        if not _is_refusal(err):
            raise
        return [Issue("rejection", row.table, row.row_id, _refusal(err), mine=to_json(row.mine))]


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
