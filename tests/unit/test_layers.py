"""The layers are checked by import-linter (`.importlinter`, run by `make test`). Here: the
contracts hold for the tree, and they catch what the hand-written walker let through — a
relative import, `from app import db`, an upward import — in a copy of the tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_tree_keeps_every_contract() -> None:
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("where", "line", "contract"),
    [
        ("app/ui/_probe.py", "from app import db\n", "The desk reaches services"),
        ("app/ui/views/_probe.py", "from ...sync import engine\n", "The desk reaches services"),
        ("app/services/_probe.py", "import app.ui.tasks\n", "Services import neither"),
        ("app/domain/_probe.py", "from ..infra import clock\n", "The domain imports nothing"),
        ("app/sync/_probe.py", "from PySide6 import QtCore\n", "Sync never imports Qt"),
    ],
)
def test_a_forbidden_import_is_caught(tmp_path: Path, where: str, line: str, contract: str) -> None:
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    (tmp_path / where).write_text(line, encoding="utf-8")
    done = _lint(tmp_path)
    assert done.returncode != 0
    broken = done.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken and "_probe" in broken, done.stdout
