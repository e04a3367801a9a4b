"""Attendance sheets and reports as files: PDF (Qt's own PDF writer; the sheet's own layout is
``app.ui.paper``), CSV and XLSX (openpyxl).

Runs on any thread: it touches no widget. Every file is written next to its target under a
temporary name and moved into place only when complete, so a failed export (a folder that
cannot be written, a full disk) raises ``OSError`` and leaves any earlier file as it was.
Exports are data, never formulas: a text starting with ``= + - @`` is a string cell in XLSX
and starts with a single quote in CSV.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.domain.errors import ValidationError
from app.domain.i18n import date_text, translate
from app.services.attendance_dto import AttendanceSheet
from app.ui.models.report_table import Cell, ReportTable, display
from app.ui.paper import sheet_pdf_bytes

CSV_COLUMNS = (
    "student_number",
    "name",
    "status",
    "absence_reason",
    "note",
    "check_in",
    "check_out",
    "minutes",
    "marked_by",
)
# A text starting with one of these is taken for a formula by spreadsheets (OWASP's "CSV
# injection"): written as text in XLSX, behind a single quote in CSV.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A PDF is for reading and printing; past this many rows a spreadsheet serves better and the
# layout would take minutes.
PDF_MAX_ROWS = 5000
# openpyxl is imported by the XLSX writers only: importing it cost every start of the app.


# -- writing safely -----------------------------------------------------------------------------


def _replace_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write through ``write`` into a temporary file beside ``path``, then move it into place."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def formula_like(value: object) -> bool:
    """A text a spreadsheet would run as a formula rather than show."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_text(value: object) -> object:
    """A CSV cell that a spreadsheet shows as typed: a formula-like text gets a leading quote."""
    return "'" + value if isinstance(value, str) and formula_like(value) else value


def _csv_bytes(
    header: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[bool] = ()
) -> Callable[[IO[bytes]], None]:
    """CSV of ``rows``; texts of columns not marked ``numeric`` are escaped (``csv_text``), so a
    negative number stays a number and a name starting with "=" stays a name."""

    def write(stream: IO[bytes]) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow([csv_text(h) for h in header])
        for row in rows:
            writer.writerow(
                [v if i < len(numeric) and numeric[i] else csv_text(v) for i, v in enumerate(row)]
            )
        text.flush()
        text.detach()  # the stream is closed by its owner

    return write


