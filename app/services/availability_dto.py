"""What the availability service takes and returns: weekly hours, time off, sessions outside."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.availability import Interval, Outside, hours_text, minute_text
from app.domain.errors import ScheduleClash
from app.domain.i18n import date_text, translate, weekday_text

AVAILABILITY = "instructor_availability"
TIME_OFF = "instructor_time_off"
AVAILABILITY_TABLES = (AVAILABILITY, TIME_OFF)  # what a save writes, for the change hub


@dataclass(frozen=True, slots=True)
class HoursEntry:
    """A weekly stretch: ``weekday`` 0 (Monday) to 6, minutes of the day, valid dates.
    ``id`` is ``None`` for a new one."""

    weekday: int
    start_minute: int
    end_minute: int
    valid_from: date | None = None
    valid_to: date | None = None
    id: uuid.UUID | None = None

    @property
    def text(self) -> str:
        return (
            f"{weekday_text(self.weekday)} "
            f"{minute_text(self.start_minute)}–{minute_text(self.end_minute)}"
        )


@dataclass(frozen=True, slots=True)
class TimeOffEntry:
    """Time off from ``starts_local`` to ``ends_local`` (naive facility wall time)."""

    starts_local: datetime
    ends_local: datetime
    reason: str | None = None
    id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class InstructorAvailabilityView:
    """An instructor's weekly hours and time off at a facility, in its timezone."""

    facility_id: uuid.UUID
    instructor_id: uuid.UUID
    instructor_name: str
    timezone: str
    hours: tuple[HoursEntry, ...]
    time_off: tuple[TimeOffEntry, ...]


@dataclass(frozen=True, slots=True)
class Unavailability:
    """A session an instructor would teach outside their availability, and why."""

    instructor_id: uuid.UUID
    instructor_name: str
    outside: Outside

    @property
    def text(self) -> str:
        """In words: "Kim Lee is not available Mon 23 Nov 2026 09:00–10:00 (time off: leave)"."""
        o = self.outside
        day = date_text(o.start_local.date(), "ddd dd MMM yyyy")
        when = f"{day} {o.start_local:%H:%M}–{o.end_local:%H:%M}"
        if o.time_off is not None and o.time_off.reason:
            why = translate("messages", "time off: {reason}").format(reason=o.time_off.reason)
        elif o.time_off is not None:
            why = translate("messages", "time off")
        elif o.hours:
            why = translate("messages", "works {hours} that day").format(hours=hours_text(o.hours))
        else:
            why = translate("messages", "not working that day")
        return translate("messages", "{name} is not available {when} ({why})").format(
            name=self.instructor_name, when=when, why=why
        )


class UnavailableError(ScheduleClash):
    """A schedule change refused because it puts an instructor outside their availability."""

    def __init__(self, message: str, unavailable: tuple[Unavailability, ...]) -> None:
        super().__init__(message, field="instructor_id")
        self.unavailable = unavailable


@dataclass(frozen=True, slots=True)
class Candidate:
    """An instructor the substitute picker offers, and whether they are available then."""

    id: uuid.UUID
    name: str
    available: bool


__all__ = [
    "AVAILABILITY",
    "AVAILABILITY_TABLES",
    "TIME_OFF",
    "Candidate",
    "HoursEntry",
    "InstructorAvailabilityView",
    "Interval",
    "TimeOffEntry",
    "Unavailability",
    "UnavailableError",
]
