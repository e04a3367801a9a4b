"""The sheet's exports are data, never formulas: a name or note a spreadsheet would run (``=``,
``+``, ``-``, ``@``) is written as text in XLSX and behind a single quote in CSV. The files are
written by clicking the sheet's buttons and read back as a spreadsheet would read them."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import build_services
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.ui.models.sheet_table import NAME, NOTE
from app.ui.views.attendance import AttendanceView
from tests.ui.conftest import DESK_CLOCK, PAST_MONDAY, Desk, open_sheet_of


def _rename(desk: Desk, index: int, last: str) -> None:
    with desk.engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET name_last = :last WHERE id = :id"),
            {"last": last, "id": desk.students[index].hex},
        )


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _sheet_with_formulas(qtbot: QtBot, desk: Desk) -> AttendanceView:
    """Student 0 is "=1+1, First00", student 1 "@Plus, First01" (late, 09:20–10:00); the
    instructor marks student 0 present and types the note "@SUM(A1)"."""
    _rename(desk, 0, "=1+1")
    _rename(desk, 1, "@Plus")
    build_services(desk.engine, Actor("kim_lee", device_id="ws-2"), DESK_CLOCK).attendance.mark(
        desk.welding_series,
        PAST_MONDAY,
        desk.students[1],
        AttendanceStatus.LATE,
        note="-2 min: bus",
        check_in_at=datetime(2026, 11, 16, 14, 20, tzinfo=UTC),
        check_out_at=datetime(2026, 11, 16, 15, 0, tzinfo=UTC),
    )
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    assert view.model.index(0, NAME).data() == "=1+1, First00"
    view.table.setFocus()
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_P)
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    for _ in range(NOTE):
        qtbot.keyClick(view.table, Qt.Key.Key_Right)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    with qtbot.waitSignal(view.sig_marked, timeout=10_000):
        qtbot.keyClicks(_focused(), "@SUM(A1)")
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert view.model.index(0, NOTE).data() == "@SUM(A1)"
    return view


def _click_export(
    qtbot: QtBot,
    view: AttendanceView,
    button: QPushButton,
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Click the button; the save dialog answers ``path`` as a person choosing it would."""
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )
    with qtbot.waitSignal(view.sig_exported, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.message.text().endswith(path.name)


def test_an_xlsx_export_writes_formula_like_names_and_notes_as_text(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _sheet_with_formulas(qtbot, desk)
    path = tmp_path / "welding.xlsx"
    _click_export(qtbot, view, view.xlsx_button, path, monkeypatch)
    sheet = load_workbook(path).active
    assert sheet is not None
    first, second = sheet[5], sheet[6]
    assert (first[1].value, first[1].data_type) == ("=1+1, First00", "s")
    assert (first[4].value, first[4].data_type) == ("@SUM(A1)", "s")
    assert (second[1].value, second[1].data_type) == ("@Plus, First01", "s")
    assert (second[4].value, second[4].data_type) == ("-2 min: bus", "s")
    assert (second[7].value, second[7].data_type) == (40, "n")  # numbers stay numbers
    assert first[1].quotePrefix and not sheet["A1"].quotePrefix


def test_a_csv_export_puts_a_quote_before_formula_like_names_and_notes(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _sheet_with_formulas(qtbot, desk)
    path = tmp_path / "welding.csv"
    _click_export(qtbot, view, view.csv_button, path, monkeypatch)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 30
    assert rows[0]["name"] == "'=1+1, First00" and rows[0]["note"] == "'@SUM(A1)"
    assert rows[0]["status"] == "present"
    assert rows[1]["name"] == "'@Plus, First01" and rows[1]["note"] == "'-2 min: bus"
    assert (rows[1]["check_in"], rows[1]["minutes"]) == ("09:20", "40")
    assert rows[2]["name"] == "Last02, First02"  # ordinary names are left alone


def test_names_starting_with_plus_or_minus_are_text_in_both_files(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _rename(desk, 0, "+Home")
    _rename(desk, 1, "-cmd|' /C calc'!A0")
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    _click_export(qtbot, view, view.csv_button, tmp_path / "s.csv", monkeypatch)
    _click_export(qtbot, view, view.xlsx_button, tmp_path / "s.xlsx", monkeypatch)
    with open(tmp_path / "s.csv", encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert names[:2] == ["'+Home, First00", "'-cmd|' /C calc'!A0, First01"]
    sheet = load_workbook(tmp_path / "s.xlsx").active
    assert sheet is not None
    cells = [sheet.cell(row=r, column=2) for r in (5, 6)]
    assert [(c.value, c.data_type) for c in cells] == [
        ("+Home, First00", "s"),
        ("-cmd|' /C calc'!A0, First01", "s"),
    ]
