"""Session calendar: series, per-occurrence overrides, "all future" splits and clash checks."""

from __future__ import annotations

import logging
import uuid
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeAlias
from zoneinfo import ZoneInfo

from app.db.models import OccurrenceOverrideRow, ProgramClass, SessionSeries
from app.domain import recurrence
from app.domain.enums import ClassStatus
from app.domain.errors import DomainError, NotAllowed, NotFound, ValidationError
from app.domain.ids import override_id
from app.domain.orphans import SeriesState, newly_orphaned, series_state
from app.domain.recurrence import (
    CompiledSeries,
    Occurrence,
    OccurrenceOverride,
    SeriesSpec,
    compile_series,
    parse_exdates,
    split_series_at,
)
from app.domain.validation import check_range, clean_text
from app.infra.clock import Clock, SystemClock
from app.repositories.attendance import AttendanceRepository
from app.repositories.classes import ClassRepository
from app.repositories.schedule import OverrideLine, ScheduleRepository, SeriesLine
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.classes import check_instructor, check_room
from app.services.classes_dto import UNSET, pick, staff_name
from app.services.schedule_dto import (
    Clash,
    ClashError,
    NewSeries,
    OccurrenceView,
    ProgramChoice,
    ProposedSlot,
    ScheduleChange,
    Scope,
    SeriesChanges,
    SeriesView,
)

__all__ = [
    "Clash",
    "ClashError",
    "NewSeries",
    "OccurrenceView",
    "ProgramChoice",
    "ProposedSlot",
    "ScheduleChange",
    "ScheduleService",
    "Scope",
    "SeriesChanges",
    "SeriesView",
    "expand_lines",
    "occurrence_of",
    "spec_of",
]

log = logging.getLogger(__name__)

REASON_MAX = 500
MAX_WINDOW_DAYS = 366
# How far ahead a series is checked for clashes: further sessions get checked when edited.
CLASH_HORIZON = timedelta(days=366)
_LONGEST_SESSION = timedelta(days=1)

SlotTuple: TypeAlias = tuple[datetime, datetime, uuid.UUID | None, uuid.UUID | None]


# -- rows -> domain -> views ----------------------------------------------------------------------


def format_exdates(days: Iterable[date]) -> str | None:
    unique = sorted(set(days))
    return ",".join(day.isoformat() for day in unique) or None


def _normal_rule(text: str | None) -> str | None:
    body = (text or "").strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:].strip()
    return body.upper() or None


def spec_of(line: SeriesLine) -> SeriesSpec:
    return SeriesSpec(
        dtstart_local=line.dtstart_local,
        duration_minutes=line.duration_minutes,
        rrule=line.recurrence_rule,
        timezone=line.timezone,
        exdates=parse_exdates(line.exdates),
        until_local=line.until_local,
        series_id=line.id,
        room_id=line.room_id,
        instructor_id=line.instructor_id,
    )


def override_of(line: OverrideLine | OccurrenceOverrideRow) -> OccurrenceOverride:
    return OccurrenceOverride(
        original_date=line.original_date,
        cancelled=bool(line.is_cancelled),
        new_start_local=line.new_start_local,
        new_duration_minutes=line.new_duration_minutes,
        substitute_instructor_id=line.substitute_instructor_id,
        room_id=line.room_id,
        reason=line.reason,
    )


def occurrence_of(line: SeriesLine, occ: Occurrence, ov: OverrideLine | None) -> OccurrenceView:
    """The view of a domain occurrence, naming rooms and instructors from the loaded rows."""
    room_name = line.room_name
    instructor_name = staff_name(line.instructor_first, line.instructor_last)
    substitute = False
    if ov is not None:
        if ov.room_id is not None and ov.room_id == occ.room_id:
            room_name = ov.room_name
        if (
            ov.substitute_instructor_id is not None
            and ov.substitute_instructor_id == occ.instructor_id
        ):
            instructor_name = staff_name(ov.substitute_first, ov.substitute_last)
            substitute = ov.substitute_instructor_id != line.instructor_id
    return OccurrenceView(
        series_id=line.id,
        class_id=line.class_id,
        class_name=line.class_name,
        original_date=occ.original_date,
        start_local=occ.start_local,
        end_local=occ.end_local,
        start_utc=occ.start_utc,
        end_utc=occ.end_utc,
        duration_minutes=occ.duration_minutes,
        room_id=occ.room_id,
        room_name=room_name,
        instructor_id=occ.instructor_id,
        instructor_name=instructor_name,
        cancelled=occ.cancelled,
        rescheduled=occ.rescheduled,
        reason=occ.reason,
        substitute=substitute,
        program_id=line.program_id,
    )


