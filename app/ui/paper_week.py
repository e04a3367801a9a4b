"""A week of paper in one go: the blank sign-in sheets of every session of a day or a week, for a
facility, one instructor or one room, in one PDF, in time order.

Each session is laid out exactly as its own sign-in sheet (``app.ui.paper``): it starts on a
new page and counts its own "page N of M". Cancelled sessions are left out: nobody signs in to
them. Dates and times are the facility's, as on the calendar. Nothing to print (no session in
the period, or only cancelled ones) is a ``ValidationError`` with the reason, and no file.

``PrintSheetsDialog`` is the calendar's *Print sign-in sheets…*: day or week, whose sessions,
then where to save; the sheets are read and drawn off the GUI thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.i18n import day_text, translate
from app.services.attendance_dto import AttendanceSheet, paper_order
from app.services.facade import DeskServices
from app.ui.calendar.layout import period
from app.ui.files import save_path
from app.ui.messages import refusal
from app.ui.paper import SheetPages, paper_layout, pdf_bytes
from app.ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class Whose:
    """Whose sessions: the whole facility, or one instructor's or one room's."""

    label: str = ""  # "instructor Ada Lovelace", "room Workshop"; "": the facility's name
    instructor_id: uuid.UUID | None = None
    room_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class PrintedWeek:
    path: Path
    sessions: int
    pages: int


def _nothing_text(whose: str, start: date, end: date, only_cancelled: bool) -> str:
    """Why no file was written, as one sentence per case (day or week, cancelled or none)."""
    if start == end and only_cancelled:
        template = translate(
            "paper",
            "No sessions to print for {whose} on {day} (only cancelled ones): no file was written.",
        )
    elif start == end:
        template = translate(
            "paper", "No sessions to print for {whose} on {day}: no file was written."
        )
    elif only_cancelled:
        template = translate(
            "paper",
            "No sessions to print for {whose} in the week of {day} (only cancelled ones): no file "
            "was written.",
        )
    else:
        template = translate(
            "paper", "No sessions to print for {whose} in the week of {day}: no file was written."
        )
    return template.format(whose=whose, day=day_text(start, year=True))


def _title(whose: str, start: date, end: date) -> str:
    if start == end:
        template = translate("paper", "Sign-in sheets: {whose} on {day}")
    else:
        template = translate("paper", "Sign-in sheets: {whose} in the week of {day}")
    return template.format(whose=whose, day=day_text(start, year=True))


def sheets_to_print(
    services: DeskServices, facility_id: uuid.UUID, start: date, end: date, whose: Whose
) -> list[AttendanceSheet]:
    """The sheets of the sessions held between two local dates (inclusive), by start time."""
    if not whose.label:
        names = {f.id: f.name for f in services.facilities.list_facilities()}
        whose = Whose(names.get(facility_id, translate("paper", "the facility")))
    found = services.schedule.occurrences(
        facility_id, start, end, room_id=whose.room_id, instructor_id=whose.instructor_id
    )
    held = sorted((o for o in found if not o.cancelled), key=lambda o: (o.start_utc, o.class_name))
    if not held:
        raise ValidationError(_nothing_text(whose.label, start, end, bool(found)))
    return [services.attendance.sheet(o.series_id, o.original_date) for o in held]


def sheets_pdf_bytes(sheets: Sequence[AttendanceSheet], title: str) -> tuple[bytes, int]:
    """One PDF of the blank sign-in sheets, each from a new page; and how many pages."""
    if not sheets:
        raise ValidationError(translate("paper", "There are no sessions to print."))
    layouts = [paper_layout(sheet, blank=True) for sheet in sheets]
    pages = 0

    def draw(writer: QPdfWriter, painter: QPainter) -> None:
        nonlocal pages
        for sheet, layout in zip(sheets, layouts, strict=True):
            if pages:
                writer.newPage()
            rows = paper_order(sheet.rows)
            SheetPages(painter, layout, sheet, True).draw(rows, ZoneInfo(sheet.facility_timezone))
            pages += layout.page_count

    # a blank sheet is always upright
    return pdf_bytes(title, layouts[0].page_size, draw), pages


def write_week_pdf(
    services: DeskServices,
    facility_id: uuid.UUID,
    start: date,
    end: date,
    whose: Whose,
    path: Path,
) -> PrintedWeek:
    """Read the sheets, draw them, then write the file (any thread; nothing written when
    there is nothing to print)."""
    sheets = sheets_to_print(services, facility_id, start, end, whose)
    title = _title(whose.label or sheets[0].class_name, start, end)
    data, pages = sheets_pdf_bytes(sheets, title)
    path.write_bytes(data)
    return PrintedWeek(path, len(sheets), pages)


class PrintSheetsDialog(QDialog):
    """*Print sign-in sheets…*: a day or a week, the facility or one instructor or room."""

    sig_said = Signal(str)
    sig_written = Signal(object)  # PrintedWeek

    def __init__(
        self,
        services: DeskServices,
        runner: TaskRunner,
        facility_id: uuid.UUID,
        *,
        day: date,
        week: bool,
        instructors: Sequence[tuple[str, uuid.UUID]],
        rooms: Sequence[tuple[str, uuid.UUID]],
        chosen: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._facility_id = facility_id
        self.busy = False
        self.setWindowTitle(self.tr("Print sign-in sheets"))
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMM yyyy (ddd)")  # Up and Down step days
        self.day.setAccessibleName(self.tr("Day, or a day of the week"))
        self.span = QButtonGroup(self)
        self.day_button = QRadioButton(self.tr("The &day"))
        self.day_button.setAccessibleName(self.tr("Print the sessions of the day"))
        self.week_button = QRadioButton(self.tr("Its &week (Monday to Sunday)"))
        self.week_button.setAccessibleName(self.tr("Print the sessions of the week"))
        for button in (self.day_button, self.week_button):
            self.span.addButton(button)
        (self.week_button if week else self.day_button).setChecked(True)
        self.whose = QComboBox()
        self.whose.setAccessibleName(self.tr("Whose sessions"))
        self.whose.addItem(self.tr("Every session of the facility"), Whose())
        for name, ident in instructors:
            self.whose.addItem(
                self.tr("Instructor: {name}").format(name=name),
                Whose(self.tr("instructor {name}").format(name=name), ident),
            )
        for name, ident in rooms:
            self.whose.addItem(
                self.tr("Room: {name}").format(name=name),
                Whose(self.tr("room {name}").format(name=name), room_id=ident),
            )
        if chosen is not None:
            for i in range(self.whose.count()):
                w = self.whose.itemData(i)
                if chosen in (w.instructor_id, w.room_id):
                    self.whose.setCurrentIndex(i)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setAccessibleName(self.tr("Choose a file and print the sheets"))
        self.print_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        self.print_button.clicked.connect(self.print_sheets)
        buttons.rejected.connect(self.reject)
        spans = QHBoxLayout()
        spans.addWidget(self.day_button)
        spans.addWidget(self.week_button)
        spans.addStretch(1)
        form = QFormLayout()
        for text, field in ((self.tr("Da&te"), self.day), (self.tr("&Sessions of"), self.whose)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.insertRow(1, self.tr("Print"), spans)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The blank sign-in sheet of every session held, in time order, one PDF; "
                    "each session starts on a new page."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def period(self) -> tuple[date, date]:
        qd = self.day.date()
        mode = "week" if self.week_button.isChecked() else "day"
        return period(mode, date(qd.year(), qd.month(), qd.day()))

    def print_sheets(self) -> None:
        """Ask where, then read and draw the sheets in the background."""
        if self.busy:
            return
        start, end = self.period()
        whose: Whose = self.whose.currentData()
        if whose.label:
            suggested = self.tr("sign-in sheets {whose} {day}.pdf").format(
                whose=whose.label, day=start.isoformat()
            )
        else:
            suggested = self.tr("sign-in sheets facility {day}.pdf").format(day=start.isoformat())
        suggested = suggested.replace("/", "-")
        path = save_path(
            self, self.tr("Save the sign-in sheets"), suggested, self.tr("PDF (*.pdf)")
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        services, facility_id = self._services, self._facility_id
        self.busy = True
        self.print_button.setEnabled(False)
        self.message.setText(self.tr("Printing…"))
        self._runner.run(
            lambda: write_week_pdf(services, facility_id, start, end, whose, path),
            self._written,
            self._failed,
        )

    def _written(self, printed: PrintedWeek) -> None:
        self.busy = False
        self.print_button.setEnabled(True)
        text = self.tr("{sessions}, {pages}, saved to {path}").format(
            sessions=self.tr("%n session(s)", "", printed.sessions),
            pages=self.tr("%n page(s)", "", printed.pages),
            path=printed.path,
        )
        self.message.setText(text)
        self.sig_said.emit(text)
        self.sig_written.emit(printed)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.print_button.setEnabled(True)
        text = refusal(error)
        self.message.setText(text)
        self.sig_said.emit(text)
