"""The attendance sheet on paper: the blank sign-in sheet and the filled sheet, as PDF.

Laid out by hand on Qt's PDF writer so the page is filled and a pen fits: A4 or Letter by the
locale, rows tall enough for a signature, each column as wide as its longest text (a long name
is shortened with "…"), one text column taking the rest of the width; on every page the session
(class), room, instructor, date and time, and "page N of M"; after the last row a line for the
instructor's signature. The students are in ``paper_order``, numbered as the screen's "#" column,
so marks typed back from paper go down the sheet in the same order.

Runs on any thread: it touches no widget.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from app.domain.i18n import QT_TRANSLATE_NOOP, date_text, translate
from app.services.attendance_dto import AttendanceSheet, SheetRow, paper_order
from app.ui.models.sheet_table import KEY_LETTERS, MARK_ORDER, status_label, status_text

BLANK_ROW_MM = 10.0
FILLED_ROW_MM = 8.0  # a signature needs this much
MARGIN_MM = 12.0
PAD_MM = 1.6  # inside a cell, left and right
HEADER_MM = 27.0  # title, when, where and who, legend
TABLE_HEAD_MM = 8.0
FOOTER_MM = 8.0
SIGNATURE_MM = 24.0
RESOLUTION = 300  # dots per inch of the drawing
BODY_PT = 10
SMALL_PT = 8.5
TITLE_PT = 15
# Where Letter, not A4, is the paper in the tray.
LETTER_COUNTRIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.PuertoRico,
}


def page_size_for(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where it is the usual paper (the US and its neighbours), A4 elsewhere."""
    locale = locale or QLocale()
    imperial = locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    letter = imperial or locale.territory() in LETTER_COUNTRIES
    return QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4


@dataclass(frozen=True, slots=True)
class PaperColumn:
    title: str
    width_mm: float
    right: bool = False  # numbers, aligned right


@dataclass(frozen=True, slots=True)
class PaperLayout:
    """Where everything goes on the pages of one sheet, in millimetres."""

    page_size: QPageSize.PageSizeId
    landscape: bool
    width_mm: float
    height_mm: float
    row_mm: float
    columns: tuple[PaperColumn, ...]
    pages: tuple[tuple[int, ...], ...]  # indexes of ``rows`` on each page

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def table_width_mm(self) -> float:
        return sum(c.width_mm for c in self.columns)


class _Measure:
    """Text widths in millimetres, as the PDF writer will draw them."""

    def __init__(self) -> None:
        self._buffer = QBuffer()
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._device = QPdfWriter(self._buffer)
        self._device.setResolution(RESOLUTION)
        self.body = QFontMetricsF(paper_font(BODY_PT), self._device)

    def mm(self, text: str, metrics: QFontMetricsF | None = None) -> float:
        width = (metrics or self.body).horizontalAdvance(text)
        return width * 25.4 / RESOLUTION


