"""Programs, their types and attendance policy, curriculum, classes and enrollments."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base
from app.db.models.org import NAME
from app.db.types import enum_column_type
from app.domain.enums import (
    ClassStatus,
    EnrollmentStatus,
    FundingType,
    LessonContentType,
    ProgramType,
    ProgressStatus,
)


class Program(Audited, Base):
    """An educational or vocational program, offered at facilities (seeds 000, 002, 004)."""

    __tablename__ = "programs"

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    funding_type: Mapped[FundingType | None] = mapped_column(
        enum_column_type(FundingType, "funding_type")
    )
    credit_hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    duration_weeks: Mapped[int | None] = mapped_column(Integer)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    archived_at: Mapped[datetime | None]


class ProgramTypeLink(Audited, Base):
    """Seed 000 ``program_types``: a program has one or more types."""

    __tablename__ = "program_types"
    __table_args__ = (
        Index(
            "uq_program_types_program_id_program_type", "program_id", "program_type", unique=True
        ),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id"))
    program_type: Mapped[ProgramType] = mapped_column(enum_column_type(ProgramType, "program_type"))


class FacilityProgram(Audited, Base):
    """Seed 000 ``facilities_programs``: which programs a facility offers."""

    __tablename__ = "facilities_programs"
    __table_args__ = (
        Index("uq_facilities_programs_facility_program", "facility_id", "program_id", unique=True),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id"), index=True)


class AttendancePolicyRow(Audited, Base):
    """Per-program attendance policy (seeds 002, 004): tardiness, required hours, minimum rate."""

    __tablename__ = "attendance_policies"
    __table_args__ = (
        CheckConstraint("tardy_after_minutes >= 0", name="tardy_after_not_negative"),
        CheckConstraint("tardies_per_absence >= 0", name="tardies_per_absence_not_negative"),
        CheckConstraint(
            "minimum_rate_pct IS NULL OR (minimum_rate_pct >= 0 AND minimum_rate_pct <= 100)",
            name="minimum_rate_pct_range",
        ),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id"), unique=True)
    tardy_after_minutes: Mapped[int] = mapped_column(Integer, default=10)
    tardies_per_absence: Mapped[int] = mapped_column(Integer, default=3)
    required_hours: Mapped[Decimal | None] = mapped_column(Numeric(7, 2))
    minimum_rate_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))


class Module(Audited, Base):
    """A curriculum module of a program, in order (seeds 001, 002, 003)."""

    __tablename__ = "modules"
    __table_args__ = (
        Index("ix_modules_program_id_sequence_order", "program_id", "sequence_order"),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id"))
    name: Mapped[str] = mapped_column(String(NAME))
    description: Mapped[str | None] = mapped_column(Text)
    sequence_order: Mapped[int] = mapped_column(Integer)


class Lesson(Audited, Base):
    """A lesson of a module, in order."""

    __tablename__ = "lessons"
    __table_args__ = (Index("ix_lessons_module_id_sequence_order", "module_id", "sequence_order"),)

    module_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("modules.id"))
    title: Mapped[str] = mapped_column(String(NAME))
    content_type: Mapped[LessonContentType] = mapped_column(
        enum_column_type(LessonContentType, "lesson_content_type"),
        default=LessonContentType.IN_PERSON,
    )
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    sequence_order: Mapped[int] = mapped_column(Integer)


class LessonProgress(Audited, Base):
    """A student's progress on a lesson, with a 0–3 star assessment (seed 003 rubrics)."""

    __tablename__ = "lesson_progress"
    __table_args__ = (
        Index("uq_lesson_progress_student_id_lesson_id", "student_id", "lesson_id", unique=True),
        CheckConstraint("stars IS NULL OR (stars >= 0 AND stars <= 3)", name="stars_range"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    lesson_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lessons.id"), index=True)
    status: Mapped[ProgressStatus] = mapped_column(
        enum_column_type(ProgressStatus, "progress_status"), default=ProgressStatus.NOT_STARTED
    )
    stars: Mapped[int | None] = mapped_column(Integer)
    assessed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    assessed_at: Mapped[datetime | None]


class ProgramClass(Audited, Base):
    """A class (UnlockEdv2 ``program_classes``, Result Institute ``trainings``) at one facility."""

    __tablename__ = "program_classes"
    __table_args__ = (
        Index("ix_program_classes_facility_id_status", "facility_id", "status"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id"), index=True)
    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    name: Mapped[str] = mapped_column(String(NAME))
    description: Mapped[str | None] = mapped_column(Text)
    instructor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    room_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rooms.id"))
    capacity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[ClassStatus] = mapped_column(
        enum_column_type(ClassStatus, "class_status"), default=ClassStatus.SCHEDULED
    )
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    credit_hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    archived_at: Mapped[datetime | None]


class Enrollment(Audited, Base):
    """A student in a class (UnlockEdv2 ``program_class_enrollments``); waitlist by position.

    The id is a uuid5 of (class, student) so that two offline enrolments converge on one row.
    """

    __tablename__ = "program_class_enrollments"
    __table_args__ = (
        Index("uq_program_class_enrollments_class_user", "class_id", "user_id", unique=True),
        Index("ix_program_class_enrollments_class_id_status", "class_id", "enrollment_status"),
        CheckConstraint(
            "progress_pct_at_withdrawal IS NULL OR "
            "(progress_pct_at_withdrawal >= 0 AND progress_pct_at_withdrawal <= 100)",
            name="progress_pct_range",
        ),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    class_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("program_classes.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    enrollment_status: Mapped[EnrollmentStatus] = mapped_column(
        enum_column_type(EnrollmentStatus, "program_enrollment_status"),
        default=EnrollmentStatus.ENROLLED,
    )
    change_reason: Mapped[str | None] = mapped_column(Text)
    enrolled_at: Mapped[datetime | None]
    enrollment_ended_at: Mapped[datetime | None]
    waitlist_position: Mapped[int | None] = mapped_column(Integer)
    progress_pct_at_withdrawal: Mapped[int | None] = mapped_column(Integer)
    transferred_to_class_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("program_classes.id")
    )


class EnrollmentHistory(Audited, Base):
    """Every status change of an enrollment, with its reason (what a student record shows)."""

    __tablename__ = "enrollment_history"

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    enrollment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_class_enrollments.id"), index=True
    )
    from_status: Mapped[EnrollmentStatus | None] = mapped_column(
        enum_column_type(EnrollmentStatus, "history_from_status")
    )
    to_status: Mapped[EnrollmentStatus] = mapped_column(
        enum_column_type(EnrollmentStatus, "history_to_status")
    )
    reason: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime]
