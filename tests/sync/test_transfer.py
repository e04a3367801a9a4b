"""Sync by transfer file: export on a workstation with no network, import at a connected computer
through the network sync's own push, apply the reply as a pull; every refusal changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
from sqlalchemy import select, text, update

from app.db import migrate
from app.db.engine import make_server_engine
from app.db.models import User
from app.domain.enums import Role
from app.infra.credentials import CredentialStore
from app.signin import SignInService
from app.sync.server import ServerStore
from app.sync.transfer import apply_reply, export_changes, import_changes
from app.sync.transfer_file import TransferRefused
from tests.signin_site import PASSWORD, Site
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres

KEY = "facility-transfer-key"


def _rename(station: Station, user_id: uuid.UUID, first: str) -> None:
    with station.uow() as u:
        user = u.session.get(User, user_id)
        assert user is not None
        user.name_first = first
        u.commit()


def _server_name(sites: Sites, user_id: uuid.UUID) -> str:
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        name = conn.execute(select(User.name_first).where(User.id == user_id)).scalar_one()
    uow.engine.dispose()
    return str(name)


def _local_name(station: Station, user_id: uuid.UUID) -> str:
    with station.cache.connect() as conn:
        return str(conn.execute(select(User.name_first).where(User.id == user_id)).scalar_one())


def _import(station: Station, export: Path, reply: Path) -> Any:
    return import_changes(
        ServerStore(station.remote),
        export,
        reply,
        KEY,
        importer=station.login,
        visible=station.facilities,
        client_revision=migrate.head_revision(),
    )


def _state(station: Station) -> tuple[Any, ...]:
    """Everything a refused file must leave as it was: the outbox, the sync state, the rows."""
    with station.cache.connect() as conn:
        outbox = conn.execute(text("SELECT seq FROM sync_outbox ORDER BY seq")).all()
        state = conn.execute(text("SELECT key, value FROM sync_state ORDER BY key")).all()
        issues = conn.execute(text("SELECT count(*) FROM sync_issues")).scalar()
    return (outbox, state, issues, station.local.ids_and_versions("users", None))


def _enrolled(sites: Sites) -> Station:
    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"))
    ws.cycle()
    return ws


def test_export_import_apply_pushes_once_and_pulls_what_others_did(
    sites: Sites, tmp_path: Path
) -> None:
    ws = _enrolled(sites)
    other = sites.station("other", sites.server.staff("other", Role.FACILITY_ADMIN, "A"))
    other.cycle()
    mine, theirs = sites.students["A"][0], sites.students["A"][1]
    _rename(ws, mine, "Offline")
    _rename(other, theirs, "Online")
    other.cycle()

    export, reply = tmp_path / "out.rbx", tmp_path / "out.rbx.reply"
    done = export_changes(ws.local, export, KEY)
    assert done.number == 1 and done.rows == 1
    assert b"Offline" not in export.read_bytes()  # a lost stick reveals nothing
    imported = _import(ws, export, reply)
    assert imported.pushed_rows == 1 and imported.issues == 0
    assert _server_name(sites, mine) == "Offline"

    applied = apply_reply(ws.local, reply, KEY)
    assert applied.acknowledged >= 1
    assert ws.local.outbox_count()[0] == 0
    assert _local_name(ws, theirs) == "Online"
    assert ws.sync.digests_match()


def test_refusals_change_nothing(sites: Sites, tmp_path: Path) -> None:
    ws = _enrolled(sites)
    _rename(ws, sites.students["A"][2], "Once")
    export, reply = tmp_path / "x.rbx", tmp_path / "x.reply"
    export_changes(ws.local, export, KEY)
    good = export.read_bytes()

    # Truncated, and one byte changed: refused at import, the server untouched.
    cut = tmp_path / "cut.rbx"
    cut.write_bytes(good[:-10])
    with pytest.raises(TransferRefused, match="cut short"):
        _import(ws, cut, reply)
    for where in (len(good) // 2, 40, len(good) - 1):
        changed = bytearray(good)
        changed[where] ^= 0x01
        bad = tmp_path / "bad.rbx"
        bad.write_bytes(bytes(changed))
        with pytest.raises(TransferRefused, match=r"changed|damaged|wrong"):
            _import(ws, bad, reply)
    with pytest.raises(TransferRefused, match="key is wrong"):
        import_changes(
            ServerStore(ws.remote),
            export,
            reply,
            "another-key-entirely",
            importer=ws.login,
            visible=ws.facilities,
            client_revision=migrate.head_revision(),
        )
    assert not reply.exists()
    assert _server_name(sites, sites.students["A"][2]) != "Once"

    # An export is no reply; imported once, then again: refused, nothing sent twice.
    before = _state(ws)
    with pytest.raises(TransferRefused, match="not a reply"):
        apply_reply(ws.local, export, KEY)
    _import(ws, export, reply)
    second = tmp_path / "second.reply"
    with pytest.raises(TransferRefused, match="already imported"):
        _import(ws, export, second)
    assert not second.exists()
    assert _state(ws) == before

    # A reply truncated or changed by one byte: refused on the workstation too.
    answer = reply.read_bytes()
    reply_cut = tmp_path / "cut.reply"
    reply_cut.write_bytes(answer[: len(answer) // 2])
    with pytest.raises(TransferRefused, match="cut short"):
        apply_reply(ws.local, reply_cut, KEY)
    changed = bytearray(answer)
    changed[-20] ^= 0x80
    reply_bad = tmp_path / "bad.reply"
    reply_bad.write_bytes(bytes(changed))
    with pytest.raises(TransferRefused, match="changed"):
        apply_reply(ws.local, reply_bad, KEY)
    assert _state(ws) == before

    # Another workstation's reply: refused there.
    stranger = sites.station("stranger", sites.server.staff("str", Role.FACILITY_ADMIN, "A"))
    stranger.cycle()
    elsewhere = _state(stranger)
    with pytest.raises(TransferRefused, match="another workstation"):
        apply_reply(stranger.local, reply, KEY)
    assert _state(stranger) == elsewhere

    # Applied once, then twice: the second changes nothing.
    apply_reply(ws.local, reply, KEY)
    after = _state(ws)
    with pytest.raises(TransferRefused, match="already applied"):
        apply_reply(ws.local, reply, KEY)
    assert _state(ws) == after


def test_an_older_reply_after_a_newer_one_is_refused(sites: Sites, tmp_path: Path) -> None:
    ws = _enrolled(sites)
    students = sites.students["A"]
    _rename(ws, students[3], "First")
    export_changes(ws.local, tmp_path / "1.rbx", KEY)
    _rename(ws, students[4], "Second")
    export_changes(ws.local, tmp_path / "2.rbx", KEY)  # holds both changes
    _import(ws, tmp_path / "1.rbx", tmp_path / "1.reply")
    _import(ws, tmp_path / "2.rbx", tmp_path / "2.reply")
    apply_reply(ws.local, tmp_path / "2.reply", KEY)
    before = _state(ws)
    with pytest.raises(TransferRefused, match=r"older than reply No\. 2"):
        apply_reply(ws.local, tmp_path / "1.reply", KEY)
    assert _state(ws) == before
    assert ws.local.outbox_count()[0] == 0
    assert ws.sync.digests_match()


def test_transfer_files_and_network_syncs_mixed_converge(sites: Sites, tmp_path: Path) -> None:
    ws = _enrolled(sites)
    other = sites.station("other", sites.server.staff("other", Role.FACILITY_ADMIN, "A"))
    other.cycle()
    students = sites.students["A"]
    # A file exported, then a network sync sends the same changes: the file is then refused
    # at import (already there), and a reply made before the sync would roll it back.
    _rename(ws, students[5], "ByFile")
    export_changes(ws.local, tmp_path / "a.rbx", KEY)
    _rename(ws, students[6], "Extra")
    export_changes(ws.local, tmp_path / "b.rbx", KEY)
    _import(ws, tmp_path / "a.rbx", tmp_path / "a.reply")
    other.cycle()
    _rename(other, students[5], "Later")
    other.cycle()
    ws.cycle()  # network: settles the import's acknowledgement, pushes the rest, pulls
    with pytest.raises(TransferRefused, match="already imported"):
        _import(ws, tmp_path / "b.rbx", tmp_path / "b.reply")
    with pytest.raises(TransferRefused, match="synced further"):
        apply_reply(ws.local, tmp_path / "a.reply", KEY)
    assert _local_name(ws, students[5]) == "Later"
    # Then by file again, after the network sync.
    _rename(ws, students[7], "Again")
    _rename(other, students[8], "Meanwhile")
    other.cycle()
    export_changes(ws.local, tmp_path / "c.rbx", KEY)
    _import(ws, tmp_path / "c.rbx", tmp_path / "c.reply")
    apply_reply(ws.local, tmp_path / "c.reply", KEY)
    assert _local_name(ws, students[8]) == "Meanwhile"
    assert ws.sync.digests_match()
    ws.cycle()
    other.cycle()
    assert ws.sync.digests_match() and other.sync.digests_match()
    assert _server_name(sites, students[7]) == "Again"


def test_an_admin_of_the_facility_imports_a_staff_members_file(
    sites: Sites, tmp_path: Path
) -> None:
    ws = _enrolled(sites)
    admin = sites.server.staff("boss", Role.FACILITY_ADMIN, "A")
    _rename(ws, sites.students["A"][9], "Carried")
    export_changes(ws.local, tmp_path / "s.rbx", KEY)
    remote = make_server_engine(sites.server.as_(admin))
    try:
        done = import_changes(
            ServerStore(remote),
            tmp_path / "s.rbx",
            tmp_path / "s.reply",
            KEY,
            importer=admin,
            visible=ws.facilities,
            client_revision=migrate.head_revision(),
        )
        with pytest.raises(TransferRefused, match="already imported"):
            import_changes(
                ServerStore(remote),
                tmp_path / "s.rbx",
                tmp_path / "again.reply",
                KEY,
                importer=admin,
                visible=ws.facilities,
                client_revision=migrate.head_revision(),
            )
    finally:
        remote.dispose()
    assert done.pushed_rows == 1
    assert _server_name(sites, sites.students["A"][9]) == "Carried"
    apply_reply(ws.local, tmp_path / "s.reply", KEY)
    assert ws.local.outbox_count()[0] == 0
    ws.cycle()
    assert ws.sync.digests_match()


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_commands_round_trip_through_real_processes(site: Site, tmp_path: Path) -> None:
    site.pg.start()
    staff = site.staff(Role.FACILITY_ADMIN)
    url = f"postgresql://{staff}@127.0.0.1:{site.pg.port}/rollbook?sslmode=disable"
    data = tmp_path / "data"
    env = {
        **os.environ,
        "ROLLBOOK_DATA_DIR": str(data),
        "ROLLBOOK_PASSWORD": PASSWORD,
        "ROLLBOOK_TRANSFER_KEY": KEY,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    enrol = _cli("workstation", "init", "--server", url, env=env)
    assert enrol.returncode == 0, enrol.stderr

    student, other = site.world.students[0], site.world.students[1]
    # the commands' own keyring (none): the cache key stays sealed under the password in the
    # account file, whatever keyring an earlier test left this process
    signin = SignInService(CredentialStore(keyring.backends.fail.Keyring()), data)
    session = signin.sign_in(site.profile(), staff, PASSWORD, remember=False)
    try:
        with session.cache.begin() as conn:
            conn.execute(update(User).where(User.id == student).values(phone="555-0101"))
    finally:
        session.close()
    admin = make_server_engine(site.admin_url)
    with admin.begin() as conn:
        conn.execute(update(User).where(User.id == other).values(phone="555-0202"))

    out, reply = tmp_path / "stick.rbx", tmp_path / "stick.reply"
    done = _cli("transfer", "export", "--to", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "transfer file No. 1" in done.stdout
    imported = _cli(
        "transfer", "import", "--from", str(out), "--server", url, "--reply", str(reply), env=env
    )
    assert imported.returncode == 0, imported.stderr
    assert "1 rows pushed" in imported.stdout
    with admin.connect() as conn:
        assert conn.execute(select(User.phone).where(User.id == student)).scalar() == "555-0101"
    again = _cli("transfer", "import", "--from", str(out), "--server", url, env=env)
    assert again.returncode == 2 and "already imported" in again.stderr
    admin.dispose()

    applied = _cli("transfer", "apply", "--from", str(reply), env=env)
    assert applied.returncode == 0, applied.stderr
    twice = _cli("transfer", "apply", "--from", str(reply), env=env)
    assert twice.returncode == 2 and "already applied" in twice.stderr

    session = signin.sign_in(site.profile(), staff, PASSWORD, remember=False)
    try:
        with session.cache.connect() as conn:
            phone = conn.execute(select(User.phone).where(User.id == other)).scalar()
            pending = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar()
        assert phone == "555-0202"
        assert pending == 0
        assert session.sync_engine().digests_match()
    finally:
        session.close()
