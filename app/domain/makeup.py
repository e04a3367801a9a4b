"""Make-up credit: which absences a make-up session makes up, for one student.

A make-up session is an occurrence of a class linked to missed occurrences of the same class
(``links``: (make-up, missed) pairs of occurrence keys). The rules:

- A make-up session is not an extra scheduled session: for every student it leaves the rate
  (``OccurrenceRecord.makeup``), so a student who missed nothing linked to it and stays away
  has no absence there. Minutes attended at it still count toward the hours.
- A student absent (excused or not) at a missed occurrence linked to a make-up session, who is
  present, late or partial at that make-up session once it has started, has the absence made up
  (``OccurrenceRecord.made_up``): it counts as attended in the rate, and the make-up session's
  minutes are credited to the hours (the missed session earned none).
- One make-up session attended makes up one absence per student: make-ups are taken in time
  order, each crediting the earliest absence linked to it not made up yet. A session linked to
  several missed sessions serves the students who missed any of them.
- Only an absence before the make-up counts; an unmarked session is not an absence made up.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from app.domain.attendance import OccurrenceRecord
from app.domain.enums import AttendanceStatus

__all__ = ["ABSENT", "credit_makeups", "makeup_for"]

ABSENT = frozenset({AttendanceStatus.ABSENT_EXCUSED, AttendanceStatus.ABSENT_UNEXCUSED})

K = TypeVar("K", bound=Hashable)


def _pairs(links: Iterable[tuple[K, K]]) -> dict[K, list[K]]:
    found: dict[K, list[K]] = {}
    for makeup, missed in links:
        if makeup != missed:
            found.setdefault(makeup, []).append(missed)
    return found


def makeup_for(
    records: Mapping[K, OccurrenceRecord], links: Iterable[tuple[K, K]], now: datetime
) -> dict[K, K]:
    """One student's absences made up: missed key -> the make-up key that made it up.

    ``records`` are the student's occurrences by key (the make-up sessions and the missed ones
    among them); a key without a record is a session the student was not on the sheet of."""
    by_makeup = _pairs(links)
    made: dict[K, K] = {}
    attended = [
        key
        for key in by_makeup
        if (rec := records.get(key)) is not None and rec.held_by(now) and rec.attended
    ]
    attended.sort(key=lambda key: records[key].start_utc)
    for makeup in attended:
        start = records[makeup].start_utc
        candidates = [
            key
            for key in by_makeup[makeup]
            if key not in made
            and (rec := records.get(key)) is not None
            and rec.status in ABSENT
            and rec.held_by(now)
            and rec.start_utc < start
        ]
        if candidates:
            made[min(candidates, key=lambda key: records[key].start_utc)] = makeup
    return made


def credit_makeups(
    records: Mapping[K, OccurrenceRecord], links: Iterable[tuple[K, K]], now: datetime
) -> dict[K, OccurrenceRecord]:
    """The student's records with the make-up rules applied: make-up sessions flagged
    ``makeup``, absences made up flagged ``made_up`` (see the module docstring)."""
    pairs = list(links)
    makeups = {makeup for makeup, missed in pairs if makeup != missed}
    made = makeup_for(records, pairs, now)
    result: dict[K, OccurrenceRecord] = {}
    for key, rec in records.items():
        if key in makeups:
            rec = replace(rec, makeup=True)
        elif key in made:
            rec = replace(rec, made_up=True)
        result[key] = rec
    return result
