"""Enumerations of the shared schema, named as the seed systems name them.

Values are what is stored; UnlockEdv2 (seed 000) names win where it has the concept.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a person is in Rollbook; staff roles map to PostgreSQL group roles."""

    STUDENT = "student"
    INSTRUCTOR = "instructor"
    FACILITY_ADMIN = "facility_admin"
    DEPARTMENT_ADMIN = "department_admin"
    SYSTEM_ADMIN = "system_admin"

    @property
    def is_staff(self) -> bool:
        return self is not Role.STUDENT


class PersonStatus(StrEnum):
    """Seed 001 student statuses, also used for staff (active/inactive)."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    GRADUATED = "graduated"
    WITHDRAWN = "withdrawn"


class FundingType(StrEnum):
    """Seed 000 ``funding_type``."""

    FEDERAL_GRANTS = "Federal_Grants"
    STATE_GRANTS = "State_Grants"
    NONPROFIT_ORGANIZATIONS = "Nonprofit_Organizations"
    EDUCATIONAL_GRANTS = "Educational_Grants"
    INMATE_WELFARE_FUNDS = "Inmate_Welfare_Funds"
    OTHER = "Other"


class ProgramType(StrEnum):
    """Seed 000 ``program_type``."""

    EDUCATIONAL = "Educational"
    VOCATIONAL = "Vocational"
    MENTAL_HEALTH_BEHAVIORAL = "Mental_Health_Behavioral"
    RELIGIOUS_FAITH_BASED = "Religious_Faith-Based"
    RE_ENTRY = "Re-Entry"
    THERAPEUTIC = "Therapeutic"
    LIFE_SKILLS = "Life_Skills"


class ClassStatus(StrEnum):
    """Seed 000 ``class_status``."""

    SCHEDULED = "Scheduled"
    ACTIVE = "Active"
    CANCELLED = "Cancelled"
    COMPLETED = "Completed"
    PAUSED = "Paused"


class EnrollmentStatus(StrEnum):
    """Seed 000 ``program_enrollment_status`` plus ``Waitlisted`` (seeds 003, 004 waitlists)."""

    ENROLLED = "Enrolled"
    WAITLISTED = "Waitlisted"
    CANCELLED = "Cancelled"
    COMPLETED = "Completed"
    INCOMPLETE_WITHDRAWN = "Incomplete: Withdrawn"
    INCOMPLETE_DROPPED = "Incomplete: Dropped"
    INCOMPLETE_FAILED_TO_COMPLETE = "Incomplete: Failed to Complete"
    INCOMPLETE_TRANSFERED = "Incomplete: Transfered"
    INCOMPLETE_SEGREGATED = "Incomplete: Segregated"

    @property
    def is_final(self) -> bool:
        return self not in (EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED)


class AttendanceStatus(StrEnum):
    """One status per student per occurrence (seed 000 extended with seeds 002 and 004)."""

    PRESENT = "present"
    LATE = "late"
    PARTIAL = "partial"
    ABSENT_EXCUSED = "absent_excused"
    ABSENT_UNEXCUSED = "absent_unexcused"

    @property
    def attended(self) -> bool:
        return self in (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.PARTIAL)


class RoomKind(StrEnum):
    """Seed 001 ``facility_type`` plus what correctional and vocational sites use."""

    CLASSROOM = "classroom"
    LAB = "lab"
    GYM = "gym"
    POOL = "pool"
    COURT = "court"
    FIELD = "field"
    WORKSHOP = "workshop"
    LIBRARY = "library"
    OTHER = "other"


class RoomStatus(StrEnum):
    """Seed 001 facility status."""

    ACTIVE = "active"
    MAINTENANCE = "maintenance"
    INACTIVE = "inactive"


class GuardianRelationship(StrEnum):
    """Seed 003 student-parent relationship."""

    MOTHER = "mother"
    FATHER = "father"
    PARENT = "parent"
    GUARDIAN = "guardian"
    GRANDPARENT = "grandparent"
    SIBLING = "sibling"
    OTHER = "other"


class LessonContentType(StrEnum):
    """Seed 002 lesson content types plus in-person lessons."""

    IN_PERSON = "in_person"
    H5P = "h5p"
    SCORM = "scorm"
    VIDEO = "video"
    DOCUMENT = "document"


class ProgressStatus(StrEnum):
    """Curriculum progress of a student on a lesson (seeds 001, 002, 003)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class CredentialKind(StrEnum):
    """Seed 000 ``outcome_type`` plus seed 002 transcripts."""

    CERTIFICATE = "certificate"
    GRADE = "grade"
    PROGRESS_COMPLETION = "progress_completion"
    PATHWAY_COMPLETION = "pathway_completion"
    COLLEGE_CREDIT = "college_credit"
    TRANSCRIPT = "transcript"


class HoursKind(StrEnum):
    """Hours ledger entries outside scheduled sessions (seed 002 attendance and externships)."""

    LAB = "lab"
    EXTERNSHIP = "externship"
    STUDY = "study"
    WORK_ASSIGNMENT = "work_assignment"
    OTHER = "other"


class AccountAction(StrEnum):
    """Seed 000 ``activity_history_action`` plus staff-scope changes."""

    ACCOUNT_CREATION = "account_creation"
    FACILITY_TRANSFER = "facility_transfer"
    SET_PASSWORD = "set_password"
    RESET_PASSWORD = "reset_password"
    PROGCLASS_HISTORY = "progclass_history"
    USER_DEACTIVATED = "user_deactivated"
    USER_REACTIVATED = "user_reactivated"
    SCOPE_CHANGE = "scope_change"


class AuditAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


class CaseNoteCategory(StrEnum):
    GENERAL = "general"
    ACADEMIC = "academic"
    BEHAVIOR = "behavior"
    ATTENDANCE = "attendance"
    REENTRY = "reentry"
