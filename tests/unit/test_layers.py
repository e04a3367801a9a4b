"""House layers: domain imports nothing of app, ui no SQLAlchemy, sync and services no Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"

# package -> prefixes it must never import
FORBIDDEN = {
    "domain": ("app.", "sqlalchemy", "PySide6", "psycopg"),
    "ui": ("sqlalchemy", "app.db", "app.repositories", "psycopg"),
    "sync": ("PySide6",),
    "services": ("PySide6",),
    "repositories": ("PySide6",),
    "db": ("PySide6",),
}
ALLOWED = {"domain": ("app.domain",)}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_forbidden_import(package: str) -> None:
    bad = []
    for path in sorted((APP / package).rglob("*.py")):
        for line, module in _imports(path):
            if module.startswith(ALLOWED.get(package, ("\0",))):
                continue
            if module.startswith(FORBIDDEN[package]):
                bad.append(f"{path.relative_to(APP.parent)}:{line} imports {module}")
    assert not bad, "\n".join(bad)


def test_the_walker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("import sqlalchemy\nfrom PySide6.QtCore import QObject\n")
    assert [m for _, m in _imports(sample)] == ["sqlalchemy", "PySide6.QtCore"]
