"""The writers' turn of a workstation cache: one writer at a time, across threads and processes.

SQLite lets one connection write at a time; a second waits in SQLite's busy handler, which
sleeps in growing steps, so a mark saved while the sync applies rows could wait long after the
way was free. Here writers of one cache take turns on a lock handed over the moment the holder
commits, rolls back or dies: an ``flock`` on a file beside the cache (threads and the sync
worker process alike), the desk's writers before a background engine's (the sync worker).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: writers across processes wait in SQLite's busy handler
    fcntl = None  # type: ignore[assignment]

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, event

log = logging.getLogger(__name__)


WRITER_LOCK_SUFFIX = "-writer"  # beside the cache file, as SQLite's -wal and -shm
LOCK_FILE_SUFFIXES = (WRITER_LOCK_SUFFIX, WRITER_LOCK_SUFFIX + "-want")  # every file of the turn
_WRITERS: weakref.WeakKeyDictionary[Engine, dict[object, tuple[object, float]]] = (
    weakref.WeakKeyDictionary()
)
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")
_WRITE_WAIT_S = 5.0  # as long as SQLite's own busy_timeout
# A background engine checkpoints the WAL after this many of its write transactions, or
# sooner once they have held the turn this long in all (large ones: a first copy's pages),
# always with the turn given back. Measured in bench_sync (the sync worker pulling 10,000
# changes, 25 rows a transaction, marks saved meanwhile): SQLite's automatic checkpoint inside
# the worker's COMMIT held the turn 20-45 ms once every ~20 transactions. Outside the turn,
# every 16 transactions gave marks a lower p99 than every 4 (fewer fsyncs of the worker's
# next to the desk's) and every 32 let the WAL pass the desk's own automatic checkpoint
# (1,000 pages), which then ran in a mark's commit. (The desk has none since; every 256
# measured the same as 16 in busy marks on 2026-12-07, within the runs' spread.)
BACKGROUND_CHECKPOINT_COMMITS = 16
BACKGROUND_CHECKPOINT_HELD_S = 0.025
# The desk's engine checkpoints after this many of its write transactions, on a thread of its
# own: SQLite's automatic checkpoint (every 1,000 WAL pages) ran inside the COMMIT of every
# hundredth mark or so, and was the slowest 1 % of marks with the sync idle (measured on the
# demo workstation: p99 8.4-9.1 ms with it, 5.0-5.4 ms without; median 3.2-3.7 ms either way).
# A mark writes about ten pages, so 64 marks fill the WAL about as far as SQLite's default.
DESK_CHECKPOINT_COMMITS = 64


class _ThreadTurn:
    """The writers' turn among the threads of this process (an in-memory cache; Windows)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def take(self, timeout: float) -> object | None:
        return self._lock if self._lock.acquire(timeout=timeout) else None

    def give(self, _token: object) -> None:
        self._lock.release()


