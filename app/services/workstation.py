"""What a workstation holds: its facilities, and the demo data set when there is no server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.repositories.facilities import FacilityRepository
from app.repositories.uow import UnitOfWorkFactory

Progress = Callable[[str, int, int], None]
# Fills an empty cache with generated demo data (the composition root passes app.demo's).
Generate = Callable[[Progress | None], None]


@dataclass(frozen=True, slots=True)
class WorkstationStatus:
    facility_count: int
    demo: bool


class WorkstationService:
    """Prepares the local cache: fills an empty demo workstation with generated data."""

    def __init__(self, uow: UnitOfWorkFactory, generate: Generate) -> None:
        self._uow = uow
        self._generate = generate

    def ensure_demo_data(self, progress: Progress | None = None) -> WorkstationStatus:
        """Generate the demo data if the cache is empty. Slow the first time: run off the GUI."""
        with self._uow() as uow:
            count = len(uow.get(FacilityRepository).list_all())
        if count == 0:
            self._generate(progress)
            with self._uow() as uow:
                count = len(uow.get(FacilityRepository).list_all())
        return WorkstationStatus(facility_count=count, demo=True)
