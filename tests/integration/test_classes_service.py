"""ClassService on SQLite and PostgreSQL: create, change, status, lists with roster counts."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from app.domain.enums import ClassStatus, Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.classes import ClassService
from app.services.classes_dto import ClassChanges, NewClass
from app.services.rosters import RosterService
from tests.integration.factories import NOW, World, add_person, build_world


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    return build_world(uow, students=3)


def _new(world: World, **kw: object) -> NewClass:
    values: dict[str, object] = {
        "program_id": world.program_id,
        "facility_id": world.facility_id,
        "name": "  Welding   I ",
        "start_date": date(2026, 3, 2),
        "end_date": date(2026, 6, 26),
        "capacity": 2,
        "instructor_id": world.instructor_id,
        "room_id": world.room_id,
    }
    values.update(kw)
    return NewClass(**values)  # type: ignore[arg-type]


def test_create_then_list_with_names_and_counts(uow: UnitOfWorkFactory, world: World) -> None:
    classes = ClassService(uow)
    created = classes.create_class(_new(world, credit_hours=Decimal("3")))
    assert created.name == "Welding I"
    assert (created.program_name, created.instructor_name, created.room_name) == (
        "Welding",
        "Iris Stone",
        "Room 101",
    )
    assert created.status is ClassStatus.SCHEDULED
    assert created.credit_hours == Decimal("3.00")

    rosters = RosterService(uow, FixedClock(NOW))
    for sid in world.students:
        rosters.enrol(created.id, sid, allow_waitlist=True)
    other = classes.create_class(_new(world, name="Math", instructor_id=world.instructor2_id))

    listed = classes.list_classes(world.facility_id)
    by_id = {c.id: c for c in listed}
    assert (by_id[created.id].enrolled_count, by_id[created.id].waitlisted_count) == (2, 1)
    assert by_id[created.id].places_left == 0
    assert (by_id[other.id].enrolled_count, by_id[other.id].waitlisted_count) == (0, 0)
    assert [
        c.id for c in classes.list_classes(world.facility_id, instructor_id=world.instructor2_id)
    ] == [other.id]
    assert classes.list_classes(world.facility_id, status=ClassStatus.ACTIVE) == []
    assert classes.list_classes(world.other_facility_id) == []
    assert classes.get_class(created.id) == by_id[created.id]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": date(2026, 3, 1)}, "ends before it starts"),
        ({"capacity": -1}, "capacity cannot be negative"),
        ({"name": "   "}, "class name is required"),
        ({"name": "x" * 101}, "longer than 100"),
        ({"credit_hours": Decimal("-1")}, "Credit hours"),
    ],
)
def test_bad_class_is_refused_and_nothing_is_created(
    uow: UnitOfWorkFactory, world: World, changes: dict[str, object], message: str
) -> None:
    classes = ClassService(uow)
    with pytest.raises(ValidationError, match=message):
        classes.create_class(_new(world, **changes))
    assert classes.list_classes(world.facility_id) == []


def test_room_and_instructor_must_belong_to_the_facility(
    uow: UnitOfWorkFactory, world: World
) -> None:
    classes = ClassService(uow)
    with pytest.raises(ValidationError, match="room of another facility"):
        classes.create_class(_new(world, room_id=world.other_room_id))
    with pytest.raises(ValidationError, match="not a staff member"):
        classes.create_class(_new(world, instructor_id=world.students[0]))
    with uow() as u:
        far = add_person(u, world.other_facility_id, "Fay", "Away", role=Role.INSTRUCTOR)
        u.commit()
    with pytest.raises(ValidationError, match="does not work at this facility"):
        classes.create_class(_new(world, instructor_id=far))
    with pytest.raises(NotFound, match="program"):
        classes.create_class(_new(world, program_id=uuid.uuid4()))
    assert classes.list_classes(world.facility_id) == []


def test_update_changes_given_fields_and_refuses_capacity_below_roster(
    uow: UnitOfWorkFactory, world: World
) -> None:
    classes = ClassService(uow)
    created = classes.create_class(_new(world, capacity=5))
    rosters = RosterService(uow, FixedClock(NOW))
    for sid in world.students:
        rosters.enrol(created.id, sid)

    updated = classes.update_class(
        created.id, ClassChanges(name="Welding II", instructor_id=None, description=" Hot ")
    )
    assert (updated.name, updated.instructor_id, updated.description) == ("Welding II", None, "Hot")
    assert updated.room_id == world.room_id  # not given, not changed

    with pytest.raises(ValidationError, match="3 students are enrolled"):
        classes.update_class(created.id, ClassChanges(capacity=2, name="Renamed"))
    with pytest.raises(ValidationError, match="ends before it starts"):
        classes.update_class(created.id, ClassChanges(end_date=date(2026, 1, 1)))
    assert classes.get_class(created.id) == updated


def test_status_follows_the_class_life_cycle(uow: UnitOfWorkFactory, world: World) -> None:
    classes = ClassService(uow)
    created = classes.create_class(_new(world))
    assert classes.set_class_status(created.id, ClassStatus.ACTIVE).status is ClassStatus.ACTIVE
    with pytest.raises(InvalidTransition, match="already Active"):
        classes.set_class_status(created.id, ClassStatus.ACTIVE)
    assert (
        classes.set_class_status(created.id, ClassStatus.COMPLETED).status is ClassStatus.COMPLETED
    )
    with pytest.raises(InvalidTransition, match="completed class cannot become cancelled"):
        classes.set_class_status(created.id, ClassStatus.CANCELLED)
    assert classes.get_class(created.id).status is ClassStatus.COMPLETED
    with pytest.raises(NotFound):
        classes.set_class_status(uuid.uuid4(), ClassStatus.ACTIVE)