def expand_lines(
    lines: Sequence[SeriesLine], overrides: Iterable[OverrideLine], start: date, end: date
) -> list[OccurrenceView]:
    """Every session of the series whose (possibly moved) local date is in ``[start, end]``.

    Parsed rules and time conversions are cached across calls by the domain, so a calendar
    refresh costs the window. What a series' sessions share (names, ids) is worked out once per
    series, not per session. A series whose stored rule no longer parses is skipped with a
    warning, not the calendar.
    """
    by_series: dict[uuid.UUID, dict[date, OverrideLine]] = defaultdict(dict)
    for ov in overrides:
        by_series[ov.event_id][ov.original_date] = ov
    views: list[OccurrenceView] = []
    add = views.append
    for line in lines:
        ovs = by_series.get(line.id, {})
        try:
            occs = recurrence.expand(
                spec_of(line), start, end, [override_of(o) for o in ovs.values()]
            )
        except DomainError as err:
            log.warning("series %s cannot be expanded: %s", line.id, err)
            continue
        instructor = staff_name(line.instructor_first, line.instructor_last)
        for occ in occs:
            changed = ovs.get(occ.original_date)
            if changed is not None:
                add(occurrence_of(line, occ, changed))
                continue
            add(
                OccurrenceView(
                    line.id,
                    line.class_id,
                    line.class_name,
                    occ.original_date,
                    occ.start_local,
                    occ.end_local,
                    occ.start_utc,
                    occ.end_utc,
                    occ.duration_minutes,
                    occ.room_id,
                    line.room_name,
                    occ.instructor_id,
                    instructor,
                    occ.cancelled,
                    occ.rescheduled,
                    occ.reason,
                    False,
                    line.program_id,
                )
            )
    views.sort(key=lambda v: (v.start_utc, v.class_name, v.series_id))
    return views


