"""Facilities (sites with their IANA timezone)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from app.db.models import Facility
from app.domain.errors import UnknownTimezone
from app.domain.validation import check_timezone
from app.infra.clock import Clock, SystemClock
from app.repositories.facilities import FacilityRepository
from app.repositories.uow import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class FacilityDTO:
    id: uuid.UUID
    name: str
    timezone: str
    address: str | None


def _facility_dto(row: Facility) -> FacilityDTO:
    return FacilityDTO(id=row.id, name=row.name, timezone=row.timezone, address=row.address)


def facility_zone(row: Facility) -> ZoneInfo:
    """The facility's zone; UTC if the stored name is unknown here (an older tzdata)."""
    try:
        return check_timezone(row.timezone)
    except UnknownTimezone:
        return ZoneInfo("UTC")


class FacilityService:
    """Lists the facilities (they are made on the server or by an import, not at the desk)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def list_facilities(self) -> list[FacilityDTO]:
        with self._uow() as uow:
            return [_facility_dto(r) for r in uow.get(FacilityRepository).list_all()]
