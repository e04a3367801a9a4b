"""Facility closures (days a facility is closed); soft-deleted ones are invisible."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date

from app.db.models import AttendanceRecord, FacilityClosure
from app.repositories.base import RowRepository


class ClosureRepository(RowRepository[FacilityClosure]):
    """Reads and adds ``facility_closures`` rows; marks the marks of closed days for review."""

    _model = FacilityClosure

    def of_facility(self, facility_id: uuid.UUID) -> Sequence[FacilityClosure]:
        """The facility's live closures, earliest first."""
        return self._rows(
            FacilityClosure.facility_id == facility_id,
            order_by=(FacilityClosure.first_date, FacilityClosure.id),
        )

    def overlapping(
        self, facility_ids: Collection[uuid.UUID], start: date, end: date
    ) -> Sequence[FacilityClosure]:
        """Live closures of these facilities that meet the local dates ``start`` to ``end``."""
        return self._live_rows_of(
            FacilityClosure.facility_id,
            facility_ids,
            FacilityClosure.first_date <= end,
            FacilityClosure.last_date >= start,
            order_by=(FacilityClosure.first_date, FacilityClosure.id),
        )

    def closed_days(
        self, facility_ids: Collection[uuid.UUID], start: date, end: date
    ) -> dict[uuid.UUID, dict[date, str]]:
        """Each facility's closed local dates between ``start`` and ``end``, with the reason."""
        found: dict[uuid.UUID, dict[date, str]] = {}
        for row in self.overlapping(facility_ids, start, end):
            days = found.setdefault(row.facility_id, {})
            day = max(row.first_date, start)
            last = min(row.last_date, end)
            while day <= last:
                days.setdefault(day, row.reason)
                day = date.fromordinal(day.toordinal() + 1)
        return found

    def review_marks_between(self, facility_id: uuid.UUID, first: date, last: date) -> int:
        """Set for review every live mark of the facility's sessions of those dates (never
        deleted); how many were not set for review already."""
        return self._review_marks(
            facility_id, AttendanceRecord.date >= first, AttendanceRecord.date <= last
        )
