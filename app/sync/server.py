"""The server side of sync, reached as the signed-in staff role: row-level security applies.

A push is one PostgreSQL transaction: rows merged, conflicts and rejections stored, and the
device's acknowledged range recorded together, so a replayed push is a no-op (DESIGN §3 rule 3).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from app.db.base import Base
from app.domain.enums import AuditAction
from app.domain.recurrence import SeriesSpec, compile_series, parse_exdates
from app.sync.local import Issue, OutboxBatch, PendingRow
from app.sync.tables import (
    BOOKKEEPING,
    Row,
    facility_column,
    same,
    synced_tables,
    table_named,
    to_json,
    version_column,
)

# Attendance marks and enrolments edited offline survive a delete made elsewhere (rule 5).
UPDATE_BEATS_DELETE = frozenset({"program_class_event_attendance", "program_class_enrollments"})
# Who recorded a value, not the value: two staff recording the same mark do not disagree.
PROVENANCE = frozenset({"marked_by", "marked_at", "device_id", "verified_by", "verified_at"})
ATTENDANCE = "program_class_event_attendance"


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
class Change:
    txid: int
    seq: int
    table: str
    row_id: uuid.UUID
    op: str


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

    def handshake(self, device_id: str) -> Handshake:
        with self.engine.connect() as conn:
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
        with self.engine.begin() as conn:
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
        with self.engine.connect() as conn, conn.begin():
            acked = conn.execute(
                text("SELECT acked_seq FROM sync_devices WHERE device_id = :d FOR UPDATE"),
                {"d": device_id},
            ).scalar()
            if acked is None:
                raise RuntimeError("device not registered")
            if int(acked) >= batch.hi:
                return PushResult(True, (), None)
            issues: list[tuple[int, Issue]] = []
            audit = _Audit(conn, device_id)
            for row in batch.rows:
                if row.mine is None:
                    continue  # gone locally (left scope): nothing to send
                issues.extend((row.first_seq, i) for i in self._apply(conn, row, audit))
            last_id = None
            for seq, issue in issues:
                last_id = conn.execute(
                    text(
                        "INSERT INTO sync_push_issues (device_id, seq, table_name, row_id,"
                        " kind, reason, mine, theirs) VALUES (:d, :seq, :t, :r, :k, :why,"
                        " CAST(:mine AS jsonb), CAST(:theirs AS jsonb)) RETURNING id"
                    ),
                    {
                        "d": device_id,
                        "seq": seq,
                        "t": issue.table,
                        "r": issue.row_id,
                        "k": issue.kind,
                        "why": issue.reason,
                        "mine": issue.mine,
                        "theirs": issue.theirs,
                    },
                ).scalar_one()
            conn.execute(
                text(
                    "UPDATE sync_devices SET acked_lo = :lo, acked_seq = :hi,"
                    " acked_digest = :digest, last_seen_at = now() WHERE device_id = :d"
                ),
                {"lo": batch.lo, "hi": batch.hi, "digest": batch.digest, "d": device_id},
            )
        if self._after_commit is not None:
            self._after_commit()
        return PushResult(False, tuple(i for _, i in issues), last_id)

    def _apply(self, conn: Connection, row: PendingRow, audit: _Audit) -> list[Issue]:
        """Merge one pushed row inside a savepoint; a refusal becomes a rejection, not an error."""
        table = table_named(row.table)
        savepoint = conn.begin_nested()
        try:
            issues = self._merge(conn, row, audit)
            if table.name == ATTENDANCE:
                issues += _check_occurrence(conn, row)
            savepoint.commit()
            return issues
        except DBAPIError as err:
            savepoint.rollback()
            if not _is_refusal(err):
                raise  # the connection, not the data: the whole push is retried later
            return [
                Issue(
                    "rejection",
                    table.name,
                    row.row_id,
                    _refusal(err),
                    mine=to_json(row.mine),
                )
            ]

    def _merge(self, conn: Connection, row: PendingRow, audit: _Audit) -> list[Issue]:
        table = table_named(row.table)
        mine = row.mine
        assert mine is not None
        theirs = (
            conn.execute(select(table).where(table.c.id == row.row_id).with_for_update())
            .mappings()
            .one_or_none()
        )
        if theirs is None:
            values = dict(mine)
            if "row_version" in table.c:
                values["row_version"] = 1
            conn.execute(insert(table).values(**values))
            audit.record(table.name, row.row_id, values, AuditAction.INSERT, None, values)
            return []
        server: Row = dict(theirs)
        if "row_version" not in table.c:
            return []  # append-only (account history): already there
        base = row.base
        # Always field by field: the cache's row_version counts local edits and the server's
        # its own writes, so equal numbers do not mean "unchanged since the base".
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
        issues: list[Issue] = []
        if (
            table.name in UPDATE_BEATS_DELETE
            and server.get("deleted_at") is not None
            and mine.get("deleted_at") is None
            and (merged or mine_side)
        ):
            merged["deleted_at"] = None
            mine_side.pop("deleted_at", None)
            their_side.pop("deleted_at", None)
            issues.append(
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
            issues.append(
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
            merged["row_version"] = int(server["row_version"]) + 1
            merged["updated_at"] = mine.get("updated_at")
            merged["updated_by"] = mine.get("updated_by")
            conn.execute(update(table).where(table.c.id == row.row_id).values(**merged))
            audit.record(table.name, row.row_id, server, AuditAction.UPDATE, server, merged)
        return issues

    def issues_since(self, device_id: str, last_id: int) -> tuple[list[Issue], int | None]:
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            value = conn.execute(
                text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
            ).scalar_one()
        return int(value)

    def changes(
        self, cursor: tuple[int, int], facilities: frozenset[uuid.UUID], limit: int
    ) -> list[Change]:
        """Logged changes after ``cursor`` on (txid, seq), fenced below the oldest open
        transaction, for this slice's facilities (and catalogue rows)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT txid, seq, table_name, row_id, op FROM sync_changes"
                    " WHERE (txid > :t OR (txid = :t AND seq > :s))"
                    "   AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
                    "   AND (facility_id IS NULL OR facility_id = ANY(CAST(:f AS uuid[])))"
                    " ORDER BY txid, seq LIMIT :n"
                ),
                {"t": cursor[0], "s": cursor[1], "f": list(facilities), "n": limit},
            ).all()
        return [Change(int(r[0]), int(r[1]), r[2], uuid.UUID(str(r[3])), r[4]) for r in rows]

    def rows(
        self, table_name: str, ids: Sequence[uuid.UUID], facilities: frozenset[uuid.UUID]
    ) -> list[dict[str, Any]]:
        """The current rows among ``ids`` that this role may see and that belong to the slice."""
        table = table_named(table_name)
        query = select(table).where(table.c.id.in_(list(ids)))
        column = facility_column(table)
        if column is not None:
            query = query.where(table.c[column].in_(list(facilities)))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def page(
        self,
        table_name: str,
        after: uuid.UUID | None,
        facilities: frozenset[uuid.UUID],
        limit: int,
    ) -> list[dict[str, Any]]:
        """One page of a table's slice by id, for the initial pull and re-baselines."""
        table = table_named(table_name)
        query = select(table).order_by(table.c.id).limit(limit)
        if after is not None:
            query = query.where(table.c.id > after)
        column = facility_column(table)
        if column is not None:
            query = query.where(table.c[column].in_(list(facilities)))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def ids_and_versions(
        self, table_name: str, facilities: frozenset[uuid.UUID]
    ) -> list[tuple[uuid.UUID, int]]:
        table = table_named(table_name)
        query = select(table.c.id, version_column(table)).order_by(table.c.id)
        column = facility_column(table)
        if column is not None:
            query = query.where(table.c[column].in_(list(facilities)))
        with self.engine.connect() as conn:
            return [(r[0], int(r[1])) for r in conn.execute(query)]


