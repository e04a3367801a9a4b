"""The hours ledger: clock-in/out entries outside scheduled sessions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select

from app.db.models import HoursLog
from app.repositories.base import RowRepository


class HoursRepository(RowRepository[HoursLog]):
    """Hours entries of students; soft-deleted ones are invisible."""

    _model = HoursLog

    def open_entry_of(self, student_id: uuid.UUID) -> HoursLog | None:
        """The entry the student is clocked in on, if any."""
        stmt = select(HoursLog).where(
            HoursLog.user_id == student_id,
            HoursLog.clock_out.is_(None),
            HoursLog.deleted_at.is_(None),
        )
        return self._session.scalars(stmt).first()

    def overlapping(self, student_id: uuid.UUID, start: datetime, end: datetime) -> HoursLog | None:
        """An entry of the student sharing time with [start, end); an open entry runs forever."""
        stmt = select(HoursLog).where(
            HoursLog.user_id == student_id,
            HoursLog.deleted_at.is_(None),
            HoursLog.clock_in < end,
            or_(HoursLog.clock_out.is_(None), HoursLog.clock_out > start),
        )
        return self._session.scalars(stmt.limit(1)).first()

    def entries_of(
        self, student_id: uuid.UUID, program_id: uuid.UUID | None = None
    ) -> Sequence[HoursLog]:
        """Newest first."""
        stmt = select(HoursLog).where(HoursLog.user_id == student_id, HoursLog.deleted_at.is_(None))
        if program_id is not None:
            stmt = stmt.where(HoursLog.program_id == program_id)
        stmt = stmt.order_by(HoursLog.clock_in.desc(), HoursLog.id)
        return self._session.scalars(stmt).all()
