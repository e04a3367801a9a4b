"""The sync worker's share of the cache's writers' turn (``app.db.engine``, issue 16).

A background engine (the sync worker's) never checkpoints the WAL inside a commit, while it
holds the turn a desk writer may be waiting for: its connections do not checkpoint on their
own, and it checkpoints every ``BACKGROUND_CHECKPOINT_COMMITS`` write transactions (sooner
after long ones) once it has given the turn back. A worker killed between its transactions
and checkpoints loses nothing it committed, and the cache stays whole.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from pathlib import Path

from sqlalchemy import Engine, event, text

from app.db import migrate
from app.db.engine import make_local_engine
from app.db.writer_turn import BACKGROUND_CHECKPOINT_COMMITS, WRITER_LOCK_SUFFIX, writer_busy
from app.sync.local import LocalStore

CHECKPOINT = "PRAGMA wal_checkpoint(PASSIVE)"


def _cache(path: Path) -> Engine:
    desk = make_local_engine(path)
    migrate.upgrade(desk)
    return desk


def _turn_free(path: Path) -> bool:
    """Whether a writer of another process could take the turn now (non-blocking)."""
    fd = os.open(str(path) + WRITER_LOCK_SUFFIX, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing lets a lock taken here go
    return True


def _wal_resets(path: Path) -> int:
    """The WAL header's checkpoint sequence number: how often a writer started the WAL over
    after a checkpoint had copied all of it into the database file."""
    with open(str(path) + "-wal", "rb") as wal:
        header = wal.read(16)
    return int.from_bytes(header[12:16], "big")


def test_a_background_engine_checkpoints_after_its_turn_never_inside_it(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    desk = _cache(path)
    worker = make_local_engine(path, background=True)
    seen: list[tuple[bool, bool]] = []  # per checkpoint: (turn held by the worker, turn free)

    @event.listens_for(worker, "connect")
    def _trace(dbapi_connection: object, _record: object) -> None:
        def statement(sql: str) -> None:
            if sql.strip().upper() == CHECKPOINT.upper():
                seen.append((writer_busy(worker), _turn_free(path)))

        dbapi_connection.set_trace_callback(statement)  # type: ignore[attr-defined]

    local = LocalStore(worker)
    rounds = 3
    for i in range(rounds * BACKGROUND_CHECKPOINT_COMMITS):
        local.put_many(**{f"k{i}": "x" * 2000})
    with worker.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    with desk.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0  # a thread's
        stored = conn.execute(text("SELECT count(*) FROM sync_state WHERE key LIKE 'k%'"))
        assert stored.scalar() == rounds * BACKGROUND_CHECKPOINT_COMMITS
    assert len(seen) >= rounds  # sooner when the turns held add up (a slow machine)
    assert set(seen) == {(False, True)}
    worker.dispose()
    desk.dispose()


def _write_until_killed(path: str, conn: Connection) -> None:
    """In a child process: one background write transaction after another, each reported
    once committed, until the parent kills the process."""
    worker = make_local_engine(path, background=True)
    local = LocalStore(worker)
    i = 0
    while True:
        local.put_many(**{f"n{i:06d}": "y" * 3000})
        conn.send(i)
        i += 1


def test_a_worker_killed_between_its_transactions_and_checkpoints_loses_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.sqlite3"
    _cache(path).dispose()
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_write_until_killed, args=(str(path), theirs), daemon=True)
    child.start()
    theirs.close()
    enough = 10 * BACKGROUND_CHECKPOINT_COMMITS + 1  # not on a checkpoint's boundary
    committed = -1
    while committed < enough:
        assert mine.poll(60), "the child stopped writing"
        committed = mine.recv()
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    mine.close()
    assert _wal_resets(path) > 0  # its checkpoints ran: the WAL was started over
    desk = make_local_engine(path)
    with desk.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        keys = conn.execute(text("SELECT key FROM sync_state WHERE key LIKE 'n%'")).scalars()
        found = sorted(int(k[1:]) for k in keys)
    assert found[: committed + 1] == list(range(committed + 1))  # each reported commit is there
    desk.dispose()


def test_the_worker_commits_wait_for_the_disk_as_the_desk_does(tmp_path: Path) -> None:
    """The worker's engine commits with ``synchronous=FULL``, as the desk's does (the rows it
    pulls still commit with ``NORMAL``: ``LocalStore.applying``)."""
    path = tmp_path / "cache.sqlite3"
    desk = _cache(path)
    worker = make_local_engine(path, background=True)
    try:
        for engine in (desk, worker):
            with engine.connect() as conn:
                assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        worker.dispose()
        desk.dispose()
