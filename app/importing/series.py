"""Session series from another system's rule text: DTSTART and RRULE lines, durations, checks;
and whether an imported mark's date is a session its series holds."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.errors import DomainError
from app.domain.orphans import SeriesState, series_state, why_orphaned
from app.domain.recurrence import (
    OccurrenceOverride,
    SeriesSpec,
    parse_duration,
    parse_exdates,
    validate_series,
)
from app.domain.rrule import normal_rule
from app.importing.convert import zone
from app.importing.engine import Context, Skip
from app.importing.report import REVIEW


def _dtstart(line: str, tz: ZoneInfo) -> datetime:
    """``DTSTART:20240101T090000Z`` or ``DTSTART;TZID=Zone:20240101T090000`` as local wall time."""
    head, _, value = line.partition(":")
    params = dict(p.split("=", 1) for p in head.split(";")[1:] if "=" in p)
    value = value.strip()
    fmt = "%Y%m%dT%H%M%S" if "T" in value else "%Y%m%d"
    moment = datetime.strptime(value.rstrip("Z"), fmt)
    if value.endswith("Z"):
        return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None)
    if "TZID" in params:
        return moment.replace(tzinfo=zone(params["TZID"])).astimezone(tz).replace(tzinfo=None)
    return moment


def series_values(
    rule_text: str | None,
    duration_text: Any,
    fallback_start: datetime | None,
    timezone: str,
) -> dict[str, Any]:
    """Our series columns for a rule; an invalid rule or duration skips the row, with every
    reason found (a bad duration and a bad rule are both reported)."""
    tz = zone(timezone)
    reasons: list[tuple[str, str]] = []
    minutes = 0
    try:
        minutes = (
            int(duration_text)
            if isinstance(duration_text, int)
            else parse_duration(str(duration_text or ""))
        )
    except DomainError as err:
        reasons.append(("invalid duration", str(err)))
    start: datetime | None = None
    rule: str | None = None
    for raw in (rule_text or "").replace("\\n", "\n").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.upper().startswith("DTSTART"):
            try:
                start = _dtstart(line, tz)
            except ValueError:
                reasons.append(("invalid rrule", f"DTSTART {line!r} is not a date-time"))
        elif line.upper().startswith("RRULE:"):
            rule = line[6:]
        elif "=" in line and rule is None:
            rule = line
        else:
            reasons.append(("invalid rrule", f"{line!r} is not an RRULE or DTSTART line"))
    if start is None and fallback_start is not None:
        aware = (
            fallback_start
            if fallback_start.tzinfo
            else fallback_start.replace(tzinfo=ZoneInfo("UTC"))
        )
        start = aware.astimezone(tz).replace(tzinfo=None)
    if start is None:
        if not any(kind == "invalid rrule" for kind, _ in reasons):
            reasons.append(
                ("invalid rrule", "the series has no start (no DTSTART, no class start)")
            )
    elif not any(kind == "invalid rrule" for kind, _ in reasons):
        # The rule is checked whatever the duration: with a valid stand-in when it is bad.
        spec = SeriesSpec(
            dtstart_local=start,
            duration_minutes=minutes if 0 < minutes <= 1440 else 60,
            rrule=rule,
            timezone=timezone,
        )
        try:
            validate_series(spec)
        except DomainError as err:
            reasons.append(("invalid rrule", str(err)))
    if reasons:
        raise Skip.of(reasons)
    assert start is not None
    return {
        "dtstart_local": start,
        "duration_minutes": minutes,
        "recurrence_rule": normal_rule(rule),
    }


def mark_review(ctx: Context, series_entity: str, event_id: uuid.UUID, day: date) -> bool:
    """Whether a mark of ``day`` belongs to no session its series holds (a date not on the
    rule, an excluded or cancelled session, one moved to another day, a removed series, a day
    the facility is closed): then it is reported and must be imported set for review, as a
    workstation keeps such a mark.

    The series, overrides and closures this run wrote are read once, before the first mark."""
    states: dict[uuid.UUID, SeriesState] | None = ctx.cache.get("series_states")
    if states is None:
        states = _series_states(ctx, series_entity)
        ctx.cache["series_states"] = states
    verdicts: dict[tuple[uuid.UUID, date], str | None] = ctx.cache.setdefault("verdicts", {})
    key = (event_id, day)
    if key not in verdicts:
        verdicts[key] = why_orphaned(states.get(event_id), day)
    why = verdicts[key]
    closed: dict[uuid.UUID, dict[date, str]] = ctx.cache.get("closed_days", {})
    facilities: dict[uuid.UUID, uuid.UUID] = ctx.cache.get("series_facility", {})
    facility = facilities.get(event_id)
    reason = closed.get(facility, {}).get(day) if facility is not None else None
    if why is None and reason is not None:
        ctx.note(
            "closed day",
            f"marked for {day}, but the facility is closed that day ({reason}): imported set"
            " for review",
            REVIEW,
        )
        return True
    if why is None:
        return False
    kind = "cancelled session" if why == "that session was cancelled" else "not a session"
    if why == "the schedule no longer has a session that day":
        why = "its series has no session that day"
    ctx.note(kind, f"marked for {day}, but {why}: imported set for review", REVIEW)
    return True


def _series_states(ctx: Context, series_entity: str) -> dict[uuid.UUID, SeriesState]:
    ids = list(set(ctx.id_map(series_entity).values()))
    if not ids:
        return {}
    overrides: dict[uuid.UUID, list[OccurrenceOverride]] = {}
    for event_id, original, cancelled, new_start, new_minutes in ctx.target_rows(
        "SELECT event_id, original_date, is_cancelled, new_start_local, new_duration_minutes"
        " FROM public.program_class_event_overrides"
        " WHERE event_id = ANY(%s) AND deleted_at IS NULL",
        (ids,),
    ):
        try:
            found = OccurrenceOverride(
                original_date=original,
                cancelled=bool(cancelled),
                new_start_local=new_start,
                new_duration_minutes=new_minutes,
            )
        except DomainError:
            continue
        overrides.setdefault(event_id, []).append(found)
    states: dict[uuid.UUID, SeriesState] = {}
    facility_of: dict[uuid.UUID, uuid.UUID] = ctx.cache.setdefault("series_facility", {})
    for event_id, start, minutes, rule, until, exdates, deleted, timezone, fid in ctx.target_rows(
        "SELECT e.id, e.dtstart_local, e.duration_minutes, e.recurrence_rule, e.until_local,"
        " e.exdates, e.deleted_at, f.timezone, e.facility_id FROM public.program_class_events AS e"
        " JOIN public.facilities AS f ON f.id = e.facility_id WHERE e.id = ANY(%s)",
        (ids,),
    ):
        facility_of[event_id] = fid
        spec = SeriesSpec(
            dtstart_local=start,
            duration_minutes=minutes,
            rrule=rule,
            timezone=timezone,
            exdates=parse_exdates(exdates),
            until_local=until,
        )
        states[event_id] = series_state(
            spec, overrides.get(event_id, ()), removed=deleted is not None
        )
    _closed_days(ctx, set(facility_of.values()))
    return states


def _closed_days(ctx: Context, facility_ids: set[uuid.UUID]) -> None:
    """The closed days of these facilities (no session is held on one), by facility, kept in
    the run's cache for ``mark_review``."""
    closed: dict[uuid.UUID, dict[date, str]] = ctx.cache.setdefault("closed_days", {})
    if not facility_ids:
        return
    for fid, first, last, reason in ctx.target_rows(
        "SELECT facility_id, first_date, last_date, reason FROM public.facility_closures"
        " WHERE facility_id = ANY(%s) AND deleted_at IS NULL",
        (list(facility_ids),),
    ):
        days = closed.setdefault(fid, {})
        for n in range((last - first).days + 1):
            days.setdefault(first + timedelta(days=n), reason)


def occurrence_date(value: Any, tz: ZoneInfo, timezone: str) -> date:
    """An attendance date as text or a timestamp: a time with a UTC offset the facility does not
    use at that moment is refused (the date would belong to another day or another facility)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        return value
    else:
        raw = str(value or "").strip()
        try:
            if len(raw) == 10:
                return date.fromisoformat(raw)
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise Skip("invalid", f"date {raw!r} is not a date") from None
    if moment.tzinfo is None:
        return moment.date()
    local = moment.astimezone(tz)
    if moment.utcoffset() != local.utcoffset():
        raise Skip(
            "timezone",
            f"date {value!s} has UTC offset {moment.strftime('%z')}, but the facility is in"
            f" {timezone} ({local.strftime('%z')} then)",
        )
    return local.date()
