"""Session series: RFC 5545 rules expanded in the facility's timezone, with per-session overrides.

Expansion runs in naive local wall time and is localised afterwards, so a 09:00 class stays at 09:00
local time on both sides of a DST change while its UTC instant moves by the offset change.

Localisation follows PEP 495 with ``fold=0``:

- a wall time that does not exist (the spring-forward gap, e.g. 02:30 in New York on 2026-03-08)
  is read with the offset in force before the gap, which lands it *after* the gap by the gap's
  length (02:30 -> 03:30 EDT); ``start_local`` holds that real wall time;
- a wall time that happens twice (the fall-back hour) is the first of the two (daylight time).

Durations are elapsed time: a two-hour session that spans a DST change still lasts two hours.
The series start is a session only if it matches the rule (dateutil's reading of RFC 5545).

A series has at most one session per local day (rules with BYHOUR, BYMINUTE or BYSECOND are
refused), because attendance and overrides are keyed by the local date of the unmodified
occurrence (``original_date``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from uuid import UUID
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule

from app.domain.errors import InvalidRecurrence, ValidationError
from app.domain.rrule import WEEKDAY_CODES, RecurrenceRule, parse_rule
from app.domain.validation import check_range, check_timezone

__all__ = [
    "CompiledSeries",
    "Occurrence",
    "OccurrenceOverride",
    "SeriesSpec",
    "compile_series",
    "expand",
    "parse_duration",
    "split_series_at",
    "validate_series",
]

MAX_DURATION_MINUTES = 24 * 60
# How far past DTSTART validation looks for a first session; a rule whose first session is
# further away than this is a mistake (and dateutil would otherwise search up to year 9999).
_FIRST_SESSION_HORIZON = timedelta(days=366 * 20)


@dataclass(frozen=True, slots=True)
class OccurrenceOverride:
    """A change to one occurrence, keyed by the local date of the occurrence it changes."""

    original_date: date
    cancelled: bool = False
    new_start_local: datetime | None = None  # naive wall time in the facility's timezone
    new_duration_minutes: int | None = None
    substitute_instructor_id: UUID | None = None
    room_id: UUID | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.new_start_local is not None and self.new_start_local.tzinfo is not None:
            raise InvalidRecurrence(
                "A rescheduled start must be a local wall time without a timezone",
                field="new_start_local",
            )
        if self.new_duration_minutes is not None:
            _check_duration(self.new_duration_minutes, field="new_duration_minutes")


@dataclass(frozen=True, slots=True)
class SeriesSpec:
    """A session series as stored: first start (local wall time), duration, rule and exceptions."""

    dtstart_local: datetime  # naive wall time in ``timezone``
    duration_minutes: int
    rrule: str | None  # RFC 5545 RRULE body, "RRULE:" prefix optional; None = one session
    timezone: str
    exdates: tuple[date, ...] = ()
    until_local: date | None = None  # last local date of the series, inclusive
    series_id: UUID | None = None
    room_id: UUID | None = None
    instructor_id: UUID | None = None


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One session of a series after overrides; ``original_date`` is the attendance key."""

    series_id: UUID | None
    original_date: date
    start_local: datetime  # aware, facility timezone
    end_local: datetime
    start_utc: datetime  # aware, UTC
    end_utc: datetime
    duration_minutes: int
    cancelled: bool
    rescheduled: bool  # start or duration differs from what the rule gives
    room_id: UUID | None
    instructor_id: UUID | None
    reason: str | None
    override: OccurrenceOverride | None = None

    @property
    def local_date(self) -> date:
        return self.start_local.date()


def _check_duration(minutes: int, *, field: str = "duration_minutes") -> None:
    if minutes <= 0:
        raise InvalidRecurrence("A session must last at least one minute", field=field)
    if minutes > MAX_DURATION_MINUTES:
        raise InvalidRecurrence("A session cannot last more than 24 hours", field=field)


