"""Trends: attendance by week for a class or a student, hours earned against hours required, and
a facility's week of sessions at a glance.

Weeks run Monday to Sunday in the facility's timezone; a session belongs to the week it took
place in. The rate of a week follows the app's one definition (``app.domain.attendance``):
sessions started and not cancelled, unmarked ones counted as not attended; a make-up session
is no one's scheduled session and an absence made up counts as attended
(``app.services.makeups``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from app.domain.enums import EnrollmentStatus
from app.domain.errors import NotFound
from app.domain.validation import check_timezone
from app.infra.clock import Clock, SystemClock
from app.repositories.attendance import AttendanceRepository
from app.repositories.classes import ClassRepository
from app.repositories.enrollments import EnrollmentRepository
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.attendance_outcomes import on_sheet, student_outcomes
from app.services.classes_dto import student_name
from app.services.closures import closed_days_of
from app.services.disruptions import disruptions_of
from app.services.lookup import require
from app.services.makeups import makeup_credit
from app.services.occurrences import expand_lines
from app.services.schedule_dto import OccurrenceView
from app.services.trends_dto import (
    TREND_WEEKS,
    GlanceSlot,
    HoursProgress,
    WeekGlance,
    WeeklyTrend,
    WeekPoint,
)
from app.services.trends_queries import TrendRepository

__all__ = [
    "TREND_WEEKS",
    "GlanceSlot",
    "HoursProgress",
    "TrendService",
    "WeekGlance",
    "WeekPoint",
    "WeeklyTrend",
]

MAX_WEEKS = 52


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weeks(tally: dict[date, list[int]], first: date, weeks: int) -> tuple[WeekPoint, ...]:
    points = []
    for i in range(weeks):
        start = first + timedelta(weeks=i)
        held, attended = tally.get(start, [0, 0])
        points.append(WeekPoint(start, held, attended))
    return tuple(points)


def _check_weeks(weeks: int) -> None:
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be between 1 and {MAX_WEEKS}")


class _Placed(Protocol):
    @property
    def facility_id(self) -> uuid.UUID: ...


_P = TypeVar("_P", bound=_Placed)


def _weeks_at(
    uow: UnitOfWork, found: _P | None, what: str, now: datetime, weeks: int
) -> tuple[_P, ZoneInfo, date, date]:
    """What was found (``NotFound``, naming ``what``, when it or its facility is not), its
    facility's zone, today there, and the Monday that starts the first of ``weeks`` weeks."""
    facility = uow.get(ClassRepository).facility(found.facility_id) if found else None
    if found is None or facility is None:
        raise NotFound(f"{what} does not exist or was deleted.")
    tz = check_timezone(facility.timezone)
    today = now.astimezone(tz).date()
    return found, tz, today, _monday(today) - timedelta(weeks=weeks - 1)


