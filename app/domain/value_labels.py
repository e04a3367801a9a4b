"""The words the desk shows for stored values (a person's, a class's, an enrolment's status,
a role, a room's kind, a program's type, its funding, a guardian's relationship, a credential's
kind), marked for translation: lupdate reads them here, ``value_text`` translates them."""

from __future__ import annotations

from enum import Enum

from app.domain.enums import (
    ClassStatus,
    CredentialKind,
    EnrollmentStatus,
    FundingType,
    GuardianRelationship,
    HoursKind,
    LessonContentType,
    PersonStatus,
    ProgramType,
    ProgressStatus,
    Role,
    RoomKind,
    RoomStatus,
)
from app.domain.i18n import QT_TRANSLATE_NOOP, translate

LABELS: dict[str, str] = {
    PersonStatus.ACTIVE: QT_TRANSLATE_NOOP("values", "active"),
    PersonStatus.INACTIVE: QT_TRANSLATE_NOOP("values", "inactive"),
    PersonStatus.GRADUATED: QT_TRANSLATE_NOOP("values", "graduated"),
    PersonStatus.WITHDRAWN: QT_TRANSLATE_NOOP("values", "withdrawn"),
    ClassStatus.SCHEDULED: QT_TRANSLATE_NOOP("values", "Scheduled"),
    ClassStatus.ACTIVE: QT_TRANSLATE_NOOP("values", "Active"),
    ClassStatus.CANCELLED: QT_TRANSLATE_NOOP("values", "Cancelled"),
    ClassStatus.COMPLETED: QT_TRANSLATE_NOOP("values", "Completed"),
    ClassStatus.PAUSED: QT_TRANSLATE_NOOP("values", "Paused"),
    EnrollmentStatus.ENROLLED: QT_TRANSLATE_NOOP("values", "Enrolled"),
    EnrollmentStatus.WAITLISTED: QT_TRANSLATE_NOOP("values", "Waitlisted"),
    EnrollmentStatus.INCOMPLETE_WITHDRAWN: QT_TRANSLATE_NOOP("values", "Incomplete: Withdrawn"),
    EnrollmentStatus.INCOMPLETE_DROPPED: QT_TRANSLATE_NOOP("values", "Incomplete: Dropped"),
    EnrollmentStatus.INCOMPLETE_FAILED_TO_COMPLETE: QT_TRANSLATE_NOOP(
        "values", "Incomplete: Failed to Complete"
    ),
    EnrollmentStatus.INCOMPLETE_TRANSFERED: QT_TRANSLATE_NOOP("values", "Incomplete: Transfered"),
    EnrollmentStatus.INCOMPLETE_SEGREGATED: QT_TRANSLATE_NOOP("values", "Incomplete: Segregated"),
    Role.STUDENT: QT_TRANSLATE_NOOP("values", "student"),
    Role.INSTRUCTOR: QT_TRANSLATE_NOOP("values", "instructor"),
    Role.FACILITY_ADMIN: QT_TRANSLATE_NOOP("values", "facility admin"),
    Role.DEPARTMENT_ADMIN: QT_TRANSLATE_NOOP("values", "department admin"),
    Role.SYSTEM_ADMIN: QT_TRANSLATE_NOOP("values", "system admin"),
    RoomKind.CLASSROOM: QT_TRANSLATE_NOOP("values", "classroom"),
    RoomKind.LAB: QT_TRANSLATE_NOOP("values", "lab"),
    RoomKind.GYM: QT_TRANSLATE_NOOP("values", "gym"),
    RoomKind.POOL: QT_TRANSLATE_NOOP("values", "pool"),
    RoomKind.COURT: QT_TRANSLATE_NOOP("values", "court"),
    RoomKind.FIELD: QT_TRANSLATE_NOOP("values", "field"),
    RoomKind.WORKSHOP: QT_TRANSLATE_NOOP("values", "workshop"),
    RoomKind.LIBRARY: QT_TRANSLATE_NOOP("values", "library"),
    RoomKind.OTHER: QT_TRANSLATE_NOOP("values", "other"),
    RoomStatus.MAINTENANCE: QT_TRANSLATE_NOOP("values", "maintenance"),
    ProgramType.EDUCATIONAL: QT_TRANSLATE_NOOP("values", "Educational"),
    ProgramType.VOCATIONAL: QT_TRANSLATE_NOOP("values", "Vocational"),
    ProgramType.MENTAL_HEALTH_BEHAVIORAL: QT_TRANSLATE_NOOP("values", "Mental health, behavioral"),
    ProgramType.RELIGIOUS_FAITH_BASED: QT_TRANSLATE_NOOP("values", "Religious, faith-based"),
    ProgramType.RE_ENTRY: QT_TRANSLATE_NOOP("values", "Re-entry"),
    ProgramType.THERAPEUTIC: QT_TRANSLATE_NOOP("values", "Therapeutic"),
    ProgramType.LIFE_SKILLS: QT_TRANSLATE_NOOP("values", "Life skills"),
    FundingType.FEDERAL_GRANTS: QT_TRANSLATE_NOOP("values", "Federal grants"),
    FundingType.STATE_GRANTS: QT_TRANSLATE_NOOP("values", "State grants"),
    FundingType.NONPROFIT_ORGANIZATIONS: QT_TRANSLATE_NOOP("values", "Nonprofit organizations"),
    FundingType.EDUCATIONAL_GRANTS: QT_TRANSLATE_NOOP("values", "Educational grants"),
    FundingType.INMATE_WELFARE_FUNDS: QT_TRANSLATE_NOOP("values", "Inmate welfare funds"),
    FundingType.OTHER: QT_TRANSLATE_NOOP("values", "Other"),
    GuardianRelationship.MOTHER: QT_TRANSLATE_NOOP("values", "mother"),
    GuardianRelationship.FATHER: QT_TRANSLATE_NOOP("values", "father"),
    GuardianRelationship.PARENT: QT_TRANSLATE_NOOP("values", "parent"),
    GuardianRelationship.GUARDIAN: QT_TRANSLATE_NOOP("values", "guardian"),
    GuardianRelationship.GRANDPARENT: QT_TRANSLATE_NOOP("values", "grandparent"),
    GuardianRelationship.SIBLING: QT_TRANSLATE_NOOP("values", "sibling"),
    LessonContentType.IN_PERSON: QT_TRANSLATE_NOOP("values", "in person"),
    LessonContentType.VIDEO: QT_TRANSLATE_NOOP("values", "video"),
    LessonContentType.DOCUMENT: QT_TRANSLATE_NOOP("values", "document"),
    ProgressStatus.NOT_STARTED: QT_TRANSLATE_NOOP("values", "not started"),
    ProgressStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("values", "in progress"),
    ProgressStatus.COMPLETED: QT_TRANSLATE_NOOP("values", "completed"),
    CredentialKind.CERTIFICATE: QT_TRANSLATE_NOOP("values", "certificate"),
    CredentialKind.GRADE: QT_TRANSLATE_NOOP("values", "grade"),
    CredentialKind.PROGRESS_COMPLETION: QT_TRANSLATE_NOOP("values", "progress completion"),
    CredentialKind.PATHWAY_COMPLETION: QT_TRANSLATE_NOOP("values", "pathway completion"),
    CredentialKind.COLLEGE_CREDIT: QT_TRANSLATE_NOOP("values", "college credit"),
    CredentialKind.TRANSCRIPT: QT_TRANSLATE_NOOP("values", "transcript"),
    HoursKind.EXTERNSHIP: QT_TRANSLATE_NOOP("values", "externship"),
    HoursKind.STUDY: QT_TRANSLATE_NOOP("values", "study"),
    HoursKind.WORK_ASSIGNMENT: QT_TRANSLATE_NOOP("values", "work assignment"),
}


def value_text(value: Enum | str) -> str:
    """A stored value in the desk's words ("Enrolled", "Inscrit"); unknown ones as stored."""
    raw = str(value.value if isinstance(value, Enum) else value)
    label = LABELS.get(raw)
    return translate("values", label) if label else raw
