"""What a student's curriculum progress looks like to the record: per program, frozen."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.enums import ProgressStatus


@dataclass(frozen=True, slots=True)
class LessonStatusDTO:
    """One lesson of the curriculum and where the student stands on it."""

    module_id: uuid.UUID
    module_name: str
    module_position: int  # 1-based, in the program's order
    lesson_id: uuid.UUID
    title: str
    status: ProgressStatus  # NOT_STARTED where the student has no progress row
    last_activity: date | None  # facility-local date the status was last set


@dataclass(frozen=True, slots=True)
class ProgramProgressDTO:
    """A student's progress through one program's curriculum.

    A module counts once it has lessons, and is completed when all of them are; ``pct`` is
    lessons completed over lessons in percent, 2 places half up, ``None`` without lessons.
    """

    program_id: uuid.UUID
    program_name: str
    modules_completed: int
    modules_total: int
    lessons_completed: int
    lessons_in_progress: int
    lessons_total: int
    pct: Decimal | None
    last_activity: date | None  # facility-local date of the latest progress on the program
    lessons: tuple[LessonStatusDTO, ...]
