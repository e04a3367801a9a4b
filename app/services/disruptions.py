"""Facility-wide disruptions: a lockdown, a count, a storm.

A disruption cancels, in one action, every session of a facility (or of chosen rooms or
programs) that meets a window of time (a start and an end, wall-clock times of the facility;
part of a day or several days), with a reason. Sessions are not rewritten one by one: the
calendar, Today, reports, outcomes and trends expand sessions through
``app.services.occurrences.expand_lines`` with the facility's disruptions in force
(``disruptions_of``), which shows a session meeting one cancelled with the disruption's reason,
so reports count it as not held, never as an absence. Lifting the disruption brings the
sessions back untouched (a session cancelled or moved by its own change keeps that).

Declaring one keeps the marks already taken on its sessions and sets them for review. Admins
declare and lift disruptions; every staff member of the facility sees them (row-level security
on the server says the same).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.db.models import FacilityDisruption
from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP, day_text, translate
from app.repositories.disruptions import DisruptionRepository
from app.repositories.facilities import FacilityRepository, RoomRepository
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWork
from app.services.facilities import facility_zone
from app.services.facility_admin import AdminActions
from app.services.lookup import require
from app.services.occurrences import expand_lines
from app.services.schedule_dto import DisruptedWindow

__all__ = [
    "DISRUPTIONS",
    "MAX_DISRUPTION_DAYS",
    "DisruptionChoices",
    "DisruptionDeclared",
    "DisruptionService",
    "DisruptionView",
    "disruptions_of",
    "not_held_sessions",
]

DISRUPTIONS = "facility_disruptions"  # the table, as change sets name it
MAX_DISRUPTION_DAYS = 14
_NOT_ADMIN = QT_TRANSLATE_NOOP("refusal", "Only administrators declare or lift disruptions.")


def _ids(text: str | None) -> frozenset[uuid.UUID]:
    return frozenset(uuid.UUID(part) for part in (text or "").split())


def _text(ids: Iterable[uuid.UUID]) -> str | None:
    return " ".join(sorted(str(i) for i in set(ids))) or None


def _when(moment: datetime) -> str:
    return f"{day_text(moment.date(), year=True)} {moment:%H:%M}"


@dataclass(frozen=True, slots=True)
class DisruptionView:
    """A disruption as people read it; times in the facility's zone."""

    id: uuid.UUID
    facility_id: uuid.UUID
    starts_local: datetime  # aware, in the facility's zone
    ends_local: datetime
    reason: str
    room_names: tuple[str, ...]  # empty: every room
    program_names: tuple[str, ...]  # empty: every program
    lifted: bool

    @property
    def window_text(self) -> str:
        """``Mon 16 Nov 2026 09:00 – 12:00``, or with the last day named when it ends later."""
        first = _when(self.starts_local)
        if self.ends_local.date() == self.starts_local.date():
            last = f"{self.ends_local:%H:%M}"
        else:
            last = _when(self.ends_local)
        return translate("messages", "{first} – {last}").format(first=first, last=last)

    @property
    def scope_text(self) -> str:
        """Which sessions: ``every session``, or the rooms and programs named."""
        rooms, programs = ", ".join(self.room_names), ", ".join(self.program_names)
        if rooms and programs:
            return translate("messages", "rooms {rooms} and programs {programs}").format(
                rooms=rooms, programs=programs
            )
        if rooms:
            return translate("messages", "rooms {rooms}").format(rooms=rooms)
        if programs:
            return translate("messages", "programs {programs}").format(programs=programs)
        return translate("messages", "every session")


@dataclass(frozen=True, slots=True)
class DisruptionDeclared:
    """The disruption declared, the sessions it stops and the marks set for review."""

    disruption: DisruptionView
    sessions: int
    marks_for_review: int


@dataclass(frozen=True, slots=True)
class DisruptionChoices:
    """The rooms and programs a disruption may be limited to: (id, name), by name."""

    rooms: tuple[tuple[uuid.UUID, str], ...]
    programs: tuple[tuple[uuid.UUID, str], ...]


