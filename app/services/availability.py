"""Instructor availability (seed 003): weekly hours and time off, kept per facility in its wall
time; which sessions a change would put outside them; who is free to substitute.

The rules are ``app.domain.availability``'s: an instructor with no hours recorded is available
at any time; time off always wins.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from typing import TypeVar

from app.db.base import Audited
from app.db.models import InstructorAvailability, InstructorTimeOff
from app.domain.availability import (
    MINUTES_PER_DAY,
    Interval,
    TimeOff,
    WeeklyHours,
    minute_text,
    outside,
    unavailable,
)
from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP, date_text, translate, weekday_text
from app.domain.recurrence import compile_series
from app.domain.validation import clean_text
from app.infra.clock import Clock, SystemClock
from app.repositories.availability import AvailabilityRepository
from app.repositories.classes import ClassRepository
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.availability_dto import (
    Candidate,
    HoursEntry,
    InstructorAvailabilityView,
    TimeOffEntry,
    Unavailability,
    UnavailableError,
)
from app.services.classes import check_instructor
from app.services.classes_dto import staff_name
from app.services.lookup import require
from app.services.occurrences import CLASH_HORIZON, expand_lines, override_of, spec_of
from app.services.schedule_dto import Scope

__all__ = [
    "MAX_ENTRIES",
    "AvailabilityService",
    "find_unavailable",
    "refuse_unavailable",
    "unavailable_text",
]

REASON_MAX = 500
MAX_ENTRIES = 500  # of each kind per instructor: far more than a timetable needs
UNAVAILABLE_LISTED = 5
_TIME_OFF_DAYS = timedelta(days=1)  # a day's sessions: a time off that ends at 00:00 is clipped


def _naive(moment: datetime) -> datetime:
    """A local wall time as the availability rows keep it."""
    return moment.replace(tzinfo=None)


def _rules_of(
    uow: UnitOfWork,
    facility_id: uuid.UUID,
    instructor_id: uuid.UUID,
    start: datetime,
    end: datetime,
) -> tuple[list[WeeklyHours], list[TimeOff]]:
    """The instructor's weekly hours at the facility and their time off that meets
    ``start``..``end`` (local wall times)."""
    repo = uow.get(AvailabilityRepository)
    hours = [_hours(r) for r in repo.hours_of(facility_id, [instructor_id])]
    offs = [_time_off(r) for r in repo.time_off_of(facility_id, [instructor_id], start, end)]
    return hours, offs


def find_unavailable(
    uow: UnitOfWork,
    facility_id: uuid.UUID,
    instructor_id: uuid.UUID,
    sessions: Sequence[tuple[datetime, datetime]],
) -> list[Unavailability]:
    """The sessions (local start and end, aware or naive) that lie outside the instructor's
    availability at the facility, each with why; in the order given. Reads in ``uow``."""
    if not sessions:
        return []
    spans = [(_naive(s), _naive(e)) for s, e in sessions]
    hours, offs = _rules_of(
        uow, facility_id, instructor_id, min(s for s, _ in spans), max(e for _, e in spans)
    )
    if not hours and not offs:
        return []
    person = uow.get(ClassRepository).person(instructor_id)
    name = (staff_name(person.name_first, person.name_last) if person else None) or "?"
    found: list[Unavailability] = []
    for start, end in spans:
        why = outside(hours, offs, start, end)
        if why is not None:
            found.append(Unavailability(instructor_id, name, why))
    return found


def unavailable_text(found: Sequence[Unavailability]) -> str:
    """The first sessions outside availability in words, one a line, and how many more."""
    lines = [u.text for u in found[:UNAVAILABLE_LISTED]]
    if len(found) > UNAVAILABLE_LISTED:
        lines.append(
            translate("messages", "… and {count} more").format(
                count=len(found) - UNAVAILABLE_LISTED
            )
        )
    return "\n".join(lines)


def refuse_unavailable(found: Sequence[Unavailability]) -> None:
    """Raise ``UnavailableError`` listing ``found``, if any."""
    if not found:
        return
    first = found[0].text
    if len(found) > 1:
        message = translate("refusal", "{first} (and {count} more sessions).").format(
            first=first, count=len(found) - 1
        )
    else:
        message = translate("refusal", "{first}.").format(first=first)
    raise UnavailableError(message, tuple(found))


def _hours(row: InstructorAvailability) -> WeeklyHours:
    return WeeklyHours(row.weekday, row.start_minute, row.end_minute, row.valid_from, row.valid_to)


def _time_off(row: InstructorTimeOff) -> TimeOff:
    return TimeOff(row.starts_local, row.ends_local, row.reason)


def check_hours(entry: HoursEntry) -> HoursEntry:
    """``ValidationError`` (field ``hours``) naming the stretch that cannot be."""
    if not 0 <= entry.weekday <= 6:
        raise ValidationError(
            translate("refusal", "Choose a weekday from Monday to Sunday."), field="hours"
        )
    day, start = weekday_text(entry.weekday), minute_text(entry.start_minute)
    if not 0 <= entry.start_minute < MINUTES_PER_DAY or not 0 < entry.end_minute <= MINUTES_PER_DAY:
        raise ValidationError(
            translate("refusal", "{day} {start}: hours run from 00:00 to 24:00.").format(
                day=day, start=start
            ),
            field="hours",
        )
    if entry.end_minute <= entry.start_minute:
        raise ValidationError(
            translate("refusal", "{day} {start}–{end}: the end must be after the start.").format(
                day=day, start=start, end=minute_text(entry.end_minute)
            ),
            field="hours",
        )
    if entry.valid_from and entry.valid_to and entry.valid_to < entry.valid_from:
        raise ValidationError(
            translate(
                "refusal",
                "{day} {start}: valid until {until}, before it is valid from {since}.",
            ).format(
                day=day,
                start=start,
                until=date_text(entry.valid_to, "dd MMM yyyy"),
                since=date_text(entry.valid_from, "dd MMM yyyy"),
            ),
            field="hours",
        )
    return entry


def check_time_off(entry: TimeOffEntry) -> TimeOffEntry:
    """``ValidationError`` (field ``time_off``) for a time off that ends before it starts;
    the reason cleaned."""
    starts, ends = _naive(entry.starts_local), _naive(entry.ends_local)
    if ends <= starts:
        raise ValidationError(
            translate("refusal", "Time off from {when}: the end must be after the start.").format(
                when=f"{date_text(starts.date(), 'ddd dd MMM yyyy')} {starts:%H:%M}"
            ),
            field="time_off",
        )
    reason = clean_text(
        entry.reason,
        field="time_off",
        max_length=REASON_MAX,
        label=QT_TRANSLATE_NOOP("labels", "A reason"),
    )
    return replace(entry, starts_local=starts, ends_local=ends, reason=reason)


class AvailabilityService:
    """Keeps instructors' weekly hours and time off; answers who is available when."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def of_instructor(
        self, facility_id: uuid.UUID, instructor_id: uuid.UUID
    ) -> InstructorAvailabilityView:
        """Raises ``NotFound`` for an unknown facility, ``ValidationError`` for someone who does
        not work there."""
        with self._uow() as uow:
            return self._view(uow, facility_id, instructor_id)

    def save(
        self,
        facility_id: uuid.UUID,
        instructor_id: uuid.UUID,
        hours: Sequence[HoursEntry],
        time_off: Sequence[TimeOffEntry],
    ) -> InstructorAvailabilityView:
        """Make the instructor's hours and time off at the facility exactly these: entries with
        the id of a stored row change it, others are added, stored rows not given are removed
        (tombstones, as every synced row). Raises ``ValidationError`` (field ``hours`` or
        ``time_off``) and writes nothing when one entry cannot be."""
        if len(hours) > MAX_ENTRIES or len(time_off) > MAX_ENTRIES:
            raise ValidationError(
                translate("refusal", "At most {most} entries of each kind.").format(
                    most=MAX_ENTRIES
                ),
                field="hours",
            )
        checked_hours = [check_hours(h) for h in hours]
        checked_off = [check_time_off(t) for t in time_off]
        now = self._clock.now()
        with self._uow() as uow:
            self._facility_timezone(uow, facility_id)
            check_instructor(uow.get(ClassRepository), instructor_id, facility_id)
            repo = uow.get(AvailabilityRepository)
            owner = {"facility_id": facility_id, "instructor_id": instructor_id}
            _make_exactly(
                repo.hours_of(facility_id, [instructor_id]),
                checked_hours,
                lambda: repo.add_hours(InstructorAvailability(id=uuid.uuid4(), **owner)),
                now,
            )
            _make_exactly(
                repo.time_off_of(facility_id, [instructor_id]),
                checked_off,
                lambda: repo.add_time_off(InstructorTimeOff(id=uuid.uuid4(), **owner)),
                now,
            )
            uow.commit()
            return self._view(uow, facility_id, instructor_id)

    def unavailable(
        self, facility_id: uuid.UUID, instructor_id: uuid.UUID, start: date, end: date
    ) -> list[Interval]:
        """The stretches of the local days ``start`` to ``end`` the instructor does not work
        (outside their hours, on time off), joined: what a week grid shades."""
        if end < start:
            raise ValidationError(
                translate("refusal", "The days end before they start."), field="end"
            )
        with self._uow() as uow:
            hours, offs = _rules_of(
                uow,
                facility_id,
                instructor_id,
                datetime.combine(start, datetime.min.time()),
                datetime.combine(end, datetime.min.time()) + _TIME_OFF_DAYS,
            )
        return unavailable(hours, offs, start, end)

    def check_substitute(
        self,
        series_id: uuid.UUID,
        original_date: date,
        instructor_id: uuid.UUID,
        *,
        scope: Scope = "one",
    ) -> list[Unavailability]:
        """The sessions a substitute would take over (that one, or it and every later one of
        the series up to a year ahead) that lie outside their availability."""
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            if scope == "one":  # that session, wherever it was moved
                found = require(
                    sched.line_with_override(series_id, original_date),
                    translate("refusal", "The session series does not exist or was deleted."),
                )
                line, ov = found
                occ = compile_series(spec_of(line)).occurrence_on(
                    original_date, override_of(ov) if ov is not None else None
                )
                one = [] if occ is None or occ.cancelled else [(occ.start_local, occ.end_local)]
                return find_unavailable(uow, line.facility_id, instructor_id, one)
            series = require(
                sched.line(series_id),
                translate("refusal", "The session series does not exist or was deleted."),
            )
            last = original_date + CLASH_HORIZON
            if series.until_local is not None:
                last = max(original_date, min(last, series.until_local))
            views = expand_lines([series], sched.override_lines([series_id]), original_date, last)
            taken = [
                (v.start_local, v.end_local)
                for v in views
                if not v.cancelled and v.original_date >= original_date
            ]
            return find_unavailable(uow, series.facility_id, instructor_id, taken)

    def candidates(
        self,
        facility_id: uuid.UUID,
        start_local: datetime,
        end_local: datetime,
        instructors: Sequence[tuple[uuid.UUID, str]],
    ) -> list[Candidate]:
        """The instructors (id, name) for a session from ``start_local`` to ``end_local``:
        those available first, each group in the order given."""
        start, end = _naive(start_local), _naive(end_local)
        ids = [i for i, _ in instructors]
        with self._uow() as uow:
            repo = uow.get(AvailabilityRepository)
            hours: dict[uuid.UUID, list[WeeklyHours]] = {}
            offs: dict[uuid.UUID, list[TimeOff]] = {}
            for h in repo.hours_of(facility_id, ids):
                hours.setdefault(h.instructor_id, []).append(_hours(h))
            for t in repo.time_off_of(facility_id, ids, start, end):
                offs.setdefault(t.instructor_id, []).append(_time_off(t))
        rated = [
            Candidate(i, name, outside(hours.get(i, []), offs.get(i, []), start, end) is None)
            for i, name in instructors
        ]
        return [c for c in rated if c.available] + [c for c in rated if not c.available]

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _facility_timezone(uow: UnitOfWork, facility_id: uuid.UUID) -> str:
        facility = require(
            uow.get(ClassRepository).facility(facility_id),
            translate("refusal", "The facility does not exist."),
        )
        return facility.timezone

    def _view(
        self, uow: UnitOfWork, facility_id: uuid.UUID, instructor_id: uuid.UUID
    ) -> InstructorAvailabilityView:
        timezone = self._facility_timezone(uow, facility_id)
        person = check_instructor(uow.get(ClassRepository), instructor_id, facility_id)
        repo = uow.get(AvailabilityRepository)
        hours = tuple(
            HoursEntry(r.weekday, r.start_minute, r.end_minute, r.valid_from, r.valid_to, r.id)
            for r in repo.hours_of(facility_id, [instructor_id])
        )
        offs = tuple(
            TimeOffEntry(r.starts_local, r.ends_local, r.reason, r.id)
            for r in repo.time_off_of(facility_id, [instructor_id])
        )
        name = staff_name(person.name_first, person.name_last) or "?"
        return InstructorAvailabilityView(facility_id, instructor_id, name, timezone, hours, offs)


_R = TypeVar("_R", bound=Audited)


def _make_exactly(
    stored: Sequence[_R],
    entries: Sequence[HoursEntry] | Sequence[TimeOffEntry],
    new_row: Callable[[], _R],
    now: datetime,
) -> None:
    """The stored rows become ``entries``: an entry with a stored row's id changes that row, any
    other is a new row (``new_row()`` adds it), and a stored row not given is tombstoned."""
    by_id = {row.id: row for row in stored}
    for entry in entries:
        row = by_id.pop(entry.id, None) if entry.id is not None else None
        _assign(
            new_row() if row is None else row,
            **{f.name: getattr(entry, f.name) for f in fields(entry) if f.name != "id"},
        )
    for gone in by_id.values():
        gone.deleted_at = now


def _assign(row: object, **values: object) -> None:
    """Set only what changed: an unchanged row is not rewritten, audited or pushed."""
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
