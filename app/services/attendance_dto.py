"""What the attendance service returns: sheets, their rows, summaries and missing attendance."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.domain.enums import AttendanceStatus, EnrollmentStatus
from app.services.schedule_dto import OccurrenceView


@dataclass(frozen=True, slots=True)
class SheetRow:
    """A student on a sheet and their mark; ``status`` is ``None`` while unmarked."""

    student_id: uuid.UUID
    display_name: str
    student_number: str | None
    doc_id: str | None
    enrollment_status: EnrollmentStatus
    status: AttendanceStatus | None
    absence_reason: str | None
    note: str | None
    check_in_at: datetime | None
    check_out_at: datetime | None
    minutes: int | None
    marked_by: str | None
    marked_at: datetime | None
    needs_review: bool = False
    name_key: tuple[str, str] = ("", "")  # (last, first) casefolded: the order of a sheet


def paper_order(rows: Iterable[SheetRow]) -> list[SheetRow]:
    """The order of every sheet: on screen, on paper (the numbers printed on the sign-in sheet)
    and when marks typed back from paper go down the column. By last, then first name."""
    return sorted(rows, key=lambda r: (r.name_key, r.display_name.casefold(), r.student_id.hex))


@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    """One occurrence and every student on it (in ``paper_order``).

    ``editable`` is false for sessions that have not started or were cancelled; ``refusal``
    then says why, in words fit to show.
    """

    series_id: uuid.UUID
    class_id: uuid.UUID
    class_name: str
    occurrence: OccurrenceView
    facility_timezone: str
    editable: bool
    refusal: str | None
    rows: list[SheetRow]

    @property
    def marked_count(self) -> int:
        return sum(1 for row in self.rows if row.status is not None)


@dataclass(frozen=True, slots=True)
class Teaching:
    """The signed-in staff member as a teacher at one facility: their person (None when the
    login has no person there) and the classes they are the instructor of."""

    user_id: uuid.UUID | None
    class_ids: frozenset[uuid.UUID]

    def teaches(self, session: OccurrenceView) -> bool:
        """Their class, or a session they teach (the series' instructor or its substitute)."""
        if self.user_id is None:
            return False
        return session.instructor_id == self.user_id or session.class_id in self.class_ids


@dataclass(frozen=True, slots=True)
class EnrollmentStanding:
    """An enrollment's attendance against the program's policy (see domain.attendance): what
    both attendance summaries show after naming the class or the student."""

    enrollment_id: uuid.UUID
    enrollment_status: EnrollmentStatus
    held: int
    attended: int
    tardies: int
    absences: int
    excused: int
    unmarked: int
    made_up: int  # absences made up at a make-up session (counted as attended)
    rate: Decimal | None
    effective_rate: Decimal | None
    hours_earned: Decimal
    hours_needed: Decimal | None
    meets_minimum: bool | None


@dataclass(frozen=True, slots=True)
class ClassAttendanceSummary(EnrollmentStanding):
    """A student's attendance in one class against the program's policy."""

    class_id: uuid.UUID
    class_name: str
    program_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class MissingAttendance:
    """A past, held session with fewer marks than students on its sheet."""

    series_id: uuid.UUID
    class_id: uuid.UUID
    class_name: str
    original_date: date
    start_local: datetime
    instructor_id: uuid.UUID | None
    instructor_name: str | None
    expected: int
    marked: int
