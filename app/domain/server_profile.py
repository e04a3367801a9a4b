"""Which Rollbook server a workstation talks to: host, port, database and TLS mode, checked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP

# libpq's sslmode values, weakest first, with what a person reads in the sign-in dialog.
TLS_MODES: dict[str, str] = {
    "disable": QT_TRANSLATE_NOOP("server", "Off (only on a trusted local network)"),
    "prefer": QT_TRANSLATE_NOOP("server", "Use if the server offers it"),
    "require": QT_TRANSLATE_NOOP("server", "Required, certificate not checked"),
    "verify-ca": QT_TRANSLATE_NOOP("server", "Required, certificate checked"),
    "verify-full": QT_TRANSLATE_NOOP("server", "Required, certificate and host name checked"),
}
DEFAULT_PORT = 5432
_HOST_RE = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.\-]{0,252})?|\[?[0-9A-Fa-f:]+\]?|/[^\0]{0,250}")
_DB_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_$\-]{0,62}")


@dataclass(frozen=True, slots=True)
class ServerProfile:
    """A server as the sign-in dialog collects it. Never holds a credential."""

    host: str
    port: int = DEFAULT_PORT
    database: str = "rollbook"
    tls: str = "prefer"

    @classmethod
    def parse(cls, host: str, port: str | int, database: str, tls: str) -> ServerProfile:
        """Clean what a person typed; raise ``ValidationError`` naming the field at fault."""
        host = (host or "").strip()
        if not host or not _HOST_RE.fullmatch(host):
            raise ValidationError(
                "Enter the server's host name or address, for example db.example.org.",
                field="host",
            )
        try:
            number = int(str(port).strip())
        except ValueError:
            number = 0
        if not 1 <= number <= 65535:
            raise ValidationError(
                "The port is a number from 1 to 65535 (usually 5432).", field="port"
            )
        database = (database or "").strip()
        if not _DB_RE.fullmatch(database):
            raise ValidationError(
                "Enter the database name: letters, digits, _ or -, at most 63.", field="database"
            )
        if tls not in TLS_MODES:
            raise ValidationError(f"Unknown TLS mode “{tls}”.", field="tls")
        return cls(host, number, database, tls)

    @property
    def key(self) -> str:
        """Stable name of the server, used to file passwords and caches per server."""
        return f"{self.host}:{self.port}/{self.database}"

    @property
    def label(self) -> str:
        return f"{self.database} on {self.host}:{self.port}"
