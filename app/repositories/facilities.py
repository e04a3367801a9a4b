"""Facilities and their rooms."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Facility, Room


class FacilityRepository:
    """Reads and adds facilities; soft-deleted ones are invisible."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, facility: Facility) -> Facility:
        self._session.add(facility)
        return facility

    def get(self, facility_id: uuid.UUID) -> Facility | None:
        row = self._session.get(Facility, facility_id)
        return None if row is None or row.deleted_at is not None else row

    def list_all(self) -> Sequence[Facility]:
        stmt = select(Facility).where(Facility.deleted_at.is_(None)).order_by(Facility.name)
        return self._session.scalars(stmt).all()

    def name_taken(self, name: str, *, other_than: uuid.UUID | None = None) -> bool:
        """Whether another facility (deleted ones too: the unique constraint sees them) has it."""
        stmt = select(func.count()).select_from(Facility).where(Facility.name == name)
        if other_than is not None:
            stmt = stmt.where(Facility.id != other_than)
        return bool(self._session.scalar(stmt))


class RoomRepository:
    """Rooms of a facility; soft-deleted ones are invisible."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, room: Room) -> Room:
        self._session.add(room)
        return room

    def get(self, room_id: uuid.UUID) -> Room | None:
        row = self._session.get(Room, room_id)
        return None if row is None or row.deleted_at is not None else row

    def rooms_of(self, facility_id: uuid.UUID) -> Sequence[Room]:
        stmt = (
            select(Room)
            .where(Room.facility_id == facility_id, Room.deleted_at.is_(None))
            .order_by(Room.name, Room.id)
        )
        return self._session.scalars(stmt).all()

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
