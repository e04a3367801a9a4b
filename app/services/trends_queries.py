"""The trends queries: marks counted per session in SQL, kept beside the service that uses them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.db.models import AttendanceRecord
from app.services.risk_queries import ATTENDED


class TrendRepository:
    """Reads aggregated marks; writes nothing."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def session_counts(
        self, series_ids: Iterable[uuid.UUID], start: date, end: date
    ) -> dict[tuple[uuid.UUID, date], tuple[int, int]]:
        """(marked, attended) per (series, original date) between two local dates, grouped in
        SQL over the (event, date) index: one row per session, whatever the class size."""
        ids = list(set(series_ids))
        if not ids:
            return {}
        mark = AttendanceRecord
        attended = func.sum(case((mark.attendance_status.in_(ATTENDED), 1), else_=0))
        stmt = (
            select(mark.event_id, mark.date, func.count(), attended)
            .where(
                mark.event_id.in_(ids),
                mark.date.between(start, end),
                mark.deleted_at.is_(None),
            )
            .group_by(mark.event_id, mark.date)
        )
        return {
            (event, day): (int(marked), int(came or 0))
            for event, day, marked, came in self._session.execute(stmt)
        }
