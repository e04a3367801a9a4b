"""What a write or a sync cycle changed: the one description every screen refreshes from."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

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
