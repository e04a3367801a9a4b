"""Sync benchmarks of DESIGN §6: one workstation syncing a facility slice with a real PostgreSQL.

    .venv/bin/python -m bench.bench_sync [--attendance 200000] [--changelog 2000000]
                                         [--login both|staff|superuser] [--budget 60]
                                         [--repeat 3] [--profile]

Builds a server database with ``app.demo.generate``, a facility-admin login and a change log of
``--changelog`` rows, then drives the real ``SyncEngine`` over a real SQLite cache exactly as a
workstation does. Measures the initial pull, the push of 1,000 and 10,000 outbox rows, a cycle
with nothing to do, one attendance mark saved while a sync runs, an incremental pull of 5,000
changes and the wire size per attendance row; each next to its DESIGN target and as a ratio to
baselines measured in the same run (raw ``COPY … TO STDOUT``, raw SQLite bulk loads, a raw
batched upsert, ``SELECT 1``).

Everything runs twice: as the superuser (row-level security bypassed: the engine's own cost) and
as the staff login (row-level security applies: what a workstation gets). Steps that would take
longer than ``--budget`` seconds as the staff login are stopped through the engine's ``cancel``
hook, and say so. Never fails on a timing.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import os
import pstats
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Engine, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url

from app.db import migrate, server_admin
from app.db.engine import make_local_engine, make_server_engine
from app.db.models import AttendanceRecord, Enrollment, Facility, SessionSeries
from app.demo import DemoSize, generate
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, EnrollmentStatus, Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.sync.engine import Cancelled, SyncConfig, SyncEngine, SyncReport
from app.sync.local import LocalStore
from app.sync.server import ServerStore
from app.sync.tables import facility_column, synced_tables, table_named
from app.sync.worker import WORKER_APPLY_ROWS, CycleJob, SyncWorker
from bench.common import Stats, percentile, print_table, repeat, timed

ATTENDANCE = AttendanceRecord.__tablename__
PASSWORD = "bench-sync-password-0"  # checked only where the server checks passwords
# DESIGN §6 scale, ``DemoSize.bench()``: 100k students and 300 recurring classes in a facility
# over 16 weeks give about 200k attendance rows. ``--attendance`` scales students and classes.
DESIGN_ATTENDANCE = 200_000
OTHER_FACILITIES = 9  # filler change-log rows belong to this many other (absent) facilities
OTHER_PER_SLICE_CHANGE = 9  # other facilities' changes logged with each new slice change
FILLER_CHUNK = 250_000  # filler rows per server transaction (each gets its own txid)
# Between two marks while a sync runs: ~30 marks a second, far faster than a person, yet slow
# enough that a cycle pushing the marks made meanwhile can drain the outbox and finish.
MARK_PAUSE_S = 0.02
BUSY_CYCLES_MAX = 20  # cycles run at the most to time --busy-marks marks under each load
WIRE_PAGES = 20  # initial-pull pages of attendance read through the byte counter
SUPERUSER, STAFF = "superuser", "staff"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- results -------------------------------------------------------------------------------------


@dataclass
class Row:
    """One printed line: a figure, its target, and its ratio to a baseline of the same run."""

    login: str
    figure: str
    measured: str
    target: str = ""
    verdict: str = ""
    ratio: str = ""
    note: str = ""

    def cells(self) -> list[str]:
        return [
            self.login,
            self.figure,
            self.measured,
            self.target,
            self.verdict,
            self.ratio,
            self.note,
        ]


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    profiles: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    figures: dict[str, dict[str, float]] = field(default_factory=dict)  # --json, by login

    def put(self, login: str, **figures: float) -> None:
        self.figures.setdefault(login, {}).update(
            {k: round(float(v), 3) for k, v in figures.items()}
        )

    def add(self, row: Row) -> None:
        self.rows.append(row)
        _log(f"  [{row.login}] {row.figure}: {row.measured}  {row.note}")


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER"


def _ms(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 10:
        return f"{seconds:,.1f} s"
    return f"{seconds * 1000:,.0f} ms" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


def _rate(rows: int, seconds: float) -> float:
    return rows / seconds if seconds > 0 else math.inf


def _x(value: float) -> str:
    return f"{value:.2f}×" if value < 10 else f"{value:,.0f}×"


# -- the server -----------------------------------------------------------------------------------


@dataclass
class BenchServer:
    """A generated, initialised bench database and one facility-admin login on it."""

    url: str  # superuser
    facility_id: uuid.UUID
    login: str
    login_url: str
    counts: dict[str, int]
    generation_s: float

    def admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(_libpq(self.url))

    def url_of(self, login: str) -> str:
        return self.url if login == SUPERUSER else self.login_url


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _size(attendance: int, facilities: int) -> DemoSize:
    """``DemoSize.bench()`` with students and classes per facility scaled by
    ``attendance / 200,000``: each facility then holds about ``attendance`` attendance rows (the
    printed counts are the real ones)."""
    bench = DemoSize.bench()
    scale = attendance / DESIGN_ATTENDANCE
    return replace(
        bench,
        facilities=facilities,
        students=max(1_000, round(bench.students * scale)) * facilities,
        classes_per_facility=max(1, round(bench.classes_per_facility * scale)),
    )


@contextmanager
def bench_server(size: DemoSize, *, seed: int, today: date) -> Iterator[BenchServer]:
    """A new database on the test server, generated, initialised, with a staff login; the
    database and the login (a cluster-wide role) are dropped afterwards."""
    from tests import pgserver

    url = pgserver.create_database(prefix="rb_bench_sync")
    login = f"bench_sync_{uuid.uuid4().hex[:10]}"
    created = False
    try:
        engine = make_server_engine(url)
        try:
            _log(f"[server] generating {size} …")
            summary = generate(engine, size, seed=seed, today=today)
            with engine.connect() as conn:
                facility_id = conn.execute(
                    select(Facility.id).order_by(Facility.created_at, Facility.name).limit(1)
                ).scalar_one()
        finally:
            engine.dispose()
        _log(f"[server] {summary.rows:,} rows in {summary.seconds:.1f} s; init_server …")
        server_admin.init_server(url)
        server_admin.create_staff(
            url,
            username=login,
            password=PASSWORD,
            role=Role.FACILITY_ADMIN,
            facility_id=facility_id,
            name_first="Bench",
            name_last="Sync",
        )
        created = True
        login_url = make_url(url).set(username=login, password=PASSWORD).render_as_string(False)
        yield BenchServer(url, facility_id, login, login_url, dict(summary.counts), summary.seconds)
    finally:
        pgserver.drop_database(url)
        if created:
            with psycopg.connect(pgserver.server_url(), autocommit=True) as admin:
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))


# -- the change log -------------------------------------------------------------------------------


@dataclass
class History:
    real: int = 0  # logged by the trigger, from real UPDATEs of the slice's attendance
    filler: int = 0  # inserted directly, rows of other (absent) facilities
    seconds: float = 0.0


_FILLER = (  # parameters: the other facilities' ids, how many rows
    "INSERT INTO sync_changes (table_name, row_id, facility_id, op)"
    " SELECT 'program_class_event_attendance', gen_random_uuid(),"
    " f.ids[1 + i %% cardinality(f.ids)], 'U'"
    " FROM (SELECT %s::uuid[] AS ids) AS f, generate_series(1, %s) AS i"
)


def build_history(server: BenchServer, rows: int, other: Sequence[uuid.UUID]) -> History:
    """Fill the change log with ``rows`` rows before any workstation syncs.

    First a real history: attendance rows of the slice updated once by plain SQL as the
    superuser (without ``session_replication_role``, so the change-log trigger fires), at most
    ``rows`` of them. The rest is filler inserted straight into ``sync_changes``: changes of
    other facilities, which the slice's pull must skip, in transactions of ``FILLER_CHUNK``."""
    history = History()
    started = time.perf_counter()
    with server.admin() as conn:
        cur = conn.execute(
            "UPDATE program_class_event_attendance SET updated_at = updated_at"
            " WHERE id IN (SELECT id FROM program_class_event_attendance"
            " WHERE facility_id = %s LIMIT %s)",
            (server.facility_id, rows),
        )
        history.real = cur.rowcount
        conn.commit()
        left = rows - history.real
        while left > 0:
            n = min(FILLER_CHUNK, left)
            conn.execute(_FILLER, (list(other), n))
            conn.commit()
            history.filler += n
            left -= n
        conn.autocommit = True
        # Every table, not only the two written here: the generated tables were just loaded,
        # and autovacuum would otherwise vacuum and analyse them during the first timed pull.
        conn.execute("VACUUM (ANALYZE)")
    history.seconds = time.perf_counter() - started
    return history


def log_size(server: BenchServer) -> int:
    with server.admin() as conn:
        row = conn.execute("SELECT count(*) FROM sync_changes").fetchone()
    assert row is not None
    return int(row[0])


def server_changes(
    server: BenchServer,
    ids: Sequence[uuid.UUID],
    *,
    per_transaction: int,
    other: Sequence[uuid.UUID] = (),
    tag: str,
) -> None:
    """Change slice attendance rows on the server as another workstation's push would (a new
    note, the row version bumped), ``per_transaction`` rows per transaction; with ``other``,
    each transaction also logs ``OTHER_PER_SLICE_CHANGE`` other-facility changes per row."""
    with server.admin() as conn:
        for start in range(0, len(ids), per_transaction):
            chunk = list(ids[start : start + per_transaction])
            conn.execute(
                "UPDATE program_class_event_attendance SET note = %s || ' ' || row_version,"
                " row_version = row_version + 1, updated_at = now(), updated_by = 'bench'"
                " WHERE id = ANY(%s)",
                (tag, chunk),
            )
            if other:
                conn.execute(_FILLER, (list(other), len(chunk) * OTHER_PER_SLICE_CHANGE))
            conn.commit()


def slice_attendance_ids(server: BenchServer, offset: int, limit: int) -> list[uuid.UUID]:
    with server.admin() as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT id FROM program_class_event_attendance WHERE facility_id = %s"
                " ORDER BY id OFFSET %s LIMIT %s",
                (server.facility_id, offset, limit),
            )
        ]


# -- the workstation ------------------------------------------------------------------------------


class Phases:
    """Wall time spent in each step of a cycle, by wrapping the engine's own methods."""

    STEPS = ("handshake", "_push", "initial_pull", "_pull")

    def __init__(self, sync: SyncEngine) -> None:
        self.seconds: dict[str, float] = {}
        for name in self.STEPS:
            owner: object = sync.server if name == "handshake" else sync
            self._wrap(owner, name)

    def _wrap(self, owner: object, name: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

        setattr(owner, name, wrapped)

    def take(self) -> dict[str, float]:
        taken, self.seconds = self.seconds, {}
        return taken


class Tracker:
    """The engine's progress callback: rows copied and time spent per table, changes pulled;
    and its cancel callback: true once the deadline set by the bench has passed."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self.reset()

    def reset(self) -> None:
        self.copied: dict[str, int] = {}
        self.pages: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self.pulled = 0
        self.pushed = 0
        self._last = time.perf_counter()

    def progress(self, stage: str, done: int, _total: int) -> None:
        now = time.perf_counter()
        if stage.startswith("copy "):
            name = stage.removeprefix("copy ")
            self.copied[name] = done
            self.pages[name] = self.pages.get(name, 0) + 1
            self.seconds[name] = self.seconds.get(name, 0.0) + now - self._last
        elif stage == "pull":
            self.pulled = done
        elif stage == "push":
            self.pushed = done
        self._last = now

    def cancel(self) -> bool:
        return self.deadline is not None and time.perf_counter() > self.deadline

    @contextmanager
    def budget(self, seconds: float | None) -> Iterator[None]:
        self.reset()
        self.deadline = None if seconds is None else time.perf_counter() + seconds
        try:
            yield
        finally:
            self.deadline = None


@dataclass
class Station:
    """One workstation: a cache file, a login's engine and a sync engine, as in the app."""

    login: str
    path: Path
    cache: Engine
    remote: Engine
    local: LocalStore
    sync: SyncEngine
    phases: Phases
    tracker: Tracker
    actor: str

    def cycle(self) -> SyncReport:
        return self.sync.cycle()

    def outbox(self) -> int:
        return self.local.outbox_count()[0]

    def close(self) -> None:
        self.cache.dispose()
        self.remote.dispose()


def make_station(
    server: BenchServer, login: str, path: Path, config: SyncConfig, *, fresh: bool = True
) -> Station:
    """Exactly how ``tests/sync/conftest.py`` and the app build a workstation. With
    ``fresh=False`` the cache file at ``path`` already holds a slice (see ``clone_station``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cache = make_local_engine(path)
    if fresh:
        migrate.upgrade(cache)
    remote = make_server_engine(server.url_of(login))
    local = LocalStore(cache)
    tracker = Tracker()
    sync = SyncEngine(
        local,
        ServerStore(remote),
        device_id=f"bench-{uuid.uuid4().hex[:8]}",
        facilities=frozenset({server.facility_id}),
        client_revision=migrate.head_revision(),
        known_revisions=migrate.known_revisions(),
        config=config,
        progress=tracker.progress,
        cancel=tracker.cancel,
    )
    actor = server.login if login == STAFF else "postgres"
    return Station(login, path, cache, remote, local, sync, Phases(sync), tracker, actor)


def clone_station(
    source: Station, server: BenchServer, login: str, path: Path, config: SyncConfig
) -> Station:
    """A workstation whose cache starts as a copy of ``source``'s synced slice (the same rows:
    the slice is chosen by facility), registered as a new device of ``login``."""
    with source.cache.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert source.outbox() == 0
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source.path, path)
    engine = make_local_engine(path)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_state WHERE key IN ('device_id', 'acked_seq')"))
        conn.execute(text("UPDATE sync_state SET value = '0' WHERE key = 'last_issue_id'"))
    engine.dispose()
    return make_station(server, login, path, config, fresh=False)


@contextmanager
def profiled(enabled: bool, title: str, report: Report, top: int = 16) -> Iterator[None]:
    """cProfile around the block when ``--profile`` is on (timings then include its overhead)."""
    if not enabled:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("tottime").print_stats(top)
        out.write("Rollbook's own functions by cumulative time:\n")
        stats.sort_stats("cumulative").print_stats(r"/app/", top)
        report.profiles.append((title, out.getvalue()))


# -- baselines ------------------------------------------------------------------------------------


@dataclass
class CopyResult:
    rows: int
    seconds: float
    per_table: dict[str, int]
    table_seconds: dict[str, float]
    attendance_bytes: int
    attendance_zlib: int


def raw_copy(server: BenchServer, login: str, tables: Sequence[str]) -> CopyResult:
    """``COPY (SELECT * FROM t WHERE <slice>) TO STDOUT`` of every synced table as ``login``
    (row-level security applies as for the engine), text format, read block by block and not
    parsed: rows are counted by their terminating newlines."""
    per_table: dict[str, int] = {}
    table_seconds: dict[str, float] = {}
    att = bytearray()
    with psycopg.connect(_libpq(server.url_of(login))) as conn:
        conn.execute("SELECT 1")
        started = time.perf_counter()
        for name in tables:
            column = facility_column(table_named(name))
            query = sql.SQL("SELECT * FROM {}").format(sql.Identifier(name))
            if column is not None:
                query = sql.SQL("{} WHERE {} = {}").format(
                    query, sql.Identifier(column), sql.Literal(server.facility_id)
                )
            statement = sql.SQL("COPY ({}) TO STDOUT").format(query)
            rows = 0
            table_started = time.perf_counter()
            with conn.cursor() as cur, cur.copy(statement) as copy:
                for block in copy:
                    rows += bytes(block).count(b"\n")
                    if name == ATTENDANCE:
                        att += block
            per_table[name] = rows
            table_seconds[name] = time.perf_counter() - table_started
        seconds = time.perf_counter() - started
    return CopyResult(
        sum(per_table.values()),
        seconds,
        per_table,
        table_seconds,
        len(att),
        len(zlib.compress(bytes(att), 6)),
    )


@dataclass
class LoadResult:
    label: str
    rows: int
    seconds: float


def sqlite_loads(station: Station, tables: Sequence[str], folder: Path) -> list[LoadResult]:
    """The pulled rows, as the cache stores them, loaded with the driver's ``executemany`` into a
    fresh cache file (same SQLCipher build, WAL, ``synchronous=FULL``), one transaction per
    table, foreign keys off as during a pull: into bare tables (no key, no index); into bare tables
    with the cache's key and indexes built after the load (the issue's "bare SQLite load, the
    whole slice, indexes built after": the baseline the pull is held to); and into the cache's
    own tables with every index in place (what the engine writes into)."""
    data: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    ddl: dict[str, tuple[str, list[str]]] = {}
    keys: dict[str, list[str]] = {}
    raw = station.cache.raw_connection()
    try:
        cur = raw.cursor()
        for name in tables:
            cur.execute(f'SELECT * FROM "{name}"')  # noqa: S608 (names from the metadata)
            columns = [d[0] for d in cur.description]
            data[name] = (columns, [tuple(r) for r in cur.fetchall()])
            cur.execute(
                "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
                " AND type IN ('table', 'index') ORDER BY type = 'index'",
                (name,),
            )
            found = cur.fetchall()
            ddl[name] = (found[0][1], [s for t, s in found if t == "index"])
            cur.execute(f'PRAGMA table_info("{name}")')
            key = [r[1] for r in sorted(cur.fetchall(), key=lambda r: r[5]) if r[5]]
            keys[name] = key
        cur.close()
    finally:
        raw.close()
    rows = sum(len(r) for _, r in data.values())
    results = []
    modes = (
        ("bare tables, no index", "bare"),
        ("bare tables, key and indexes built after", "after"),
        ("cache tables, indexes", "inline"),
    )
    for label, mode in modes:
        target = folder / f"load-{mode}.sqlite3"
        for file in folder.glob(target.name + "*"):  # an earlier run's (``--repeat``)
            file.unlink()
        engine = make_local_engine(target)
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("PRAGMA foreign_keys=OFF")
            for name in tables:
                columns, _ = data[name]
                if mode in ("bare", "after"):
                    quoted = ", ".join(f'"{c}"' for c in columns)
                    cur.execute(f'CREATE TABLE "{name}" ({quoted})')
                else:
                    cur.execute(ddl[name][0])
                    for statement in ddl[name][1]:
                        cur.execute(statement)
            raw.commit()
            started = time.perf_counter()
            for name in tables:
                columns, values = data[name]
                marks = ", ".join("?" * len(columns))
                cur.executemany(f'INSERT INTO "{name}" VALUES ({marks})', values)  # noqa: S608
                raw.commit()
            if mode == "after":
                for name in tables:
                    quoted_key = ", ".join(f'"{c}"' for c in keys[name])
                    cur.execute(f'CREATE UNIQUE INDEX "{name}_key" ON "{name}" ({quoted_key})')
                    for statement in ddl[name][1]:
                        cur.execute(statement)
                raw.commit()
            results.append(LoadResult(label, rows, time.perf_counter() - started))
            cur.close()
        finally:
            raw.close()
            engine.dispose()
    return results


def _median_loads(runs: list[list[LoadResult]]) -> list[LoadResult]:
    """Each load's median time over repeated runs (``--repeat``; the same rows each time)."""
    return [
        LoadResult(first.label, first.rows, statistics.median(r[i].seconds for r in runs))
        for i, first in enumerate(runs[0])
    ]


