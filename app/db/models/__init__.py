"""All models, imported here so that ``Base.metadata`` knows every table."""

from app.db.base import Base
from app.db.models.attendance import AttendanceRecord, HoursLog
from app.db.models.availability import InstructorAvailability, InstructorTimeOff
from app.db.models.closures import FacilityClosure
from app.db.models.disruptions import FacilityDisruption
from app.db.models.makeups import MakeupLink
from app.db.models.org import (
    Facility,
    Guardian,
    Room,
    StaffScope,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.db.models.programs import (
    AttendancePolicyRow,
    Enrollment,
    EnrollmentHistory,
    FacilityProgram,
    Lesson,
    LessonProgress,
    Module,
    Program,
    ProgramClass,
    ProgramTypeLink,
)
from app.db.models.records import AccountHistory, AuditEntry, CaseNote, Credential
from app.db.models.schedule import OccurrenceOverrideRow, SessionSeries

__all__ = [
    "AccountHistory",
    "AttendancePolicyRow",
    "AttendanceRecord",
    "AuditEntry",
    "Base",
    "CaseNote",
    "Credential",
    "Enrollment",
    "EnrollmentHistory",
    "Facility",
    "FacilityClosure",
    "FacilityDisruption",
    "FacilityProgram",
    "Guardian",
    "HoursLog",
    "InstructorAvailability",
    "InstructorTimeOff",
    "Lesson",
    "LessonProgress",
    "MakeupLink",
    "Module",
    "OccurrenceOverrideRow",
    "Program",
    "ProgramClass",
    "ProgramTypeLink",
    "Room",
    "SessionSeries",
    "StaffScope",
    "StudentGuardian",
    "StudentMedical",
    "StudentProfile",
    "User",
]
