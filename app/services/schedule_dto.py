"""What the schedule service takes and returns: series, occurrences, clashes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, TypeAlias

from app.domain.errors import ScheduleClash

Scope: TypeAlias = Literal["one", "all_future"]
ClashKind: TypeAlias = Literal["room", "instructor"]


@dataclass(frozen=True, slots=True)
class NewSeries:
    """A series to create; room and instructor default to the class's. Times are local wall
    times of the class's facility; ``until_local`` defaults to the class's end date.
    """

    class_id: uuid.UUID
    dtstart_local: datetime
    duration_minutes: int
    rrule: str | None
    until_local: date | None = None
    exdates: tuple[date, ...] = ()
    room_id: uuid.UUID | None = None
    instructor_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class SeriesView:
    id: uuid.UUID
    class_id: uuid.UUID
    class_name: str
    facility_id: uuid.UUID
    timezone: str
    dtstart_local: datetime
    duration_minutes: int
    rrule: str | None
    until_local: date | None
    exdates: tuple[date, ...]
    room_id: uuid.UUID | None
    room_name: str | None
    instructor_id: uuid.UUID | None
    instructor_name: str | None


@dataclass(frozen=True, slots=True)
class OccurrenceView:
    """One session after overrides. ``original_date`` (local) is the key of its attendance."""

    series_id: uuid.UUID
    class_id: uuid.UUID
    class_name: str
    original_date: date
    start_local: datetime  # aware, in the facility's timezone
    end_local: datetime
    start_utc: datetime
    end_utc: datetime
    duration_minutes: int
    room_id: uuid.UUID | None
    room_name: str | None
    instructor_id: uuid.UUID | None
    instructor_name: str | None
    cancelled: bool
    rescheduled: bool
    reason: str | None
    substitute: bool = False  # taught by a substitute instructor
    program_id: uuid.UUID | None = None  # the program of the class (for filters and colours)
    disrupted: bool = False  # cancelled by a facility disruption (``reason`` says why)


@dataclass(frozen=True, slots=True)
class DisruptedWindow:
    """A facility disruption in force: sessions meeting ``[starts_at, ends_at)`` (instants) in
    its rooms and programs (empty: all) are not held, for ``reason``."""

    id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    reason: str
    room_ids: frozenset[uuid.UUID] = frozenset()
    program_ids: frozenset[uuid.UUID] = frozenset()

    def stops(self, view: OccurrenceView) -> bool:
        """Whether this session is not held because of the disruption."""
        return (
            view.start_utc < self.ends_at
            and view.end_utc > self.starts_at
            and (not self.room_ids or view.room_id in self.room_ids)
            and (not self.program_ids or view.program_id in self.program_ids)
        )


@dataclass(frozen=True, slots=True)
class Choice:
    """What a form or a filter offers by name: a room, a person, or a program with classes at
    a facility (the calendar's program filter)."""

    id: uuid.UUID
    name: str


@dataclass(frozen=True, slots=True)
class ProposedSlot:
    """A time a room and/or instructor would be booked (for ``clashes_for``)."""

    start_utc: datetime
    end_utc: datetime
    room_id: uuid.UUID | None = None
    instructor_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class Clash:
    """A proposed slot overlapping another session in the same room or with the same instructor.

    ``start_utc``/``end_utc`` are the other session's; the proposed slot follows.
    """

    kind: ClashKind
    other_series_id: uuid.UUID
    other_class_id: uuid.UUID
    other_class_name: str
    other_original_date: date
    start_utc: datetime
    end_utc: datetime
    start_local: datetime
    room_id: uuid.UUID | None
    room_name: str | None
    instructor_id: uuid.UUID | None
    instructor_name: str | None
    proposed_start_utc: datetime
    proposed_end_utc: datetime


class ClashError(ScheduleClash):
    """A schedule change refused because of clashes, which it lists."""

    def __init__(self, message: str, clashes: tuple[Clash, ...]) -> None:
        super().__init__(message, field="schedule")
        self.clashes = clashes


@dataclass(frozen=True, slots=True)
class ScheduleChange:
    """What an occurrence edit did. For ``all_future`` edits ``new_series_id`` is the series that
    now carries the changed sessions (the same id when the edit started at the first session);
    ``occurrence`` is the changed session, ``None`` when the sessions were cancelled for good.
    """

    series_id: uuid.UUID
    original_date: date
    scope: Scope
    occurrence: OccurrenceView | None
    new_series_id: uuid.UUID | None = None
