"""The sync cycle in a process of its own, so a desk's marks never wait on it (issue 16).

A cycle runs Python row after row for seconds; on a thread of the desk it held the interpreter
lock the desk needs to save a mark. Here it runs in a worker process started with the "spawn"
method (the same on every platform, and in the PyInstaller-frozen app, whose entry point calls
``multiprocessing.freeze_support()``). The desk keeps what must stay with the session (the
reconnect, refusals of the account, the status bar's words, backoff) and sends the worker one
``CycleJob`` per cycle through a pipe: the cache file and its key, the login's server URL with
its password — secrets never go on the worker's command line or into its environment. The
worker runs ``SyncEngine.cycle()`` over engines of its own, relays progress and sends back the
report (plain picklable data), or a failure in plain words.

Stopping is killing: every step of a cycle commits atomically on both sides (the fault tests
prove it), so a worker killed at any point, by ``stop()`` or by a crash, loses nothing and the
next cycle converges; the next attempt starts a new worker. Writers of the cache in the two
processes take turns on the cross-process lock of ``app.db.engine``.

The worker is started below the desk's priority (``nice``): a cycle is background work.
Nothing here imports Qt.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import traceback
import uuid
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from app.domain.errors import DomainError
from app.sync.engine import Cancelled, Progress, SyncConfig, SyncReport
from app.sync.status import Failure, describe_failure

log = logging.getLogger(__name__)

WORKER_NICE = 5  # below the desk: the scheduler gives a mark the CPU first
# Pulled rows per local transaction in the worker. A mark saved meanwhile waits for at most one
# of them (the turn of app.db.engine lets the desk go first); measured in bench_sync on the
# 2-core machine: 250 rows held the turn 20-60 ms, 25 rows 2-8 ms. Their commits skip the
# fsync (``LocalStore.applying``), so short transactions cost it little.
WORKER_APPLY_ROWS = 25
WORKER_CONFIG = SyncConfig(apply_rows=WORKER_APPLY_ROWS)
_CONTEXT = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class CycleJob:
    """Everything a worker needs for one cycle; sent through the pipe, never shown."""

    cache_path: str
    server_url: str = field(repr=False)  # holds the login's password
    device_id: str
    facilities: frozenset[uuid.UUID]
    client_revision: str | None
    known_revisions: frozenset[str]
    cache_key: bytes | None = field(default=None, repr=False)
    config: SyncConfig = WORKER_CONFIG
    verify: bool = False


class WorkerFailed(Exception):
    """The cycle failed in the worker; ``failure`` says why in plain words."""

    def __init__(self, failure: Failure, trace: str = "") -> None:
        super().__init__(failure.detail)
        self.failure = failure
        self.trace = trace


class WorkerLost(Exception):
    """The worker process ended in the middle of a cycle (a crash, killed from outside)."""

    failure = Failure(
        "the sync stopped before it finished (its process ended); nothing was lost",
        False,
        "the sync worker process ended unexpectedly",
    )


class SyncWorker:
    """The desk's handle on one worker process: ``cycle()`` blocks (call it off the GUI
    thread) and returns the report; ``stop()`` from any thread kills the process now, so the
    running ``cycle()`` raises ``Cancelled``; ``close()`` ends the worker for good."""

    def __init__(self, *, nice: int = WORKER_NICE) -> None:
        self._nice = nice
        self._lock = threading.Lock()
        self._process: Any = None  # multiprocessing's SpawnProcess
        self._conn: Connection | None = None
        self._stopped = False  # stop() ended the running cycle
        self._closed = False

    @property
    def pid(self) -> int | None:
        process = self._process
        return None if process is None else process.pid

    @property
    def alive(self) -> bool:
        process = self._process
        return process is not None and bool(process.is_alive())

    def cycle(self, job: CycleJob, progress: Progress | None = None) -> SyncReport:
        """Run one cycle in the worker (started when none runs). Raises ``Cancelled`` after
        ``stop()``/``close()``, ``WorkerLost`` when the process died, ``WorkerFailed`` (the
        cycle's error in plain words) or a ``DomainError`` raised by the cycle."""
        with self._lock:
            if self._closed:
                raise Cancelled("sync stopped on request")
            self._stopped = False
            conn = self._ensure_started()
        try:
            conn.send(("cycle", job))
            while True:
                message = conn.recv()
                kind = message[0]
                if kind == "progress":
                    if progress is not None:
                        progress(message[1], message[2], message[3])
                elif kind == "done":
                    report: SyncReport = message[1]
                    return report
                elif kind == "cancelled":
                    raise Cancelled(message[1])
                elif kind == "raised":
                    error: BaseException = message[1]
                    raise error
                else:
                    raise WorkerFailed(message[1], message[2])
        except (EOFError, OSError) as err:
            with self._lock:
                self._forget()
            if self._stopped or self._closed:
                raise Cancelled("sync stopped on request") from err
            raise WorkerLost(WorkerLost.failure.detail) from err

    def stop(self) -> None:
        """Kill the worker now, whatever it is doing (safe from any thread; never waits).
        A running ``cycle()`` raises ``Cancelled``; the next one starts a new worker."""
        with self._lock:
            self._stopped = True
            self._kill()

    def close(self) -> None:
        """End the worker for good (a session's end): no cycle starts any more."""
        with self._lock:
            self._closed = True
            self._stopped = True
            self._kill()

    def wait(self, timeout: float) -> bool:
        """Block until the worker process has ended (shutdown only)."""
        process = self._process
        if process is None:
            return True
        process.join(timeout)
        return not process.is_alive()

    def _ensure_started(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._forget()
        mine, theirs = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(
            target=serve, args=(theirs, self._nice), name="rollbook-sync", daemon=True
        )
        process.start()
        theirs.close()  # the worker's end lives in the worker only: its death reads as EOF
        self._process, self._conn = process, mine
        log.info("sync worker started (pid %s)", process.pid)
        return mine

    def _kill(self) -> None:
        process = self._process
        if process is not None and process.is_alive():
            process.kill()

    def _forget(self) -> None:
        process, conn = self._process, self._conn
        self._process, self._conn = None, None
        if conn is not None:
            conn.close()
        if process is not None:
            process.join(1.0)  # a killed or ended process is reaped at once


# -- in the worker process ------------------------------------------------------------------------


def serve(conn: Connection, nice: int = 0) -> None:
    """The worker's main: one cycle per ``("cycle", job)`` until the desk's end of the pipe
    closes (a session's end) or the process is killed."""
    if nice and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(nice)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] != "cycle":
            return
        conn.send(run_job(message[1], _sender(conn)))


def _sender(conn: Connection) -> Progress:
    lock = threading.Lock()

    def progress(stage: str, done: int, total: int) -> None:
        with lock:
            conn.send(("progress", stage, done, total))

    return progress


def run_job(job: CycleJob, progress: Progress | None) -> tuple[Any, ...]:
    """One cycle over engines of its own; what happened as a message for the desk."""
    from sqlalchemy.engine import make_url

    from app.db.engine import make_local_engine, workstation_server_engine
    from app.sync.engine import SyncEngine
    from app.sync.local import LocalStore
    from app.sync.server import ServerStore

    cache = make_local_engine(job.cache_path, job.cache_key, background=True)
    server = workstation_server_engine(make_url(job.server_url))
    try:
        engine = SyncEngine(
            LocalStore(cache),
            ServerStore(server),
            device_id=job.device_id,
            facilities=job.facilities,
            client_revision=job.client_revision,
            known_revisions=job.known_revisions,
            config=job.config,
            progress=progress,
        )
        return ("done", engine.cycle(verify=job.verify))
    except Cancelled as err:
        return ("cancelled", str(err))
    except DomainError as err:
        return ("raised", _picklable(err))
    except Exception as err:
        return ("failed", describe_failure(err), traceback.format_exc())
    finally:
        cache.dispose()
        server.dispose()


def _picklable(error: DomainError) -> BaseException:
    import pickle

    try:
        pickle.dumps(error)
    except Exception:
        return WorkerFailed(describe_failure(error), traceback.format_exc())
    return error
