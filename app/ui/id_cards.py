"""Student ID cards for the sheet's card scanner, as PDF.

Each card is the standard ID-1 size (85.60 × 53.98 mm, a bank card's), with the facility, the
student's name and number, and the number as a Code 128 barcode, the symbology every common USB
scanner reads out of the box. ``python-barcode`` encodes the number (start code, the code sets
and the checksum) into the bar pattern; the bars are drawn here as vector rectangles with quiet
zones of ten modules each side, so they print sharp at any printer resolution.

The cards sit edge to edge on A4 or Letter (by the locale, as the sign-in sheet), ten or eight
a page, with cut marks in the margin on every cutting line and a faint outline round each card.

Cards are gathered through the services (``cards_for_student``, ``cards_for_class``,
``cards_for_facility``) and drawn off the GUI thread; ``CardPrinter`` is the desk's action:
gather, ask where to save, write, and say what was written or why nothing was.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from barcode.codex import Code128
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QWidget

from app.domain.errors import ValidationError
from app.domain.i18n import translate
from app.services.facade import DeskServices
from app.ui.files import save_path
from app.ui.messages import refusal
from app.ui.paper import RESOLUTION, page_size_for, paper_font, pdf_bytes
from app.ui.tasks import TaskRunner

CARD_W_MM = 85.60  # ISO/IEC 7810 ID-1
CARD_H_MM = 53.98
PAGE_MARGIN_MM = 10.0  # room for the cut marks, and what printers cannot reach
CUT_MARK_MM = 5.0
CUT_GAP_MM = 1.5  # between a cut mark and the card's edge
PAD_MM = 4.0  # inside a card
QUIET_MODULES = 10  # Code 128's quiet zone, each side
MODULE_MM = 0.4  # the widest bar module used; narrower when the number is long
BAR_TOP_MM = 27.0
BAR_HEIGHT_MM = 14.0
PAGE_MAX = 200  # students read per page of the facility's list


@dataclass(frozen=True, slots=True)
class IdCard:
    name: str
    number: str
    facility: str


@dataclass(frozen=True, slots=True)
class CardBatch:
    """The cards of one student, class or facility; ``without_number``: students left out
    because they have no student number a barcode can hold."""

    what: str
    cards: tuple[IdCard, ...]
    without_number: tuple[str, ...] = ()


# -- gathering, through the services (any thread) --------------------------------------------


def _batch(what: str, people: Sequence[tuple[str, str | None, str]]) -> CardBatch:
    if not people:
        raise ValidationError(
            translate("cards", "{what} has no students: there are no cards to print.").format(
                what=what
            )
        )
    cards = tuple(
        IdCard(name, number, facility)
        for name, number, facility in people
        if number and _encodable(number)
    )
    missing = tuple(name for name, number, _f in people if not (number and _encodable(number)))
    if not cards:
        raise ValidationError(
            translate(
                "cards",
                "No student of {what} has a student number a barcode can hold (printable ASCII).",
            ).format(what=what)
        )
    return CardBatch(what, cards, missing)


def _encodable(number: str) -> bool:
    """Code 128 holds ASCII: a number with other letters gets no card (and is named)."""
    return number.isascii() and number.isprintable()


def _facility_names(services: DeskServices) -> dict[uuid.UUID, str]:
    return {f.id: f.name for f in services.facilities.list_facilities()}


def cards_for_student(services: DeskServices, student_id: uuid.UUID) -> CardBatch:
    s = services.people.get_student(student_id)
    facility = _facility_names(services).get(s.facility_id, "")
    return _batch(s.display_name, [(s.display_name, s.student_number, facility)])


def cards_for_class(services: DeskServices, class_id: uuid.UUID) -> CardBatch:
    """The students enrolled in the class (not the waitlist, not those who left), by name."""
    roster = services.rosters.roster_for(class_id)
    names = _facility_names(services)
    people = []
    for entry in roster.enrolled:
        facility_id = services.people.get_student(entry.student_id).facility_id
        people.append((entry.display_name, entry.student_number, names.get(facility_id, "")))
    return _batch(roster.class_name, people)


def cards_for_facility(services: DeskServices, facility_id: uuid.UUID) -> CardBatch:
    """Every active student of the facility, by name."""
    name = _facility_names(services).get(facility_id) or translate("cards", "The facility")
    people: list[tuple[str, str | None, str]] = []
    while True:
        page = services.people.search_students(facility_id, "", limit=PAGE_MAX, offset=len(people))
        people += [(s.display_name, s.student_number, name) for s in page]
        if len(page) < PAGE_MAX:
            break
    return _batch(name, people)


# -- drawing (any thread: no widget) ---------------------------------------------------------


def bar_pattern(number: str) -> str:
    """The Code 128 modules of ``number``: "1" a bar module, "0" a space module."""
    return str(Code128(number).build()[0])


@dataclass(frozen=True, slots=True)
class CardLayout:
    """Where the cards go on a page, in millimetres."""

    width_mm: float
    height_mm: float
    columns: int
    rows: int
    left_mm: float
    top_mm: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def pages_for(self, count: int) -> int:
        return max(1, math.ceil(count / self.per_page))


def card_layout(page_size: QPageSize.PageSizeId | None = None) -> CardLayout:
    size = QPageSize(page_size if page_size is not None else page_size_for())
    page = size.size(QPageSize.Unit.Millimeter)
    width, height = page.width(), page.height()
    columns = math.floor((width - 2 * PAGE_MARGIN_MM) / CARD_W_MM)
    rows = math.floor((height - 2 * PAGE_MARGIN_MM) / CARD_H_MM)
    left = (width - columns * CARD_W_MM) / 2
    top = (height - rows * CARD_H_MM) / 2
    return CardLayout(width, height, columns, rows, left, top)


def paint_card_page(
    painter: QPainter,
    layout: CardLayout,
    cards: Sequence[IdCard],
    page: int,
    dots_per_mm: float,
) -> None:
    """Draw page ``page`` (from 0) of the cards: on the PDF writer, or on an image."""
    sheet = _CardPage(painter, layout, dots_per_mm)
    first = page * layout.per_page
    chunk = cards[first : first + layout.per_page]
    for i, card in enumerate(chunk):
        row, column = divmod(i, layout.columns)
        sheet.card(layout.left_mm + column * CARD_W_MM, layout.top_mm + row * CARD_H_MM, card)
    sheet.cut_marks(math.ceil(len(chunk) / layout.columns), min(len(chunk), layout.columns))


def cards_pdf_bytes(cards: Sequence[IdCard], title: str = "") -> bytes:
    if not cards:
        raise ValidationError(translate("cards", "There are no cards to print."))
    layout = card_layout()

    def draw(writer: QPdfWriter, painter: QPainter) -> None:
        for page in range(layout.pages_for(len(cards))):
            if page:
                writer.newPage()
            paint_card_page(painter, layout, cards, page, RESOLUTION / 25.4)

    return pdf_bytes(title or translate("cards", "Student ID cards"), page_size_for(), draw)


class _CardPage:
    def __init__(self, painter: QPainter, layout: CardLayout, dots_per_mm: float) -> None:
        self.p = painter
        self.layout = layout
        self.dots = dots_per_mm

    def r(self, x: float, y: float, w: float, h: float) -> QRectF:
        d = self.dots
        return QRectF(x * d, y * d, w * d, h * d)

    def text(
        self,
        rect: QRectF,
        text: str,
        font: QFont,
        *,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        colour: str = "black",
    ) -> None:
        self.p.setFont(font)
        self.p.setPen(QColor(colour))
        shown = QFontMetricsF(font, self.p.device()).elidedText(
            text, Qt.TextElideMode.ElideRight, rect.width()
        )
        self.p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)

    def card(self, x: float, y: float, card: IdCard) -> None:
        self.p.setPen(QPen(QColor("#c8c8c8"), 0.1 * self.dots))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRect(self.r(x, y, CARD_W_MM, CARD_H_MM))
        inner = CARD_W_MM - 2 * PAD_MM
        left = x + PAD_MM
        self.text(self.r(left, y + 3.5, inner * 0.7, 5), card.facility, paper_font(8.5, bold=True))
        self.text(
            self.r(left, y + 3.5, inner, 5),
            translate("cards", "STUDENT ID"),
            paper_font(6.5),
            align=Qt.AlignmentFlag.AlignRight,
            colour="#555555",
        )
        self.p.setPen(QPen(QColor("#333333"), 0.25 * self.dots))
        self._line(left, y + 9.5, left + inner, y + 9.5)
        self.text(self.r(left, y + 11, inner, 7), card.name, paper_font(12.5, bold=True))
        self.text(
            self.r(left, y + 18.5, inner, 5),
            translate("cards", "Student no. {number}").format(number=card.number),
            paper_font(9),
        )
        self.bars(left, y + BAR_TOP_MM, inner, card.number)
        self.text(
            self.r(left, y + BAR_TOP_MM + BAR_HEIGHT_MM + 0.8, inner, 4.5),
            card.number,
            paper_font(8),
            align=Qt.AlignmentFlag.AlignHCenter,
        )

    def bars(self, left: float, top: float, width: float, number: str) -> None:
        """The Code 128 bars, centred, with a quiet zone either side (left white)."""
        pattern = bar_pattern(number)
        modules = len(pattern) + 2 * QUIET_MODULES
        module = min(MODULE_MM, width / modules)
        x0 = left + (width - modules * module) / 2 + QUIET_MODULES * module
        black = QColor("black")
        i = 0
        while i < len(pattern):
            if pattern[i] != "1":
                i += 1
                continue
            run = i
            while run < len(pattern) and pattern[run] == "1":
                run += 1
            self.p.fillRect(self.r(x0 + i * module, top, (run - i) * module, BAR_HEIGHT_MM), black)
            i = run

    def cut_marks(self, rows: int, columns: int) -> None:
        """Short lines in the margin on every cutting line of the cards drawn."""
        if not rows:
            return
        lay = self.layout
        self.p.setPen(QPen(QColor("black"), 0.15 * self.dots))
        top, left = lay.top_mm, lay.left_mm
        bottom, right = top + rows * CARD_H_MM, left + columns * CARD_W_MM
        for c in range(columns + 1):
            x = left + c * CARD_W_MM
            self._line(x, top - CUT_GAP_MM - CUT_MARK_MM, x, top - CUT_GAP_MM)
            self._line(x, bottom + CUT_GAP_MM, x, bottom + CUT_GAP_MM + CUT_MARK_MM)
        for r in range(rows + 1):
            y = top + r * CARD_H_MM
            self._line(left - CUT_GAP_MM - CUT_MARK_MM, y, left - CUT_GAP_MM, y)
            self._line(right + CUT_GAP_MM, y, right + CUT_GAP_MM + CUT_MARK_MM, y)

    def _line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        d = self.dots
        self.p.drawLine(QPointF(x1 * d, y1 * d), QPointF(x2 * d, y2 * d))


# -- the desk's action -----------------------------------------------------------------------


class CardPrinter(QObject):
    """*Print ID cards…*: the cards gathered in the background; if there are any, a file is
    asked for and the PDF written in the background. ``sig_said`` carries what to tell the
    person (written, or why not), ``sig_written`` the file written."""

    sig_said = Signal(str)
    sig_written = Signal(object)  # Path

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._window = parent

    def start(self, gather: Callable[[], CardBatch]) -> None:
        self.sig_said.emit(self.tr("Gathering the students for the ID cards…"))
        self._runner.run(gather, self._ask_where, self._failed)

    def _ask_where(self, batch: CardBatch) -> None:
        suggested = self.tr("ID cards {what}.pdf").format(what=batch.what)
        suggested = suggested.replace("/", "-").replace(",", "")
        path = save_path(
            self._window, self.tr("Save the ID cards"), suggested, self.tr("PDF (*.pdf)")
        )
        if path is None:
            self.sig_said.emit(self.tr("No ID cards printed."))
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")

        title = self.tr("Student ID cards: {what}").format(what=batch.what)

        def work() -> Path:
            data = cards_pdf_bytes(batch.cards, title)
            path.write_bytes(data)
            return path

        self._runner.run(work, lambda p: self._written(p, batch), self._failed)

    def _written(self, path: Path, batch: CardBatch) -> None:
        count = len(batch.cards)
        if batch.without_number:
            text = self.tr(
                "%n ID card(s) saved to {path} (left out, no student number a barcode can hold: "
                "{names})",
                "",
                count,
            ).format(path=path, names="; ".join(batch.without_number))
        else:
            text = self.tr("%n ID card(s) saved to {path}", "", count).format(path=path)
        self.sig_said.emit(text)
        self.sig_written.emit(path)

    def _failed(self, error: BaseException) -> None:
        self.sig_said.emit(refusal(error))
