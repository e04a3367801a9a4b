"""What the reports service returns: one frozen row type per report, inside a ``Report``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from typing import Generic, TypeVar

from app.domain.enums import ClassStatus, EnrollmentStatus
from app.domain.i18n import QT_TRANSLATE_NOOP, translate

_CENT = Decimal("0.01")
_CTX = Context(prec=28, rounding=ROUND_HALF_UP)


def rate_pct(attended: int, held: int) -> Decimal | None:
    """``domain.attendance.attendance_rate`` from counts made in SQL: percent, 2 places, half
    up; ``None`` when nothing was held. A test holds the two to the same numbers."""
    if held <= 0:
        return None
    return _CTX.divide(Decimal(attended * 100), Decimal(held)).quantize(_CENT, context=_CTX)


def hours(minutes: int) -> Decimal:
    """Minutes as hours with two places, rounded half up (as ``domain.attendance`` does)."""
    return _CTX.divide(Decimal(minutes), Decimal(60)).quantize(_CENT, context=_CTX)


class ReportKind(StrEnum):
    """The reports the seeds define (DESIGN §2)."""

    TRAINING_SUMMARY = "training_summary"  # seed 004 v_training_summary
    PARTICIPANT_PROGRESS = "participant_progress"  # seed 004 v_participant_progress
    STUDENT_HOURS = "student_hours"  # seed 002 total attendance hours per student
    ACTIVE_ENROLLMENTS = "active_enrollments"  # seed 002 active enrollments
    MISSING_ATTENDANCE = "missing_attendance"

    @property
    def label(self) -> str:
        """The report's name as people read it."""
        return translate("reports", _TITLES[self])

    @property
    def uses_period(self) -> bool:
        """Active enrollments are as of now; every other report covers a period."""
        return self is not ReportKind.ACTIVE_ENROLLMENTS


_TITLES = {
    ReportKind.TRAINING_SUMMARY: QT_TRANSLATE_NOOP("reports", "Training summary"),
    ReportKind.PARTICIPANT_PROGRESS: QT_TRANSLATE_NOOP("reports", "Participant progress"),
    ReportKind.STUDENT_HOURS: QT_TRANSLATE_NOOP("reports", "Hours per student"),
    ReportKind.ACTIVE_ENROLLMENTS: QT_TRANSLATE_NOOP("reports", "Active enrollments"),
    ReportKind.MISSING_ATTENDANCE: QT_TRANSLATE_NOOP("reports", "Missing attendance"),
}

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Report(Generic[R]):
    """A report of one facility: rows in their reading order, the period and when it was made.

    ``start``/``end`` are local dates of the facility (inclusive); ``as_of`` is the facility's
    local time the report was computed at: sessions count once started by then.
    """

    kind: ReportKind
    facility_id: uuid.UUID
    facility_name: str
    timezone: str
    start: date
    end: date
    as_of: datetime
    rows: tuple[R, ...]


@dataclass(frozen=True, slots=True)
class TrainingSummaryRow:
    """A class over the period: enrollments now, sessions in the period, attendance."""

    class_id: uuid.UUID
    class_name: str
    program_name: str
    instructor_name: str | None
    status: ClassStatus
    start_date: date
    end_date: date | None
    capacity: int | None
    enrolled: int  # enrolled now
    waitlisted: int
    completed: int
    left: int  # withdrawn, dropped, transferred, cancelled...
    sessions_scheduled: int  # in the period, not cancelled
    sessions_held: int  # of those, started by now
    sessions_cancelled: int
    seats: int  # student-sessions held
    attended: int
    rate: Decimal | None
    missing_marks: int  # students without a mark on sessions that are over
    made_up: int = 0  # absences made up at a make-up session (counted in ``attended``)


@dataclass(frozen=True, slots=True)
class EnrollmentLine:
    """Who is enrolled in which class: how the enrollment reports' rows begin."""

    enrollment_id: uuid.UUID
    student_id: uuid.UUID
    display_name: str
    student_number: str | None
    class_id: uuid.UUID
    class_name: str
    program_name: str


@dataclass(frozen=True, slots=True)
class ParticipantProgressRow(EnrollmentLine):
    """An enrollment over the period: held sessions while on the sheet, attendance, lessons."""

    status: EnrollmentStatus
    enrolled_on: date | None
    ended_on: date | None
    held: int
    attended: int
    excused: int
    unmarked: int
    rate: Decimal | None
    hours: Decimal  # session hours earned in the period
    lessons_completed: int
    lessons_total: int
    progress_pct: Decimal | None  # completed lessons of the program; None without a curriculum
    made_up: int = 0  # absences made up at a make-up session (counted in ``attended``)


@dataclass(frozen=True, slots=True)
class StudentHoursRow:
    """A student's hours in the period: sessions attended plus the hours ledger."""

    student_id: uuid.UUID
    display_name: str
    student_number: str | None
    sessions_attended: int
    session_hours: Decimal
    ledger_hours: Decimal  # verified entries only
    total_hours: Decimal
    unverified_hours: Decimal  # logged, not yet verified: not in the total


@dataclass(frozen=True, slots=True)
class ActiveEnrollmentRow(EnrollmentLine):
    instructor_name: str | None
    enrolled_on: date | None
    class_ends: date | None


@dataclass(frozen=True, slots=True)
class MissingAttendanceRow:
    """A session that is over with students still unmarked."""

    series_id: uuid.UUID
    class_id: uuid.UUID
    class_name: str
    original_date: date
    start_local: datetime
    instructor_name: str | None
    room_name: str | None
    on_sheet: int
    marked: int
    missing: int
