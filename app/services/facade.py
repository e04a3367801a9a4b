"""The one typed facade the desk reaches its use cases through.

The UI knows these Protocols only; the composition root builds the objects that have them
(``app.bootstrap.build_services``, ``app.signin.SignInService`` and its sessions,
``app.desk_sync.DeskSync``). So screens never import the composition root, engines or the sync
store, and a test may hand a screen any object of the same shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from app.domain.server_profile import ServerProfile
from app.domain.sync_status import Failure, SyncStatus
from app.infra.clock import Clock
from app.infra.credentials import KeyringStatus
from app.services.attendance import AttendanceService
from app.services.availability import AvailabilityService
from app.services.changes import Changes
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
from app.services.workstation import WorkstationService
from app.services.writes import Writes


class TransferSummary(Protocol):
    """What writing an export or applying a reply did (``app.sync.transfer``)."""

    @property
    def number(self) -> int: ...


class DeskTransfer(Protocol):
    """Transfer files of this workstation (``app.sync.transfer.TransferFiles``): each call
    blocks on the cache and raises ``DomainError`` with a message fit to show."""

    def export_file(self, path: str, key: str) -> TransferSummary: ...
    def apply_file(self, path: str, key: str) -> TransferSummary: ...


class DeskServices(Protocol):
    """Every use case the desk may call, and its clock."""

    @property
    def workstation(self) -> WorkstationService: ...
    @property
    def facilities(self) -> FacilityService: ...
    @property
    def people(self) -> PeopleService: ...
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
    def closures(self) -> ClosureService: ...
    @property
    def disruptions(self) -> DisruptionService: ...
    @property
    def makeups(self) -> MakeupService: ...
    @property
    def writes(self) -> Writes: ...
    @property
    def transfer(self) -> DeskTransfer: ...
    @property
    def clock(self) -> Clock: ...


class DeskSession(Protocol):
    """A signed-in staff member, as the desk sees one."""

    @property
    def services(self) -> DeskServices: ...
    @property
    def online(self) -> bool: ...
    @property
    def notice(self) -> str | None: ...
    @property
    def offline_reason(self) -> str | None: ...
    @property
    def label(self) -> str: ...
    def interrupt(self) -> None: ...


@dataclass(frozen=True)
class SyncOutcome:
    """What one background sync attempt left. ``online``: the server answered during it (the
    last real contact). ``error`` in plain words for the status bar, ``detail`` the driver's
    own (log, tooltip). ``changes``: what the cycle changed in the cache, for every view."""

    changes: Changes | None
    status: SyncStatus | None
    online: bool
    error: str | None
    detail: str | None = None


class DeskSyncing(Protocol):
    """One session's background sync (``app.desk_sync.DeskSync``)."""

    @property
    def worker_pid(self) -> int | None: ...
    def cycle(
        self, progress: Callable[[str, int, int], None], cancelled: Callable[[], bool]
    ) -> SyncOutcome: ...
    def failure(self, error: BaseException) -> Failure: ...
    def stop(self) -> None: ...
    def wait(self, seconds: float) -> bool: ...


S = TypeVar("S", bound=DeskSession)


class SignIn(Protocol[S]):
    """Signing staff in and out on this workstation (``app.signin.SignInService``)."""

    def keyring_status(self) -> KeyringStatus: ...
    def remembered_password(self, profile: ServerProfile, username: str) -> str | None: ...
    def sign_in(
        self, profile: ServerProfile, username: str, password: str, *, remember: bool
    ) -> S: ...
    def sign_out(self, session: S, *, forget_password: bool) -> None: ...
    def forget_password(self, session: S) -> None: ...
    def syncing(self, session: S) -> DeskSyncing: ...
