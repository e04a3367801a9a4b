"""Staff directory: staff accounts of a facility and the facilities and programs each may see
(their scope), every change written to the account history."""

from __future__ import annotations

import uuid
from typing import Any

from app.db.models import StaffScope, User
from app.domain.enums import AccountAction, PersonStatus, Role
from app.domain.errors import DuplicateError, NotFound, ValidationError
from app.domain.validation import check_email, check_username
from app.repositories.people import PeopleRepository, StaffScopeRepository
from app.repositories.programs import ProgramRepository
from app.services.inputs import as_enum
from app.services.lookup import require
from app.services.people_common import PeopleBase, clean_names
from app.services.people_dto import StaffDTO, StaffScopeDTO, scope_dto, staff_dto

__all__ = ["StaffDirectory"]


class StaffDirectory(PeopleBase):
    """Creates staff accounts and changes their scope."""

    def create_staff(
        self,
        facility_id: uuid.UUID,
        name_first: str,
        name_last: str,
        role: Role,
        username: str,
        email: str | None = None,
    ) -> StaffDTO:
        """A staff account with the home facility in scope (the login role comes later)."""
        first, last = clean_names(name_first, name_last)
        role = as_enum(Role, role, field="role")
        if not role.is_staff:
            raise ValidationError("Choose a staff role, not student.", field="role")
        login = check_username(username)
        mail = check_email(email)
        with self._uow() as uow:
            facility = self._facility(uow, facility_id)
            people = uow.get(PeopleRepository)
            if people.find_by_username(login) is not None:
                raise DuplicateError("That user name is already taken.", field="username")
            if mail is not None and people.find_by_email(mail) is not None:
                raise DuplicateError("That email address is already in use.", field="email")
            user = User(
                id=uuid.uuid4(),
                facility_id=facility.id,
                role=role,
                status=PersonStatus.ACTIVE,
                username=login,
                email=mail,
            )
            people.set_names(user, first, last)
            people.add(user)
            uow.flush()
            uow.get(StaffScopeRepository).add(StaffScope(user_id=user.id, facility_id=facility.id))
            self._history(
                uow, user, AccountAction.ACCOUNT_CREATION, {"role": role.value, "username": login}
            )
            uow.commit()
            return staff_dto(user)

    def list_staff(self, facility_id: uuid.UUID) -> list[StaffDTO]:
        """Staff who have the facility in scope, by name."""
        with self._uow() as uow:
            return [staff_dto(u) for u in uow.get(PeopleRepository).staff_of(facility_id)]

    def add_scope(
        self, staff_id: uuid.UUID, facility_id: uuid.UUID, program_id: uuid.UUID | None = None
    ) -> StaffScopeDTO:
        """Let the staff member see the facility (or only one program there)."""
        with self._uow() as uow:
            user = self._staff(uow.get(PeopleRepository), staff_id)
            self._facility(uow, facility_id)
            if program_id is not None and uow.get(ProgramRepository).get(program_id) is None:
                raise NotFound("That program does not exist or was removed.")
            scopes = uow.get(StaffScopeRepository)
            if scopes.find(user.id, facility_id, program_id) is not None:
                raise DuplicateError("The staff member already has that scope.")
            row = scopes.add(
                StaffScope(user_id=user.id, facility_id=facility_id, program_id=program_id)
            )
            self._history(uow, user, AccountAction.SCOPE_CHANGE, _scope_details("added", row))
            uow.commit()
            return scope_dto(row)

    def remove_scope(
        self, staff_id: uuid.UUID, facility_id: uuid.UUID, program_id: uuid.UUID | None = None
    ) -> None:
        with self._uow() as uow:
            user = self._staff(uow.get(PeopleRepository), staff_id)
            row = require(
                uow.get(StaffScopeRepository).find(user.id, facility_id, program_id),
                "The staff member has no such scope.",
            )
            row.deleted_at = self._clock.now()
            self._history(uow, user, AccountAction.SCOPE_CHANGE, _scope_details("removed", row))
            uow.commit()

    def scopes_of(self, staff_id: uuid.UUID) -> list[StaffScopeDTO]:
        with self._uow() as uow:
            user = self._staff(uow.get(PeopleRepository), staff_id)
            return [scope_dto(s) for s in uow.get(StaffScopeRepository).scopes_of(user.id)]


def _scope_details(change: str, row: StaffScope) -> dict[str, Any]:
    return {
        change: {
            "facility_id": str(row.facility_id),
            "program_id": str(row.program_id) if row.program_id else None,
        }
    }
