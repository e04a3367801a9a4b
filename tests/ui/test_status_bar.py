"""The status bar tells the truth (issue 12, items 10, 11 and 14).

Online or offline from the last real contact with the server, in plain words; the pending count
the moment a change is saved; "retrying in N s" while backing off and a sync that never gives
up; times in the facility's timezone, named; a sync cycle publishes what it changed; F5 in the
demo says there is no server. Driven from the keyboard on the real main window.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app import desk_sync
from app.db.engine import make_server_engine
from app.domain.actor import Actor
from app.repositories.uow import UnitOfWorkFactory
from app.services.changes import Changes
from app.services.workstation import WorkstationStatus
from app.sync.local import LocalStore
from app.sync.status import SyncStatus, read_status
from app.ui.main_window import MainWindow, Workstation
from app.ui.sync_scheduler import CycleOutcome
from tests.integration.factories import add_facility
from tests.signin_site import Site
from tests.ui.conftest import TZ, Desk
from tests.ui.signed_in import SignedIn, proxy, signed_in

__all__ = ["proxy", "signed_in"]  # fixtures

DRIVER_WORDS = ("psycopg", "OperationalError", "sqlalche.me", "Background on this error", "errno")


def _pending(desk: Desk) -> int:
    with desk.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one())


def _pending_words(count: int) -> str:
    return "1 change not sent yet" if count == 1 else f"{count} changes not sent yet"


def _enrol(qtbot: QtBot, desk: Desk, who: str) -> None:
    """Rosters (Ctrl+2), Carpentry, type a name in the enrol box, Enter."""
    win = desk.win
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = win.rosters
    qtbot.waitUntil(lambda: view.class_box.count() == 2, timeout=10_000)
    view.class_box.setCurrentIndex(
        view.class_box.findText("Carpentry", Qt.MatchFlag.MatchStartsWith)
    )
    qtbot.waitUntil(lambda: view.model.rowCount() == 10, timeout=10_000)
    view.enrol.setFocus()
    qtbot.keyClicks(view.enrol, who)
    qtbot.waitUntil(lambda: view.matches.isVisible() and view.matches.count() == 1, timeout=10_000)
    qtbot.keyClick(view.enrol, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.rowCount() == 11, timeout=10_000)


def test_saving_a_change_raises_the_pending_count_at_once(qtbot: QtBot, desk: Desk) -> None:
    before = _pending(desk)
    qtbot.waitUntil(lambda: _pending_words(before) in desk.win.sync_label.text(), timeout=10_000)
    _enrol(qtbot, desk, "Last15")
    after = _pending(desk)
    assert after > before  # the enrolment waits in the outbox
    qtbot.waitUntil(lambda: _pending_words(after) in desk.win.sync_label.text(), timeout=10_000)


def test_times_are_in_the_facility_timezone_and_say_which(qtbot: QtBot, desk: Desk) -> None:
    # The last sync was at 19:05 UTC, 14:05 in New York, the desk clock's day.
    LocalStore(desk.engine).put_many(
        last_sync_at=datetime(2026, 11, 22, 19, 5, tzinfo=UTC).isoformat()
    )
    _enrol(qtbot, desk, "Last16")
    label = desk.win.sync_label
    qtbot.waitUntil(lambda: "last synced" in label.text(), timeout=10_000)
    assert f"last synced 14:05 ({TZ})" in label.text()
    assert "UTC" not in label.text() and not re.search(r"\d{4}-\d\d-\d\d", label.text())


def test_f5_in_the_demo_says_there_is_no_server(qtbot: QtBot, desk: Desk) -> None:
    win = MainWindow(desk.runner, desk.messages)
    qtbot.addWidget(win)
    facilities = tuple(desk.services.facilities.list_facilities())
    demo = Workstation(
        desk.services, WorkstationStatus(1, demo=True), facilities, "Demo workstation"
    )
    with qtbot.waitActive(win):
        win.set_workstation(demo)
        win.show()
        win.activateWindow()
    asked: list[bool] = []
    win.sig_sync_now.connect(lambda: asked.append(True))
    assert "no server configured" in win.connection_label.text()
    assert not win.notice_label.isVisible()  # no room taken while it has nothing to say
    qtbot.keyClick(win, Qt.Key.Key_F5)
    assert win.notice_label.isVisible()
    assert "demo workstation: there is no server to sync with" in win.notice_label.text()
    assert "Connect to a server" in win.notice_label.text()
    assert asked == []  # nothing tried to reach a server
    # The demo's own changes are counted, not a fixed "0", and nothing claims a sync is due.
    kept = f"{_pending(desk)} changes kept on this computer only"
    qtbot.waitUntil(lambda: win.sync_label.text() == kept, timeout=10_000)


def _outcome(qtbot: QtBot, desk: SignedIn, key: bool = True) -> CycleOutcome:
    with qtbot.waitSignal(desk.controller.sig_synced, timeout=30_000) as synced:
        if key:
            qtbot.keyClick(desk.window, Qt.Key.Key_F5)
    outcome = synced.args[0]
    assert isinstance(outcome, CycleOutcome)
    return outcome


def _no_driver_words(*texts: str) -> None:
    for shown in texts:
        for words in DRIVER_WORDS:
            assert words.lower() not in shown.lower(), shown


def test_a_failed_sync_says_offline_in_plain_words_counts_down_and_tries_again(
    qtbot: QtBot, signed_in: SignedIn
) -> None:
    desk, win = signed_in, signed_in.window
    assert "online" in win.connection_label.text()
    desk.proxy.refuse()  # the server goes away
    outcome = _outcome(qtbot, desk)
    assert not outcome.online and outcome.error is not None
    assert "offline" in win.connection_label.text()
    assert "online" not in win.connection_label.text().replace("offline", "")
    assert outcome.error in win.connection_label.text()
    _no_driver_words(win.connection_label.text(), win.sync_label.text(), win.retry_label.text())
    assert outcome.detail and outcome.detail in win.connection_label.toolTip()
    countdown = re.fullmatch(r"retrying in (\d+) s", win.retry_label.text())
    assert countdown is not None, win.retry_label.text()
    first = int(countdown.group(1))
    assert 4 <= first <= 6  # 5 s, give or take the jitter
    qtbot.waitUntil(lambda: win.retry_label.text() == f"retrying in {first - 1} s", timeout=2_500)

    desk.proxy.listen()  # the server is back; nobody presses anything
    again = _outcome(qtbot, desk, key=False)
    assert again.online and again.error is None
    assert "online" in win.connection_label.text() and "offline" not in win.connection_label.text()
    assert win.retry_label.text() == ""


def test_the_retry_countdown_ticks_down_to_the_attempt_on_the_window(
    qtbot: QtBot, desk: Desk
) -> None:
    """The window's own timer counts down to "retrying now…". That no second is skipped
    whatever the attempt's phase is played on a simulated clock (tests/unit/test_retry_countdown):
    here, a desk busy loading its screens may rightly skip one."""
    win = desk.win
    shown: list[str] = []

    def note() -> None:
        text = win.retry_label.text()
        if not shown or shown[-1] != text:
            shown.append(text)

    ticker = QTimer(win)
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(note)
    ticker.start(5)
    failed = CycleOutcome(None, None, False, "the server does not answer", retry_in_s=2.0005)
    win.set_sync_state(failed)
    note()
    qtbot.waitUntil(lambda: shown[-1] == "retrying now…", timeout=30_000)
    ticker.stop()
    assert shown[0] == "retrying in 3 s"
    seconds = [int(m.group(1)) for t in shown[:-1] if (m := re.fullmatch(r"retrying in (\d) s", t))]
    assert len(seconds) == len(shown) - 1  # nothing but the countdown was shown
    assert seconds == sorted(seconds, reverse=True) and len(set(seconds)) == len(seconds)
    assert win.retry_label.text() == "retrying now…"


def _settle_layout(win: MainWindow) -> None:
    """The status bar's layout takes its widgets' new texts in now (it would on the next
    pass of the event loop)."""
    QApplication.sendPostedEvents()
    layout = win.statusBar().layout()
    assert layout is not None
    layout.activate()


def test_a_long_offline_reason_gives_way_and_the_countdown_moves_nothing(
    qtbot: QtBot, desk: Desk
) -> None:
    """On a narrow window the connection text is elided (whole in its tooltip) instead of cut
    mid-word, the bar does not shift when the countdown passes from one digit to two, and the
    first download's progress keeps its text on one line (all seen on desk-shot at 1366x768)."""
    win = desk.win
    win.resize(1000, 700)
    reason = (
        "the server refused the connection; is it running, and accepting connections on the"
        " address and port this workstation was set up with?"
    )
    failed = CycleOutcome(None, None, False, reason, retry_in_s=4.5)
    win.set_sync_state(failed)
    qtbot.waitUntil(lambda: win.retry_label.text() == "retrying in 5 s", timeout=5_000)
    label = win.connection_label
    _settle_layout(win)
    before, countdown = label.geometry(), win.retry_label.geometry()
    assert not win.notice_label.isVisible()  # the connection text has the bar's left part
    assert reason in label.text() and reason in label.toolTip()
    assert 80 <= label.width() < label.fontMetrics().horizontalAdvance(label.text())  # elided

    win.set_sync_state(replace(failed, retry_in_s=14.5))
    qtbot.waitUntil(lambda: win.retry_label.text() == "retrying in 15 s", timeout=5_000)
    _settle_layout(win)
    assert win.retry_label.geometry() == countdown  # nothing moved
    assert label.geometry() == before

    bar = win.progress
    win.show_sync_progress("initial pull", 22, 30)
    qtbot.waitUntil(bar.isVisible, timeout=5_000)
    _settle_layout(win)
    assert bar.text() == "first download 22/30"
    assert bar.width() > bar.fontMetrics().horizontalAdvance("first download 22/30")
    win.show_sync_progress("copy users", 4_000, 5_000)
    _settle_layout(win)
    wide = bar.width()
    win.show_sync_progress("push", 1, 2)  # a shorter text: the bar keeps its width
    _settle_layout(win)
    assert bar.text() == "sending changes 1/2"
    assert bar.width() == wide