def _window(row: FacilityDisruption) -> DisruptedWindow:
    return DisruptedWindow(
        row.id,
        row.starts_at,
        row.ends_at,
        row.reason,
        _ids(row.room_ids),
        _ids(row.program_ids),
    )


def disruptions_of(
    uow: UnitOfWork, facility_ids: Collection[uuid.UUID], start: date, end: date
) -> dict[uuid.UUID, list[DisruptedWindow]]:
    """Each facility's disruptions in force that may meet its local dates ``start`` to ``end``
    (what ``expand_lines`` takes as ``disrupted``). Reads in ``uow``."""
    lo = datetime.combine(start - timedelta(days=1), time.min, UTC)
    hi = datetime.combine(end + timedelta(days=2), time.min, UTC)
    found: dict[uuid.UUID, list[DisruptedWindow]] = {}
    for row in uow.get(DisruptionRepository).live_between(facility_ids, lo, hi):
        found.setdefault(row.facility_id, []).append(_window(row))
    return found


def not_held_sessions(
    uow: UnitOfWork, facility_ids: Collection[uuid.UUID], first: date, last: date
) -> dict[tuple[uuid.UUID, date], str]:
    """The sessions (series, original date) of these facilities between the local dates
    ``first`` and ``last`` that a disruption in force stops, with its reason: what the student
    record says beside a mark. Only the days of the disruptions found are expanded."""
    found: dict[tuple[uuid.UUID, date], str] = {}
    for facility_id, stops in disruptions_of(uow, facility_ids, first, last).items():
        for window in stops:
            lo = window.starts_at.date() - timedelta(days=1)
            hi = window.ends_at.date() + timedelta(days=1)
            lines, overrides = uow.get(ScheduleRepository).window(facility_id, lo, hi)
            for v in expand_lines(lines, overrides, lo, hi, None, {facility_id: [window]}):
                if v.disrupted and first <= v.original_date <= last:
                    found.setdefault((v.series_id, v.original_date), window.reason)
    return found


