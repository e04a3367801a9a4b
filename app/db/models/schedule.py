"""Session series (RFC 5545 RRULE in facility wall-clock time) and per-occurrence overrides."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base


class SessionSeries(Audited, Base):
    """UnlockEdv2 ``program_class_events``: a recurring (or single) session of a class.

    ``dtstart_local`` is a naive wall-clock time in the facility's timezone, not an instant: a
    09:00 class stays at 09:00 across DST. ``exdates`` is a comma-separated list of local dates.
    """

    __tablename__ = "program_class_events"
    __table_args__ = (
        Index("ix_program_class_events_facility_id_dtstart", "facility_id", "dtstart_local"),
        CheckConstraint("duration_minutes > 0 AND duration_minutes <= 1440", name="duration_range"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    class_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("program_classes.id"), index=True)
    dtstart_local: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    recurrence_rule: Mapped[str | None] = mapped_column(String(500))
    until_local: Mapped[date | None]
    exdates: Mapped[str | None] = mapped_column(Text)
    room_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rooms.id"), index=True)
    instructor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)


class OccurrenceOverrideRow(Audited, Base):
    """A change to one occurrence: cancel, reschedule, substitute instructor, room change.

    Keyed by the occurrence's original local date; attendance stays attached to that key, so a
    moved occurrence never loses its marks.
    """

    __tablename__ = "program_class_event_overrides"
    __table_args__ = (
        Index(
            "uq_program_class_event_overrides_event_id_original_date",
            "event_id",
            "original_date",
            unique=True,
        ),
        CheckConstraint(
            "new_duration_minutes IS NULL OR "
            "(new_duration_minutes > 0 AND new_duration_minutes <= 1440)",
            name="new_duration_range",
        ),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("program_class_events.id"))
    original_date: Mapped[date]
    is_cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    new_start_local: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    new_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    substitute_instructor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    room_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rooms.id"))
    reason: Mapped[str | None] = mapped_column(Text)
