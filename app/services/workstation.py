"""What a workstation holds: its facilities, and the demo data set when there is no server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from app.repositories.facilities import FacilityRepository
from app.repositories.uow import UnitOfWorkFactory

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class WorkstationStatus:
    facility_count: int
    demo: bool


class WorkstationService:
    """Prepares the local cache: fills an empty demo workstation with generated data."""

    def __init__(self, uow: UnitOfWorkFactory, engine: Engine, *, demo_size: str) -> None:
        self._uow = uow
        self._engine = engine
        self._demo_size = demo_size

    def ensure_demo_data(self, progress: Progress | None = None) -> WorkstationStatus:
        """Generate the demo data if the cache is empty. Slow the first time: run off the GUI."""
        from app import demo

        with self._uow() as uow:
            count = len(uow.get(FacilityRepository).list_all())
        if count == 0:
            size = demo.DemoSize.preset(self._demo_size)
            demo.generate(self._engine, size, progress=progress)
            with self._uow() as uow:
                count = len(uow.get(FacilityRepository).list_all())
        return WorkstationStatus(facility_count=count, demo=True)
