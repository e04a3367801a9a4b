"""One sync cycle: handshake, settle, push, then pull; and the initial pull of a new workstation.

Pure Python over a ``LocalStore`` (the workstation's cache) and a ``ServerStore`` (the server as
the signed-in staff role). Progress is reported through a callback, and ``cancel()`` is checked
between chunks; whatever was committed stays, so every step resumes where it stopped.
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection

from app.sync.local import Applied, Issue, LocalStore
from app.sync.server import Fetched, ServerStore
from app.sync.tables import synced_tables
from app.sync.wire import StoredRow, shape_of

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
CLOCK_SKEW_WARN_SECONDS = 300
READ_AHEAD = 3  # pages of a first copy or re-baseline read from the server ahead of the writes


class Cancelled(Exception):
    """The caller asked to stop; everything committed so far stays."""


class VersionMismatch(Exception):
    """The server's schema is one this client cannot sync with; the message says what to do."""


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The interpreter's cyclic garbage collector paused while a copy lasts (enabled again
    after, if it was). A copy's pages are lists of values with no reference cycles, freed as
    soon as they are written; the collector only walked the process's objects meanwhile,
    holding the interpreter lock both copy threads need (bench_sync, 50k slice: 0.26 s of a
    2.5 s first pull). Process-wide: a desk thread's cyclic garbage waits until the end."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass(slots=True)
class SyncReport:
    pushed_rows: int = 0
    replayed: bool = False
    issues: int = 0
    applied: Applied = field(default_factory=Applied)
    rebaselined: list[str] = field(default_factory=list)
    clock_skew_seconds: float = 0.0
    rotated_device: bool = False
    push_only: bool = False


@dataclass(frozen=True, slots=True)
class SyncConfig:
    batch_size: int = 500  # outbox entries per push transaction
    pull_chunk: int = 2000  # change-log entries per pull transaction
    page_size: int = 5000  # rows per snapshot page (2,000: 15% more CPU)
    apply_rows: int = 250  # pulled rows per local transaction: a mark saved meanwhile waits less
    copy_commit_rows: int = 25_000  # a first copy's rows per local transaction (whole pages)


