"""Sync screen: Export transfer file… and Apply transfer file…, driven as a person does, with the
refusals said on the screen and nothing changed by them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.sync.transfer import read_export
from app.sync.transfer_file import seal
from app.sync.wire import shape_of
from tests.ui.conftest import Desk

KEY = "facility-transfer-key"


def _sql(desk: Desk, query: str, **params: object) -> list[tuple[object, ...]]:
    with desk.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query), params)]


def _outbox(desk: Desk) -> int:
    with desk.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one())


def _message(view: object) -> str:
    return view.transfer_message.text()  # type: ignore[attr-defined,no-any-return]


def _pick(monkeypatch: pytest.MonkeyPatch, getter: str, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, getter, staticmethod(lambda *a, **k: (str(path), "")))


def test_export_then_apply_from_the_sync_screen(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with desk.engine.begin() as conn:
        for key, value in (("device_id", "ws-1"), ("cursor", "100:0"), ("initial_done", "1")):
            conn.execute(
                text("INSERT OR REPLACE INTO sync_state (key, value) VALUES (:k, :v)"),
                {"k": key, "v": value},
            )
    pending = _outbox(desk)
    assert pending > 0
    win = desk.win
    view = win.sync_view
    qtbot.keyClick(win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is view

    # No key yet: said, nothing written.
    exported = tmp_path / "stick.rbx"
    _pick(monkeypatch, "getSaveFileName", exported)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert "transfer key first" in _message(view)
    assert not exported.exists()

    qtbot.keyClicks(view.transfer_key, KEY)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Transfer file No. 1 written" in _message(view), timeout=10_000)
    header, payload = read_export(exported, KEY)
    assert header["device"] == "ws-1" and payload["cursor"] == "100:0"
    assert payload["batch"]["hi"] - payload["batch"]["lo"] + 1 == pending
    win.grab().save(str(tmp_path / "sync-transfer.png"))

    # The export itself is no reply: refused, nothing changed.
    _pick(monkeypatch, "getOpenFileName", exported)
    qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not a reply" in _message(view), timeout=10_000)
    assert _outbox(desk) == pending

    # A reply: acknowledges the outbox and brings a student renamed on the server.
    student = desk.students[0]
    shape = shape_of("users")
    columns = ", ".join(f'"{n}"' for n in shape.names)
    with desk.engine.connect() as conn:
        row = list(
            conn.exec_driver_sql(
                f"SELECT {columns} FROM users WHERE id = ?",
                (student.hex,),
            ).one()
        )
    row[shape.names.index("name_first")] = "Renamed"
    row[shape.names.index("row_version")] = 2
    hi = payload["batch"]["hi"]
    answer = {
        "device": "ws-1",
        "number": 1,
        "acked": hi,
        "issues": [],
        "last_issue_id": None,
        "cursor_from": "100:0",
        "cursor": "120:3",
        "chunks": [{"tables": {"users": {"rows": [row], "gone": []}}, "cursor": "120:3"}],
        "refresh": {},
        "imported_by": "desk_test",
        "imported_at": datetime.now(UTC).isoformat(),
    }
    reply = tmp_path / "stick.reply"
    reply.write_bytes(seal("reply", "ws-1", 1, payload["batch"]["lo"], hi, answer, KEY))

    # Changed by one byte: refused.
    bad = tmp_path / "bad.reply"
    changed = bytearray(reply.read_bytes())
    changed[-5] ^= 0x10
    bad.write_bytes(bytes(changed))
    _pick(monkeypatch, "getOpenFileName", bad)
    qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "changed" in _message(view), timeout=10_000)
    assert _outbox(desk) == pending

    _pick(monkeypatch, "getOpenFileName", reply)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    assert "Reply No. 1 applied" in _message(view)
    assert _outbox(desk) == 0
    assert _sql(desk, "SELECT name_first FROM users WHERE id = :i", i=student.hex) == [("Renamed",)]
    assert "every change was sent" in view.empty.text()

    # Twice: refused, nothing changed.
    qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already applied" in _message(view), timeout=10_000)
    assert _sql(desk, "SELECT value FROM sync_state WHERE key = 'cursor'") == [("120:3",)]


def test_export_before_the_first_pull_is_refused_on_screen(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = desk.win.sync_view
    qtbot.keyClick(desk.win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.transfer_key, KEY)
    target = tmp_path / "never.rbx"
    _pick(monkeypatch, "getSaveFileName", target)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "has not pulled its data" in _message(view), timeout=10_000)
    assert not target.exists()
