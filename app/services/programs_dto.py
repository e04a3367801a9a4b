"""What the program service returns: programs, policies, curriculum and progress as frozen DTOs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from app.domain.enums import FundingType, ProgramType, ProgressStatus


@dataclass(frozen=True, slots=True)
class ProgramDTO:
    id: uuid.UUID
    name: str
    description: str | None
    funding_type: FundingType | None
    types: tuple[ProgramType, ...]  # in the enumeration's order
    credit_hours: Decimal | None
    duration_weeks: int | None
    is_active: bool
    archived_at: datetime | None


@dataclass(frozen=True, slots=True)
class LessonDTO:
    id: uuid.UUID
    module_id: uuid.UUID
    title: str
    duration_minutes: int | None
    position: int  # 1-based within the module


@dataclass(frozen=True, slots=True)
class ModuleDTO:
    id: uuid.UUID
    program_id: uuid.UUID
    name: str
    description: str | None
    position: int  # 1-based within the program
    lessons: tuple[LessonDTO, ...]


@dataclass(frozen=True, slots=True)
class LessonProgressDTO:
    student_id: uuid.UUID
    lesson_id: uuid.UUID
    module_id: uuid.UUID
    title: str
    status: ProgressStatus
    stars: int | None
    assessed_at: datetime | None
    assessed_by: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class ProgressDTO:
    """A student's progress through a program's curriculum, lesson by lesson in order."""

    student_id: uuid.UUID
    program_id: uuid.UUID
    lessons: tuple[LessonProgressDTO, ...]
    completed: int
    total: int
    pct: Decimal | None  # completed / total in percent, 2 places; None without lessons
