"""Who has signed in on this workstation before: one entry per (server, staff member).

An entry lets that person sign in offline at this PC and names their encrypted cache file. It
holds an Argon2id verifier of the password (never the password) and, only where the platform has
no keyring, the cache key sealed under a key derived from the password (AES-GCM). The file is
JSON in the user data folder, written atomically.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.infra.credentials import (
    ARGON2_ITERATIONS,
    ARGON2_LANES,
    ARGON2_MEMORY_KIB,
    LEGACY_SCRYPT_N,
    LEGACY_SCRYPT_P,
    LEGACY_SCRYPT_R,
    argon2id,
)

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class LocalAccount:
    server: str  # ServerProfile.key
    username: str
    device_id: str  # this workstation's id for this cache; audit rows carry it
    cache_file: str  # a file name inside the caches folder
    verifier: str
    wrapped_key: str | None = None  # only without a keyring
    staff_id: str | None = None
    role: str | None = None
    last_online_at: str | None = None  # ISO instant of the last sign-in the server accepted

    def with_online(self, at: datetime, staff_id: uuid.UUID, role: str) -> LocalAccount:
        return replace(self, last_online_at=at.isoformat(), staff_id=str(staff_id), role=role)


class AccountRegistry:
    """The ``accounts.json`` of a workstation. Not thread-safe: the sign-in task owns it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, dict[str, str | None]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            # Unreadable: offline sign-in is unavailable until the next online one rewrites it.
            log.warning("accounts file unreadable (%s); offline sign-in needs a server first", err)
            return {}
        accounts = raw.get("accounts") if isinstance(raw, dict) else None
        return accounts if isinstance(accounts, dict) else {}

    def get(self, server: str, username: str) -> LocalAccount | None:
        entry = self._load().get(_slot(server, username))
        if entry is None:
            return None
        try:
            return LocalAccount(**entry)  # type: ignore[arg-type]
        except TypeError:
            log.warning("accounts entry for %s malformed; ignored", username)
            return None

    def all(self) -> list[LocalAccount]:
        found = []
        for server_user in self._load():
            server, _, username = server_user.rpartition("|")
            account = self.get(server, username)
            if account is not None:
                found.append(account)
        return found

    def put(self, account: LocalAccount) -> None:
        accounts = self._load()
        accounts[_slot(account.server, account.username)] = asdict(account)
        self._write(accounts)

    def remove(self, server: str, username: str) -> None:
        accounts = self._load()
        if accounts.pop(_slot(server, username), None) is not None:
            self._write(accounts)

    def _write(self, accounts: dict[str, dict[str, str | None]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        payload = json.dumps({"version": FORMAT_VERSION, "accounts": accounts}, indent=2)
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)


def _slot(server: str, username: str) -> str:
    return f"{server}|{username}"


class SealBroken(ValueError):
    """A sealed cache key that cannot be opened: another password, or the seal was altered."""


_SEAL = "argon2id-aesgcm"
_SEAL_CONTEXT = b"rollbook cache key"  # authenticated with the key: a seal of nothing else


def wrap_key(key: bytes, password: str) -> str:
    """Seal ``key`` under a key derived from ``password``: Argon2id (fresh salt) then AES-GCM
    (fresh nonce), so the seal is both secret and authenticated. The text names its format
    and cost: ``argon2id-aesgcm$m=…,t=…,p=…$salt$nonce$sealed``."""
    salt, nonce = os.urandom(16), os.urandom(12)
    sealing = AESGCM(argon2id(salt).derive(password.encode()))
    sealed = sealing.encrypt(nonce, key, _SEAL_CONTEXT)
    cost = f"m={ARGON2_MEMORY_KIB},t={ARGON2_ITERATIONS},p={ARGON2_LANES}"
    return "$".join((_SEAL, cost, _b64(salt), _b64(nonce), _b64(sealed)))


def unwrap_key(wrapped: str, password: str) -> bytes:
    """Inverse of ``wrap_key``; raises ``SealBroken`` for a wrong password or an altered seal.
    Seals of the older format (``scrypt-xor``) are still opened, to be renewed by the caller."""
    kind, _, rest = wrapped.partition("$")
    if kind == "scrypt-xor":
        return _unwrap_legacy(rest, password)
    if kind != _SEAL:
        raise SealBroken(f"unknown key sealing {kind!r}")
    try:
        cost, salt, nonce, sealed = rest.split("$")
        params = dict(part.split("=") for part in cost.split(","))
        sealing = AESGCM(
            Argon2id(
                salt=_unb64(salt),
                length=32,
                iterations=int(params["t"]),
                lanes=int(params["p"]),
                memory_cost=int(params["m"]),
            ).derive(password.encode())
        )
        return sealing.decrypt(_unb64(nonce), _unb64(sealed), _SEAL_CONTEXT)
    except InvalidTag as err:
        raise SealBroken("the sealed key does not open: another password, or altered") from err
    except (ValueError, KeyError, TypeError) as err:
        raise SealBroken(f"the sealed key is malformed: {err}") from err


def seal_is_current(wrapped: str) -> bool:
    """Whether a sealed key uses today's format and cost (else: seal it again)."""
    kind, _, rest = wrapped.partition("$")
    cost = rest.split("$", 1)[0]
    return kind == _SEAL and cost == f"m={ARGON2_MEMORY_KIB},t={ARGON2_ITERATIONS},p={ARGON2_LANES}"


def _unwrap_legacy(rest: str, password: str) -> bytes:
    """The scrypt one-time pad of caches made before (no authentication: the cache's own key
    check is what refused a wrong one)."""
    try:
        salt, sealed = rest.split("$")
        data = _unb64(sealed)
        pad = hashlib.scrypt(
            password.encode(),
            salt=b"rollbook-cache-key:" + _unb64(salt),
            n=LEGACY_SCRYPT_N,
            r=LEGACY_SCRYPT_R,
            p=LEGACY_SCRYPT_P,
            dklen=len(data),
        )
    except (ValueError, TypeError) as err:
        raise SealBroken(f"the sealed key is malformed: {err}") from err
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))


def new_device_id() -> str:
    return str(uuid.uuid4())


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")
