"""Shared pieces of the benchmarks: bench databases, timing, percentiles and a printed table.

Benchmarks print what they measure against DESIGN §6 targets and a baseline taken in the same
run; they never assert timings.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, text

from app.db.engine import make_local_engine, make_server_engine
from app.demo import DemoSize, DemoSummary, generate
from app.domain.actor import Actor
from app.repositories.uow import UnitOfWorkFactory

BENCH_ACTOR = Actor(username="bench", device_id="bench")


@dataclass(frozen=True)
class Stats:
    """Timings of repeated runs of one operation, in milliseconds."""

    samples_ms: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        return percentile(self.samples_ms, 95)

    @property
    def max(self) -> float:
        return max(self.samples_ms)

    @property
    def n(self) -> int:
        return len(self.samples_ms)


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least ``pct`` % at or below it."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil without floats
    return ordered[int(rank) - 1]


def timed(calls: Sequence[Callable[[], object]], *, warmup: int = 2) -> Stats:
    """Time every call once, after running the first ``warmup`` of them untimed."""
    for call in calls[:warmup]:
        call()
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return Stats(tuple(samples))


def repeat(call: Callable[[], object], times: int) -> list[Callable[[], object]]:
    return [call] * times


@dataclass(frozen=True)
class BenchDatabase:
    """A freshly generated bench database and how long the generation took."""

    engine_name: str
    engine: Engine
    summary: DemoSummary
    today: date

    def uow(self) -> UnitOfWorkFactory:
        return UnitOfWorkFactory(self.engine, BENCH_ACTOR)

    @property
    def rows_per_second(self) -> float:
        return self.summary.rows / self.summary.seconds


@contextmanager
def bench_database(
    engine_name: str, size: DemoSize, *, seed: int, today: date, log: Callable[[str], None]
) -> Iterator[BenchDatabase]:
    """A new SQLite file in a temporary folder, or a new PostgreSQL database.

    PostgreSQL comes from ``tests.pgserver``: a new database on the server that
    ``ROLLBOOK_TEST_DATABASE_URL`` names, or on a throwaway server otherwise. It is dropped
    (the folder deleted) afterwards.
    """
    folder: Path | None = None
    url: str | None = None
    if engine_name == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="rollbook-bench-"))
        engine = make_local_engine(folder / "bench.sqlite3")
    else:
        from tests import pgserver

        url = pgserver.create_database(prefix="rb_bench")
        engine = make_server_engine(url)
    try:
        log(f"[{engine_name}] generating {size} …")
        summary = generate(engine, size, seed=seed, today=today)
        log(
            f"[{engine_name}] {summary.rows:,} rows in {summary.seconds:.1f} s "
            f"({summary.rows / summary.seconds:,.0f} rows/s)"
        )
        yield BenchDatabase(engine_name, engine, summary, today)
    finally:
        engine.dispose()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        if url is not None:
            from tests import pgserver

            pgserver.drop_database(url)


def select_one(db: BenchDatabase) -> Callable[[], object]:
    """The baseline: one trivial round trip through a unit of work (session open, query, close)."""
    uow = db.uow()

    def call() -> object:
        with uow() as u:
            return u.session.execute(text("SELECT 1")).scalar_one()

    return call


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
