"""Offline sign-in secrets on a real sign-in: accounts kept in the older scrypt formats are
renewed to Argon2id and AES-GCM at the next sign-in, and an altered seal is refused with a
clear message, nothing deleted."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import keyring.backends.fail
import pytest

from app.db.engine import CacheLocked
from app.infra.accounts import AccountRegistry, LocalAccount, seal_is_current, unwrap_key
from app.infra.credentials import CredentialStore, check_verifier, verifier_is_current
from app.signin import SignInService
from tests.signin_site import PASSWORD, Site
from tests.unit.test_sealed_key import legacy_seal, legacy_verifier

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _server_up(site: Site) -> Iterator[None]:
    site.pg.start()
    yield
    site.pg.start()


@dataclass
class Kept:
    """Someone who signed in once, online, on a PC with no keyring: their cache key is kept
    sealed under the password in the accounts file."""

    signin: SignInService
    registry: AccountRegistry
    account: LocalAccount
    name: str


def _signed_in_once_without_keyring(site: Site, folder: Path) -> Kept:
    signin, name = (
        SignInService(CredentialStore(keyring.backends.fail.Keyring()), folder),
        site.staff(),
    )
    signin.sign_out(
        signin.sign_in(site.profile(), name, PASSWORD, remember=False), forget_password=False
    )
    registry = AccountRegistry(folder / "accounts.json")
    account = registry.get(site.profile().key, name)
    assert account is not None and account.wrapped_key
    return Kept(signin, registry, account, name)


def test_an_account_in_the_older_formats_is_renewed_at_an_offline_sign_in(
    site: Site, tmp_path: Path
) -> None:
    kept = _signed_in_once_without_keyring(site, tmp_path / "pc")
    signin, registry, account, name = kept.signin, kept.registry, kept.account, kept.name
    assert account.wrapped_key
    key = unwrap_key(account.wrapped_key, PASSWORD)
    # As a Rollbook of before left it: scrypt verifier, scrypt-XOR seal.
    registry.put(
        replace(account, verifier=legacy_verifier(PASSWORD), wrapped_key=legacy_seal(key, PASSWORD))
    )

    site.pg.stop()
    offline = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    try:
        assert not offline.online and offline.cache is not None
    finally:
        signin.sign_out(offline, forget_password=False)
    renewed = registry.get(site.profile().key, name)
    assert renewed is not None and renewed.wrapped_key
    assert renewed.verifier.startswith("$argon2id$") and verifier_is_current(renewed.verifier)
    assert check_verifier(PASSWORD, renewed.verifier)
    assert seal_is_current(renewed.wrapped_key) and unwrap_key(renewed.wrapped_key, PASSWORD) == key
    # And the renewed account signs in offline again.
    again = signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    signin.sign_out(again, forget_password=False)
    assert not again.online


def test_an_altered_seal_is_refused_and_the_cache_is_kept(site: Site, tmp_path: Path) -> None:
    kept = _signed_in_once_without_keyring(site, tmp_path / "pc")
    signin, registry, account, name = kept.signin, kept.registry, kept.account, kept.name
    assert account.wrapped_key
    head, body = account.wrapped_key.rsplit("$", 1)
    flipped = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    registry.put(replace(account, wrapped_key=f"{head}${flipped}"))
    cache = signin.caches_dir / account.cache_file
    before = cache.read_bytes()

    site.pg.stop()
    with pytest.raises(CacheLocked, match="kept sealed on this computer, does not open"):
        signin.sign_in(site.profile(), name, PASSWORD, remember=False)
    assert cache.read_bytes() == before