def _check_occurrence(conn: Connection, row: PendingRow) -> list[Issue]:
    """A mark for a session the schedule no longer has (moved, dropped, cancelled) is kept, set
    for review and reported: a schedule change never loses attendance (rule 5)."""
    mine = row.mine
    assert mine is not None
    events = Base.metadata.tables["program_class_events"]
    facilities = Base.metadata.tables["facilities"]
    overrides = Base.metadata.tables["program_class_event_overrides"]
    series = (
        conn.execute(
            select(events, facilities.c.timezone)
            .join(facilities, facilities.c.id == events.c.facility_id)
            .where(events.c.id == mine["event_id"])
        )
        .mappings()
        .one_or_none()
    )
    day = mine["date"]
    why = None
    if series is None:
        why = "its session series is gone"
    else:
        spec = SeriesSpec(
            dtstart_local=series["dtstart_local"],
            duration_minutes=series["duration_minutes"],
            rrule=series["recurrence_rule"],
            timezone=series["timezone"],
            exdates=parse_exdates(series["exdates"]),
            until_local=series["until_local"],
        )
        if compile_series(spec).occurrence_on(day) is None:
            why = "the schedule no longer has a session that day"
        elif conn.execute(
            select(overrides.c.id).where(
                overrides.c.event_id == mine["event_id"],
                overrides.c.original_date == day,
                overrides.c.is_cancelled.is_(True),
                overrides.c.deleted_at.is_(None),
            )
        ).first():
            why = "that session was cancelled"
    if why is None:
        return []
    attendance = Base.metadata.tables[ATTENDANCE]
    conn.execute(update(attendance).where(attendance.c.id == row.row_id).values(needs_review=True))
    return [
        Issue(
            "flag",
            ATTENDANCE,
            row.row_id,
            f"Attendance of {day.isoformat()} kept for review: {why}.",
            mine=to_json(mine),
        )
    ]


class _Audit:
    """Audit rows for pushed changes, in the push's transaction: who (the login), from which
    workstation, old and new values of the fields written (DESIGN §2)."""

    def __init__(self, conn: Connection, device_id: str) -> None:
        self._conn = conn
        self._device = device_id
        self._table = Base.metadata.tables["audit_log"]
        self._who = str(conn.execute(text("SELECT session_user")).scalar_one())

    def record(
        self,
        table: str,
        row_id: uuid.UUID,
        row: Row,
        action: AuditAction,
        old: Row | None,
        new: Row,
    ) -> None:
        changed = [k for k in new if k not in BOOKKEEPING]
        before = {k: old.get(k) for k in changed} if old is not None else None
        facility = row.get("facility_id") if table != "facilities" else row_id
        self._conn.execute(
            insert(self._table).values(
                table_name=table,
                row_id=row_id,
                facility_id=facility,
                action=action,
                old_values=json.loads(to_json(before) or "null"),
                new_values=json.loads(to_json({k: new[k] for k in changed}) or "null"),
                changed_by=self._who,
                device_id=self._device,
            )
        )


def _is_refusal(err: DBAPIError) -> bool:
    """Integrity (23), data (22) and privilege/RLS (42) errors are about this row's data."""
    state = getattr(err.orig, "sqlstate", None) or ""
    return state[:2] in ("22", "23", "42")


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
