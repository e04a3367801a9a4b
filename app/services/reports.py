"""Reports of a facility: training summary, participant progress, hours per student, active
enrollments and missing attendance (the reports of seeds 002 and 004, DESIGN §2).

Sessions are expanded from their series in Python (a few thousand a term); everything counted
per student is counted by the database (``ReportRepository``), so a report costs a fixed number
of statements however many students a facility has. The attendance rate is the app's one
definition (``app.domain.attendance``): held sessions are those started by now and not
cancelled; a student counts for a session when on its sheet (the sheet's own rule) or marked.
Make-up sessions (``app.services.makeups``) are no student's scheduled session (their seats are
taken out, the minutes attended there stay), and an absence made up counts as attended and as
"made up".
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.enums import AttendanceStatus
from app.domain.errors import ValidationError
from app.domain.i18n import translate
from app.domain.validation import check_range
from app.infra.clock import Clock, SystemClock
from app.repositories.enrollments import EnrollmentRepository
from app.repositories.facilities import FacilityRepository
from app.repositories.report_seats import HeldSession, SeatRepository, SeatTotals
from app.repositories.reports import EnrollmentLine, ReportRepository
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.classes_dto import staff_name, student_name
from app.services.closures import closed_days_of
from app.services.disruptions import disruptions_of
from app.services.facilities import facility_zone
from app.services.from_row import from_row
from app.services.lookup import require
from app.services.makeups import makeup_credit
from app.services.occurrences import MAX_WINDOW_DAYS, expand_lines, local_day_start
from app.services.reports_dto import (
    ActiveEnrollmentRow,
    MissingAttendanceRow,
    ParticipantProgressRow,
    Report,
    ReportKind,
    StudentHoursRow,
    TrainingSummaryRow,
    hours,
    rate_pct,
)
from app.services.schedule_dto import OccurrenceView

__all__ = ["ReportKind", "ReportsService"]

_NONE = SeatTotals()


def _name_key(last: str, first: str, tiebreak: object) -> tuple[str, str, str]:
    # Sorted here, not in SQL: PostgreSQL and SQLite collate differently.
    return (last.casefold(), first.casefold(), str(tiebreak))


def _local_date(value: datetime | None, tz: ZoneInfo) -> date | None:
    return None if value is None else value.astimezone(tz).date()


def _by_student(ln: EnrollmentLine) -> tuple[str, str, str, str]:
    """The order of the reports of enrollments: by student, then class."""
    return (*_name_key(ln.name_last, ln.name_first, ln.user_id), ln.class_name)


def _student_cells(ln: EnrollmentLine, tz: ZoneInfo) -> dict[str, Any]:
    """What a report of enrollments says of the student and of when they enrolled."""
    return {
        "student_id": ln.user_id,
        "display_name": student_name(ln.name_first, ln.name_last),
        "enrolled_on": _local_date(ln.enrolled_at, tz),
    }


class _Frame:
    """What every report of one facility and period shares: its zone, bounds and sessions."""

    def __init__(
        self, uow: UnitOfWork, facility_id: uuid.UUID, start: date, end: date, now: datetime
    ) -> None:
        facility = require(
            uow.get(FacilityRepository).get(facility_id),
            translate("refusal", "The facility does not exist or was removed."),
        )
        self.facility_id = facility_id
        self.name = facility.name
        self.timezone = facility.timezone
        self.tz = facility_zone(facility)
        self.start, self.end, self.now = start, end, now
        self.lo = local_day_start(start, self.tz)
        self.hi = local_day_start(end + timedelta(days=1), self.tz)
        self.views: list[OccurrenceView] = []
        self.held: list[HeldSession] = []
        self.makeups: list[HeldSession] = []  # held make-up sessions: no one's scheduled seat
        # absences made up in held sessions: (student, class) -> the statuses they had
        self.made_up: dict[tuple[uuid.UUID, uuid.UUID], list[AttendanceStatus]] = {}

    def expand(self, uow: UnitOfWork) -> None:
        """The sessions of the period (in their possibly moved local dates) and the held ones."""
        lines, overrides = uow.get(ScheduleRepository).window(
            self.facility_id, self.start, self.end
        )
        closed = closed_days_of(uow, {self.facility_id}, self.start, self.end)
        disrupted = disruptions_of(uow, {self.facility_id}, self.start, self.end)
        self.views = expand_lines(lines, overrides, self.start, self.end, closed, disrupted)
        self.held = [
            HeldSession(
                series_id=v.series_id,
                class_id=v.class_id,
                original_date=v.original_date,
                end_utc=v.end_utc,
                day_start_utc=local_day_start(v.original_date, self.tz),
                minutes=max(0, int((v.end_utc - v.start_utc).total_seconds()) // 60),
                ended=v.end_utc <= self.now,
            )
            for v in self.views
            if not v.cancelled and v.start_utc <= self.now
        ]
        credit = makeup_credit(uow, {line.id for line in lines}, self.now)
        self.makeups = [s for s in self.held if (s.series_id, s.original_date) in credit.makeups]
        for (user_id, series_id, day), status in (credit.made_up or {}).items():
            for s in self.held:
                if (s.series_id, s.original_date) == (series_id, day):
                    self.made_up.setdefault((user_id, s.class_id), []).append(status)

    def seats(self, uow: UnitOfWork, key: str) -> tuple[dict[Any, SeatTotals], Counter[Any]]:
        """Seat totals by ``key`` (``enrollment``, ``class`` or ``user``) with the make-up rule
        applied, and the absences made up by the same key."""
        repo = uow.get(SeatRepository)
        totals = repo.seats_by(self.held, key)
        less = repo.seats_by(self.makeups, key) if self.makeups else {}
        made: Counter[Any] = Counter()
        excused: Counter[Any] = Counter()
        if self.made_up:
            enrollments: dict[tuple[uuid.UUID, uuid.UUID], uuid.UUID] = {}
            if key == "enrollment":
                classes = {c for _, c in self.made_up}
                for p in uow.get(EnrollmentRepository).periods(class_ids=classes):
                    enrollments.setdefault((p.user_id, p.class_id), p.enrollment_id)
            for (user_id, class_id), statuses in self.made_up.items():
                group = {"class": class_id, "user": user_id}.get(key) or enrollments.get(
                    (user_id, class_id)
                )
                made[group] += len(statuses)
                excused[group] += statuses.count(AttendanceStatus.ABSENT_EXCUSED)
        result = {}
        for group, t in totals.items():
            m = less.get(group, _NONE)
            result[group] = SeatTotals(
                seats=t.seats - m.seats,
                attended=t.attended - m.attended + made[group],
                excused=t.excused - m.excused - excused[group],
                unmarked=t.unmarked - m.unmarked,
                missing=t.missing - m.missing,
                minutes=t.minutes,  # minutes attended at a make-up earn hours
            )
        return result, made

    def report(self, kind: ReportKind, rows: Sequence[Any]) -> Report[Any]:
        return Report(
            kind=kind,
            facility_id=self.facility_id,
            facility_name=self.name,
            timezone=self.timezone,
            start=self.start,
            end=self.end,
            as_of=self.now.astimezone(self.tz),
            rows=tuple(rows),
        )


class ReportsService:
    """Computes the reports of one facility over a period of its local dates (inclusive).

    Read-only. Raises ``ValidationError`` for a period that ends before it starts or spans more
    than a year, ``NotFound`` for an unknown facility.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def run(self, kind: ReportKind, facility_id: uuid.UUID, start: date, end: date) -> Report[Any]:
        """Any report by kind (what the Reports screen calls); the period is ignored by
        ``ACTIVE_ENROLLMENTS``, which is as of now."""
        makers: dict[ReportKind, Callable[[], Report[Any]]] = {
            ReportKind.TRAINING_SUMMARY: lambda: self.training_summary(facility_id, start, end),
            ReportKind.PARTICIPANT_PROGRESS: lambda: self.participant_progress(
                facility_id, start, end
            ),
            ReportKind.STUDENT_HOURS: lambda: self.student_hours(facility_id, start, end),
            ReportKind.ACTIVE_ENROLLMENTS: lambda: self.active_enrollments(facility_id),
            ReportKind.MISSING_ATTENDANCE: lambda: self.missing_attendance(facility_id, start, end),
        }
        try:
            maker = makers[ReportKind(kind)]
        except ValueError:
            raise ValidationError(
                translate("refusal", "“{kind}” is not a report.").format(kind=kind), field="kind"
            ) from None
        return maker()

    # -- the reports ----------------------------------------------------------------------------

    def training_summary(
        self, facility_id: uuid.UUID, start: date, end: date
    ) -> Report[TrainingSummaryRow]:
        """Each class running in the period, by name: enrollments now, its sessions in the
        period (scheduled, held, cancelled), the attendance rate over held sessions and the
        marks still missing on sessions that are over."""
        with self._uow() as uow:
            frame = self._frame(uow, facility_id, start, end)
            classes = uow.get(ReportRepository).class_lines(facility_id, start, end)
            seats, made_up = frame.seats(uow, "class")
        scheduled: Counter[uuid.UUID] = Counter()
        cancelled: Counter[uuid.UUID] = Counter()
        for v in frame.views:
            (cancelled if v.cancelled else scheduled)[v.class_id] += 1
        held = Counter(s.class_id for s in frame.held)
        rows = []
        for c in sorted(classes, key=lambda c: (c.name.casefold(), str(c.class_id))):
            t = seats.get(c.class_id, _NONE)
            rows.append(
                from_row(
                    TrainingSummaryRow,
                    c,
                    class_name=c.name,
                    instructor_name=staff_name(c.instructor_first, c.instructor_last),
                    enrolled=int(c.enrolled),
                    waitlisted=int(c.waitlisted),
                    completed=int(c.completed),
                    left=int(c.left),
                    sessions_scheduled=scheduled[c.class_id],
                    sessions_held=held[c.class_id],
                    sessions_cancelled=cancelled[c.class_id],
                    seats=t.seats,
                    attended=t.attended,
                    rate=rate_pct(t.attended, t.seats),
                    missing_marks=t.missing,
                    made_up=made_up[c.class_id],
                )
            )
        return frame.report(ReportKind.TRAINING_SUMMARY, rows)

    def participant_progress(
        self, facility_id: uuid.UUID, start: date, end: date
    ) -> Report[ParticipantProgressRow]:
        """Each enrollment on sheets during the period (or marked in it), by student then class:
        held sessions, attended, excused, unmarked, the rate, session hours, and completed
        lessons of the program's curriculum."""
        with self._uow() as uow:
            frame = self._frame(uow, facility_id, start, end)
            repo = uow.get(ReportRepository)
            seats, made_up = frame.seats(uow, "enrollment")
            lines = {
                ln.enrollment_id: ln
                for ln in repo.enrollments_during(facility_id, frame.lo, frame.hi)
            }
            extra = [k for k in seats if k not in lines]
            lines.update((ln.enrollment_id, ln) for ln in repo.enrollments_by_id(extra))
            done = repo.lessons_completed(facility_id)
            totals = repo.lesson_totals()
        ordered = sorted(lines.values(), key=_by_student)
        rows = []
        for ln in ordered:
            t = seats.get(ln.enrollment_id, _NONE)
            completed = done.get((ln.user_id, ln.program_id), 0)
            total = totals.get(ln.program_id, 0)
            rows.append(
                from_row(
                    ParticipantProgressRow,
                    ln,
                    **_student_cells(ln, frame.tz),
                    ended_on=_local_date(ln.ended_at, frame.tz),
                    held=t.seats,
                    attended=t.attended,
                    excused=t.excused,
                    unmarked=t.unmarked,
                    rate=rate_pct(t.attended, t.seats),
                    hours=hours(t.minutes),
                    lessons_completed=completed,
                    lessons_total=total,
                    progress_pct=rate_pct(min(completed, total), total),
                    made_up=made_up[ln.enrollment_id],
                )
            )
        return frame.report(ReportKind.PARTICIPANT_PROGRESS, rows)

    def student_hours(
        self, facility_id: uuid.UUID, start: date, end: date
    ) -> Report[StudentHoursRow]:
        """Each student with hours in the period, most hours first: minutes earned in held
        sessions (recorded minutes, else the session's length when present or late) plus
        verified hours-ledger entries of those days; unverified ones are shown apart."""
        with self._uow() as uow:
            frame = self._frame(uow, facility_id, start, end)
            repo = uow.get(ReportRepository)
            sessions = uow.get(SeatRepository).seats_by_student(frame.held)
            ledger = repo.ledger_totals(facility_id, start, end, frame.lo, frame.hi)
        people: dict[uuid.UUID, tuple[str, str, str | None]] = {}
        attended: dict[uuid.UUID, tuple[int, int]] = {}
        for s in sessions:
            if s.totals.attended or s.totals.minutes:
                people[s.user_id] = (s.name_first, s.name_last, s.student_number)
                attended[s.user_id] = (s.totals.attended, s.totals.minutes)
        logged: dict[uuid.UUID, tuple[int, int]] = {}
        for entry in ledger:
            people[entry.user_id] = (entry.name_first, entry.name_last, entry.student_number)
            logged[entry.user_id] = (entry.verified, entry.unverified)
        keyed = []
        for user_id, (first, last, number) in people.items():
            count, session_minutes = attended.get(user_id, (0, 0))
            verified, unverified = logged.get(user_id, (0, 0))
            total = session_minutes + verified
            row = StudentHoursRow(
                student_id=user_id,
                display_name=student_name(first, last),
                student_number=number,
                sessions_attended=count,
                session_hours=hours(session_minutes),
                ledger_hours=hours(verified),
                total_hours=hours(session_minutes + verified),
                unverified_hours=hours(unverified),
            )
            keyed.append(((-total, *_name_key(last, first, user_id)), row))
        keyed.sort(key=lambda pair: pair[0])
        return frame.report(ReportKind.STUDENT_HOURS, [row for _, row in keyed])

    def active_enrollments(self, facility_id: uuid.UUID) -> Report[ActiveEnrollmentRow]:
        """Every enrollment of the facility with the status Enrolled, by student then class.
        The report's period is today."""
        now = self._clock.now()
        with self._uow() as uow:
            facility = require(
                uow.get(FacilityRepository).get(facility_id),
                translate("refusal", "The facility does not exist or was removed."),
            )
            today = now.astimezone(facility_zone(facility)).date()
            frame = _Frame(uow, facility_id, today, today, now)
            lines = uow.get(ReportRepository).active_enrollments(facility_id)
        lines.sort(key=_by_student)
        rows = [
            from_row(
                ActiveEnrollmentRow,
                ln,
                **_student_cells(ln, frame.tz),
                instructor_name=staff_name(ln.instructor_first, ln.instructor_last),
                class_ends=ln.class_end,
            )
            for ln in lines
        ]
        return frame.report(ReportKind.ACTIVE_ENROLLMENTS, rows)

    def missing_attendance(
        self, facility_id: uuid.UUID, start: date, end: date
    ) -> Report[MissingAttendanceRow]:
        """Sessions of the period that are over with students on the sheet still unmarked,
        oldest first."""
        with self._uow() as uow:
            frame = self._frame(uow, facility_id, start, end)
            over = [s for s in frame.held if s.ended]
            seats = uow.get(SeatRepository).seats_by(over, "session")
        rows = []
        for v in frame.views:
            t = seats.get((v.series_id, v.original_date))
            if t is None or not t.missing or v.cancelled:
                continue
            rows.append(
                from_row(
                    MissingAttendanceRow,
                    v,
                    on_sheet=t.seats,
                    marked=t.seats - t.unmarked,
                    missing=t.missing,
                )
            )
        return frame.report(ReportKind.MISSING_ATTENDANCE, rows)

    # -- helpers --------------------------------------------------------------------------------

    def _frame(self, uow: UnitOfWork, facility_id: uuid.UUID, start: date, end: date) -> _Frame:
        for value, field in ((start, "start"), (end, "end")):
            if isinstance(value, datetime) or not isinstance(value, date):
                raise ValidationError(
                    translate("refusal", "The period is made of calendar dates."), field=field
                )
        check_range(start, end, what="The period", field="end")
        if (end - start).days >= MAX_WINDOW_DAYS:
            raise ValidationError(
                translate("refusal", "A report can span at most a year."), field="end"
            )
        frame = _Frame(uow, facility_id, start, end, self._clock.now().astimezone(UTC))
        frame.expand(uow)
        return frame
