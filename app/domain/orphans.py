"""Marks a schedule change leaves without their session (DESIGN §3 rule 5).

One rule for every path that changes a schedule — a session cancelled or moved to another day,
a series edited, ended early or removed — on the workstation that makes the change and on the
server that receives it (the change, or marks taken before it was known). A mark is never
deleted or refused for it: it is set for review, with why, for a person to keep or move.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from app.domain.errors import DomainError
from app.domain.recurrence import (
    CompiledSeries,
    Occurrence,
    OccurrenceOverride,
    SeriesSpec,
    compile_series,
)

__all__ = [
    "SeriesState",
    "knew_of_move",
    "newly_orphaned",
    "series_state",
    "why_orphaned",
]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class SeriesState:
    """What the schedule says of one series at a moment: its rule (``None`` once the series is
    removed, or its rule no longer reads) and its sessions' overrides by original date."""

    compiled: CompiledSeries | None
    overrides: Mapping[date, OccurrenceOverride] = field(default_factory=dict)

    def occurrence(self, day: date) -> Occurrence | None:
        if self.compiled is None:
            return None
        return self.compiled.occurrence_on(day, self.overrides.get(day))


def series_state(
    spec: SeriesSpec, overrides: Iterable[OccurrenceOverride], *, removed: bool
) -> SeriesState:
    """The state of a series from its stored values; a removed series keeps no session."""
    if removed:
        return SeriesState(None)
    try:
        compiled = compile_series(spec)
    except DomainError:
        return SeriesState(None)
    return SeriesState(compiled, {o.original_date: o for o in overrides})


def why_orphaned(state: SeriesState | None, day: date) -> str | None:
    """Why the marks of the session of ``day`` (its original date) no longer belong to a
    session held that day, in words for a person; ``None`` while they do.

    A session moved within its day, given another room or instructor keeps its marks.
    """
    if state is None or state.compiled is None:
        return "its sessions were removed from the schedule"
    occ = state.occurrence(day)
    if occ is None:
        return "the schedule no longer has a session that day"
    if occ.cancelled:
        return "that session was cancelled"
    if occ.local_date != day:
        return f"that session was moved to {occ.start_local:%a} {occ.local_date.day} " + (
            f"{occ.start_local:%b %H:%M}"
        )
    return None


def knew_of_move(state: SeriesState | None, day: date, marked_at: datetime | None) -> bool:
    """True when a mark of a session moved to another day was taken on the day it moved to,
    after it began: only a desk that knew of the move can have taken it then. A mark taken on
    the old day, before the new start or on any other day may be of the session as it was,
    and is set for review."""
    occ = state.occurrence(day) if state is not None else None
    if occ is None or occ.cancelled or occ.local_date == day or marked_at is None:
        return False
    if marked_at.tzinfo is None:
        return False
    return marked_at >= occ.start_utc and marked_at.astimezone(occ.start_local.tzinfo).date() == (
        occ.local_date
    )


def newly_orphaned(
    marks: Iterable[tuple[K, uuid.UUID, date]],
    before: Mapping[uuid.UUID, SeriesState],
    after: Mapping[uuid.UUID, SeriesState],
) -> dict[K, str]:
    """The marks (key, series, original date) a change from ``before`` to ``after`` leaves
    without their session, with why. A mark already without it for the same reason is not
    one of them: a person who kept it has decided, and a change elsewhere in its series does
    not ask again; a new change to its session (moved again, then cancelled) does."""
    found: dict[K, str] = {}
    for key, series_id, day in marks:
        now = why_orphaned(after.get(series_id), day)
        if now is not None and now != why_orphaned(before.get(series_id), day):
            found[key] = now
    return found
