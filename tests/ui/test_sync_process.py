"""The desk's sync runs in a process of its own (issue 16: marks never wait on a sync).

Driven on the real main window of a person signed in through a relay the test can hang: F5
syncs through the worker process (a cycle run in the desk's own process fails the test), the
status bar shows what it brought; a worker killed in the middle of a cycle is a failed attempt
said in plain words, and the next attempt starts a new worker and succeeds.
"""

from __future__ import annotations

import os
import re
import signal
import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.db.engine import make_server_engine
from app.sync.engine import SyncEngine
from app.ui.sync_scheduler import CycleOutcome
from tests.signin_site import Site
from tests.ui.signed_in import SignedIn, proxy, signed_in, stuck_sync

__all__ = ["proxy", "signed_in"]  # fixtures

pytestmark = [pytest.mark.postgres, pytest.mark.flow]

DRIVER_WORDS = ("psycopg", "OperationalError", "EOFError", "Traceback", "errno", "pid")


def _outcome(qtbot: QtBot, desk: SignedIn, key: bool = True) -> CycleOutcome:
    with qtbot.waitSignal(desk.controller.sig_synced, timeout=30_000) as synced:
        if key:
            qtbot.keyClick(desk.window, Qt.Key.Key_F5)
    outcome = synced.args[0]
    assert isinstance(outcome, CycleOutcome)
    return outcome


def _worker_pid(desk: SignedIn) -> int:
    scheduler = desk.controller.scheduler
    assert scheduler is not None
    pid = scheduler.worker_pid
    assert pid is not None and pid != os.getpid()
    return pid


@pytest.fixture
def renamed(site: Site) -> Iterator[uuid.UUID]:
    """A student renamed on the server as another workstation would; renamed back after."""
    student = site.world.students[1]
    engine = make_server_engine(site.admin_url)
    with engine.begin() as conn:
        old = conn.execute(
            text("SELECT name_first FROM users WHERE id = :i"), {"i": student}
        ).scalar_one()
        conn.execute(text("UPDATE users SET name_first = 'Worker' WHERE id = :i"), {"i": student})
    yield student
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET name_first = :n WHERE id = :i"), {"n": old, "i": student}
        )
    engine.dispose()


def test_f5_syncs_in_the_worker_process_and_the_status_bar_shows_it(
    qtbot: QtBot, signed_in: SignedIn, renamed: uuid.UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, win = signed_in, signed_in.window

    def in_the_desk(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a sync cycle ran in the desk's own process")

    monkeypatch.setattr(SyncEngine, "cycle", in_the_desk)  # only this process's copy
    outcome = _outcome(qtbot, desk)
    assert outcome.error is None and outcome.online, outcome
    assert outcome.changes is not None and outcome.changes.touches("users")
    _worker_pid(desk)
    assert "online" in win.connection_label.text()
    assert "offline" not in win.connection_label.text()
    assert "all changes sent" in win.sync_label.text()
    assert win.retry_label.text() == ""
    assert desk.first_name_in_cache(renamed) == "Worker"  # written by the worker


def test_a_worker_killed_mid_cycle_is_a_failed_attempt_and_the_next_one_succeeds(
    qtbot: QtBot, signed_in: SignedIn
) -> None:
    desk, win = signed_in, signed_in.window
    assert _outcome(qtbot, desk).error is None
    first = _worker_pid(desk)
    with qtbot.waitSignal(desk.controller.sig_synced, timeout=30_000) as synced:
        stuck_sync(qtbot, desk)  # F5 while the server hangs: the cycle waits for an answer
        os.kill(first, signal.SIGKILL)  # the worker dies in the middle of the cycle
    failed = synced.args[0]
    assert isinstance(failed, CycleOutcome)
    assert failed.error is not None and "stopped before it finished" in failed.error
    assert failed.error in win.connection_label.toolTip()
    assert re.fullmatch(r"retrying in \d+ s", win.retry_label.text()), win.retry_label.text()
    for shown in (win.connection_label.text(), win.sync_label.text(), win.retry_label.text()):
        for words in DRIVER_WORDS:
            assert words.lower() not in shown.lower(), shown

    desk.proxy.thaw()
    again = _outcome(qtbot, desk)  # F5 again, before the retry is due
    assert again.error is None and again.online, again
    assert _worker_pid(desk) != first  # a new worker took over
    assert win.retry_label.text() == ""
    assert "online" in win.connection_label.text()
    assert "offline" not in win.connection_label.text()
