"""Offline sign-in secrets: an Argon2id verifier in the PHC format, and the cache key sealed
with AES-GCM under an Argon2id key, at OWASP's cost; the older scrypt formats still open and are
reported as due for renewal."""

from __future__ import annotations

import base64
import hashlib
import os
import re

import pytest

from app.infra.accounts import SealBroken, seal_is_current, unwrap_key, wrap_key
from app.infra.credentials import check_verifier, make_verifier, verifier_is_current

PASSWORD = "correct horse battery staple"


def legacy_verifier(password: str) -> str:
    """A verifier as Rollbook wrote it before (scrypt N=2^14, its own format)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    b64 = base64.urlsafe_b64encode
    return "$".join(("scrypt", "16384", "8", "1", b64(salt).decode(), b64(digest).decode()))


def legacy_seal(key: bytes, password: str) -> str:
    """A cache key sealed as Rollbook did before: an scrypt pad XOR-ed with the key."""
    salt = os.urandom(16)
    pad = hashlib.scrypt(
        password.encode(), salt=b"rollbook-cache-key:" + salt, n=2**14, r=8, p=1, dklen=len(key)
    )
    sealed = bytes(a ^ b for a, b in zip(key, pad, strict=True))
    b64 = base64.urlsafe_b64encode
    return "$".join(("scrypt-xor", b64(salt).decode(), b64(sealed).decode()))


def test_the_verifier_is_argon2id_at_owasp_cost_in_a_self_describing_format() -> None:
    verifier = make_verifier(PASSWORD)
    found = re.fullmatch(r"\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[^$]+\$[^$]+", verifier)
    assert found is not None, verifier
    memory_kib, passes, _lanes = (int(g) for g in found.groups())
    assert memory_kib >= 19 * 1024 and passes >= 2
    assert check_verifier(PASSWORD, verifier) and verifier_is_current(verifier)
    assert not check_verifier(PASSWORD + "!", verifier)
    cheaper = verifier.replace(f"m={memory_kib},", "m=4096,")
    assert not verifier_is_current(cheaper)


def test_an_older_scrypt_verifier_still_checks_and_is_due_for_renewal() -> None:
    old = legacy_verifier(PASSWORD)
    assert check_verifier(PASSWORD, old)
    assert not check_verifier("another one", old)
    assert not verifier_is_current(old)


def test_the_sealed_key_opens_with_the_password_only() -> None:
    key = os.urandom(32)
    sealed = wrap_key(key, PASSWORD)
    assert key.hex() not in sealed and base64.urlsafe_b64encode(key).decode() not in sealed
    assert sealed.startswith("argon2id-aesgcm$m=19456,t=2,p=1$") and seal_is_current(sealed)
    assert unwrap_key(sealed, PASSWORD) == key
    assert wrap_key(key, PASSWORD) != sealed  # a fresh salt and nonce each time
    with pytest.raises(SealBroken, match="another password"):
        unwrap_key(sealed, "not the password")


def test_a_changed_byte_anywhere_in_the_seal_is_refused() -> None:
    key = os.urandom(32)
    kind, cost, salt, nonce, body = wrap_key(key, PASSWORD).split("$")
    raw = bytearray(base64.urlsafe_b64decode(body))
    for i in (0, len(raw) // 2, len(raw) - 1):  # the key and the authentication tag
        changed = bytearray(raw)
        changed[i] ^= 0x01
        tampered = "$".join((kind, cost, salt, nonce, base64.urlsafe_b64encode(changed).decode()))
        with pytest.raises(SealBroken):
            unwrap_key(tampered, PASSWORD)
    other_nonce = base64.urlsafe_b64encode(os.urandom(12)).decode()
    for tampered in (
        "$".join((kind, cost, salt, other_nonce, body)),
        "$".join((kind, cost, base64.urlsafe_b64encode(os.urandom(16)).decode(), nonce, body)),
        "$".join((kind, cost, salt, nonce, body[:-8])),  # truncated
        "$".join((kind, cost, salt, nonce)),
        "$".join(("rot13", cost, salt, nonce, body)),
    ):
        with pytest.raises(SealBroken):
            unwrap_key(tampered, PASSWORD)


def test_an_older_unauthenticated_seal_still_opens_and_is_due_for_renewal() -> None:
    key = os.urandom(32)
    old = legacy_seal(key, PASSWORD)
    assert unwrap_key(old, PASSWORD) == key
    assert not seal_is_current(old)
