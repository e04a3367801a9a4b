"""Series edits: create, change and remove a whole session series, split one for an "all future"
change, and set for review the marks an edit leaves without their session."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta

from app.db.models import OccurrenceOverrideRow, ProgramClass, SessionSeries
from app.domain.enums import ClassStatus
from app.domain.errors import NotAllowed, ValidationError
from app.domain.i18n import date_text, day_text, translate
from app.domain.ids import override_id
from app.domain.orphans import SeriesState, newly_orphaned, series_state
from app.domain.recurrence import (
    CompiledSeries,
    OccurrenceOverride,
    SeriesSpec,
    compile_series,
    split_series_at,
)
from app.domain.rrule import normal_rule
from app.infra.clock import Clock, SystemClock
from app.repositories.attendance import AttendanceRepository
from app.repositories.classes import ClassRepository
from app.repositories.schedule import ScheduleRepository, SeriesLine
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.clashes import refuse_clashes, slots_from_today
from app.services.classes import check_instructor, check_room
from app.services.lookup import require
from app.services.occurrences import (
    class_or_missing,
    format_exdates,
    override_of,
    series_view_of,
    spec_of,
    stored_spec,
)
from app.services.schedule_dto import NewSeries, SeriesView

__all__ = ["SeriesEdits", "check_within_class", "review_marks", "schedule_of", "write_spec"]


def _day(day: date) -> str:
    return date_text(day, "dd MMM yyyy")


def check_within_class(spec: SeriesSpec, klass: ProgramClass) -> None:
    """``ValidationError`` when the series starts before, or runs past, its class's dates."""
    first = spec.dtstart_local.date()
    if first < klass.start_date:
        raise ValidationError(
            translate(
                "refusal", "The first session ({first}) is before the class starts ({start})."
            ).format(first=_day(first), start=_day(klass.start_date)),
            field="dtstart_local",
        )
    if klass.end_date is not None:
        if first > klass.end_date:
            raise ValidationError(
                translate(
                    "refusal", "The first session ({first}) is after the class ends ({end})."
                ).format(first=_day(first), end=_day(klass.end_date)),
                field="dtstart_local",
            )
        if spec.until_local is not None and spec.until_local > klass.end_date:
            raise ValidationError(
                translate(
                    "refusal", "The sessions would run past the end of the class ({end})."
                ).format(end=_day(klass.end_date)),
                field="until_local",
            )


def write_spec(row: SessionSeries, spec: SeriesSpec) -> None:
    """Set the row's columns that differ from ``spec`` (unchanged ones stay unwritten)."""
    values = {
        "dtstart_local": spec.dtstart_local,
        "duration_minutes": spec.duration_minutes,
        "recurrence_rule": spec.rrule,
        "until_local": spec.until_local,
        "exdates": format_exdates(spec.exdates),
        "room_id": spec.room_id,
        "instructor_id": spec.instructor_id,
    }
    for key, value in values.items():
        if getattr(row, key, None) != value:
            setattr(row, key, value)


def schedule_of(uow: UnitOfWork, series_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, SeriesState]:
    """What the schedule says of the series now (pending changes flushed first)."""
    uow.flush()
    rows, overrides = uow.get(ScheduleRepository).as_stored(series_ids)
    by_series: dict[uuid.UUID, list[OccurrenceOverride]] = defaultdict(list)
    for ov in overrides:
        by_series[ov.event_id].append(override_of(ov))
    return {
        row.id: series_state(
            stored_spec(row, zone), by_series.get(row.id, ()), removed=row.deleted_at is not None
        )
        for row, zone in rows
    }


def review_marks(uow: UnitOfWork, before: Mapping[uuid.UUID, SeriesState]) -> None:
    """Set for review every mark of these series that the change made since ``before``
    leaves without its session (cancelled, moved to another day, dropped, removed): the
    one rule of every schedule edit (DESIGN §3 rule 5). Marks are never deleted here."""
    after = schedule_of(uow, before)
    marks = uow.get(AttendanceRepository).marks(before)
    found = newly_orphaned(((m.id, m.event_id, m.date) for m in marks), before, after)
    for mark in marks:
        if mark.id in found and not mark.needs_review:
            mark.needs_review = True


def refuse_closed_day(sched: ScheduleRepository, facility_id: uuid.UUID, spec: SeriesSpec) -> None:
    """A single session (no rule) on a day the facility is closed cannot be held: refused with
    the closure's reason. A recurring series simply skips closed days."""
    if spec.rrule:
        return
    day = spec.dtstart_local.date()
    reason = sched.closed_days(facility_id, day, day).get(facility_id, {}).get(day)
    if reason is not None:
        raise ValidationError(
            translate(
                "refusal",
                "The facility is closed on {day} ({reason}): no session can be held then.",
            ).format(day=day_text(day, year=True), reason=reason),
            field="first_date",
        )


