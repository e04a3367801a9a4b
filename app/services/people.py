"""Students (profile, medical, search), staff accounts and their scope, guardians."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.db.models import (
    AccountHistory,
    Facility,
    Guardian,
    StaffScope,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.domain.enums import AccountAction, GuardianRelationship, PersonStatus, Role
from app.domain.errors import (
    DuplicateError,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ValidationError,
)
from app.domain.student_numbers import (
    format_student_number,
    next_student_number,
    parse_student_number,
)
from app.domain.validation import (
    check_email,
    check_username,
    clean_name,
    clean_optional,
    clean_text,
)
from app.infra.clock import Clock, SystemClock
from app.repositories.audit import AuditRepository
from app.repositories.facilities import FacilityRepository
from app.repositories.guardians import GuardianRepository
from app.repositories.people import PeopleRepository, StaffScopeRepository, code_key
from app.repositories.programs import ProgramRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.facilities import facility_zone
from app.services.inputs import KEEP, Keep, as_enum
from app.services.people_dto import (
    GuardianDTO,
    MedicalDTO,
    NewGuardian,
    NewStudent,
    StaffDTO,
    StaffScopeDTO,
    StudentDetail,
    StudentSummary,
    guardian_dto,
    medical_dto,
    scope_dto,
    staff_dto,
    student_detail,
    student_summary,
)

__all__ = [
    "GuardianDTO",
    "MedicalDTO",
    "NewGuardian",
    "NewStudent",
    "PeopleService",
    "StaffDTO",
    "StaffScopeDTO",
    "StudentDetail",
    "StudentSummary",
]

NAME_MAX = 100
DOC_ID_MAX = 64
PHONE_MAX = 32
TEXT_MAX = 2000
NOTES_MAX = 10_000
SEARCH_MAX = 200
PAGE_MAX = 1000
# A racing workstation can take the number we computed; try the next one a couple of times.
NUMBER_ATTEMPTS = 3
# PostgreSQL role names as Rollbook creates them: unquoted identifiers, at most 63 bytes.


@dataclass(frozen=True, slots=True)
class _StudentFields:
    name_first: str
    name_last: str
    doc_id: str | None
    email: str | None
    phone: str | None
    date_of_birth: date | None
    enrollment_date: date | None
    address: str | None


def _names(name_first: str, name_last: str) -> tuple[str, str]:
    return (
        clean_name(name_first, field="name_first", max_length=NAME_MAX),
        clean_name(name_last, field="name_last", max_length=NAME_MAX),
    )


def _doc_id(value: str | None) -> str | None:
    # Resident/DOC ids are codes: stored upper-case so that a prefix search is case-insensitive.
    cleaned = clean_optional(value, field="doc_id", max_length=DOC_ID_MAX, label="Resident id")
    return code_key(cleaned) if cleaned else None


def _phone(value: str | None, field: str = "phone") -> str | None:
    return clean_optional(value, field=field, max_length=PHONE_MAX)


def _address(value: str | None) -> str | None:
    return clean_text(value, field="address", max_length=TEXT_MAX)


def _date(value: date | None, *, field: str) -> date | None:
    if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
        raise ValidationError("Expected a calendar date", field=field)
    return value


def _student_number(value: str) -> str:
    year, seq = parse_student_number(value)
    return format_student_number(year, seq)


MEDICAL_ROLES = frozenset({Role.FACILITY_ADMIN, Role.DEPARTMENT_ADMIN, Role.SYSTEM_ADMIN})


class PeopleService:
    """Use cases on people: students and their records, staff and their scope, guardians."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    # -- students ---------------------------------------------------------------------------

    def create_student(self, new: NewStudent) -> StudentSummary:
        """Create a student with a profile; allocate ``STU-<year>-NNNN`` when none is given.

        The year is the current year at the student's facility. Raises ``ValidationError``,
        ``NotFound`` (facility) or ``DuplicateError`` (student number, email).
        """
        first, last = _names(new.name_first, new.name_last)
        fields = _StudentFields(
            name_first=first,
            name_last=last,
            doc_id=_doc_id(new.doc_id),
            email=check_email(new.email),
            phone=_phone(new.phone),
            date_of_birth=_date(new.date_of_birth, field="date_of_birth"),
            enrollment_date=_date(new.enrollment_date, field="enrollment_date"),
            address=_address(new.address),
        )
        given = None
        if new.student_number is not None and new.student_number.strip():
            given = _student_number(new.student_number)
        attempt = 1
        while True:
            try:
                return self._insert_student(new.facility_id, fields, given)
            except DuplicateError as err:
                # Another workstation took the number we computed; a given number is final.
                if given is not None or err.field != "student_number":
                    raise
                if attempt >= NUMBER_ATTEMPTS:
                    raise
                attempt += 1

    def _insert_student(
        self, facility_id: uuid.UUID, f: _StudentFields, given: str | None
    ) -> StudentSummary:
        with self._uow() as uow:
            facility = self._facility(uow, facility_id)
            people = uow.get(PeopleRepository)
            self._check_birth_date(facility, f.date_of_birth)
            if given is not None:
                if people.find_by_student_number(given) is not None:
                    raise DuplicateError(
                        "That student number is already in use.", field="student_number"
                    )
                number = given
            else:
                year = self._clock.now().astimezone(facility_zone(facility)).year
                taken = people.student_numbers_with_prefix(f"STU-{year}-")
                number = next_student_number(year, taken)
            if f.email is not None and people.find_by_email(f.email) is not None:
                raise DuplicateError("That email address is already in use.", field="email")
            user = User(
                id=uuid.uuid4(),
                facility_id=facility.id,
                role=Role.STUDENT,
                status=PersonStatus.ACTIVE,
                student_number=number,
                doc_id=f.doc_id,
                email=f.email,
                phone=f.phone,
            )
            people.set_names(user, f.name_first, f.name_last)
            people.add(user)
            # No ORM relationships tell the flush to insert the user first: do it now.
            uow.flush()
            people.add(
                StudentProfile(
                    user_id=user.id,
                    facility_id=facility.id,
                    date_of_birth=f.date_of_birth,
                    enrollment_date=f.enrollment_date,
                    address=f.address,
                )
            )
            uow.commit()
            return student_summary(user)

    def update_student(
        self,
        student_id: uuid.UUID,
        *,
        name_first: str | Keep = KEEP,
        name_last: str | Keep = KEEP,
        student_number: str | Keep = KEEP,
        doc_id: str | Keep | None = KEEP,
        email: str | Keep | None = KEEP,
        phone: str | Keep | None = KEEP,
        date_of_birth: date | Keep | None = KEEP,
        enrollment_date: date | Keep | None = KEEP,
        address: str | Keep | None = KEEP,
    ) -> StudentDetail:
        """Change the given fields (``None`` clears an optional one); search columns follow."""
        number = None if isinstance(student_number, Keep) else _student_number(student_number)
        with self._uow() as uow:
            people = uow.get(PeopleRepository)
            user = self._student(people, student_id)
            profile = people.profile_of(user.id)
            if not (isinstance(name_first, Keep) and isinstance(name_last, Keep)):
                first, last = _names(
                    user.name_first if isinstance(name_first, Keep) else name_first,
                    user.name_last if isinstance(name_last, Keep) else name_last,
                )
                if (first, last) != (user.name_first, user.name_last):
                    people.set_names(user, first, last)
            if number is not None and number != user.student_number:
                if people.find_by_student_number(number) is not None:
                    raise DuplicateError(
                        "That student number is already in use.", field="student_number"
                    )
                user.student_number = number
            if not isinstance(doc_id, Keep):
                user.doc_id = _doc_id(doc_id)
            if not isinstance(email, Keep):
                cleaned = check_email(email)
                if cleaned != user.email:
                    other = people.find_by_email(cleaned) if cleaned else None
                    if other is not None and other.id != user.id:
                        raise DuplicateError("That email address is already in use.", field="email")
                    user.email = cleaned
            if not isinstance(phone, Keep):
                user.phone = _phone(phone)
            if not all(isinstance(v, Keep) for v in (date_of_birth, enrollment_date, address)):
                if profile is None:
                    # A student synced from a system without profiles gets one on first edit.
                    profile = StudentProfile(user_id=user.id, facility_id=user.facility_id)
                    people.add(profile)
                if not isinstance(date_of_birth, Keep):
                    dob = _date(date_of_birth, field="date_of_birth")
                    self._check_birth_date(self._facility(uow, user.facility_id), dob)
                    profile.date_of_birth = dob
                if not isinstance(enrollment_date, Keep):
                    profile.enrollment_date = _date(enrollment_date, field="enrollment_date")
                if not isinstance(address, Keep):
                    profile.address = _address(address)
            uow.commit()
            return student_detail(user, profile)

    def deactivate_student(self, student_id: uuid.UUID, reason: str) -> StudentSummary:
        """Mark the student inactive (kept, hidden from lists) with a reason in account history."""
        why = clean_text(reason, field="reason", max_length=TEXT_MAX, required=True)
        with self._uow() as uow:
            user = self._student(uow.get(PeopleRepository), student_id)
            if user.status is PersonStatus.INACTIVE:
                raise InvalidTransition("This student is already inactive.")
            now = self._clock.now()
            user.status = PersonStatus.INACTIVE
            user.deactivated_at = now
            self._history(uow, user, AccountAction.USER_DEACTIVATED, {"reason": why})
            uow.commit()
            return student_summary(user)

    def reactivate_student(
        self, student_id: uuid.UUID, reason: str | None = None
    ) -> StudentSummary:
        why = clean_text(reason, field="reason", max_length=TEXT_MAX)
        with self._uow() as uow:
            user = self._student(uow.get(PeopleRepository), student_id)
            if user.status is PersonStatus.ACTIVE:
                raise InvalidTransition("This student is already active.")
            user.status = PersonStatus.ACTIVE
            user.deactivated_at = None
            self._history(uow, user, AccountAction.USER_REACTIVATED, {"reason": why})
            uow.commit()
            return student_summary(user)

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

    def set_medical(
        self,
        student_id: uuid.UUID,
        *,
        emergency_contact_name: str | None,
        emergency_contact_phone: str | None,
        emergency_contact_relationship: str | None,
        medical_notes: str | None,
        allergies: str | None,
    ) -> MedicalDTO:
        """Replace the student's medical record with the given values (admins only)."""
        self._require_medical()
        values = {
            "emergency_contact_name": clean_optional(
                emergency_contact_name, field="emergency_contact_name", max_length=NAME_MAX
            ),
            "emergency_contact_phone": _phone(
                emergency_contact_phone, field="emergency_contact_phone"
            ),
            "emergency_contact_relationship": clean_optional(
                emergency_contact_relationship,
                field="emergency_contact_relationship",
                max_length=NAME_MAX,
            ),
            "medical_notes": clean_text(medical_notes, field="medical_notes", max_length=NOTES_MAX),
            "allergies": clean_text(allergies, field="allergies", max_length=TEXT_MAX),
        }
        with self._uow() as uow:
            people = uow.get(PeopleRepository)
            user = self._student(people, student_id)
            row = people.medical_of(user.id)
            if row is None:
                row = StudentMedical(user_id=user.id, facility_id=user.facility_id)
                people.add(row)
            for key, value in values.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
            uow.commit()
            return medical_dto(user.id, row)

    def _require_medical(self) -> None:
        if not self.may_see_medical():
            raise NotAllowed("Only administrators see and change medical and emergency details.")

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

    # -- staff ------------------------------------------------------------------------------

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
        first, last = _names(name_first, name_last)
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
            row = uow.get(StaffScopeRepository).find(user.id, facility_id, program_id)
            if row is None:
                raise NotFound("The staff member has no such scope.")
            row.deleted_at = self._clock.now()
            self._history(uow, user, AccountAction.SCOPE_CHANGE, _scope_details("removed", row))
            uow.commit()

    def scopes_of(self, staff_id: uuid.UUID) -> list[StaffScopeDTO]:
        with self._uow() as uow:
            user = self._staff(uow.get(PeopleRepository), staff_id)
            return [scope_dto(s) for s in uow.get(StaffScopeRepository).scopes_of(user.id)]

    # -- guardians --------------------------------------------------------------------------

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
        first, last = _names(guardian.name_first, guardian.name_last)
        relationship = as_enum(GuardianRelationship, relationship, field="relationship")
        email = check_email(guardian.email)
        phone = _phone(guardian.phone)
        address = _address(guardian.address)
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
            row = repo.get(guardian_id)
            if row is None:
                raise NotFound("That guardian does not exist or was removed.")
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
            link = uow.get(GuardianRepository).find_link(student.id, guardian_id)
            if link is None:
                raise NotFound("This guardian is not linked to the student.")
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

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _page(limit: int, offset: int) -> tuple[int, int]:
        if not 1 <= limit <= PAGE_MAX:
            raise ValidationError(f"A page holds 1 to {PAGE_MAX} rows", field="limit")
        if offset < 0:
            raise ValidationError("The offset cannot be negative", field="offset")
        return limit, offset

    def _check_birth_date(self, facility: Facility, dob: date | None) -> None:
        if dob is None:
            return
        today = self._clock.now().astimezone(facility_zone(facility)).date()
        if dob > today:
            raise ValidationError("The date of birth is in the future", field="date_of_birth")
        if dob.year < 1900:
            raise ValidationError("The date of birth is before 1900", field="date_of_birth")

    def _history(
        self, uow: UnitOfWork, user: User, action: AccountAction, details: dict[str, Any]
    ) -> None:
        uow.get(AuditRepository).add_history(
            AccountHistory(
                user_id=user.id,
                admin_username=uow.actor.username,
                action=action,
                facility_id=user.facility_id,
                details=details,
                created_at=self._clock.now(),
            )
        )

    @staticmethod
    def _facility(uow: UnitOfWork, facility_id: uuid.UUID) -> Facility:
        row = uow.get(FacilityRepository).get(facility_id)
        if row is None:
            raise NotFound("That facility does not exist or was removed.")
        return row

    @staticmethod
    def _student(people: PeopleRepository, student_id: uuid.UUID) -> User:
        row = people.get_student(student_id)
        if row is None:
            raise NotFound("That student does not exist or was removed.")
        return row

    @staticmethod
    def _staff(people: PeopleRepository, staff_id: uuid.UUID) -> User:
        row = people.get_staff(staff_id)
        if row is None:
            raise NotFound("That staff member does not exist or was removed.")
        return row


def _scope_details(change: str, row: StaffScope) -> dict[str, Any]:
    return {
        change: {
            "facility_id": str(row.facility_id),
            "program_id": str(row.program_id) if row.program_id else None,
        }
    }
