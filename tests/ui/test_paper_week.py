"""A week of paper in one go (issue 18, part 5): the calendar's *Print sign-in sheets…* writes
the blank sign-in sheets of every session of a day or a week, for the facility, an instructor
or a room, in one PDF in time order, each session from a new page with its own page count."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.ui.paper import paper_layout
from app.ui.paper_week import PrintSheetsDialog
from app.ui.views.calendar import CalendarView
from tests.ui.conftest import PAST_MONDAY, Desk

CTRL = Qt.KeyboardModifier.ControlModifier


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """QFileDialog's save getter answers ``path`` (None: fail, no file may be asked for)."""
    asked: list[str] = []

    def answer(_parent: object, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        assert path is not None, "no file should be asked for"
        asked.append(Path(suggested).name)  # offered in the start folder (app.ui.files)
        return str(path), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def page_texts(path: Path) -> list[str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in reader.pages]


def open_print_dialog(
    qtbot: QtBot, desk: Desk, day: date
) -> tuple[CalendarView, PrintSheetsDialog]:
    """Ctrl+3, the week of ``day``, then *Print sign-in sheets…* clicked."""
    qtbot.keyClick(desk.win, Qt.Key.Key_3, CTRL)
    view = desk.win.calendar
    assert desk.win.stack.currentWidget() is view
    if view.anchor.date() != QDate(day.year, day.month, day.day):
        with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
            view.anchor.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: view.room_filter.count() == 3, timeout=10_000)  # All, two rooms
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    dialog = view.print_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    return view, dialog


def sheet_pages(desk: Desk, series: object, day: date) -> int:
    """Pages of that session's own blank sign-in sheet (the single-sheet PDF's layout)."""
    return paper_layout(desk.services.attendance.sheet(series, day), blank=True).page_count  # type: ignore[arg-type]


def test_the_week_prints_every_session_in_time_order(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with desk.engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET name_first = 'Zoë Éloïse' WHERE id = :id"),
            {"id": desk.students[4].hex},
        )
    target = tmp_path / "week.pdf"
    asked = save_to(monkeypatch, target)
    view, dialog = open_print_dialog(qtbot, desk, PAST_MONDAY)
    assert dialog.week_button.isChecked()  # the calendar shows a week
    with qtbot.waitSignal(dialog.sig_written, timeout=30_000):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert asked == ["sign-in sheets facility 2026-11-16.pdf"]
    welding = sheet_pages(desk, desk.welding_series, PAST_MONDAY)
    carpentry = sheet_pages(desk, desk.carpentry_series, PAST_MONDAY)
    said = f"2 session(s), {welding + carpentry} page(s), saved to {target}"
    assert dialog.message.text() == said
    assert view.message.text() == said
    pages = page_texts(target)
    assert len(pages) == welding + carpentry
    # Welding I at 09:00 first, then Carpentry at 13:00 (not by name), each from a new page.
    first, second = pages[0], pages[welding]
    assert "Sign-in sheet: Welding I" in first
    assert "Monday 16 November 2026, 09:00–10:00 (America/New_York)" in first
    assert f"Page 1 of {welding}" in first
    assert "Sign-in sheet: Carpentry" in second
    assert "Monday 16 November 2026, 13:00–14:00 (America/New_York)" in second
    assert f"Page 1 of {carpentry}" in second
    assert all("Welding I" in p for p in pages[:welding])
    assert all("Carpentry" in p for p in pages[welding:])
    assert sum("Last04, Zoë Éloïse" in p for p in pages) == 2  # in both classes


def test_one_room_prints_only_its_sessions(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shop.pdf"
    save_to(monkeypatch, target)
    _view, dialog = open_print_dialog(qtbot, desk, PAST_MONDAY)
    dialog.whose.setFocus()
    while dialog.whose.currentText() != "Room: Shop 2":
        qtbot.keyClick(dialog.whose, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.sig_written, timeout=30_000):
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    pages = page_texts(target)
    assert len(pages) == sheet_pages(desk, desk.carpentry_series, PAST_MONDAY)
    assert all("Carpentry" in p and "Welding" not in p for p in pages)
    assert "Room: Shop 2" in pages[0]


def test_a_day_without_sessions_says_so_and_writes_no_file(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "tuesday.pdf"
    save_to(monkeypatch, target)
    _view, dialog = open_print_dialog(qtbot, desk, PAST_MONDAY)
    dialog.day.setDate(QDate(2026, 11, 17))
    qtbot.keyClick(dialog.whose, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.day_button.isChecked, timeout=5_000)  # a mnemonic clicks animated
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No sessions" in dialog.message.text(), timeout=10_000)
    assert dialog.message.text() == (
        "No sessions to print for North Academy on Tue 17 Nov 2026: no file was written."
    )
    assert not target.exists()


def test_a_week_of_cancelled_sessions_only_prints_nothing(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for series in (desk.welding_series, desk.carpentry_series):
        desk.services.schedule.cancel_occurrence(series, PAST_MONDAY, "storm")
    target = tmp_path / "week.pdf"
    save_to(monkeypatch, target)
    _view, dialog = open_print_dialog(qtbot, desk, PAST_MONDAY)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No sessions" in dialog.message.text(), timeout=10_000)
    assert dialog.message.text() == (
        "No sessions to print for North Academy in the week of Mon 16 Nov 2026 "
        "(only cancelled ones): no file was written."
    )
    assert not target.exists()