# A facility's sessions start at a few wall times a day: a month of 300 series converts the same
# few hundred instants thousands of times, so conversions are remembered (datetimes and ZoneInfo
# are immutable; lru_cache is thread-safe).
@lru_cache(maxsize=16384)
def _localise(naive: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """(local, utc) for a wall time; gap times move forward by the gap (fold=0, see module doc)."""
    utc = naive.replace(tzinfo=tz).astimezone(UTC)
    return utc.astimezone(tz), utc


@lru_cache(maxsize=16384)
def _end(start_utc: datetime, minutes: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """(local, utc) of the end of a session that starts at ``start_utc``."""
    end_utc = start_utc + timedelta(minutes=minutes)
    return end_utc.astimezone(tz), end_utc


class CompiledSeries:
    """A validated series with its rule parsed once; expands windows cheaply and thread-safely."""

    __slots__ = (
        "_count",
        "_exdates",
        "_fast",
        "_last",
        "_parsed",
        "_rebase_step",
        "_rule",
        "_until",
        "spec",
        "tz",
    )

    def __init__(self, spec: SeriesSpec) -> None:
        self.spec = spec
        self.tz = check_timezone(spec.timezone)
        start = spec.dtstart_local
        if start.tzinfo is not None:
            raise InvalidRecurrence(
                "The series start must be a local wall time without a timezone",
                field="dtstart_local",
            )
        _check_duration(spec.duration_minutes)
        if spec.until_local is not None and spec.until_local < start.date():
            raise InvalidRecurrence("The series ends before it starts", field="until_local")
        self._exdates = frozenset(spec.exdates)
        self._last = datetime.combine(spec.until_local or date.max, time.max)
        self._parsed: RecurrenceRule | None = None
        self._rule: rrule | None = None
        self._until: datetime | None = None
        self._count: int | None = None
        self._rebase_step: timedelta | None = None
        self._fast: _FastRule | None = None
        text = (spec.rrule or "").strip()
        if text:
            parsed = self._parsed = parse_rule(text)
            self._rule = parsed.to_dateutil(start, self.tz)
            self._until = parsed.until_local(self.tz)
            self._count = parsed.count
            # Without COUNT, a DAILY or WEEKLY rule restarted a whole number of periods later
            # gives the same sessions from there on; expanding a window of a years-old series
            # then costs the window, not the years (dateutil always iterates from DTSTART).
            if self._count is None and parsed.freq in ("DAILY", "WEEKLY"):
                days = 7 if parsed.freq == "WEEKLY" else 1
                self._rebase_step = timedelta(days=days * parsed.interval)
            self._fast = _FastRule.of(parsed, start)
        if self._first_on_or_after(start.date(), _FIRST_SESSION_HORIZON) is None:
            raise InvalidRecurrence(
                "The series has no session: its rule, end date and excluded dates leave nothing",
                field="rrule",
            )

    # -- original (unmodified) occurrences, as naive local wall times ------------------------

    def _between(self, lo: date, hi: date) -> list[datetime]:
        start = datetime.combine(lo, time.min)
        end = min(datetime.combine(hi, time.max), self._last)
        first = self.spec.dtstart_local
        if end < start or end < first:
            return []
        rule = self._rule
        if rule is None:
            found = [first] if start <= first <= end else []
        elif self._fast is not None:
            found = self._fast.between(start, min(end, self._until or end))
        else:
            if self._rebase_step is not None and start - first > 2 * self._rebase_step:
                periods = (start - first) // self._rebase_step - 1
                rule = rule.replace(dtstart=first + periods * self._rebase_step)
            found = rule.between(start, end, inc=True)
        return [dt for dt in found if dt.date() not in self._exdates]

    def _first_on_or_after(self, day: date, horizon: timedelta) -> datetime | None:
        """The first original occurrence on or after ``day``, looking at most ``horizon`` ahead."""
        lo = max(day, self.spec.dtstart_local.date())
        try:
            stop = min(datetime.combine(lo, time.max) + horizon, self._last)
        except OverflowError:
            stop = self._last
        if self._rule is None:
            first = self.spec.dtstart_local
            ok = first.date() >= day and first <= stop and first.date() not in self._exdates
            return first if ok else None
        # COUNT applies before EXDATE (RFC 5545), so count from DTSTART while skipping.
        probe = self._rule.replace(count=None, until=min(self._until or stop, stop))
        for index, dt in enumerate(probe):
            if self._count is not None and index >= self._count:
                return None
            if dt.date() >= lo and dt.date() not in self._exdates:
                return dt
        return None

    def _count_before(self, moment: datetime) -> int:
        n = 0
        for dt in self._rule or ():
            if dt >= moment:
                break
            n += 1
        return n

    # -- occurrences --------------------------------------------------------------------------

    def _build(self, original: datetime, override: OccurrenceOverride | None) -> Occurrence:
        spec = self.spec
        naive_start = original
        duration = spec.duration_minutes
        room_id, instructor_id = spec.room_id, spec.instructor_id
        cancelled, reason = False, None
        if override is not None:
            naive_start = override.new_start_local or original
            duration = override.new_duration_minutes or duration
            room_id = override.room_id or room_id
            instructor_id = override.substitute_instructor_id or instructor_id
            cancelled, reason = override.cancelled, override.reason
        start_local, start_utc = _localise(naive_start, self.tz)
        end_local, end_utc = _end(start_utc, duration, self.tz)
        return Occurrence(
            series_id=spec.series_id,
            original_date=original.date(),
            start_local=start_local,
            end_local=end_local,
            start_utc=start_utc,
            end_utc=end_utc,
            duration_minutes=duration,
            cancelled=cancelled,
            rescheduled=naive_start != original or duration != spec.duration_minutes,
            room_id=room_id,
            instructor_id=instructor_id,
            reason=reason,
            override=override,
        )

    def occurrence_on(
        self, original_date: date, override: OccurrenceOverride | None = None
    ) -> Occurrence | None:
        """The occurrence whose unmodified date is ``original_date``, or ``None``."""
        found = self._between(original_date, original_date)
        return self._build(found[0], override) if found else None

    def expand(
        self,
        window_start: date,
        window_end: date,
        overrides: Mapping[date, OccurrenceOverride] | Iterable[OccurrenceOverride] = (),
    ) -> list[Occurrence]:
        """Occurrences whose (possibly moved) local start date is in the window, by start.

        Cancelled occurrences are kept with ``cancelled=True``. An override whose date is not an
        occurrence of the series (excluded, out of range, not on the rule) is ignored; of two
        overrides for one date the later wins.
        """
        check_range(window_start, window_end, what="The calendar window")
        by_date = _index(overrides)
        originals = self._between(window_start, window_end)
        seen = {dt.date() for dt in originals}
        # A session moved into the window from a date outside it must still be found.
        for ov in by_date.values():
            moved_to = ov.new_start_local
            if (
                moved_to is not None
                and window_start <= moved_to.date() <= window_end
                and ov.original_date not in seen
            ):
                originals.extend(self._between(ov.original_date, ov.original_date))
        result: list[Occurrence] = []
        for original in originals:
            occ = self._build(original, by_date.get(original.date()))
            if window_start <= occ.local_date <= window_end:
                result.append(occ)
        result.sort(key=lambda o: (o.start_utc, o.original_date))
        return result


@dataclass(frozen=True, slots=True)
class _FastRule:
    """A DAILY or WEEKLY rule of plain weekdays, without COUNT, expanded by date arithmetic.

    Most series are "every Monday and Wednesday": dateutil builds a year of sets per window to
    find them, which made a month of 300 series cost tens of milliseconds. The sessions are the
    same as dateutil's (a test compares them over random windows).
    """

    first: datetime  # DTSTART without microseconds, as dateutil reads it
    weekly: bool
    interval: int
    weekdays: frozenset[int] | None  # None: every day (DAILY without BYDAY)
    week_start: int  # WKST as a weekday number

    @staticmethod
    def of(rule: RecurrenceRule, dtstart: datetime) -> _FastRule | None:
        if "COUNT" in rule or rule.freq not in ("DAILY", "WEEKLY"):
            return None
        if {name for name, _ in rule.parts} - {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "WKST"}:
            return None
        weekdays: frozenset[int] | None = None
        if "BYDAY" in rule:
            if any(item not in WEEKDAY_CODES for item in rule.byday):
                return None
            weekdays = frozenset(WEEKDAY_CODES.index(item) for item in rule.byday)
        weekly = rule.freq == "WEEKLY"
        if weekly and weekdays is None:
            weekdays = frozenset({dtstart.weekday()})
        return _FastRule(
            first=dtstart.replace(microsecond=0),
            weekly=weekly,
            interval=rule.interval,
            weekdays=weekdays,
            week_start=WEEKDAY_CODES.index(rule.get("WKST", "MO") or "MO"),
        )

    def between(self, start: datetime, end: datetime) -> list[datetime]:
        """Sessions from ``start`` to ``end`` inclusive (naive local wall times), in order."""
        first = self.first
        lo = max(start, first)
        if end < lo:
            return []
        at, day, last = first.time(), lo.date(), end.date()
        found: list[datetime] = []
        if self.weekly:
            origin = first.date() - timedelta(days=(first.weekday() - self.week_start) % 7)
            week = day - timedelta(days=(day.weekday() - self.week_start) % 7)
            skip = (week - origin).days % (7 * self.interval)
            if skip:
                week += timedelta(days=7 * self.interval - skip)
            offsets = sorted((wd - self.week_start) % 7 for wd in self.weekdays or ())
            while week <= last:
                for offset in offsets:
                    moment = datetime.combine(week + timedelta(days=offset), at)
                    if lo <= moment <= end:
                        found.append(moment)
                week += timedelta(days=7 * self.interval)
            return found
        behind = (day - first.date()).days % self.interval
        if behind:
            day += timedelta(days=self.interval - behind)
        every = timedelta(days=self.interval)
        while day <= last:
            if self.weekdays is None or day.weekday() in self.weekdays:
                moment = datetime.combine(day, at)
                if lo <= moment <= end:
                    found.append(moment)
            day += every
        return found


def _index(
    overrides: Mapping[date, OccurrenceOverride] | Iterable[OccurrenceOverride],
) -> dict[date, OccurrenceOverride]:
    items = overrides.values() if isinstance(overrides, Mapping) else overrides
    return {ov.original_date: ov for ov in items}


def compile_series(spec: SeriesSpec) -> CompiledSeries:
    """Validate ``spec`` and parse its rule once (``InvalidRecurrence``, ``UnknownTimezone``).

    Series are immutable and hashable, so the calendar's refreshes and every mark of a session
    reuse the parsed rule (a mark parsed it anew: about 0.1 ms of 3.3)."""
    try:
        return _compiled(spec)
    except TypeError:  # a spec built with a list of exdates is not hashable
        return CompiledSeries(spec)


def validate_series(spec: SeriesSpec) -> None:
    """Raise ``InvalidRecurrence`` (or ``UnknownTimezone``) with a message fit for the user."""
    compile_series(spec)


_compiled = lru_cache(maxsize=4096)(CompiledSeries)


def expand(
    spec: SeriesSpec,
    window_start: date,
    window_end: date,
    overrides: Mapping[date, OccurrenceOverride] | Iterable[OccurrenceOverride] = (),
) -> list[Occurrence]:
    """``compile_series(spec).expand(...)``."""
    return compile_series(spec).expand(window_start, window_end, overrides)


def split_series_at(spec: SeriesSpec, from_date: date) -> tuple[SeriesSpec, SeriesSpec]:
    """Split for a "this and all future occurrences" edit: (old part, new part).

    The old part keeps the series id and ends the day before ``from_date``; its exclusions before
    ``from_date`` stay with it. The new part has no id (the caller gives it one and moves
    overrides on or after ``from_date`` to it), starts at the first session on or after
    ``from_date`` at the series start time, and keeps the rule: UNTIL unchanged, COUNT lowered
    by the sessions the old part keeps (EXDATEs included, as COUNT counts them in RFC 5545).

    Raises ``ValidationError`` when there is no session on or after ``from_date``, or when that
    is the first session of the series (edit the whole series instead).
    """
    compiled = compile_series(spec)
    first = compiled._first_on_or_after(from_date, timedelta(days=366 * 200))
    if first is None:
        raise ValidationError(f"The series has no session on or after {from_date.isoformat()}")
    if first == compiled._first_on_or_after(spec.dtstart_local.date(), _FIRST_SESSION_HORIZON):
        raise ValidationError(
            "This is the first session of the series; change the whole series instead"
        )
    old = replace(
        spec,
        until_local=from_date - timedelta(days=1),
        exdates=tuple(d for d in spec.exdates if d < from_date),
    )
    rule = spec.rrule
    if compiled._count is not None and compiled._parsed is not None:
        left = compiled._count - compiled._count_before(first)
        rule = compiled._parsed.replace(COUNT=str(left)).text
    new = replace(
        spec,
        series_id=None,
        dtstart_local=first,
        rrule=rule,
        exdates=tuple(d for d in spec.exdates if d > first.date()),
    )
    return old, new


_DURATION = re.compile(r"^(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$", re.ASCII)


def parse_exdates(text: str | None) -> tuple[date, ...]:
    """The stored form of a series' exception dates: ISO dates separated by commas."""
    if not text:
        return ()
    return tuple(sorted({date.fromisoformat(part.strip()) for part in text.split(",") if part}))


def parse_duration(text: str) -> int:
    """Minutes in "1h30m", "90m", "2h", "90", Go's "1h30m0s" or ISO 8601 "PT1H30M".

    Raises ``InvalidRecurrence`` for anything else, a zero duration or stray seconds.
    """
    raw = (text or "").strip()
    body = raw.upper().replace(" ", "")
    if body.startswith("PT"):
        body = body[2:]
    if body.isascii() and body.isdigit():
        minutes = int(body)
    else:
        m = _DURATION.match(body)
        if not body or m is None:
            raise InvalidRecurrence(
                f"“{raw}” is not a duration (use minutes like 90, or 1h30m)", field="duration"
            )
        hours, mins, secs = (int(g) if g else 0 for g in m.groups())
        if secs % 60:
            raise InvalidRecurrence(f"“{raw}” is not a whole number of minutes", field="duration")
        minutes = hours * 60 + mins + secs // 60
    if minutes <= 0:
        raise InvalidRecurrence("A duration must be at least one minute", field="duration")
    return minutes
