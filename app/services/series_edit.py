"""Session series as the calendar's series dialog describes them: a form (class, room,
instructor, first date and time, how the sessions repeat and end) made into a new series, or
into a change of a series from a chosen date on that leaves every mark already taken alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Literal, TypeAlias

from app.db.models import OccurrenceOverrideRow
from app.domain.enums import ClassStatus
from app.domain.errors import InvalidRecurrence, NotAllowed, ValidationError
from app.domain.i18n import date_text, translate
from app.domain.recurrence import (
    MAX_DURATION_MINUTES,
    CompiledSeries,
    OccurrenceOverride,
    SeriesSpec,
    compile_series,
)
from app.domain.rrule import WEEKDAY_CODES, RecurrenceRule, parse_rule
from app.repositories.classes import ClassRepository
from app.repositories.facilities import RoomRepository
from app.repositories.people import PeopleRepository
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWork
from app.services.availability import find_unavailable, refuse_unavailable
from app.services.availability_dto import Unavailability
from app.services.clashes import clash_told
from app.services.classes_dto import staff_name
from app.services.occurrences import (
    class_or_missing,
    first_occurrence,
    from_today,
    override_of,
    series_or_missing,
    series_view_of,
    spec_of,
)
from app.services.schedule import ScheduleService
from app.services.schedule_dto import Choice, Clash, NewSeries, OccurrenceView, SeriesView

__all__ = [
    "MAX_COUNT",
    "MAX_INTERVAL",
    "Choice",
    "ClassChoice",
    "EndKind",
    "RepeatKind",
    "SeriesChoices",
    "SeriesEditService",
    "SeriesForm",
    "SeriesSaved",
    "check_form",
    "clash_text",
    "form_of",
]

RepeatKind: TypeAlias = Literal["none", "weekly", "daily", "rule"]
EndKind: TypeAlias = Literal["class", "date", "count"]

_PLAIN_WEEKLY = frozenset({"FREQ", "INTERVAL", "BYDAY", "WKST"})
MAX_INTERVAL = 52
MAX_COUNT = 1000
# How far past the chosen date an edit looks for the series' next session.
_NEXT_SESSION_HORIZON = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class SeriesForm:
    """A series as a person fills it in. Dates and times are wall times of the facility.

    ``first_date`` is the first day of a new series, or the day an edit applies from.
    ``weekdays`` are 0 (Monday) to 6; ``interval`` is every N weeks or days. ``end`` is
    ``class`` (when the class ends), ``date`` (``until_local``, inclusive) or ``count``
    (``count`` sessions in the whole series). ``rule`` keeps a stored rule the form cannot
    show (``repeat="rule"``), unchanged.
    """

    class_id: uuid.UUID
    first_date: date
    start_time: time
    duration_minutes: int
    repeat: RepeatKind = "weekly"
    weekdays: tuple[int, ...] = ()
    interval: int = 1
    end: EndKind = "class"
    until_local: date | None = None
    count: int | None = None
    room_id: uuid.UUID | None = None
    instructor_id: uuid.UUID | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class ClassChoice:
    """A class that may have sessions, with what a new series of it starts from."""

    id: uuid.UUID
    name: str  # "Welding I (Trades)": the class and its program
    room_id: uuid.UUID | None
    instructor_id: uuid.UUID | None
    end_date: date | None


@dataclass(frozen=True, slots=True)
class SeriesChoices:
    """What the form offers at a facility; ``form`` is the series being changed, if any."""

    classes: tuple[ClassChoice, ...]
    rooms: tuple[Choice, ...]
    instructors: tuple[Choice, ...]
    form: SeriesForm | None = None


@dataclass(frozen=True, slots=True)
class SeriesSaved:
    """What saving the form did: the series that carries the sessions from the chosen date
    and the first of them (``None`` if it lies beyond what the calendar expands)."""

    series_id: uuid.UUID
    class_name: str
    first_session: OccurrenceView | None


def _day(day: date) -> str:
    return date_text(day, "ddd dd MMM yyyy")


def check_form(form: SeriesForm) -> tuple[str | None, date | None]:
    """The RRULE body (``None``: one session) and last date of a form.

    Raises ``ValidationError`` naming the form's field (``weekdays``, ``interval``,
    ``until_local``, ``count``, ``duration_minutes``, ``repeat``) with a message for a person.
    The class's dates, the rule itself and clashes are checked when the series is saved.
    """
    if not 1 <= form.duration_minutes <= MAX_DURATION_MINUTES:
        raise ValidationError(
            translate("refusal", "A session lasts from one minute to 24 hours."),
            field="duration_minutes",
        )
    if form.repeat == "none":
        return None, None
    if not 1 <= form.interval <= MAX_INTERVAL:
        raise ValidationError(
            translate("refusal", "Repeat every 1 to {most} weeks or days.").format(
                most=MAX_INTERVAL
            ),
            field="interval",
        )
    every = [f"INTERVAL={form.interval}"] if form.interval > 1 else []
    if form.repeat == "weekly":
        days = sorted({d for d in form.weekdays if 0 <= d <= 6})
        if not days:
            raise ValidationError(
                translate("refusal", "Choose at least one weekday."), field="weekdays"
            )
        parts = ["FREQ=WEEKLY", *every, "BYDAY=" + ",".join(WEEKDAY_CODES[d] for d in days)]
    elif form.repeat == "daily":
        parts = ["FREQ=DAILY", *every]
    else:
        if not form.rule:
            raise ValidationError(
                translate("refusal", "Choose how the sessions repeat."), field="repeat"
            )
        parts = [form.rule]
    until: date | None = None
    if form.end == "date":
        if form.until_local is None:
            raise ValidationError(
                translate("refusal", "Choose the last day of the series."), field="until_local"
            )
        if form.until_local < form.first_date:
            raise ValidationError(
                translate("refusal", "The last day ({last}) is before the first ({first}).").format(
                    last=_day(form.until_local), first=_day(form.first_date)
                ),
                field="until_local",
            )
        until = form.until_local
    elif form.end == "count":
        if form.count is None or not 1 <= form.count <= MAX_COUNT:
            raise ValidationError(
                translate("refusal", "The series has from 1 to {most} sessions.").format(
                    most=MAX_COUNT
                ),
                field="count",
            )
        parts.append(f"COUNT={form.count}")
    return ";".join(parts), until


def form_of(series: SeriesView, class_end: date | None, day: date) -> SeriesForm:
    """The form showing ``series``, to change it from ``day`` on.

    A rule the form has no words for (monthly, several parts) is kept whole as ``rule``.
    """
    rule: RecurrenceRule | None = None
    if series.rrule is not None:
        try:
            rule = parse_rule(series.rrule)
        except InvalidRecurrence:
            rule = None  # shown as stored, for the person to replace
    count = rule.count if rule is not None else None
    shown = rule.replace(COUNT=None) if rule is not None else None
    names = {name for name, _ in shown.parts} if shown is not None else set()
    byday = (shown.byday if shown is not None else ()) or (
        WEEKDAY_CODES[series.dtstart_local.weekday()],
    )
    repeat: RepeatKind = "rule"
    weekdays: tuple[int, ...] = ()
    if series.rrule is None:
        repeat = "none"
    elif shown is None:
        pass
    elif shown.freq == "WEEKLY" and names <= _PLAIN_WEEKLY and set(byday) <= {*WEEKDAY_CODES}:
        repeat, weekdays = "weekly", tuple(sorted(WEEKDAY_CODES.index(d) for d in byday))
    elif shown.freq == "DAILY" and names <= {"FREQ", "INTERVAL"}:
        repeat = "daily"
    kept = shown.text if shown is not None else series.rrule
    end: EndKind = "class"
    if count is not None:
        end = "count"
    elif series.until_local is not None and series.until_local != class_end:
        end = "date"
    return SeriesForm(
        class_id=series.class_id,
        first_date=day,
        start_time=series.dtstart_local.time(),
        duration_minutes=series.duration_minutes,
        repeat=repeat,
        weekdays=weekdays,
        interval=shown.interval if shown is not None and repeat != "rule" else 1,
        end=end,
        until_local=series.until_local,
        count=count,
        room_id=series.room_id,
        instructor_id=series.instructor_id,
        rule=kept if repeat == "rule" else None,
    )


def clash_text(clash: Clash) -> str:
    """One clash in words: what is booked twice, for what, when."""
    when = f"{_day(clash.start_local.date())} {clash.start_local:%H:%M}"
    return clash_told(
        clash,
        when,
        translate("messages", "{room} is booked for {name}, {when}"),
        translate("messages", "The room is booked for {name}, {when}"),
        translate("messages", "{person} teaches {name}, {when}"),
        translate("messages", "The instructor teaches {name}, {when}"),
    )


def _keep_occurrence(_ov: OccurrenceOverrideRow) -> None:
    """Changes from a date on never touch one session's override."""


