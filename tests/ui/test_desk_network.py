"""The desk against a server that hangs: switch user, sign out and closing act at once.

A real signed-in session (password-checking PostgreSQL on TCP) reached through a relay the test
can freeze: the server stays reachable and stops answering, as a stopped server process or a
dropped link does. The sync cycle is caught mid-request, then a person presses the keys.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from app.infra.credentials import CredentialStore
from app.ui.sync_scheduler import CycleOutcome
from tests.signin_site import PASSWORD
from tests.ui.signed_in import SignedIn, proxy, signed_in, stuck_sync

pytestmark = pytest.mark.postgres
__all__ = ["proxy", "signed_in"]  # fixtures

SWITCH_USER = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
AT_ONCE_S = 2.0  # what "at once" means here; a hung server used to hold the desk for minutes


def test_switch_user_while_the_server_hangs_shows_the_dialog_at_once(
    qtbot: QtBot, signed_in: SignedIn
) -> None:
    desk = signed_in
    stuck_sync(qtbot, desk)
    started = time.monotonic()
    qtbot.keyClick(desk.window, Qt.Key.Key_L, SWITCH_USER)
    qtbot.waitUntil(
        lambda: desk.controller.dialog is not None and desk.controller.dialog.isVisible(),
        timeout=int(AT_ONCE_S * 1000),
    )
    assert time.monotonic() - started < AT_ONCE_S
    assert desk.controller.window is None and not desk.window.isVisible()
    assert desk.controller.session is None
    dialog = desk.controller.dialog
    assert dialog is not None and dialog.username.text() == desk.name
    # The sync thread gave up by itself (its connection was cut), with the server still hung.
    qtbot.waitUntil(lambda: not desk.controller.releasing, timeout=5_000)
    assert desk.proxy.held > 0


def test_sign_out_while_the_server_hangs_acts_at_once_and_forgets_the_password(
    qtbot: QtBot, signed_in: SignedIn
) -> None:
    desk = signed_in
    credentials = CredentialStore(desk.ring)
    assert credentials.load_password(desk.profile.key, desk.name) == PASSWORD
    stuck_sync(qtbot, desk)
    toolbar = desk.window.findChild(QToolBar)
    assert toolbar is not None
    button = toolbar.widgetForAction(desk.window.sign_out_action)
    started = time.monotonic()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: desk.controller.dialog is not None and desk.controller.dialog.isVisible(),
        timeout=int(AT_ONCE_S * 1000),
    )
    assert time.monotonic() - started < AT_ONCE_S
    assert desk.controller.window is None and not desk.window.isVisible()
    dialog = desk.controller.dialog
    assert dialog is not None and dialog.password.text() == ""
    assert credentials.load_password(desk.profile.key, desk.name) is None
    qtbot.waitUntil(lambda: not desk.controller.releasing, timeout=5_000)


def test_closing_the_window_while_the_server_hangs_ends_the_session_at_once(
    qtbot: QtBot, signed_in: SignedIn
) -> None:
    desk = signed_in
    stuck_sync(qtbot, desk)
    started = time.monotonic()
    assert desk.window.close()
    assert time.monotonic() - started < AT_ONCE_S
    assert not desk.window.isVisible()
    assert desk.controller.session is None and desk.controller.scheduler is None
    # Nothing is left running against the hung server: the sync thread ended by itself.
    qtbot.waitUntil(lambda: not desk.controller.releasing, timeout=5_000)
    assert desk.proxy.held > 0


def test_a_late_result_of_the_ended_session_never_reaches_the_next_window(
    qtbot: QtBot, signed_in: SignedIn
) -> None:
    desk = signed_in
    seen: list[CycleOutcome] = []
    desk.controller.sig_synced.connect(seen.append)
    stuck_sync(qtbot, desk)
    qtbot.keyClick(desk.window, Qt.Key.Key_L, SWITCH_USER)
    qtbot.waitUntil(lambda: not desk.controller.releasing, timeout=5_000)
    desk.proxy.thaw()
    assert seen == []  # the cut cycle's failure is not shown anywhere
    assert desk.controller.window is None
