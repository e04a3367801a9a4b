"""Composition root: engines, units of work and services, built once and passed in."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, get_type_hints

from sqlalchemy import Engine

from app.cache_upgrade import upgrade_local_cache
from app.db.engine import make_local_engine
from app.domain.actor import Actor
from app.infra import paths
from app.infra.clock import Clock, SystemClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.availability import AvailabilityService
from app.services.classes import ClassService
from app.services.closures import ClosureService
from app.services.disruptions import DisruptionService
from app.services.facilities import FacilityService
from app.services.makeups import MakeupService
from app.services.people import PeopleService
from app.services.records import RecordsService
from app.services.reports import ReportsService
from app.services.review import ReviewService
from app.services.risk import RiskService
from app.services.rosters import RosterService
from app.services.schedule import ScheduleService
from app.services.series_edit import SeriesEditService
from app.services.staff_accounts import StaffAccountsService
from app.services.sync_issues import SyncIssuesService
from app.services.trends import TrendService
from app.services.workstation import Generate, Progress, WorkstationService
from app.services.writes import Writes
from app.sync.transfer import TransferFiles

log = logging.getLogger(__name__)

DEMO_ACTOR = Actor(username="demo_admin", device_id="demo-workstation")


@dataclass(frozen=True)
class Services:
    """Every use case the UI may call."""

    workstation: WorkstationService
    facilities: FacilityService
    people: PeopleService
    records: RecordsService
    reports: ReportsService
    classes: ClassService
    rosters: RosterService
    schedule: ScheduleService
    series_edit: SeriesEditService  # the series dialog's forms, and changes from a date on
    attendance: AttendanceService
    risk: RiskService
    trends: TrendService
    staff_accounts: StaffAccountsService
    sync_issues: SyncIssuesService
    review: ReviewService  # marks set for review: keep, change, move
    availability: AvailabilityService  # instructors' weekly hours and time off
    closures: ClosureService  # the days a facility is closed (holidays, shutdowns)
    disruptions: DisruptionService  # lockdowns, counts, storms: sessions not held for a while
    makeups: MakeupService  # make-up sessions and the missed sessions they make up
    writes: Writes  # runs a desk write and says what it changed
    transfer: TransferFiles  # transfer files of a workstation with no network (USB stick)
    clock: Clock  # what "now" and "today" are for every screen (a fixed one in tests)


def _demo_generator(engine: Engine, size_name: str) -> Generate:
    """What fills an empty demo workstation: app.demo at the chosen size, imported only then."""

    def generate(progress: Progress | None) -> None:
        from app import demo

        demo.generate(engine, demo.DemoSize.preset(size_name), progress=progress)

    return generate


def build_services(
    engine: Engine, actor: Actor, clock: Clock | None = None, *, server: Engine | None = None
) -> Services:
    """Services over ``engine``; ``server`` (the staff member's own login) when online."""
    clock = clock or SystemClock()
    uow = UnitOfWorkFactory(engine, actor)
    demo_size = os.environ.get("ROLLBOOK_DEMO_SIZE", "workstation")
    made: dict[str, Any] = {
        "workstation": WorkstationService(uow, _demo_generator(engine, demo_size)),
        "facilities": FacilityService(uow),
        "staff_accounts": StaffAccountsService(server, actor),
        "review": ReviewService(uow, AttendanceService(uow, clock), clock),
        "clock": clock,
        "transfer": TransferFiles(engine),
    }
    # Every other service needs the unit of work and the clock alone: made from its field's type.
    types = get_type_hints(Services)
    for name in (f.name for f in fields(Services) if f.name not in made):
        made[name] = types[name](uow, clock)
    return Services(**made)


def open_local_cache(path: Path) -> Engine:
    """Open (creating if needed) a workstation cache and upgrade it to the current schema.

    The upgrade keeps a copy until it is done and keeps every pending outbox entry, or puts
    the copy back and raises (``app.cache_upgrade``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_local_engine(path)
    upgrade_local_cache(engine)
    return engine


def open_demo_workstation() -> tuple[Engine, Services]:
    """The local demo workstation used when no server is configured."""
    path = paths.demo_cache_path()
    log.info("opening demo workstation at %s", path)
    engine = open_local_cache(path)
    return engine, build_services(engine, DEMO_ACTOR)
