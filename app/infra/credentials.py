"""Secrets: staff passwords in the platform keyring, and offline sign-in verifiers.

A password is never written to settings, logs or the cache. Where the platform has no keyring
backend (headless Linux), ``CredentialStore.available`` says why and callers ask each time;
there is no plaintext fallback.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import logging
import os
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from app.domain.errors import DomainError

log = logging.getLogger(__name__)

SERVICE = "Rollbook"
CACHE_SERVICE = "Rollbook cache key"


class KeyringUnavailable(DomainError):
    """No usable keyring backend: the password must be typed at each sign-in."""


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    available: bool
    backend: str
    reason: str | None


class CredentialStore:
    """Passwords per (server, user) in the OS keyring, through the ``keyring`` package."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    def _ring(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    def status(self) -> KeyringStatus:
        ring = self._ring()
        name = f"{type(ring).__module__}.{type(ring).__name__}"
        chained = getattr(ring, "backends", None)
        if chained is not None:
            usable = bool(chained)  # a chainer with nothing behind it stores nowhere
        else:
            priority = getattr(ring, "priority", 0)
            usable = not name.startswith("keyring.backends.fail") and priority >= 1
        if not usable:
            return KeyringStatus(False, name, self._no_backend_reason())
        return KeyringStatus(True, name, None)

    @staticmethod
    def _no_backend_reason() -> str:
        return (
            "This computer has no password keyring (for example a Linux session without "
            "Secret Service). Rollbook will not store your password in a file, so it asks "
            "for it at each sign-in."
        )

    def save_password(self, server: str, username: str, password: str) -> None:
        self._require()
        try:
            self._ring().set_password(SERVICE, _account(server, username), password)
        except keyring.errors.KeyringError as err:
            raise KeyringUnavailable(f"The keyring refused to store the password: {err}") from err

    def load_password(self, server: str, username: str) -> str | None:
        if not self.status().available:
            return None
        try:
            return self._ring().get_password(SERVICE, _account(server, username))
        except keyring.errors.KeyringError:
            log.warning("keyring could not be read; asking for the password instead")
            return None

    def forget(self, server: str, username: str) -> None:
        """Sign-out on a shared PC: the stored password goes; a missing one is fine."""
        if not self.status().available:
            return
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._ring().delete_password(SERVICE, _account(server, username))

    def load_cache_key(self, server: str, username: str) -> bytes | None:
        """The key of this account's encrypted cache on this computer, if the keyring has it."""
        if not self.status().available:
            return None
        try:
            stored = self._ring().get_password(CACHE_SERVICE, _account(server, username))
        except keyring.errors.KeyringError:
            log.warning("keyring could not be read; the cache key is unavailable")
            return None
        return bytes.fromhex(stored) if stored else None

    def save_cache_key(self, server: str, username: str, key: bytes) -> None:
        self._require()
        try:
            self._ring().set_password(CACHE_SERVICE, _account(server, username), key.hex())
        except keyring.errors.KeyringError as err:
            raise KeyringUnavailable(f"The keyring refused to store the cache key: {err}") from err

    def forget_cache_key(self, server: str, username: str) -> None:
        if not self.status().available:
            return
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._ring().delete_password(CACHE_SERVICE, _account(server, username))

    def _require(self) -> None:
        status = self.status()
        if not status.available:
            raise KeyringUnavailable(status.reason or "No keyring is available.")


def _account(server: str, username: str) -> str:
    return f"{username}@{server}"


# scrypt is memory-hard (n * r * 128 bytes = 16 MiB here), so a stolen cache cannot be
# brute-forced cheaply on a GPU; it is in the standard library, so no extra dependency.
KDF_N, KDF_R, KDF_P = 2**14, 8, 1


def make_verifier(password: str) -> str:
    """A verifier for offline sign-in, derived from the password; never the password itself."""
    if not password:
        raise ValueError("an empty password cannot be verified")
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=KDF_N, r=KDF_R, p=KDF_P, dklen=32)
    return "$".join(("scrypt", str(KDF_N), str(KDF_R), str(KDF_P), _b64(salt), _b64(digest)))


def check_verifier(password: str, verifier: str) -> bool:
    """True when ``password`` matches; a malformed verifier never matches."""
    try:
        kind, n, r, p, salt, digest = verifier.split("$")
        if kind != "scrypt":
            return False
        expected = base64.urlsafe_b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=base64.urlsafe_b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")
