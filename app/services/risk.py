"""Students at risk: enrolled but not attending, absent again and again, or too often unexcused.

The rules, for each current enrolment (status *Enrolled*) in a class of the facility that still
runs:

- **not attended yet**: no attended mark (present, late, partial) in the class although
  attendance was taken at one of its sessions that ended after the student was enrolled. A
  session nobody marked does not count: that is *attendance missing*, a list of its own;
- **unexcused absences**: ``UNEXCUSED_LIMIT`` or more unexcused absences in the class;
- **absences in a row**: the latest ``CONSECUTIVE_LIMIT`` or more marks are absences, excused or
  not (an unmarked session neither breaks nor extends the run).

A session that was not held (a closed day of its facility, or a session a disruption in force
stops) counts for nothing: a mark kept on it is neither an absence nor attendance and neither
breaks nor extends a run, and a never-attending student did not miss it.

An instructor sees their own classes (those they teach or that have a series they teach); other
staff see the facility.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.domain.enums import Role
from app.domain.validation import check_timezone
from app.infra.clock import Clock, SystemClock
from app.repositories.classes import ClassRepository
from app.repositories.people import PeopleRepository
from app.repositories.schedule import ScheduleRepository, SeriesLine
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.classes_dto import student_name
from app.services.disruptions import disruptions_of
from app.services.lookup import require
from app.services.occurrences import expand_lines
from app.services.risk_dto import (
    CONSECUTIVE_LIMIT,
    UNEXCUSED_LIMIT,
    AtRiskList,
    RiskReason,
    StudentAtRisk,
)
from app.services.risk_queries import EnrolmentLine, RiskRepository, TallyLine

__all__ = [
    "CONSECUTIVE_LIMIT",
    "UNEXCUSED_LIMIT",
    "AtRiskList",
    "RiskReason",
    "RiskService",
    "StudentAtRisk",
]

# How far back "not attended yet" looks for sessions: a student enrolled longer ago than this
# without ever attending has missed sessions within it too, if the class met at all.
LOOKBACK_DAYS = 366


class _Missed:
    """Sessions with attendance taken that a never-attending student was on the sheet for."""

    __slots__ = ("count", "first")

    def __init__(self) -> None:
        self.count = 0
        self.first: datetime | None = None


class RiskService:
    """Finds the students of a facility (or of an instructor's classes) who need a look."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def students_at_risk(
        self, facility_id: uuid.UUID, *, instructor_id: uuid.UUID | None = None
    ) -> AtRiskList:
        """The at-risk enrolments of the facility, most reasons first, then by name.

        ``instructor_id`` limits the list to that instructor's classes; without it, a signed-in
        instructor gets their own classes and other staff the whole facility. Seven queries
        whatever the size of the facility, one more when a disruption is in force in the
        look-back. Sessions not held count for nothing. Raises ``NotFound`` for an unknown
        facility.
        """
        now = self._clock.now()
        with self._uow() as uow:
            facility = require(
                uow.get(ClassRepository).facility(facility_id),
                "The facility does not exist or was deleted.",
            )
            mine = instructor_id is not None
            if instructor_id is None and uow.actor.role is Role.INSTRUCTOR:
                mine = True
                me = uow.get(PeopleRepository).find_by_username(uow.actor.username)
                # An instructor not known here teaches nothing here: an empty list, not all.
                instructor_id = me.id if me is not None else uuid.UUID(int=0)
            tz = check_timezone(facility.timezone)
            not_held = _disrupted(uow, facility_id, tz, now)
            repo = uow.get(RiskRepository)
            tallies = repo.tallies(
                facility_id,
                instructor_id=instructor_id,
                unexcused_limit=UNEXCUSED_LIMIT,
                in_a_row_limit=CONSECUTIVE_LIMIT,
                not_held=not_held,
            )
            never = repo.never_attended(facility_id, instructor_id=instructor_id, not_held=not_held)
            missed = self._missed(uow, never, tz, now, not_held)
        students = _merge(tallies, never, missed)
        students.sort(
            key=lambda s: (
                -len(s.reasons),
                s.display_name.casefold(),
                s.class_name.casefold(),
                s.enrollment_id,
            )
        )
        return AtRiskList(facility_id, mine, tuple(students))

    @staticmethod
    def _missed(
        uow: UnitOfWork,
        never: list[EnrolmentLine],
        tz: ZoneInfo,
        now: datetime,
        not_held: set[tuple[uuid.UUID, date]],
    ) -> dict[uuid.UUID, _Missed]:
        """For each never-attending enrolment, the sessions held with attendance taken since
        it."""
        if not never:
            return {}
        today = now.astimezone(tz).date()
        floor = today - timedelta(days=LOOKBACK_DAYS)
        starts: dict[uuid.UUID, datetime] = {}
        for line in never:
            first = starts.get(line.class_id)
            starts[line.class_id] = (
                line.enrolled_at if first is None else min(first, line.enrolled_at)
            )
        sched = uow.get(ScheduleRepository)
        series = sched.lines_of_classes(starts)
        if not series:
            return {}
        overrides = sched.override_lines(s.id for s in series)
        since = max(floor, min(starts.values()).astimezone(tz).date())
        taken = uow.get(RiskRepository).taken_sessions(starts, since, not_held)
        by_class: dict[uuid.UUID, list[SeriesLine]] = defaultdict(list)
        for s in series:
            by_class[s.class_id].append(s)
        ends: dict[uuid.UUID, list[tuple[datetime, datetime]]] = {}
        for class_id, class_series in by_class.items():
            start = max(floor, starts[class_id].astimezone(tz).date())
            if start > today:
                continue  # enrolled for a later day: nothing missed yet
            ends[class_id] = sorted(
                (v.end_utc, v.start_local)
                for v in expand_lines(class_series, overrides, start, today)
                if not v.cancelled and v.end_utc <= now and (v.series_id, v.original_date) in taken
            )
        result: dict[uuid.UUID, _Missed] = {}
        for line in never:
            missed = _Missed()
            for end_utc, start_local in ends.get(line.class_id, ()):
                if end_utc >= line.enrolled_at:  # on the sheet: the sheet's own rule
                    missed.count += 1
                    if missed.first is None:
                        missed.first = start_local
            if missed.count:
                result[line.enrollment_id] = missed
        return result


