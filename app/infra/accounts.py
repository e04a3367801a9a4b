"""Who has signed in on this workstation before: one entry per (server, staff member).

An entry lets that person sign in offline at this PC and names their encrypted cache file. It
holds a scrypt verifier of the password (never the password) and, only where the platform has no
keyring, the cache key wrapped under a key derived from the password. The file is JSON in the
user data folder, written atomically.
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

from app.infra.credentials import KDF_N, KDF_P, KDF_R

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


def wrap_key(key: bytes, password: str) -> str:
    """Seal ``key`` under a key derived from ``password`` (scrypt, fresh salt; one-time XOR)."""
    salt = os.urandom(16)
    pad = _derive(password, salt, len(key))
    sealed = bytes(a ^ b for a, b in zip(key, pad, strict=True))
    return "$".join(("scrypt-xor", _b64(salt), _b64(sealed)))


def unwrap_key(wrapped: str, password: str) -> bytes:
    """Inverse of ``wrap_key``. The caller checks the password with the verifier first: a wrong
    password gives a wrong key, which the cache then refuses."""
    kind, salt, sealed = wrapped.split("$")
    if kind != "scrypt-xor":
        raise ValueError("unknown key wrapping")
    data = base64.urlsafe_b64decode(sealed)
    pad = _derive(password, base64.urlsafe_b64decode(salt), len(data))
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))


def new_device_id() -> str:
    return str(uuid.uuid4())


def _derive(password: str, salt: bytes, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode(),
        salt=b"rollbook-cache-key:" + salt,
        n=KDF_N,
        r=KDF_R,
        p=KDF_P,
        dklen=length,
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")
