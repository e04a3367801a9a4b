"""What the class service takes and returns, and the ``UNSET`` marker of partial updates."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final, Literal, TypeAlias, TypeVar

from app.domain.enums import ClassStatus


class _Unset(enum.Enum):
    """A field left out of a partial update (``None`` is a value: it clears the field)."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset.UNSET
Unset: TypeAlias = Literal[_Unset.UNSET]
_T = TypeVar("_T")


def pick(value: _T | Unset, current: _T) -> _T:
    """The new value of a partial-update field, or ``current`` when it was left out."""
    return current if value is UNSET else value


def staff_name(first: str | None, last: str | None) -> str | None:
    """How a staff member is named on calendars and lists: "Ann Smith"."""
    if first is None and last is None:
        return None
    return " ".join(p for p in (first, last) if p)


def student_name(first: str, last: str) -> str:
    """How a student is named on rosters and sheets, which sort by last name: "Smith, Ann"."""
    return f"{last}, {first}"


@dataclass(frozen=True, slots=True)
class NewClass:
    program_id: uuid.UUID
    facility_id: uuid.UUID
    name: str
    start_date: date
    end_date: date | None = None
    capacity: int | None = None
    instructor_id: uuid.UUID | None = None
    room_id: uuid.UUID | None = None
    description: str | None = None
    credit_hours: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ClassChanges:
    """Fields to change; the program and facility of a class are fixed once it exists."""

    name: str | Unset = UNSET
    start_date: date | Unset = UNSET
    end_date: date | Unset | None = UNSET
    capacity: int | Unset | None = UNSET
    instructor_id: uuid.UUID | Unset | None = UNSET
    room_id: uuid.UUID | Unset | None = UNSET
    description: str | Unset | None = UNSET
    credit_hours: Decimal | Unset | None = UNSET


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
