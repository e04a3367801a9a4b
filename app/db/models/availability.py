"""Instructor availability (seed 003): weekly working hours and time off, in facility wall time.

Both are wall-clock values of the facility, like a series' ``dtstart_local``: hours of 09:00 to
17:00 stay 09:00 to 17:00 across a DST change, and they are compared with sessions' local times
without any conversion. Weekly hours are minutes of the day (0 to 1440, so "until midnight" can
be said), not ``time`` values, which cannot say 24:00.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base


class InstructorAvailability(Audited, Base):
    """One stretch of weekly hours an instructor works at a facility: ``weekday`` 0 (Monday)
    to 6, from ``start_minute`` to ``end_minute`` of that day, on the weeks between
    ``valid_from`` and ``valid_to`` (inclusive; open when empty).

    An instructor with no hours recorded at a facility is taken to be available at any time:
    availability only narrows what was said."""

    __tablename__ = "instructor_availability"
    __table_args__ = (
        Index(
            "ix_instructor_availability_facility_id_instructor_id", "facility_id", "instructor_id"
        ),
        CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday_range"),
        CheckConstraint(
            "start_minute >= 0 AND start_minute < end_minute AND end_minute <= 1440",
            name="minutes_range",
        ),
        CheckConstraint(
            "valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to",
            name="valid_range",
        ),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    instructor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    weekday: Mapped[int] = mapped_column(SmallInteger)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]


class InstructorTimeOff(Audited, Base):
    """A stretch an instructor does not work (leave, training, sickness), from ``starts_local``
    to ``ends_local`` (exclusive), naive wall-clock times of the facility."""

    __tablename__ = "instructor_time_off"
    __table_args__ = (
        Index(
            "ix_instructor_time_off_facility_id_instructor_id_starts_local",
            "facility_id",
            "instructor_id",
            "starts_local",
        ),
        CheckConstraint("starts_local < ends_local", name="ends_after_start"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    instructor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    starts_local: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    ends_local: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    reason: Mapped[str | None] = mapped_column(Text)
