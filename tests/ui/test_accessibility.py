"""Every interactive widget of every screen has an accessible name a screen reader can say."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.infra.credentials import CredentialStore
from app.signin import SignInService
from app.ui.dialogs.sign_in import SignInDialog
from app.ui.dialogs.staff_accounts import NewStaffDialog, PasswordDialog
from app.ui.main_window import SCREENS
from app.ui.settings import AppSettings
from tests.keyrings import MemoryKeyring
from tests.ui.conftest import Desk

CTRL = Qt.KeyboardModifier.ControlModifier
INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def _unnamed(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit inside a combo or date edit: the outer widget is named
        if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
            continue  # a toolbar button says its action's text
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
            widget, QAbstractButton
        ):
            continue
        if not widget.accessibleName().strip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def test_every_screen_names_its_controls(qtbot: QtBot, desk: Desk) -> None:
    unnamed: dict[str, list[str]] = {}
    for row, name in enumerate(SCREENS):
        qtbot.keyClick(desk.win, getattr(Qt.Key, f"Key_{row + 1}"), CTRL)
        qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
        missing = _unnamed(desk.win)
        if missing:
            unnamed[name] = missing
    assert unnamed == {}


def test_the_dialogs_name_their_controls(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    """Sign-in, the CSV mapping and the staff forms: each field named by its label."""
    runner = desk.runner
    signin = SignInService(CredentialStore(MemoryKeyring()), tmp_path / "data")
    dialogs: list[QWidget] = [
        SignInDialog(signin, runner, AppSettings(), desk.win),
        NewStaffDialog(desk.facility_id, desk.win),
        PasswordDialog(desk.win),
    ]
    csv = desk.win.open_csv_import()
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "students.csv").write_text("id,first,last\n1,Ada,Obi\n", encoding="utf-8")
    csv.load_folder(folder)
    dialogs.append(csv)
    unnamed = {}
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        if missing := _unnamed(dialog):
            unnamed[type(dialog).__name__] = missing
        dialog.close()
    assert unnamed == {}
    sign_in = dialogs[0]
    assert isinstance(sign_in, SignInDialog)
    assert sign_in.host.accessibleName() == "Server"
    assert sign_in.password.accessibleName() == "Password"
