"""Occurrence expansion: stored series and overrides made into the sessions a calendar shows,
and the look-ups of one series or one session that every schedule reader and edit shares."""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from app.db.models import OccurrenceOverrideRow, ProgramClass, SessionSeries
from app.domain import recurrence
from app.domain.errors import DomainError, NotFound, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP, date_text, translate
from app.domain.recurrence import (
    CompiledSeries,
    Occurrence,
    OccurrenceOverride,
    SeriesSpec,
    compile_series,
    parse_exdates,
)
from app.repositories.classes import ClassRepository
from app.repositories.schedule import OverrideLine, ScheduleRepository, SeriesLine
from app.services.classes_dto import staff_name
from app.services.from_row import from_row
from app.services.lookup import require
from app.services.schedule_dto import DisruptedWindow, OccurrenceView, SeriesView

__all__ = [
    "CLASH_HORIZON",
    "MAX_WINDOW_DAYS",
    "StoredSeries",
    "class_or_missing",
    "expand_lines",
    "first_occurrence",
    "format_exdates",
    "from_today",
    "local_day_start",
    "occurrence_in",
    "occurrence_of",
    "override_of",
    "require_occurrence",
    "series_or_missing",
    "series_view",
    "series_view_of",
    "spec_of",
    "stored_spec",
]

log = logging.getLogger(__name__)

MAX_WINDOW_DAYS = 366
# How far ahead a series is checked for clashes: further sessions get checked when edited.
CLASH_HORIZON = timedelta(days=366)
_SERIES_MISSING = QT_TRANSLATE_NOOP("refusal", "The session series does not exist or was deleted.")


# -- rows -> domain -> views ----------------------------------------------------------------------


def format_exdates(days: Iterable[date]) -> str | None:
    unique = sorted(set(days))
    return ",".join(day.isoformat() for day in unique) or None


class StoredSeries(Protocol):
    """What a stored series row says of its sessions (an ORM row or a query's line)."""

    @property
    def dtstart_local(self) -> datetime: ...
    @property
    def duration_minutes(self) -> int: ...
    @property
    def recurrence_rule(self) -> str | None: ...
    @property
    def exdates(self) -> str | None: ...
    @property
    def until_local(self) -> date | None: ...


def stored_spec(
    row: StoredSeries,
    timezone: str,
    *,
    series_id: uuid.UUID | None = None,
    room_id: uuid.UUID | None = None,
    instructor_id: uuid.UUID | None = None,
) -> SeriesSpec:
    """The sessions a stored series row describes (an ORM row or a query's line)."""
    return SeriesSpec(
        dtstart_local=row.dtstart_local,
        duration_minutes=row.duration_minutes,
        rrule=row.recurrence_rule,
        timezone=timezone,
        exdates=parse_exdates(row.exdates),
        until_local=row.until_local,
        series_id=series_id,
        room_id=room_id,
        instructor_id=instructor_id,
    )


def spec_of(line: SeriesLine) -> SeriesSpec:
    return stored_spec(
        line,
        line.timezone,
        series_id=line.id,
        room_id=line.room_id,
        instructor_id=line.instructor_id,
    )


def override_of(line: OverrideLine | OccurrenceOverrideRow) -> OccurrenceOverride:
    return OccurrenceOverride(
        original_date=line.original_date,
        cancelled=bool(line.is_cancelled),
        new_start_local=line.new_start_local,
        new_duration_minutes=line.new_duration_minutes,
        substitute_instructor_id=line.substitute_instructor_id,
        room_id=line.room_id,
        reason=line.reason,
    )


def occurrence_of(
    line: SeriesLine,
    occ: Occurrence,
    ov: OverrideLine | None,
    *,
    instructor_name: str | None = None,
) -> OccurrenceView:
    """The view of a domain occurrence, naming rooms and instructors from the loaded rows
    (``instructor_name``: the series' instructor, when the caller has it already)."""
    room_name = line.room_name
    if instructor_name is None:
        instructor_name = staff_name(line.instructor_first, line.instructor_last)
    substitute = False
    if ov is not None:
        if ov.room_id is not None and ov.room_id == occ.room_id:
            room_name = ov.room_name
        if (
            ov.substitute_instructor_id is not None
            and ov.substitute_instructor_id == occ.instructor_id
        ):
            instructor_name = staff_name(ov.substitute_first, ov.substitute_last)
            substitute = ov.substitute_instructor_id != line.instructor_id
    return OccurrenceView(
        line.id,
        line.class_id,
        line.class_name,
        occ.original_date,
        occ.start_local,
        occ.end_local,
        occ.start_utc,
        occ.end_utc,
        occ.duration_minutes,
        occ.room_id,
        room_name,
        occ.instructor_id,
        instructor_name,
        occ.cancelled,
        occ.rescheduled,
        occ.reason,
        substitute,
        line.program_id,
    )


