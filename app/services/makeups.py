"""Make-up sessions: a session linked to the missed sessions of its class that it makes up.

A make-up session is an ordinary session of a class (a single session added on the calendar,
or one of a series); linking it to missed sessions of the **same class** makes it a make-up
(the same class, so that its sheet holds the students who missed: a class of the same program
has another roster). A student absent at a linked missed session who attends the make-up has
the absence made up: the rate counts it as attended, the hours take the make-up's minutes, and
the make-up is never an extra scheduled session for anyone (``app.domain.makeup``). Reports,
outcomes and trends apply the rule through ``makeup_credit`` and ``credited_records``.

Links are checked here: the make-up and the missed session are of the same class and facility,
both are held (not cancelled, closed or disrupted), the missed session starts before the
make-up does. Whoever may change the schedule of the facility links and unlinks (row-level
security on the server says the same: its staff).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.db.models import MakeupLink
from app.domain.attendance import OccurrenceRecord
from app.domain.enums import AttendanceStatus
from app.domain.errors import NotFound, ValidationError
from app.domain.i18n import day_text, translate
from app.domain.makeup import ABSENT, credit_makeups, makeup_for
from app.infra.clock import Clock, SystemClock
from app.repositories.attendance import AttendanceRepository, MarkFact
from app.repositories.classes import ClassRepository
from app.repositories.makeups import MakeupRepository
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.classes_dto import student_name
from app.services.closures import closed_days_of
from app.services.disruptions import disruptions_of
from app.services.occurrences import expand_lines
from app.services.schedule_dto import OccurrenceView

__all__ = [
    "MAKEUPS",
    "MakeupCredit",
    "MakeupService",
    "MakeupView",
    "MissedChoice",
    "SessionRef",
    "credited_records",
    "link_pairs",
    "makeup_credit",
]

MAKEUPS = "makeup_links"  # the table, as change sets name it
LOOK_BACK_DAYS = 90  # how far back the missed sessions offered for a make-up go
_SLACK = timedelta(days=45)  # a session moved by its change stays within this of its date

Key = tuple[uuid.UUID, date]  # (series id, original local date): an occurrence


@dataclass(frozen=True, slots=True)
class SessionRef:
    """A session as the make-up screens name it."""

    series_id: uuid.UUID
    original_date: date
    class_name: str
    start_local: datetime  # aware, in the facility's zone

    @property
    def label(self) -> str:
        """``Welding I, Mon 2 Mar 2026 09:00``."""
        start = self.start_local
        return f"{self.class_name}, {start:%a} {start.day} {start:%b %Y %H:%M}"


@dataclass(frozen=True, slots=True)
class MissedChoice:
    """A session a make-up may make up: how many were absent, whether it is linked already."""

    session: SessionRef
    absent: int
    linked: bool


@dataclass(frozen=True, slots=True)
class MakeupView:
    """A make-up session, the sessions it makes up and the students it is for (those absent at
    one of them), by name."""

    makeup: SessionRef
    missed: tuple[SessionRef, ...]
    students: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MakeupCredit:
    """What the make-up rule changes in counts: the make-up sessions (never scheduled
    sessions), and each absence made up ((student, series, date) -> the status it had)."""

    makeups: frozenset[Key] = frozenset()
    made_up: Mapping[tuple[uuid.UUID, uuid.UUID, date], AttendanceStatus] | None = None

    def made_up_at(self, user_id: uuid.UUID, key: Key) -> AttendanceStatus | None:
        return (self.made_up or {}).get((user_id, *key))


def _ref(view: OccurrenceView) -> SessionRef:
    return SessionRef(view.series_id, view.original_date, view.class_name, view.start_local)


def _sessions(uow: UnitOfWork, keys: Collection[Key]) -> dict[Key, OccurrenceView]:
    """The sessions of these keys as held now (closures and disruptions applied); a key
    without a session (none that day, or a closed day) is left out."""
    if not keys:
        return {}
    sched = uow.get(ScheduleRepository)
    by_series: dict[uuid.UUID, list[date]] = defaultdict(list)
    for series_id, day in keys:
        by_series[series_id].append(day)
    lines = [line for sid in by_series if (line := sched.line(sid)) is not None]
    if not lines:
        return {}
    first = min(min(days) for days in by_series.values()) - _SLACK
    last = max(max(days) for days in by_series.values()) + _SLACK
    facilities = {line.facility_id for line in lines}
    views = expand_lines(
        lines,
        sched.override_lines(by_series),
        first,
        last,
        closed_days_of(uow, facilities, first, last),
        disruptions_of(uow, facilities, first, last),
    )
    wanted = set(keys)
    return {k: v for v in views if (k := (v.series_id, v.original_date)) in wanted}


def occurrence_record(view: OccurrenceView, mark: MarkFact | None) -> OccurrenceRecord:
    """A session and the student's mark on it (if any), as the attendance rules read them."""
    return OccurrenceRecord(
        start_utc=view.start_utc,
        end_utc=view.end_utc,
        cancelled=view.cancelled,
        status=mark.status if mark else None,
        minutes=mark.minutes if mark else None,
        check_in=mark.check_in_at if mark else None,
    )


