"""Fixtures for the packaged app's start-up: fake bundles, read-only folders, the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.db import migrate

REPO = Path(__file__).resolve().parents[2]

Bundle = Callable[..., Path]


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Bundle:
    """Make a folder laid out as PyInstaller unpacks Rollbook and run as if from it.

    ``bundle(extra={"name.py": source})`` adds migration scripts (a later release's);
    ``bundle(without=("resources/icons/rollbook.png",))`` leaves files out, as a damaged
    installation would.
    """

    def make(extra: dict[str, str] | None = None, without: tuple[str, ...] = ()) -> Path:
        root = tmp_path / "bundle"
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(REPO / "migrations", root / "migrations", ignore=ignore)
        shutil.copytree(REPO / "resources", root / "resources", ignore=ignore)
        for name, source in (extra or {}).items():
            (root / "migrations" / "versions" / name).write_text(source, encoding="utf-8")
        for name in without:
            target = root / name
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
        monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
        return root

    return make


@pytest.fixture
def head() -> str:
    revision = migrate.head_revision()
    assert revision is not None
    return revision


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder no file can be created in, for root too (tests run as root in CI)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if _writable(folder) and shutil.which("chattr"):
        # root ignores permission bits; the immutable attribute stops root as well.
        immutable = subprocess.run(["chattr", "+i", str(folder)], check=False).returncode == 0
    try:
        if _writable(folder):
            pytest.skip(
                "cannot make a folder read-only here (root on a file system without chattr)"
            )
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def _writable(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink()
    return True


def app_env(data: Path, **extra: str) -> dict[str, str]:
    """The environment of a Rollbook started by a test: offscreen, its own data folder."""
    env = dict(os.environ)
    env.update({"ROLLBOOK_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen", **extra})
    return env