def vacuum(server: BenchServer, table: str) -> None:
    """``VACUUM (ANALYZE)`` of ``table``, untimed: every timed write starts from a table without
    the dead rows of the writes timed before it (tens of thousands of updated attendance rows by
    the time the staff login measures), as autovacuum keeps a live server's tables, so the two
    logins and the baseline meet the same table."""
    with psycopg.connect(_libpq(server.url), autocommit=True) as conn:
        conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))


def raw_upsert(server: BenchServer, station: Station, ids: Sequence[uuid.UUID]) -> float:
    """The same rows as a push, upserted in one transaction through SQLAlchemy Core
    (``INSERT … ON CONFLICT (id) DO UPDATE``, batched by the driver) as the station's login."""
    table = table_named(ATTENDANCE)
    with station.cache.connect() as conn:
        rows = [
            dict(r) for r in conn.execute(select(table).where(table.c.id.in_(list(ids)))).mappings()
        ]
    statement = pg_insert(table)
    keep = ("id", "row_version", "created_at", "created_by")
    statement = statement.on_conflict_do_update(
        index_elements=["id"],
        set_={c.name: statement.excluded[c.name] for c in table.c if c.name not in keep},
    )
    engine = make_server_engine(server.url_of(station.login))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            conn.commit()
            started = time.perf_counter()
            with conn.begin():
                conn.execute(statement, rows)
            return time.perf_counter() - started
    finally:
        engine.dispose()


# -- wire size ------------------------------------------------------------------------------------


class WireCounter:
    """A TCP relay on 127.0.0.1 in front of the server that counts the bytes each way.

    The server → client stream is also compressed with zlib as a compressing transport would
    (a ``Z_SYNC_FLUSH`` after every read, so nothing waits for more data) and, for comparison,
    as one stream flushed only at the end (the best any stream compressor could do)."""

    def __init__(self, server_url: str) -> None:
        url = make_url(server_url)
        query_host = url.query.get("host")
        host = (query_host[0] if isinstance(query_host, tuple) else query_host) or url.host
        host = host or "localhost"
        port = url.port or 5432
        self._target: str | tuple[str, int] = (
            os.path.join(host, f".s.PGSQL.{port}") if host.startswith("/") else (host, port)
        )
        self.down = self.up = self.down_flushed = self.down_stream = 0
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, login_url: str) -> str:
        return (
            make_url(login_url)
            .difference_update_query(["host"])
            .update_query_dict({"sslmode": "disable"})
            .set(host="127.0.0.1", port=self.port)
            .render_as_string(hide_password=False)
        )

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            family = socket.AF_UNIX if isinstance(self._target, str) else socket.AF_INET
            upstream = socket.socket(family, socket.SOCK_STREAM)
            upstream.connect(self._target)
            for src, dst, down in ((client, upstream, False), (upstream, client, True)):
                thread = threading.Thread(target=self._pump, args=(src, dst, down), daemon=True)
                thread.start()
                self._threads.append(thread)

    def _pump(self, src: socket.socket, dst: socket.socket, down: bool) -> None:
        flushed, stream = zlib.compressobj(6), zlib.compressobj(6)
        while True:
            try:
                data = src.recv(1 << 16)
            except OSError:
                data = b""
            if not data:
                break
            with self._lock:
                if down:
                    self.down += len(data)
                    self.down_flushed += len(flushed.compress(data))
                    self.down_flushed += len(flushed.flush(zlib.Z_SYNC_FLUSH))
                    self.down_stream += len(stream.compress(data))
                else:
                    self.up += len(data)
            try:
                dst.sendall(data)
            except OSError:
                break
        if down:
            with self._lock:
                self.down_stream += len(stream.flush())
        for sock in (dst, src):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        for thread in self._threads:
            thread.join(timeout=10)
        self._listener.close()


