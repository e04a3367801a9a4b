"""Passwords live in the keyring or nowhere; offline verifiers never reveal the password."""

from __future__ import annotations

import keyring.backends.fail
import pytest

from app.infra.credentials import (
    CredentialStore,
    KeyringUnavailable,
    check_verifier,
    make_verifier,
)
from tests.keyrings import MemoryKeyring


def test_password_round_trip_and_sign_out() -> None:
    ring = MemoryKeyring()
    store = CredentialStore(ring)
    assert store.status().available
    store.save_password("db.example:5432/rollbook", "ada", "s3cret-pass-phrase")
    assert store.load_password("db.example:5432/rollbook", "ada") == "s3cret-pass-phrase"
    assert store.load_password("db.example:5432/rollbook", "bob") is None
    store.forget("db.example:5432/rollbook", "ada")
    store.forget("db.example:5432/rollbook", "ada")  # twice is fine
    assert ring.items == {}


def test_no_backend_is_explained_and_nothing_is_stored() -> None:
    store = CredentialStore(keyring.backends.fail.Keyring())
    status = store.status()
    assert not status.available
    assert "asks for it at each sign-in" in (status.reason or "")
    with pytest.raises(KeyringUnavailable, match="no password keyring"):
        store.save_password("server", "ada", "pw-pw-pw-pw-pw")
    assert store.load_password("server", "ada") is None


def test_verifier_accepts_the_password_and_nothing_else() -> None:
    verifier = make_verifier("correct horse battery staple")
    assert "correct" not in verifier and "horse" not in verifier
    assert check_verifier("correct horse battery staple", verifier)
    assert not check_verifier("correct horse battery stapler", verifier)
    assert not check_verifier("", verifier)


def test_verifiers_are_salted_and_malformed_ones_never_match() -> None:
    a, b = make_verifier("same password"), make_verifier("same password")
    assert a != b
    assert check_verifier("same password", a) and check_verifier("same password", b)
    for broken in ("", "scrypt$1$2", "bcrypt$16384$8$1$AAAA$AAAA", a.replace("m=", "m=x")):
        assert not check_verifier("same password", broken)
    with pytest.raises(ValueError):
        make_verifier("")