def paper_font(points: float, *, bold: bool = False) -> QFont:
    """The printed pages' font at ``points``."""
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Segoe UI", "Helvetica", "Arial"])
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _time(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%H:%M") if value else ""


def _cells(row: SheetRow, number: int, blank: bool, tz: ZoneInfo) -> tuple[str, ...]:
    if blank:
        marks = "  ".join(KEY_LETTERS[s] for s in MARK_ORDER)
        return (str(number), row.display_name, row.student_number or "", marks, "", "", "")
    return (
        str(number),
        row.display_name,
        row.student_number or "",
        status_text(row.status) if row.status else "",
        row.absence_reason or "",
        _time(row.check_in_at, tz),
        _time(row.check_out_at, tz),
        "" if row.minutes is None else str(row.minutes),
        row.note or "",
    )


# (title, widest it may grow in mm, least width in mm, right-aligned); None: takes the rest.
_BLANK = (
    (QT_TRANSLATE_NOOP("columns", "#"), 12, 7, True),
    (QT_TRANSLATE_NOOP("columns", "Name"), 75, 30, False),
    (QT_TRANSLATE_NOOP("columns", "Student no."), 40, 18, False),
    (QT_TRANSLATE_NOOP("columns", "Mark"), 30, 18, False),
    (QT_TRANSLATE_NOOP("columns", "Signature"), None, 40, False),
    (QT_TRANSLATE_NOOP("columns", "In"), 16, 13, False),
    (QT_TRANSLATE_NOOP("columns", "Out"), 16, 13, False),
)
_FILLED = (
    (QT_TRANSLATE_NOOP("columns", "#"), 12, 7, True),
    (QT_TRANSLATE_NOOP("columns", "Name"), 70, 30, False),
    (QT_TRANSLATE_NOOP("columns", "Student no."), 40, 18, False),
    (QT_TRANSLATE_NOOP("columns", "Status"), 32, 18, False),
    (QT_TRANSLATE_NOOP("columns", "Reason"), 50, 16, False),
    (QT_TRANSLATE_NOOP("columns", "In"), 14, 11, False),
    (QT_TRANSLATE_NOOP("columns", "Out"), 14, 11, False),
    (QT_TRANSLATE_NOOP("columns", "Min"), 14, 10, True),
    (QT_TRANSLATE_NOOP("columns", "Note"), None, 40, False),
)


def _title(sheet: AttendanceSheet, blank: bool) -> str:
    if blank:
        return translate("paper", "Sign-in sheet: {klass}").format(klass=sheet.class_name)
    return translate("paper", "Attendance: {klass}").format(klass=sheet.class_name)


def paper_layout(
    sheet: AttendanceSheet,
    *,
    blank: bool,
    page_size: QPageSize.PageSizeId | None = None,
) -> PaperLayout:
    """The layout of a sheet's PDF: columns sized to their texts, rows split into pages so
    that the last page also holds the signature line. Portrait, unless the filled sheet's
    columns leave its note too little room."""
    size = page_size if page_size is not None else page_size_for()
    page = QPageSize(size).size(QPageSize.Unit.Millimeter)
    rows = paper_order(sheet.rows)
    tz = ZoneInfo(sheet.facility_timezone)
    cells = [_cells(r, i, blank, tz) for i, r in enumerate(rows, start=1)]
    spec = _BLANK if blank else _FILLED
    measure = _Measure()
    natural = []
    for i, (title, widest, least, _right) in enumerate(spec):
        longest = max([measure.mm(translate("columns", title)), *(measure.mm(c[i]) for c in cells)])
        wanted = max(float(least), longest + 2 * PAD_MM + 1.0)  # and room to spare
        natural.append(wanted if widest is None else min(float(widest), wanted))
    landscape = False
    width, height = page.width(), page.height()
    stretch = spec.index(next(s for s in spec if s[1] is None))
    fixed = sum(w for i, w in enumerate(natural) if i != stretch)
    if not blank and width - 2 * MARGIN_MM - fixed < natural[stretch]:
        landscape = True
        width, height = height, width
    room = width - 2 * MARGIN_MM - fixed
    if room < spec[stretch][2]:  # the name gives way first (shortened with "…")
        name = [s[0] for s in spec].index("Name")
        natural[name] = max(float(spec[name][2]), natural[name] - (spec[stretch][2] - room))
        room = width - 2 * MARGIN_MM - sum(w for i, w in enumerate(natural) if i != stretch)
    columns = []
    for i, (title, _widest, least, right) in enumerate(spec):
        wide = max(float(least), room) if i == stretch else natural[i]
        columns.append(PaperColumn(title, wide, right))
    row_mm = BLANK_ROW_MM if blank else FILLED_ROW_MM
    usable = height - 2 * MARGIN_MM - HEADER_MM - TABLE_HEAD_MM - FOOTER_MM
    per_page = max(1, math.floor(usable / row_mm))
    pages = [
        tuple(range(start, min(start + per_page, len(rows))))
        for start in range(0, len(rows), per_page)
    ] or [()]
    # The signature line goes below the last row: if it does not fit there, the rows past
    # what leaves room for it go onto one more page.
    room_rows = per_page - math.ceil(SIGNATURE_MM / row_mm)
    if len(pages[-1]) > room_rows:
        last = pages.pop()
        pages += [last[:room_rows], last[room_rows:]]
    return PaperLayout(size, landscape, width, height, row_mm, tuple(columns), tuple(pages))


def sheet_pdf_bytes(sheet: AttendanceSheet, *, blank: bool) -> bytes:
    """The PDF of a sheet (``blank``: the sign-in sheet to print before the session)."""
    layout = paper_layout(sheet, blank=blank)
    rows = paper_order(sheet.rows)
    tz = ZoneInfo(sheet.facility_timezone)
    title = f"{_title(sheet, blank)} {sheet.occurrence.original_date}"
    return pdf_bytes(
        title,
        layout.page_size,
        lambda _writer, painter: SheetPages(painter, layout, sheet, blank).draw(rows, tz),
        landscape=layout.landscape,
    )


def pdf_bytes(
    title: str,
    size: QPageSize.PageSizeId,
    draw: Callable[[QPdfWriter, QPainter], None],
    *,
    landscape: bool = False,
) -> bytes:
    """A PDF of ``size`` pages without margins at ``RESOLUTION``, drawn by ``draw`` (which
    starts each page after the first with ``writer.newPage()``)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator("Rollbook")
    painter = QPainter(writer)
    try:
        draw(writer, painter)
    finally:
        painter.end()
    del writer
    buffer.close()
    return bytes(buffer.data().data())


class SheetPages:
    """Draws a layout's pages; lengths in millimetres, turned into the writer's dots."""

    def __init__(
        self, painter: QPainter, layout: PaperLayout, sheet: AttendanceSheet, blank: bool
    ) -> None:
        self.p = painter
        self.layout = layout
        self.sheet = sheet
        self.blank = blank
        self.dots = RESOLUTION / 25.4

    def r(self, x: float, y: float, w: float, h: float) -> QRectF:
        d = self.dots
        return QRectF(x * d, y * d, w * d, h * d)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        d = self.dots
        self.p.drawLine(round(x1 * d), round(y1 * d), round(x2 * d), round(y2 * d))

    def text(
        self,
        rect: QRectF,
        text: str,
        font: QFont,
        *,
        right: bool = False,
        colour: QColor | None = None,
    ) -> None:
        self.p.setFont(font)
        self.p.setPen(colour or QColor("black"))
        pad = PAD_MM * self.dots
        inner = rect.adjusted(pad, 0, -pad, 0)
        shown = QFontMetricsF(font, self.p.device()).elidedText(
            text, Qt.TextElideMode.ElideRight, inner.width()
        )
        align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        self.p.drawText(inner, int(align | Qt.AlignmentFlag.AlignVCenter), shown)

    def draw(self, rows: Sequence[SheetRow], tz: ZoneInfo) -> None:
        layout = self.layout
        for number, indexes in enumerate(layout.pages, start=1):
            if number > 1:
                writer = self.p.device()
                assert isinstance(writer, QPdfWriter)
                writer.newPage()
            self._header()
            y = MARGIN_MM + HEADER_MM
            self._table_head(y)
            y += TABLE_HEAD_MM
            for index in indexes:
                self._row(y, index, rows[index], tz)
                y += layout.row_mm
            if number == layout.page_count:
                self._signature(y + 6)
            self._footer(number)

    def _header(self) -> None:
        sheet, o = self.sheet, self.sheet.occurrence
        width = self.layout.width_mm - 2 * MARGIN_MM
        x, y = MARGIN_MM, MARGIN_MM
        self.text(
            self.r(x, y, width, 8), _title(sheet, self.blank), paper_font(TITLE_PT, bold=True)
        )
        start = o.start_local
        when = (
            f"{date_text(start.date(), 'dddd d MMMM yyyy')}, {start:%H:%M}–{o.end_local:%H:%M}"
            f" ({sheet.facility_timezone})"
        )
        self.text(self.r(x, y + 8, width, 5.5), when, paper_font(BODY_PT, bold=True))
        instructor = o.instructor_name or "—"
        if o.substitute:
            instructor = translate("paper", "{name} (substitute)").format(name=instructor)
        where = translate("paper", "Room: {room}    Instructor: {instructor}").format(
            room=o.room_name or "—", instructor=instructor
        )
        self.text(self.r(x, y + 13.5, width, 5.5), where, paper_font(BODY_PT))
        if self.blank:
            legend = translate("paper", "Mark: circle one — {letters}").format(
                letters=" · ".join(
                    f"{KEY_LETTERS[s]} {status_label(s).lower()}" for s in MARK_ORDER
                )
            )
        else:
            legend = translate("paper", "{marked} of {total} marked · {statuses}").format(
                marked=sheet.marked_count,
                total=len(sheet.rows),
                statuses=" · ".join(status_text(s) for s in MARK_ORDER),
            )
        self.text(
            self.r(x, y + 19, width, 5), legend, paper_font(SMALL_PT), colour=QColor("#333333")
        )

    def _table_head(self, y: float) -> None:
        x = MARGIN_MM
        self.p.fillRect(self.r(x, y, self.layout.table_width_mm, TABLE_HEAD_MM), QColor("#e4e4e4"))
        self.p.setPen(QPen(QColor("black"), 0.3 * self.dots))
        for column in self.layout.columns:
            rect = self.r(x, y, column.width_mm, TABLE_HEAD_MM)
            title = translate("columns", column.title)
            self.text(rect, title, paper_font(BODY_PT, bold=True), right=column.right)
            x += column.width_mm
        self._grid(y, TABLE_HEAD_MM)

    def _row(self, y: float, index: int, row: SheetRow, tz: ZoneInfo) -> None:
        cells = _cells(row, index + 1, self.blank, tz)
        if index % 2:
            self.p.fillRect(
                self.r(MARGIN_MM, y, self.layout.table_width_mm, self.layout.row_mm),
                QColor("#f4f4f4"),
            )
        x = MARGIN_MM
        for i, column in enumerate(self.layout.columns):
            rect = self.r(x, y, column.width_mm, self.layout.row_mm)
            faint = self.blank and column.title == "Mark"  # letters to circle
            self.text(
                rect,
                cells[i],
                paper_font(BODY_PT),
                right=column.right,
                colour=QColor("#777777") if faint else None,
            )
            x += column.width_mm
        self._grid(y, self.layout.row_mm)

    def _grid(self, y: float, height: float) -> None:
        self.p.setPen(QPen(QColor("#555555"), 0.2 * self.dots))
        x = MARGIN_MM
        self.line(x, y, x + self.layout.table_width_mm, y)
        self.line(x, y + height, x + self.layout.table_width_mm, y + height)
        for column in self.layout.columns:
            self.line(x, y, x, y + height)
            x += column.width_mm
        self.line(x, y, x, y + height)

    def _signature(self, y: float) -> None:
        x = MARGIN_MM
        font = paper_font(BODY_PT)
        self.text(self.r(x, y, 60, 8), translate("paper", "Instructor's signature:"), font)
        self.p.setPen(QPen(QColor("black"), 0.3 * self.dots))
        self.line(x + 48, y + 6.5, x + 135, y + 6.5)
        self.text(self.r(x + 140, y, 20, 8), translate("paper", "Date:"), font)
        self.line(x + 153, y + 6.5, min(x + 185, self.layout.width_mm - MARGIN_MM), y + 6.5)
        name = self.sheet.occurrence.instructor_name
        if name:
            self.text(
                self.r(x + 48, y + 7, 90, 5), name, paper_font(SMALL_PT), colour=QColor("#555555")
            )

    def _footer(self, number: int) -> None:
        layout, o = self.layout, self.sheet.occurrence
        y = layout.height_mm - MARGIN_MM - FOOTER_MM + 2
        width = layout.width_mm - 2 * MARGIN_MM
        small = paper_font(SMALL_PT)
        start = o.start_local
        left = (
            f"{self.sheet.class_name} · {date_text(start.date(), 'ddd d MMM yyyy')} {start:%H:%M}"
        )
        self.text(self.r(MARGIN_MM, y, width, 6), left, small)
        self.text(
            self.r(MARGIN_MM, y, width, 6),
            translate("paper", "Page {number} of {count}").format(
                number=number, count=layout.page_count
            ),
            small,
            right=True,
        )
