"""Facility disruptions (a lockdown, a count, a storm); removed or lifted ones are not live."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import tuple_

from app.db.models import AttendanceRecord, FacilityDisruption
from app.repositories.base import RowRepository


class DisruptionRepository(RowRepository[FacilityDisruption]):
    """Reads and adds ``facility_disruptions`` rows; sets the marks of disrupted sessions for
    review."""

    _model = FacilityDisruption

    def of_facility(self, facility_id: uuid.UUID) -> Sequence[FacilityDisruption]:
        """The facility's disruptions, lifted ones included, newest first."""
        return self._rows(
            FacilityDisruption.facility_id == facility_id,
            order_by=(FacilityDisruption.starts_at.desc(), FacilityDisruption.id),
        )

    def live_between(
        self, facility_ids: Collection[uuid.UUID], lo: datetime, hi: datetime
    ) -> Sequence[FacilityDisruption]:
        """Disruptions of these facilities in force (not lifted) that meet ``[lo, hi)``."""
        return self._live_rows_of(
            FacilityDisruption.facility_id,
            facility_ids,
            FacilityDisruption.lifted_at.is_(None),
            FacilityDisruption.starts_at < hi,
            FacilityDisruption.ends_at > lo,
            order_by=(FacilityDisruption.starts_at, FacilityDisruption.id),
        )

    def review_marks_of(
        self, facility_id: uuid.UUID, sessions: Iterable[tuple[uuid.UUID, date]]
    ) -> int:
        """Set for review every live mark of these sessions (series, original date), never
        deleted; how many were not set for review already."""
        keys = list(set(sessions))
        if not keys:
            return 0
        return self._review_marks(
            facility_id, tuple_(AttendanceRecord.event_id, AttendanceRecord.date).in_(keys)
        )