def local_day_start(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant a local day starts (midnight, or the first instant after a DST gap)."""
    return datetime.combine(day, time.min).replace(tzinfo=tz).astimezone(UTC)


def _series_view(line: SeriesLine) -> SeriesView:
    return SeriesView(
        id=line.id,
        class_id=line.class_id,
        class_name=line.class_name,
        facility_id=line.facility_id,
        timezone=line.timezone,
        dtstart_local=line.dtstart_local,
        duration_minutes=line.duration_minutes,
        rrule=line.recurrence_rule,
        until_local=line.until_local,
        exdates=parse_exdates(line.exdates),
        room_id=line.room_id,
        room_name=line.room_name,
        instructor_id=line.instructor_id,
        instructor_name=staff_name(line.instructor_first, line.instructor_last),
    )


def _shift_rule(rule: str | None, old_day: date, new_day: date) -> str | None:
    """The rule of sessions moved from ``old_day``'s weekday to ``new_day``'s.

    Rules that take their day from DTSTART need nothing; a weekly rule on that one weekday gets
    the new weekday; anything else (several days, month days) is the whole series' to change.
    """
    if rule is None or old_day == new_day:
        return rule
    parts = dict(item.split("=", 1) for item in rule.split(";"))
    fixed = ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYMONTH")
    codes = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    refuse = ValidationError(
        "Moving all future sessions to another day needs a new rule: edit the series instead.",
        field="new_start_local",
    )
    if any(name in parts for name in fixed):
        raise refuse
    if "BYDAY" in parts:
        if parts.get("FREQ") != "WEEKLY" or parts["BYDAY"] != codes[old_day.weekday()]:
            raise refuse
        parts["BYDAY"] = codes[new_day.weekday()]
    return ";".join(f"{k}={v}" for k, v in parts.items())


def _check_within_class(spec: SeriesSpec, klass: ProgramClass) -> None:
    first = spec.dtstart_local.date()
    if first < klass.start_date:
        raise ValidationError(
            f"The first session ({first:%d %b %Y}) is before the class starts "
            f"({klass.start_date:%d %b %Y}).",
            field="dtstart_local",
        )
    if klass.end_date is not None:
        if first > klass.end_date:
            raise ValidationError(
                f"The first session ({first:%d %b %Y}) is after the class ends "
                f"({klass.end_date:%d %b %Y}).",
                field="dtstart_local",
            )
        if spec.until_local is not None and spec.until_local > klass.end_date:
            raise ValidationError(
                f"The sessions would run past the end of the class ({klass.end_date:%d %b %Y}).",
                field="until_local",
            )


def _check_scope(scope: str) -> None:
    if scope not in ("one", "all_future"):
        raise ValidationError("Choose this session or all future sessions.", field="scope")


def _describe(clashes: Sequence[Clash]) -> str:
    first = clashes[0]
    when = f"{first.start_local:%a %d %b %Y %H:%M}"
    if first.kind == "room":
        what = f"{first.room_name or 'The room'} is already booked for"
    else:
        what = f"{first.instructor_name or 'The instructor'} is already teaching"
    message = f"{what} {first.other_class_name} on {when}."
    if len(clashes) > 1:
        message += f" ({len(clashes) - 1} more clash{'es' if len(clashes) > 2 else ''})"
    return message


class ScheduleService:
    """Creates and edits session series and single occurrences; expands calendars.

    Attendance is keyed by (series, original date) and is never deleted or moved here: a split
    that would strand marks is refused, and every other change sets for review the marks it
    leaves without their session (``_review_marks``, the rule of ``app.domain.orphans``).
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    # -- series -------------------------------------------------------------------------------

    def create_series(self, new: NewSeries, *, allow_clash: bool = False) -> SeriesView:
        """Raises ``InvalidRecurrence``/``ValidationError`` for a bad series, ``ClashError`` for a
        room or instructor booked twice (unless ``allow_clash``); creates nothing then.
        """
        with self._uow() as uow:
            classes = uow.get(ClassRepository)
            sched = uow.get(ScheduleRepository)
            klass = self._class(classes, new.class_id)
            if klass.status is ClassStatus.CANCELLED:
                raise NotAllowed("The class is cancelled; it cannot have sessions.")
            facility = classes.facility(klass.facility_id)
            if facility is None:
                raise NotFound("The facility of the class does not exist.")
            room_id = new.room_id if new.room_id is not None else klass.room_id
            instructor_id = (
                new.instructor_id if new.instructor_id is not None else klass.instructor_id
            )
            if room_id is not None:
                check_room(classes, room_id, klass.facility_id)
            if instructor_id is not None:
                check_instructor(classes, instructor_id, klass.facility_id)
            series_id = uuid.uuid4()
            spec = SeriesSpec(
                dtstart_local=new.dtstart_local,
                duration_minutes=new.duration_minutes,
                rrule=_normal_rule(new.rrule),
                timezone=facility.timezone,
                exdates=tuple(sorted(set(new.exdates))),
                until_local=new.until_local if new.until_local is not None else klass.end_date,
                series_id=series_id,
                room_id=room_id,
                instructor_id=instructor_id,
            )
            compiled = compile_series(spec)
            _check_within_class(spec, klass)
            if not allow_clash:
                self._refuse_clashes(sched, klass.facility_id, self._slots(compiled), set())
            sched.add(
                SessionSeries(
                    id=series_id,
                    facility_id=klass.facility_id,
                    class_id=klass.id,
                    dtstart_local=spec.dtstart_local,
                    duration_minutes=spec.duration_minutes,
                    recurrence_rule=spec.rrule,
                    until_local=spec.until_local,
                    exdates=format_exdates(spec.exdates),
                    room_id=room_id,
                    instructor_id=instructor_id,
                )
            )
            uow.commit()
            return self._series_view(sched, series_id)

    def update_series(
        self, series_id: uuid.UUID, changes: SeriesChanges, *, allow_clash: bool = False
    ) -> SeriesView:
        """Change a whole series, past sessions included. Marks of sessions that no longer exist
        are kept and flagged ``needs_review``.
        """
        with self._uow() as uow:
            classes = uow.get(ClassRepository)
            sched = uow.get(ScheduleRepository)
            row, line = self._series(sched, series_id)
            before = self._schedule_of(uow, [series_id])
            klass = self._class(classes, row.class_id)
            spec = spec_of(line)
            if changes.room_id is not UNSET and changes.room_id is not None:
                check_room(classes, changes.room_id, row.facility_id)
            if changes.instructor_id is not UNSET and changes.instructor_id is not None:
                check_instructor(classes, changes.instructor_id, row.facility_id)
            new = replace(
                spec,
                dtstart_local=pick(changes.dtstart_local, spec.dtstart_local),
                duration_minutes=pick(changes.duration_minutes, spec.duration_minutes),
                rrule=_normal_rule(pick(changes.rrule, spec.rrule)),
                until_local=pick(changes.until_local, spec.until_local),
                exdates=tuple(sorted(set(pick(changes.exdates, spec.exdates)))),
                room_id=pick(changes.room_id, spec.room_id),
                instructor_id=pick(changes.instructor_id, spec.instructor_id),
            )
            compiled = compile_series(new)
            _check_within_class(new, klass)
            overrides = [override_of(o) for o in sched.overrides_of(series_id)]
            if not allow_clash:
                self._refuse_clashes(
                    sched, row.facility_id, self._slots(compiled, overrides), {row.id}
                )
            self._write_spec(row, new)
            self._review_marks(uow, before)
            uow.commit()
            return self._series_view(sched, series_id)

    def delete_series(self, series_id: uuid.UUID) -> None:
        """Remove a series made by mistake; refused once attendance was taken (end it instead)."""
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            row, _ = self._series(sched, series_id)
            if sched.has_attendance(series_id):
                raise NotAllowed(
                    "Attendance was taken for these sessions; cancel all future sessions instead."
                )
            row.deleted_at = self._clock.now()
            uow.commit()

    def get_series(self, series_id: uuid.UUID) -> SeriesView:
        with self._uow() as uow:
            return self._series_view(uow.get(ScheduleRepository), series_id)

    def series_of_class(self, class_id: uuid.UUID) -> list[SeriesView]:
        with self._uow() as uow:
            lines = uow.get(ScheduleRepository).lines_of_classes([class_id])
            return sorted((_series_view(line) for line in lines), key=lambda s: s.dtstart_local)

    # -- calendar -------------------------------------------------------------------------------

    def occurrences(
        self,
        facility_id: uuid.UUID,
        start: date,
        end: date,
        *,
        room_id: uuid.UUID | None = None,
        instructor_id: uuid.UUID | None = None,
        class_id: uuid.UUID | None = None,
        program_id: uuid.UUID | None = None,
    ) -> list[OccurrenceView]:
        """Sessions of a facility between two local dates (inclusive), by start; one query.

        Cancelled sessions are included (flagged). Room and instructor filters see overrides: a
        substitute's session is listed under the substitute.
        """
        check_range(start, end, what="The calendar window", field="end")
        if (end - start).days > MAX_WINDOW_DAYS:
            raise ValidationError("A calendar window can span at most a year.", field="end")
        with self._uow() as uow:
            lines, overrides = uow.get(ScheduleRepository).window(
                facility_id,
                start,
                end,
                class_id=class_id,
                instructor_id=instructor_id,
                program_id=program_id,
            )
        views = expand_lines(lines, overrides, start, end)
        if room_id is not None:
            views = [v for v in views if v.room_id == room_id]
        if instructor_id is not None:
            views = [v for v in views if v.instructor_id == instructor_id]
        return views

    def programs(self, facility_id: uuid.UUID) -> list[ProgramChoice]:
        """Programs with sessions at the facility, by name (the calendar's program filter)."""
        with self._uow() as uow:
            found = uow.get(ScheduleRepository).programs(facility_id)
        return [ProgramChoice(ident, name) for ident, name in found]

    def occurrence(self, series_id: uuid.UUID, original_date: date) -> OccurrenceView:
        """Raises ``NotFound`` when the series has no session on ``original_date``."""
        with self._uow() as uow:
            return self._occurrence(uow.get(ScheduleRepository), series_id, original_date)

    def marks_held(self, series_id: uuid.UUID, original_date: date, *, scope: Scope = "one") -> int:
        """How many marks the session holds (``all_future``: it and every later one of the
        series), so a person is asked before cancelling them."""
        _check_scope(scope)
        with self._uow() as uow:
            return uow.get(ScheduleRepository).mark_count(
                series_id, original_date, onwards=scope == "all_future"
            )

    def clashes_for(
        self,
        facility_id: uuid.UUID,
        proposed: Sequence[ProposedSlot | SlotTuple],
        ignore_series_id: uuid.UUID | None = None,
    ) -> list[Clash]:
        """Sessions overlapping the proposed slots (``ProposedSlot`` or ``(start_utc, end_utc,
        room_id, instructor_id)``) in the same room or with the same instructor.
        """
        slots = [p if isinstance(p, ProposedSlot) else ProposedSlot(*p) for p in proposed]
        for slot in slots:
            if slot.start_utc.tzinfo is None or slot.end_utc.tzinfo is None:
                raise ValidationError("Proposed times must be instants (with a timezone).")
            check_range(slot.start_utc, slot.end_utc, what="A proposed session")
        ignore = {ignore_series_id} if ignore_series_id is not None else set()
        with self._uow() as uow:
            return self._clashes(uow.get(ScheduleRepository), facility_id, slots, ignore)

    # -- occurrence edits -----------------------------------------------------------------------

    def cancel_occurrence(
        self, series_id: uuid.UUID, original_date: date, reason: str, *, scope: Scope = "one"
    ) -> ScheduleChange:
        """Cancel one session, or end the series from that session on (``all_future``).

        Marks already taken for a cancelled session stay, flagged for review.
        """
        _check_scope(scope)
        cleaned = clean_text(
            reason, field="reason", max_length=REASON_MAX, required=True, label="A reason"
        )
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            row, line = self._series(sched, series_id)
            compiled = self._require_occurrence(line, original_date)
            before = self._schedule_of(uow, [series_id])
            if scope == "all_future":
                new_id = self._split(uow, row, line, compiled, original_date, None, True)
                self._review_marks(uow, before)
                uow.commit()
                return ScheduleChange(series_id, original_date, scope, None, new_id)
            ov = self._override_row(sched, row, original_date)
            ov.is_cancelled = True
            ov.reason = cleaned
            self._review_marks(uow, before)
            uow.commit()
            view = self._occurrence(sched, series_id, original_date)
            return ScheduleChange(series_id, original_date, scope, view)

    def reschedule_occurrence(
        self,
        series_id: uuid.UUID,
        original_date: date,
        new_start_local: datetime,
        new_duration_minutes: int | None = None,
        reason: str | None = None,
        *,
        scope: Scope = "one",
        allow_clash: bool = False,
    ) -> ScheduleChange:
        """Move one session (its attendance stays keyed by ``original_date``; marks taken
        before a move to another day are set for review) or all future ones (a new series
        from that session, at the new time; the weekday may move with it).
        """
        cleaned = clean_text(reason, field="reason", max_length=REASON_MAX)
        if new_start_local.tzinfo is not None:
            raise ValidationError(
                "The new start must be a local wall time of the facility.", field="new_start_local"
            )

        def change(part: SeriesSpec) -> SeriesSpec:
            delta = new_start_local.date() - part.dtstart_local.date()
            return replace(
                part,
                dtstart_local=new_start_local,
                duration_minutes=new_duration_minutes or part.duration_minutes,
                rrule=_shift_rule(part.rrule, part.dtstart_local.date(), new_start_local.date()),
                exdates=tuple(day + delta for day in part.exdates),
            )

        def one(ov: OccurrenceOverrideRow) -> None:
            if ov.is_cancelled:
                raise NotAllowed("This session is cancelled; restore it before moving it.")
            ov.new_start_local = new_start_local
            ov.new_duration_minutes = new_duration_minutes
            ov.reason = cleaned or ov.reason

        return self._edit(series_id, original_date, scope, one, change, allow_clash)

    def substitute_instructor(
        self,
        series_id: uuid.UUID,
        original_date: date,
        instructor_id: uuid.UUID,
        reason: str | None = None,
        *,
        scope: Scope = "one",
        allow_clash: bool = False,
    ) -> ScheduleChange:
        """Another instructor teaches one session, or all future ones (a new series)."""
        cleaned = clean_text(reason, field="reason", max_length=REASON_MAX)

        def one(ov: OccurrenceOverrideRow) -> None:
            ov.substitute_instructor_id = instructor_id
            ov.reason = cleaned or ov.reason

        return self._edit(
            series_id,
            original_date,
            scope,
            one,
            lambda part: replace(part, instructor_id=instructor_id),
            allow_clash,
            instructor_id=instructor_id,
        )

    def change_room(
        self,
        series_id: uuid.UUID,
        original_date: date,
        room_id: uuid.UUID,
        reason: str | None = None,
        *,
        scope: Scope = "one",
        allow_clash: bool = False,
    ) -> ScheduleChange:
        """One session, or all future ones (a new series), take place in another room."""
        cleaned = clean_text(reason, field="reason", max_length=REASON_MAX)

        def one(ov: OccurrenceOverrideRow) -> None:
            ov.room_id = room_id
            ov.reason = cleaned or ov.reason

        return self._edit(
            series_id,
            original_date,
            scope,
            one,
            lambda part: replace(part, room_id=room_id),
            allow_clash,
            room_id=room_id,
        )

    def restore_occurrence(
        self, series_id: uuid.UUID, original_date: date, *, allow_clash: bool = False
    ) -> ScheduleChange:
        """Undo every change to one session: it takes place as the series says."""
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            row, line = self._series(sched, series_id)
            compiled = self._require_occurrence(line, original_date)
            ov = sched.override_including_deleted(override_id(series_id, original_date))
            if ov is None or ov.deleted_at is not None:
                raise NotFound("This session has no changes to undo.")
            if not allow_clash:
                occ = compiled.occurrence_on(original_date)
                assert occ is not None  # checked by _require_occurrence
                self._refuse_clashes(sched, row.facility_id, [self._slot(occ)], {series_id})
            ov.deleted_at = self._clock.now()
            uow.commit()
            view = self._occurrence(sched, series_id, original_date)
            return ScheduleChange(series_id, original_date, "one", view)

    # -- helpers --------------------------------------------------------------------------------

    def _edit(
        self,
        series_id: uuid.UUID,
        original_date: date,
        scope: Scope,
        one: Callable[[OccurrenceOverrideRow], None],
        change: Callable[[SeriesSpec], SeriesSpec],
        allow_clash: bool,
        *,
        room_id: uuid.UUID | None = None,
        instructor_id: uuid.UUID | None = None,
    ) -> ScheduleChange:
        _check_scope(scope)
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            classes = uow.get(ClassRepository)
            row, line = self._series(sched, series_id)
            if room_id is not None:
                check_room(classes, room_id, row.facility_id)
            if instructor_id is not None:
                check_instructor(classes, instructor_id, row.facility_id)
            compiled = self._require_occurrence(line, original_date)
            before = self._schedule_of(uow, [series_id])
            if scope == "all_future":
                new_id = self._split(uow, row, line, compiled, original_date, change, allow_clash)
                self._review_marks(uow, before)
                uow.commit()
                assert new_id is not None  # only cancelling returns None
                view = self._first_occurrence(sched, new_id)
                return ScheduleChange(series_id, original_date, scope, view, new_id)
            ov = self._override_row(sched, row, original_date)
            one(ov)
            occ = compiled.occurrence_on(original_date, override_of(ov))
            if occ is None:  # the domain refused the combination; nothing is written
                raise ValidationError(f"The series has no session on {original_date:%d %b %Y}.")
            if not allow_clash and not occ.cancelled:
                self._refuse_clashes(sched, row.facility_id, [self._slot(occ)], {series_id})
            self._review_marks(uow, before)
            uow.commit()
            view = self._occurrence(sched, series_id, original_date)
            return ScheduleChange(series_id, original_date, scope, view)

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
                f"Attendance was already taken for the session of {marked:%d %b %Y}; change "
                "sessions one by one up to then, or all future sessions from a later date."
            )
        spec = spec_of(line)
        is_first = spec.dtstart_local.date() >= from_date or not compiled.expand(
            spec.dtstart_local.date(), from_date - timedelta(days=1)
        )
        klass = self._class(uow.get(ClassRepository), row.class_id)
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
            new_compiled = compile_series(new)
            _check_within_class(new, klass)
            overrides = [override_of(o) for o in sched.overrides_of(row.id)]
            if not allow_clash:
                slots = self._slots(new_compiled, overrides)
                self._refuse_clashes(sched, row.facility_id, slots, {row.id})
            self._write_spec(row, new)
            return row.id
        old, tail = split_series_at(spec, from_date)
        if change is not None:
            new_id = uuid.uuid4()
            new = replace(change(tail), series_id=new_id)
            new_compiled = compile_series(new)
            _check_within_class(new, klass)
            copied = [
                override_of(o)
                for o in sched.overrides_of(row.id)
                if o.original_date >= from_date and new_compiled.occurrence_on(o.original_date)
            ]
            if not allow_clash:
                slots = self._slots(new_compiled, copied)
                self._refuse_clashes(sched, row.facility_id, slots, {row.id})
            new_row = SessionSeries(id=new_id, facility_id=row.facility_id, class_id=row.class_id)
            self._write_spec(new_row, new)
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

    @staticmethod
    def _write_spec(row: SessionSeries, spec: SeriesSpec) -> None:
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

    @staticmethod
    def _schedule_of(
        uow: UnitOfWork, series_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, SeriesState]:
        """What the schedule says of the series now (pending changes flushed first)."""
        uow.flush()
        rows, overrides = uow.get(ScheduleRepository).as_stored(series_ids)
        by_series: dict[uuid.UUID, list[OccurrenceOverride]] = defaultdict(list)
        for ov in overrides:
            by_series[ov.event_id].append(override_of(ov))
        return {
            row.id: series_state(
                SeriesSpec(
                    dtstart_local=row.dtstart_local,
                    duration_minutes=row.duration_minutes,
                    rrule=row.recurrence_rule,
                    timezone=zone,
                    exdates=parse_exdates(row.exdates),
                    until_local=row.until_local,
                ),
                by_series.get(row.id, ()),
                removed=row.deleted_at is not None,
            )
            for row, zone in rows
        }

    @classmethod
    def _review_marks(cls, uow: UnitOfWork, before: Mapping[uuid.UUID, SeriesState]) -> None:
        """Set for review every mark of these series that the change made since ``before``
        leaves without its session (cancelled, moved to another day, dropped, removed): the
        one rule of every schedule edit (DESIGN §3 rule 5). Marks are never deleted here."""
        after = cls._schedule_of(uow, before)
        marks = uow.get(AttendanceRepository).marks(before)
        found = newly_orphaned(((m.id, m.event_id, m.date) for m in marks), before, after)
        for mark in marks:
            if mark.id in found and not mark.needs_review:
                mark.needs_review = True

    def _override_row(
        self, sched: ScheduleRepository, row: SessionSeries, original_date: date
    ) -> OccurrenceOverrideRow:
        """The override of one session, created or revived (its id is deterministic)."""
        oid = override_id(row.id, original_date)
        ov = sched.override_including_deleted(oid)
        if ov is None:
            ov = OccurrenceOverrideRow(
                id=oid,
                facility_id=row.facility_id,
                event_id=row.id,
                original_date=original_date,
                is_cancelled=False,
            )
            sched.add_override(ov)
        elif ov.deleted_at is not None:
            ov.deleted_at = None
            ov.is_cancelled = False
            ov.new_start_local = None
            ov.new_duration_minutes = None
            ov.substitute_instructor_id = None
            ov.room_id = None
            ov.reason = None
        return ov

    @staticmethod
    def _class(classes: ClassRepository, class_id: uuid.UUID) -> ProgramClass:
        klass = classes.get(class_id)
        if klass is None:
            raise NotFound("The class does not exist or was deleted.")
        return klass

    @staticmethod
    def _series(
        sched: ScheduleRepository, series_id: uuid.UUID
    ) -> tuple[SessionSeries, SeriesLine]:
        row = sched.get(series_id)
        line = sched.line(series_id) if row is not None else None
        if row is None or line is None:
            raise NotFound("The session series does not exist or was deleted.")
        return row, line

    def _series_view(self, sched: ScheduleRepository, series_id: uuid.UUID) -> SeriesView:
        line = sched.line(series_id)
        if line is None:
            raise NotFound("The session series does not exist or was deleted.")
        return _series_view(line)

    @staticmethod
    def _require_occurrence(line: SeriesLine, original_date: date) -> CompiledSeries:
        compiled = compile_series(spec_of(line))
        if compiled.occurrence_on(original_date) is None:
            raise ValidationError(
                f"{line.class_name} has no session on {original_date:%a %d %b %Y}.",
                field="original_date",
            )
        return compiled

    @staticmethod
    def _occurrence(sched: ScheduleRepository, series_id: uuid.UUID, day: date) -> OccurrenceView:
        found = sched.line_with_override(series_id, day)
        if found is None:
            raise NotFound("The session series does not exist or was deleted.")
        line, ov = found
        occ = compile_series(spec_of(line)).occurrence_on(
            day, override_of(ov) if ov is not None else None
        )
        if occ is None:
            raise NotFound(f"{line.class_name} has no session on {day:%a %d %b %Y}.")
        return occurrence_of(line, occ, ov)

    @staticmethod
    def _first_occurrence(sched: ScheduleRepository, series_id: uuid.UUID) -> OccurrenceView | None:
        line = sched.line(series_id)
        if line is None:
            return None
        start = line.dtstart_local.date()
        views = expand_lines(
            [line], sched.override_lines([series_id]), start, start + CLASH_HORIZON
        )
        return next((v for v in views if v.original_date >= start), None)

    def _slots(
        self, compiled: CompiledSeries, overrides: Sequence[OccurrenceOverride] = ()
    ) -> list[ProposedSlot]:
        """The bookings of a series from today (or its start) up to the clash horizon."""
        spec = compiled.spec
        today = self._clock.now().astimezone(compiled.tz).date()
        start = max(spec.dtstart_local.date(), today)
        end = start + CLASH_HORIZON
        if spec.until_local is not None:
            end = min(end, spec.until_local)
        if end < start:
            return []
        return [self._slot(o) for o in compiled.expand(start, end, overrides) if not o.cancelled]

    @staticmethod
    def _slot(occ: Occurrence) -> ProposedSlot:
        return ProposedSlot(occ.start_utc, occ.end_utc, occ.room_id, occ.instructor_id)

    def _refuse_clashes(
        self,
        sched: ScheduleRepository,
        facility_id: uuid.UUID,
        proposed: Sequence[ProposedSlot],
        ignore: set[uuid.UUID],
    ) -> None:
        clashes = self._clashes(sched, facility_id, proposed, ignore)
        if clashes:
            raise ClashError(_describe(clashes), tuple(clashes))

    @staticmethod
    def _clashes(
        sched: ScheduleRepository,
        facility_id: uuid.UUID,
        proposed: Sequence[ProposedSlot],
        ignore: set[uuid.UUID],
    ) -> list[Clash]:
        slots = [p for p in proposed if p.room_id is not None or p.instructor_id is not None]
        if not slots:
            return []
        rooms = {p.room_id for p in slots if p.room_id is not None}
        people = {p.instructor_id for p in slots if p.instructor_id is not None}
        # Local dates may differ from UTC ones by up to a day either way.
        lo = min(p.start_utc for p in slots).date() - timedelta(days=1)
        hi = max(p.end_utc for p in slots).date() + timedelta(days=1)
        lines, overrides = sched.window(facility_id, lo, hi)
        touched = {
            ov.event_id
            for ov in overrides
            if ov.room_id in rooms or ov.substitute_instructor_id in people
        }
        relevant = [
            line
            for line in lines
            if line.id not in ignore
            and (line.room_id in rooms or line.instructor_id in people or line.id in touched)
        ]
        booked: dict[tuple[str, uuid.UUID], list[OccurrenceView]] = defaultdict(list)
        for view in expand_lines(relevant, overrides, lo, hi):
            if view.cancelled:
                continue
            if view.room_id is not None and view.room_id in rooms:
                booked["room", view.room_id].append(view)
            if view.instructor_id is not None and view.instructor_id in people:
                booked["instructor", view.instructor_id].append(view)
        starts = {key: [v.start_utc for v in views] for key, views in booked.items()}
        clashes: list[Clash] = []
        for slot in sorted(slots, key=lambda p: p.start_utc):
            for kind, ident in (("room", slot.room_id), ("instructor", slot.instructor_id)):
                if ident is None or (kind, ident) not in booked:
                    continue
                views = booked[kind, ident]
                i = bisect_left(starts[kind, ident], slot.start_utc - _LONGEST_SESSION)
                while i < len(views) and views[i].start_utc < slot.end_utc:
                    other = views[i]
                    i += 1
                    if other.end_utc <= slot.start_utc:
                        continue
                    clashes.append(
                        Clash(
                            kind="room" if kind == "room" else "instructor",
                            other_series_id=other.series_id,
                            other_class_id=other.class_id,
                            other_class_name=other.class_name,
                            other_original_date=other.original_date,
                            start_utc=other.start_utc,
                            end_utc=other.end_utc,
                            start_local=other.start_local,
                            room_id=other.room_id,
                            room_name=other.room_name,
                            instructor_id=other.instructor_id,
                            instructor_name=other.instructor_name,
                            proposed_start_utc=slot.start_utc,
                            proposed_end_utc=slot.end_utc,
                        )
                    )
        return clashes