class _FileTurn:
    """The writers' turn among every process and thread: an exclusive ``flock`` on a file
    beside the cache, each turn on a descriptor of its own (so threads of one process exclude
    each other too). The waiter blocks in the kernel, which hands the lock over the moment
    the holder lets go (or dies: a killed sync worker never keeps it).

    A ``background`` writer (the sync worker) lets the desk's writers go first: a desk writer
    that has to wait holds a shared lock on a second file (``-want``) until its turn comes,
    and a background writer takes its turn only once that file is free. Without it the sync,
    writing transaction after transaction, could take the turn again before the woken desk
    thread got to it, and a mark would wait several of its transactions instead of one."""

    def __init__(self, path: str, *, background: bool = False) -> None:
        self._path = path
        self._want = path + "-want"  # the cache's LOCK_FILE_SUFFIXES[1]
        self._background = background

    def take(self, timeout: float) -> object | None:
        if self._background:
            self._let_the_desk_go_first(timeout)
        fd = _open_lock_file(self._path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            pass
        except BaseException:
            os.close(fd)
            raise
        want = None if self._background else _open_lock_file(self._want)
        # Held elsewhere: wait in the kernel on a helper thread, so the wait can end.
        got = threading.Event()
        guard = threading.Lock()
        abandoned = [False]

        def let_go_of_want() -> None:
            if want is not None:
                os.close(want)  # closing the descriptor lets its lock go

        def wait() -> None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:
                abandoned[0] = True
            with guard:
                if abandoned[0]:
                    os.close(fd)
                else:
                    let_go_of_want()
                    got.set()

        try:
            if want is not None:
                fcntl.flock(want, fcntl.LOCK_SH)
            threading.Thread(target=wait, name="cache-writer-turn", daemon=True).start()
        except BaseException:
            os.close(fd)
            let_go_of_want()
            raise
        if got.wait(timeout):
            return fd
        with guard:
            if got.is_set():
                return fd
            abandoned[0] = True
            let_go_of_want()
        return None

    def _let_the_desk_go_first(self, timeout: float) -> None:
        """Wait (polling: this writer is in no hurry) until no desk writer waits for a turn."""
        want = _open_lock_file(self._want)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(want, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        return
                    time.sleep(0.0005)
        finally:
            os.close(want)

    def give(self, token: object) -> None:
        assert isinstance(token, int)
        try:
            fcntl.flock(token, fcntl.LOCK_UN)
        finally:
            os.close(token)


def _open_lock_file(path: str) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)


def share_one_writer(
    engine: Engine,
    path: str | None,
    *,
    background: bool = False,
    checkpointer: Engine | None = None,
) -> None:
    """Writers of one cache take turns on a lock of their own, across processes (the desk
    and its sync worker) where the platform has ``flock``, across threads everywhere.

    SQLite lets one connection write at a time; a second one waits in SQLite's busy handler,
    which sleeps in growing steps, so a mark saved while the sync applies rows could wait a
    hundred milliseconds after the way was free. Here it waits on a lock that is handed over
    as soon as the writer's COMMIT or ROLLBACK has returned. Past ``_WRITE_WAIT_S`` the write
    goes on without it and SQLite decides, as before. The turn is taken at a connection's
    first write statement (the driver begins its transaction there) and given back at commit,
    rollback or when the connection returns to the pool.

    On Windows (no ``flock``) the desk and its sync worker are serialised by SQLite's busy
    handler only: a mark may then wait a few milliseconds longer than the worker's write.
    A ``background`` engine's writers let the other writers go first (``_FileTurn``), and it
    checkpoints the WAL (``PASSIVE``: it never waits for a reader or a writer) every
    ``BACKGROUND_CHECKPOINT_COMMITS`` write transactions (or ``BACKGROUND_CHECKPOINT_HELD_S``
    of turns held), just after giving the turn back, so
    the desk may write while the checkpoint copies pages. No connection checkpoints on its
    own (``make_local_engine``): the desk's engine does it on a thread of its own every
    ``DESK_CHECKPOINT_COMMITS`` write transactions (``_DeskCheckpoints``), on a connection
    of ``checkpointer`` (an engine of the same file that pools none). A checkpoint cut
    short (a killed worker) is safe: the WAL keeps every frame until the database file holds
    it.
    """
    turn: _ThreadTurn | _FileTurn
    if path is not None and fcntl is not None:
        turn = _FileTurn(path + WRITER_LOCK_SUFFIX, background=background)
    else:
        turn = _ThreadTurn()
    held: dict[object, tuple[object, float]] = {}  # DBAPI connection -> (token, taken at)
    _WRITERS[engine] = held
    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def _raw(connection: object) -> object:
        return getattr(connection, "dbapi_connection", connection)

    def _give_back(connection: object) -> float | None:
        """Give the turn back if this connection holds it; how long it held it (seconds)."""
        entry = held.pop(_raw(connection), None)
        if entry is None:
            return None
        token, taken = entry
        turn.give(token)
        return time.monotonic() - taken

    since = [0, 0.0]  # a background engine's write transactions and turn held since a checkpoint
    desk = _DeskCheckpoints(engine, checkpointer) if checkpointer is not None else None

    def _checkpoint(connection: Any, held_s: float) -> None:
        """A background engine's share of the WAL's checkpoints, outside the turn; the
        desk's, on a thread of its own."""
        if desk is not None:
            desk.committed()
            return
        if not background or path is None:
            return
        since[0] += 1
        since[1] += held_s
        if since[0] < BACKGROUND_CHECKPOINT_COMMITS and since[1] < BACKGROUND_CHECKPOINT_HELD_S:
            return
        since[0], since[1] = 0, 0.0
        try:
            _raw(connection).execute("PRAGMA wal_checkpoint(PASSIVE)").close()  # type: ignore[attr-defined]
        except sqlcipher.Error as err:  # the next one catches up; nothing depends on it
            log.debug("background checkpoint: %s", err)

    @event.listens_for(engine, "before_cursor_execute")
    def _take(conn: Connection, _c: object, statement: str, *_args: object) -> None:
        raw = _raw(conn.connection)
        if raw in held or not statement.lstrip().upper().startswith(_WRITES):
            return
        token = turn.take(_WRITE_WAIT_S)
        if token is not None:
            held[raw] = (token, time.monotonic())

    def do_commit(connection: Any) -> None:
        try:
            commit(connection)
        finally:
            held_s = _give_back(connection)
        if held_s is not None:
            _checkpoint(connection, held_s)

    def do_rollback(connection: Any) -> None:
        try:
            rollback(connection)
        finally:
            _give_back(connection)

    dialect.do_commit = do_commit  # type: ignore[method-assign,assignment]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign,assignment]

    @event.listens_for(engine.pool, "checkin")
    def _returned(dbapi_connection: object, _record: object) -> None:
        _give_back(dbapi_connection)  # a connection given back mid-transaction (an error)


class _DeskCheckpoints:
    """The desk engine's checkpoints, off the path of its writes: every
    ``DESK_CHECKPOINT_COMMITS`` write transactions, a short-lived thread copies the WAL into
    the file (``PASSIVE``: it waits for no reader or writer, and a mark saved meanwhile goes
    on). The desk's connections never checkpoint inside a COMMIT (``make_local_engine``);
    the sync worker checkpoints after its own writes, and SQLite once more when the last
    connection closes. ``done`` is set after each checkpoint (for tests).

    The thread's connection is its own (``checkpointer`` pools none): it takes none of the
    desk's, which a mark would then have to open again, and it is closed when the checkpoint
    is done. ``Engine.dispose`` waits for a checkpoint under way: once the desk lets go of its
    cache (to move it aside, copy or upgrade it) no connection of this thread is left open."""

    def __init__(self, engine: Engine, checkpointer: Engine) -> None:
        self.checkpointer = checkpointer
        self._lock = threading.Lock()
        self._since = 0
        self._paused = 0
        self._thread: threading.Thread | None = None
        self.done = threading.Event()
        _DESK_CHECKPOINTS[engine] = self
        event.listen(engine, "engine_disposed", self._disposed)

    def committed(self) -> None:
        with self._lock:
            self._since += 1
            if self._since < DESK_CHECKPOINT_COMMITS or self._thread or self._paused:
                return
            self._since = 0
            self._thread = threading.Thread(target=self._run, name="cache-checkpoint", daemon=True)
            self._thread.start()

    @contextmanager
    def standing_by(self) -> Iterator[None]:
        """No checkpoint of this thread while a bulk load checkpoints inside its own commits
        (``LocalStore.loading``): a second one meanwhile only competed with its writes."""
        with self._lock:
            self._paused += 1
        try:
            yield
        finally:
            with self._lock:
                self._paused -= 1

    def _run(self) -> None:
        try:
            with self.checkpointer.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except Exception as err:  # the next one catches up; nothing depends on it
            log.debug("desk checkpoint: %s", err)
        finally:
            with self._lock:
                self._thread = None
            self.done.set()

    def _disposed(self, _engine: Engine) -> None:
        with self._lock:
            running = self._thread
        if running is not None and running is not threading.current_thread():
            running.join(_WRITE_WAIT_S)


_DESK_CHECKPOINTS: weakref.WeakKeyDictionary[Engine, _DeskCheckpoints] = weakref.WeakKeyDictionary()


def desk_checkpoints(engine: Engine) -> _DeskCheckpoints | None:
    """The desk engine's checkpointer (None for a background or in-memory engine)."""
    return _DESK_CHECKPOINTS.get(engine)


def writer_busy(engine: Engine) -> bool:
    """Whether a transaction of this cache holds the writers' turn now (for checks and tests)."""
    held = _WRITERS.get(engine)
    return bool(held)