def _pdf_bytes(html_text: str, title: str, *, landscape: bool = False) -> bytes:
    """An A4 PDF of simple HTML, laid out in memory (so a bad path fails in Python, not Qt)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(150)
    writer.setTitle(title)
    document = QTextDocument()
    document.setHtml(html_text)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    del writer
    buffer.close()
    return bytes(buffer.data().data())


# -- the attendance sheet -----------------------------------------------------------------------


def _time(row_time: object, tz: ZoneInfo) -> str:
    return row_time.astimezone(tz).strftime("%H:%M") if isinstance(row_time, datetime) else ""


def _sheet_cells(sheet: AttendanceSheet) -> list[tuple[str | int, ...]]:
    tz = ZoneInfo(sheet.facility_timezone)
    return [
        (
            r.student_number or "",
            r.display_name,
            r.status.value if r.status else "",
            r.absence_reason or "",
            r.note or "",
            _time(r.check_in_at, tz),
            _time(r.check_out_at, tz),
            "" if r.minutes is None else r.minutes,
            r.marked_by or "",
        )
        for r in sheet.rows
    ]


def _sheet_title(sheet: AttendanceSheet) -> tuple[str, str]:
    o = sheet.occurrence
    day = date_text(o.start_local.date(), "dddd dd MMMM yyyy")
    when = f"{day}, {o.start_local:%H:%M}–{o.end_local:%H:%M} ({sheet.facility_timezone})"
    return translate("paper", "Attendance: {klass}").format(klass=sheet.class_name), when


def write_sheet_csv(sheet: AttendanceSheet, path: Path) -> int:
    """One line per student; returns the number of students written."""
    numeric = tuple(name == "minutes" for name in CSV_COLUMNS)
    _replace_atomically(path, _csv_bytes(CSV_COLUMNS, _sheet_cells(sheet), numeric))
    return len(sheet.rows)


def write_sheet_xlsx(sheet: AttendanceSheet, path: Path) -> int:
    """The CSV's columns in a workbook, under a title with the session; the number of students.

    Minutes are numbers; times are the facility's wall-clock times as text, like the CSV.
    """
    title, when = _sheet_title(sheet)
    cells: list[tuple[Cell, ...]] = [
        tuple(None if value == "" else value for value in row) for row in _sheet_cells(sheet)
    ]
    numeric = tuple(name == "minutes" for name in CSV_COLUMNS)
    marked = translate("paper", "{marked} of {total} marked").format(
        marked=sheet.marked_count, total=len(sheet.rows)
    )
    subtitle = f"{when} · {marked}"
    _write_xlsx(path, "Attendance", title, subtitle, CSV_COLUMNS, numeric, cells)
    return len(sheet.rows)


def write_sheet_pdf(sheet: AttendanceSheet, path: Path, *, blank: bool = False) -> None:
    """The sheet on paper (``app.ui.paper``): ``blank`` is the sign-in sheet to print before
    the session, with a column to circle each mark and one to sign."""
    data = sheet_pdf_bytes(sheet, blank=blank)
    _replace_atomically(path, lambda stream: stream.write(data))


# -- reports ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableExport:
    """What a report export writes: a title, a line saying what it covers, and the rows."""

    title: str
    subtitle: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: list[tuple[Cell, ...]]


def report_export(table: ReportTable, rows: list[tuple[Cell, ...]]) -> TableExport:
    """The export of ``rows`` (those shown, in the order shown) of a report table."""
    r = table.report
    period = f"{r.start:%d %b %Y}" if r.start == r.end else f"{r.start:%d %b %Y} – {r.end:%d %b %Y}"
    subtitle = f"{r.facility_name} · {period} · as of {r.as_of:%d %b %Y %H:%M} ({r.timezone})"
    return TableExport(r.kind.label, subtitle, table.headers, table.numeric, rows)


def write_table_csv(export: TableExport, path: Path) -> int:
    """Headers then one line per row, as shown on screen; the number of rows."""
    texts = [[display(v) for v in row] for row in export.rows]
    _replace_atomically(path, _csv_bytes(export.headers, texts, export.numeric))
    return len(export.rows)


def write_table_xlsx(export: TableExport, path: Path) -> int:
    """A workbook: title, subtitle, headers, then numbers as numbers and dates as dates."""
    _write_xlsx(
        path,
        export.title,
        export.title,
        export.subtitle,
        export.headers,
        export.numeric,
        export.rows,
    )
    return len(export.rows)


def write_table_pdf(export: TableExport, path: Path) -> int:
    """A4 landscape PDF of the table. Refuses (``ValidationError``) past ``PDF_MAX_ROWS``."""
    if len(export.rows) > PDF_MAX_ROWS:
        raise ValidationError(
            translate(
                "paper",
                "{rows} rows are too many for a PDF (at most {most}). "
                "Filter the report or export it as XLSX or CSV.",
            ).format(rows=f"{len(export.rows):,}", most=f"{PDF_MAX_ROWS:,}")
        )
    align = ["right" if n else "left" for n in export.numeric]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in export.headers)
    lines = [
        "<tr>"
        + "".join(
            f"<td align='{align[i]}'>{html.escape(display(v))}</td>" for i, v in enumerate(row)
        )
        + "</tr>"
        for row in export.rows
    ]
    body = (
        f"<h2>{html.escape(export.title)}</h2><p>{html.escape(export.subtitle)}</p>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%' style='font-size:8pt'>"
        f"<tr>{head}</tr>{''.join(lines)}</table><p>{len(export.rows)} rows.</p>"
    )
    data = _pdf_bytes(body, export.title, landscape=True)
    _replace_atomically(path, lambda stream: stream.write(data))
    return len(export.rows)


def _write_xlsx(
    path: Path,
    sheet_name: str,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    numeric: Sequence[bool],
    rows: Sequence[Sequence[Cell]],
) -> None:
    from openpyxl import Workbook

    def write(stream: IO[bytes]) -> None:
        book = Workbook(write_only=True)
        # Any: the stubs leave out what write-only sheets have (column widths) and take (dates,
        # Decimals), which openpyxl writes as Excel dates and numbers.
        sheet: Any = book.create_sheet(sheet_name[:31])
        try:
            _fill(sheet, title, subtitle, headers, numeric, rows)
        except BaseException:
            with contextlib.suppress(Exception):
                sheet.close()  # ends the half-written sheet's writer; the file is dropped
            raise
        book.properties.title = title
        book.save(stream)

    _replace_atomically(path, write)


def _fill(
    sheet: Any,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    numeric: Sequence[bool],
    rows: Sequence[Sequence[Cell]],
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for i, header in enumerate(headers, start=1):
        longest = max([len(header), *(len(display(r[i - 1])) for r in rows[:200])])
        sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))
    sheet.freeze_panes = "A5"
    heading = WriteOnlyCell(sheet, value=title)
    heading.font = Font(bold=True, size=14)
    sheet.append([heading])
    sheet.append([_xlsx_value(sheet, subtitle, False)])
    sheet.append([])
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_value(sheet, v, n) for v, n in zip(row, numeric, strict=True)])


def _formatted(sheet: Any, value: Any, number_format: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _xlsx_value(sheet: Any, value: Cell, numeric: bool) -> Any:
    if isinstance(value, datetime):
        # Excel has no timezones: the facility's wall-clock time, as shown on screen.
        return _formatted(sheet, value.replace(tzinfo=None), "yyyy-mm-dd hh:mm")
    if isinstance(value, date):
        return _formatted(sheet, value, "yyyy-mm-dd")
    if isinstance(value, Decimal):
        return _formatted(sheet, value, "0.00")
    if numeric or value is None:
        return value
    text = str(value)
    if not formula_like(text):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell: Any = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl took it for a formula; it is the text as typed
    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell
