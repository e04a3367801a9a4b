"""Instructors' weekly hours and time off at a facility; soft-deleted rows are invisible."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select

from app.db.models import InstructorAvailability, InstructorTimeOff
from app.repositories.base import Repository


class AvailabilityRepository(Repository):
    """Reads and adds ``instructor_availability`` and ``instructor_time_off`` rows."""

    def add_hours(self, row: InstructorAvailability) -> InstructorAvailability:
        self._session.add(row)
        return row

    def add_time_off(self, row: InstructorTimeOff) -> InstructorTimeOff:
        self._session.add(row)
        return row

    def hours_of(
        self, facility_id: uuid.UUID, instructor_ids: Collection[uuid.UUID]
    ) -> Sequence[InstructorAvailability]:
        """Live weekly hours of these instructors at the facility, by weekday and start."""
        if not instructor_ids:
            return []
        return self._live_rows(
            InstructorAvailability,
            InstructorAvailability.facility_id == facility_id,
            InstructorAvailability.instructor_id.in_(list(instructor_ids)),
            order_by=(
                InstructorAvailability.weekday,
                InstructorAvailability.start_minute,
                InstructorAvailability.id,
            ),
        )

    def time_off_of(
        self,
        facility_id: uuid.UUID,
        instructor_ids: Collection[uuid.UUID],
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> Sequence[InstructorTimeOff]:
        """Live time off of these instructors at the facility, by start; with ``start`` and
        ``end`` (naive, local) only what overlaps that stretch."""
        if not instructor_ids:
            return []
        stmt = select(InstructorTimeOff).where(
            InstructorTimeOff.facility_id == facility_id,
            InstructorTimeOff.instructor_id.in_(list(instructor_ids)),
            InstructorTimeOff.deleted_at.is_(None),
        )
        if end is not None:
            stmt = stmt.where(InstructorTimeOff.starts_local < end)
        if start is not None:
            stmt = stmt.where(InstructorTimeOff.ends_local > start)
        stmt = stmt.order_by(InstructorTimeOff.starts_local, InstructorTimeOff.id)
        return self._session.scalars(stmt).all()
