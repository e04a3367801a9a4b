"""The sign-in dialog and sign-out, from the keyboard, against a real password-checking server."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

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

pytestmark = pytest.mark.postgres

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _server_up(site: Site) -> Iterator[None]:
    site.pg.start()
    yield
    site.pg.start()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner(MessageBridge(quiet=True).show_error)
    yield runner
    runner.wait_idle()


@pytest.fixture
def ring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def signin(tmp_path: Path, ring: MemoryKeyring) -> SignInService:
    return SignInService(CredentialStore(ring), tmp_path / "data")


def _show(qtbot: QtBot, dialog: SignInDialog) -> None:
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()


def _type(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def _fill(qtbot: QtBot, dialog: SignInDialog, site: Site, username: str, password: str) -> None:
    _type(qtbot, dialog.host, "127.0.0.1")
    _type(qtbot, dialog.port, str(site.pg.port))
    _type(qtbot, dialog.database, "rollbook")
    dialog.tls.setCurrentIndex(dialog.tls.findData("disable"))
    _type(qtbot, dialog.username, username)
    _type(qtbot, dialog.password, password)


def test_sign_in_from_the_keyboard(
    qtbot: QtBot, site: Site, signin: SignInService, runner: TaskRunner, tmp_path: Path
) -> None:
    name = site.staff()
    dialog = SignInDialog(signin, runner, AppSettings(), None)
    qtbot.addWidget(dialog)
    _show(qtbot, dialog)
    assert dialog.focusWidget() is dialog.host
    _fill(qtbot, dialog, site, name, PASSWORD)
    with qtbot.waitSignal(dialog.sig_signed_in, timeout=20_000) as signed:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    session = signed.args[0]
    assert isinstance(session, Session)
    try:
        assert session.online and session.actor.username == name
        assert dialog.result() == SignInDialog.DialogCode.Accepted
    finally:
        signin.sign_out(session, forget_password=False)


def test_a_refusal_is_shown_in_the_dialog_and_keeps_what_was_typed(
    qtbot: QtBot, site: Site, signin: SignInService, runner: TaskRunner, tmp_path: Path
) -> None:
    name = site.staff()
    dialog = SignInDialog(signin, runner, AppSettings(), None)
    qtbot.addWidget(dialog)
    _show(qtbot, dialog)
    _fill(qtbot, dialog, site, name, "not my password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20_000)
    assert "password is wrong" in dialog.error.text()
    assert dialog.isVisible() and dialog.username.text() == name
    assert dialog.focusWidget() is dialog.password
    assert dialog.password.selectedText() == "not my password"
    dialog.grab().save(str(tmp_path / "refused.png"))

    # A bad port is named before anything is sent, and its field gets the focus.
    _type(qtbot, dialog.port, "99999")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "port" in dialog.error.text(), dialog.port.text()
    assert dialog.focusWidget() is dialog.port


def test_without_a_keyring_the_dialog_says_so_and_cannot_remember(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner
) -> None:
    signin = SignInService(CredentialStore(keyring.backends.fail.Keyring()), tmp_path / "d")
    dialog = SignInDialog(signin, runner, AppSettings(remember_password=True), None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    assert dialog.keyring_note.isVisible()
    assert "asks for it at each sign-in" in dialog.keyring_note.text()


def _demo_loader_unused() -> Workstation:
    raise AssertionError("the demo is not opened in these tests")


def test_switch_user_closes_the_window_and_nothing_secret_is_left_on_disk(
    qtbot: QtBot, site: Site, signin: SignInService, runner: TaskRunner, tmp_path: Path
) -> None:
    name = site.staff()
    # Everything logged, at every level, goes to a file in the data folder as the app's does.
    log_file = tmp_path / "data" / "logs" / "rollbook.log"
    log_file.parent.mkdir(parents=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        _sign_in_and_switch(qtbot, site, signin, runner, tmp_path, name)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    assert name in log_file.read_text() or log_file.stat().st_size > 0
    for path in (tmp_path / "data").rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path.name


def _sign_in_and_switch(
    qtbot: QtBot, site: Site, signin: SignInService, runner: TaskRunner, tmp_path: Path, name: str
) -> None:
    store = SettingsStore(tmp_path / "data" / "settings.ini")
    store.save(AppSettings(server=ServerProfile("127.0.0.1", site.pg.port, "rollbook", "disable")))
    messages = MessageBridge(quiet=True)
    controller = SessionController(runner, messages, store, signin, _demo_loader_unused)
    with qtbot.waitSignal(controller.sig_dialog_shown) as shown:
        controller.start(demo_when_unconfigured=True)  # a server is configured: sign in
    dialog: SignInDialog = shown.args[0]
    assert dialog.host.text() == "127.0.0.1" and dialog.focusWidget() is dialog.username
    _type(qtbot, dialog.username, name)
    _type(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(controller.sig_window_shown, timeout=20_000) as opened:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    window: MainWindow = opened.args[0]
    qtbot.waitUntil(lambda: window.workstation is not None, timeout=20_000)
    assert window.facility_box.count() == 1
    assert "North Academy" in window.facility_box.itemText(0)
    assert name in window.connection_label.text() and "online" in window.connection_label.text()

    with qtbot.waitSignal(controller.sig_dialog_shown) as again:
        qtbot.keyClick(
            window,
            Qt.Key.Key_L,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert controller.window is None and controller.session is None
    second: SignInDialog = again.args[0]
    assert second.username.text() == name  # remembered as the last user name
    assert second.password.text() == ""  # but the next person types their own password
    second.reject()

    settings_text = store.path.read_text()
    assert "127.0.0.1" in settings_text and name in settings_text


def test_an_offline_session_comes_online_when_the_server_returns(
    qtbot: QtBot, site: Site, signin: SignInService, runner: TaskRunner, tmp_path: Path
) -> None:
    name = site.staff()
    first = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    first.sync_engine().cycle()
    signin.sign_out(first, forget_password=False)

    store = SettingsStore(tmp_path / "data" / "settings.ini")
    store.save(AppSettings(server=site.profile(), last_username=name))
    controller = SessionController(
        runner, MessageBridge(quiet=True), store, signin, _demo_loader_unused
    )
    site.pg.stop()
    with qtbot.waitSignal(controller.sig_dialog_shown) as shown:
        controller.start(demo_when_unconfigured=False)
    dialog: SignInDialog = shown.args[0]
    _type(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(controller.sig_synced, timeout=20_000) as synced:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not synced.args[0].online
    window = controller.window
    assert window is not None
    qtbot.waitUntil(lambda: window.workstation is not None, timeout=20_000)
    assert "offline" in window.connection_label.text()
    assert window.facility_box.count() == 1  # the slice from last time, offline

    site.pg.start()
    assert controller.scheduler is not None
    with qtbot.waitSignal(controller.sig_synced, timeout=20_000) as again:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    outcome = again.args[0]
    assert outcome.online and outcome.error is None
    assert "online" in window.connection_label.text()
    assert window.sync_label.text().startswith("all changes sent · last synced ")
    assert window.sync_label.text().endswith("(America/New_York)")
    controller.switch_user(forget_password=False)
    assert controller.dialog is not None
    controller.dialog.reject()
