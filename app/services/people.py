"""Students as the desk reads them: profile, medical record (admins only) and search; the people
service that the desk calls, with the guardians it inherits. Students are created and changed by
the server and imports, not at the desk."""

from __future__ import annotations

import uuid

from app.domain.enums import Role
from app.domain.errors import NotAllowed, ValidationError
from app.repositories.people import PeopleRepository
from app.services.guardians import GuardianLinks
from app.services.people_dto import (
    GuardianDTO,
    MedicalDTO,
    StaffDTO,
    StudentDetail,
    StudentSummary,
    medical_dto,
    student_detail,
    student_summary,
)

__all__ = [
    "GuardianDTO",
    "MedicalDTO",
    "PeopleService",
    "StaffDTO",
    "StudentDetail",
    "StudentSummary",
]

SEARCH_MAX = 200
PAGE_MAX = 1000

MEDICAL_ROLES = frozenset({Role.FACILITY_ADMIN, Role.DEPARTMENT_ADMIN, Role.SYSTEM_ADMIN})


class PeopleService(GuardianLinks):
    """Use cases on people: students and their records; guardians (``GuardianLinks``).

    Staff accounts are not here: the server keeps them (``StaffAccountsService`` and the
    SECURITY DEFINER functions of ``app.db.server_admin``)."""

    # -- students ---------------------------------------------------------------------------

    def get_student(self, student_id: uuid.UUID) -> StudentDetail:
        with self._uow() as uow:
            people = uow.get(PeopleRepository)
            user = self._student(people, student_id)
            return student_detail(user, people.profile_of(user.id))

    def may_see_medical(self) -> bool:
        """Medical and emergency details are for admins only (DESIGN §4; RLS on the server)."""
        return self._uow.actor.role in MEDICAL_ROLES

    def get_medical(self, student_id: uuid.UUID) -> MedicalDTO:
        """Emergency contact and medical notes (empty fields when none are recorded).

        Raises ``NotAllowed`` for instructors."""
        self._require_medical()
        with self._uow() as uow:
            people = uow.get(PeopleRepository)
            user = self._student(people, student_id)
            return medical_dto(user.id, people.medical_of(user.id))

    def _require_medical(self) -> None:
        if not self.may_see_medical():
            raise NotAllowed("Only administrators see medical and emergency details.")

    def search_students(
        self,
        facility_id: uuid.UUID | None,
        text: str,
        *,
        limit: int = 50,
        offset: int = 0,
        include_inactive: bool = False,
    ) -> list[StudentSummary]:
        """Students whose last or first name (each word a prefix, in either order), student
        number or resident id starts with ``text``, ordered by name; all students when blank.

        ``facility_id=None`` searches every facility this database holds. Only active
        students unless ``include_inactive``.
        """
        limit, offset = self._page(limit, offset)
        with self._uow() as uow:
            rows = uow.get(PeopleRepository).search_students(
                facility_id,
                (text or "")[:SEARCH_MAX],
                limit=limit,
                offset=offset,
                include_inactive=include_inactive,
            )
            return [student_summary(r) for r in rows]

    def count_students(
        self, facility_id: uuid.UUID | None, text: str = "", *, include_inactive: bool = False
    ) -> int:
        """How many students ``search_students`` would page through."""
        with self._uow() as uow:
            return uow.get(PeopleRepository).count_students(
                facility_id, (text or "")[:SEARCH_MAX], include_inactive=include_inactive
            )

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _page(limit: int, offset: int) -> tuple[int, int]:
        if not 1 <= limit <= PAGE_MAX:
            raise ValidationError(f"A page holds 1 to {PAGE_MAX} rows", field="limit")
        if offset < 0:
            raise ValidationError("The offset cannot be negative", field="offset")
        return limit, offset
