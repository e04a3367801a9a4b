"""The one typed facade the desk reaches its use cases through.

The UI knows this Protocol only; the composition root (``app.bootstrap.build_services``) builds
an object that has these attributes. So screens never import the composition root, engines or
the sync store, and a test may hand a screen any object of this shape.
"""

from __future__ import annotations

from typing import Protocol

from app.infra.clock import Clock
from app.services.attendance import AttendanceService
from app.services.availability import AvailabilityService
from app.services.classes import ClassService
from app.services.facilities import FacilityService
from app.services.people import PeopleService
from app.services.programs import ProgramService
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
from app.services.workstation import WorkstationService


class DeskServices(Protocol):
    """Every use case the desk may call, and its clock."""

    @property
    def workstation(self) -> WorkstationService: ...
    @property
    def facilities(self) -> FacilityService: ...
    @property
    def people(self) -> PeopleService: ...
    @property
    def programs(self) -> ProgramService: ...
    @property
    def records(self) -> RecordsService: ...
    @property
    def reports(self) -> ReportsService: ...
    @property
    def classes(self) -> ClassService: ...
    @property
    def rosters(self) -> RosterService: ...
    @property
    def schedule(self) -> ScheduleService: ...
    @property
    def series_edit(self) -> SeriesEditService: ...
    @property
    def attendance(self) -> AttendanceService: ...
    @property
    def risk(self) -> RiskService: ...
    @property
    def trends(self) -> TrendService: ...
    @property
    def staff_accounts(self) -> StaffAccountsService: ...
    @property
    def sync_issues(self) -> SyncIssuesService: ...
    @property
    def review(self) -> ReviewService: ...
    @property
    def availability(self) -> AvailabilityService: ...
    @property
    def clock(self) -> Clock: ...