def test_the_background_sync_keeps_going_after_an_unexpected_error(
    qtbot: QtBot, signed_in: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, win = signed_in, signed_in.window
    calls: list[int] = []
    real = read_status

    def busy_once(local: LocalStore) -> SyncStatus:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("cannot read the cache now")
        return real(local)

    monkeypatch.setattr(desk_sync, "read_status", busy_once)
    failed = _outcome(qtbot, desk)
    assert failed.error is not None and "unexpected" in failed.error
    scheduler = desk.controller.scheduler
    assert scheduler is not None and scheduler.next_attempt_at is not None
    assert re.fullmatch(r"retrying in \d+ s", win.retry_label.text())
    again = _outcome(qtbot, desk, key=False)  # by itself, a few seconds later
    assert again.error is None and again.online
    assert win.retry_label.text() == ""


@pytest.fixture
def renamed_student(site: Site) -> Iterator[tuple[uuid.UUID, str]]:
    """Rename a student on the server (as another workstation would); renamed back after."""
    student = site.world.students[0]
    engine = make_server_engine(site.admin_url)
    with engine.begin() as conn:
        old = conn.execute(
            text("SELECT name_first FROM users WHERE id = :i"), {"i": student}
        ).scalar_one()
    yield student, old
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET name_first = :n WHERE id = :i"), {"n": old, "i": student}
        )
    engine.dispose()


