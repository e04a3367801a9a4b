"""What the class service returns, and how it names staff and students."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.enums import ClassStatus


def staff_name(first: str | None, last: str | None) -> str | None:
    """How a staff member is named on calendars and lists: "Ann Smith"."""
    if first is None and last is None:
        return None
    return " ".join(p for p in (first, last) if p)


def student_name(first: str, last: str) -> str:
    """How a student is named on rosters and sheets, which sort by last name: "Smith, Ann"."""
    return f"{last}, {first}"


@dataclass(frozen=True, slots=True)
class ClassSummary:
    id: uuid.UUID
    name: str
    program_id: uuid.UUID
    program_name: str
    facility_id: uuid.UUID
    instructor_id: uuid.UUID | None
    instructor_name: str | None
    room_id: uuid.UUID | None
    room_name: str | None
    capacity: int | None
    enrolled_count: int
    waitlisted_count: int
    status: ClassStatus
    start_date: date
    end_date: date | None
    description: str | None = None
    credit_hours: Decimal | None = None

    @property
    def places_left(self) -> int | None:
        """Free places; ``None`` when the class has no capacity limit."""
        return None if self.capacity is None else max(0, self.capacity - self.enrolled_count)
