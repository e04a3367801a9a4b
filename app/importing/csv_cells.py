"""One cell of a CSV import read as a typed value: dates and local times (ISO, or the mapping's
``date_format``), numbers, yes/no, our enumerations by their words, star ratings, weekdays and
clock times, and references to instructors and rooms; what cannot be read is reported."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from app.domain.availability import parse_minute
from app.domain.enums import (
    AttendanceStatus,
    EnrollmentStatus,
)
from app.importing import convert as cv
from app.importing.engine import Context, Row, Skip
from app.importing.report import CHANGED

__all__ = [
    "ATTENDANCE_WORDS",
    "CANCELLED",
    "ENROLLMENT_WORDS",
    "HELD",
    "bool_cell",
    "clock_cell",
    "date_cell",
    "int_cell",
    "local_time_cell",
    "minute_cell",
    "room_cell",
    "staff_cell",
    "stars_cell",
    "wall_time_cell",
    "weekday_cell",
    "word_cell",
]


def date_cell(ctx: Context, value: Any, field: str, *, required: bool = False) -> date | None:
    if not value:
        if required:
            raise Skip("missing value", f"{field} is empty")
        return None
    fmt = ctx.options.get("date_format")
    try:
        if fmt:
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                pass
        return date.fromisoformat(value[:10])
    except ValueError:
        if required:
            raise Skip("invalid", f"{field} {value!r} is not a date") from None
        ctx.note("invalid", f"{field} {value!r} is not a date: left out", CHANGED)
        return None


def local_time_cell(ctx: Context, value: Any, field: str) -> datetime | None:
    """A wall-clock time at the facility, or an instant with its offset, as an aware instant."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        ctx.note("invalid", f"{field} {value!r} is not a date and time: left out", CHANGED)
        return None
    if moment.tzinfo is None:
        _, tz = cv.facility_of(ctx)
        moment = moment.replace(tzinfo=cv.zone(tz))
    return moment


def int_cell(ctx: Context, value: Any, field: str) -> int | None:
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        ctx.note("invalid", f"{field} {value!r} is not a whole number: left out", CHANGED)
        return None
    if not 0 <= number <= 2**31 - 1:
        ctx.note("invalid", f"{field} {number} is out of range: left out", CHANGED)
        return None
    return number


def bool_cell(value: Any, default: bool) -> bool:
    if not value:
        return default
    return str(value).strip().lower() in ("1", "true", "yes", "y", "x")


E = TypeVar("E", bound=StrEnum)

# Words seed 003's own files use for our values, tried (without case) after the enumeration's
# own values and the mapping's ``values``.
ENROLLMENT_WORDS = {
    "active": EnrollmentStatus.ENROLLED,
    "enrolled": EnrollmentStatus.ENROLLED,
    "waitlist": EnrollmentStatus.WAITLISTED,
    "waitlisted": EnrollmentStatus.WAITLISTED,
    "completed": EnrollmentStatus.COMPLETED,
    "cancelled": EnrollmentStatus.CANCELLED,
    "dropped": EnrollmentStatus.INCOMPLETE_DROPPED,
    "withdrawn": EnrollmentStatus.INCOMPLETE_WITHDRAWN,
}
ATTENDANCE_WORDS = {
    "absent": AttendanceStatus.ABSENT_UNEXCUSED,
    "unexcused": AttendanceStatus.ABSENT_UNEXCUSED,
    "excused": AttendanceStatus.ABSENT_EXCUSED,
    "tardy": AttendanceStatus.LATE,
}
CANCELLED = ("cancelled", "canceled")
HELD = ("scheduled", "confirmed", "active", "ongoing", "in_progress", "completed", "held", "done")


def word_cell(ctx: Context, kind: type[E], value: Any, field: str, words: dict[str, E]) -> E | None:
    """An enumeration value, or a word the seed's files use for it; unknown skips the row."""
    if value and str(value).strip().lower() in words:
        return words[str(value).strip().lower()]
    return cv.enum(ctx, kind, value, field)


def staff_cell(ctx: Context, row: Row, field: str) -> uuid.UUID | None:
    """The instructor a row names (by the instructors file's id or name, or by name when there
    is no such file); one that is not there is left out and reported."""
    value = row[field]
    if not value:
        return None
    found = ctx.optional_parent("instructors", row.get(f"{field}_ref", value))
    if found is None:
        ctx.note("orphan", f"{field} {value!r} is not among the instructors: left out", CHANGED)
    return found


def room_cell(ctx: Context, row: Row) -> uuid.UUID | None:
    value = row["room"]
    if not value:
        return None
    found = ctx.optional_parent("rooms", row.get("room_ref", value))
    if found is None:
        ctx.note("orphan", f"room {value!r} is not among the rooms: left out", CHANGED)
    return found


def clock_cell(value: Any, field: str) -> time:
    """A time of day (``17:00``), or the time of a date and time."""
    text = str(value or "").strip()
    try:
        if len(text) <= 8:
            return time.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).time()
    except ValueError:
        raise Skip("invalid", f"{field} {value!r} is not a time of day") from None


def stars_cell(ctx: Context, value: Any) -> int | None:
    """A 0-3 star rating: a number, or stars drawn (``★★☆``)."""
    text = str(value or "").strip()
    if not text:
        return None
    if set(text) <= set("★☆*"):
        number = text.count("★") + text.count("*")
    else:
        try:
            number = int(float(text))
        except ValueError:
            ctx.note("invalid", f"stars {value!r} is not a rating of 0 to 3: left out", CHANGED)
            return None
    if not 0 <= number <= 3:
        ctx.note("invalid", f"stars {number} is not a rating of 0 to 3: left out", CHANGED)
        return None
    return number


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_cell(value: Any) -> int:
    """``Mon``, ``monday``, or ISO ``1`` (Monday) to ``7`` as 0 (Monday) to 6."""
    text = str(value).strip().lower()
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text) - 1
    for index, name in enumerate(_WEEKDAYS):
        if text.startswith(name):
            return index
    raise Skip("invalid", f"weekday {value!r} is not a day of the week")


def minute_cell(value: Any, field: str) -> int:
    try:
        return parse_minute(str(value or ""))
    except ValueError:
        raise Skip("invalid", f"{field} {value!r} is not a time of day (09:00)") from None


def wall_time_cell(ctx: Context, value: Any, field: str, *, end: bool) -> datetime:
    """A time off's start or end: a date (its start; an end date is the whole day) or a date
    and time, as the facility's naive wall time."""
    text = str(value or "").strip()
    if len(text) > 10 or "T" in text:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise Skip("invalid", f"{field} {value!r} is not a date and time") from None
        if moment.tzinfo is not None:
            _, tz = cv.facility_of(ctx)
            moment = moment.astimezone(cv.zone(tz)).replace(tzinfo=None)
        return moment
    day = date_cell(ctx, text, field, required=True)
    assert day is not None  # required
    return datetime.combine(day + timedelta(days=1) if end else day, time())
