"""What the people services share: the unit of work, the clock and the look-up of a student."""

from __future__ import annotations

import uuid

from app.db.models import User
from app.infra.clock import Clock, SystemClock
from app.repositories.people import PeopleRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.lookup import require

__all__ = ["PeopleBase"]


class PeopleBase:
    """The unit of work, clock, and look-ups of the people services."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    @staticmethod
    def _student(people: PeopleRepository, student_id: uuid.UUID) -> User:
        found = people.get_student(student_id)
        return require(found, "That student does not exist or was removed.")
