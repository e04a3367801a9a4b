"""Attendance per student per occurrence, and the hours ledger of time outside sessions."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base
from app.db.models.org import NAME
from app.db.types import enum_column_type
from app.domain.enums import AttendanceStatus, HoursKind


class AttendanceRecord(Audited, Base):
    """UnlockEdv2 ``program_class_event_attendance``: one row per (series, date, student).

    ``date`` is the occurrence's original local date in the facility's timezone. The id is a uuid5
    of that natural key, so two workstations marking offline converge on one row.
    """

    __tablename__ = "program_class_event_attendance"
    __table_args__ = (
        Index(
            "uq_program_class_event_attendance_event_user_date",
            "event_id",
            "user_id",
            "date",
            unique=True,
        ),
        Index("ix_program_class_event_attendance_event_id_date", "event_id", "date"),
        Index("ix_program_class_event_attendance_user_id_date", "user_id", "date"),
        Index("ix_program_class_event_attendance_facility_id_date", "facility_id", "date"),
        CheckConstraint("minutes IS NULL OR minutes >= 0", name="minutes_not_negative"),
        CheckConstraint(
            "check_out_at IS NULL OR check_in_at IS NULL OR check_out_at >= check_in_at",
            name="check_out_after_check_in",
        ),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("program_class_events.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    date: Mapped[date]
    attendance_status: Mapped[AttendanceStatus] = mapped_column(
        enum_column_type(AttendanceStatus, "attendance")
    )
    absence_reason: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    check_in_at: Mapped[datetime | None]
    check_out_at: Mapped[datetime | None]
    minutes: Mapped[int | None] = mapped_column(Integer)
    marked_by: Mapped[str | None] = mapped_column(String(63))
    marked_at: Mapped[datetime | None]
    device_id: Mapped[str | None] = mapped_column(String(64))
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)


class HoursLog(Audited, Base):
    """Clock-in/out time outside sessions (seed 002 attendance, externships), verified."""

    __tablename__ = "hours_logs"
    __table_args__ = (
        Index("ix_hours_logs_user_id_clock_in", "user_id", "clock_in"),
        CheckConstraint("clock_out IS NULL OR clock_out >= clock_in", name="clock_out_after_in"),
        CheckConstraint("minutes IS NULL OR minutes >= 0", name="minutes_not_negative"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    program_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("programs.id"))
    enrollment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("program_class_enrollments.id")
    )
    kind: Mapped[HoursKind] = mapped_column(enum_column_type(HoursKind, "hours_kind"))
    clock_in: Mapped[datetime]
    clock_out: Mapped[datetime | None]
    minutes: Mapped[int | None] = mapped_column(Integer)
    site_name: Mapped[str | None] = mapped_column(String(NAME))
    supervisor_name: Mapped[str | None] = mapped_column(String(NAME))
    notes: Mapped[str | None] = mapped_column(Text)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_by: Mapped[str | None] = mapped_column(String(63))
    verified_at: Mapped[datetime | None]
    day: Mapped[date | None]