class TrendService:
    """Pictures' numbers: every method is one unit of work, a few queries, frozen DTOs out."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    # -- weekly attendance -----------------------------------------------------------------------

    def class_weekly(self, class_id: uuid.UUID, weeks: int = TREND_WEEKS) -> WeeklyTrend:
        """A class's attendance by week, the current week last; ``NotFound`` for no class.

        Marks are counted per session in SQL; a session's students are those on its sheet
        (the sheet's own rule), or as many as were marked if more.
        """
        _check_weeks(weeks)
        now = self._clock.now()
        with self._uow() as uow:
            klass, tz, today, first = _weeks_at(
                uow, uow.get(ClassRepository).get(class_id), "The class", now, weeks
            )
            views = self._held(uow, [class_id], first, today, now)
            periods = uow.get(EnrollmentRepository).periods(class_ids=[class_id])
            # Marks are keyed by the original date, which a moved session may have outside.
            days = [v.original_date for v in views] or [today]
            counts = uow.get(TrendRepository).session_counts(
                {v.series_id for v in views}, min(days), max(days)
            )
            policy = (
                uow.get(AttendanceRepository).policies([klass.program_id]).get(klass.program_id)
            )
            credit = makeup_credit(uow, {v.series_id for v in views}, now)
        made_up: dict[tuple[uuid.UUID, date], int] = defaultdict(int)
        for _, series_id, day in credit.made_up or {}:
            made_up[series_id, day] += 1
        tally: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        for view in views:
            if (view.series_id, view.original_date) in credit.makeups:
                continue  # no one's scheduled session
            expected = sum(1 for p in periods if on_sheet(p, view, tz))
            marked, attended = counts.get((view.series_id, view.original_date), (0, 0))
            week = tally[_monday(view.start_local.date())]
            week[0] += max(expected, marked)
            week[1] += attended + made_up[view.series_id, view.original_date]
        minimum = policy.minimum_rate_pct if policy is not None else None
        return WeeklyTrend(klass.name, _weeks(tally, first, weeks), minimum)

    def student_weekly(self, student_id: uuid.UUID, weeks: int = TREND_WEEKS) -> WeeklyTrend:
        """A student's attendance over all their classes by week, with the minimum rate of their
        programs when they all set the same one; ``NotFound`` for no student."""
        _check_weeks(weeks)
        now = self._clock.now()
        with self._uow() as uow:
            person, tz, today, first = _weeks_at(
                uow, uow.get(ClassRepository).person(student_id), "The student", now, weeks
            )
            periods = {
                p.class_id: p for p in uow.get(EnrollmentRepository).periods(student_id=student_id)
            }
            views = self._held(uow, periods, first, today, now)
            att = uow.get(AttendanceRepository)
            marks = {
                (m.event_id, m.date): m.status
                for m in att.mark_facts({v.series_id for v in views}, student_id=student_id)
            }
            policies = att.policies(p.program_id for p in periods.values())
            credit = makeup_credit(uow, {v.series_id for v in views}, now)
        tally: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        for view in views:
            key = (view.series_id, view.original_date)
            status = marks.get(key)
            if status is None and not on_sheet(periods[view.class_id], view, tz):
                continue
            if key in credit.makeups:
                continue  # no one's scheduled session
            week = tally[_monday(view.start_local.date())]
            week[0] += 1
            made_up = credit.made_up_at(student_id, key) is not None
            week[1] += bool(status and status.attended) or made_up
        # The line to measure against, when all the student's programs agree on one.
        minimums = {
            policies[p.program_id].minimum_rate_pct if p.program_id in policies else None
            for p in periods.values()
        }
        minimum = minimums.pop() if len(minimums) == 1 else None
        return WeeklyTrend(
            student_name(person.name_first, person.name_last), _weeks(tally, first, weeks), minimum
        )

    @staticmethod
    def _held(
        uow: UnitOfWork, class_ids: Iterable[uuid.UUID], first: date, today: date, now: datetime
    ) -> list[OccurrenceView]:
        """Sessions of the classes that took place from ``first`` to now (started, held)."""
        sched = uow.get(ScheduleRepository)
        lines = sched.lines_of_classes(class_ids)
        if not lines:
            return []
        overrides = sched.override_lines(line.id for line in lines)
        return [
            v
            for v in expand_lines(
                lines,
                overrides,
                first,
                today,
                closed_days_of(uow, {ln.facility_id for ln in lines}, first, today),
                disruptions_of(uow, {ln.facility_id for ln in lines}, first, today),
            )
            if not v.cancelled and v.start_utc <= now and v.start_local.date() >= first
        ]

    # -- hours -------------------------------------------------------------------------------

    def hours_progress(self, student_id: uuid.UUID) -> list[HoursProgress]:
        """Hours earned against the program's requirement in each class the student was
        enrolled in (not the waitlist): current enrolments first, then by class name.

        Hours are those of the attendance summary (sessions attended plus verified ledger).
        """
        now = self._clock.now()
        with self._uow() as uow:
            found = student_outcomes(uow, student_id, now)
        result = [
            HoursProgress(
                enrollment_id=item.enrollment.id,
                class_id=item.enrollment.class_id,
                class_name=item.class_name,
                program_name=item.program_name,
                enrollment_status=item.enrollment.enrollment_status,
                earned=outcome.hours_earned,
                required=policy.required_hours,
            )
            for item, outcome, policy in found
        ]
        result.sort(
            key=lambda h: (
                h.enrollment_status is not EnrollmentStatus.ENROLLED,
                h.class_name.casefold(),
                h.enrollment_id,
            )
        )
        return result

    # -- the week at a glance ----------------------------------------------------------------

    def week_at_a_glance(self, facility_id: uuid.UUID, day: date | None = None) -> WeekGlance:
        """The sessions of the facility's week around ``day`` (default: today there), counted
        per day and starting hour; ``NotFound`` for no facility."""
        now = self._clock.now()
        with self._uow() as uow:
            facility = require(
                uow.get(ClassRepository).facility(facility_id),
                "The facility does not exist or was deleted.",
            )
            tz = check_timezone(facility.timezone)
            today = now.astimezone(tz).date()
            monday = _monday(day or today)
            sunday = monday + timedelta(days=6)
            lines, overrides = uow.get(ScheduleRepository).window(facility_id, monday, sunday)
            closed = closed_days_of(uow, {facility_id}, monday, sunday)
            disrupted = disruptions_of(uow, {facility_id}, monday, sunday)
        views = expand_lines(lines, overrides, monday, sunday, closed, disrupted)
        return WeekGlance(facility.name, facility.timezone, monday, today, _slots(views))


def _slots(views: Sequence[OccurrenceView]) -> tuple[GlanceSlot, ...]:
    cells: dict[tuple[date, int], list[OccurrenceView]] = defaultdict(list)
    for view in views:
        cells[view.start_local.date(), view.start_local.hour].append(view)
    slots = []
    for (day, hour), found in sorted(cells.items()):
        held = [v for v in found if not v.cancelled]
        names = [v.class_name for v in held]
        names += [f"{v.class_name} (cancelled)" for v in found if v.cancelled]
        slots.append(
            GlanceSlot(
                day=day,
                hour=hour,
                sessions=len(held),
                cancelled=len(found) - len(held),
                classes=tuple(names),
            )
        )
    return tuple(slots)
