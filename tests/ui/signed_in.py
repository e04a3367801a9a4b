"""A person signed in to a real server through a relay the test can hang or take away.

Fixtures shared by the desk's network tests: the password-checking PostgreSQL of ``site`` on
TCP, reached through ``FreezableProxy``; the sign-in dialog driven from the keyboard.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.server_profile import ServerProfile
from app.infra.credentials import CredentialStore
from app.signin import Session, SignInService
from app.ui.dialogs.sign_in import SignInDialog
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.session_controller import SessionController
from app.ui.settings import AppSettings, SettingsStore
from app.ui.tasks import TaskRunner
from tests.keyrings import MemoryKeyring
from tests.signin_site import PASSWORD, Site
from tests.tcpserver import FreezableProxy


@dataclass
class SignedIn:
    controller: SessionController
    window: MainWindow
    proxy: FreezableProxy
    ring: MemoryKeyring
    profile: ServerProfile
    name: str

    def first_name_in_cache(self, user_id: uuid.UUID) -> str:
        """A person's first name as the signed-in session's cache holds it (what a sync wrote)."""
        session = self.controller.session
        assert isinstance(session, Session)  # the real one, not just what the desk sees of it
        with session.cache.connect() as conn:
            found = conn.execute(
                text("SELECT name_first FROM users WHERE id = :i"), {"i": user_id.hex}
            ).scalar_one()
        return str(found)


def _no_demo() -> Workstation:
    raise AssertionError("the demo is not opened in these tests")


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


@pytest.fixture
def proxy(site: Site) -> Iterator[FreezableProxy]:
    site.pg.start()
    relay = FreezableProxy(site.pg.port)
    yield relay
    relay.close()


@pytest.fixture
def signed_in(
    qtbot: QtBot, site: Site, proxy: FreezableProxy, tmp_path: Path
) -> Iterator[SignedIn]:
    """A person signed in through the dialog, from the keyboard, their first sync done."""
    name = site.staff()
    ring = MemoryKeyring()
    signin = SignInService(CredentialStore(ring), tmp_path / "data")
    profile = ServerProfile("127.0.0.1", proxy.port, "rollbook", "disable")
    store = SettingsStore(tmp_path / "data" / "settings.ini")
    store.save(AppSettings(server=profile, last_username=name, remember_password=True))
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    controller = SessionController(
        runner, messages, store, signin, _no_demo, sync_interval_seconds=3600
    )
    with qtbot.waitSignal(controller.sig_dialog_shown) as shown:
        controller.start(demo_when_unconfigured=False)
    dialog: SignInDialog = shown.args[0]
    type_into(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(controller.sig_synced, timeout=30_000) as synced:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert synced.args[0].error is None
    window = controller.window
    assert window is not None
    qtbot.waitUntil(lambda: window.workstation is not None, timeout=20_000)
    yield SignedIn(controller, window, proxy, ring, profile, name)
    proxy.thaw()
    if controller.dialog is not None:
        controller.dialog.reject()
    controller.shutdown()
    qtbot.waitUntil(lambda: not controller.releasing, timeout=20_000)
    runner.wait_idle()


def stuck_sync(qtbot: QtBot, desk: SignedIn) -> None:
    """F5 while the server hangs: the cycle has sent its request and waits for an answer."""
    desk.proxy.freeze()
    scheduler = desk.controller.scheduler
    assert scheduler is not None
    qtbot.keyClick(desk.window, Qt.Key.Key_F5)
    assert scheduler.running
    qtbot.waitUntil(lambda: desk.proxy.held > 0, timeout=10_000)