def _pairs(rows: Iterable[MakeupLink]) -> list[tuple[Key, Key]]:
    return [((r.makeup_event_id, r.makeup_date), (r.missed_event_id, r.missed_date)) for r in rows]


def makeup_credit(
    uow: UnitOfWork, series_ids: Collection[uuid.UUID], now: datetime
) -> MakeupCredit:
    """The make-up rule over the links touching these series, as of ``now`` (reads in
    ``uow``): what reports and trends, which count in SQL, correct their counts with."""
    links = _pairs(uow.get(MakeupRepository).touching(series_ids))
    if not links:
        return MakeupCredit()
    keys = {key for pair in links for key in pair}
    views = _sessions(uow, keys)
    involved = {series_id for series_id, _ in keys}
    per_student: dict[uuid.UUID, dict[Key, OccurrenceRecord]] = defaultdict(dict)
    statuses: dict[tuple[uuid.UUID, uuid.UUID, date], AttendanceStatus] = {}
    for mark in uow.get(AttendanceRepository).mark_facts(involved):
        key = (mark.event_id, mark.date)
        if key in views:
            per_student[mark.user_id][key] = occurrence_record(views[key], mark)
            statuses[mark.user_id, *key] = mark.status
    made_up = {
        (user_id, *missed): statuses[user_id, *missed]
        for user_id, records in per_student.items()
        for missed in makeup_for(records, links, now)
    }
    return MakeupCredit(frozenset(makeup for makeup, _ in links), made_up)


def link_pairs(uow: UnitOfWork, series_ids: Collection[uuid.UUID]) -> list[tuple[Key, Key]]:
    """The live links touching these series as (make-up, missed) occurrence keys."""
    return _pairs(uow.get(MakeupRepository).touching(series_ids))


def credited_records(
    uow: UnitOfWork, records: Mapping[Key, OccurrenceRecord], now: datetime
) -> dict[Key, OccurrenceRecord]:
    """One student's records by occurrence key with the make-up rule applied over the links of
    their series (reads the links in ``uow``)."""
    links = _pairs(uow.get(MakeupRepository).touching({sid for sid, _ in records}))
    return credit_makeups(records, links, now) if links else dict(records)