class SyncEngine:
    """Moves one workstation slice: ``facilities`` (and catalogue rows) as this role sees them."""

    def __init__(
        self,
        local: LocalStore,
        server: ServerStore,
        *,
        device_id: str,
        facilities: frozenset[uuid.UUID],
        client_revision: str | None,
        known_revisions: frozenset[str],
        config: SyncConfig | None = None,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.local = local
        self.server = server
        self.facilities = facilities
        self.client_revision = client_revision
        self.known_revisions = known_revisions
        self.config = config or SyncConfig()
        self._progress = progress
        self._cancel = cancel
        self._now = now or (lambda: datetime.now(UTC))
        stored = local.get("device_id")
        if stored is None:
            local.put_many(device_id=device_id)
            stored = device_id
        self.device_id = stored
        self.tables = synced_tables()  # narrowed to what the role may read at each handshake

    # -- the cycle --------------------------------------------------------------------------

    def cycle(self, *, verify: bool = False) -> SyncReport:
        """Push what this workstation did, then pull what others did. Raises ``Cancelled``,
        ``VersionMismatch`` or a connection error (then nothing is lost; retry later).

        The cycle runs on one server connection, closed when it ends (``ServerStore.held``):
        a workstation holds no server connection between cycles."""
        with self.server.held():
            return self._cycle(verify=verify)

    def _cycle(self, *, verify: bool) -> SyncReport:
        report = SyncReport()
        hs = self.server.handshake(self.device_id)
        self.tables = [t for t in synced_tables() if t.name in hs.readable]
        report.push_only = self._check_versions(hs.server_revision)
        skew = (hs.server_now - self._now()).total_seconds()
        report.clock_skew_seconds = skew
        self.local.put_many(clock_skew_seconds=f"{skew:.0f}")
        if abs(skew) > CLOCK_SKEW_WARN_SECONDS:
            log.warning("this computer's clock is %.0f s off the server's", skew)
        if not hs.registered:
            self.server.register(self.device_id, self.client_revision)
        elif self._settle(hs.acked_lo, hs.acked_seq, hs.acked_digest):
            report.rotated_device = True
            self.server.register(self.device_id, self.client_revision)
        issues, last_id = self.server.issues_since(
            self.device_id, int(self.local.get("last_issue_id", "0") or 0)
        )
        if issues:
            self.local.add_issues(issues, last_id)
            report.issues += len(issues)
        self._push(report)
        if report.push_only:
            return report
        if self.local.get("initial_done") != "1":
            self.initial_pull(report)
        self._pull(report)
        self._refresh_deferred(report)
        if verify:
            report.rebaselined = self.verify()
        self.local.put_many(last_sync_at=self._now().isoformat())
        return report

    def _check_versions(self, server_revision: str | None) -> bool:
        """True when the client is behind the server: it may push, not pull (rule 7)."""
        if server_revision is None:
            raise VersionMismatch("The server has no Rollbook schema. Run `rollbook server init`.")
        if server_revision == self.client_revision:
            return False
        if server_revision not in self.known_revisions:
            log.warning("server schema %s is newer than this client's", server_revision)
            return True
        raise VersionMismatch(
            f"The server's schema ({server_revision}) is older than this Rollbook "
            f"({self.client_revision}). Ask an administrator to run `rollbook server init`."
        )

    def _settle(self, acked_lo: int, acked_seq: int, acked_digest: str | None) -> bool:
        """Finish an acknowledgement whose response was lost; detect a restored or cloned cache.

        Returns True when the cache was found restored/cloned and now syncs as a new device."""
        local_acked = int(self.local.get("acked_seq", "0") or 0)
        if acked_seq <= local_acked:
            return False
        if acked_seq <= self.local.allocated_seq():
            digest = self.local.range_digest(acked_lo, acked_seq)
            if digest is not None and digest == acked_digest:
                self.local.acknowledge(acked_seq, (), None)
                return False
        # The server acknowledged a batch this cache did not send (or does not hold any more):
        # it is a copy. Keep its changes and sync it as a new workstation; merges against the
        # server's rows then turn any stale edit into a visible conflict, not an overwrite.
        old, self.device_id = self.device_id, str(uuid.uuid4())
        self.local.put_many(device_id=self.device_id, acked_seq="0", last_issue_id="0")
        self.local.add_issues(
            [
                Issue(
                    "flag",
                    "sync_devices",
                    uuid.UUID(int=0),
                    "This cache was restored from a backup or copied from another computer. It "
                    "now syncs as a new workstation; check the conflicts that follow.",
                    mine=old,
                )
            ]
        )
        log.warning("restored or cloned cache detected; device %s becomes %s", old, self.device_id)
        return True

    def _push(self, report: SyncReport) -> None:
        while True:
            self._check_cancel()
            batch = self.local.next_batch(self.config.batch_size)
            if batch is None:
                return
            result = self.server.push(self.device_id, batch)
            self.local.acknowledge(batch.hi, result.issues, result.last_issue_id)
            report.replayed = report.replayed or result.replayed
            report.pushed_rows += len(batch.rows)
            report.issues += len(result.issues)
            self._report("push", report.pushed_rows, 0)

    def _pull(self, report: SyncReport) -> None:
        cursor = self._cursor()
        pulled = 0
        while True:
            self._check_cancel()
            chunk = self.server.changes(cursor, self.facilities, self.config.pull_chunk)
            if not chunk:
                return
            names = [t.name for t in self.tables if t.name in chunk.tables]
            fetched = {name: self.server.rows(name, chunk, self.facilities) for name in names}
            cursor = chunk.last
            # Short local transactions, so a mark saved meanwhile waits milliseconds; the
            # cursor moves with the last one (re-applying a part after a cut is harmless).
            work: list[tuple[str, list[StoredRow], list[str]]] = []
            step = self.config.apply_rows
            for name in names:
                rows, gone = fetched[name].rows, fetched[name].gone
                work += [(name, rows[i : i + step], []) for i in range(0, len(rows), step)]
                work.append((name, [], gone))
            for name, rows, gone in work[:-1]:
                with self.local.applying() as conn:
                    self.local.upsert(conn, name, rows, report.applied)
                    self._remove(conn, name, gone, report)
            with self.local.applying() as conn:
                for name, rows, gone in work[-1:]:
                    self.local.upsert(conn, name, rows, report.applied)
                    self._remove(conn, name, gone, report)
                self.local.put(conn, "cursor", f"{cursor[0]}:{cursor[1]}")
            pulled += len(chunk)
            self._report("pull", pulled, 0)

    def _remove(self, conn: Connection, name: str, gone: Iterable[str], report: SyncReport) -> None:
        self.local.remove(conn, name, {uuid.UUID(hex=i) for i in gone}, report.applied)

    def _refresh_deferred(self, report: SyncReport) -> None:
        """Fetch the rows a pull set aside or a push sent, once nothing of theirs is pending:
        where the server kept its own values no change follows to bring them."""
        readable = {t.name for t in self.tables}
        while deferred := self.local.deferred(self.config.page_size):
            self._check_cancel()
            fetched = {
                name: self.server.rows(name, ids, self.facilities)
                if name in readable
                else Fetched([], [i.hex for i in ids])
                for name, ids in deferred.items()
            }
            with self.local.applying() as conn:
                for name, found in fetched.items():
                    self.local.upsert(conn, name, found.rows, report.applied)
                    self._remove(conn, name, found.gone, report)

    def _cursor(self) -> tuple[int, int]:
        raw = self.local.get("cursor")
        if raw is None:
            raise RuntimeError("no pull cursor: the initial pull has not started")
        txid, seq = raw.split(":")
        return int(txid), int(seq)

    # -- initial pull and re-baseline --------------------------------------------------------

    def initial_pull(self, report: SyncReport | None = None) -> SyncReport:
        """Copy the slice table by table, page by page; resumable after a cut."""
        report = report or SyncReport()
        if self.local.get("cursor") is None:
            # Changes from transactions at or after the fence may be missing from the pages
            # read below; the incremental pull replays them (idempotent upserts).
            self.local.put_many(cursor=f"{self.server.fence()}:-1")
        tables = self.tables
        self.local.set_indexes_aside()
        jobs: list[tuple[str, uuid.UUID | None, str | None]] = []
        for table in tables:
            key = f"snapshot:{table.name}"
            mark = self.local.get(key)
            if mark != "done":
                jobs.append((table.name, uuid.UUID(mark) if mark else None, key))

        def done(name: str) -> None:
            index = next(i for i, t in enumerate(tables) if t.name == name)
            self._report("initial pull", index + 1, len(tables))

        self._copy_tables(jobs, report, done)
        self._report("building indexes", 0, 0)
        self.local.restore_indexes()
        self.local.put_many(initial_done="1")
        return report

    def _copy_tables(
        self,
        jobs: Sequence[tuple[str, uuid.UUID | None, str | None]],
        report: SyncReport,
        done: Callable[[str], None] | None = None,
    ) -> set[str]:
        """Copy each job's table slice page by page after ``after``, its progress marked under
        ``key`` (the last page's mark: ``done``; no key: a re-baseline); return the ids copied
        (as the cache stores them).

        A first copy (``key``) writes up to ``copy_commit_rows`` rows of one table in a local
        transaction, with the mark of its last page: each commit writes again every index page
        its rows touched, so fewer commits write less. A re-baseline, on a workstation in use,
        commits every page, so a mark saved meanwhile waits for one page at most."""
        seen: set[str] = set()
        copied: dict[str, int] = {}
        with (
            no_cycle_collection(),
            self.local.loading() as held,
            closing(self._pages(jobs)) as pages,
        ):
            page = next(pages, None)
            while page is not None:
                job, rows, last = page
                name, _after, key = jobs[job]
                limit = self.config.copy_commit_rows if key is not None else 0
                with self.local.applying(held) as conn, self.local.outbox_quiet(conn, name):
                    written = 0
                    while True:
                        self.local.upsert(conn, name, rows, report.applied, new=key is not None)
                        written += len(rows)
                        if key is not None:
                            self.local.put(conn, key, str(uuid.UUID(hex=last)) if last else "done")
                        else:
                            seen.update(r[0] for r in rows)
                        if rows:
                            copied[name] = copied.get(name, 0) + len(rows)
                            self._report(f"copy {name}", copied[name], 0)
                        if last is None or written >= limit:
                            break
                        job, rows, last = next(pages)  # more of this table
                if last is None and key is not None:
                    with held.begin():
                        self.local.build_indexes_of(held, name)
                if last is None and done is not None:
                    done(name)
                page = next(pages, None)
        return seen

    def _pages(
        self, jobs: Sequence[tuple[str, uuid.UUID | None, str | None]]
    ) -> Generator[tuple[int, list[StoredRow], str | None]]:
        """Every job's pages in turn, as (job, rows, the page's greatest id when more pages
        of its table follow). A table with no rows gives one empty page.

        A reader thread reads them up to ``READ_AHEAD`` pages ahead of the writes, of this
        table and the next (the driver waits for the server, and SQLite writes and builds
        indexes, without holding the interpreter): while a finished table's indexes are
        built, the next pages are read and decoded. It stops when the copy does."""
        size = self.config.page_size
        ready: queue.Queue[tuple[int, list[StoredRow], str | None] | BaseException]
        ready = queue.Queue(READ_AHEAD)
        stop = threading.Event()

        def hand_over(item: tuple[int, list[StoredRow], str | None] | BaseException) -> bool:
            while not stop.is_set():
                try:
                    ready.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def read() -> None:
            try:
                for job, (name, after, _key) in enumerate(jobs):
                    while True:
                        rows = self.server.page(name, after, self.facilities, size)
                        last = shape_of(name).last_id(rows) if len(rows) == size else None
                        if not hand_over((job, rows, last)) or last is None:
                            break
                        after = uuid.UUID(hex=last)
                    if stop.is_set():
                        return
            except BaseException as err:  # raised again on the copying thread
                hand_over(err)

        reader = threading.Thread(target=read, name="sync-read", daemon=True)
        reader.start()
        try:
            tables_left = len(jobs)
            while tables_left:
                item = ready.get()
                if isinstance(item, BaseException):
                    raise item
                self._check_cancel()
                if item[2] is None:
                    tables_left -= 1
                yield item
        finally:
            stop.set()
            reader.join()

    def verify(self) -> list[str]:
        """Compare every table's (id, row_version) with the server's; re-copy the tables that
        differ (after the push, so nothing pending is overwritten). Returns their names."""
        differing = []
        for table in self.tables:
            self._check_cancel()
            theirs = self.server.ids_and_versions(table.name, self.facilities)
            mine = self.local.ids_and_versions(table.name, self.facilities)
            if theirs == mine:
                continue
            differing.append(table.name)
            report = SyncReport()
            seen = self._copy_tables([(table.name, None, None)], report)
            extra = {i for i, _ in mine if i.hex not in seen}
            if extra:
                with self.local.applying() as conn:
                    self.local.remove(conn, table.name, extra, report.applied)
            log.warning("slice of %s diverged from the server; re-copied", table.name)
        return differing

    def digests_match(self) -> bool:
        return all(
            self.server.ids_and_versions(t.name, self.facilities)
            == self.local.ids_and_versions(t.name, self.facilities)
            for t in self.tables
        )

    # -- helpers ----------------------------------------------------------------------------

    def _check_cancel(self) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled("sync stopped on request")

    def _report(self, stage: str, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress(stage, done, total)
