"""What one import run did: counts per entity, row-level problems, what has no home here."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Problems kept in a report (and in a run's checkpoint); beyond this only their number is kept.
MAX_PROBLEMS = 20_000

SKIPPED = "skipped"
CHANGED = "imported with a change"


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad source row: which, what is wrong, and what the import did about it."""

    entity: str
    source_id: str
    kind: str  # orphan, unknown value, invalid rrule, timezone, duplicate, too long, invalid, ...
    detail: str
    action: str = SKIPPED

    def render(self) -> str:
        return f"{self.entity} {self.source_id}: {self.kind}: {self.detail} ({self.action})"


@dataclass(slots=True)
class EntityCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": dict(self.skipped),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntityCounts:
        return cls(
            int(data["created"]),
            int(data["updated"]),
            int(data["unchanged"]),
            Counter({str(k): int(v) for k, v in data["skipped"].items()}),
        )


@dataclass(slots=True)
class RunReport:
    """The one report of a run (a resumed run carries on the counts of its first part)."""

    system: str
    source: str
    run_id: str
    dry_run: bool = False
    resumed: bool = False
    entities: dict[str, EntityCounts] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problems_dropped: int = 0
    no_home: dict[str, int] = field(default_factory=dict)  # source table -> rows not imported
    seconds: float = 0.0

    def counts(self, entity: str) -> EntityCounts:
        return self.entities.setdefault(entity, EntityCounts())

    def problem(self, problem: Problem) -> None:
        if problem.action == SKIPPED:
            self.counts(problem.entity).skipped[problem.kind] += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.problems_dropped += 1

    @property
    def changed_rows(self) -> int:
        return sum(c.created + c.updated for c in self.entities.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "source": self.source,
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "resumed": self.resumed,
            "entities": {k: v.as_json() for k, v in self.entities.items()},
            "problems": [
                [p.entity, p.source_id, p.kind, p.detail, p.action] for p in self.problems
            ],
            "problems_dropped": self.problems_dropped,
            "no_home": self.no_home,
            "seconds": round(self.seconds, 3),
        }

    def restore(self, data: dict[str, Any]) -> None:
        """Carry on the counts and problems a cut run had committed."""
        self.entities = {k: EntityCounts.from_json(v) for k, v in data["entities"].items()}
        self.problems = [Problem(*p) for p in data["problems"]]
        self.problems_dropped = int(data["problems_dropped"])
        self.no_home = {str(k): int(v) for k, v in data["no_home"].items()}

    def render(self, *, max_problems: int = 200) -> str:
        mode = " (dry run: nothing was kept)" if self.dry_run else ""
        resumed = " (resumed after a cut)" if self.resumed else ""
        lines = [f"import {self.system} from {self.source}: run {self.run_id}{mode}{resumed}"]
        lines.append(
            f"  {'entity':<24} {'created':>9} {'updated':>9} {'unchanged':>9} {'skipped':>9}"
        )
        for name, c in self.entities.items():
            lines.append(
                f"  {name:<24} {c.created:>9} {c.updated:>9} {c.unchanged:>9} {c.skipped_total:>9}"
            )
            for reason, n in sorted(c.skipped.items()):
                lines.append(f"  {'':<24} skipped {n} ({reason})")
        if self.no_home:
            lines.append("  not imported, no home in Rollbook:")
            for table, n in sorted(self.no_home.items()):
                lines.append(f"    {table}: {n} rows")
        if self.problems or self.problems_dropped:
            total = len(self.problems) + self.problems_dropped
            lines.append(f"  {total} problem rows:")
            lines.extend(f"    {p.render()}" for p in self.problems[:max_problems])
            if total > max_problems:
                lines.append(f"    ... and {total - max_problems} more (see --report-json)")
        lines.append(f"  {self.seconds:.1f} s")
        return "\n".join(lines)

    def to_json_text(self) -> str:
        return json.dumps(self.as_json(), indent=2, ensure_ascii=False)
