"""Where Rollbook keeps its files: the platform's user data and log folders (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Rollbook"
DATA_ENV = "ROLLBOOK_DATA_DIR"


def data_dir() -> Path:
    """The user data folder, or ``ROLLBOOK_DATA_DIR`` when set (tests, portable installs)."""
    override = os.environ.get(DATA_ENV)
    path = Path(override) if override else platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_cache_path() -> Path:
    return data_dir() / "demo-workstation.sqlite3"
