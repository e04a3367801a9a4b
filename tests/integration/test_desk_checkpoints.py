"""The desk's commits never checkpoint the WAL: a thread of its own does, every
``DESK_CHECKPOINT_COMMITS`` write transactions (app.db.writer_turn). SQLite's automatic
checkpoint ran inside the COMMIT that filled the WAL past 1,000 pages, and was the slowest
1 % of attendance marks."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

from sqlalchemy import Engine, event

from app.db import migrate
from app.db.engine import make_local_engine
from app.db.writer_turn import DESK_CHECKPOINT_COMMITS, desk_checkpoints
from app.sync.local import LocalStore

BIG = "x" * 200_000  # about 50 WAL pages a write


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def _checkpoint_threads(desk: Engine) -> list[str]:
    """The name of the thread of every checkpoint statement the desk's connections and its
    checkpoints' run from now on (the desk's pool is emptied, so every connection is a new,
    traced one; the checkpoints' engine pools none)."""
    seen: list[str] = []
    checkpoints = desk_checkpoints(desk)
    assert checkpoints is not None

    def _trace(dbapi_connection: object, _record: object) -> None:
        def statement(sql: str) -> None:
            if "wal_checkpoint" in sql:
                seen.append(threading.current_thread().name)

        dbapi_connection.set_trace_callback(statement)  # type: ignore[attr-defined]

    for engine in (desk, checkpoints.checkpointer):
        event.listen(engine, "connect", _trace)
    desk.dispose()
    return seen


def test_a_checkpoint_takes_no_connection_of_the_desk(tmp_path: Path) -> None:
    """The thread opens a connection of its own: one taken from the desk's pool and closed
    left the next mark to open one again and read the whole schema (the slowest 1.5 % of
    marks on the demo workstation)."""
    desk = make_local_engine(tmp_path / "cache.sqlite3")
    migrate.upgrade(desk)
    checkpoints = desk_checkpoints(desk)
    assert checkpoints is not None
    local = LocalStore(desk)
    local.put_many(k="warm")
    opened: list[str] = []
    event.listen(desk, "connect", lambda *_: opened.append(threading.current_thread().name))
    for round_ in range(3):
        checkpoints.done.clear()
        for i in range(DESK_CHECKPOINT_COMMITS):
            local.put_many(**{f"k{round_}-{i:04d}": "x" * 5000})
        assert checkpoints.done.wait(30)
    assert opened == []  # the desk's one connection served every write, checkpoints or not
    desk.dispose()


def test_the_desk_checkpoints_on_a_thread_of_its_own_never_in_a_commit(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    desk: Engine = make_local_engine(path)
    migrate.upgrade(desk)
    checkpoints = desk_checkpoints(desk)
    assert checkpoints is not None
    seen = _checkpoint_threads(desk)
    with desk.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # migrations' pages in the file
    seen.clear()
    checkpoints.done.clear()
    local = LocalStore(desk)

    # Fewer transactions than a checkpoint waits for, yet far past SQLite's 1,000 WAL pages
    # (the migrations' commits may have counted some: stop well short).
    first = DESK_CHECKPOINT_COMMITS // 2
    for i in range(first):
        local.put_many(**{f"k{i:04d}": BIG})
    copy = tmp_path / "copy.sqlite3"
    assert _file_alone(path, copy) == 0  # nothing checkpointed yet: every row only in the WAL
    assert seen == []

    for i in range(first, 3 * DESK_CHECKPOINT_COMMITS):
        local.put_many(**{f"k{i:04d}": BIG})
    assert checkpoints.done.wait(30)
    assert seen, "a checkpoint ran"
    assert set(seen) == {"cache-checkpoint"}  # never the writing thread, inside its commit
    assert _file_alone(path, copy) > 0  # the thread's checkpoint copied them into the file
    with desk.connect() as conn:  # and the desk reads every one, file and WAL together
        stored = conn.exec_driver_sql("SELECT count(*) FROM sync_state WHERE key LIKE 'k%'")
        assert stored.scalar() == 3 * DESK_CHECKPOINT_COMMITS
    desk.dispose()


def _file_alone(path: Path, copy: Path) -> int:
    for suffix in ("", "-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    shutil.copyfile(path, copy)
    conn = sqlite3.connect(copy)
    try:
        return _count(conn, "SELECT count(*) FROM sync_state WHERE key LIKE 'k%'")
    finally:
        conn.close()


def test_letting_go_of_the_cache_leaves_no_checkpoint_connection_open(tmp_path: Path) -> None:
    """``dispose`` (the desk letting go of its cache, to move, copy or upgrade it) waits for
    a checkpoint under way, whose connection is closed, not pooled: the last connection
    gone, SQLite folds the WAL into the file and removes it."""
    path = tmp_path / "cache.sqlite3"
    desk = make_local_engine(path)
    migrate.upgrade(desk)
    local = LocalStore(desk)
    for round_ in range(3):
        checkpoints = desk_checkpoints(desk)
        assert checkpoints is not None
        checkpoints.done.clear()
        for i in range(DESK_CHECKPOINT_COMMITS):
            local.put_many(**{f"k{round_}-{i:04d}": "x" * 5000})
        desk.dispose()  # at once: the checkpoint just started may still be running
        assert not Path(str(path) + "-wal").exists()
        assert checkpoints.done.is_set()
        assert (
            _file_alone(path, tmp_path / "copy.sqlite3") == (round_ + 1) * DESK_CHECKPOINT_COMMITS
        )


def test_the_thread_stands_by_while_a_first_copy_checkpoints_in_its_own_commits(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.sqlite3"
    desk = make_local_engine(path)
    migrate.upgrade(desk)
    checkpoints = desk_checkpoints(desk)
    assert checkpoints is not None
    threads = _checkpoint_threads(desk)
    local = LocalStore(desk)
    with local.loading() as held:
        for i in range(3 * DESK_CHECKPOINT_COMMITS):
            with held.begin():
                local.put(held, f"k{i:04d}", "x" * 5000)
    assert "cache-checkpoint" not in threads  # the copy's own (inline, and one at its end) only
    checkpoints.done.clear()
    for i in range(DESK_CHECKPOINT_COMMITS):  # the desk writing again: the thread is back
        local.put_many(**{f"d{i:04d}": "y"})
    assert checkpoints.done.wait(30)
    assert "cache-checkpoint" in threads
    desk.dispose()
