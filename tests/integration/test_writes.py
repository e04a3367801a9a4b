"""A desk write returns what it changed (services.writes): the rows its units of work committed,
on both engines, and nothing for a write that failed or only read."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from app.db.models import Facility, User
from app.repositories.uow import UnitOfWorkFactory
from app.services.changes import PEOPLE
from app.services.writes import Writes
from tests.integration.factories import add_facility, add_person


def test_a_write_says_which_rows_of_which_tables_in_which_facility(uow: UnitOfWorkFactory) -> None:
    with uow() as u:
        north = add_facility(u, "North")
        u.commit()
    writes = Writes(uow)

    def enrol_two() -> list[uuid.UUID]:
        with uow() as u:
            made = [add_person(u, north, "Ann", "One"), add_person(u, north, "Bo", "Two")]
            u.commit()
        return made

    written = writes.run(enrol_two, source="rosters")
    assert written.changes is not None
    assert PEOPLE in written.changes.tables and written.changes.source == "rosters"
    assert set(written.value) <= written.changes.ids
    assert written.changes.facility_id == north
    assert written.changes.touches(PEOPLE, facility_id=north)
    assert not written.changes.touches(PEOPLE, facility_id=uuid.uuid4())


def test_a_read_a_refusal_and_a_rollback_change_nothing(uow: UnitOfWorkFactory) -> None:
    writes = Writes(uow)

    def read() -> int:
        with uow() as u:
            return len(u.session.scalars(select(Facility)).all())

    assert writes.run(read, source="x").changes is None

    def refused() -> None:
        with uow() as u:
            add_facility(u, "Never")
            raise ValueError("refused before the commit")

    with pytest.raises(ValueError):
        writes.run(refused, source="x")

    def rolled_back() -> None:
        with uow() as u:
            add_facility(u, "Rolled back")
            u.rollback()

    assert writes.run(rolled_back, source="x").changes is None


def test_writes_of_two_facilities_reach_every_screen(uow: UnitOfWorkFactory) -> None:
    with uow() as u:
        north, south = add_facility(u, "North"), add_facility(u, "South")
        u.commit()

    def both() -> None:
        with uow() as u:
            add_person(u, north, "Ann", "One")
            add_person(u, south, "Bo", "Two")
            u.commit()

    changes = Writes(uow).run(both, source="x").changes
    assert changes is not None and changes.facility_id is None  # any facility: none misses it
    assert changes.touches(PEOPLE, facility_id=north) and changes.touches(PEOPLE, facility_id=south)
    with uow() as u:
        assert len(u.session.scalars(select(User)).all()) == 2
