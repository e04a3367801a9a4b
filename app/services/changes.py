"""What a write or a sync cycle changed: the one description every screen refreshes from."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from app.repositories.uow import Touched

T = TypeVar("T")

ATTENDANCE = "program_class_event_attendance"
SERIES = "program_class_events"
OVERRIDES = "program_class_event_overrides"
ENROLLMENTS = "program_class_enrollments"
CLASSES = "program_classes"
PEOPLE = "users"
SCHEDULE = frozenset({SERIES, OVERRIDES})
EVERYTHING = "*"  # a re-baseline, a facility switch: every screen reloads


@dataclass(frozen=True)
class Changes:
    """Tables (by their schema names) written, in which facility (None: any), which row ids.

    ``source`` says who published it ("mark", "sync", "calendar"…) so a view can skip the
    reload its own write already showed."""

    tables: frozenset[str]
    facility_id: uuid.UUID | None = None
    ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    source: str = ""
    sync_state: bool = True  # the outbox may have grown: the pending count is to be read again

    @classmethod
    def of(
        cls,
        *tables: str,
        facility_id: uuid.UUID | None = None,
        ids: Iterable[uuid.UUID] = (),
        source: str = "",
    ) -> Changes:
        return cls(frozenset(tables), facility_id, frozenset(ids), source)

    def touches(self, *tables: str, facility_id: uuid.UUID | None = None) -> bool:
        """True when any of ``tables`` changed in ``facility_id`` (or in any facility)."""
        if None not in (self.facility_id, facility_id) and self.facility_id != facility_id:
            return False
        if EVERYTHING in self.tables:
            return True
        return not self.tables.isdisjoint(tables)


@dataclass(frozen=True)
class Written(Generic[T]):
    """What a write returned, and what it changed (Anki's OpChanges): the desk publishes the
    change set to every screen, then hands the value to the screen that asked."""

    value: T
    changes: Changes | None


def changes_written(touched: Iterable[Touched], source: str) -> Changes | None:
    """The change set of the rows a write committed: their tables and ids, and their facility
    when they all have the same one (None: any facility, so no screen misses it)."""
    rows = list(touched)
    if not rows:
        return None
    facilities = {row.facility_id for row in rows}
    facility = next(iter(facilities)) if len(facilities) == 1 else None
    return Changes.of(
        *{row.table for row in rows},
        facility_id=facility,
        ids={row.row_id for row in rows if row.row_id is not None},
        source=source,
    )
