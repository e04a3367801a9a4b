"""Rosters from the keyboard: enrol as you type, a full class refused, waitlist, withdraw,
promote and transfer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import EnrollmentStatus
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from app.ui.views.rosters import RostersView
from tests.integration.factories import add_class, add_facility, add_person, add_program

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NAMES = ("Ada", "Bea", "Cyd", "Dee", "Eve")

# Every screen's "now": a Sunday evening in November 2026, whatever day the tests run.
CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, Services]]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("roster_test", device_id="ws-1")
    with UnitOfWorkFactory(engine, actor)() as u:
        facility = add_facility(u, "North Academy")
        program = add_program(u, "Welding")
        u.flush()
        add_class(u, facility, program, "Welding I", capacity=3, start_date=date(2026, 1, 5))
        add_class(u, facility, program, "Welding II", start_date=date(2026, 2, 2))
        for i, name in enumerate(NAMES):
            add_person(u, facility, name, f"Zed{name}", number=f"STU-2026-{i + 1:04d}")
        u.commit()
    services = build_services(engine, actor, CLOCK)
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    win = MainWindow(runner, messages)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.set_workstation(
            Workstation(services, None, tuple(services.facilities.list_facilities()), "Test")
        )
        win.show()
        win.activateWindow()
    yield win, services
    runner.wait_idle()
    engine.dispose()


def _enrol(qtbot: QtBot, view: RostersView, name: str, *, waitlist: bool = False) -> None:
    view.enrol.setFocus()
    qtbot.keyClicks(view.enrol, name)
    _wait_match(qtbot, view, name)
    modifier = CTRL if waitlist else Qt.KeyboardModifier.NoModifier
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view.enrol, Qt.Key.Key_Return, modifier)


def _wait_match(qtbot: QtBot, view: RostersView, name: str) -> None:
    qtbot.waitUntil(
        lambda: (
            view.matches.isVisible()
            and view.matches.count() == 1
            and name in view.matches.item(0).text()
        ),
        timeout=5_000,
    )


def _row_of(view: RostersView, first: str) -> int:
    return next(
        r for r in range(view.model.rowCount()) if view.model.row_at(r).display_name.endswith(first)
    )


def test_a_roster_kept_from_the_keyboard(
    qtbot: QtBot,
    desk: tuple[MainWindow, Services],
    qtmodeltester: ModelTester,
) -> None:
    win, services = desk
    qtbot.keyClick(win, Qt.Key.Key_2, CTRL)
    view = win.rosters
    assert win.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.roster is not None, timeout=5_000)
    assert view.class_box.currentText() == "Welding I"
    for name in NAMES[:3]:
        _enrol(qtbot, view, name)
    assert "3 enrolled of 3" in view.capacity.text() and "0 places left" in view.capacity.text()

    # The class is full: refused, said plainly, nothing written; Ctrl+Enter waitlists.
    view.enrol.setFocus()
    qtbot.keyClicks(view.enrol, "Dee")
    _wait_match(qtbot, view, "Dee")
    with qtbot.waitSignal(view.sig_refused, timeout=5_000) as refused:
        qtbot.keyClick(view.enrol, Qt.Key.Key_Return)
    assert "Welding I is full (3 of 3 places taken)" in refused.args[0]
    assert "Ctrl+Enter" in view.message.text()
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view.enrol, Qt.Key.Key_Return, CTRL)
    roster = view.roster
    assert roster is not None and [e.display_name for e in roster.waitlisted] == ["ZedDee, Dee"]
    qtmodeltester.check(view.model)

    # Withdraw Ada with a reason, then promote the waitlist: Dee takes the place.
    view.table.setFocus()
    view.table.selectRow(_row_of(view, "Ada"))
    qtbot.keyClicks(view.reason, "moved to another unit")
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_W, ALT)
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_P, ALT)
    roster = view.roster
    assert roster is not None
    assert sorted(e.display_name for e in roster.enrolled) == [
        "ZedBea, Bea",
        "ZedCyd, Cyd",
        "ZedDee, Dee",
    ]
    ended = {e.display_name: e for e in roster.others}
    assert ended["ZedAda, Ada"].status is EnrollmentStatus.INCOMPLETE_WITHDRAWN
    assert ended["ZedAda, Ada"].change_reason == "moved to another unit"

    # Transfer Bea to Welding II with a reason; without one it is refused.
    view.table.selectRow(_row_of(view, "Bea"))
    view.target_box.setCurrentIndex(view.target_box.findText("Welding II"))
    with qtbot.waitSignal(view.sig_refused, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_T, ALT)
    qtbot.keyClicks(view.reason, "timetable")
    with qtbot.waitSignal(view.sig_loaded, timeout=5_000):
        qtbot.keyClick(view, Qt.Key.Key_T, ALT)
    target = services.rosters.roster_for(view.target_box.currentData())
    assert [e.display_name for e in target.enrolled] == ["ZedBea, Bea"]
