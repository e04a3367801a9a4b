"""On the server, inside a push: marks whose session the schedule no longer holds are kept and
set for review (DESIGN §3 rule 5), whichever arrives first, the mark or the change.

- Marks pushed for a session the server's schedule has cancelled, moved to another day or
  dropped, or of a removed series, are stored as sent and set for review, with a flag issue
  back to the desk that pushed them.
- A pushed schedule change (a series or a session's override) sets for review the marks already
  on the server that it leaves without their session — marks the desk that made the change may
  never have seen, pushed by another desk before the change arrived.

Both use the rule of ``app.domain.orphans``, as the workstation's own schedule edits do.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, select, update

from app.db.base import Base
from app.domain.orphans import (
    SeriesState,
    knew_of_move,
    newly_orphaned,
    series_state,
    why_orphaned,
)
from app.domain.recurrence import OccurrenceOverride, SeriesSpec, parse_exdates
from app.sync.local import Issue, PendingRow
from app.sync.tables import BOOKKEEPING, Row, same, to_json

__all__ = ["SCHEDULE_TABLES", "flag_pushed_marks", "review_marks_after_schedule_push"]

ATTENDANCE = "program_class_event_attendance"
EVENTS = "program_class_events"
OVERRIDES = "program_class_event_overrides"
SCHEDULE_TABLES = frozenset({EVENTS, OVERRIDES})


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _spec(row: Mapping[str, Any], timezone: str) -> SeriesSpec:
    return SeriesSpec(
        dtstart_local=row["dtstart_local"],
        duration_minutes=row["duration_minutes"],
        rrule=row["recurrence_rule"],
        timezone=timezone,
        exdates=parse_exdates(row["exdates"]),
        until_local=row["until_local"],
    )


def _override(row: Mapping[str, Any]) -> OccurrenceOverride:
    return OccurrenceOverride(
        original_date=row["original_date"],
        cancelled=bool(row["is_cancelled"]),
        new_start_local=row["new_start_local"],
        new_duration_minutes=row["new_duration_minutes"],
    )


def _load(
    conn: Connection, series_ids: Iterable[uuid.UUID]
) -> tuple[dict[uuid.UUID, Row], dict[uuid.UUID, str], dict[uuid.UUID, Row]]:
    """Series rows (removed ones included), their facility's timezone, and their live
    overrides by id, as the server holds them now."""
    ids = list(set(series_ids))
    events, overrides = _table(EVENTS), _table(OVERRIDES)
    facilities = _table("facilities")
    series: dict[uuid.UUID, Row] = {}
    zones: dict[uuid.UUID, str] = {}
    for found in conn.execute(
        select(events, facilities.c.timezone.label("_timezone"))
        .join(facilities, facilities.c.id == events.c.facility_id)
        .where(events.c.id.in_(ids))
    ).mappings():
        row = dict(found)
        zones[row["id"]] = str(row.pop("_timezone"))
        series[row["id"]] = row
    live = {
        r["id"]: dict(r)
        for r in conn.execute(
            select(overrides).where(overrides.c.event_id.in_(ids), overrides.c.deleted_at.is_(None))
        ).mappings()
    }
    return series, zones, live


def _states(
    series: Mapping[uuid.UUID, Row], zones: Mapping[uuid.UUID, str], overrides: Iterable[Row]
) -> dict[uuid.UUID, SeriesState]:
    by_series: dict[uuid.UUID, list[OccurrenceOverride]] = {}
    for ov in overrides:
        by_series.setdefault(ov["event_id"], []).append(_override(ov))
    return {
        ident: series_state(
            _spec(row, zones[ident]),
            by_series.get(ident, ()),
            removed=row.get("deleted_at") is not None,
        )
        for ident, row in series.items()
        if ident in zones
    }


def _set_for_review(conn: Connection, mark_ids: Sequence[uuid.UUID]) -> None:
    """Set the marks for review; a new row version, so that every desk pulls the flag."""
    if not mark_ids:
        return
    attendance = _table(ATTENDANCE)
    conn.execute(
        update(attendance)
        .where(attendance.c.id.in_(list(mark_ids)), attendance.c.needs_review.is_not(True))
        .values(needs_review=True, row_version=attendance.c.row_version + 1)
    )


def flag_pushed_marks(conn: Connection, rows: Sequence[PendingRow]) -> list[Issue]:
    """Marks just pushed for a session the schedule no longer holds, set for review, each with
    a flag issue for the desk that pushed it. A mark of a session moved to another day taken
    at that session (on its new day, after it began) belongs to it and is left alone, and so
    is a push that only sets or clears the flag: a person kept the mark in review."""
    marks = [
        (r.row_id, r.mine)
        for r in rows
        if r.mine and not r.mine.get("deleted_at") and not _review_only(r)
    ]
    if not marks:
        return []
    series, zones, overrides = _load(conn, {m["event_id"] for _, m in marks})
    states = _states(series, zones, overrides.values())
    issues: list[Issue] = []
    for row_id, mine in marks:
        day: date = mine["date"]
        state = states.get(mine["event_id"])
        why = why_orphaned(state, day)
        if why is None or knew_of_move(state, day, _instant(mine.get("marked_at"))):
            continue
        issues.append(
            Issue(
                "flag",
                ATTENDANCE,
                row_id,
                f"Attendance of {day.isoformat()} kept for review: {why}.",
                mine=to_json(mine),
            )
        )
    _set_for_review(conn, [i.row_id for i in issues])
    return issues


def review_marks_after_schedule_push(
    conn: Connection, table: str, pushed: Sequence[PendingRow], before: Mapping[uuid.UUID, Row]
) -> None:
    """After pushed rows of ``table`` (series or overrides) were written: the marks on the
    server those changes leave without their session are set for review. ``before`` holds the
    server's rows of ``table`` as they were before the push (absent: new)."""
    ids = {r.row_id for r in pushed if r.mine is not None}
    if not ids:
        return
    if table == EVENTS:
        series_ids = ids
    else:
        series_ids = {r.mine["event_id"] for r in pushed if r.mine is not None}
        series_ids |= {row["event_id"] for i, row in before.items() if i in ids}
    series, zones, overrides = _load(conn, series_ids)
    after = _states(series, zones, overrides.values())
    if table == EVENTS:
        old_series = {i: before[i] for i in ids if i in before}
        old_overrides: Iterable[Row] = overrides.values()
    else:
        old_series = series
        kept = {i: row for i, row in overrides.items() if i not in ids}
        kept.update({i: row for i, row in before.items() if i in ids and not row.get("deleted_at")})
        old_overrides = kept.values()
    previous = dict(after)
    previous.update(_states(old_series, zones, old_overrides))
    attendance = _table(ATTENDANCE)
    marks = conn.execute(
        select(attendance.c.id, attendance.c.event_id, attendance.c.date).where(
            attendance.c.event_id.in_(list(series_ids)),
            attendance.c.deleted_at.is_(None),
            attendance.c.needs_review.is_not(True),
        )
    ).all()
    found = newly_orphaned(((m[0], m[1], m[2]) for m in marks), previous, after)
    _set_for_review(conn, list(found))


def _review_only(row: PendingRow) -> bool:
    """The push changes nothing of the mark but its review flag (a person kept it, or the
    desk set it for review itself): a decision about the mark, not a new mark to check."""
    if row.base is None or row.mine is None:
        return False
    return all(
        same(value, row.base.get(name))
        for name, value in row.mine.items()
        if name not in BOOKKEEPING and name not in ("needs_review", "device_id")
    )


def _instant(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None
