"""Clash detection: which booked sessions share a room or an instructor with proposed ones, and
the refusal (``ClashError``) that names them."""

from __future__ import annotations

import uuid
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypeAlias
from zoneinfo import ZoneInfo

from app.domain.i18n import date_text, translate
from app.domain.recurrence import CompiledSeries, Occurrence, OccurrenceOverride
from app.repositories.schedule import ScheduleRepository
from app.services.occurrences import expand_lines, from_today
from app.services.schedule_dto import Clash, ClashError, OccurrenceView, ProposedSlot

__all__ = [
    "SlotTuple",
    "describe_clashes",
    "find_clashes",
    "refuse_clashes",
    "slot_of",
    "slots_from_today",
]

SlotTuple: TypeAlias = tuple[datetime, datetime, uuid.UUID | None, uuid.UUID | None]
_LONGEST_SESSION = timedelta(days=1)


def slot_of(occ: Occurrence) -> ProposedSlot:
    return ProposedSlot(occ.start_utc, occ.end_utc, occ.room_id, occ.instructor_id)


def slots_from_today(
    compiled: CompiledSeries, now: datetime, overrides: Sequence[OccurrenceOverride] = ()
) -> list[ProposedSlot]:
    """The bookings of a series from today (or its start) up to the clash horizon."""
    window = from_today(compiled, now)
    if window is None:
        return []
    return [slot_of(o) for o in compiled.expand(*window, overrides) if not o.cancelled]


def clash_told(
    clash: Clash, when: str, room_named: str, room: str, person_named: str, person: str
) -> str:
    """``clash`` in the (translated) template that fits it: of a named room, of a room, of a
    named instructor or of an instructor; ``when`` its time in words."""
    if clash.kind == "room":
        template = room_named if clash.room_name else room
    else:
        template = person_named if clash.instructor_name else person
    return template.format(
        room=clash.room_name, person=clash.instructor_name, name=clash.other_class_name, when=when
    )


def describe_clashes(clashes: Sequence[Clash]) -> str:
    first = clashes[0]
    when = f"{date_text(first.start_local.date(), 'ddd dd MMM yyyy')} {first.start_local:%H:%M}"
    message = clash_told(
        first,
        when,
        translate("refusal", "{room} is already booked for {name} on {when}."),
        translate("refusal", "The room is already booked for {name} on {when}."),
        translate("refusal", "{person} is already teaching {name} on {when}."),
        translate("refusal", "The instructor is already teaching {name} on {when}."),
    )
    more = len(clashes) - 1
    if more == 1:
        return translate("refusal", "{message} (1 more clash)").format(message=message)
    if more > 1:
        return translate("refusal", "{message} ({count} more clashes)").format(
            message=message, count=more
        )
    return message


def refuse_clashes(
    sched: ScheduleRepository,
    facility_id: uuid.UUID,
    proposed: Sequence[ProposedSlot],
    ignore: set[uuid.UUID],
) -> None:
    """``ClashError`` naming the first clash, when any of ``proposed`` clashes."""
    clashes = find_clashes(sched, facility_id, proposed, ignore)
    if clashes:
        raise ClashError(describe_clashes(clashes), tuple(clashes))


def find_clashes(
    sched: ScheduleRepository,
    facility_id: uuid.UUID,
    proposed: Sequence[ProposedSlot],
    ignore: set[uuid.UUID],
) -> list[Clash]:
    """Booked sessions (of series not in ``ignore``) overlapping a proposed slot in its room or
    with its instructor, substitutes and room changes included; one window query."""
    slots = [p for p in proposed if p.room_id is not None or p.instructor_id is not None]
    if not slots:
        return []
    rooms = {p.room_id for p in slots if p.room_id is not None}
    people = {p.instructor_id for p in slots if p.instructor_id is not None}
    # Local dates may differ from UTC ones by up to a day either way.
    lo = min(p.start_utc for p in slots).date() - timedelta(days=1)
    hi = max(p.end_utc for p in slots).date() + timedelta(days=1)
    lines, overrides = sched.window(facility_id, lo, hi)
    closed = sched.closed_days(facility_id, lo, hi)
    shut = closed.get(facility_id, {})
    if shut and lines:  # no session is held on a closed day: nothing to clash with then
        tz = ZoneInfo(lines[0].timezone)
        slots = [p for p in slots if p.start_utc.astimezone(tz).date() not in shut]
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
    for view in expand_lines(relevant, overrides, lo, hi, closed):
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
