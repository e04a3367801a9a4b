"""When an instructor works: weekly hours and time off, in the facility's wall-clock time.

Rules (seed 003's availability, as the desk applies it):

- Weekly hours narrow a day only when at least one of the instructor's weekly stretches is valid
  on that day (whatever its weekday). No hours recorded, or none valid then (a summer timetable
  outside the summer), says nothing: the instructor counts as available all day.
- On a narrowed day the instructor works inside the union of that weekday's stretches; touching
  stretches (09:00–12:00 and 12:00–17:00) join.
- Time off always wins: any overlap with a session makes the instructor unavailable for it.

Every time here is naive and local to the facility: 09:00–17:00 stays so across a DST change,
and a session's local start is compared as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.domain.i18n import translate

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """On ``weekday`` (0 is Monday) from ``start_minute`` to ``end_minute`` of the day, in the
    weeks between ``valid_from`` and ``valid_to`` (inclusive; ``None`` is open)."""

    weekday: int
    start_minute: int
    end_minute: int
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class TimeOff:
    """Not working from ``starts_local`` up to ``ends_local`` (exclusive)."""

    starts_local: datetime
    ends_local: datetime
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Interval:
    """A stretch of wall-clock time, ``start`` included, ``end`` excluded."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Outside:
    """Why a session lies outside an instructor's availability: time off it overlaps
    (``time_off``), or else hours it runs outside of (``hours``: that day's stretches)."""

    start_local: datetime
    end_local: datetime
    time_off: TimeOff | None
    hours: tuple[Interval, ...] = ()


def minute_text(minute: int) -> str:
    """``540`` as ``09:00``; the end of the day as ``24:00``."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_minute(text: str) -> int:
    """``9``, ``9:30``, ``09:30`` or ``24:00`` as minutes of the day; ``ValueError`` otherwise."""
    hours, _, minutes = text.strip().partition(":")
    value = int(hours) * 60 + (int(minutes) if minutes else 0)
    if not hours.strip().isdigit() or (minutes and not minutes.isdigit()):
        raise ValueError(text)
    if not 0 <= value <= MINUTES_PER_DAY or (minutes and int(minutes) >= 60):
        raise ValueError(text)
    return value


def _at(day: date, minute: int) -> datetime:
    return datetime.combine(day, time()) + timedelta(minutes=minute)


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for item in sorted(intervals, key=lambda i: (i.start, i.end)):
        if merged and item.start <= merged[-1].end:
            if item.end > merged[-1].end:
                merged[-1] = Interval(merged[-1].start, item.end)
        else:
            merged.append(item)
    return merged


def working_hours(weekly: Sequence[WeeklyHours], day: date) -> list[Interval] | None:
    """The stretches worked on ``day``, joined; ``None`` when the weekly hours say nothing
    about that day (none recorded, or none valid then)."""
    valid = [w for w in weekly if w.valid_on(day)]
    if not valid:
        return None
    return _merge(
        Interval(_at(day, w.start_minute), _at(day, w.end_minute))
        for w in valid
        if w.weekday == day.weekday()
    )


def unavailable(
    weekly: Sequence[WeeklyHours], time_off: Sequence[TimeOff], start: date, end: date
) -> list[Interval]:
    """The stretches of the days ``start`` to ``end`` (inclusive) the instructor does not work:
    outside their hours and on time off, joined, clipped to those days."""
    lo, hi = _at(start, 0), _at(end, MINUTES_PER_DAY)
    blocked: list[Interval] = []
    day = start
    while day <= end:
        hours = working_hours(weekly, day)
        if hours is not None:
            cursor = _at(day, 0)
            for stretch in hours:
                if stretch.start > cursor:
                    blocked.append(Interval(cursor, stretch.start))
                cursor = max(cursor, stretch.end)
            if cursor < _at(day, MINUTES_PER_DAY):
                blocked.append(Interval(cursor, _at(day, MINUTES_PER_DAY)))
        day += timedelta(days=1)
    for off in time_off:
        if off.starts_local < hi and off.ends_local > lo:
            blocked.append(Interval(max(off.starts_local, lo), min(off.ends_local, hi)))
    return _merge(blocked)


def outside(
    weekly: Sequence[WeeklyHours], time_off: Sequence[TimeOff], start: datetime, end: datetime
) -> Outside | None:
    """Why the session from ``start`` to ``end`` (naive, local) is outside the instructor's
    availability, or ``None`` when they are available for all of it."""
    for off in sorted(time_off, key=lambda o: o.starts_local):
        if off.starts_local < end and off.ends_local > start:
            return Outside(start, end, off)
    day = start.date()
    while _at(day, 0) < end:
        hours = working_hours(weekly, day)
        if hours is not None:
            piece = Interval(max(start, _at(day, 0)), min(end, _at(day, MINUTES_PER_DAY)))
            if not any(h.start <= piece.start and piece.end <= h.end for h in hours):
                return Outside(start, end, None, tuple(hours))
        day += timedelta(days=1)
    return None


def hours_text(hours: Sequence[Interval]) -> str:
    """A day's stretches in words: ``09:00–12:00, 13:00–17:00``, or ``no hours``."""
    if not hours:
        return translate("messages", "no hours")
    return ", ".join(
        f"{h.start:%H:%M}–{'24:00' if h.end.date() > h.start.date() else f'{h.end:%H:%M}'}"
        for h in hours
    )


def _not_a_stretch(part: str) -> str:
    return translate(
        "refusal", '"{stretch}" is not a stretch of hours: write it as 09:00-17:00.'
    ).format(stretch=part.strip())


def parse_stretches(text: str) -> list[tuple[int, int]]:
    """A day's hours as a person types them: ``9-17``, ``09:00–12:00, 13:00–17:00`` (empty:
    none). Minutes of the day, in order; ``ValueError`` with a message for a person."""
    found: list[tuple[int, int]] = []
    for part in text.replace("–", "-").replace(";", ",").split(","):
        if not part.strip():
            continue
        start, dash, end = part.partition("-")
        if not dash:
            raise ValueError(_not_a_stretch(part))
        try:
            lo, hi = parse_minute(start), parse_minute(end)
        except ValueError:
            raise ValueError(_not_a_stretch(part)) from None
        if hi <= lo:
            raise ValueError(
                translate("refusal", '"{stretch}" ends before it starts.').format(
                    stretch=part.strip()
                )
            )
        found.append((lo, hi))
    return sorted(found)


def stretches_text(stretches: Iterable[tuple[int, int]]) -> str:
    """Minutes of the day back as ``09:00-12:00, 13:00-17:00``."""
    return ", ".join(f"{minute_text(lo)}-{minute_text(hi)}" for lo, hi in sorted(stretches))
