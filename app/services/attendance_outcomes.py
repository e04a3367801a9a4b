"""Attendance outcomes: each enrolment's standing against its program's policy (sessions held,
attended, rates, hours), the summaries of a student or a class, and sessions left unmarked."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from app.db.models import AttendancePolicyRow, Enrollment
from app.domain.attendance import AttendancePolicy, PolicyOutcome, evaluate
from app.domain.errors import NotFound, ValidationError
from app.domain.makeup import credit_makeups
from app.domain.validation import check_range, check_timezone
from app.infra.clock import Clock, SystemClock
from app.repositories.attendance import AttendanceRepository, LedgerLine, MarkFact
from app.repositories.classes import ClassRepository
from app.repositories.enrollments import (
    EnrolledPeriod,
    EnrollmentRepository,
    StudentEnrollmentLine,
)
from app.repositories.schedule import ScheduleRepository, SeriesLine
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.attendance_dto import (
    ClassAttendanceSummary,
    EnrollmentStanding,
    MissingAttendance,
)
from app.services.closures import closed_days_of
from app.services.disruptions import disruptions_of
from app.services.from_row import from_row
from app.services.makeups import link_pairs, occurrence_record
from app.services.occurrences import MAX_WINDOW_DAYS, expand_lines, local_day_start
from app.services.schedule_dto import OccurrenceView

__all__ = ["AttendanceOutcomes", "enrollment_outcomes", "on_sheet", "student_outcomes"]


def _policy(row: AttendancePolicyRow | None) -> AttendancePolicy:
    if row is None:
        return AttendancePolicy()
    return AttendancePolicy(
        tardy_after_minutes=row.tardy_after_minutes,
        tardies_per_absence=row.tardies_per_absence,
        required_hours=row.required_hours,
        minimum_rate_pct=row.minimum_rate_pct,
    )


def on_sheet(period: EnrolledPeriod, view: OccurrenceView, tz: ZoneInfo) -> bool:
    """The roster-as-of rule of ``AttendanceRepository.sheet_lines``, for loaded rows."""
    if period.enrolled_at > view.end_utc:
        return False
    return period.ended_at is None or period.ended_at >= local_day_start(view.original_date, tz)


def enrollment_outcomes(
    uow: UnitOfWork, periods: Sequence[EnrolledPeriod], now: datetime
) -> dict[uuid.UUID, tuple[PolicyOutcome, AttendancePolicy]]:
    """Each enrollment's standing against its program's policy as of ``now``, by enrollment id.

    The occurrences counted are the class's sessions the student was on the sheet of (same rule
    as the sheet) or has a mark for, up to today. Hours earned add the verified hours-ledger
    minutes of that enrollment and, for entries tied to the program only, of the program: those
    count in every class of the program the student takes. Unverified entries do not count.
    """
    if not periods:
        return {}
    sched = uow.get(ScheduleRepository)
    att = uow.get(AttendanceRepository)
    class_ids = {p.class_id for p in periods}
    students = {p.user_id for p in periods}
    lines = sched.lines_of_classes(class_ids)
    series_ids = [line.id for line in lines]
    overrides = sched.override_lines(series_ids)
    only = next(iter(students)) if len(students) == 1 else None
    marks: dict[tuple[uuid.UUID, uuid.UUID, date], MarkFact] = {}
    first_mark: dict[uuid.UUID, date] = {}
    for mark in att.mark_facts(series_ids, student_id=only):
        if mark.user_id in students:
            marks[mark.user_id, mark.event_id, mark.date] = mark
            first_mark[mark.event_id] = min(mark.date, first_mark.get(mark.event_id, mark.date))
    policies = att.policies(p.program_id for p in periods)
    ledger = att.verified_ledger(students, {p.program_id for p in periods})
    links = link_pairs(uow, series_ids)

    lines_by_class: dict[uuid.UUID, list[SeriesLine]] = defaultdict(list)
    for line in lines:
        lines_by_class[line.class_id].append(line)
    periods_by_class: dict[uuid.UUID, list[EnrolledPeriod]] = defaultdict(list)
    for period in periods:
        periods_by_class[period.class_id].append(period)

    result: dict[uuid.UUID, tuple[PolicyOutcome, AttendancePolicy]] = {}
    for class_id, class_periods in periods_by_class.items():
        class_lines = lines_by_class.get(class_id, [])
        views: list[OccurrenceView] = []
        tz = ZoneInfo("UTC")
        if class_lines:
            tz = check_timezone(class_lines[0].timezone)
            today = now.astimezone(tz).date()
            starts = [p.enrolled_at.astimezone(tz).date() for p in class_periods]
            starts += [first_mark[ln.id] for ln in class_lines if ln.id in first_mark]
            start = min(starts)
            if start <= today:
                closed = closed_days_of(uow, {ln.facility_id for ln in class_lines}, start, today)
                stops = disruptions_of(uow, {ln.facility_id for ln in class_lines}, start, today)
                views = expand_lines(class_lines, overrides, start, today, closed, stops)
        for period in class_periods:
            policy = _policy(policies.get(period.program_id))
            records = {}
            for view in views:
                taken = marks.get((period.user_id, view.series_id, view.original_date))
                if taken is None and not on_sheet(period, view, tz):
                    continue
                records[view.series_id, view.original_date] = occurrence_record(view, taken)
            if links:  # make-ups: the rule of app.domain.makeup
                records = credit_makeups(records, links, now)
            ledger_minutes = sum(entry.minutes for entry in ledger if _counts_for(entry, period))
            result[period.enrollment_id] = (
                evaluate(policy, records.values(), now, ledger_minutes),
                policy,
            )
    return result


def student_outcomes(
    uow: UnitOfWork, student_id: uuid.UUID, now: datetime
) -> list[tuple[StudentEnrollmentLine, PolicyOutcome, AttendancePolicy]]:
    """Each enrolment that ever put the student on a sheet, with its standing as of ``now``;
    ``NotFound`` when there is no such student."""
    if uow.get(ClassRepository).person(student_id) is None:
        raise NotFound("The student does not exist or was deleted.")
    enrollments = uow.get(EnrollmentRepository)
    outcomes = enrollment_outcomes(uow, enrollments.periods(student_id=student_id), now)
    return [
        (item, *outcomes[item.enrollment.id])
        for item in enrollments.of_student(student_id)
        if item.enrollment.id in outcomes
    ]


def _counts_for(entry: LedgerLine, period: EnrolledPeriod) -> bool:
    if entry.user_id != period.user_id:
        return False
    if entry.enrollment_id is not None:
        return entry.enrollment_id == period.enrollment_id
    return entry.program_id == period.program_id


class AttendanceOutcomes:
    """Summarises attendance against programs' policies; finds sessions left unmarked."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def student_summary(self, student_id: uuid.UUID) -> list[ClassAttendanceSummary]:
        """Attendance of a student in each class they were enrolled in, by class name."""
        now = self._clock.now()
        with self._uow() as uow:
            found = student_outcomes(uow, student_id, now)
        found.sort(key=lambda f: (f[0].class_name.casefold(), f[0].enrollment.id))
        return [
            _standing(
                ClassAttendanceSummary,
                item.enrollment,
                outcome,
                class_id=item.enrollment.class_id,
                class_name=item.class_name,
                program_id=item.program_id,
            )
            for item, outcome, _ in found
        ]

    def missing_attendance(
        self, facility_id: uuid.UUID, start: date, end: date
    ) -> list[MissingAttendance]:
        """Past, held sessions between two local dates with fewer marks than students, by start.

        A session counts once it has ended; its expected count is the students on its sheet.
        """
        check_range(start, end, what="The period", field="end")
        if (end - start).days > MAX_WINDOW_DAYS:
            raise ValidationError("The period can span at most a year.", field="end")
        now = self._clock.now()
        with self._uow() as uow:
            lines, overrides = uow.get(ScheduleRepository).window(facility_id, start, end)
            views = [
                v
                for v in expand_lines(
                    lines,
                    overrides,
                    start,
                    end,
                    closed_days_of(uow, {facility_id}, start, end),
                    disruptions_of(uow, {facility_id}, start, end),
                )
                if not v.cancelled and v.end_utc <= now
            ]
            if not views:
                return []
            periods: dict[uuid.UUID, list[EnrolledPeriod]] = defaultdict(list)
            for period in uow.get(EnrollmentRepository).periods(facility_id=facility_id):
                periods[period.class_id].append(period)
            first = min(v.original_date for v in views)
            last = max(v.original_date for v in views)
            marked = uow.get(AttendanceRepository).marked_counts(facility_id, first, last)
        tz = check_timezone(lines[0].timezone)
        result = []
        for view in views:
            expected = sum(1 for p in periods.get(view.class_id, ()) if on_sheet(p, view, tz))
            done = marked.get((view.series_id, view.original_date), 0)
            if done < expected:
                result.append(from_row(MissingAttendance, view, expected=expected, marked=done))
        return result


_S = TypeVar("_S", bound=EnrollmentStanding)

_OUTCOME_FIELDS = (
    "held",
    "attended",
    "tardies",
    "absences",
    "excused",
    "unmarked",
    "made_up",
    "rate",
    "effective_rate",
    "hours_earned",
    "hours_needed",
    "meets_minimum",
)


def _standing(dto: type[_S], enrollment: Enrollment, o: PolicyOutcome, **named: Any) -> _S:
    """A summary DTO: what ``named`` names (the class or the student), then the enrollment's
    standing, the policy outcome as the flat fields both summaries carry."""
    return dto(
        enrollment_id=enrollment.id,
        enrollment_status=enrollment.enrollment_status,
        **{name: getattr(o, name) for name in _OUTCOME_FIELDS},
        **named,
    )
