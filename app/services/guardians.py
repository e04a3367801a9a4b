"""Guardians of students (siblings share them), with one primary contact per student."""

from __future__ import annotations

import uuid

from app.repositories.guardians import GuardianRepository
from app.repositories.people import PeopleRepository
from app.services.people_common import PeopleBase
from app.services.people_dto import GuardianDTO, guardian_dto

__all__ = ["GuardianLinks"]


class GuardianLinks(PeopleBase):
    """Reads a student's guardians (they come from the server or an import)."""

    def guardians_of(self, student_id: uuid.UUID) -> list[GuardianDTO]:
        """The student's guardians, the primary one first."""
        with self._uow() as uow:
            student = self._student(uow.get(PeopleRepository), student_id)
            links = uow.get(GuardianRepository).links_of(student.id)
            return [guardian_dto(link, g) for link, g in links]
