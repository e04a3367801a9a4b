"""Student ID cards for the card scanner (issue 18, part 7): *Print ID cards…* on the roster (a
class), the Students screen (the facility) and the student record (one student). The PDF's
text is read back with pypdf, and its barcodes are decoded by zxing-cpp from an image of the
PDF's own filled rectangles (the bars), as a scanner would read the printed card."""

from __future__ import annotations

import io
import math
import re
import uuid
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.enums import EnrollmentStatus
from tests.ui.conftest import Desk
from tests.ui.test_record_flows import open_record
from tests.ui.test_rosters_flows import _rosters

CTRL = Qt.KeyboardModifier.ControlModifier
CARD_W_PT = 85.60 / 25.4 * 72
CARD_H_PT = 53.98 / 25.4 * 72

_CM = re.compile(rb"([-\d.]+) 0 0 (-?[\d.]+) ([-\d.]+) ([-\d.]+) cm")
_FILL = re.compile(rb"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re\s+f\b")


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """QFileDialog's save getter answers ``path``; returns the names it suggested."""
    asked: list[str] = []

    def answer(_parent: object, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(suggested).name)  # offered in the start folder (app.ui.files)
        return str(path), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def never_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(*_args: object) -> tuple[str, str]:
        raise AssertionError("no file should be asked for")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))


def page_bars(reader: PdfReader, number: int) -> QImage:
    """The filled rectangles of a page (the bars: the only fills of a card sheet) drawn on a
    white image, in the page's own device coordinates."""
    page = reader.pages[number]
    contents = page.get_contents()
    assert contents is not None
    data = contents.get_data()
    cm = _CM.search(data)
    assert cm is not None
    scale = float(cm.group(1))
    width = float(page.mediabox.width) / scale
    height = float(page.mediabox.height) / scale
    image = QImage(int(width), int(height), QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for x, y, w, h in _FILL.findall(data):
        painter.fillRect(QRectF(float(x), float(y), float(w), float(h)), QColor("black"))
    painter.end()
    return image


def scanned(path: Path) -> list[str]:
    """Every Code 128 barcode of the PDF, page by page."""
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    found = []
    for number in range(len(reader.pages)):
        for result in zxingcpp.read_barcodes(page_bars(reader, number)):
            assert result.format == zxingcpp.BarcodeFormat.Code128
            found.append(result.text)
    return found


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    # pypdf reads the writer's word gaps as tabs: words are compared with single spaces.
    return "\n".join(re.sub(r"[ \t]+", " ", page.extract_text()) for page in reader.pages)


def cards_a_page(path: Path) -> int:
    """How many ID-1 cards fit the PDF's paper with a 10 mm margin all round."""
    box = PdfReader(io.BytesIO(path.read_bytes())).pages[0].mediabox
    margin = 10 / 25.4 * 72
    across = math.floor((float(box.width) - 2 * margin) / CARD_W_PT)
    down = math.floor((float(box.height) - 2 * margin) / CARD_H_PT)
    return across * down


def numbers_of(desk: Desk, ids: list[uuid.UUID]) -> list[str]:
    with desk.engine.connect() as conn:
        return [
            conn.execute(
                text("SELECT student_number FROM users WHERE id = :id"), {"id": i.hex}
            ).scalar_one()
            for i in ids
        ]


def _accents(desk: Desk) -> None:
    with desk.engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET name_first = 'Zoë Éloïse' WHERE id = :id"),
            {"id": desk.students[3].hex},
        )
        conn.execute(text("UPDATE facilities SET name = 'Académie du Nord'"))


def test_the_roster_prints_the_cards_of_its_class(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _accents(desk)
    target = tmp_path / "carpentry cards.pdf"
    asked = save_to(monkeypatch, target)
    _rosters(qtbot, desk, desk.carpentry)
    view = desk.win.rosters
    with qtbot.waitSignal(view.card_printer.sig_written, timeout=20_000):
        qtbot.mouseClick(view.cards_button, Qt.MouseButton.LeftButton)
    assert asked == ["ID cards Carpentry.pdf"]
    assert view.message.text() == f"10 ID card(s) saved to {target}"
    numbers = numbers_of(desk, desk.students[:10])
    assert sorted(scanned(target)) == sorted(numbers)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) == math.ceil(10 / cards_a_page(target))
    shown = pdf_text(target)
    assert "Last03, Zoë Éloïse" in shown
    assert shown.count("Académie du Nord") == 10
    for number in numbers:
        assert f"Student no. {number}" in shown
    assert "Last10" not in shown  # not in the class


def test_a_class_with_no_students_says_so_and_writes_no_file(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = desk.services.rosters.roster_for(desk.carpentry)
    desk.services.rosters.change_status_many(
        [e.enrollment_id for e in roster.enrolled],
        EnrollmentStatus.INCOMPLETE_WITHDRAWN,
        "moved away",
    )
    never_asked(monkeypatch)
    _rosters(qtbot, desk, desk.carpentry)
    view = desk.win.rosters
    qtbot.mouseClick(view.cards_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no students" in view.message.text(), timeout=10_000)
    assert view.message.text() == "Carpentry has no students: there are no cards to print."
    assert list(tmp_path.glob("*.pdf")) == []


def test_the_student_record_prints_that_students_card(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _accents(desk)
    target = tmp_path / "one"  # no suffix typed: the PDF's is added
    save_to(monkeypatch, target)
    dialog = open_record(qtbot, desk, "Last03")
    with qtbot.waitSignal(dialog.card_printer.sig_written, timeout=20_000):
        qtbot.mouseClick(dialog.card_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "one.pdf"
    assert dialog.card_note.text() == f"1 ID card(s) saved to {written}"
    [number] = numbers_of(desk, [desk.students[3]])
    assert scanned(written) == [number]
    assert len(PdfReader(io.BytesIO(written.read_bytes())).pages) == 1
    shown = pdf_text(written)
    assert "Last03, Zoë Éloïse" in shown and "Académie du Nord" in shown
    dialog.reject()


def test_the_students_screen_prints_the_whole_facility(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with desk.engine.begin() as conn:  # no number, or one Code 128 cannot hold: left out
        for index, number in ((28, "STU-É"), (29, None)):
            conn.execute(
                text("UPDATE users SET student_number = :n WHERE id = :id"),
                {"n": number, "id": desk.students[index].hex},
            )
    target = tmp_path / "all.pdf"
    save_to(monkeypatch, target)
    qtbot.keyClick(desk.win, Qt.Key.Key_5, CTRL)
    view = desk.win.students
    assert desk.win.stack.currentWidget() is view
    with qtbot.waitSignal(view.card_printer.sig_written, timeout=30_000):
        qtbot.mouseClick(view.cards_button, Qt.MouseButton.LeftButton)
    assert view.cards_note.text() == (
        f"28 ID card(s) saved to {target} (left out, no student number a barcode can hold: "
        "Last28, First28; Last29, First29)"
    )
    numbers = numbers_of(desk, desk.students[:28])
    assert sorted(scanned(target)) == sorted(numbers)
    pages = len(PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert pages == math.ceil(28 / cards_a_page(target))
