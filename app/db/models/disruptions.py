"""Facility-wide disruptions: a lockdown, a count, a storm.

A disruption cancels every session of a facility that overlaps its window (``starts_at`` to
``ends_at``, instants; the window may be part of a day), or only those of the rooms or programs
it names, with a reason. Sessions are not rewritten one by one: expanding sessions takes the
facility's live disruptions and shows an occurrence that meets one cancelled with its reason.
Lifting a disruption (``lifted_at``) brings the sessions back untouched. Marks already taken in
the window are kept and set for review, never deleted.

``room_ids`` and ``program_ids`` are space-separated UUIDs (empty or null: every room, every
program), plain text so the row travels through the sync as every other row does.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base


class FacilityDisruption(Audited, Base):
    """Sessions of the facility meeting ``[starts_at, ends_at)`` are not held (until lifted)."""

    __tablename__ = "facility_disruptions"
    __table_args__ = (
        Index("ix_facility_disruptions_facility_id_starts_at", "facility_id", "starts_at"),
        CheckConstraint("starts_at < ends_at", name="window_order"),
    )

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)
    room_ids: Mapped[str | None] = mapped_column(Text)
    program_ids: Mapped[str | None] = mapped_column(Text)
    lifted_at: Mapped[datetime | None]
