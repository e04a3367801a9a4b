"""Occurrence edits: cancel, move, re-staff or re-room one session (an override) or all future
ones (a split of the series), and undo the changes to one session."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from app.db.models import OccurrenceOverrideRow, SessionSeries
from app.domain.errors import NotAllowed, NotFound, ValidationError
from app.domain.i18n import date_text, translate
from app.domain.ids import override_id
from app.domain.recurrence import SeriesSpec
from app.domain.rrule import rule_moved_to
from app.domain.validation import clean_text
from app.repositories.classes import ClassRepository
from app.repositories.schedule import ScheduleRepository
from app.services.clashes import refuse_clashes, slot_of
from app.services.classes import check_instructor, check_room
from app.services.occurrences import (
    first_occurrence,
    occurrence_in,
    override_of,
    require_occurrence,
    series_or_missing,
)
from app.services.schedule_dto import ScheduleChange, Scope
from app.services.series_edits import SeriesEdits, review_marks, schedule_of

__all__ = ["REASON_MAX", "OccurrenceEdits", "check_scope"]

REASON_MAX = 500


def check_scope(scope: str) -> None:
    if scope not in ("one", "all_future"):
        raise ValidationError(
            translate("refusal", "Choose this session or all future sessions."), field="scope"
        )


def _override_row(
    sched: ScheduleRepository, row: SessionSeries, original_date: date
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


class OccurrenceEdits(SeriesEdits):
    """Changes sessions one at a time (an override keyed by the session's original date) or
    from one on (``scope="all_future"``: the series is split, see ``SeriesEdits``)."""

    def cancel_occurrence(
        self, series_id: uuid.UUID, original_date: date, reason: str, *, scope: Scope = "one"
    ) -> ScheduleChange:
        """Cancel one session, or end the series from that session on (``all_future``).

        Marks already taken for a cancelled session stay, flagged for review.
        """
        check_scope(scope)
        cleaned = clean_text(
            reason, field="reason", max_length=REASON_MAX, required=True, label="A reason"
        )
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            row, line = series_or_missing(sched, series_id)
            compiled = require_occurrence(line, original_date)
            before = schedule_of(uow, [series_id])
            if scope == "all_future":
                new_id = self._split(uow, row, line, compiled, original_date, None, True)
                review_marks(uow, before)
                uow.commit()
                return ScheduleChange(series_id, original_date, scope, None, new_id)
            ov = _override_row(sched, row, original_date)
            ov.is_cancelled = True
            ov.reason = cleaned
            review_marks(uow, before)
            uow.commit()
            view = occurrence_in(sched, series_id, original_date)
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
                translate("refusal", "The new start must be a local wall time of the facility."),
                field="new_start_local",
            )

        def change(part: SeriesSpec) -> SeriesSpec:
            delta = new_start_local.date() - part.dtstart_local.date()
            return replace(
                part,
                dtstart_local=new_start_local,
                duration_minutes=new_duration_minutes or part.duration_minutes,
                rrule=rule_moved_to(part.rrule, part.dtstart_local.date(), new_start_local.date()),
                exdates=tuple(day + delta for day in part.exdates),
            )

        def one(ov: OccurrenceOverrideRow) -> None:
            if ov.is_cancelled:
                raise NotAllowed(
                    translate("refusal", "This session is cancelled; restore it before moving it.")
                )
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
        return self._assign(
            series_id, original_date, reason, scope, allow_clash, instructor_id=instructor_id
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
        return self._assign(series_id, original_date, reason, scope, allow_clash, room_id=room_id)

    def _assign(
        self,
        series_id: uuid.UUID,
        original_date: date,
        reason: str | None,
        scope: Scope,
        allow_clash: bool,
        *,
        room_id: uuid.UUID | None = None,
        instructor_id: uuid.UUID | None = None,
    ) -> ScheduleChange:
        """A room or an instructor (whichever is given) for one session or all future ones."""
        cleaned = clean_text(reason, field="reason", max_length=REASON_MAX)

        def one(ov: OccurrenceOverrideRow) -> None:
            if room_id is not None:
                ov.room_id = room_id
            if instructor_id is not None:
                ov.substitute_instructor_id = instructor_id
            ov.reason = cleaned or ov.reason

        def change(part: SeriesSpec) -> SeriesSpec:
            return replace(
                part,
                room_id=room_id or part.room_id,
                instructor_id=instructor_id or part.instructor_id,
            )

        return self._edit(
            series_id,
            original_date,
            scope,
            one,
            change,
            allow_clash,
            room_id=room_id,
            instructor_id=instructor_id,
        )

    def restore_occurrence(
        self, series_id: uuid.UUID, original_date: date, *, allow_clash: bool = False
    ) -> ScheduleChange:
        """Undo every change to one session: it takes place as the series says."""
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            row, line = series_or_missing(sched, series_id)
            compiled = require_occurrence(line, original_date)
            ov = sched.override_including_deleted(override_id(series_id, original_date))
            if ov is None or ov.deleted_at is not None:
                raise NotFound(translate("refusal", "This session has no changes to undo."))
            if not allow_clash:
                occ = compiled.occurrence_on(original_date)
                assert occ is not None  # checked by require_occurrence
                refuse_clashes(sched, row.facility_id, [slot_of(occ)], {series_id})
            ov.deleted_at = self._clock.now()
            uow.commit()
            view = occurrence_in(sched, series_id, original_date)
            return ScheduleChange(series_id, original_date, "one", view)

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
        """Apply ``one`` to the session's override, or ``change`` to the series from it on."""
        check_scope(scope)
        with self._uow() as uow:
            sched = uow.get(ScheduleRepository)
            classes = uow.get(ClassRepository)
            row, line = series_or_missing(sched, series_id)
            if room_id is not None:
                check_room(classes, room_id, row.facility_id)
            if instructor_id is not None:
                check_instructor(classes, instructor_id, row.facility_id)
            compiled = require_occurrence(line, original_date)
            before = schedule_of(uow, [series_id])
            if scope == "all_future":
                new_id = self._split(uow, row, line, compiled, original_date, change, allow_clash)
                review_marks(uow, before)
                uow.commit()
                assert new_id is not None  # only cancelling returns None
                view = first_occurrence(sched, new_id)
                return ScheduleChange(series_id, original_date, scope, view, new_id)
            ov = _override_row(sched, row, original_date)
            one(ov)
            occ = compiled.occurrence_on(original_date, override_of(ov))
            if occ is None:  # the domain refused the combination; nothing is written
                raise ValidationError(
                    translate("refusal", "The series has no session on {day}.").format(
                        day=date_text(original_date, "dd MMM yyyy")
                    )
                )
            if not allow_clash and not occ.cancelled:
                refuse_clashes(sched, row.facility_id, [slot_of(occ)], {series_id})
            review_marks(uow, before)
            uow.commit()
            view = occurrence_in(sched, series_id, original_date)
            return ScheduleChange(series_id, original_date, scope, view)
