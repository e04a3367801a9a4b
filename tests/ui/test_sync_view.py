"""Sync & conflicts screen: a conflict resolved from the keyboard reaches the server."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import make_server_engine
from app.db.models import User
from app.domain.enums import Role
from app.infra.credentials import CredentialStore
from app.repositories.uow import UnitOfWorkFactory
from app.signin import Session, SignInService
from app.ui.main_window import SCREENS, MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from tests.keyrings import MemoryKeyring
from tests.signin_site import PASSWORD, Site

pytestmark = pytest.mark.postgres


def _rename(session: Session, user_id: uuid.UUID, first: str) -> None:
    with UnitOfWorkFactory(session.cache, session.actor)() as u:
        user = u.session.get(User, user_id)
        assert user is not None
        user.name_first = first
        u.commit()


def test_keep_mine_from_the_keyboard(
    qtbot: QtBot,
    site: Site,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    site.pg.start()
    sessions = []
    for who in ("one", "two"):
        signin = SignInService(CredentialStore(MemoryKeyring()), tmp_path / who)
        name = site.staff(Role.FACILITY_ADMIN)
        session = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
        session.sync_engine().cycle()
        sessions.append(session)
    one, two = sessions
    student = site.world.students[1]
    _rename(one, student, "Theirs")
    _rename(two, student, "Mine")
    one.sync_engine().cycle()
    two.sync_engine().cycle()

    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    window = MainWindow(runner, messages)
    qtbot.addWidget(window)
    facilities = tuple(two.services.facilities.list_facilities())
    view = window.sync_view
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        window.set_workstation(Workstation(two.services, None, facilities, two.label, online=True))
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is view
    assert view.model.rowCount() == 1 and "needs attention" in view.status.text()
    qtmodeltester.check(view.model)
    issue = view.model.row_at(0)
    assert "Mine" in view.model.index(0, 3).data() and "Theirs" in view.model.index(0, 4).data()
    window.grab().save(str(tmp_path / "sync.png"))
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert view.model.rowCount() == 0
    assert issue.row_id == student
    two.sync_engine().cycle()
    admin = make_server_engine(site.admin_url)
    with admin.connect() as conn:
        assert conn.execute(select(User.name_first).where(User.id == student)).scalar() == "Mine"
    admin.dispose()
    runner.wait_idle()
    for session in sessions:
        session.close()
    assert SCREENS[5] == "Sync"