def _disrupted(
    uow: UnitOfWork, facility_id: uuid.UUID, tz: ZoneInfo, now: datetime
) -> set[tuple[uuid.UUID, date]]:
    """The sessions (series, original date) of the look-back that a disruption in force stops:
    one query, and one more for the facility's series when there is such a disruption (few,
    and each at most two weeks long, so only their own days are expanded)."""
    today = now.astimezone(tz).date()
    windows = disruptions_of(uow, {facility_id}, today - timedelta(days=LOOKBACK_DAYS), today).get(
        facility_id
    )
    if not windows:
        return set()
    spans = [
        (
            w,
            w.starts_at.astimezone(tz).date() - timedelta(days=1),
            w.ends_at.astimezone(tz).date() + timedelta(days=1),
        )
        for w in windows
    ]
    lines, overrides = uow.get(ScheduleRepository).window(
        facility_id, min(lo for _, lo, _ in spans), max(hi for _, _, hi in spans)
    )
    found: set[tuple[uuid.UUID, date]] = set()
    for window, lo, hi in spans:
        for v in expand_lines(lines, overrides, lo, hi, None, {facility_id: [window]}):
            if v.disrupted:
                found.add((v.series_id, v.original_date))
    return found


def _merge(
    tallies: list[TallyLine], never: list[EnrolmentLine], missed: dict[uuid.UUID, _Missed]
) -> list[StudentAtRisk]:
    lines: dict[uuid.UUID, EnrolmentLine] = {}
    counts: dict[uuid.UUID, TallyLine] = {}
    for counted in tallies:
        lines[counted.line.enrollment_id] = counted.line
        counts[counted.line.enrollment_id] = counted
    for line in never:
        if line.enrollment_id in missed:
            lines[line.enrollment_id] = line
    result = []
    for enrollment_id, line in lines.items():
        tally = counts.get(enrollment_id)
        gone = missed.get(enrollment_id)
        unexcused = tally.unexcused if tally else 0
        in_a_row = tally.absent_in_a_row if tally else 0
        reasons = []
        if gone is not None:
            reasons.append(RiskReason.NO_ATTENDANCE_YET)
        if in_a_row >= CONSECUTIVE_LIMIT:
            reasons.append(RiskReason.CONSECUTIVE_ABSENCES)
        if unexcused >= UNEXCUSED_LIMIT:
            reasons.append(RiskReason.UNEXCUSED_ABSENCES)
        if not reasons:
            continue
        result.append(
            StudentAtRisk(
                student_id=line.student_id,
                display_name=student_name(line.name_first, line.name_last),
                student_number=line.student_number,
                class_id=line.class_id,
                class_name=line.class_name,
                enrollment_id=enrollment_id,
                reasons=tuple(reasons),
                sessions_without_attendance=gone.count if gone else 0,
                first_missed=gone.first.date() if gone and gone.first else None,
                unexcused=unexcused,
                absent_in_a_row=in_a_row,
                last_marked=tally.last_marked if tally else None,
            )
        )
    return result
