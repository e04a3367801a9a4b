"""ClassService on SQLite and PostgreSQL: a facility's classes listed with their roster counts."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.enums import ClassStatus
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.classes import ClassService
from app.services.rosters import RosterService
from tests.integration.factories import NOW, World, add_class, build_world


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    return build_world(uow, students=3)


def test_classes_are_listed_with_names_and_counts(uow: UnitOfWorkFactory, world: World) -> None:
    with uow() as u:
        welding = add_class(
            u,
            world.facility_id,
            world.program_id,
            "Welding I",
            capacity=2,
            instructor_id=world.instructor_id,
            room_id=world.room_id,
            start_date=date(2026, 3, 2),
            status=ClassStatus.SCHEDULED,
        )
        math = add_class(
            u,
            world.facility_id,
            world.program_id,
            "Math",
            instructor_id=world.instructor2_id,
            start_date=date(2026, 3, 2),
            status=ClassStatus.SCHEDULED,
        )
        u.commit()
    rosters = RosterService(uow, FixedClock(NOW))
    for sid in world.students:
        rosters.enrol(welding, sid, allow_waitlist=True)

    classes = ClassService(uow)
    listed = classes.list_classes(world.facility_id)
    assert [c.id for c in listed] == [math, welding]  # by start date, then name
    by_id = {c.id: c for c in listed}
    found = by_id[welding]
    assert (found.name, found.program_name, found.instructor_name, found.room_name) == (
        "Welding I",
        "Welding",
        "Iris Stone",
        "Room 101",
    )
    assert (found.enrolled_count, found.waitlisted_count, found.places_left) == (2, 1, 0)
    assert (by_id[math].enrolled_count, by_id[math].waitlisted_count) == (0, 0)
    assert [
        c.id for c in classes.list_classes(world.facility_id, instructor_id=world.instructor2_id)
    ] == [math]
    assert classes.list_classes(world.facility_id, status=ClassStatus.ACTIVE) == []
    assert classes.list_classes(world.other_facility_id) == []