class DisruptionService(AdminActions):
    """Declares, lists and lifts a facility's disruptions."""

    not_admin = _NOT_ADMIN

    def choices(self, facility_id: uuid.UUID) -> DisruptionChoices:
        """The facility's rooms, and the programs with sessions there."""
        with self._uow() as uow:
            rooms = tuple((r.id, r.name) for r in uow.get(RoomRepository).rooms_of(facility_id))
            programs = tuple(uow.get(ScheduleRepository).programs(facility_id))
        return DisruptionChoices(rooms, programs)

    def disruptions(self, facility_id: uuid.UUID) -> list[DisruptionView]:
        """The facility's disruptions, lifted ones included, newest first."""
        with self._uow() as uow:
            zone = self._zone(uow, facility_id)
            names = self._names(uow, facility_id)
            rows = uow.get(DisruptionRepository).of_facility(facility_id)
            return [_view(r, zone, names) for r in rows]

    def declare(
        self,
        facility_id: uuid.UUID,
        starts_local: datetime,
        ends_local: datetime,
        reason: str,
        *,
        room_ids: Collection[uuid.UUID] = (),
        program_ids: Collection[uuid.UUID] = (),
    ) -> DisruptionDeclared:
        """Cancel the facility's sessions meeting ``starts_local`` to ``ends_local`` (naive
        wall-clock times of the facility), or only those of ``room_ids`` / ``program_ids``.

        Raises ``NotAllowed`` for staff who are not admins, ``ValidationError`` for a window
        that ends before it starts or lasts more than two weeks, a blank reason, or rooms and
        programs not of the facility. Marks already taken on the sessions stopped are kept and
        set for review."""
        self._require_admin()
        if starts_local.tzinfo is not None or ends_local.tzinfo is not None:
            raise ValidationError(
                translate("refusal", "Give the window in the facility's wall-clock time.")
            )
        if ends_local <= starts_local:
            raise ValidationError(
                translate("refusal", "The disruption must end after it starts."), field="ends_at"
            )
        if ends_local - starts_local > timedelta(days=MAX_DISRUPTION_DAYS):
            raise ValidationError(
                translate(
                    "refusal",
                    "A disruption can last at most {most} days; declare a closure for longer.",
                ).format(most=MAX_DISRUPTION_DAYS),
                field="ends_at",
            )
        text = self._reason(reason)
        with self._uow() as uow:
            zone = self._zone(uow, facility_id)
            names = self._names(uow, facility_id)
            rooms, programs = set(room_ids), set(program_ids)
            if not rooms <= names.keys():
                raise ValidationError(
                    translate("refusal", "A room chosen is not of this facility."),
                    field="room_ids",
                )
            if not programs <= names.keys():
                raise ValidationError(
                    translate("refusal", "A program chosen has no sessions at this facility."),
                    field="program_ids",
                )
            row = FacilityDisruption(
                id=uuid.uuid4(),
                facility_id=facility_id,
                starts_at=starts_local.replace(tzinfo=zone).astimezone(UTC),
                ends_at=ends_local.replace(tzinfo=zone).astimezone(UTC),
                reason=text,
                room_ids=_text(rooms),
                program_ids=_text(programs),
            )
            repo = uow.get(DisruptionRepository)
            repo.add(row)
            stopped = self._stopped(uow, facility_id, _window(row), starts_local, ends_local)
            marks = repo.review_marks_of(facility_id, stopped)
            uow.commit()
            return DisruptionDeclared(_view(row, zone, names), len(stopped), marks)

    def lift(self, disruption_id: uuid.UUID) -> DisruptionView:
        """Lift the disruption: its sessions are held again as they were. Marks set for review
        when it was declared stay so: a person decides them."""
        self._require_admin()
        with self._uow() as uow:
            repo = uow.get(DisruptionRepository)
            row = require(
                repo.get(disruption_id),
                translate("refusal", "The disruption does not exist or was removed."),
            )
            if row.lifted_at is not None:
                raise ValidationError(translate("refusal", "The disruption was lifted already."))
            row.lifted_at = self._clock.now()
            view = _view(row, self._zone(uow, row.facility_id), self._names(uow, row.facility_id))
            uow.commit()
            return view

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _zone(uow: UnitOfWork, facility_id: uuid.UUID) -> ZoneInfo:
        facility = require(
            uow.get(FacilityRepository).get(facility_id),
            translate("refusal", "The facility does not exist or was deleted."),
        )
        return facility_zone(facility)

    @staticmethod
    def _names(uow: UnitOfWork, facility_id: uuid.UUID) -> dict[uuid.UUID, str]:
        """The facility's rooms and programs by id (one map: ids do not collide)."""
        names = {r.id: r.name for r in uow.get(RoomRepository).rooms_of(facility_id)}
        names.update(uow.get(ScheduleRepository).programs(facility_id))
        return names

    @staticmethod
    def _stopped(
        uow: UnitOfWork,
        facility_id: uuid.UUID,
        window: DisruptedWindow,
        starts_local: datetime,
        ends_local: datetime,
    ) -> list[tuple[uuid.UUID, date]]:
        """The sessions (series, original date) the disruption stops that were to be held."""
        first = starts_local.date() - timedelta(days=1)
        last = ends_local.date() + timedelta(days=1)
        lines, overrides = uow.get(ScheduleRepository).window(facility_id, first, last)
        return [
            (v.series_id, v.original_date)
            for v in expand_lines(lines, overrides, first, last)
            if not v.cancelled and window.stops(v)
        ]


def _view(row: FacilityDisruption, zone: ZoneInfo, names: dict[uuid.UUID, str]) -> DisruptionView:
    def named(ids: frozenset[uuid.UUID]) -> tuple[str, ...]:
        return tuple(sorted(names.get(i, "a removed one") for i in ids))

    return DisruptionView(
        row.id,
        row.facility_id,
        row.starts_at.astimezone(zone),
        row.ends_at.astimezone(zone),
        row.reason,
        named(_ids(row.room_ids)),
        named(_ids(row.program_ids)),
        row.lifted_at is not None,
    )
