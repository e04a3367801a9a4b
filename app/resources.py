"""Files Rollbook ships beside its code (icon, migrations), found in a checkout or a bundle.

A PyInstaller bundle unpacks them under ``sys._MEIPASS`` (``packaging/rollbook.spec`` puts them
there); a source checkout has them at the top of the repository. Nothing here imports Qt at
import time: the self-check and the command line use it without a display.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import migrate
from app.domain.errors import DomainError

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

ICON = "icons/rollbook.png"
TRANSLATIONS = "translations"
LANGUAGES = ("fr", "es")  # besides English, the source language (app.ui.language)


class MissingResource(DomainError):
    """A file the installation should contain is not there."""


def bundle_dir() -> Path | None:
    """The folder a PyInstaller build unpacked into, or ``None`` when running from source."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else None


def is_frozen() -> bool:
    return bundle_dir() is not None


def resources_dir() -> Path:
    bundle = bundle_dir()
    if bundle is not None:
        return bundle / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


@dataclass(frozen=True, slots=True)
class Requirement:
    """One thing the installation must hold; ``found`` says whether it does."""

    name: str
    path: Path
    found: Callable[[Path], bool]
    why: str
    essential: bool = True  # Rollbook cannot work without it (the icon is not)


def requirements() -> tuple[Requirement, ...]:
    migrations = migrate.migrations_dir()
    return (
        Requirement(
            "application icon", resources_dir() / ICON, Path.is_file, "windows show it", False
        ),
        Requirement(
            "database migrations",
            migrations / "env.py",
            Path.is_file,
            "the local cache is created and upgraded with them",
        ),
        Requirement(
            "migration scripts",
            migrations / "versions",
            lambda p: p.is_dir() and any(p.glob("*.py")),
            "the local cache is created and upgraded with them",
        ),
        Requirement(
            "French and Spanish translations",
            resources_dir() / TRANSLATIONS,
            lambda p: all((p / f"rollbook_{code}.qm").is_file() for code in LANGUAGES),
            "the desk speaks French and Spanish with them (English without)",
            False,
        ),
    )


def missing(*, essential_only: bool = False) -> list[Requirement]:
    return [
        r for r in requirements() if not r.found(r.path) and (r.essential or not essential_only)
    ]


def missing_message(absent: list[Requirement]) -> str:
    names = "; ".join(f"{r.name} ({r.path}), needed because {r.why}" for r in absent)
    return (
        f"This Rollbook installation is incomplete: {names} cannot be found. "
        "Reinstall Rollbook, or ask your administrator to; `rollbook --self-check` lists "
        "everything that is missing."
    )


def require_migrations() -> None:
    """Raise ``MissingResource`` when the cache could not be created or upgraded."""
    absent = missing(essential_only=True)
    if absent:
        raise MissingResource(missing_message(absent))


def qt_translations_dir() -> Path:
    """Where Qt keeps its own translations: in the PySide6 wheel, or in the bundle's copy."""
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def apply_to(_app: QCoreApplication) -> None:
    """Give the application its window icon. Its language (Rollbook's translations and Qt's
    own) is the desk's choice: ``app.ui.language``.

    A missing icon is logged, not fatal: every window still works.
    """
    from PySide6.QtGui import QGuiApplication, QIcon

    icon = resources_dir() / ICON
    if icon.is_file():
        QGuiApplication.setWindowIcon(QIcon(str(icon)))
    else:
        log.warning("%s", missing_message([r for r in requirements() if r.path == icon]))
