"""Demo data sizes (presets) and the summary of a run."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

DEMO_ACTOR = "demo"


Row = dict[str, Any]


Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoSize:
    """How much to generate. Override single fields with ``dataclasses.replace``.

    Facilities come from eight templates with distinct timezones (correctional facilities,
    Result Institute in Douala, a London sports academy, a dental academy, ...); past eight they
    repeat with a number. Students are shared out evenly. ``instructors_per_facility`` ``None``
    means one instructor per five classes (at least two). ``big_class`` is the roster size of
    the first class of the first facility: a full class kept whole all term, for the
    attendance-sheet benchmark.
    """

    facilities: int = 3
    students: int = 1500
    classes_per_facility: int = 20
    weeks: int = 12
    weeks_ahead: int = 4
    instructors_per_facility: int | None = None
    facility_admins_per_facility: int = 2
    big_class: int = 40

    def __post_init__(self) -> None:
        if self.facilities < 1:
            raise ValueError("at least one facility is needed")
        if self.students < self.facilities:
            raise ValueError("at least one student per facility is needed")
        if self.classes_per_facility < 1:
            raise ValueError("at least one class per facility is needed")
        if self.weeks < 1 or self.weeks_ahead < 0:
            raise ValueError("weeks must be at least 1 and weeks_ahead not negative")
        if self.instructors_per_facility is not None and self.instructors_per_facility < 1:
            raise ValueError("at least one instructor per facility is needed")
        if self.facility_admins_per_facility < 1 or self.big_class < 1:
            raise ValueError("at least one facility admin and a big class of one are needed")

    @classmethod
    def small(cls) -> DemoSize:
        """For tests: two facilities, a few classes, four weeks of history; well under 2 s."""
        return cls(facilities=2, students=120, classes_per_facility=6, weeks=4, weeks_ahead=2)

    @classmethod
    def workstation(cls) -> DemoSize:
        """The demo app's default: a few thousand students over three facilities."""
        return cls(facilities=3, students=3000, classes_per_facility=25, weeks=12)

    @classmethod
    def bench(cls) -> DemoSize:
        """DESIGN §6 scale: 100k students and 300 recurring classes in one facility."""
        return cls(facilities=1, students=100_000, classes_per_facility=300, weeks=16)

    @classmethod
    def preset(cls, name: str) -> DemoSize:
        """``small``, ``workstation`` or ``bench`` by name (CLI and ``ROLLBOOK_DEMO_SIZE``)."""
        presets = {"small": cls.small, "workstation": cls.workstation, "bench": cls.bench}
        if name not in presets:
            raise ValueError(f"unknown demo size {name!r}: use one of {', '.join(presets)}")
        return presets[name]()

    @property
    def instructors(self) -> int:
        if self.instructors_per_facility is not None:
            return self.instructors_per_facility
        return max(2, math.ceil(self.classes_per_facility / 5))


@dataclass(frozen=True)
class DemoSummary:
    """Rows written per table, and how long it took."""

    counts: Mapping[str, int]
    seconds: float

    @property
    def rows(self) -> int:
        return sum(self.counts.values())
