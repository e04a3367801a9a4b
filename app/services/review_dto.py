"""What the review queue returns: each mark set for review, named and explained, and the
sessions a mark can be moved to."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from app.domain.enums import AttendanceStatus


@dataclass(frozen=True, slots=True)
class ReviewItemDTO:
    """One mark set for review, as a person reads it."""

    mark_id: uuid.UUID
    series_id: uuid.UUID
    original_date: date
    student_id: uuid.UUID
    student_name: str  # "Solange Eto'o"
    student_number: str | None
    class_id: uuid.UUID | None
    class_name: str
    when: str  # the session in the facility's timezone: "Mon 16 Nov 09:00"
    status: AttendanceStatus
    status_text: str  # as the sheet names it: "Absent (excused)"
    marked_by: str  # "Kim Lee", or the login when the person is not known here
    why: str  # the reason it is in the queue, in words
    held: bool  # the session is on the schedule and not cancelled: a new status can be taken


@dataclass(frozen=True, slots=True)
class MoveTargetDTO:
    """A session of the same class a mark can be moved to."""

    series_id: uuid.UUID
    original_date: date
    text: str  # "Mon 23 Nov 09:00 · Workshop"
    taken: str | None  # "already marked Present": the student has a mark there
