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
import re
from dataclasses import dataclass

import keyring
import keyring.errors
from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
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


# Offline verifiers are Argon2id in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash),
# at OWASP's cost for Argon2id (19 MiB, 2 passes, 1 lane): a stolen PC's accounts file cannot be
# guessed against cheaply, and the format names its own parameters, so a later raise of the cost
# is read back and upgraded at the next sign-in. ``cryptography`` computes and checks it.
ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_LANES = 19 * 1024, 2, 1
# The format of caches made before (scrypt N=2^14): still read, replaced at the next sign-in.
LEGACY_SCRYPT_N, LEGACY_SCRYPT_R, LEGACY_SCRYPT_P = 2**14, 8, 1


def argon2id(salt: bytes) -> Argon2id:
    """The key derivation of verifiers and sealed keys, at the current cost."""
    return Argon2id(
        salt=salt,
        length=32,
        iterations=ARGON2_ITERATIONS,
        lanes=ARGON2_LANES,
        memory_cost=ARGON2_MEMORY_KIB,
    )


def make_verifier(password: str) -> str:
    """A verifier for offline sign-in, derived from the password; never the password itself."""
    if not password:
        raise ValueError("an empty password cannot be verified")
    return argon2id(os.urandom(16)).derive_phc_encoded(password.encode())


def check_verifier(password: str, verifier: str) -> bool:
    """True when ``password`` matches; a malformed verifier never matches."""
    if verifier.startswith("$argon2id$"):
        try:
            Argon2id.verify_phc_encoded(password.encode(), verifier)
        except (InvalidKey, ValueError, TypeError):
            return False
        return True
    return _check_legacy_verifier(password, verifier)


def verifier_is_current(verifier: str) -> bool:
    """Whether a verifier is Argon2id at no less than today's cost (else: renew it)."""
    match = re.fullmatch(r"\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[^$]+\$[^$]+", verifier)
    if match is None:
        return False
    memory, iterations, _lanes = (int(g) for g in match.groups())
    return memory >= ARGON2_MEMORY_KIB and iterations >= ARGON2_ITERATIONS


def _check_legacy_verifier(password: str, verifier: str) -> bool:
    """The scrypt verifiers of caches made before Argon2id (``scrypt$n$r$p$salt$digest``)."""
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