def expand_lines(
    lines: Sequence[SeriesLine],
    overrides: Iterable[OverrideLine],
    start: date,
    end: date,
    closed: Mapping[uuid.UUID, Mapping[date, str]] | None = None,
    disrupted: Mapping[uuid.UUID, Sequence[DisruptedWindow]] | None = None,
) -> list[OccurrenceView]:
    """Every session of the series whose (possibly moved) local date is in ``[start, end]``.

    ``closed``: each facility's closed days (``app.services.closures.closed_days_of``); no
    session is held on one, so a session whose local date is closed is left out (one moved off
    a closed day is held where it went).

    ``disrupted``: each facility's disruptions in force
    (``app.services.disruptions.disruptions_of``); a session meeting one is shown cancelled with
    its reason (one its own change cancelled already keeps that).

    Parsed rules and time conversions are cached across calls by the domain, so a calendar
    refresh costs the window. What a series' sessions share (names, ids) is worked out once per
    series, not per session. A series whose stored rule no longer parses is skipped with a
    warning, not the calendar.
    """
    by_series: dict[uuid.UUID, dict[date, OverrideLine]] = defaultdict(dict)
    for ov in overrides:
        by_series[ov.event_id][ov.original_date] = ov
    views: list[OccurrenceView] = []
    add = views.append
    for line in lines:
        ovs = by_series.get(line.id, {})
        try:
            occs = recurrence.expand(
                spec_of(line), start, end, [override_of(o) for o in ovs.values()]
            )
        except DomainError as err:
            log.warning("series %s cannot be expanded: %s", line.id, err)
            continue
        instructor = staff_name(line.instructor_first, line.instructor_last)
        shut = closed.get(line.facility_id) if closed else None
        stops = disrupted.get(line.facility_id) if disrupted else None
        for occ in occs:
            if shut and occ.local_date in shut:
                continue
            view = occurrence_of(line, occ, ovs.get(occ.original_date), instructor_name=instructor)
            add(_disrupt(view, stops) if stops and not view.cancelled else view)
    views.sort(key=lambda v: (v.start_utc, v.class_name, v.series_id))
    return views


def _disrupt(view: OccurrenceView, stops: Sequence[DisruptedWindow]) -> OccurrenceView:
    """The session cancelled by the first disruption that stops it, or as it is."""
    for window in stops:
        if window.stops(view):
            return dataclasses.replace(view, cancelled=True, reason=window.reason, disrupted=True)
    return view


def local_day_start(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant a local day starts (midnight, or the first instant after a DST gap)."""
    return datetime.combine(day, time.min).replace(tzinfo=tz).astimezone(UTC)


def from_today(compiled: CompiledSeries, now: datetime) -> tuple[date, date] | None:
    """The local dates a series is checked over when booked: from today (or its start) up to
    the clash horizon or its end; ``None`` when it has ended."""
    spec = compiled.spec
    start = max(spec.dtstart_local.date(), now.astimezone(compiled.tz).date())
    end = start + CLASH_HORIZON
    if spec.until_local is not None:
        end = min(end, spec.until_local)
    return (start, end) if start <= end else None


def series_view(line: SeriesLine) -> SeriesView:
    return from_row(
        SeriesView,
        line,
        rrule=line.recurrence_rule,
        exdates=parse_exdates(line.exdates),
        instructor_name=staff_name(line.instructor_first, line.instructor_last),
    )


# -- look-ups -------------------------------------------------------------------------------------


def class_or_missing(classes: ClassRepository, class_id: uuid.UUID) -> ProgramClass:
    return require(
        classes.get(class_id), translate("refusal", "The class does not exist or was deleted.")
    )


def series_or_missing(
    sched: ScheduleRepository, series_id: uuid.UUID
) -> tuple[SessionSeries, SeriesLine]:
    row = sched.get(series_id)
    line = sched.line(series_id) if row is not None else None
    if row is None or line is None:
        raise NotFound(translate("refusal", _SERIES_MISSING))
    return row, line


def series_view_of(sched: ScheduleRepository, series_id: uuid.UUID) -> SeriesView:
    line = require(sched.line(series_id), translate("refusal", _SERIES_MISSING))
    return series_view(line)


def _no_session(name: str, day: date) -> str:
    return translate("refusal", "{name} has no session on {day}.").format(
        name=name, day=date_text(day, "ddd dd MMM yyyy")
    )


def require_occurrence(line: SeriesLine, original_date: date) -> CompiledSeries:
    """The compiled series; ``ValidationError`` when it has no session on ``original_date``."""
    compiled = compile_series(spec_of(line))
    if compiled.occurrence_on(original_date) is None:
        raise ValidationError(
            _no_session(line.class_name, original_date),
            field="original_date",
        )
    return compiled


def occurrence_in(sched: ScheduleRepository, series_id: uuid.UUID, day: date) -> OccurrenceView:
    """The session of ``day`` (its original date) as stored now; ``NotFound`` when none."""
    found = require(sched.line_with_override(series_id, day), translate("refusal", _SERIES_MISSING))
    line, ov = found
    occ = compile_series(spec_of(line)).occurrence_on(
        day, override_of(ov) if ov is not None else None
    )
    if occ is None:
        raise NotFound(_no_session(line.class_name, day))
    return occurrence_of(line, occ, ov)


def first_occurrence(sched: ScheduleRepository, series_id: uuid.UUID) -> OccurrenceView | None:
    """The first session of a series within the clash horizon of its start, if any."""
    line = sched.line(series_id)
    if line is None:
        return None
    start = line.dtstart_local.date()
    views = expand_lines([line], sched.override_lines([series_id]), start, start + CLASH_HORIZON)
    return next((v for v in views if v.original_date >= start), None)
