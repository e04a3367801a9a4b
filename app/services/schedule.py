"""The schedule service: the calendar's reads (sessions of a window, one session, its marks, the
clashes of proposed times) over the series and occurrence edits it inherits.

Expansion lives in ``app.services.occurrences``, clash detection in ``app.services.clashes``,
whole-series edits in ``app.services.series_edits`` and one-session edits in
``app.services.occurrence_edits``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from app.domain.errors import ValidationError
from app.domain.i18n import translate
from app.domain.validation import check_range
from app.repositories.schedule import ScheduleRepository
from app.services.clashes import SlotTuple, find_clashes
from app.services.closures import closed_days_of
from app.services.disruptions import disruptions_of
from app.services.occurrence_edits import OccurrenceEdits, check_scope
from app.services.occurrences import (
    MAX_WINDOW_DAYS,
    expand_lines,
)
from app.services.schedule_dto import (
    Choice,
    Clash,
    ClashError,
    NewSeries,
    OccurrenceView,
    ProposedSlot,
    ScheduleChange,
    Scope,
    SeriesView,
)

__all__ = [
    "Choice",
    "Clash",
    "ClashError",
    "NewSeries",
    "OccurrenceView",
    "ProposedSlot",
    "ScheduleChange",
    "ScheduleService",
    "Scope",
    "SeriesView",
]


class ScheduleService(OccurrenceEdits):
    """Creates and edits session series and single occurrences; expands calendars.

    Attendance is keyed by (series, original date) and is never deleted or moved here (see
    ``SeriesEdits``): an edit sets for review the marks it leaves without their session.
    """

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
            raise ValidationError(
                translate("refusal", "A calendar window can span at most a year."), field="end"
            )
        with self._uow() as uow:
            lines, overrides = uow.get(ScheduleRepository).window(
                facility_id,
                start,
                end,
                class_id=class_id,
                instructor_id=instructor_id,
                program_id=program_id,
            )
            closed = closed_days_of(uow, {facility_id}, start, end)
            disrupted = disruptions_of(uow, {facility_id}, start, end)
        views = expand_lines(lines, overrides, start, end, closed, disrupted)
        if room_id is not None:
            views = [v for v in views if v.room_id == room_id]
        if instructor_id is not None:
            views = [v for v in views if v.instructor_id == instructor_id]
        return views

    def programs(self, facility_id: uuid.UUID) -> list[Choice]:
        """Programs with sessions at the facility, by name (the calendar's program filter)."""
        with self._uow() as uow:
            found = uow.get(ScheduleRepository).programs(facility_id)
        return [Choice(ident, name) for ident, name in found]

    def marks_held(self, series_id: uuid.UUID, original_date: date, *, scope: Scope = "one") -> int:
        """How many marks the session holds (``all_future``: it and every later one of the
        series), so a person is asked before cancelling them."""
        check_scope(scope)
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
                raise ValidationError(
                    translate("refusal", "Proposed times must be instants (with a timezone).")
                )
            check_range(slot.start_utc, slot.end_utc, what="A proposed session")
        ignore = {ignore_series_id} if ignore_series_id is not None else set()
        with self._uow() as uow:
            return find_clashes(uow.get(ScheduleRepository), facility_id, slots, ignore)
