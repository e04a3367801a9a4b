"""Sign-in against a real PostgreSQL over TCP with password authentication, and the local cache.

The server is this module's own (``tests/tcpserver.py``): it checks passwords, speaks TCP so TLS
modes apply, and is stopped to make it unreachable.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from sqlalchemy import delete, insert, select, text

from app.db import server_admin
from app.db.engine import CacheLocked, check_cache_key, make_local_engine, make_server_engine
from app.db.login import AccountDisabled
from app.db.models import Facility, StudentMedical, User
from app.domain.enums import Role
from app.domain.errors import NotAllowed, ValidationError
from app.domain.server_profile import ServerProfile
from app.infra.credentials import CACHE_SERVICE, SERVICE, CredentialStore
from app.repositories.uow import UnitOfWorkFactory
from app.signin import NoOfflineAccess, Session, SignInService
from tests.integration.factories import new_medical, new_student
from tests.keyrings import MemoryKeyring
from tests.signin_site import PASSWORD, Site
from tests.tcpserver import free_port

pytestmark = pytest.mark.postgres


@pytest.fixture
def ring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def signin(tmp_path: Path, ring: MemoryKeyring) -> SignInService:
    return SignInService(CredentialStore(ring), tmp_path / "data")


@pytest.fixture(autouse=True)
def _server_up(site: Site) -> Iterator[None]:
    site.pg.start()
    yield
    site.pg.start()


def _visible_facilities(session: Session) -> set[str]:
    return {f.name for f in session.services.facilities.list_facilities()}


def test_online_sign_in_runs_as_the_staff_role_and_sees_only_its_facility(
    site: Site, signin: SignInService, ring: MemoryKeyring
) -> None:
    name = site.staff()
    session = signin.sign_in(site.profile(), name, PASSWORD, remember=True)
    try:
        assert session.online and session.notice is None
        assert _visible_facilities(session) == set()  # local-first: the cache fills by sync
        session.sync_engine().cycle()
        assert _visible_facilities(session) == {"North Academy"}
        assert session.services.people.count_students(None) == len(site.world.students)
        # Instructors do not keep people: the server refuses the pushed row, visibly.
        new_student(
            UnitOfWorkFactory(session.cache, session.actor),
            site.world.facility_id,
            "Nadia",
            "Signed-In",
            number="STU-2026-0500",
        )
        session.sync_engine().cycle()
        issues = session.services.sync_issues.list_open()
        assert {i.table for i in issues} == {"users", "student_profiles"}
        assert all(i.kind == "rejection" and "may not make this change" in i.reason for i in issues)
    finally:
        signin.sign_out(session, forget_password=False)
    # The keyring holds the password and the cache key; nothing else does.
    assert ring.items[(SERVICE, f"{name}@{site.profile().key}")] == PASSWORD
    assert (CACHE_SERVICE, f"{name}@{site.profile().key}") in ring.items
    assert signin.remembered_password(site.profile(), name) == PASSWORD


def test_changes_online_are_audited_with_the_staff_role_and_this_workstation(
    site: Site, signin: SignInService
) -> None:
    name = site.staff(Role.FACILITY_ADMIN)
    session = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    try:
        session.sync_engine().cycle()
        uow = UnitOfWorkFactory(session.cache, session.actor)
        facility = site.world.facility_id
        created = new_student(uow, facility, "Nadia", "Audited", number="STU-2026-0501")
        new_medical(
            uow,
            created,
            facility,
            emergency_contact_name="Ma Audited",
            emergency_contact_phone="555-0100",
            emergency_contact_relationship="mother",
            allergies="peanuts",
        )
        assert session.services.people.get_medical(created).allergies == "peanuts"
        session.sync_engine().cycle()
        assert session.services.sync_issues.list_open() == []
        assert session.server is not None
        with session.server.connect() as conn:
            who = conn.execute(text("SELECT current_user")).scalar_one()
            audit = conn.execute(
                text("SELECT changed_by, device_id FROM audit_log WHERE row_id = :id"),
                {"id": created},
            ).all()
    finally:
        signin.sign_out(session, forget_password=False)
    assert who == name
    assert audit and all(tuple(row) == (name, session.account.device_id) for row in audit)


def test_the_cache_is_encrypted_and_unreadable_without_its_key(
    site: Site, signin: SignInService, tmp_path: Path, ring: MemoryKeyring
) -> None:
    name = site.staff()
    session = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    signin.sign_out(session, forget_password=False)
    path = signin.caches_dir / session.account.cache_file
    header = path.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    for key in (None, bytes(32)):
        engine = make_local_engine(path, key)
        with pytest.raises(CacheLocked, match="cannot be opened"):
            check_cache_key(engine)
        engine.dispose()
    # remember=False: no password in the keyring, only the cache key.
    assert [k for k in ring.items if k[0] == SERVICE] == []


def test_wrong_password_is_refused_and_a_remembered_one_forgotten(
    site: Site, signin: SignInService, ring: MemoryKeyring
) -> None:
    name = site.staff()
    ring.set_password(SERVICE, f"{name}@{site.profile().key}", "an old password")
    with pytest.raises(NotAllowed, match="user name or the password is wrong"):
        signin.sign_in(site.profile(), name, "an old password", remember=True)
    assert signin.remembered_password(site.profile(), name) is None
    with pytest.raises(NotAllowed, match="user name or the password is wrong"):
        signin.sign_in(site.profile(), "t_nobody_here", PASSWORD, remember=True)


@pytest.mark.parametrize(
    ("username", "password", "field"),
    [("", PASSWORD, "username"), ("Robert'); DROP", PASSWORD, "username"), ("ada", "", "password")],
)
def test_bad_input_is_named_before_anything_is_sent(
    signin: SignInService, username: str, password: str, field: str
) -> None:
    profile = ServerProfile("127.0.0.1", free_port(), "rollbook", "disable")
    with pytest.raises(ValidationError) as err:
        signin.sign_in(profile, username, password, remember=False)
    assert err.value.field == field


def test_offline_sign_in_uses_the_verifier_and_the_cache_from_last_time(
    site: Site, signin: SignInService
) -> None:
    name = site.staff()
    online = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    with online.cache.begin() as conn:  # stands in for the slice the sync engine will keep
        conn.execute(insert(Facility).values(id=site.world.facility_id, name="North Academy"))
    signin.sign_out(online, forget_password=False)

    site.pg.stop()
    with pytest.raises(NotAllowed, match="checked against your last sign-in"):
        signin.sign_in(site.profile(), name, "not the password", remember=False)
    offline = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    try:
        assert not offline.online and offline.server is None
        assert offline.notice and "cannot be reached" in offline.notice
        assert offline.actor.device_id == online.account.device_id
        assert _visible_facilities(offline) == {"North Academy"}
    finally:
        signin.sign_out(offline, forget_password=False)


def test_signing_in_here_opens_the_cache_without_asking_the_server(
    site: Site, signin: SignInService, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = site.staff()
    online = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    with online.cache.begin() as conn:
        conn.execute(insert(Facility).values(id=site.world.facility_id, name="North Academy"))
    signin.sign_out(online, forget_password=False)

    def no_server(*_args: object) -> None:
        raise AssertionError("a transfer file's sign-in asked the server")

    monkeypatch.setattr("app.signin.session_server_engine", no_server)
    with pytest.raises(NotAllowed, match="checked against your last sign-in"):
        signin.sign_in_here(site.profile(), name, "not the password")
    here = signin.sign_in_here(site.profile(), name, PASSWORD)  # the server is up, and unasked
    try:
        assert not here.online and here.server is None
        assert _visible_facilities(here) == {"North Academy"}
    finally:
        signin.sign_out(here, forget_password=False)
    with pytest.raises(NoOfflineAccess, match="not signed in on this computer before"):
        signin.sign_in_here(site.profile(), site.staff(), PASSWORD)


def test_offline_without_a_previous_sign_in_says_why(site: Site, signin: SignInService) -> None:
    name = site.staff()
    site.pg.stop()
    with pytest.raises(NoOfflineAccess, match="not signed in on this computer before"):
        signin.sign_in(site.profile(), name, PASSWORD, remember=False)


def test_unreachable_server_is_offline_not_a_crash(signin: SignInService) -> None:
    profile = ServerProfile("127.0.0.1", free_port(), "rollbook", "prefer")
    with pytest.raises(NoOfflineAccess, match="cannot be reached"):
        signin.sign_in(profile, "ada", PASSWORD, remember=False)


def test_tls_required_by_the_workstation_but_not_offered_by_the_server(
    site: Site, signin: SignInService
) -> None:
    name = site.staff()
    with pytest.raises(NoOfflineAccess, match="does not offer TLS"):
        signin.sign_in(site.profile("require"), name, PASSWORD, remember=False)
    session = signin.sign_in(site.profile("prefer"), name, PASSWORD, remember=False)
    signin.sign_out(session, forget_password=False)
    site.pg.stop()
    offline = signin.sign_in(site.profile("prefer"), name, PASSWORD, remember=False)
    signin.sign_out(offline, forget_password=False)
    assert not offline.online


def test_a_disabled_account_loses_its_local_data_at_the_next_contact(
    site: Site, signin: SignInService, ring: MemoryKeyring
) -> None:
    name = site.staff()
    session = signin.sign_in(site.profile(), name, PASSWORD, remember=True)
    signin.sign_out(session, forget_password=False)
    cache = signin.caches_dir / session.account.cache_file
    assert cache.exists()
    server_admin.disable_staff(site.admin_url, name)
    with pytest.raises(AccountDisabled, match="disabled"):
        signin.sign_in(site.profile(), name, PASSWORD, remember=True)
    assert not cache.exists()
    assert signin.known_account(site.profile(), name) is None
    assert not [k for k in ring.items if k[1].startswith(f"{name}@")]
    # And offline there is nothing left to sign in to.
    site.pg.stop()
    with pytest.raises(NoOfflineAccess):
        signin.sign_in(site.profile(), name, PASSWORD, remember=True)


def test_rescoping_removes_what_the_account_may_no_longer_see(
    site: Site, signin: SignInService
) -> None:
    name = site.staff(Role.FACILITY_ADMIN, both=True)
    world = site.world
    student_a, student_b = world.students[0], world.outsider_id
    admin = make_server_engine(site.admin_url)
    medical = []
    with admin.begin() as conn:  # medical details on both sides, for this test only
        for sid, fid in ((student_a, world.facility_id), (student_b, world.other_facility_id)):
            medical.append(uuid.uuid4())
            conn.execute(
                insert(StudentMedical).values(id=medical[-1], user_id=sid, facility_id=fid)
            )
    try:
        session = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
        session.sync_engine().cycle()
        assert _visible_facilities(session) == {"North Academy", "South Institute"}
        signin.sign_out(session, forget_password=False)

        site.scope(name, world.facility_id)
        again = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
        try:
            assert again.notice and "no longer see" in again.notice
            with again.cache.connect() as conn:
                users = set(conn.execute(select(User.id)).scalars())
                kept = set(conn.execute(select(StudentMedical.id)).scalars())
                facilities = set(conn.execute(select(Facility.id)).scalars())
            assert student_a in users and student_b not in users
            assert medical[0] in kept and medical[1] not in kept  # admins keep their own
            assert facilities == {world.facility_id}
            again.sync_engine().cycle()  # the recorded slice narrows to what is allowed
            assert again.sync_engine().digests_match()
        finally:
            signin.sign_out(again, forget_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(delete(StudentMedical).where(StudentMedical.id.in_(medical)))
        admin.dispose()


def test_a_cache_whose_key_is_gone_is_set_aside_not_deleted(
    site: Site, signin: SignInService, ring: MemoryKeyring
) -> None:
    name = site.staff()
    first = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    signin.sign_out(first, forget_password=False)
    ring.set_password(CACHE_SERVICE, f"{name}@{site.profile().key}", bytes(32).hex())
    site.pg.stop()
    with pytest.raises(CacheLocked, match="Nothing was deleted"):
        signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    site.pg.start()
    second = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    signin.sign_out(second, forget_password=False)
    assert second.notice and "set aside" in second.notice
    assert second.account.cache_file != first.account.cache_file
    kept = list(signin.caches_dir.glob(f"{first.account.cache_file}.set-aside-*"))
    assert len(kept) == 1


def test_without_a_keyring_the_key_is_wrapped_by_the_password_and_nothing_is_remembered(
    site: Site, tmp_path: Path
) -> None:
    signin = SignInService(CredentialStore(keyring.backends.fail.Keyring()), tmp_path / "nk")
    assert not signin.keyring_status().available
    name = site.staff()
    online = signin.sign_in(site.profile(), name, PASSWORD, remember=True)
    signin.sign_out(online, forget_password=True)
    account = signin.known_account(site.profile(), name)
    assert account is not None and account.wrapped_key
    assert signin.remembered_password(site.profile(), name) is None
    site.pg.stop()
    offline = signin.sign_in(site.profile(), name, PASSWORD, remember=True)
    signin.sign_out(offline, forget_password=True)
    assert not offline.online


def test_no_secret_on_disk_after_sign_in(
    site: Site, signin: SignInService, ring: MemoryKeyring, tmp_path: Path
) -> None:
    name = site.staff()
    session = signin.sign_in(site.profile(), name, PASSWORD, remember=True)
    key = bytes.fromhex(ring.items[(CACHE_SERVICE, f"{name}@{site.profile().key}")])
    signin.sign_out(session, forget_password=False)
    site.pg.stop()
    signin.sign_out(
        signin.sign_in(site.profile(), name, PASSWORD, remember=True), forget_password=False
    )
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "accounts.json" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in (PASSWORD.encode(), key, key.hex().encode()):
            assert secret not in data, f"a secret is in {path.name}"
