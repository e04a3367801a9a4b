"""Where sessions go on the calendar grids: lanes for sessions at the same time, clashes, the
month's weeks and what fits in a day, and which session an arrow key moves to. No Qt, no I/O:
plain functions over the sessions the calendar loaded, tested on their own.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.services.schedule_dto import OccurrenceView

Key = tuple[uuid.UUID, date]  # (series, original date): a session's identity

# Twelve colours that stay apart from each other and from grey (cancelled) and red (clashes).
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#5778a4",
    "#8cd17d",
    "#d4a6c8",
    "#86bcb6",
)


def key_of(o: OccurrenceView) -> Key:
    return o.series_id, o.original_date


def colour_of(ident: uuid.UUID | None) -> str:
    """A class's (or program's) colour: the same on every screen, in every run."""
    return PALETTE[ident.int % len(PALETTE)] if ident is not None else "#888888"


def day_of(o: OccurrenceView) -> date:
    """The local day a session is drawn on (where it starts)."""
    return o.start_local.date()


@dataclass(frozen=True, slots=True)
class Lane:
    """A session's place among the sessions it overlaps: lane ``index`` of ``count``."""

    index: int
    count: int


def lanes(sessions: Iterable[OccurrenceView]) -> dict[Key, Lane]:
    """Side-by-side lanes per day: sessions that overlap share the width of their column.

    Each group of sessions linked by overlaps gets as many lanes as it needs at its busiest;
    a session takes the first lane free at its start (sessions in start order).
    """
    by_day: dict[date, list[OccurrenceView]] = defaultdict(list)
    for o in sessions:
        by_day[day_of(o)].append(o)
    found: dict[Key, Lane] = {}
    for day_sessions in by_day.values():
        day_sessions.sort(key=lambda o: (o.start_utc, o.end_utc, o.class_name))
        group: list[tuple[Key, int]] = []
        ends: list[datetime] = []  # the end of the last session in each lane of the group
        group_end: datetime | None = None
        for o in day_sessions:
            if group_end is not None and o.start_utc >= group_end:
                found.update((k, Lane(i, len(ends))) for k, i in group)
                group, ends = [], []
            lane = next((i for i, end in enumerate(ends) if end <= o.start_utc), len(ends))
            if lane == len(ends):
                ends.append(o.end_utc)
            else:
                ends[lane] = o.end_utc
            group.append((key_of(o), lane))
            group_end = o.end_utc if group_end is None else max(group_end, o.end_utc)
        found.update((k, Lane(i, len(ends))) for k, i in group)
    return found


def clashes(sessions: Sequence[OccurrenceView]) -> dict[Key, set[str]]:
    """Sessions that take place in the same room or with the same instructor at once, and
    which ("room", "instructor"). Cancelled sessions clash with nothing."""
    found: dict[Key, set[str]] = defaultdict(set)
    live = sorted((o for o in sessions if not o.cancelled), key=lambda o: o.start_utc)
    for kind in ("room", "instructor"):
        booked: dict[uuid.UUID, list[OccurrenceView]] = defaultdict(list)
        for o in live:
            ident = o.room_id if kind == "room" else o.instructor_id
            if ident is None:
                continue
            earlier = booked[ident]
            for other in earlier:
                if other.end_utc > o.start_utc:
                    found[key_of(o)].add(kind)
                    found[key_of(other)].add(kind)
            earlier[:] = [x for x in earlier if x.end_utc > o.start_utc] + [o]
    return dict(found)


def month_weeks(month_day: date) -> list[list[date]]:
    """The Monday-to-Sunday weeks that cover the month of ``month_day`` (four to six)."""
    first = month_day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    day = first - timedelta(days=first.weekday())
    weeks: list[list[date]] = []
    while day < following:
        weeks.append([day + timedelta(days=i) for i in range(7)])
        day += timedelta(days=7)
    return weeks


def by_day(sessions: Iterable[OccurrenceView]) -> dict[date, list[OccurrenceView]]:
    """Each day's sessions in time order (then class), the order the grids and keys use."""
    days: dict[date, list[OccurrenceView]] = defaultdict(list)
    for o in sessions:
        days[day_of(o)].append(o)
    for items in days.values():
        items.sort(key=lambda o: (o.start_utc, o.class_name, o.series_id))
    return dict(days)


def fit_day(
    items: Sequence[OccurrenceView], lines: int, selected: Key | None = None
) -> tuple[list[OccurrenceView], int]:
    """What a month cell of ``lines`` text lines shows: sessions, and how many more there are.

    When not all fit, the last line says "+N more"; the selected session is never hidden (it
    takes the last session line instead).
    """
    if lines <= 0:
        return [], len(items)
    if len(items) <= lines:
        return list(items), 0
    shown = list(items[: max(0, lines - 1)])
    keys = [key_of(o) for o in items]
    if selected is not None and selected in keys[len(shown) :] and shown:
        shown[-1] = items[keys.index(selected)]
    elif selected is not None and selected in keys[len(shown) :]:
        shown = [items[keys.index(selected)]]
    return shown, len(items) - len(shown)


def step(
    days: dict[date, list[OccurrenceView]], current: Key | None, key: str
) -> OccurrenceView | None:
    """The session an arrow key moves to: "up"/"down" the previous/next session of the same
    day, "left"/"right" the session nearest in time of day on the previous/next day that has
    sessions, "home"/"end" the first/last session shown. None when there is none that way;
    with nothing selected, any key goes to the first session."""
    ordered = sorted(days)
    if not ordered:
        return None
    first, last = days[ordered[0]][0], days[ordered[-1]][-1]
    where = _find(days, current)
    if key == "home" or (where is None and key != "end"):
        return first
    if key == "end" or where is None:
        return last
    day, index = where
    items = days[day]
    if key in ("up", "down"):
        target = index + (1 if key == "down" else -1)
        return items[target] if 0 <= target < len(items) else None
    position = ordered.index(day) + (1 if key == "right" else -1)
    if not 0 <= position < len(ordered):
        return None
    here = items[index].start_local
    minute = here.hour * 60 + here.minute
    return min(
        days[ordered[position]],
        key=lambda o: abs(o.start_local.hour * 60 + o.start_local.minute - minute),
    )


def _find(days: dict[date, list[OccurrenceView]], current: Key | None) -> tuple[date, int] | None:
    if current is None:
        return None
    for day, items in days.items():
        for i, o in enumerate(items):
            if key_of(o) == current:
                return day, i
    return None


def hour_span(sessions: Iterable[OccurrenceView], lo: int = 8, hi: int = 18) -> tuple[int, int]:
    """The hours a time grid shows: at least ``lo``–``hi``, widened to every session."""
    for o in sessions:
        lo = min(lo, o.start_local.hour)
        end = o.end_local if o.end_local.date() == o.start_local.date() else None
        hi = max(hi, 24 if end is None else end.hour + (1 if end.minute else 0))
    return lo, hi


def period(mode: str, anchor: date) -> tuple[date, date]:
    """The days shown: the day, its Monday-to-Sunday week, or its calendar month."""
    if mode == "day":
        return anchor, anchor
    if mode == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6)
    start = anchor.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)