class MakeupService:
    """Links a make-up session to the sessions it makes up, unlinks, and lists them."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def choices(self, series_id: uuid.UUID, day: date) -> list[MissedChoice]:
        """The held sessions of the make-up's class in the 90 days before it (latest first),
        with how many students were absent and whether each is linked already."""
        with self._uow() as uow:
            makeup = self._held(uow, (series_id, day))
            sched = uow.get(ScheduleRepository)
            lines = sched.lines_of_classes([makeup.class_id])
            first = makeup.start_local.date() - timedelta(days=LOOK_BACK_DAYS)
            last = makeup.start_local.date()
            facilities = {ln.facility_id for ln in lines}
            views = [
                v
                for v in expand_lines(
                    lines,
                    sched.override_lines(ln.id for ln in lines),
                    first,
                    last,
                    closed_days_of(uow, facilities, first, last),
                    disruptions_of(uow, facilities, first, last),
                )
                if not v.cancelled and v.start_utc < makeup.start_utc
            ]
            linked = {
                missed for _, missed in _pairs(uow.get(MakeupRepository).of_makeup(*_key(makeup)))
            }
            absent: dict[Key, int] = defaultdict(int)
            for mark in uow.get(AttendanceRepository).mark_facts({v.series_id for v in views}):
                if mark.status in ABSENT:
                    absent[mark.event_id, mark.date] += 1
        views.sort(key=lambda v: v.start_utc, reverse=True)
        return [MissedChoice(_ref(v), absent[_key(v)], _key(v) in linked) for v in views]

    def of_session(self, series_id: uuid.UUID, day: date) -> MakeupView | None:
        """What the session makes up and whom for; ``None`` when it is not a make-up."""
        with self._uow() as uow:
            return self._view(uow, (series_id, day))

    def link(self, series_id: uuid.UUID, day: date, missed: Collection[Key]) -> MakeupView:
        """Make the session (series, original date) a make-up for ``missed`` sessions (added
        to those it makes up already). Raises ``ValidationError`` when the make-up or a missed
        session is not held, of another class or facility, or a missed one is not before it;
        ``NotFound`` for a session that does not exist."""
        if not missed:
            raise ValidationError(
                translate("refusal", "Choose the missed sessions the make-up is for."),
                field="missed",
            )
        with self._uow() as uow:
            makeup = self._held(uow, (series_id, day))
            views = _sessions(uow, set(missed))
            repo = uow.get(MakeupRepository)
            have = {m for _, m in _pairs(repo.of_makeup(series_id, day))}
            facility_id = self._facility(uow, series_id)
            for key in sorted(set(missed), key=lambda k: k[1]):
                view = self._check_missed(uow, makeup, key, views.get(key))
                if key in have:
                    continue
                repo.add(
                    MakeupLink(
                        id=uuid.uuid4(),
                        facility_id=facility_id,
                        makeup_event_id=series_id,
                        makeup_date=day,
                        missed_event_id=view.series_id,
                        missed_date=view.original_date,
                    )
                )
            uow.commit()
            found = self._view(uow, (series_id, day))
            assert found is not None
            return found

    def set_links(
        self, series_id: uuid.UUID, day: date, missed: Collection[Key]
    ) -> MakeupView | None:
        """Make the session a make-up for exactly ``missed`` (none: no longer a make-up)."""
        wanted = set(missed)
        with self._uow() as uow:
            for row in uow.get(MakeupRepository).of_makeup(series_id, day):
                if (row.missed_event_id, row.missed_date) not in wanted:
                    row.deleted_at = self._clock.now()
            uow.commit()
        if wanted:
            return self.link(series_id, day, wanted)
        return None

    def unlink(self, series_id: uuid.UUID, day: date, missed: Key | None = None) -> int:
        """The session no longer makes up ``missed`` (``None``: anything); how many links went
        (tombstones, as every removal). ``NotFound`` when there was no such link."""
        with self._uow() as uow:
            rows = [
                r
                for r in uow.get(MakeupRepository).of_makeup(series_id, day)
                if missed is None or (r.missed_event_id, r.missed_date) == missed
            ]
            if not rows:
                raise NotFound(translate("refusal", "That session is not a make-up for it."))
            for row in rows:
                row.deleted_at = self._clock.now()
            uow.commit()
            return len(rows)

    def makeups(
        self, facility_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[MakeupView]:
        """The facility's make-up sessions (of make-up dates between ``start`` and ``end``),
        in time order."""
        with self._uow() as uow:
            keys = dict.fromkeys(
                (r.makeup_event_id, r.makeup_date)
                for r in uow.get(MakeupRepository).of_facility(facility_id, start, end)
            )
            found = [v for key in keys if (v := self._view(uow, key)) is not None]
        return sorted(found, key=lambda v: v.makeup.start_local)

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _facility(uow: UnitOfWork, series_id: uuid.UUID) -> uuid.UUID:
        line = uow.get(ScheduleRepository).line(series_id)
        if line is None:
            raise NotFound(translate("refusal", "The session does not exist or was deleted."))
        return line.facility_id

    @staticmethod
    def _held(uow: UnitOfWork, key: Key) -> OccurrenceView:
        view = _sessions(uow, {key}).get(key)
        if view is None:
            if uow.get(ScheduleRepository).line(key[0]) is None:
                raise NotFound(translate("refusal", "The session does not exist or was deleted."))
            raise ValidationError(
                translate(
                    "refusal", "The make-up session is not held: there is no session that day."
                )
            )
        if view.cancelled:
            raise ValidationError(translate("refusal", "The make-up session is cancelled."))
        return view

    @staticmethod
    def _check_missed(
        uow: UnitOfWork, makeup: OccurrenceView, key: Key, view: OccurrenceView | None
    ) -> OccurrenceView:
        if view is None or view.cancelled:
            if uow.get(ScheduleRepository).line(key[0]) is None:
                raise NotFound(
                    translate("refusal", "A missed session does not exist or was deleted.")
                )
            raise ValidationError(
                translate("refusal", "Nobody missed the session of {day}: it was not held.").format(
                    day=day_text(key[1], year=True)
                )
            )
        if view.class_id != makeup.class_id:
            raise ValidationError(
                translate("refusal", "A make-up session makes up sessions of its own class."),
                field="missed",
            )
        if view.start_utc >= makeup.start_utc:
            raise ValidationError(
                translate("refusal", "The make-up must come after the session it makes up."),
                field="missed",
            )
        return view

    @staticmethod
    def _view(uow: UnitOfWork, key: Key) -> MakeupView | None:
        rows = uow.get(MakeupRepository).of_makeup(*key)
        if not rows:
            return None
        missed_keys = [m for _, m in _pairs(rows)]
        views = _sessions(uow, {key, *missed_keys})
        if key not in views:
            return None
        missed = [views[m] for m in missed_keys if m in views]
        students: set[uuid.UUID] = set()
        wanted = set(missed_keys)
        for mark in uow.get(AttendanceRepository).mark_facts({m[0] for m in missed_keys}):
            if (mark.event_id, mark.date) in wanted and mark.status in ABSENT:
                students.add(mark.user_id)
        classes = uow.get(ClassRepository)
        names = sorted(
            (student_name(p.name_first, p.name_last) for s in students if (p := classes.person(s))),
            key=str.casefold,
        )
        return MakeupView(_ref(views[key]), tuple(_ref(v) for v in missed), tuple(names))


def _key(view: OccurrenceView) -> Key:
    return (view.series_id, view.original_date)
