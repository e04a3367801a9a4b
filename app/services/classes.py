"""Classes: create, change, open and close the classes a facility runs for its programs."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from app.db.models import ProgramClass, Room, User
from app.domain.enums import ClassStatus
from app.domain.errors import InvalidTransition, ValidationError
from app.domain.validation import check_range, clean_name, clean_text
from app.infra.clock import Clock, SystemClock
from app.repositories.classes import ClassListing, ClassRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.classes_dto import (
    ClassChanges,
    ClassSummary,
    NewClass,
    staff_name,
)
from app.services.from_row import from_row
from app.services.inputs import KEEP
from app.services.lookup import require

__all__ = [
    "KEEP",
    "ClassChanges",
    "ClassService",
    "ClassSummary",
    "NewClass",
    "check_instructor",
    "check_room",
]

MAX_CAPACITY = 10_000
MAX_CREDIT_HOURS = Decimal("9999.99")  # Numeric(6, 2)
DESCRIPTION_MAX = 4000

_S = ClassStatus
# Cancelled and Completed can be undone (a mistake, a class resumed); nothing else skips ahead.
CLASS_TRANSITIONS: dict[ClassStatus, frozenset[ClassStatus]] = {
    _S.SCHEDULED: frozenset({_S.ACTIVE, _S.PAUSED, _S.CANCELLED}),
    _S.ACTIVE: frozenset({_S.PAUSED, _S.COMPLETED, _S.CANCELLED}),
    _S.PAUSED: frozenset({_S.ACTIVE, _S.COMPLETED, _S.CANCELLED}),
    _S.COMPLETED: frozenset({_S.ACTIVE}),
    _S.CANCELLED: frozenset({_S.SCHEDULED}),
}


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


def _check_capacity(capacity: int | None) -> int | None:
    if capacity is None:
        return None
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        raise ValidationError("The capacity must be a whole number.", field="capacity")
    if capacity < 0:
        raise ValidationError("The capacity cannot be negative.", field="capacity")
    if capacity > MAX_CAPACITY:
        raise ValidationError(f"The capacity cannot exceed {MAX_CAPACITY}.", field="capacity")
    return capacity


def _check_credit_hours(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    try:
        hours = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError("Credit hours must be a number.", field="credit_hours") from None
    if not hours.is_finite() or hours < 0 or hours > MAX_CREDIT_HOURS:
        raise ValidationError(
            f"Credit hours must be between 0 and {MAX_CREDIT_HOURS}.", field="credit_hours"
        )
    return hours.quantize(Decimal("0.01"))


def _summary(row: ClassListing) -> ClassSummary:
    return from_row(
        ClassSummary, row, instructor_name=staff_name(row.instructor_first, row.instructor_last)
    )


class ClassService:
    """Creates and changes classes; lists them with their roster counts."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()  # the uniform service signature; no rule needs it yet

    def create_class(self, new: NewClass) -> ClassSummary:
        """Raises ``NotFound`` (program, facility) or ``ValidationError``; creates nothing then."""
        with self._uow() as uow:
            repo = uow.get(ClassRepository)
            facility = require(repo.facility(new.facility_id), "The facility does not exist.")
            program = require(repo.program(new.program_id), "The program does not exist.")
            if program.archived_at is not None or not program.is_active:
                raise ValidationError(
                    f"The program {program.name} is no longer offered.", field="program_id"
                )
            row = ProgramClass(
                id=uuid.uuid4(),
                program_id=program.id,
                facility_id=facility.id,
                status=ClassStatus.SCHEDULED,
                credit_hours=program.credit_hours,
            )
            changes = ClassChanges(
                name=new.name,
                start_date=new.start_date,
                end_date=new.end_date,
                capacity=new.capacity,
                instructor_id=new.instructor_id,
                room_id=new.room_id,
                description=new.description,
            )
            if new.credit_hours is not None:
                changes = replace(changes, credit_hours=new.credit_hours)
            self._apply(repo, row, changes, enrolled=0)
            repo.add(row)
            uow.commit()
            return self._get(repo, row.id)

    def update_class(self, class_id: uuid.UUID, changes: ClassChanges) -> ClassSummary:
        """Change the given fields; the capacity cannot drop below the students enrolled."""
        with self._uow() as uow:
            repo = uow.get(ClassRepository)
            row = self._load(repo, class_id)
            self._apply(repo, row, changes, enrolled=repo.enrolled_count(class_id))
            uow.commit()
            return self._get(repo, class_id)

    def set_class_status(self, class_id: uuid.UUID, status: ClassStatus) -> ClassSummary:
        """Raises ``InvalidTransition`` for a change the class life cycle does not allow.

        Enrollments are left as they are: closing them (completed, cancelled) is a roster
        decision with a reason per student.
        """
        with self._uow() as uow:
            repo = uow.get(ClassRepository)
            row = self._load(repo, class_id)
            if status is row.status:
                raise InvalidTransition(f"The class is already {status.value}.", field="status")
            if status not in CLASS_TRANSITIONS[row.status]:
                raise InvalidTransition(
                    f"A {row.status.value.lower()} class cannot become {status.value.lower()}.",
                    field="status",
                )
            row.status = status
            uow.commit()
            return self._get(repo, class_id)

    def get_class(self, class_id: uuid.UUID) -> ClassSummary:
        with self._uow() as uow:
            return self._get(uow.get(ClassRepository), class_id)

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

    # -- helpers --------------------------------------------------------------------------------

    @staticmethod
    def _load(repo: ClassRepository, class_id: uuid.UUID) -> ProgramClass:
        return require(repo.get(class_id), "The class does not exist or was deleted.")

    @staticmethod
    def _get(repo: ClassRepository, class_id: uuid.UUID) -> ClassSummary:
        row = require(repo.listing(class_id), "The class does not exist or was deleted.")
        return _summary(row)

    @staticmethod
    def _apply(
        repo: ClassRepository, row: ProgramClass, changes: ClassChanges, *, enrolled: int
    ) -> None:
        """Validate every given field first, then assign: a refused change leaves ``row`` alone."""
        values: dict[str, object] = {}
        if changes.name is not KEEP:
            values["name"] = clean_name(changes.name, field="name", label="The class name")
        start = row.start_date if changes.start_date is KEEP else changes.start_date
        end = row.end_date if changes.end_date is KEEP else changes.end_date
        if start is None:
            raise ValidationError("The class needs a start date.", field="start_date")
        check_range(start, end, what="The class", field="end_date")
        values["start_date"], values["end_date"] = start, end
        if changes.capacity is not KEEP:
            capacity = _check_capacity(changes.capacity)
            if capacity is not None and capacity < enrolled:
                raise ValidationError(
                    f"{enrolled} students are enrolled; the capacity cannot be lower than that.",
                    field="capacity",
                )
            values["capacity"] = capacity
        if changes.instructor_id is not KEEP:
            if changes.instructor_id is not None:
                check_instructor(repo, changes.instructor_id, row.facility_id)
            values["instructor_id"] = changes.instructor_id
        if changes.room_id is not KEEP:
            if changes.room_id is not None:
                check_room(repo, changes.room_id, row.facility_id)
            values["room_id"] = changes.room_id
        if changes.description is not KEEP:
            values["description"] = clean_text(
                changes.description, field="description", max_length=DESCRIPTION_MAX
            )
        if changes.credit_hours is not KEEP:
            values["credit_hours"] = _check_credit_hours(changes.credit_hours)
        for key, value in values.items():
            if getattr(row, key, None) != value:
                setattr(row, key, value)
