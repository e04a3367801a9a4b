"""Sessions as iCalendar (RFC 5545), through the ``icalendar`` package: one VEVENT per session,
in UTC, with a stable UID so re-importing updates rather than duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import icalendar

from app.services.schedule_dto import OccurrenceView

PRODID = "-//Rollbook//Session calendar//EN"


def occurrences_to_ical(
    occurrences: Sequence[OccurrenceView], *, name: str, now: datetime
) -> bytes:
    """A calendar of the given sessions; cancelled ones are kept with STATUS:CANCELLED."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for o in occurrences:
        event = icalendar.Event()
        event.add("uid", f"{o.series_id}-{o.original_date.isoformat()}@rollbook")
        event.add("dtstamp", now)
        event.add("dtstart", o.start_utc)
        event.add("dtend", o.end_utc)
        event.add("summary", o.class_name)
        if o.room_name:
            event.add("location", o.room_name)
        details = [f"Instructor: {o.instructor_name}"] if o.instructor_name else []
        if o.reason:
            details.append(o.reason)
        if details:
            event.add("description", "\n".join(details))
        event.add("status", "CANCELLED" if o.cancelled else "CONFIRMED")
        cal.add_component(event)
    return bytes(cal.to_ical())
