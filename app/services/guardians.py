"""Guardians of students: created at the student's facility, linked (siblings share them),
unlinked, with one primary contact per student."""

from __future__ import annotations

import uuid

from app.db.models import Guardian, StudentGuardian, User
from app.domain.enums import GuardianRelationship
from app.domain.errors import DuplicateError, ValidationError
from app.domain.validation import check_email
from app.repositories.guardians import GuardianRepository
from app.repositories.people import PeopleRepository
from app.services.inputs import as_enum
from app.services.lookup import require
from app.services.people_common import PeopleBase, clean_address, clean_names, clean_phone
from app.services.people_dto import GuardianDTO, NewGuardian, guardian_dto

__all__ = ["GuardianLinks"]


class GuardianLinks(PeopleBase):
    """Adds, links and unlinks a student's guardians."""

    def add_guardian(
        self,
        student_id: uuid.UUID,
        guardian: NewGuardian,
        relationship: GuardianRelationship,
        *,
        is_primary: bool = False,
        can_pick_up: bool = True,
    ) -> GuardianDTO:
        """Create a guardian at the student's facility and link them to the student."""
        first, last = clean_names(guardian.name_first, guardian.name_last)
        relationship = as_enum(GuardianRelationship, relationship, field="relationship")
        email = check_email(guardian.email)
        phone = clean_phone(guardian.phone)
        address = clean_address(guardian.address)
        with self._uow() as uow:
            student = self._student(uow.get(PeopleRepository), student_id)
            repo = uow.get(GuardianRepository)
            row = Guardian(
                id=uuid.uuid4(),
                facility_id=student.facility_id,
                name_first=first,
                name_last=last,
                email=email,
                phone=phone,
                address=address,
            )
            repo.add(row)
            uow.flush()
            link = self._link(repo, student, row, relationship, is_primary, can_pick_up)
            uow.commit()
            return guardian_dto(link, row)

    def link_guardian(
        self,
        student_id: uuid.UUID,
        guardian_id: uuid.UUID,
        relationship: GuardianRelationship,
        *,
        is_primary: bool = False,
        can_pick_up: bool = True,
    ) -> GuardianDTO:
        """Link an existing guardian of the same facility (siblings share guardians)."""
        relationship = as_enum(GuardianRelationship, relationship, field="relationship")
        with self._uow() as uow:
            student = self._student(uow.get(PeopleRepository), student_id)
            repo = uow.get(GuardianRepository)
            row = require(repo.get(guardian_id), "That guardian does not exist or was removed.")
            if row.facility_id != student.facility_id:
                raise ValidationError("The guardian belongs to another facility.")
            if repo.find_link(student.id, row.id) is not None:
                raise DuplicateError("This guardian is already linked to the student.")
            link = self._link(repo, student, row, relationship, is_primary, can_pick_up)
            uow.commit()
            return guardian_dto(link, row)

    def unlink_guardian(self, student_id: uuid.UUID, guardian_id: uuid.UUID) -> None:
        with self._uow() as uow:
            student = self._student(uow.get(PeopleRepository), student_id)
            link = require(
                uow.get(GuardianRepository).find_link(student.id, guardian_id),
                "This guardian is not linked to the student.",
            )
            link.deleted_at = self._clock.now()
            uow.commit()

    def guardians_of(self, student_id: uuid.UUID) -> list[GuardianDTO]:
        """The student's guardians, the primary one first."""
        with self._uow() as uow:
            student = self._student(uow.get(PeopleRepository), student_id)
            links = uow.get(GuardianRepository).links_of(student.id)
            return [guardian_dto(link, g) for link, g in links]

    def _link(
        self,
        repo: GuardianRepository,
        student: User,
        guardian: Guardian,
        relationship: GuardianRelationship,
        is_primary: bool,
        can_pick_up: bool,
    ) -> StudentGuardian:
        if is_primary:
            # One primary contact per student: the new one takes over.
            for other in repo.primary_links_of(student.id):
                other.is_primary = False
        # The unique index also covers an earlier, unlinked row: revive it instead.
        link = repo.find_link(student.id, guardian.id, include_deleted=True)
        if link is None:
            link = StudentGuardian(
                facility_id=student.facility_id, student_id=student.id, guardian_id=guardian.id
            )
            repo.add(link)
        link.deleted_at = None
        link.relationship = relationship
        link.is_primary = bool(is_primary)
        link.can_pick_up = bool(can_pick_up)
        return link
