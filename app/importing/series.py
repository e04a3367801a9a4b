"""Session series from another system's rule text: DTSTART and RRULE lines, durations, checks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.errors import DomainError
from app.domain.recurrence import SeriesSpec, parse_duration, validate_series
from app.importing.convert import zone
from app.importing.engine import Skip


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
    """Our series columns for a rule; an invalid rule or duration skips the row."""
    tz = zone(timezone)
    try:
        minutes = (
            int(duration_text)
            if isinstance(duration_text, int)
            else parse_duration(str(duration_text or ""))
        )
    except DomainError as err:
        raise Skip("invalid duration", str(err)) from None
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
                raise Skip("invalid rrule", f"DTSTART {line!r} is not a date-time") from None
        elif line.upper().startswith("RRULE:"):
            rule = line[6:]
        elif "=" in line and rule is None:
            rule = line
        else:
            raise Skip("invalid rrule", f"{line!r} is not an RRULE or DTSTART line")
    if start is None:
        if fallback_start is None:
            raise Skip("invalid rrule", "the series has no start (no DTSTART, no class start)")
        aware = (
            fallback_start
            if fallback_start.tzinfo
            else fallback_start.replace(tzinfo=ZoneInfo("UTC"))
        )
        start = aware.astimezone(tz).replace(tzinfo=None)
    spec = SeriesSpec(dtstart_local=start, duration_minutes=minutes, rrule=rule, timezone=timezone)
    try:
        validate_series(spec)
    except DomainError as err:
        raise Skip("invalid rrule", str(err)) from None
    return {"dtstart_local": start, "duration_minutes": minutes, "recurrence_rule": rule}


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
