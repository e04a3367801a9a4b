"""Facilities, rooms, people, student profiles, guardians and staff scope."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base
from app.db.types import enum_column_type
from app.domain.enums import GuardianRelationship, PersonStatus, Role, RoomKind, RoomStatus

NAME = 100


class Facility(Audited, Base):
    """A site (prison, academy location, institute campus); its IANA timezone dates attendance."""

    __tablename__ = "facilities"

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    address: Mapped[str | None] = mapped_column(Text)


class Room(Audited, Base):
    """A bookable space of a facility (seed 001 facility types)."""

    __tablename__ = "rooms"
    __table_args__ = (
        Index("uq_rooms_facility_id_name", "facility_id", "name", unique=True),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME))
    kind: Mapped[RoomKind] = mapped_column(
        enum_column_type(RoomKind, "room_kind"), default=RoomKind.CLASSROOM
    )
    capacity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[RoomStatus] = mapped_column(
        enum_column_type(RoomStatus, "room_status"), default=RoomStatus.ACTIVE
    )


class User(Audited, Base):
    """A person: a student/resident/participant or a staff member (UnlockEdv2 ``users``).

    ``username`` is the PostgreSQL login role of a staff member; students have none.
    ``search_name`` is a lower-cased "last first" kept by the repository for prefix search.
    """

    __tablename__ = "users"
    __table_args__ = (
        Index("ix_users_facility_id_role_search_name", "facility_id", "role", "search_name"),
        Index("ix_users_search_name", "search_name"),
        Index("ix_users_search_first", "search_first"),
        Index("ix_users_doc_id", "doc_id"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column_type(Role, "user_role"), default=Role.STUDENT)
    name_first: Mapped[str] = mapped_column(String(NAME))
    name_last: Mapped[str] = mapped_column(String(NAME))
    search_name: Mapped[str] = mapped_column(String(2 * NAME + 1))
    search_first: Mapped[str] = mapped_column(String(NAME))
    username: Mapped[str | None] = mapped_column(String(63), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    doc_id: Mapped[str | None] = mapped_column(String(64))
    student_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    status: Mapped[PersonStatus] = mapped_column(
        enum_column_type(PersonStatus, "person_status"), default=PersonStatus.ACTIVE
    )
    deactivated_at: Mapped[datetime | None]


class StudentProfile(Audited, Base):
    """Contact details of a student (seed 001): visible to the staff of the facility."""

    __tablename__ = "student_profiles"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), unique=True)
    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    date_of_birth: Mapped[date | None]
    enrollment_date: Mapped[date | None]
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class StudentMedical(Audited, Base):
    """Emergency contact and medical notes: a table of its own so that only admins see it."""

    __tablename__ = "student_medical"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), unique=True)
    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    emergency_contact_name: Mapped[str | None] = mapped_column(String(NAME))
    emergency_contact_phone: Mapped[str | None] = mapped_column(String(32))
    emergency_contact_relationship: Mapped[str | None] = mapped_column(String(NAME))
    medical_notes: Mapped[str | None] = mapped_column(Text)
    allergies: Mapped[str | None] = mapped_column(Text)


class Guardian(Audited, Base):
    """A parent or guardian (seed 003 ``parents``)."""

    __tablename__ = "guardians"

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    name_first: Mapped[str] = mapped_column(String(NAME))
    name_last: Mapped[str] = mapped_column(String(NAME))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(Text)


class StudentGuardian(Audited, Base):
    """Seed 003 ``student_parent_relationships``."""

    __tablename__ = "student_guardians"
    __table_args__ = (
        Index("uq_student_guardians_student_guardian", "student_id", "guardian_id", unique=True),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    guardian_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("guardians.id"), index=True)
    relationship: Mapped[GuardianRelationship] = mapped_column(
        enum_column_type(GuardianRelationship, "guardian_relationship")
    )
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pick_up: Mapped[bool] = mapped_column(Boolean, default=True)


class StaffScope(Audited, Base):
    """Which facilities (and, where scoped, programs) a staff member may see; drives RLS."""

    __tablename__ = "staff_scopes"
    __table_args__ = (Index("ix_staff_scopes_user_id_facility_id", "user_id", "facility_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    program_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("programs.id"))
