"""Students: their profile, medical record, number, status and search; the people service that
the desk calls, with the staff directory and guardians it inherits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from app.db.models import (
    Facility,
    StudentMedical,
    StudentProfile,
    User,
)
from app.domain.enums import PersonStatus, Role
from app.domain.errors import (
    DuplicateError,
    NotAllowed,
    ValidationError,
)
from app.domain.student_numbers import (
    format_student_number,
    next_student_number,
    parse_student_number,
)
from app.domain.validation import (
    check_email,
    clean_optional,
    clean_text,
)
from app.repositories.people import PeopleRepository, code_key
from app.services.facilities import facility_zone
from app.services.guardians import GuardianLinks
from app.services.inputs import KEEP, Keep
from app.services.people_common import NAME_MAX, TEXT_MAX, clean_address, clean_names, clean_phone
from app.services.people_dto import (
    GuardianDTO,
    MedicalDTO,
    NewStudent,
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
    "NewStudent",
    "PeopleService",
    "StaffDTO",
    "StudentDetail",
    "StudentSummary",
]

DOC_ID_MAX = 64
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


def _doc_id(value: str | None) -> str | None:
    # Resident/DOC ids are codes: stored upper-case so that a prefix search is case-insensitive.
    cleaned = clean_optional(value, field="doc_id", max_length=DOC_ID_MAX, label="Resident id")
    return code_key(cleaned) if cleaned else None


def _date(value: date | None, *, field: str) -> date | None:
    if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
        raise ValidationError("Expected a calendar date", field=field)
    return value


def _student_number(value: str) -> str:
    year, seq = parse_student_number(value)
    return format_student_number(year, seq)


MEDICAL_ROLES = frozenset({Role.FACILITY_ADMIN, Role.DEPARTMENT_ADMIN, Role.SYSTEM_ADMIN})


class PeopleService(GuardianLinks):
    """Use cases on people: students and their records; guardians (``GuardianLinks``).

    Staff accounts are not here: the server keeps them (``StaffAccountsService`` and the
    SECURITY DEFINER functions of ``app.db.server_admin``)."""

    # -- students ---------------------------------------------------------------------------

    def create_student(self, new: NewStudent) -> StudentSummary:
        """Create a student with a profile; allocate ``STU-<year>-NNNN`` when none is given.

        The year is the current year at the student's facility. Raises ``ValidationError``,
        ``NotFound`` (facility) or ``DuplicateError`` (student number, email).
        """
        first, last = clean_names(new.name_first, new.name_last)
        fields = _StudentFields(
            name_first=first,
            name_last=last,
            doc_id=_doc_id(new.doc_id),
            email=check_email(new.email),
            phone=clean_phone(new.phone),
            date_of_birth=_date(new.date_of_birth, field="date_of_birth"),
            enrollment_date=_date(new.enrollment_date, field="enrollment_date"),
            address=clean_address(new.address),
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
                first, last = clean_names(
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
                user.phone = clean_phone(phone)
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
                    profile.address = clean_address(address)
            uow.commit()
            return student_detail(user, profile)

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
            "emergency_contact_phone": clean_phone(
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
