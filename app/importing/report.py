"""What one import run did: counts per entity, row-level problems, what has no home here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Problems kept in a report (and in a run's checkpoint); beyond this only their number is kept.
MAX_PROBLEMS = 20_000

SKIPPED = "skipped"
CHANGED = "imported with a change"
REVIEW = "imported set for review"


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad source row: which, what is wrong, and what the import did about it."""

    entity: str
    source_id: str
    kind: str  # orphan, unknown value, invalid rrule, timezone, duplicate, too long, invalid, ...
    detail: str
    action: str = SKIPPED
    # Another problem of a row already reported: listed, but the row is counted once.
    same_row: bool = False

    def render(self) -> str:
        also = "; same row" if self.same_row else ""
        return f"{self.entity} {self.source_id}: {self.kind}: {self.detail} ({self.action}{also})"


@dataclass(slots=True)
class EntityCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows
    review: Counter[str] = field(default_factory=Counter)  # reason -> rows set for review

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": dict(self.skipped),
            "review": dict(self.review),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntityCounts:
        return cls(
            int(data["created"]),
            int(data["updated"]),
            int(data["unchanged"]),
            Counter({str(k): int(v) for k, v in data["skipped"].items()}),
            Counter({str(k): int(v) for k, v in data.get("review", {}).items()}),
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
    # What the source holds that no entity reads: "table" -> rows, "table.column" -> values
    # (for CSV: "file" -> rows, "file: column" -> values).
    not_read: dict[str, int] = field(default_factory=dict)
    remarks: list[str] = field(default_factory=list)  # what a reader must know of the run
    seconds: float = 0.0

    def counts(self, entity: str) -> EntityCounts:
        return self.entities.setdefault(entity, EntityCounts())

    def problem(self, problem: Problem) -> None:
        if problem.action == SKIPPED and not problem.same_row:
            self.counts(problem.entity).skipped[problem.kind] += 1
        elif problem.action == REVIEW:
            self.counts(problem.entity).review[problem.kind] += 1
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
                [p.entity, p.source_id, p.kind, p.detail, p.action, p.same_row]
                for p in self.problems
            ],
            "problems_dropped": self.problems_dropped,
            "no_home": self.no_home,
            "not_read": self.not_read,
            "remarks": self.remarks,
            "seconds": round(self.seconds, 3),
        }

    def restore(self, data: dict[str, Any]) -> None:
        """Carry on the counts and problems a cut run had committed."""
        self.entities = {k: EntityCounts.from_json(v) for k, v in data["entities"].items()}
        self.problems = [Problem(*p) for p in data["problems"]]
        self.problems_dropped = int(data["problems_dropped"])
        self.no_home = {str(k): int(v) for k, v in data["no_home"].items()}
        self.not_read = {str(k): int(v) for k, v in data.get("not_read", {}).items()}
        self.remarks = [str(r) for r in data.get("remarks", [])]

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
            for reason, n in sorted(c.review.items()):
                lines.append(f"  {'':<24} set for review {n} ({reason})")
        for remark in self.remarks:
            lines.append(f"  note: {remark}")
        if self.no_home:
            lines.append("  not imported, no home in Rollbook:")
            for table, n in sorted(self.no_home.items()):
                lines.append(f"    {table}: {n} rows")
        lines.extend(self._render_not_read())
        if self.problems or self.problems_dropped:
            total = len(self.problems) + self.problems_dropped
            lines.append(f"  {total} problem rows:")
            lines.extend(f"    {p.render()}" for p in self.problems[:max_problems])
            if total > max_problems:
                lines.append(f"    ... and {total - max_problems} more (see --report-json)")
        lines.append(f"  {self.seconds:.1f} s")
        return "\n".join(lines)

    def _render_not_read(self) -> list[str]:
        """What no entity reads, a line per table (or file): whole tables with their rows,
        columns with how many values they hold; columns without a value are only counted."""
        if not self.not_read:
            return []
        tables: dict[str, int] = {}
        columns: dict[str, list[str]] = {}
        empty = 0
        for name, n in sorted(self.not_read.items()):
            whole = name.lower().endswith(".csv") and ": " not in name
            table, sep, column = name.partition(": " if ": " in name else ".")
            if whole or not sep:
                table = name
                tables[table] = n
            elif n:
                columns.setdefault(table, []).append(f"{column} ({n})")
            else:
                empty += 1
        lines = ["  not imported, not read by this import (values):"]
        for table in sorted({*tables, *columns}):
            if table in tables:
                lines.append(f"    {table}: {tables[table]} rows, not read at all")
            if table in columns:
                lines.append(f"    {table}: {', '.join(columns[table])}")
        if empty:
            lines.append(f"    and {empty} more columns, all empty")
        return lines
