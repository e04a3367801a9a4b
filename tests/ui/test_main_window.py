"""The main window over a demo workstation, driven as a user would, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.infra.paths import DATA_ENV
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.models.occurrence_table import OccurrenceTableModel
from app.ui.tasks import TaskRunner

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    os.environ["ROLLBOOK_DEMO_SIZE"] = "small"
    engine = open_local_cache(tmp_path_factory.mktemp("ws") / "cache.sqlite3")
    services = build_services(engine, Actor(username="ui_test"))
    services.workstation.ensure_demo_data()
    yield services
    engine.dispose()


@pytest.fixture
def window(qtbot: QtBot, demo_services: Services) -> Iterator[MainWindow]:
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    win = MainWindow(runner, messages)
    qtbot.addWidget(win)
    facilities = tuple(demo_services.facilities.list_facilities())
    status = demo_services.workstation.ensure_demo_data()
    with qtbot.waitSignal(win.students.sig_loaded, timeout=20_000):
        win.set_workstation(Workstation(demo_services, status, facilities, "Demo workstation"))
    win.show()
    yield win
    win.close()  # drops the callbacks of loads still running, before the window is deleted
    runner.wait_idle()


def test_window_shows_facilities_and_students(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert window.facility_box.count() >= 2
    model = window.students.model
    assert model.rowCount() > 0
    assert all(
        model.student_at(r).facility_id == window.facility_box.itemData(0)
        for r in range(model.rowCount())
    )
    window.grab().save(str(tmp_path / "main.png"))
    assert (tmp_path / "main.png").stat().st_size > 0


def test_search_as_you_type_from_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    first = window.students.model.student_at(0)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.students
    prefix = first.name_last[:3]
    with qtbot.waitSignal(window.students.sig_loaded, timeout=10_000):
        qtbot.keyClicks(window.students.search, prefix)
    model = window.students.model
    assert model.rowCount() >= 1
    for row in range(model.rowCount()):
        student = model.student_at(row)
        names = (student.name_last.lower(), student.name_first.lower())
        assert any(n.startswith(prefix.lower()) for n in names), student


def test_switching_facility_reloads_students(window: MainWindow, qtbot: QtBot) -> None:
    before = {
        window.students.model.student_at(r).id for r in range(window.students.model.rowCount())
    }
    with qtbot.waitSignal(window.students.sig_loaded, timeout=10_000):
        window.facility_box.setCurrentIndex(1)
    after = {
        window.students.model.student_at(r).id for r in range(window.students.model.rowCount())
    }
    assert after and not (before & after)


def test_models_pass_the_model_tester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.students.model)
    qtmodeltester.check(window.today.model)
    qtmodeltester.check(OccurrenceTableModel())


def test_python_m_app_opens_a_window_over_demo_data(tmp_path: Path) -> None:
    """The README's run command, as a real process: starts, shows demo data, quits."""
    shot = tmp_path / "started.png"
    env = dict(os.environ)
    env.update(
        {
            DATA_ENV: str(tmp_path / "data"),
            "ROLLBOOK_DEMO_SIZE": "small",
            "ROLLBOOK_SMOKE": str(shot),
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "app", "--demo"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "smoke: MainWindow ready" in result.stderr
    assert shot.stat().st_size > 10_000
    assert (tmp_path / "data" / "demo-workstation.sqlite3").exists()


def test_first_start_without_a_server_opens_the_sign_in_dialog(tmp_path: Path) -> None:
    """What an installed Rollbook shows first: the dialog to connect or open the demo."""
    shot = tmp_path / "first-run.png"
    env = dict(os.environ)
    env.update(
        {
            DATA_ENV: str(tmp_path / "data"),
            "ROLLBOOK_SMOKE": str(shot),
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "smoke: SignInDialog ready" in result.stderr
    assert shot.stat().st_size > 5_000
    assert not (tmp_path / "data" / "demo-workstation.sqlite3").exists()
