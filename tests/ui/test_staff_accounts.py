"""An admin manages staff accounts from the app, against the real password-checking server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db.login import AccountDisabled
from app.domain.enums import Role
from app.domain.errors import NotAllowed
from app.infra.credentials import CredentialStore
from app.signin import Session, SignInService
from app.ui.dialogs.staff_accounts import NewStaffDialog, StaffAccountsDialog
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from tests.keyrings import MemoryKeyring
from tests.signin_site import PASSWORD, Site

pytestmark = pytest.mark.postgres


@pytest.fixture
def signin(tmp_path: Path) -> SignInService:
    return SignInService(CredentialStore(MemoryKeyring()), tmp_path / "data")


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    window = MainWindow(runner, messages)
    qtbot.addWidget(window)
    facilities = tuple(session.services.facilities.list_facilities())
    with qtbot.waitSignal(window.sig_ready):
        window.set_workstation(
            Workstation(session.services, None, facilities, session.label, online=True)
        )
    window.show()
    return window


@pytest.fixture
def admin_session(site: Site, signin: SignInService) -> Iterator[Session]:
    site.pg.start()
    name = site.staff(Role.FACILITY_ADMIN)
    session = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    session.sync_engine().cycle()  # what the window would have after its first sync
    yield session
    signin.sign_out(session, forget_password=False)


def test_an_admin_adds_and_disables_an_instructor_from_the_app(
    qtbot: QtBot, site: Site, signin: SignInService, admin_session: Session, tmp_path: Path
) -> None:
    window = _window(qtbot, admin_session)
    assert window.staff_action.isVisible()
    dialog = window.open_staff_accounts()
    assert isinstance(dialog, StaffAccountsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=10_000)
    usernames = {dialog.model.row_at(r).username for r in range(dialog.model.rowCount())}
    assert admin_session.actor.username in usernames

    new_name = f"t_new_{admin_session.account.device_id[:8]}"
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert isinstance(form, NewStaffDialog)
    qtbot.keyClicks(form.first, "Nia")
    qtbot.keyClicks(form.last, "Added")
    qtbot.keyClicks(form.username, new_name)
    qtbot.keyClicks(form.password, "a new long password")
    qtbot.keyClicks(form.confirm, "a new long password")
    with qtbot.waitSignal(dialog.sig_changed, timeout=20_000):
        qtbot.keyClick(form.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: new_name in dialog.status.text(), timeout=10_000)
    qtbot.waitUntil(
        lambda: any(
            dialog.model.row_at(r).username == new_name for r in range(dialog.model.rowCount())
        ),
        timeout=10_000,
    )
    dialog.grab().save(str(tmp_path / "staff.png"))

    # The new instructor can sign in, sees only this facility...
    newcomer = signin.sign_in(site.profile(), new_name, "a new long password", remember=False)
    newcomer.sync_engine().cycle()
    assert {f.name for f in newcomer.services.facilities.list_facilities()} == {"North Academy"}
    assert not newcomer.services.staff_accounts.available
    with pytest.raises(NotAllowed, match="may not manage staff"):
        newcomer.services.staff_accounts.disable(admin_session.actor.username)
    signin.sign_out(newcomer, forget_password=False)

    # ... until the admin disables the account from the dialog.
    row = next(
        r for r in range(dialog.model.rowCount()) if dialog.model.row_at(r).username == new_name
    )
    dialog.table.selectRow(row)
    with qtbot.waitSignal(dialog.sig_changed, timeout=20_000):
        qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    assert "Disabled" in dialog.status.text()
    with pytest.raises(AccountDisabled):
        signin.sign_in(site.profile(), new_name, "a new long password", remember=False)


def test_a_refusal_shows_in_the_dialog(qtbot: QtBot, admin_session: Session) -> None:
    window = _window(qtbot, admin_session)
    dialog = window.open_staff_accounts()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=10_000)
    me = next(
        r
        for r in range(dialog.model.rowCount())
        if dialog.model.row_at(r).username == admin_session.actor.username
    )
    dialog.table.selectRow(me)
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "own account" in dialog.status.text(), timeout=10_000)


def test_staff_table_model_passes_the_model_tester(
    qtbot: QtBot,
    admin_session: Session,
    qtmodeltester: ModelTester,
) -> None:
    window = _window(qtbot, admin_session)
    dialog = window.open_staff_accounts()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=10_000)
    qtmodeltester.check(dialog.model)
