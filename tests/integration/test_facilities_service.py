"""FacilityService on SQLite and PostgreSQL: the facilities a desk can choose from."""

from __future__ import annotations

from app.repositories.uow import UnitOfWorkFactory
from app.services.facilities import FacilityService
from tests.integration.factories import add_facility


def test_facilities_are_listed_by_name_with_their_timezone(uow: UnitOfWorkFactory) -> None:
    with uow() as u:
        north = add_facility(u, "North Campus", "America/Chicago")
        east = add_facility(u, "Eastside", "Europe/Berlin")
        u.commit()
    listed = FacilityService(uow).list_facilities()
    assert [(f.id, f.name, f.timezone) for f in listed] == [
        (east, "Eastside", "Europe/Berlin"),
        (north, "North Campus", "America/Chicago"),
    ]
