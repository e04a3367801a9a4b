"""The transfer file's format: sealing a payload under the facility's transfer key and opening it.

A file is ``MAGIC``, a 4-byte header length, the header (JSON) and the body: zlib-compressed JSON
sealed with AES-GCM under a key derived from the facility's transfer key by Argon2id (a fresh salt
per file). The header travels in the clear but is authenticated as associated data, so a changed
byte anywhere is refused. What the files carry, and the exactly-once rules, are
``app.sync.transfer``'s. No Qt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
import zlib
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.domain.errors import DomainError
from app.domain.i18n import translate
from app.infra.credentials import ARGON2_ITERATIONS, ARGON2_LANES, ARGON2_MEMORY_KIB, argon2id

MAGIC = b"ROLLBOOK-TRANSFER\n"
VERSION = 1
MIN_KEY_LENGTH = 8
_KEY_CHECK = b"rollbook transfer key check"


class TransferRefused(DomainError):
    """A transfer file this computer will not use; the message says why. Nothing changed."""


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _derive(key: str, salt: bytes) -> bytes:
    return argon2id(salt).derive(key.encode("utf-8"))


def _check(derived: bytes) -> str:
    return hmac.new(derived, _KEY_CHECK, hashlib.sha256).hexdigest()[:32]


def seal(kind: str, device_id: str, number: int, lo: int, hi: int, payload: Any, key: str) -> bytes:
    """The file's bytes: header authenticated, payload encrypted (see the module doc)."""
    if len(key) < MIN_KEY_LENGTH:
        raise TransferRefused(
            translate(
                "transfer", "The transfer key is too short: at least {most} characters."
            ).format(most=MIN_KEY_LENGTH)
        )
    salt, nonce = os.urandom(16), os.urandom(12)
    derived = _derive(key, salt)
    body = zlib.compress(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
    header = {
        "version": VERSION,
        "kind": kind,
        "device": device_id,
        "number": number,
        "lo": lo,
        "hi": hi,
        "kdf": f"argon2id m={ARGON2_MEMORY_KIB},t={ARGON2_ITERATIONS},p={ARGON2_LANES}",
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "check": _check(derived),
        "body_bytes": len(body) + 16,  # with the tag
    }
    head = json.dumps(header, sort_keys=True).encode("utf-8")
    sealed = AESGCM(derived).encrypt(nonce, body, MAGIC + head)
    return MAGIC + struct.pack(">I", len(head)) + head + sealed


def unseal(raw: bytes, key: str, *, kind: str) -> tuple[dict[str, Any], Any]:
    """The header and payload of a file of ``kind``; ``TransferRefused`` says what is wrong."""
    if not raw.startswith(MAGIC):
        if MAGIC.startswith(raw):
            raise TransferRefused(
                translate("transfer", "The file is cut short (truncated): nothing was used.")
            )
        raise TransferRefused(
            translate("transfer", "This is not a Rollbook transfer file: nothing was used.")
        )
    rest = raw[len(MAGIC) :]
    if len(rest) < 4:
        raise TransferRefused(
            translate("transfer", "The file is cut short (truncated): nothing was used.")
        )
    (size,) = struct.unpack(">I", rest[:4])
    if len(rest) < 4 + size:
        raise TransferRefused(
            translate("transfer", "The file is cut short (truncated): nothing was used.")
        )
    head = rest[4 : 4 + size]
    try:
        header = json.loads(head)
        body_bytes = int(header["body_bytes"])
        salt = base64.b64decode(header["salt"], validate=True)
        nonce = base64.b64decode(header["nonce"], validate=True)
        version = int(header["version"])
    except (ValueError, KeyError, TypeError) as err:
        raise TransferRefused(
            translate("transfer", "The file was changed (its header is damaged): nothing was used.")
        ) from err
    sealed = rest[4 + size :]
    if len(sealed) < body_bytes:
        raise TransferRefused(
            translate("transfer", "The file is cut short (truncated): nothing was used.")
        )
    if len(sealed) > body_bytes:
        raise TransferRefused(
            translate(
                "transfer", "The file was changed (bytes were added to it): nothing was used."
            )
        )
    if version != VERSION:
        raise TransferRefused(
            translate(
                "transfer",
                "This transfer file has format {found}; this Rollbook reads format {wanted}.",
            ).format(found=version, wanted=VERSION)
        )
    derived = _derive(key, salt)
    try:
        body = AESGCM(derived).decrypt(nonce, sealed, MAGIC + head)
    except InvalidTag:
        if not hmac.compare_digest(str(header.get("check", "")), _check(derived)):
            raise TransferRefused(
                translate(
                    "transfer",
                    "The transfer key is wrong for this file (or its header was changed): "
                    "nothing was used.",
                )
            ) from None
        raise TransferRefused(
            translate(
                "transfer",
                "The file was changed after it was written (it fails its check): nothing was used.",
            )
        ) from None
    if header.get("kind") != kind:
        if kind == "reply":
            raise TransferRefused(
                translate(
                    "transfer",
                    "This is a workstation's export, to import at a connected computer "
                    "(`rollbook transfer import`), not a reply to apply here.",
                )
            )
        raise TransferRefused(
            translate(
                "transfer",
                "This is a reply, to apply on its workstation (`rollbook transfer apply`), "
                "not an export to import.",
            )
        )
    return header, json.loads(zlib.decompress(body))


def write_file(path: Path, data: bytes) -> None:
    """Atomically: a stick pulled out mid-write leaves the old file or none, never half."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def read_file(path: Path) -> bytes:
    """The file's bytes, or ``TransferRefused`` saying why they cannot be read."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise TransferRefused(
            translate("transfer", "The file cannot be read: {why}").format(why=err.strerror or err)
        ) from err