class SeriesEditService(ScheduleService):
    """Creates series from the dialog's form and changes a series from a chosen date on.

    A change from a date is ``ScheduleService``'s "all future" split: sessions before the date
    stay as they were, with their attendance; a change that would move or drop a session
    already marked is refused. From the first session on, the series is changed in place.
    """

    def choices(
        self, facility_id: uuid.UUID, series_id: uuid.UUID | None = None, day: date | None = None
    ) -> SeriesChoices:
        """Classes (not cancelled), rooms and instructors of a facility, in one unit of work;
        with ``series_id``, that series as the form shows it to change from ``day`` on.

        Instructors are the staff with the facility in scope and whoever teaches one of its
        classes or the series, so that the form can always show the current choice.
        """
        with self._uow() as uow:
            listings = [
                c
                for c in uow.get(ClassRepository).listings(facility_id)
                if c.status is not ClassStatus.CANCELLED
            ]
            rooms = tuple(
                Choice(r.id, r.name) for r in uow.get(RoomRepository).rooms_of(facility_id)
            )
            people: dict[uuid.UUID, str | None] = {
                u.id: staff_name(u.name_first, u.name_last)
                for u in uow.get(PeopleRepository).staff_of(facility_id)
            }
            for c in listings:
                if c.instructor_id is not None:
                    people.setdefault(
                        c.instructor_id, staff_name(c.instructor_first, c.instructor_last)
                    )
            form = None
            if series_id is not None:
                series = series_view_of(uow.get(ScheduleRepository), series_id)
                klass = class_or_missing(uow.get(ClassRepository), series.class_id)
                form = form_of(series, klass.end_date, day or series.dtstart_local.date())
                if series.instructor_id is not None:
                    people.setdefault(series.instructor_id, series.instructor_name)
        classes = tuple(
            ClassChoice(
                c.id, f"{c.name} ({c.program_name})", c.room_id, c.instructor_id, c.end_date
            )
            for c in listings
        )
        named = sorted(((name or "?", i) for i, name in people.items()), key=lambda p: p[0])
        return SeriesChoices(classes, rooms, tuple(Choice(i, n) for n, i in named), form)

    def create_from_form(
        self, form: SeriesForm, *, allow_clash: bool = False, allow_unavailable: bool = False
    ) -> SeriesSaved:
        """A new series (room and instructor default to the class's); raises what
        ``check_form`` and ``create_series`` raise, ``ClashError`` unless ``allow_clash``,
        ``UnavailableError`` when the instructor is not available for some of its sessions
        unless ``allow_unavailable``."""
        rule, until = check_form(form)
        if not allow_unavailable:
            with self._uow() as uow:
                classes = uow.get(ClassRepository)
                klass = class_or_missing(classes, form.class_id)
                facility = classes.facility(klass.facility_id)
                instructor = form.instructor_id or klass.instructor_id
                if facility is not None and instructor is not None:
                    spec = SeriesSpec(
                        dtstart_local=datetime.combine(form.first_date, form.start_time),
                        duration_minutes=form.duration_minutes,
                        rrule=rule,
                        timezone=facility.timezone,
                        until_local=until if until is not None else klass.end_date,
                        instructor_id=instructor,
                    )
                    self._refuse_unavailable(uow, klass.facility_id, compile_series(spec))
        series = self.create_series(
            NewSeries(
                class_id=form.class_id,
                dtstart_local=datetime.combine(form.first_date, form.start_time),
                duration_minutes=form.duration_minutes,
                rrule=rule,
                until_local=until,
                room_id=form.room_id,
                instructor_id=form.instructor_id,
            ),
            allow_clash=allow_clash,
        )
        with self._uow() as uow:
            first = first_occurrence(uow.get(ScheduleRepository), series.id)
        return SeriesSaved(series.id, series.class_name, first)

    def edit_from(
        self,
        series_id: uuid.UUID,
        form: SeriesForm,
        *,
        allow_clash: bool = False,
        allow_unavailable: bool = False,
    ) -> SeriesSaved:
        """Change the sessions of a series from ``form.first_date`` on.

        The series' sessions before that date keep their time, room and attendance. ``count``
        is the number of sessions of the whole series, those before the date included.
        Raises ``NotAllowed`` when attendance was taken on or after the date's session,
        ``ValidationError`` naming the form's field, ``ClashError`` unless ``allow_clash``,
        ``UnavailableError`` unless ``allow_unavailable`` (as ``create_from_form``).
        """
        rule, until = check_form(form)
        day = form.first_date
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            _row, line = series_or_missing(sched, series_id)
            klass = class_or_missing(uow.get(ClassRepository), line.class_id)
            if form.class_id != line.class_id:
                raise ValidationError(
                    translate(
                        "refusal",
                        "A series stays with its class: create a new series for another class.",
                    ),
                    field="class_id",
                )
            spec = spec_of(line)
            session = self._next_session(spec, day)
            if session is None:
                raise ValidationError(
                    translate("refusal", "{name} has no session on or after {day}.").format(
                        name=line.class_name, day=_day(day)
                    ),
                    field="first_date",
                )
            marked = sched.first_marked_date_from(series_id, session)
            if marked is not None:
                raise NotAllowed(
                    translate(
                        "refusal",
                        "Attendance was taken on {day}: apply the changes from a later date, so "
                        "that no marked session moves.",
                    ).format(day=_day(marked)),
                    field="first_date",
                )
            if form.end != "date":  # as when created: no session after the class ends
                until = klass.end_date
            if form.end == "count" and form.count is not None and rule is not None:
                held = self._sessions_before(spec, day)
                if form.count <= held:
                    raise ValidationError(
                        (
                            translate(
                                "refusal",
                                "1 session of the series is before {day}: the series needs more "
                                "than 1 to go on.",
                            )
                            if held == 1
                            else translate(
                                "refusal",
                                "{held} sessions of the series are before {day}: the series needs "
                                "more than {held} to go on.",
                            )
                        ).format(held=held, day=_day(day)),
                        field="count",
                    )
                # The rule of the sessions from the date on counts only those.
                rule, _ = check_form(replace(form, count=form.count - held))
        start = datetime.combine(day, form.start_time)

        def change(part: SeriesSpec) -> SeriesSpec:
            return replace(
                part,
                dtstart_local=start,
                duration_minutes=form.duration_minutes,
                rrule=rule,
                until_local=until,
                exdates=tuple(d for d in part.exdates if d > day),
                room_id=form.room_id,
                instructor_id=form.instructor_id,
            )

        if not allow_unavailable:
            with self._uow() as uow:
                kept = [
                    override_of(o)
                    for o in uow.get(ScheduleRepository).overrides_of(series_id)
                    if o.original_date >= day
                ]
                changed = compile_series(change(spec))
                self._refuse_unavailable(uow, line.facility_id, changed, kept)
        done = self._edit(
            series_id,
            session,
            "all_future",
            _keep_occurrence,
            change,
            allow_clash,
            room_id=form.room_id,
            instructor_id=form.instructor_id,
        )
        carrier = done.new_series_id or series_id
        return SeriesSaved(carrier, line.class_name, done.occurrence)

    def unavailable_in(
        self,
        uow: UnitOfWork,
        facility_id: uuid.UUID,
        compiled: CompiledSeries,
        overrides: Sequence[OccurrenceOverride] = (),
    ) -> list[Unavailability]:
        """The sessions of a series, from today (or its start) up to the clash horizon, whose
        instructor (a substitute's included) is not available for them."""
        window = from_today(compiled, self._clock.now())
        if window is None:
            return []
        taught: dict[uuid.UUID, list[tuple[datetime, datetime]]] = {}
        for occ in compiled.expand(*window, overrides):
            if not occ.cancelled and occ.instructor_id is not None:
                taught.setdefault(occ.instructor_id, []).append((occ.start_local, occ.end_local))
        found = [
            u
            for instructor, sessions in taught.items()
            for u in find_unavailable(uow, facility_id, instructor, sessions)
        ]
        return sorted(found, key=lambda u: u.outside.start_local)

    def _refuse_unavailable(
        self,
        uow: UnitOfWork,
        facility_id: uuid.UUID,
        compiled: CompiledSeries,
        overrides: Sequence[OccurrenceOverride] = (),
    ) -> None:
        refuse_unavailable(self.unavailable_in(uow, facility_id, compiled, overrides))

    @staticmethod
    def _next_session(spec: SeriesSpec, day: date) -> date | None:
        """The original date of the series' first session on or after ``day``."""
        compiled = compile_series(spec)
        start = max(day, spec.dtstart_local.date())
        end = start + _NEXT_SESSION_HORIZON
        if spec.until_local is not None:
            end = min(end, spec.until_local)
        if end < start:
            return None
        found = compiled.expand(start, end)
        return min((o.original_date for o in found), default=None)

    @staticmethod
    def _sessions_before(spec: SeriesSpec, day: date) -> int:
        """Sessions of the rule before ``day`` (excluded dates count, as COUNT counts them);
        none when no session of the series takes place before ``day``."""
        first = spec.dtstart_local.date()
        last = day - timedelta(days=1)
        if last < first or not compile_series(spec).expand(first, last):
            return 0
        return len(compile_series(replace(spec, exdates=())).expand(first, last))
