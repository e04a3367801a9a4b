"""Facilities and their rooms."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from app.db.models import Facility, Room
from app.repositories.base import RowRepository


class FacilityRepository(RowRepository[Facility]):
    """Reads and adds facilities; soft-deleted ones are invisible."""

    _model = Facility

    def list_all(self) -> Sequence[Facility]:
        stmt = select(Facility).where(Facility.deleted_at.is_(None)).order_by(Facility.name)
        return self._session.scalars(stmt).all()


class RoomRepository(RowRepository[Room]):
    """Rooms of a facility; soft-deleted ones are invisible."""

    _model = Room

    def rooms_of(self, facility_id: uuid.UUID) -> Sequence[Room]:
        return self._rows(Room.facility_id == facility_id, order_by=(Room.name, Room.id))
