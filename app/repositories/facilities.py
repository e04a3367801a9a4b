"""Facilities and their rooms."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select

from app.db.models import Facility, Room
from app.repositories.base import RowRepository


class FacilityRepository(RowRepository[Facility]):
    """Reads and adds facilities; soft-deleted ones are invisible."""

    _model = Facility

    def list_all(self) -> Sequence[Facility]:
        stmt = select(Facility).where(Facility.deleted_at.is_(None)).order_by(Facility.name)
        return self._session.scalars(stmt).all()

    def name_taken(self, name: str, *, other_than: uuid.UUID | None = None) -> bool:
        """Whether another facility (deleted ones too: the unique constraint sees them) has it."""
        stmt = select(func.count()).select_from(Facility).where(Facility.name == name)
        if other_than is not None:
            stmt = stmt.where(Facility.id != other_than)
        return bool(self._session.scalar(stmt))


class RoomRepository(RowRepository[Room]):
    """Rooms of a facility; soft-deleted ones are invisible."""

    _model = Room

    def rooms_of(self, facility_id: uuid.UUID) -> Sequence[Room]:
        return self._live_rows(Room, Room.facility_id == facility_id, order_by=(Room.name, Room.id))

    def name_taken(
        self, facility_id: uuid.UUID, name: str, *, other_than: uuid.UUID | None = None
    ) -> bool:
        stmt = (
            select(func.count())
            .select_from(Room)
            .where(Room.facility_id == facility_id, Room.name == name)
        )
        if other_than is not None:
            stmt = stmt.where(Room.id != other_than)
        return bool(self._session.scalar(stmt))
