"""Facilities (sites with their IANA timezone) and their rooms."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

from app.db.models import Facility, Room
from app.domain.enums import RoomKind, RoomStatus
from app.domain.errors import DuplicateError, UnknownTimezone
from app.domain.validation import check_timezone, clean_name, clean_text
from app.infra.clock import Clock, SystemClock
from app.repositories.facilities import FacilityRepository, RoomRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.from_row import from_row
from app.services.inputs import KEEP, Keep, as_enum, check_whole, new_name, rename
from app.services.lookup import require

MAX_ADDRESS = 1000
MAX_CAPACITY = 100_000
FACILITY_TAKEN = "A facility with that name already exists."
ROOM_TAKEN = "This facility already has a room with that name."


@dataclass(frozen=True, slots=True)
class FacilityDTO:
    id: uuid.UUID
    name: str
    timezone: str
    address: str | None


@dataclass(frozen=True, slots=True)
class RoomDTO:
    id: uuid.UUID
    facility_id: uuid.UUID
    name: str
    kind: RoomKind
    capacity: int | None
    status: RoomStatus


def _facility_dto(row: Facility) -> FacilityDTO:
    return FacilityDTO(id=row.id, name=row.name, timezone=row.timezone, address=row.address)


def _room_dto(row: Room) -> RoomDTO:
    return from_row(RoomDTO, row)


def facility_zone(row: Facility) -> ZoneInfo:
    """The facility's zone; UTC if the stored name is unknown here (an older tzdata)."""
    try:
        return check_timezone(row.timezone)
    except UnknownTimezone:
        return ZoneInfo("UTC")


def _clean_timezone(name: str) -> str:
    return check_timezone(name).key


def _clean_capacity(capacity: int | None) -> int | None:
    return check_whole(capacity, field="capacity", low=0, high=MAX_CAPACITY, label="The capacity")


class FacilityService:
    """Creates, lists and edits facilities and their rooms."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    # -- facilities -------------------------------------------------------------------------

    def create_facility(self, name: str, timezone: str, address: str | None = None) -> FacilityDTO:
        """Raises ``ValidationError``/``UnknownTimezone`` on bad input, ``DuplicateError``."""
        name = clean_name(name, field="name", label="The facility name")
        tz = _clean_timezone(timezone)
        addr = clean_text(address, field="address", max_length=MAX_ADDRESS)
        with self._uow() as uow:
            repo = uow.get(FacilityRepository)
            if repo.name_taken(name):
                raise DuplicateError(FACILITY_TAKEN, field="name")
            row = repo.add(Facility(name=name, timezone=tz, address=addr))
            uow.commit()
            return _facility_dto(row)

    def list_facilities(self) -> list[FacilityDTO]:
        with self._uow() as uow:
            return [_facility_dto(r) for r in uow.get(FacilityRepository).list_all()]

    def get_facility(self, facility_id: uuid.UUID) -> FacilityDTO:
        with self._uow() as uow:
            return _facility_dto(self._facility(uow.get(FacilityRepository), facility_id))

    def update_facility(
        self,
        facility_id: uuid.UUID,
        *,
        name: str | Keep = KEEP,
        timezone: str | Keep = KEEP,
        address: str | Keep | None = KEEP,
    ) -> FacilityDTO:
        """Change what is given; ``address=None`` clears the address."""
        named = new_name(name)
        new_tz = None if isinstance(timezone, Keep) else _clean_timezone(timezone)
        with self._uow() as uow:
            repo = uow.get(FacilityRepository)
            row = self._facility(repo, facility_id)
            rename(row, named, repo.name_taken, FACILITY_TAKEN)
            if new_tz is not None:
                row.timezone = new_tz
            if not isinstance(address, Keep):
                row.address = clean_text(address, field="address", max_length=MAX_ADDRESS)
            uow.commit()
            return _facility_dto(row)

    # -- rooms ------------------------------------------------------------------------------

    def add_room(
        self,
        facility_id: uuid.UUID,
        name: str,
        kind: RoomKind = RoomKind.CLASSROOM,
        capacity: int | None = None,
    ) -> RoomDTO:
        name = clean_name(name, field="name", label="The room name")
        kind = as_enum(RoomKind, kind, field="kind")
        capacity = _clean_capacity(capacity)
        with self._uow() as uow:
            self._facility(uow.get(FacilityRepository), facility_id)
            rooms = uow.get(RoomRepository)
            if rooms.name_taken(facility_id, name):
                raise DuplicateError(ROOM_TAKEN, field="name")
            row = rooms.add(Room(facility_id=facility_id, name=name, kind=kind, capacity=capacity))
            uow.commit()
            return _room_dto(row)

    def list_rooms(self, facility_id: uuid.UUID) -> list[RoomDTO]:
        """Every room of the facility, whatever its status, by name."""
        with self._uow() as uow:
            return [_room_dto(r) for r in uow.get(RoomRepository).rooms_of(facility_id)]

    def update_room(
        self,
        room_id: uuid.UUID,
        *,
        name: str | Keep = KEEP,
        kind: RoomKind | Keep = KEEP,
        capacity: int | Keep | None = KEEP,
    ) -> RoomDTO:
        """Change what is given; ``capacity=None`` means "no fixed capacity"."""
        named = new_name(name)
        new_kind = None if isinstance(kind, Keep) else as_enum(RoomKind, kind, field="kind")
        new_capacity = capacity if isinstance(capacity, Keep) else _clean_capacity(capacity)
        with self._uow() as uow:
            rooms = uow.get(RoomRepository)
            row = self._room(rooms, room_id)
            rename(row, named, partial(rooms.name_taken, row.facility_id), ROOM_TAKEN)
            if new_kind is not None:
                row.kind = new_kind
            if not isinstance(new_capacity, Keep):
                row.capacity = new_capacity
            uow.commit()
            return _room_dto(row)

    def set_room_status(self, room_id: uuid.UUID, status: RoomStatus) -> RoomDTO:
        status = as_enum(RoomStatus, status, field="status")
        with self._uow() as uow:
            row = self._room(uow.get(RoomRepository), room_id)
            row.status = status
            uow.commit()
            return _room_dto(row)

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _facility(repo: FacilityRepository, facility_id: uuid.UUID) -> Facility:
        return require(repo.get(facility_id), "That facility does not exist or was removed.")

    @staticmethod
    def _room(repo: RoomRepository, room_id: uuid.UUID) -> Room:
        return require(repo.get(room_id), "That room does not exist or was removed.")
