"""What the people services share: checks of names and contact fields, the look-ups of a
facility, a student or a staff member, and the account history they write."""

from __future__ import annotations

import uuid

from app.db.models import Facility, User
from app.domain.validation import clean_name, clean_optional, clean_text
from app.infra.clock import Clock, SystemClock
from app.repositories.facilities import FacilityRepository
from app.repositories.people import PeopleRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.lookup import require

__all__ = [
    "NAME_MAX",
    "PHONE_MAX",
    "TEXT_MAX",
    "PeopleBase",
    "clean_address",
    "clean_names",
    "clean_phone",
]

NAME_MAX = 100
PHONE_MAX = 32
TEXT_MAX = 2000


def clean_names(name_first: str, name_last: str) -> tuple[str, str]:
    return (
        clean_name(name_first, field="name_first", max_length=NAME_MAX),
        clean_name(name_last, field="name_last", max_length=NAME_MAX),
    )


def clean_phone(value: str | None, field: str = "phone") -> str | None:
    return clean_optional(value, field=field, max_length=PHONE_MAX)


def clean_address(value: str | None) -> str | None:
    return clean_text(value, field="address", max_length=TEXT_MAX)


class PeopleBase:
    """The unit of work, clock, and look-ups of the people services."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    @staticmethod
    def _facility(uow: UnitOfWork, facility_id: uuid.UUID) -> Facility:
        found = uow.get(FacilityRepository).get(facility_id)
        return require(found, "That facility does not exist or was removed.")

    @staticmethod
    def _student(people: PeopleRepository, student_id: uuid.UUID) -> User:
        found = people.get_student(student_id)
        return require(found, "That student does not exist or was removed.")

    @staticmethod
    def _staff(people: PeopleRepository, staff_id: uuid.UUID) -> User:
        found = people.get_staff(staff_id)
        return require(found, "That staff member does not exist or was removed.")