class SeriesEdits:
    """Creates, changes and removes whole series; splits one for an "all future" change.

    Attendance is keyed by (series, original date) and is never deleted or moved here: a split
    that would strand marks is refused, and every other change sets for review the marks it
    leaves without their session (``review_marks``, the rule of ``app.domain.orphans``).
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def create_series(self, new: NewSeries, *, allow_clash: bool = False) -> SeriesView:
        """Raises ``InvalidRecurrence``/``ValidationError`` for a bad series, ``ClashError`` for a
        room or instructor booked twice (unless ``allow_clash``); creates nothing then.
        """
        with self._uow() as uow:
            classes = uow.get(ClassRepository)
            sched = uow.get(ScheduleRepository)
            klass = class_or_missing(classes, new.class_id)
            if klass.status is ClassStatus.CANCELLED:
                raise NotAllowed(
                    translate("refusal", "The class is cancelled; it cannot have sessions.")
                )
            facility = require(
                classes.facility(klass.facility_id),
                translate("refusal", "The facility of the class does not exist."),
            )
            room_id = new.room_id if new.room_id is not None else klass.room_id
            instructor_id = (
                new.instructor_id if new.instructor_id is not None else klass.instructor_id
            )
            if room_id is not None:
                check_room(classes, room_id, klass.facility_id)
            if instructor_id is not None:
                check_instructor(classes, instructor_id, klass.facility_id)
            row = SessionSeries(id=uuid.uuid4(), facility_id=klass.facility_id, class_id=klass.id)
            spec = SeriesSpec(
                dtstart_local=new.dtstart_local,
                duration_minutes=new.duration_minutes,
                rrule=normal_rule(new.rrule),
                timezone=facility.timezone,
                exdates=tuple(sorted(set(new.exdates))),
                until_local=new.until_local if new.until_local is not None else klass.end_date,
                series_id=row.id,
                room_id=room_id,
                instructor_id=instructor_id,
            )
            self._check_and_write(sched, row, klass, spec, allow_clash)
            sched.add(row)
            uow.commit()
            return series_view_of(sched, row.id)

    def _check_and_write(
        self,
        sched: ScheduleRepository,
        row: SessionSeries,
        klass: ProgramClass,
        new: SeriesSpec,
        allow_clash: bool,
    ) -> None:
        """Write ``new`` over the whole series ``row`` (or onto a new one) once it is valid,
        within its class and (unless ``allow_clash``) clashes with nothing from today on, its
        overrides applied."""
        compiled = compile_series(new)
        check_within_class(new, klass)
        refuse_closed_day(sched, row.facility_id, new)
        if not allow_clash:
            overrides = [override_of(o) for o in sched.overrides_of(row.id)]
            slots = slots_from_today(compiled, self._clock.now(), overrides)
            refuse_clashes(sched, row.facility_id, slots, {row.id})
        write_spec(row, new)

    def _split(
        self,
        uow: UnitOfWork,
        row: SessionSeries,
        line: SeriesLine,
        compiled: CompiledSeries,
        from_date: date,
        change: Callable[[SeriesSpec], SeriesSpec] | None,
        allow_clash: bool,
    ) -> uuid.UUID | None:
        """End ``row`` before ``from_date`` and, unless cancelling, continue with a changed copy.

        Returns the series carrying the sessions from ``from_date`` (``row`` itself when
        ``from_date`` is its first session), ``None`` when they were cancelled.
        """
        sched = uow.get(ScheduleRepository)
        marked = sched.first_marked_date_from(row.id, from_date)
        if marked is not None:
            raise NotAllowed(
                translate(
                    "refusal",
                    "Attendance was already taken for the session of {day}; change sessions one "
                    "by one up to then, or all future sessions from a later date.",
                ).format(day=_day(marked))
            )
        spec = spec_of(line)
        is_first = spec.dtstart_local.date() >= from_date or not compiled.expand(
            spec.dtstart_local.date(), from_date - timedelta(days=1)
        )
        klass = class_or_missing(uow.get(ClassRepository), row.class_id)
        if is_first:
            # From the first session on is the whole series: change it in place.
            if change is None:
                row.deleted_at = self._clock.now()
                return None
            # The edit is relative to the first real session, which an EXDATE may have moved
            # past DTSTART.
            base = replace(
                spec,
                dtstart_local=datetime.combine(from_date, spec.dtstart_local.time()),
                exdates=tuple(d for d in spec.exdates if d > from_date),
            )
            new = change(base if base.dtstart_local > spec.dtstart_local else spec)
            self._check_and_write(sched, row, klass, new, allow_clash)
            return row.id
        old, tail = split_series_at(spec, from_date)
        if change is not None:
            new_id = uuid.uuid4()
            new = replace(change(tail), series_id=new_id)
            new_compiled = compile_series(new)
            check_within_class(new, klass)
            copied = [
                override_of(o)
                for o in sched.overrides_of(row.id)
                if o.original_date >= from_date and new_compiled.occurrence_on(o.original_date)
            ]
            if not allow_clash:
                slots = slots_from_today(new_compiled, self._clock.now(), copied)
                refuse_clashes(sched, row.facility_id, slots, {row.id})
            new_row = SessionSeries(id=new_id, facility_id=row.facility_id, class_id=row.class_id)
            write_spec(new_row, new)
            sched.add(new_row)
            uow.flush()  # no relationships in the models: the series must exist before overrides
            for ov in copied:
                sched.add_override(
                    OccurrenceOverrideRow(
                        id=override_id(new_id, ov.original_date),
                        facility_id=row.facility_id,
                        event_id=new_id,
                        original_date=ov.original_date,
                        is_cancelled=ov.cancelled,
                        new_start_local=ov.new_start_local,
                        new_duration_minutes=ov.new_duration_minutes,
                        substitute_instructor_id=ov.substitute_instructor_id,
                        room_id=ov.room_id,
                        reason=ov.reason,
                    )
                )
        row.until_local = old.until_local
        row.exdates = format_exdates(old.exdates)
        return new_id if change is not None else None
