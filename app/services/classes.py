"""Classes a facility runs for its programs, and the checks that a room or an instructor
belongs to the facility (sessions and series use them)."""

from __future__ import annotations

import uuid

from app.db.models import Room, User
from app.domain.enums import ClassStatus
from app.domain.errors import ValidationError
from app.infra.clock import Clock, SystemClock
from app.repositories.classes import ClassListing, ClassRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.classes_dto import (
    ClassSummary,
    staff_name,
)
from app.services.from_row import from_row

__all__ = ["ClassService", "ClassSummary", "check_instructor", "check_room"]


def check_instructor(
    repo: ClassRepository, instructor_id: uuid.UUID, facility_id: uuid.UUID
) -> User:
    """The staff member who may teach at the facility; ``ValidationError`` otherwise."""
    person = repo.person(instructor_id)
    if person is None:
        raise ValidationError("The chosen instructor does not exist.", field="instructor_id")
    name = staff_name(person.name_first, person.name_last)
    if not person.role.is_staff:
        raise ValidationError(
            f"{name} is not a staff member and cannot teach.", field="instructor_id"
        )
    if person.facility_id != facility_id and not repo.works_at(person.id, facility_id):
        raise ValidationError(f"{name} does not work at this facility.", field="instructor_id")
    return person


def check_room(repo: ClassRepository, room_id: uuid.UUID, facility_id: uuid.UUID) -> Room:
    """A room of the facility; ``ValidationError`` otherwise."""
    room = repo.room(room_id)
    if room is None:
        raise ValidationError("The chosen room does not exist.", field="room_id")
    if room.facility_id != facility_id:
        raise ValidationError(f"{room.name} is a room of another facility.", field="room_id")
    return room


def _summary(row: ClassListing) -> ClassSummary:
    return from_row(
        ClassSummary, row, instructor_name=staff_name(row.instructor_first, row.instructor_last)
    )


class ClassService:
    """Lists classes with their roster counts (classes are made on the server or by an import)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()  # the uniform service signature; no rule needs it yet

    def list_classes(
        self,
        facility_id: uuid.UUID,
        *,
        status: ClassStatus | None = None,
        instructor_id: uuid.UUID | None = None,
    ) -> list[ClassSummary]:
        """Classes of a facility by start date, then name; one query."""
        with self._uow() as uow:
            rows = uow.get(ClassRepository).listings(
                facility_id, status=status, instructor_id=instructor_id
            )
            return [_summary(row) for row in rows]
