"""What the roster service returns: rosters, enrollments of a student, and their history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from app.domain.enums import EnrollmentStatus


@dataclass(frozen=True, slots=True)
class RosterEntry:
    enrollment_id: uuid.UUID
    class_id: uuid.UUID
    student_id: uuid.UUID
    display_name: str
    student_number: str | None
    doc_id: str | None
    status: EnrollmentStatus
    enrolled_at: datetime | None
    ended_at: datetime | None
    waitlist_position: int | None
    change_reason: str | None
    progress_pct_at_withdrawal: int | None = None
    transferred_to_class_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class Roster:
    """A class's students: enrolled (by name), waitlisted (in waitlist order), ended (by name)."""

    class_id: uuid.UUID
    class_name: str
    capacity: int | None
    enrolled: list[RosterEntry]
    waitlisted: list[RosterEntry]
    others: list[RosterEntry]

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - len(self.enrolled))


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One status change of an enrollment; ``from_status`` is ``None`` for its creation."""

    enrollment_id: uuid.UUID
    from_status: EnrollmentStatus | None
    to_status: EnrollmentStatus
    reason: str | None
    changed_at: datetime
    changed_by: str | None


@dataclass(frozen=True, slots=True)
class StudentEnrollment:
    """An enrollment as a student record shows it, with its class, program and history."""

    enrollment_id: uuid.UUID
    class_id: uuid.UUID
    class_name: str
    program_id: uuid.UUID
    program_name: str
    status: EnrollmentStatus
    enrolled_at: datetime | None
    ended_at: datetime | None
    waitlist_position: int | None
    change_reason: str | None
    progress_pct_at_withdrawal: int | None
    transferred_to_class_id: uuid.UUID | None
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True, slots=True)
class StatusChange:
    enrollment_id: uuid.UUID
    student_id: uuid.UUID
    display_name: str
    from_status: EnrollmentStatus
    to_status: EnrollmentStatus


@dataclass(frozen=True, slots=True)
class TransferOutcome:
    """The closed enrollment (``Incomplete: Transfered``) and the one in the target class."""

    old: RosterEntry
    new: RosterEntry