@dataclass
class Wire:
    label: str
    rows: int
    down: int
    up: int
    down_flushed: int
    down_stream: int


def wire_size(server: BenchServer, station: Station, config: SyncConfig) -> list[Wire]:
    """Bytes on the wire for attendance rows of the slice, read by the engine's own code over a
    fresh connection through a ``WireCounter``: the initial pull's pages (``ServerStore.page``,
    the first ``WIRE_PAGES`` pages of the attendance slice, rows discarded), and a real cycle
    of the workstation pulling 5,000 attendance rows changed on the server (handshake,
    change-log reads, rows)."""
    facilities = frozenset({server.facility_id})
    results = []
    for label in ("initial pull", "incremental pull"):
        rows = 0
        if label == "incremental pull":
            ids = slice_attendance_ids(server, 0, 5_000)
            server_changes(server, ids, per_transaction=100, tag="wire")
        counter = WireCounter(server.url)
        engine = make_server_engine(counter.url(server.url_of(station.login)))
        store = ServerStore(engine)
        try:
            if label == "initial pull":
                after = None
                for _ in range(WIRE_PAGES):
                    page = store.page(ATTENDANCE, after, facilities, config.page_size)
                    if not page:
                        break
                    rows += len(page)
                    after = uuid.UUID(hex=max(r[0] for r in page))  # rows by natural key
            else:
                own, station.sync.server = station.sync.server, store
                try:
                    rows = station.sync.cycle().applied.upserted.get(ATTENDANCE, 0)
                finally:
                    station.sync.server = own
        finally:
            engine.dispose()
            counter.finish()
        results.append(
            Wire(label, rows, counter.down, counter.up, counter.down_flushed, counter.down_stream)
        )
    return results


# -- attendance marks -------------------------------------------------------------------------


