"""Facility closures: the days a facility is closed (holidays, planned shutdowns).

A closure is a stretch of whole local days of the facility, from ``first_date`` to
``last_date`` inclusive, with a reason. No session is held on those days: recurring series skip
them (as they skip an excluded date), the calendar shows the day closed, and the attendance
rate and hours never count them. Marks already taken on a day later closed are kept and set for
review, never deleted.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base


class FacilityClosure(Audited, Base):
    """The facility is closed from ``first_date`` to ``last_date`` (inclusive, local dates)."""

    __tablename__ = "facility_closures"
    __table_args__ = (
        Index("ix_facility_closures_facility_id_first_date", "facility_id", "first_date"),
        CheckConstraint("first_date <= last_date", name="date_range"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    first_date: Mapped[date]
    last_date: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
