"""Typed settings over QSettings, declared once and versioned. Never a secret: see keyring."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from app.domain.errors import ValidationError
from app.domain.server_profile import DEFAULT_PORT, ServerProfile

VERSION = 1


@dataclass(frozen=True, slots=True)
class AppSettings:
    """What the workstation remembers between runs."""

    server: ServerProfile | None = None
    last_username: str = ""
    remember_password: bool = True
    language: str = ""  # "en", "fr", "es"; empty: the system's (app.ui.language)


class SettingsStore:
    """Reads and writes ``AppSettings`` in an INI file of the user data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def load(self) -> AppSettings:
        qs = self._qs
        version = int(qs.value("version", 0) or 0)  # type: ignore[call-overload]
        if version > VERSION:
            return AppSettings()  # written by a newer Rollbook: start blank rather than misread
        host = str(qs.value("server/host", "") or "")
        server = None
        if host:
            try:
                server = ServerProfile.parse(
                    host,
                    str(qs.value("server/port", DEFAULT_PORT)),
                    str(qs.value("server/database", "rollbook")),
                    str(qs.value("server/tls", "prefer")),
                )
            except ValidationError:
                server = None
        remember = str(qs.value("account/remember_password", "true")).lower() == "true"
        return AppSettings(
            server=server,
            last_username=str(qs.value("account/last_username", "") or ""),
            remember_password=remember,
            language=str(qs.value("desk/language", "") or ""),
        )

    def save(self, settings: AppSettings) -> None:
        qs = self._qs
        qs.setValue("version", VERSION)
        if settings.server is None:
            qs.remove("server")
        else:
            qs.setValue("server/host", settings.server.host)
            qs.setValue("server/port", settings.server.port)
            qs.setValue("server/database", settings.server.database)
            qs.setValue("server/tls", settings.server.tls)
        qs.setValue("account/last_username", settings.last_username)
        qs.setValue("account/remember_password", "true" if settings.remember_password else "false")
        qs.setValue("desk/language", settings.language)
        qs.sync()
