"""Attendance sheets as files: a printable PDF (blank sign-in sheet or filled) with Qt's own PDF
writer, and CSV. Runs on any thread: it touches no widget."""

from __future__ import annotations

import csv
import html
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.services.attendance_dto import AttendanceSheet, SheetRow
from app.ui.models.sheet_table import LABELS

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


def _time(row_time: object, tz: ZoneInfo) -> str:
    return row_time.astimezone(tz).strftime("%H:%M") if isinstance(row_time, datetime) else ""


def write_sheet_csv(sheet: AttendanceSheet, path: Path) -> int:
    """One line per student; returns the number of students written."""
    tz = ZoneInfo(sheet.facility_timezone)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for r in sheet.rows:
            writer.writerow(
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
            )
    return len(sheet.rows)


def sheet_html(sheet: AttendanceSheet, *, blank: bool) -> str:
    """The sheet as simple HTML for QTextDocument: a title, the session, a table."""
    o = sheet.occurrence
    tz = ZoneInfo(sheet.facility_timezone)
    head = (
        "<th>#</th><th>Name</th><th>Student no.</th><th>Signature</th><th>In</th><th>Out</th>"
        if blank
        else "<th>#</th><th>Name</th><th>Student no.</th><th>Status</th><th>Reason</th>"
        "<th>In</th><th>Out</th><th>Note</th>"
    )
    lines = []
    for i, r in enumerate(sheet.rows, start=1):
        name, number = html.escape(r.display_name), html.escape(r.student_number or "")
        if blank:
            cells = f"<td>{i}</td><td>{name}</td><td>{number}</td><td></td><td></td><td></td>"
        else:
            cells = (
                f"<td>{i}</td><td>{name}</td><td>{number}</td><td>{_status(r)}</td>"
                f"<td>{html.escape(r.absence_reason or '')}</td>"
                f"<td>{_time(r.check_in_at, tz)}</td><td>{_time(r.check_out_at, tz)}</td>"
                f"<td>{html.escape(r.note or '')}</td>"
            )
        lines.append(f"<tr>{cells}</tr>")
    kind = "Sign-in sheet" if blank else "Attendance"
    when = f"{o.start_local:%A %d %B %Y, %H:%M}–{o.end_local:%H:%M} ({sheet.facility_timezone})"
    place = html.escape(o.room_name or "")
    who = html.escape(o.instructor_name or "")
    return (
        f"<h2>{kind}: {html.escape(sheet.class_name)}</h2>"
        f"<p>{when}<br/>{place} {('· ' + who) if who else ''}</p>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        f"<tr>{head}</tr>{''.join(lines)}</table>"
        + ("" if blank else f"<p>{sheet.marked_count} of {len(sheet.rows)} marked.</p>")
    )


def _status(row: SheetRow) -> str:
    return LABELS[row.status] if row.status else ""


def write_sheet_pdf(sheet: AttendanceSheet, path: Path, *, blank: bool = False) -> None:
    """A4 PDF of the sheet; ``blank`` leaves status columns for signatures on paper."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(150)
    writer.setTitle(f"{sheet.class_name} {sheet.occurrence.original_date}")
    document = QTextDocument()
    document.setHtml(sheet_html(sheet, blank=blank))
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
