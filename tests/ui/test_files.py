"""The desk's file dialogs open in the Documents folder, then where the last file was chosen;
never in the folder Rollbook was started from (an installed copy's program folder)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from app.ui import files


def test_dialogs_start_in_documents_then_where_the_last_file_went(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "program"  # where an installed Rollbook is started from
    program.mkdir()
    monkeypatch.chdir(program)
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        QStandardPaths,
        "writableLocation",
        staticmethod(
            lambda kind: (
                str(documents) if kind == QStandardPaths.StandardLocation.DocumentsLocation else ""
            )
        ),
    )
    monkeypatch.setattr(files, "_last", None)
    stick = tmp_path / "stick"
    stick.mkdir()
    asked: list[str] = []

    def save(_parent: Any, _title: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(stick / "room12.rbx"), ""

    def pick(_parent: Any, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return "", ""  # cancelled

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    parent = QWidget()
    qtbot.addWidget(parent)

    chosen = files.save_path(parent, "Export", "rollbook-transfer.rbx", "*.rbx")
    assert chosen == stick / "room12.rbx"
    assert files.open_path(parent, "Apply", "*.reply") is None
    assert asked == [str(documents / "rollbook-transfer.rbx"), str(stick)]
    assert not any(a.startswith(os.fspath(program)) for a in asked)
