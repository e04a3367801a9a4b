"""The in-memory world the demo builder fills in before rows are written."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.demo.specs import _HOLIDAYS_MD, _FacilitySpec, _ProgramSpec, _search_key
from app.domain.enums import ClassStatus, EnrollmentStatus, Role, RoomKind
from app.domain.recurrence import CompiledSeries, OccurrenceOverride


@dataclass(eq=False)
class _Room:
    id: uuid.UUID
    name: str
    kind: RoomKind
    capacity: int
    busy: set[tuple[int, int]] = field(default_factory=set)


@dataclass(eq=False)
class _Staff:
    id: uuid.UUID
    username: str
    role: Role
    busy: set[tuple[int, int]] = field(default_factory=set)
    load: int = 0


@dataclass(eq=False)
class _Student:
    id: uuid.UUID
    first: str
    last: str
    intake: date
    current: bool = False


@dataclass(eq=False)
class _Program:
    id: uuid.UUID
    spec: _ProgramSpec
    lessons: list[uuid.UUID] = field(default_factory=list)


@dataclass(eq=False)
class _Facility:
    id: uuid.UUID
    spec: _FacilitySpec
    name: str
    zone: ZoneInfo
    rooms: list[_Room] = field(default_factory=list)
    instructors: list[_Staff] = field(default_factory=list)
    admins: list[_Staff] = field(default_factory=list)
    students: list[_Student] = field(default_factory=list)
    programs: list[_Program] = field(default_factory=list)
    classes: list[_Class] = field(default_factory=list)

    def at(self, day: date, clock: time) -> datetime:
        """The UTC instant of a local wall time (fold=0) in this facility."""
        return datetime.combine(day, clock, tzinfo=self.zone).astimezone(UTC)


@dataclass(eq=False)
class _Enrollment:
    id: uuid.UUID
    student: _Student
    status: EnrollmentStatus
    created_at: datetime
    enrolled_at: datetime | None = None
    ended_at: datetime | None = None
    reason: str | None = None
    waitlist_position: int | None = None
    progress_pct: int | None = None
    transferred_to: uuid.UUID | None = None
    profile: tuple[float, float, float, float] = (0.86, 0.93, 0.955, 0.98)


@dataclass(eq=False)
class _Series:
    id: uuid.UUID
    compiled: CompiledSeries
    overrides: dict[date, OccurrenceOverride] = field(default_factory=dict)


@dataclass(eq=False)
class _Class:
    id: uuid.UUID
    facility: _Facility
    program: _Program
    name: str
    variant: str
    status: ClassStatus
    start: date
    end: date
    capacity: int
    room: _Room | None = None
    instructor: _Staff | None = None
    series: list[_Series] = field(default_factory=list)
    enrollments: list[_Enrollment] = field(default_factory=list)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _holidays(country: str, first_year: int, last_year: int) -> list[date]:
    days: list[date] = []
    for year in range(first_year, last_year + 1):
        days.extend(date(year, month, day) for month, day in _HOLIDAYS_MD.get(country, ()))
        if country == "+1 ":  # Labor Day and Thanksgiving
            sept1, nov1 = date(year, 9, 1), date(year, 11, 1)
            days.append(sept1 + timedelta(days=(0 - sept1.weekday()) % 7))
            days.append(nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21))
    return sorted(days)


def _ascii(text: str) -> str:
    return "".join(ch for ch in _search_key(text) if "a" <= ch <= "z" or "0" <= ch <= "9")
