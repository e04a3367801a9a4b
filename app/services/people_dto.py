"""What the people service returns: frozen DTOs of students, their records and guardians."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from app.db.models import (
    Guardian,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.domain.enums import GuardianRelationship, PersonStatus, Role
from app.services.from_row import from_row


@dataclass(frozen=True, slots=True)
class StudentSummary:
    """A row of a student list."""

    id: uuid.UUID
    facility_id: uuid.UUID
    name_first: str
    name_last: str
    display_name: str  # "Last, First"
    student_number: str | None
    doc_id: str | None
    status: PersonStatus


@dataclass(frozen=True, slots=True)
class StudentDetail:
    """A student's profile: identity, contact details, dates and address (not medical)."""

    id: uuid.UUID
    facility_id: uuid.UUID
    name_first: str
    name_last: str
    display_name: str
    student_number: str | None
    doc_id: str | None
    status: PersonStatus
    email: str | None
    phone: str | None
    date_of_birth: date | None
    enrollment_date: date | None
    address: str | None
    row_version: int


@dataclass(frozen=True, slots=True)
class MedicalDTO:
    """Emergency contact and medical notes: sensitive, kept apart from the profile."""

    student_id: uuid.UUID
    emergency_contact_name: str | None
    emergency_contact_phone: str | None
    emergency_contact_relationship: str | None
    medical_notes: str | None
    allergies: str | None


@dataclass(frozen=True, slots=True)
class StaffDTO:
    id: uuid.UUID
    facility_id: uuid.UUID  # home facility
    name_first: str
    name_last: str
    display_name: str
    role: Role
    username: str | None
    email: str | None
    status: PersonStatus


@dataclass(frozen=True, slots=True)
class GuardianDTO:
    """A guardian as linked to one student."""

    id: uuid.UUID  # the guardian
    link_id: uuid.UUID
    student_id: uuid.UUID
    facility_id: uuid.UUID
    name_first: str
    name_last: str
    display_name: str
    email: str | None
    phone: str | None
    address: str | None
    relationship: GuardianRelationship
    is_primary: bool
    can_pick_up: bool


def display_name(name_first: str, name_last: str) -> str:
    return f"{name_last}, {name_first}"


def _named(row: User | Guardian) -> str:
    return display_name(row.name_first, row.name_last)


def student_summary(row: User) -> StudentSummary:
    return from_row(StudentSummary, row, display_name=_named(row))


def student_detail(row: User, profile: StudentProfile | None) -> StudentDetail:
    return from_row(
        StudentDetail,
        row,
        display_name=_named(row),
        date_of_birth=profile.date_of_birth if profile else None,
        enrollment_date=profile.enrollment_date if profile else None,
        address=profile.address if profile else None,
    )


def medical_dto(student_id: uuid.UUID, row: StudentMedical | None) -> MedicalDTO:
    return from_row(MedicalDTO, row, student_id=student_id)


def staff_dto(row: User) -> StaffDTO:
    return from_row(StaffDTO, row, display_name=_named(row))


def guardian_dto(link: StudentGuardian, guardian: Guardian) -> GuardianDTO:
    return from_row(
        GuardianDTO,
        guardian,
        display_name=_named(guardian),
        link_id=link.id,
        student_id=link.student_id,
        relationship=link.relationship,
        is_primary=link.is_primary,
        can_pick_up=link.can_pick_up,
    )
