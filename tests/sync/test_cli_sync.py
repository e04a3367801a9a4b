"""``rollbook workstation init`` and ``rollbook sync`` against the password-checking server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app.cli import main
from app.db.engine import make_server_engine
from app.db.models import User
from app.domain.enums import Role
from app.infra.credentials import CredentialStore
from app.signin import SignInService
from tests.signin_site import PASSWORD, Site

pytestmark = pytest.mark.postgres


def test_enrol_then_sync_headless(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pg.start()
    name = site.staff(Role.FACILITY_ADMIN)
    monkeypatch.setenv("ROLLBOOK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ROLLBOOK_PASSWORD", PASSWORD)
    url = f"postgresql://{name}@127.0.0.1:{site.pg.port}/rollbook?sslmode=disable"
    assert main(["workstation", "init", "--server", url, "--facility", "North Academy"]) == 0
    out = capsys.readouterr()
    assert "ready" in out.out and "initial pull" in out.err
    assert "building indexes…" in out.err and "building indexes: 0" not in out.err

    student = site.world.students[0]
    admin = make_server_engine(site.admin_url)
    with admin.begin() as conn:
        conn.execute(update(User).where(User.id == student).values(phone="555-0199"))
    admin.dispose()
    assert main(["sync", "--once", "--server", url]) == 0
    assert "synced" in capsys.readouterr().out

    signin = SignInService(CredentialStore(), tmp_path / "data")
    site.pg.stop()  # read the cache offline: it is what the workstation holds
    session = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    try:
        assert not session.online
        with session.cache.connect() as conn:
            phone = conn.execute(select(User.phone).where(User.id == student)).scalar()
            outsiders = conn.execute(
                select(func.count())
                .select_from(User)
                .where(User.facility_id == site.world.other_facility_id)
            ).scalar()
        assert phone == "555-0199"
        assert outsiders == 0
    finally:
        session.close()
        site.pg.start()


def test_a_url_with_a_password_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ROLLBOOK_DATA_DIR", str(tmp_path / "data"))
    assert main(["sync", "--server", "postgresql://ada:secret@db/rollbook"]) == 2
    assert "Leave the password out" in capsys.readouterr().err
