"""Many workstations, one server: what idle and busy sync cycles cost the server.

N simulated workstations (each a real SQLite cache and the desk's own server engine and
``SyncEngine``), spread over a few processes, sync against one throwaway PostgreSQL of their own
for a few minutes. The desk's 60 s period is compressed in time so the fleet's cycles per second
match N desks at 60 s scaled down (``--rate``). First an idle phase (nothing to push or pull:
the server's CPU per idle cycle), then a working phase: marks and note edits on each
workstation's own attendance rows, and now and then an offline window during which it keeps
working and does not sync. Every write carries a unique tag; at the end every workstation syncs
until its outbox is empty and the server's audit trail is counted: each tag exactly once.

The server's CPU comes from its own process times (``/proc``): the postmaster's own and its reaped
children's (every backend that ended, a workstation's connection lives for one cycle), plus the
live children's, minus the sampler's own backend. Bench and server share the machine.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from app.db import migrate, server_admin
from app.db.engine import make_local_engine, make_server_engine, workstation_server_engine
from app.db.models import Facility
from app.demo import DemoSize, generate
from app.domain.enums import Role
from app.sync.engine import SyncConfig, SyncEngine
from app.sync.local import LocalStore
from app.sync.server import ServerStore
from bench.common import percentile

ATTENDANCE = "program_class_event_attendance"
PASSWORD = "fleet bench password"
STATUSES = ("present", "late", "absent_excused", "present")
DESK_PERIOD_S = 60.0


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the server's own CPU ------------------------------------------------------------------------

_TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    raw = Path(f"/proc/{pid}/stat").read_text()
    return raw[raw.rindex(")") + 2 :].split()  # fields from the state (field 3) on


def _cpu_ms(pid: int, *, children: bool = False) -> float:
    fields = _stat(pid)
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime: reaped children
    return ticks * _TICK_MS


def server_cpu_ms(postmaster: int, exclude: int) -> float:
    """CPU the whole server has used so far: postmaster, every ended backend (reaped into the
    postmaster's children times), every live child; minus the sampler's own backend."""
    total = _cpu_ms(postmaster, children=True)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == exclude:
            continue
        try:
            fields = _stat(int(entry.name))
            if int(fields[1]) == postmaster:
                total += (int(fields[11]) + int(fields[12])) * _TICK_MS
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile
    return total


# -- set-up --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One simulated workstation, as a worker process builds it."""

    index: int
    cache: str
    url: str  # the facility login's, password included
    facility: str
    rows: tuple[str, ...]  # attendance rows only this workstation edits


def prepare(
    args: argparse.Namespace, pg: Any, work: Path
) -> tuple[str, list[Spec], dict[str, int]]:
    """The server's database (generated, initialised, one facility-admin login per facility),
    one synced cache per facility, copied for each of its workstations."""
    url = pg.create_database("fleet")
    engine = make_server_engine(url)
    size = replace(
        DemoSize.small(),
        facilities=args.facilities,
        students=args.students,
        classes_per_facility=args.classes,
        weeks=6,
    )
    _log(f"[server] generating {size} …")
    summary = generate(engine, size, seed=args.seed, today=date.today())
    with engine.connect() as conn:
        facilities = [
            str(f) for f in conn.execute(select(Facility.id).order_by(Facility.name)).scalars()
        ]
        by_facility: dict[str, list[str]] = {f: [] for f in facilities}
        for row_id, fac in conn.execute(
            text(f"SELECT id, facility_id FROM {ATTENDANCE} ORDER BY id")  # noqa: S608
        ):
            by_facility[str(fac)].append(str(row_id))
    engine.dispose()
    server_admin.init_server(url)
    logins = {}
    for i, fac in enumerate(facilities):
        login = f"fleet_{i}_{uuid.uuid4().hex[:6]}"
        server_admin.create_staff(
            url,
            username=login,
            password=PASSWORD,
            role=Role.FACILITY_ADMIN,
            facility_id=uuid.UUID(fac),
            name_first="Fleet",
            name_last=str(i),
        )
        logins[fac] = make_url(url).set(username=login, password=PASSWORD).render_as_string(False)
    _log(f"[server] {summary.rows:,} rows; one template cache per facility …")
    templates = {}
    for fac in facilities:
        path = work / f"template-{fac}.sqlite3"
        cache = make_local_engine(path)
        migrate.upgrade(cache)
        remote = workstation_server_engine(logins[fac])
        sync = _engine(cache, remote, fac, f"template-{fac[:8]}")
        sync.cycle()
        with cache.begin() as conn:
            conn.execute(text("DELETE FROM sync_state WHERE key IN ('device_id', 'acked_seq')"))
            conn.execute(text("UPDATE sync_state SET value = '0' WHERE key = 'last_issue_id'"))
        with cache.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        cache.dispose()
        remote.dispose()
        templates[fac] = path
    specs = []
    per_fac: dict[str, list[int]] = {f: [] for f in facilities}
    for i in range(args.workstations):
        per_fac[facilities[i % len(facilities)]].append(i)
    for fac, members in per_fac.items():
        for k, i in enumerate(members):
            path = work / f"ws-{i:04d}.sqlite3"
            shutil.copyfile(templates[fac], path)
            own = tuple(by_facility[fac][k :: len(members)])
            specs.append(Spec(i, str(path), logins[fac], fac, own))
    counts = {"server_rows": summary.rows, "facilities": len(facilities)}
    counts["attendance_rows_per_workstation_min"] = min(len(s.rows) for s in specs)
    return url, specs, counts


def _engine(cache: Any, remote: Any, facility: str, device: str) -> SyncEngine:
    return SyncEngine(
        LocalStore(cache),
        ServerStore(remote),
        device_id=device,
        facilities=frozenset({uuid.UUID(facility)}),
        client_revision=migrate.head_revision(),
        known_revisions=migrate.known_revisions(),
        config=SyncConfig(),
    )


# -- a worker process ----------------------------------------------------------------------------


@dataclass
class Cycle:
    ws: int
    phase: str
    at: float
    ms: float
    pushed: int
    pulled: int
    error: str = ""


class Desk:
    """One workstation in a worker: its cache, the desk's engine, its schedule and its work."""

    def __init__(self, spec: Spec, rng: random.Random) -> None:
        self.spec = spec
        self.cache = make_local_engine(spec.cache)
        self.remote = workstation_server_engine(spec.url)
        self.sync = _engine(self.cache, self.remote, spec.facility, f"fleet-{spec.index:04d}")
        self.rng = rng
        self.next_row = 0
        self.tags: list[str] = []
        self.offline_until = 0.0
        self.busy = threading.Lock()

    def work(self) -> None:
        """Marks (status and note) or an edit (note only) of this desk's own rows, each tagged."""
        count = self.rng.randint(1, 5) if self.rng.random() < 0.8 else 1
        with self.cache.begin() as conn:
            for _ in range(count):
                if self.next_row >= len(self.spec.rows):
                    return
                row = self.spec.rows[self.next_row]
                self.next_row += 1
                tag = f"fleet/{self.spec.index}/{len(self.tags)}"
                if self.rng.random() < 0.8:
                    conn.execute(
                        text(
                            f"UPDATE {ATTENDANCE} SET attendance_status = :s, note = :t"  # noqa: S608
                            " WHERE id = :id"
                        ),
                        {"s": self.rng.choice(STATUSES), "t": tag, "id": uuid.UUID(row).hex},
                    )
                else:
                    conn.execute(
                        text(f"UPDATE {ATTENDANCE} SET note = :t WHERE id = :id"),  # noqa: S608
                        {"t": tag, "id": uuid.UUID(row).hex},
                    )
                self.tags.append(tag)

    def cycle(self, phase: str) -> Cycle:
        started = time.perf_counter()
        at = time.time()
        try:
            report = self.sync.cycle()
        except Exception as err:
            return Cycle(self.spec.index, phase, at, 0.0, 0, 0, f"{type(err).__name__}: {err}")
        ms = (time.perf_counter() - started) * 1000
        pulled = sum(report.applied.upserted.values()) + sum(report.applied.removed.values())
        return Cycle(self.spec.index, phase, at, ms, report.pushed_rows, pulled)

    def outbox(self) -> int:
        return LocalStore(self.cache).outbox_count()[0]


def worker(specs: Sequence[Spec], plan: dict[str, Any], ready: Any, start: Any, out: Any) -> None:
    """Runs its desks: a first cycle each (untimed), then the schedule of the parent's plan."""
    rng = random.Random(plan["seed"] + specs[0].index)
    desks = [Desk(spec, random.Random(plan["seed"] * 7919 + spec.index)) for spec in specs]
    for desk in desks:
        desk.cycle("warm-up")
    ready.put(len(desks))
    t0 = start.get()
    period, idle_s, work_s = plan["period"], plan["idle_seconds"], plan["seconds"]
    cycles: list[Cycle] = []
    lock = threading.Lock()
    # Each desk's first cycle falls at a random point of its period (desks are not in step).
    due = {desk.spec.index: t0 + rng.random() * period for desk in desks}
    by_index = {desk.spec.index: desk for desk in desks}
    end = t0 + idle_s + work_s

    def run(desk: Desk, phase: str) -> None:
        try:
            if phase == "work":
                desk.work()
                if time.time() < desk.offline_until:
                    return  # offline: the marks wait in the outbox
                if desk.rng.random() < plan["offline"]:
                    desk.offline_until = time.time() + period * desk.rng.randint(2, 5)
                    return
            result = desk.cycle(phase)
            with lock:
                cycles.append(result)
        finally:
            desk.busy.release()

    with ThreadPoolExecutor(max_workers=plan["threads"]) as pool:
        while True:
            now = time.time()
            if now >= end:
                break
            index = min(due, key=due.__getitem__)
            wait = due[index] - now
            if wait > 0:
                time.sleep(min(wait, 0.05))
                continue
            due[index] += period
            desk = by_index[index]
            if not desk.busy.acquire(blocking=False):
                continue  # still in its last cycle: skip this one, as the desk's timer does
            phase = "idle" if now < t0 + idle_s else "work"
            pool.submit(run, desk, phase)
    # Everyone back online: sync until every outbox is empty.
    for desk in desks:
        for _ in range(20):
            result = desk.cycle("final")
            cycles.append(result)
            if not result.error and desk.outbox() == 0:
                break
    left = sum(desk.outbox() for desk in desks)
    tags = [tag for desk in desks for tag in desk.tags]
    for desk in desks:
        desk.cache.dispose()
        desk.remote.dispose()
    out.put({"cycles": [asdict(c) for c in cycles], "tags": tags, "outbox_left": left})


# -- the parent ----------------------------------------------------------------------------------


class Sampler(threading.Thread):
    """Counts the server's connections (pg_stat_activity, client backends) every 100 ms."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.conn = psycopg.connect(url, autocommit=True)
        self.pid = int(self.conn.execute("SELECT pg_backend_pid()").fetchone()[0])  # type: ignore[index]
        self.peak = {"idle": 0, "work": 0}
        self.phase = "idle"
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            row = self.conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                " AND pid <> pg_backend_pid()"
            ).fetchone()
            assert row is not None
            self.peak[self.phase] = max(self.peak[self.phase], int(row[0]))


def count_tags(url: str, expected: Sequence[str]) -> dict[str, int]:
    """Each tag in the server's audit trail exactly once, and on its row now."""
    with psycopg.connect(url) as conn:
        seen: dict[str, int] = dict(
            conn.execute(
                "SELECT new_values->>'note', count(*) FROM audit_log"
                " WHERE table_name = %s AND new_values->>'note' LIKE 'fleet/%%' GROUP BY 1",
                (ATTENDANCE,),
            ).fetchall()
        )
        on_rows = {
            r[0]
            for r in conn.execute(
                f"SELECT note FROM {ATTENDANCE} WHERE note LIKE 'fleet/%%'"  # noqa: S608
            )
        }
    lost = sum(1 for tag in expected if seen.get(tag, 0) == 0 or tag not in on_rows)
    duplicated = sum(1 for tag in expected if seen.get(tag, 0) > 1)
    unexpected = len(set(seen) - set(expected))
    return {"lost": lost, "duplicated": duplicated, "unexpected": unexpected}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--workstations", type=int, default=50)
    parser.add_argument("--processes", type=int, default=3, help="worker processes")
    parser.add_argument("--threads", type=int, default=8, help="cycles at once per process")
    parser.add_argument(
        "--rate",
        type=float,
        default=15.0,
        help="fleet-wide cycles per second: the 60 s desk period is compressed to N / rate s",
    )
    parser.add_argument("--idle-seconds", type=float, default=40.0, help="idle phase")
    parser.add_argument("--seconds", type=float, default=120.0, help="working phase")
    parser.add_argument(
        "--offline", type=float, default=0.03, help="chance a cycle starts an offline window"
    )
    parser.add_argument("--facilities", type=int, default=4)
    parser.add_argument("--students", type=int, default=2000, help="students in all")
    parser.add_argument("--classes", type=int, default=20, help="classes per facility")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    period = max(0.5, args.workstations / args.rate)

    from tests.tcpserver import TcpPostgres

    work = Path(tempfile.mkdtemp(prefix="rollbook-bench-fleet-"))
    pg = TcpPostgres()
    pg.start()
    try:
        url, specs, counts = prepare(args, pg, work)
        admin_url = make_url(url).set(drivername="postgresql").render_as_string(False)
        with psycopg.connect(admin_url) as conn:
            row = conn.execute("SHOW data_directory").fetchone()
        assert row is not None
        postmaster = int(Path(row[0], "postmaster.pid").read_text().split()[0])
        plan = {
            "period": period,
            "idle_seconds": args.idle_seconds,
            "seconds": args.seconds,
            "offline": args.offline,
            "threads": args.threads,
            "seed": args.seed,
        }
        ctx = mp.get_context("spawn")
        ready, start, out = ctx.Queue(), ctx.Queue(), ctx.Queue()
        groups = [specs[i :: args.processes] for i in range(args.processes)]
        groups = [g for g in groups if g]
        procs = [ctx.Process(target=worker, args=(g, plan, ready, start, out)) for g in groups]
        _log(
            f"[fleet] {len(specs)} workstations in {len(procs)} processes, period {period:.1f} s"
            f" ({DESK_PERIOD_S / period:.0f}× compressed); first cycles …"
        )
        for proc in procs:
            proc.start()
        for _ in procs:
            ready.get(timeout=1800)
        sampler = Sampler(admin_url)
        sampler.start()
        t0 = time.time() + 1.0
        for _ in procs:
            start.put(t0)
        time.sleep(max(0.0, t0 - time.time()))
        cpu0 = server_cpu_ms(postmaster, sampler.pid)
        _log(f"[fleet] idle phase {args.idle_seconds:.0f} s …")
        time.sleep(max(0.0, t0 + args.idle_seconds - time.time()))
        cpu1 = server_cpu_ms(postmaster, sampler.pid)
        sampler.phase = "work"
        _log(f"[fleet] working phase {args.seconds:.0f} s …")
        time.sleep(max(0.0, t0 + args.idle_seconds + args.seconds - time.time()))
        cpu2 = server_cpu_ms(postmaster, sampler.pid)
        results = [out.get(timeout=1800) for _ in procs]
        for proc in procs:
            proc.join()
        sampler.stop.set()
        sampler.join()
        sampler.conn.close()
        cycles = [Cycle(**c) for r in results for c in r["cycles"]]
        tags = [t for r in results for t in r["tags"]]
        tally = count_tags(admin_url, tags)
        idle_cycles = [c for c in cycles if c.phase == "idle" and not c.error]
        idle_nothing = [c for c in cycles if c.phase in ("idle", "work") and not c.error]
        idle_nothing = [c for c in idle_nothing if c.pushed == 0 and c.pulled == 0]
        work_cycles = [c for c in cycles if c.phase == "work" and not c.error]
        errors = [c for c in cycles if c.error]
        figures = {
            "workstations": len(specs),
            "server_cpu_ms_per_idle_cycle": round((cpu1 - cpu0) / max(1, len(idle_cycles)), 2),
            "idle_cycle_p95_ms": round(percentile([c.ms for c in idle_nothing], 95), 1),
            "idle_cycle_median_ms": round(percentile([c.ms for c in idle_nothing], 50), 1),
            "server_connections_peak": max(sampler.peak.values()),
            "lost_or_duplicated": tally["lost"] + tally["duplicated"],
            "server_cpu_ms_per_working_cycle": round((cpu2 - cpu1) / max(1, len(work_cycles)), 2),
            "server_cpu_cores_idle_phase": round((cpu1 - cpu0) / 1000 / args.idle_seconds, 3),
            "server_cpu_cores_working_phase": round((cpu2 - cpu1) / 1000 / args.seconds, 3),
            "idle_cycles": len(idle_cycles),
            "working_cycles": len(work_cycles),
            "working_cycle_p95_ms": round(percentile([c.ms for c in work_cycles] or [0], 95), 1),
            "rows_pushed": sum(c.pushed for c in cycles),
            "writes_tagged": len(tags),
            "lost": tally["lost"],
            "duplicated": tally["duplicated"],
            "unexpected_tags": tally["unexpected"],
            "outbox_left": sum(r["outbox_left"] for r in results),
            "failed_cycles": len(errors),
            "connections_peak_idle_phase": sampler.peak["idle"],
            "connections_peak_working_phase": sampler.peak["work"],
            "period_s": round(period, 2),
            "compression": round(DESK_PERIOD_S / period, 1),
            "processes": len(procs),
            "threads_per_process": args.threads,
            "idle_seconds": args.idle_seconds,
            "working_seconds": args.seconds,
            **counts,
        }
        if errors:
            figures["first_error"] = errors[0].error[:300]
        # What one server core carries at the desk's real 60 s period, by this measure.
        per_idle = figures["server_cpu_ms_per_idle_cycle"]
        if per_idle:
            figures["idle_workstations_per_server_core_at_60s"] = int(
                DESK_PERIOD_S * 1000 / per_idle
            )
        print(json.dumps(figures, indent=2))
        if args.json is not None:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
    finally:
        pg.destroy()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