def test_a_sync_that_pulled_rows_tells_every_open_view(
    qtbot: QtBot, signed_in: SignedIn, site: Site, renamed_student: tuple[uuid.UUID, str]
) -> None:
    desk = signed_in
    student, _old = renamed_student
    published: list[Changes] = []
    desk.window.changes.sig_changed.connect(published.append)
    assert _outcome(qtbot, desk).error is None
    assert published == []  # nothing came, nothing is said

    engine = make_server_engine(site.admin_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE users SET name_first = 'Renamed' WHERE id = :i"), {"i": student})
    engine.dispose()
    outcome = _outcome(qtbot, desk)
    assert outcome.changes is not None and outcome.changes.touches("users")
    assert [c.source for c in published] == ["sync"]
    assert published[0].touches("users") and published[0].sync_state
    assert desk.first_name_in_cache(student) == "Renamed"


def test_a_facility_switch_leaves_nothing_of_the_previous_facility_on_the_window(
    qtbot: QtBot, desk: Desk
) -> None:
    uow = UnitOfWorkFactory(desk.engine, Actor("desk_test", device_id="ws-1"))
    with uow() as u:
        add_facility(u, "South Campus", "America/Chicago")
        u.commit()
    LocalStore(desk.engine).put_many(
        last_sync_at=datetime(2026, 11, 22, 19, 5, tzinfo=UTC).isoformat()
    )
    win = desk.win
    assert win.workstation is not None
    facilities = tuple(desk.services.facilities.list_facilities())
    win.set_workstation(replace(win.workstation, facilities=facilities))
    assert win.facility_box.currentText().startswith("North Academy")
    assert "North Academy" in win.windowTitle()
    qtbot.waitUntil(lambda: f"last synced 14:05 ({TZ})" in win.sync_label.text(), timeout=10_000)

    win.facility_box.setFocus()
    qtbot.keyClick(win.facility_box, Qt.Key.Key_Down)
    # At once, before anything of the new facility has loaded:
    assert win.facility_box.currentText().startswith("South Campus")
    assert "South Campus" in win.windowTitle() and "North" not in win.windowTitle()
    assert "last synced 13:05 (America/Chicago)" in win.sync_label.text()
    for label in (win.connection_label, win.notice_label, win.sync_label, win.retry_label):
        assert "North Academy" not in label.text() and TZ not in label.text()