@dataclass
class Marking:
    """Marks of the demo's 40-student class, cycling through students, dates and statuses."""

    service: AttendanceService
    series_id: uuid.UUID
    dates: list[date]
    students: list[uuid.UUID]
    count: int = 0
    failures: list[str] = field(default_factory=list)

    def one(self) -> float:
        """Save one mark; its wall time in ms (a failure is recorded and timed too)."""
        i = self.count
        self.count += 1
        day = self.dates[(i // len(self.students)) % len(self.dates)]
        student = self.students[i % len(self.students)]
        status = (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT_EXCUSED)[
            (i // (len(self.students) * len(self.dates))) % 2
        ]
        started = time.perf_counter()
        try:
            self.service.mark(self.series_id, day, student, status)
        except Exception as err:  # a refused or locked save is what a person would see
            self.failures.append(f"{type(err).__name__}: {str(err).splitlines()[0]}")
        return (time.perf_counter() - started) * 1000

    def paced(self) -> float:
        """One mark, then the pause a mark is followed by while a cycle runs: idle and busy
        marks are timed alike. Back to back, a mark ran on warm processor caches and took
        about 1 ms less than one after a pause, sync or no sync (measured: 3.3-3.5 ms median
        back to back, 4.4-5.5 ms with a 20 ms pause, the machine otherwise idle)."""
        took = self.one()
        time.sleep(MARK_PAUSE_S)
        return took


def marking(station: Station, size: DemoSize, today: date) -> Marking:
    """The sheet of the demo's always-present ``big_class`` (40 students), its last 6 dates."""
    with station.cache.connect() as conn:
        counts = (
            select(Enrollment.class_id, func.count().label("n"))
            .where(Enrollment.enrollment_status == EnrollmentStatus.ENROLLED)
            .group_by(Enrollment.class_id)
            .subquery()
        )
        series_id = conn.execute(
            select(SessionSeries.id)
            .join(counts, counts.c.class_id == SessionSeries.class_id)
            .where(counts.c.n == size.big_class, SessionSeries.recurrence_rule.is_not(None))
            .order_by(SessionSeries.id)
            .limit(1)
        ).scalar_one()
        dates = list(
            conn.scalars(
                select(AttendanceRecord.date)
                .where(AttendanceRecord.event_id == series_id)
                .group_by(AttendanceRecord.date)
                .order_by(AttendanceRecord.date.desc())
                .limit(6)
            )
        )
        students = list(
            conn.scalars(
                select(AttendanceRecord.user_id)
                .where(AttendanceRecord.event_id == series_id, AttendanceRecord.date == dates[0])
                .order_by(AttendanceRecord.user_id)
            )
        )
    actor = Actor(station.actor, Role.FACILITY_ADMIN, device_id=station.sync.device_id)
    clock = FixedClock(datetime.combine(today, dtime(12, 0), tzinfo=UTC))
    service = AttendanceService(UnitOfWorkFactory(station.cache, actor), clock)
    return Marking(service, series_id, dates, students)


def marks_while(
    marks: Marking, background: Callable[[], object]
) -> tuple[Stats, float, BaseException | None]:
    """Marks saved one after another (a short pause between two) for as long as
    ``background`` runs. It is called on a thread of this process, as the desk's scheduler
    calls its worker: the cycle itself runs in the sync worker process (``worker_cycle``), and
    the thread only waits for its answer."""
    error: list[BaseException] = []
    done = threading.Event()
    took: list[float] = []

    def run() -> None:
        started = time.perf_counter()
        try:
            background()
        except BaseException as err:  # reported, not raised: the marks are the measure
            error.append(err)
        finally:
            took.append(time.perf_counter() - started)
            done.set()

    samples: list[float] = []
    thread = threading.Thread(target=run, name="sync")
    thread.start()
    while not done.is_set():
        samples.append(marks.paced())
    thread.join()
    return Stats(tuple(samples)), took[0], error[0] if error else None


@dataclass(frozen=True)
class BusyMarks:
    """Marks timed while cycles ran: their times, each cycle's wall time, the first failure."""

    stats: Stats
    took: tuple[float, ...]
    error: BaseException | None


def marks_while_busy(
    marks: Marking,
    cycle: Callable[[], object],
    prepare: Callable[[int], None],
    wanted: int,
) -> BusyMarks:
    """Marks saved while cycles run, one cycle after another (each after ``prepare`` gave it
    its work) until ``wanted`` marks are timed, so that the p99 is one of a sample as large as
    the idle marks' and not the slowest of the few dozen one cycle leaves time for."""
    samples: list[float] = []
    took: list[float] = []
    error: BaseException | None = None
    while len(samples) < wanted and len(took) < BUSY_CYCLES_MAX:
        prepare(len(took))
        stats, seconds, failed = marks_while(marks, cycle)
        samples += stats.samples_ms
        took.append(seconds)
        error = error or failed
        if failed is not None:
            break
    return BusyMarks(Stats(tuple(samples)), tuple(took), error)


def worker_cycle(ctx: Context, station: Station, worker: SyncWorker) -> Callable[[], SyncReport]:
    """One cycle of ``station`` in the sync worker process, exactly as the desk runs it
    (``app.sync.worker``: its own cache and server engines, the workstation's server engine,
    the worker's short local transactions)."""
    job = CycleJob(
        cache_path=str(station.path),
        server_url=ctx.server.url_of(station.login),
        device_id=station.sync.device_id,
        facilities=station.sync.facilities,
        client_revision=migrate.head_revision(),
        known_revisions=migrate.known_revisions(),
        config=replace(ctx.config, apply_rows=WORKER_APPLY_ROWS),
    )
    return lambda: worker.cycle(job)


# -- local edits ----------------------------------------------------------------------------------


def local_edits(station: Station, count: int, offset: int, tag: str) -> list[uuid.UUID]:
    """Edit ``count`` attendance rows of the cache with plain SQL; the triggers queue them."""
    with station.cache.begin() as conn:
        ids = list(
            conn.execute(
                text(
                    "SELECT id FROM program_class_event_attendance ORDER BY id LIMIT :n OFFSET :o"
                ),
                {"n": count, "o": offset},
            ).scalars()
        )
        conn.execute(
            text(
                "UPDATE program_class_event_attendance SET note = :note, updated_at = :now"
                " WHERE id IN (SELECT id FROM program_class_event_attendance ORDER BY id"
                " LIMIT :n OFFSET :o)"
            ),
            {
                "note": tag,
                "now": datetime.now(UTC).replace(tzinfo=None).isoformat(" "),
                "n": count,
                "o": offset,
            },
        )
    return [uuid.UUID(hex=str(i)) for i in ids]


# -- the measures -------------------------------------------------------------------------------


@dataclass
class Context:
    server: BenchServer
    args: argparse.Namespace
    config: SyncConfig
    size: DemoSize
    work: Path
    other: list[uuid.UUID]
    out: Report
    copies: dict[str, CopyResult] = field(default_factory=dict)  # raw COPY, by login
    initial: dict[str, tuple[float, int]] = field(default_factory=dict)  # (s, rows), by login
    loads_done: bool = False
    bare_rate: float | None = None  # the bare SQLite load of the run, rows/s (both logins)
    offset: int = 0  # next cache rows (by id) to edit for a push

    def next_rows(self, count: int, slice_rows: int) -> int:
        start = self.offset if self.offset + count <= slice_rows else 0
        self.offset = start + count
        return start


def _applied(report: SyncReport) -> int:
    return sum(report.applied.upserted.values())


def _phase_note(phases: dict[str, float]) -> str:
    names = {"handshake": "handshake", "_push": "push", "initial_pull": "copy", "_pull": "pull"}
    return ", ".join(f"{names[k]} {_ms(v)}" for k, v in phases.items() if v >= 0.0005)


def measure_initial_pull(ctx: Context, station: Station, budget: float | None) -> bool:
    """The first cycle of a new workstation: handshake, register, initial pull, then the
    incremental pull from the fence over the whole change log. True when it completed."""
    login, out = station.login, ctx.out
    if login not in ctx.copies:
        # Before the timed pull: it reads the whole slice once, so each login's pull meets a
        # server that has read it lately. The superuser's pull, the first, used to meet the
        # slice's pages cold after the change log's filler (its case notes' pages took 130-180
        # ms against 20 ms warm); the staff login's pull always came after the superuser's.
        with station.sync.server.held():
            readable = station.sync.server.handshake(station.sync.device_id).readable
        _log(f"[{login}] raw COPY of the slice …")
        ctx.copies[login] = raw_copy(
            ctx.server, login, [t.name for t in synced_tables() if t.name in readable]
        )
    _log(f"[{login}] initial pull …")
    completed = True
    with (
        profiled(ctx.args.profile, f"{login}: initial pull (first cycle)", out),
        station.tracker.budget(budget),
    ):
        started = time.perf_counter()
        try:
            rows = _applied(station.cycle())
        except Cancelled:
            completed = False
            rows = sum(station.tracker.copied.values())
        seconds = time.perf_counter() - started
    phases = station.phases.take()
    tracker = station.tracker
    runs = [seconds]
    if completed:
        runs += [_another_initial_pull(ctx, login, i) for i in range(1, ctx.args.repeat)]
    seconds = statistics.median(runs)
    rate = _rate(rows, seconds)
    tables = [t.name for t in station.sync.tables]
    copy = ctx.copies[login]
    slowest = sorted(tracker.seconds, key=lambda t: -tracker.seconds[t] / tracker.pages[t])[:2]
    per_page = ", ".join(f"{t} {_ms(tracker.seconds[t] / tracker.pages[t])}/page" for t in slowest)
    if completed:
        note = f"{rows:,} rows in {seconds:.1f} s"
        if len(runs) > 1:
            each = ", ".join(f"{r:.1f}" for r in runs)
            note += f", median of {len(runs)} new workstations ({each} s)"
        note += f" (the first: {_phase_note(phases)}); slowest {per_page}"
    else:
        note = (
            f"STOPPED at the {budget:.0f} s budget: {rows:,} of {copy.rows:,} rows"
            f" ({len(tracker.copied)} of {len(tables)} tables); slowest {per_page}"
        )
    out.add(
        Row(
            login,
            "initial pull, first cycle end to end",
            f"{rate:,.0f} rows/s",
            "≥ 100,000 rows/s",
            _verdict(rate >= 100_000),
            f"{_x(rate / _rate(copy.rows, copy.seconds))} raw COPY",
            note,
        )
    )
    out.put(login, initial_pull_rows_per_s=rate, initial_pull_stopped=float(not completed))
    if completed:
        copy_only = phases.get("initial_pull", seconds)
        out.add(
            Row(
                login,
                "  of which the table copy",
                f"{_rate(rows, copy_only):,.0f} rows/s",
                note=f"{copy_only:.1f} s; then the pull from the fence over the change log"
                f" {_ms(phases.get('_pull', 0))}",
            )
        )
    else:
        estimate = _estimated_pull(ctx, copy)
        if estimate is not None:
            out.put(login, initial_pull_rows_per_s=_rate(copy.rows, estimate))
            out.add(
                Row(
                    login,
                    "  estimated whole initial pull",
                    f"{_rate(copy.rows, estimate):,.0f} rows/s",
                    "≥ 100,000 rows/s",
                    _verdict(_rate(copy.rows, estimate) >= 100_000),
                    note=f"≈ {_ms(estimate)}: the superuser's pull plus, per page, this login's"
                    " extra COPY time of that table (its row-level security cost per statement)",
                )
            )
    same = "same rows" if copy.rows == rows or not completed else f"pulled {rows:,}"
    out.add(
        Row(
            login,
            "  baseline: raw COPY … TO STDOUT of the slice",
            f"{_rate(copy.rows, copy.seconds):,.0f} rows/s",
            note=f"{copy.rows:,} rows in {copy.seconds:.2f} s ({same}); slowest tables: "
            + ", ".join(
                f"{t} {copy.table_seconds[t]:.2f} s"
                for t in sorted(copy.table_seconds, key=lambda t: -copy.table_seconds[t])[:2]
            ),
        )
    )
    if completed and not ctx.loads_done:
        ctx.loads_done = True
        _log(f"[{login}] raw SQLite bulk loads …")
        loads = _median_loads(
            [sqlite_loads(station, tables, ctx.work) for _ in range(ctx.args.repeat)]
        )
        # the issue's baseline: the whole slice into bare tables, key and indexes built after
        ctx.bare_rate = _rate(loads[1].rows, loads[1].seconds)
        for load in loads:
            load_rate = _rate(load.rows, load.seconds)
            out.add(
                Row(
                    login,
                    f"  baseline: SQLite executemany, {load.label}",
                    f"{load_rate:,.0f} rows/s",
                    ratio=f"pull = {_x(rate / load_rate)} of it",
                    note=f"{load.rows:,} rows in {load.seconds:.2f} s",
                )
            )
        inline = loads[-1]
        serial = copy.seconds + inline.seconds
        out.add(
            Row(
                login,
                "  baseline: raw COPY, then SQLite load (indexes)",
                f"{_rate(rows, serial):,.0f} rows/s",
                ratio=f"pull = {_x(rate / _rate(rows, serial))} of it",
                note=f"{serial:.2f} s, one after the other",
            )
        )
        ctx.out.notes.append(
            "Slice rows per table: "
            + ", ".join(f"{k} {v:,}" for k, v in sorted(copy.per_table.items()) if v)
        )
    if completed:
        ctx.initial[login] = (seconds, rows)
    return completed


def _another_initial_pull(ctx: Context, login: str, n: int) -> float:
    """The seconds of one more new workstation's first cycle as ``login`` (``--repeat``): a
    first pull happens once per workstation, so a median takes several of them."""
    path = ctx.work / f"{login}-initial-{n}.sqlite3"
    station = make_station(ctx.server, login, path, ctx.config)
    try:
        _log(f"[{login}] initial pull, new workstation {n + 1} …")
        started = time.perf_counter()
        station.cycle()
        return time.perf_counter() - started
    finally:
        station.close()
        for file in path.parent.glob(path.name + "*"):
            file.unlink()


def _estimated_pull(ctx: Context, copy: CopyResult) -> float | None:
    """This login's whole initial pull, estimated from the superuser's completed one: each
    table's pages cost what they cost there plus this login's extra per-statement COPY time."""
    base = ctx.copies.get(SUPERUSER)
    done = ctx.initial.get(SUPERUSER)
    if base is None or done is None:
        return None
    extra = 0.0
    for name, rows in copy.per_table.items():
        pages = max(1, math.ceil(rows / ctx.config.page_size)) + 1  # the last, empty page too
        extra += pages * max(0.0, copy.table_seconds[name] - base.table_seconds[name])
    return done[0] + extra


def measure_idle(ctx: Context, station: Station, cycles_n: int) -> None:
    """Cycles with nothing to push and nothing to pull, after the slice is in."""
    login = station.login
    _log(f"[{login}] cycles with nothing to do …")

    def select_one() -> object:
        with station.remote.connect() as conn:
            return conn.execute(text("SELECT 1")).scalar_one()

    baseline = timed(repeat(select_one, 50))
    cycles = timed(repeat(station.cycle, cycles_n))
    station.phases.take()
    raw = station.local.get("cursor") or "0:0"
    cursor = (int(raw.split(":")[0]), int(raw.split(":")[1]))
    sync = station.sync
    query = timed(
        repeat(
            lambda: sync.server.changes(cursor, sync.facilities, sync.config.pull_chunk),
            cycles_n,
        )
    )
    station.phases.take()
    ctx.out.add(
        Row(
            login,
            "sync cycle with nothing to do",
            f"median {cycles.median:.1f} ms, p95 {cycles.p95:.1f} ms",
            "≤ 100 ms (p95)",
            _verdict(cycles.p95 <= 100),
            f"{_x(cycles.median / baseline.median)} SELECT 1",
            f"n={cycles.n}, max {cycles.max:.1f} ms; change log {log_size(ctx.server):,} rows",
        )
    )
    ctx.out.add(
        Row(
            login,
            "  of which the change-log query",
            f"median {query.median:.1f} ms, p95 {query.p95:.1f} ms",
            ratio=f"{_x(query.median / baseline.median)} SELECT 1",
            note="ServerStore.changes() at the cursor, nothing after it",
        )
    )
    ctx.out.add(
        Row(
            login,
            "  baseline: SELECT 1 through the login's engine",
            f"median {baseline.median:.2f} ms",
            note="pool checkout (pre-ping), query, return",
        )
    )


def measure_incremental(ctx: Context, station: Station, runs: int, budget: float | None) -> None:
    """``--incremental`` slice changes made on the server (100 rows per transaction, each
    transaction also logging other facilities' changes), then one cycle pulls them."""
    login = station.login
    _log(f"[{login}] incremental pull …")
    ids = slice_attendance_ids(ctx.server, 0, ctx.args.incremental)
    samples: list[tuple[float, int, dict[str, float]]] = []
    stopped = ""
    for run in range(runs):
        server_changes(
            ctx.server, ids, per_transaction=100, other=ctx.other, tag=f"incremental {run}"
        )
        with (
            profiled(ctx.args.profile and run == 0, f"{login}: incremental pull", ctx.out),
            station.tracker.budget(budget),
        ):
            started = time.perf_counter()
            try:
                rows = _applied(station.cycle())
            except Cancelled:
                rows = station.tracker.pulled
                stopped = f"STOPPED at the {budget:.0f} s budget after {rows:,} changes; "
            seconds = time.perf_counter() - started
        samples.append((seconds, rows, station.phases.take()))
        if stopped:
            station.tracker.deadline = None
            station.cycle()  # finish untimed
            station.phases.take()
            break
    times = sorted(s[0] for s in samples)
    seconds, rows, phases = sorted(samples, key=lambda s: s[0])[len(samples) // 2]
    copy = ctx.copies[login]
    per_row = seconds / max(rows, 1)
    ctx.out.put(login, incremental_5000_ms=seconds * 1000, incremental_changes=len(ids))
    if stopped:
        ctx.out.put(login, incremental_stopped=1.0)
    ctx.out.add(
        Row(
            login,
            f"incremental pull of {len(ids):,} changes",
            f"{_ms(seconds)} ({_rate(rows, seconds):,.0f} rows/s)",
            "(report)",
            "",
            f"{_x(per_row * _rate(copy.rows, copy.seconds))} raw COPY per row",
            f"{stopped}median of {len(times)} (min {_ms(times[0])}, max {_ms(times[-1])});"
            f" {_phase_note(phases)}; change log {log_size(ctx.server):,} rows",
        )
    )


def measure_push(ctx: Context, station: Station, runs: int, slice_rows: int) -> None:
    """N attendance rows edited in the cache, then one cycle pushes them (and pulls back the
    change-log entries of its own push). Baseline: the same rows upserted raw."""
    login = station.login
    for count, target_s in ((1_000, 0.3), (10_000, 1.0)):
        _log(f"[{login}] push of {count:,} …")
        samples: list[tuple[float, int, dict[str, float], float]] = []
        for run in range(runs):
            ids = local_edits(
                station, count, ctx.next_rows(count, slice_rows), f"push {count} run {run}"
            )
            vacuum(ctx.server, ATTENDANCE)
            with profiled(ctx.args.profile and run == 0, f"{login}: push of {count:,}", ctx.out):
                started = time.perf_counter()
                report = station.cycle()
                seconds = time.perf_counter() - started
            phases = station.phases.take()
            vacuum(ctx.server, ATTENDANCE)
            raw = raw_upsert(ctx.server, station, ids)
            station.cycle()  # untimed: pulls back the baseline's change-log entries
            station.phases.take()
            samples.append((seconds, report.pushed_rows, phases, raw))
            if report.issues:
                ctx.out.notes.append(f"{login} push of {count:,}: {report.issues} issues")
        seconds, pushed, phases, _ = sorted(samples, key=lambda s: s[0])[len(samples) // 2]
        raw = statistics.median(s[3] for s in samples)
        push = phases.get("_push", seconds)
        times = sorted(s[0] for s in samples)
        ctx.out.put(
            login,
            **{f"push_{count}_step_ms": push * 1000, f"baseline_upsert_{count}_ms": raw * 1000},
        )
        ctx.out.add(
            Row(
                login,
                f"push of {count:,} outbox rows, cycle end to end",
                _ms(seconds),
                f"≤ {_ms(target_s)}",
                _verdict(seconds <= target_s),
                f"{_x(seconds / raw)} raw upsert",
                f"{pushed:,} rows, median of {len(times)} (min {_ms(times[0])}, max"
                f" {_ms(times[-1])}); {_phase_note(phases)}",
            )
        )
        ctx.out.add(
            Row(
                login,
                "  of which the push step",
                _ms(push),
                f"≤ {_ms(target_s)}",
                _verdict(push <= target_s),
                f"{_x(push / raw)} raw upsert",
                f"{_rate(pushed, push):,.0f} rows/s; the rest pulls back the push's own changes",
            )
        )
        ctx.out.add(
            Row(
                login,
                f"  baseline: raw upsert of the same {count:,} rows",
                _ms(raw),
                note="INSERT … ON CONFLICT DO UPDATE, one transaction, as the same login",
            )
        )


def measure_marks(ctx: Context, station: Station, slice_rows: int) -> None:
    """One mark through ``AttendanceService.mark`` (what the sheet calls), timed alone and while
    a cycle runs in the sync worker process, as the desk runs it: one pulling ``--busy-pull``
    changes, one pushing ``--busy-push`` rows."""
    login, args = station.login, ctx.args
    _log(f"[{login}] marks …")
    marks = marking(station, ctx.size, args.today)
    # The bench's process holds millions of objects a desk's never does (the generated data,
    # the baselines' rows): a full collection of them, 80-90 ms, landed on a mark now and then
    # (measured: a mark's reads took 92 ms of processor time). Set them aside, as
    # bench_queries does; the desk collects on its GUI thread's timer (app.ui.garbage).
    gc.collect()
    gc.freeze()
    for _ in range(5):
        marks.one()
    idle = Stats(tuple(marks.paced() for _ in range(args.marks)))
    row_id = slice_attendance_ids(ctx.server, 0, 1)[0].hex

    def core_update() -> None:
        with station.cache.begin() as conn:
            conn.execute(
                text("UPDATE program_class_event_attendance SET note = :n WHERE id = :id"),
                {"n": "core", "id": row_id},
            )

    core = timed(repeat(core_update, args.marks))
    worker = SyncWorker()
    try:
        cycle = worker_cycle(ctx, station, worker)
        cycle()  # push the marks made so far; the worker is up, as on a desk after sign-in
        _marks_figures(ctx, station, slice_rows, marks, idle, core, cycle)
        cycle()  # push the marks made meanwhile
    finally:
        worker.close()
        worker.wait(10)
        gc.unfreeze()
    station.phases.take()


def _marks_figures(
    ctx: Context,
    station: Station,
    slice_rows: int,
    marks: Marking,
    idle: Stats,
    core: Stats,
    cycle: Callable[[], SyncReport],
) -> None:
    login, args = station.login, ctx.args
    ctx.out.put(login, mark_idle_p99_ms=percentile(idle.samples_ms, 99))
    ctx.out.add(
        Row(
            login,
            "one attendance mark saved, sync idle",
            f"median {idle.median:.2f} ms, p99 {percentile(idle.samples_ms, 99):.2f} ms",
            ratio=f"{_x(idle.median / core.median)} Core UPDATE",
            note=f"n={idle.n}, max {idle.max:.1f} ms; AttendanceService.mark: unit of work,"
            " audit row, outbox trigger, commit",
        )
    )
    ctx.out.add(
        Row(
            login,
            "  baseline: one-row Core UPDATE + commit",
            f"median {core.median:.2f} ms, p99 {percentile(core.samples_ms, 99):.2f} ms",
            note="WAL, synchronous=FULL: one fsync per commit",
        )
    )
    busy = min(args.busy_pull, max(1, slice_rows - 1))
    pull_ids = slice_attendance_ids(ctx.server, max(0, slice_rows - busy), busy)

    def pull_prepare(run: int) -> None:
        server_changes(ctx.server, pull_ids, per_transaction=2_000, tag=f"busy {run}")

    def push_prepare(run: int) -> None:
        rows = ctx.next_rows(args.busy_push, slice_rows)
        local_edits(station, args.busy_push, rows, f"busy push {run}")

    for what, key, prepare in (
        (f"pulls {len(pull_ids):,} changes", "mark_busy_pull_p99_ms", pull_prepare),
        (f"pushes {args.busy_push:,} rows", "mark_busy_push_p99_ms", push_prepare),
    ):
        before = len(marks.failures)
        busy_marks = marks_while_busy(marks, cycle, prepare, args.busy_marks)
        _mark_row(ctx, login, what, busy_marks, idle, marks, before)
        ctx.out.put(login, **{key: percentile(busy_marks.stats.samples_ms, 99)})


def _mark_row(
    ctx: Context,
    login: str,
    what: str,
    busy: BusyMarks,
    idle: Stats,
    marks: Marking,
    before: int,
) -> None:
    stats = busy.stats
    p99 = percentile(stats.samples_ms, 99)
    idle_p99 = percentile(idle.samples_ms, 99)
    failed = marks.failures[before:]
    note = (
        f"n={stats.n} over {len(busy.took)} cycles, max {stats.max:.0f} ms, a cycle took"
        f" {statistics.median(busy.took):.1f} s"
    )
    if failed:
        note += f"; {len(failed)} marks FAILED ({failed[0]})"
    if busy.error is not None:
        error = busy.error
        note += f"; the cycle FAILED: {type(error).__name__}: {str(error).splitlines()[0]}"
    ctx.out.add(
        Row(
            login,
            f"one attendance mark saved while a cycle {what}",
            f"median {stats.median:.2f} ms, p99 {p99:.1f} ms",
            "p99 ≤ 2× idle, ≤ 10 ms",
            _verdict(p99 <= min(10, 2 * idle_p99) and not failed),
            f"p99 {_x(p99 / idle_p99)} idle",
            note,
        )
    )


def measure_wire(ctx: Context, station: Station) -> None:
    _log(f"[{station.login}] wire size …")
    copy = ctx.copies[station.login]
    att_rows = max(copy.per_table.get(ATTENDANCE, 0), 1)
    copy_z = copy.attendance_zlib / att_rows
    for wire in wire_size(ctx.server, station, ctx.config):
        rows = max(wire.rows, 1)
        flushed = wire.down_flushed / rows
        key = "initial" if wire.label == "initial pull" else "incremental"
        ctx.out.put(
            station.login,
            **{
                f"wire_bytes_per_row_{key}": flushed,
                f"wire_bytes_per_row_{key}_uncompressed": (wire.down + wire.up) / rows,
            },
        )
        if key == "initial":
            ctx.out.put(station.login, wire_bytes_per_row=flushed)
        ctx.out.add(
            Row(
                station.login,
                f"wire size per attendance row, {wire.label}, compressed",
                f"{flushed:.0f} B",
                "≤ 70 B",
                _verdict(flushed <= 70),
                f"{_x(flushed / copy_z)} COPY text + zlib",
                f"{wire.rows:,} rows; uncompressed {wire.down / rows:.0f} B/row down,"
                f" {wire.up / rows:.1f} B/row up; as one zlib stream"
                f" {wire.down_stream / rows:.0f} B/row",
            )
        )
    ctx.out.add(
        Row(
            station.login,
            "  baseline: COPY text of the same rows, zlib",
            f"{copy_z:.0f} B",
            note=f"uncompressed {copy.attendance_bytes / att_rows:.0f} B/row",
        )
    )


# -- main ---------------------------------------------------------------------------------------


def run_superuser(ctx: Context, slice_rows: int) -> Station:
    """Every figure as the superuser: row-level security bypassed, the engine's own cost."""
    args = ctx.args
    station = make_station(ctx.server, SUPERUSER, ctx.work / "superuser.sqlite3", ctx.config)
    measure_initial_pull(ctx, station, None)
    _log(f"[{SUPERUSER}] checking the slice digests …")
    ctx.out.notes.append(
        f"After the superuser's initial pull the slice digests match: "
        f"{station.sync.digests_match()}."
    )
    measure_wire(ctx, station)
    measure_idle(ctx, station, args.idle_cycles)
    measure_incremental(ctx, station, args.repeat, None)
    measure_push(ctx, station, args.repeat, slice_rows)
    measure_marks(ctx, station, slice_rows)
    station.cycle()
    station.phases.take()
    ctx.out.notes.append(
        f"At the end of the superuser's figures the slice digests match:"
        f" {station.sync.digests_match()}; outbox rows left: {station.outbox()}."
    )
    return station


def run_staff(ctx: Context, slice_rows: int, source: Station | None) -> None:
    """Every figure as the staff login (row-level security applies), within ``--budget``."""
    args = ctx.args
    budget = float(args.budget)
    fresh = make_station(ctx.server, STAFF, ctx.work / "staff-initial.sqlite3", ctx.config)
    completed = measure_initial_pull(ctx, fresh, budget)
    if completed or source is None:
        if not completed:
            fresh.tracker.deadline = None
            _log(f"[{STAFF}] finishing the initial pull untimed …")
            fresh.cycle()
        station = fresh
    else:
        fresh.close()
        station = clone_station(source, ctx.server, STAFF, ctx.work / "staff.sqlite3", ctx.config)
        ctx.out.notes.append(
            "The staff login's later figures start from a copy of the superuser's synced cache"
            " (the same facility slice), registered as a new workstation."
        )
    station.cycle()
    station.phases.take()
    measure_idle(ctx, station, max(5, args.idle_cycles // 3))
    measure_incremental(ctx, station, args.repeat, budget)
    measure_push(ctx, station, args.repeat, slice_rows)
    if args.login == STAFF or args.json:
        measure_marks(ctx, station, slice_rows)
        measure_wire(ctx, station)
    station.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--attendance", type=int, default=200_000, help="attendance rows in the facility slice"
    )
    parser.add_argument(
        "--facilities",
        type=int,
        default=1,
        help="facilities generated on the server; the workstation syncs the first",
    )
    parser.add_argument(
        "--changelog",
        type=int,
        default=2_000_000,
        help="rows in the server's change log before the first sync",
    )
    parser.add_argument(
        "--login",
        choices=("both", STAFF, SUPERUSER),
        default="both",
        help="whom the workstation syncs as",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=30,
        help="seconds a staff-login step may take before it is stopped or estimated",
    )
    parser.add_argument(
        "--incremental", type=int, default=5_000, help="changes pulled by the incremental pull"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="timed runs of each push, of the incremental pull, of a new workstation's first"
        " pull and of the SQLite baseline loads (medians when more)",
    )
    parser.add_argument(
        "--idle-cycles",
        type=int,
        default=30,
        help="timed cycles with nothing to do (a third of them as the staff login)",
    )
    parser.add_argument("--marks", type=int, default=300, help="marks timed with the sync idle")
    parser.add_argument(
        "--busy-pull", type=int, default=10_000, help="changes the cycle pulls while marking"
    )
    parser.add_argument(
        "--busy-push", type=int, default=2_000, help="rows the cycle pushes while marking"
    )
    parser.add_argument(
        "--busy-marks",
        type=int,
        default=300,
        help="marks timed under each load (cycles are run one after another until then)",
    )
    defaults = SyncConfig()
    parser.add_argument("--batch-size", type=int, default=defaults.batch_size)
    parser.add_argument("--pull-chunk", type=int, default=defaults.pull_chunk)
    parser.add_argument("--page-size", type=int, default=defaults.page_size)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="cProfile the first initial pull, each push size and the first incremental pull "
        "(their timings then include the profiler's overhead)",
    )
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="YYYY-MM-DD")
    parser.add_argument(
        "--json",
        type=Path,
        help="also write the figures, per login, to this file (the staff login then also"
        " times marks and the wire size)",
    )
    args = parser.parse_args(argv)
    config = SyncConfig(args.batch_size, args.pull_chunk, args.page_size)
    size = _size(args.attendance, args.facilities)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="rollbook-bench-sync-"))
    try:
        with bench_server(size, seed=args.seed, today=args.today) as server:
            ctx = Context(
                server, args, config, size, work, [uuid.uuid4() for _ in range(9)], Report()
            )
            slice_rows = _slice_count(server)
            _log(f"[server] change log: {args.changelog:,} rows before the first sync …")
            history = build_history(server, args.changelog, ctx.other)
            source = None
            if args.login in ("both", SUPERUSER):
                source = run_superuser(ctx, slice_rows)
            if args.login in ("both", STAFF):
                run_staff(ctx, slice_rows, source)
            if source is not None:
                source.close()
            _print(ctx, slice_rows, history, time.perf_counter() - started)
            if args.json is not None:
                _write_json(ctx, args.json, slice_rows, time.perf_counter() - started)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _write_json(ctx: Context, path: Path, slice_rows: int, seconds: float) -> None:
    """The figures by login; the bare SQLite load is the run's one baseline for both."""
    logins = {}
    for login, figures in ctx.out.figures.items():
        if ctx.bare_rate is not None:
            figures["baseline_sqlite_bare_rows_per_s"] = round(ctx.bare_rate, 3)
        logins[login] = dict(sorted(figures.items()))
    document = {
        "attendance": ctx.args.attendance,
        "slice_attendance_rows": slice_rows,
        "changelog": ctx.args.changelog,
        "seconds": round(seconds, 1),
        "wire_bytes_per_row": "server-to-client bytes of the initial pull's attendance pages"
        " through zlib level 6 with a sync flush after every read (the wire is counted by a"
        " TCP relay; PostgreSQL does not compress); _uncompressed: both directions as relayed",
        **logins,
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    _log(f"figures written to {path}")


def _slice_count(server: BenchServer) -> int:
    with server.admin() as conn:
        row = conn.execute(
            "SELECT count(*) FROM program_class_event_attendance WHERE facility_id = %s",
            (server.facility_id,),
        ).fetchone()
    assert row is not None
    return int(row[0])


def _print(ctx: Context, slice_att: int, history: History, seconds: float) -> None:
    args, size, server = ctx.args, ctx.size, ctx.server
    print()
    print(
        f"Server: {sum(server.counts.values()):,} rows generated in {server.generation_s:.1f} s"
        f" ({size.facilities} facilit{'y' if size.facilities == 1 else 'ies'},"
        f" {size.students:,} students, {size.classes_per_facility} classes per facility,"
        f" {size.weeks} weeks to {args.today}, seed {args.seed});"
        f" attendance rows in the slice: {slice_att:,}"
    )
    print(
        f"Change log before the first sync: {history.real + history.filler:,} rows"
        f" ({history.real:,} logged by the trigger from a real UPDATE of the slice's attendance,"
        f" {history.filler:,} filler rows of {OTHER_FACILITIES} other facilities inserted"
        f" directly), built in {history.seconds:.1f} s. Each incremental-pull run adds"
        f" {args.incremental:,} slice changes interleaved with"
        f" {args.incremental * OTHER_PER_SLICE_CHANGE:,} other-facility rows."
    )
    print(
        f"Sync config: batch {args.batch_size}, pull chunk {args.pull_chunk}, page"
        f" {args.page_size}. Logins: '{STAFF}' = a facility admin, row-level security applies;"
        f" '{SUPERUSER}' = row-level security bypassed (the engine's own cost)."
    )
    print()
    print_table(
        ["login", "figure", "measured", "target", "", "ratio to baseline", "notes"],
        [r.cells() for r in ctx.out.rows],
    )
    print()
    print(
        "Wire size: bytes relayed by a counting TCP proxy between the engine's own ServerStore"
        " and the server (PostgreSQL protocol, no TLS); 'compressed' = that server-to-client"
        " stream through zlib level 6 with a sync flush after every read, as a compressing"
        " transport would send it (PostgreSQL itself does not compress)."
    )
    for note in ctx.out.notes:
        print(note)
    print(f"Total run time {seconds:.0f} s.")
    for title, text_ in ctx.out.profiles:
        print()
        print(f"cProfile, {title}, top entries by own time:")
        print(text_)


if __name__ == "__main__":
    sys.exit(main())
