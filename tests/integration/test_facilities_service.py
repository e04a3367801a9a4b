"""FacilityService on SQLite and PostgreSQL: facilities with their timezone, and rooms."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.models import Facility, Room
from app.domain.enums import RoomKind, RoomStatus
from app.domain.errors import DuplicateError, NotFound, UnknownTimezone, ValidationError
from app.repositories.uow import UnitOfWorkFactory
from app.services.facilities import FacilityService


def count(uow: UnitOfWorkFactory, model: type[Any]) -> int:
    with uow() as u:
        return int(u.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def service(uow: UnitOfWorkFactory) -> FacilityService:
    return FacilityService(uow)


def test_create_list_get_and_update_a_facility(service: FacilityService) -> None:
    north = service.create_facility("  North   Campus ", "America/Chicago", address="1 Main St")
    service.create_facility("Eastside", "Europe/Berlin")
    assert north.name == "North Campus"  # trimmed, inner spaces collapsed
    assert north.timezone == "America/Chicago"
    assert [f.name for f in service.list_facilities()] == ["Eastside", "North Campus"]
    assert service.get_facility(north.id) == north

    moved = service.update_facility(north.id, timezone="America/Denver", address=None)
    assert (moved.name, moved.timezone, moved.address) == ("North Campus", "America/Denver", None)
    assert service.get_facility(north.id) == moved


BAD_FACILITIES: list[tuple[str, str, type[Exception]]] = [
    ("", "UTC", ValidationError),
    ("   ", "UTC", ValidationError),
    ("x" * 101, "UTC", ValidationError),
    ("North", "Mars/Olympus_Mons", UnknownTimezone),
    ("North", "", UnknownTimezone),
    ("North", "../../etc/passwd", UnknownTimezone),
]


def test_bad_facility_input_is_refused_and_creates_nothing(
    service: FacilityService, uow: UnitOfWorkFactory
) -> None:
    for name, timezone, error in BAD_FACILITIES:
        with pytest.raises(error) as info:
            service.create_facility(name, timezone)
        assert str(info.value), (name, timezone)  # a message a person can read
    assert count(uow, Facility) == 0


def test_a_duplicate_facility_name_is_refused(
    service: FacilityService, uow: UnitOfWorkFactory
) -> None:
    first = service.create_facility("North", "UTC")
    with pytest.raises(DuplicateError, match="facility with that name"):
        service.create_facility("North", "America/Chicago")
    other = service.create_facility("South", "UTC")
    with pytest.raises(DuplicateError):
        service.update_facility(other.id, name="North")
    assert count(uow, Facility) == 2
    assert service.get_facility(other.id).name == "South"
    assert service.get_facility(first.id).timezone == "UTC"


def test_a_bad_update_changes_nothing(service: FacilityService) -> None:
    north = service.create_facility("North", "America/Chicago", address="1 Main St")
    with pytest.raises(UnknownTimezone):
        service.update_facility(north.id, name="Renamed", timezone="Nowhere/Land")
    with pytest.raises(ValidationError):
        service.update_facility(north.id, name="")
    assert service.get_facility(north.id) == north


def test_unknown_facility_is_not_found(service: FacilityService) -> None:
    with pytest.raises(NotFound):
        service.get_facility(uuid.uuid4())
    with pytest.raises(NotFound):
        service.add_room(uuid.uuid4(), "Room 1")


def test_rooms_are_added_listed_updated_and_retired(service: FacilityService) -> None:
    north = service.create_facility("North", "UTC")
    south = service.create_facility("South", "UTC")
    lab = service.add_room(north.id, "Lab B", RoomKind.LAB, 12)
    gym = service.add_room(north.id, "Gym", RoomKind.GYM)
    service.add_room(south.id, "Lab B", RoomKind.LAB, 20)  # same name, other facility
    assert [r.name for r in service.list_rooms(north.id)] == ["Gym", "Lab B"]
    assert (lab.kind, lab.capacity, lab.status) == (RoomKind.LAB, 12, RoomStatus.ACTIVE)
    assert gym.capacity is None

    bigger = service.update_room(lab.id, capacity=16, name="Lab B2")
    assert (bigger.name, bigger.kind, bigger.capacity) == ("Lab B2", RoomKind.LAB, 16)
    closed = service.set_room_status(gym.id, RoomStatus.MAINTENANCE)
    assert closed.status is RoomStatus.MAINTENANCE
    assert {r.id: r for r in service.list_rooms(north.id)}[gym.id].status is RoomStatus.MAINTENANCE


BAD_ROOMS: list[tuple[str, Any, Any]] = [
    ("", RoomKind.CLASSROOM, None),
    ("R" * 101, RoomKind.CLASSROOM, None),
    ("Room 1", "sauna", None),
    ("Room 1", RoomKind.CLASSROOM, -1),
    ("Room 1", RoomKind.CLASSROOM, True),
    ("Room 1", RoomKind.CLASSROOM, 2.5),
]


def test_bad_room_input_is_refused_and_creates_nothing(
    service: FacilityService, uow: UnitOfWorkFactory
) -> None:
    north = service.create_facility("North", "UTC")
    for name, kind, capacity in BAD_ROOMS:
        with pytest.raises(ValidationError):
            service.add_room(north.id, name, kind, capacity)
    assert count(uow, Room) == 0


def test_a_duplicate_room_name_in_one_facility_is_refused(
    service: FacilityService, uow: UnitOfWorkFactory
) -> None:
    north = service.create_facility("North", "UTC")
    service.add_room(north.id, "Room 1")
    room2 = service.add_room(north.id, "Room 2", capacity=10)
    with pytest.raises(DuplicateError, match="already has a room"):
        service.add_room(north.id, "Room 1")
    with pytest.raises(DuplicateError):
        service.update_room(room2.id, name="Room 1", capacity=30)
    assert count(uow, Room) == 2
    assert {r.name: r.capacity for r in service.list_rooms(north.id)} == {
        "Room 1": None,
        "Room 2": 10,
    }
