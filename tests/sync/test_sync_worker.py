"""The sync cycle in a process of its own (``app.sync.worker``), as the desk runs it (issue 16).

A worker killed with SIGKILL in the middle of a push or a pull loses nothing: every step commits
atomically on both sides, the next attempt starts a new process and converges (the slice's
digests match the server's, every tagged write is on the server once). The cache key and the
server password reach the worker through its pipe, never its command line or environment. A
cycle blocked on a hung server ends at once when the session stops the worker.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app.db import migrate
from app.db.models import CaseNote
from app.domain.enums import Role
from app.domain.server_profile import ServerProfile
from app.infra.credentials import CredentialStore
from app.signin import SignInService
from app.sync.engine import Cancelled, SyncConfig, SyncReport
from app.sync.worker import CycleJob, SyncWorker, WorkerLost
from tests.keyrings import MemoryKeyring
from tests.signin_site import PASSWORD, Site
from tests.sync.conftest import KNOWN, Sites, Station
from tests.sync.test_faults import Ledger, _add_note, _assert_clean, _assert_exactly_once
from tests.tcpserver import FreezableProxy

pytestmark = pytest.mark.postgres

SMALL = SyncConfig(batch_size=4, pull_chunk=4, page_size=50, apply_rows=2)


def _job(sites: Sites, station: Station, path: Path) -> CycleJob:
    return CycleJob(
        cache_path=str(path),
        server_url=sites.server.as_(station.login),
        device_id=station.sync.device_id,
        facilities=station.facilities,
        client_revision=migrate.head_revision(),
        known_revisions=KNOWN,
        config=SMALL,
    )


def _notes_in(engine: Engine, prefix: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(CaseNote).where(CaseNote.body.startswith(prefix))
            ).scalar_one()
        )


def _killed_at(worker: SyncWorker, stage: str) -> tuple[list[int], Callable[[str, int, int], None]]:
    """A progress callback that SIGKILLs the worker at the first report of ``stage``, as a
    crash would; returns the pids killed."""
    killed: list[int] = []

    def progress(seen: str, _done: int, _total: int) -> None:
        if seen == stage and not killed:
            pid = worker.pid
            assert pid is not None and pid != os.getpid()
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)

    return killed, progress


def test_a_worker_killed_mid_push_loses_nothing_and_the_next_cycle_converges(
    sites: Sites, tmp_path: Path
) -> None:
    login = sites.server.staff("wpush", Role.FACILITY_ADMIN, "A")
    ws = sites.station("wpush", login)
    ws.cycle()
    ledger = Ledger("wpush-")
    for i in range(24):
        _add_note(ws.uow, ledger, sites.server.facility["A"], sites.students["A"][i % 12])
    queued = ws.local.outbox_count()[0]
    worker = SyncWorker()
    try:
        killed, progress = _killed_at(worker, "push")
        with pytest.raises(WorkerLost):
            worker.cycle(_job(sites, ws, tmp_path / "wpush.sqlite3"), progress=progress)
        assert killed, "the worker was never seen pushing"
        left = ws.local.outbox_count()[0]
        assert 0 < left < queued  # killed in the middle: part sent, part still queued

        report = worker.cycle(_job(sites, ws, tmp_path / "wpush.sqlite3"))
        assert isinstance(report, SyncReport) and report.pushed_rows > 0
        assert worker.pid not in (None, killed[0])  # a new process took over
    finally:
        worker.close()
    _assert_clean(ws)
    _assert_exactly_once(sites.superuser().engine, ledger, "after a worker killed mid-push")


def test_a_worker_killed_mid_pull_loses_nothing_and_the_next_cycle_converges(
    sites: Sites, tmp_path: Path
) -> None:
    login = sites.server.staff("wpull", Role.FACILITY_ADMIN, "A")
    ws = sites.station("wpull", login)
    ws.cycle()
    other = sites.station("wother", sites.server.staff("wother", Role.FACILITY_ADMIN, "A"))
    other.cycle()
    ledger = Ledger("wpull-")
    for i in range(40):
        _add_note(other.uow, ledger, sites.server.facility["A"], sites.students["A"][i % 12])
    other.cycle()
    worker = SyncWorker()
    try:
        killed, progress = _killed_at(worker, "pull")
        with pytest.raises(WorkerLost):
            worker.cycle(_job(sites, ws, tmp_path / "wpull.sqlite3"), progress=progress)
        assert killed, "the worker was never seen pulling"
        assert 0 < _notes_in(ws.cache, "wpull-") < 40  # killed in the middle of the pull

        worker.cycle(_job(sites, ws, tmp_path / "wpull.sqlite3"))
        assert worker.pid not in (None, killed[0])
    finally:
        worker.close()
    assert _notes_in(ws.cache, "wpull-") == 40
    _assert_clean(ws)
    _assert_exactly_once(sites.superuser().engine, ledger, "after a worker killed mid-pull")


@pytest.fixture
def relay(site: Site) -> Iterator[FreezableProxy]:
    site.pg.start()
    proxy = FreezableProxy(site.pg.port)
    yield proxy
    proxy.close()


def test_the_key_and_password_reach_the_worker_by_pipe_and_a_stop_ends_a_hung_cycle_at_once(
    site: Site, relay: FreezableProxy, tmp_path: Path
) -> None:
    ring = MemoryKeyring()
    signin = SignInService(CredentialStore(ring), tmp_path / "data")
    profile = ServerProfile("127.0.0.1", relay.port, "rollbook", "disable")
    session = signin.sign_in(profile, site.staff(Role.FACILITY_ADMIN), PASSWORD, remember=False)
    worker = SyncWorker()
    try:
        job = session.sync_job()
        assert job.cache_key is not None  # the cache is encrypted: the worker must be given it
        report = worker.cycle(job)  # the initial pull, opened with the key it was sent
        assert report.applied.upserted
        pid = worker.pid
        assert pid is not None
        seen = Path(f"/proc/{pid}/cmdline").read_bytes() + Path(f"/proc/{pid}/environ").read_bytes()
        for secret in (PASSWORD.encode(), job.cache_key.hex().encode(), job.cache_key):
            assert secret not in seen

        relay.freeze()  # the server hangs
        outcome: list[BaseException | SyncReport] = []

        def run() -> None:
            try:
                outcome.append(worker.cycle(session.sync_job()))
            except BaseException as err:
                outcome.append(err)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while relay.held == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert relay.held > 0, "the cycle never reached the server"
        assert not outcome  # blocked on the hung server
        started = time.monotonic()
        worker.stop()
        thread.join(10)
        assert not thread.is_alive()
        # "At once": well before the 8 s connect or 60 s statement timeout would end it, with
        # room for a loaded machine (CI shares its cores with the server and the worker).
        assert time.monotonic() - started < 5.0
        assert len(outcome) == 1 and isinstance(outcome[0], Cancelled), outcome
        assert not worker.alive
    finally:
        relay.thaw()
        worker.close()
        session.close()


def test_a_worker_started_after_a_stop_syncs_again(sites: Sites, tmp_path: Path) -> None:
    login = sites.server.staff("wagain", Role.FACILITY_ADMIN, "A")
    ws = sites.station("wagain", login)
    worker = SyncWorker()
    try:
        worker.stop()  # nothing running: nothing to end
        worker.cycle(_job(sites, ws, tmp_path / "wagain.sqlite3"))
        first = worker.pid
        ledger = Ledger("wagain-")
        _add_note(ws.uow, ledger, sites.server.facility["A"], sites.students["A"][0])
        worker.cycle(_job(sites, ws, tmp_path / "wagain.sqlite3"))
        assert worker.pid == first  # one process serves every cycle of a session
    finally:
        worker.close()
    assert worker.wait(5) and not worker.alive
    _assert_clean(ws)
    _assert_exactly_once(sites.superuser().engine, ledger, "after two cycles of one worker")
