"""Reports: pick a report, a facility and a period; the table fills in the background; export
what is shown as CSV, XLSX or PDF.

Keys: Alt+R report, Alt+L facility, Alt+F from, Alt+T to (Enter runs), Alt+U or Ctrl+Enter run
again, Alt+I filter the rows, Alt+C / Alt+X / Alt+D export CSV / XLSX / PDF.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import ATTENDANCE, CLASSES, ENROLLMENTS, PEOPLE, SCHEDULE, Changes
from app.services.facade import DeskServices
from app.services.facilities import FacilityDTO
from app.services.reports_dto import ReportKind
from app.ui.accessible import named
from app.ui.changes import ChangeHub
from app.ui.exports import (
    TableExport,
    report_export,
    write_table_csv,
    write_table_pdf,
    write_table_xlsx,
)
from app.ui.files import save_path
from app.ui.language import hm, short_date
from app.ui.models.report_table import ReportTable, ReportTableModel, table_of
from app.ui.tasks import TaskRunner
from app.ui.views.base import SayingScreen

# What the reports are computed from: a change to any of these makes the report shown stale.
REPORTED = (ATTENDANCE, CLASSES, ENROLLMENTS, PEOPLE, *SCHEDULE, "hours_logs", "lesson_progress")
DEFAULT_DAYS = 90  # the period first offered ends today and covers about a term so far
WRITERS: dict[str, Callable[[TableExport, Path], int]] = {
    "csv": write_table_csv,
    "xlsx": write_table_xlsx,
    "pdf": write_table_pdf,
}
AskPath = Callable[[QWidget, str, str], Path | None]


def _ask_path(parent: QWidget, default: str, suffix: str) -> Path | None:
    return save_path(parent, parent.tr("Export the report"), default, f"*.{suffix}")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportsView(SayingScreen):
    """The reports of a facility over a period, as a table that can be filtered and exported."""

    sig_loaded = Signal(int)  # rows in the report
    sig_exported = Signal(object)  # the Path written

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self._generation = 0  # answers to an older request are dropped
        self._last_request: tuple[ReportKind, uuid.UUID, date, date] | None = None
        self._stale = False
        self.ask_path: AskPath = _ask_path  # replaced by tests

        self.kind_box = named(QComboBox(), self.tr("Report"))
        for kind in ReportKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.facility_box = named(QComboBox(), self.tr("Facility"))
        self.start = named(QDateEdit(), self.tr("From"))
        self.end = named(QDateEdit(), self.tr("To"))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.run_button = named(QPushButton(self.tr("R&un")), self.tr("Run the report"))
        self.run_button.setAutoDefault(False)
        self.filter = named(
            QLineEdit(placeholderText=self.tr("Type to keep matching rows")),
            self.tr("Filter the rows"),
        )
        self.filter.setClearButtonEnabled(True)
        self.model = ReportTableModel(self)
        self.table = named(QTableView(), self.tr("Report rows"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the report's own order
        self.table.setSortingEnabled(True)
        self.count_label = QLabel()

        form = QGridLayout()
        fields: list[tuple[str, QWidget]] = [
            (self.tr("&Report"), self.kind_box),
            (self.tr("Faci&lity"), self.facility_box),
            (self.tr("&From"), self.start),
            (self.tr("&To"), self.end),
        ]
        for column, (text, field) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(field)
            form.addWidget(label, 0, column)
            form.addWidget(field, 1, column)
        form.addWidget(self.run_button, 1, len(fields))
        form.setColumnStretch(0, 2)
        form.setColumnStretch(1, 2)
        filter_row = QHBoxLayout()
        filter_label = QLabel(self.tr("F&ilter"))
        filter_label.setBuddy(self.filter)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter, 1)
        filter_row.addWidget(self.count_label)
        exports = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, text in (
            ("csv", self.tr("Export &CSV")),
            ("xlsx", self.tr("Export &XLSX")),
            ("pdf", self.tr("Export P&DF")),
        ):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, f=fmt: self.export(f))
            exports.addWidget(button)
            self.export_buttons[fmt] = button
        exports.addStretch(1)
        hint = QLabel(self.tr("Alt+U or Ctrl+Enter runs · Enter in a date runs"))
        hint.setEnabled(False)
        exports.addWidget(hint)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Reports") + "</h2>"))
        layout.addLayout(form)
        layout.addLayout(filter_row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(exports)

        self.kind_box.currentIndexChanged.connect(self._on_kind_box_changed)
        self.facility_box.currentIndexChanged.connect(self._on_facility_box_changed)
        self.start.editingFinished.connect(self._on_date_editing_finished)
        self.end.editingFinished.connect(self._on_date_editing_finished)
        self.run_button.clicked.connect(self.run)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.run)
        changes.sig_changed.connect(self._on_changes)
        self.export_buttons["csv"].setAccessibleName(self.tr("Export the rows as CSV"))
        self.export_buttons["xlsx"].setAccessibleName(self.tr("Export the rows as XLSX"))
        self.export_buttons["pdf"].setAccessibleName(self.tr("Export the rows as PDF"))

    # -- context ------------------------------------------------------------------------------

    def set_context(
        self, services: DeskServices, facilities: Sequence[FacilityDTO], facility_id: uuid.UUID
    ) -> None:
        """The facilities one may report on, the current one chosen; runs when next shown.
        Nothing of the facility shown before stays on screen meanwhile."""
        self._services = services
        self._generation += 1  # an answer still coming is for the previous facility
        self.model.set_table(None)
        self.message.clear()
        self._update_count()
        for button in self.export_buttons.values():
            button.setEnabled(False)
        self.facility_box.blockSignals(True)
        self.facility_box.clear()
        for facility in facilities:
            self.facility_box.addItem(facility.name, (facility.id, facility.timezone))
        index = next((i for i, f in enumerate(facilities) if f.id == facility_id), 0)
        self.facility_box.setCurrentIndex(index)
        self.facility_box.blockSignals(False)
        if self._last_request is None and facilities:
            today = services.clock.now().astimezone(ZoneInfo(facilities[index].timezone)).date()
            self.end.setDate(_qdate(today))
            self.start.setDate(_qdate(today - timedelta(days=DEFAULT_DAYS)))
        self._stale = True
        if self.isVisible():
            self.run()

    def _on_changes(self, changes: Changes) -> None:
        """Marks, enrolments, the schedule or hours changed: the report shown is out of date.
        It runs again now if it is on screen, else when it is next shown."""
        request = self._last_request
        if request is None or not changes.touches(*REPORTED, facility_id=request[1]):
            return
        self._stale = True
        if self.isVisible():
            self.run()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.run()

    @property
    def kind(self) -> ReportKind:
        return ReportKind(self.kind_box.currentData())

    def _on_kind_box_changed(self, _index: int) -> None:
        uses_period = self.kind.uses_period
        self.start.setEnabled(uses_period)
        self.end.setEnabled(uses_period)
        self.run()

    def _on_facility_box_changed(self, _index: int) -> None:
        self.run()

    def _on_date_editing_finished(self) -> None:
        request = self._request()
        if request is not None and request != self._last_request:
            self.run()

    def _on_filter_text_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()

    # -- running ------------------------------------------------------------------------------

    def _request(self) -> tuple[ReportKind, uuid.UUID, date, date] | None:
        data = self.facility_box.currentData()
        if data is None:
            return None
        return (self.kind, data[0], _pydate(self.start.date()), _pydate(self.end.date()))

    def run(self) -> None:
        """Compute the chosen report in the background; the table shows it when it comes."""
        services, request = self._services, self._request()
        if services is None or request is None:
            return
        self._stale = False
        self._last_request = request
        self._generation += 1
        token = self._generation
        self.message.setText(self.tr("Computing…"))

        def work() -> ReportTable:
            return table_of(services.reports.run(*request))

        self._runner.run(
            work,
            lambda table: self._on_report_loaded(table, token),
            lambda error: self._on_report_failed(error, token),
        )

    def _on_report_loaded(self, table: ReportTable, token: int) -> None:
        if token != self._generation:
            return
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_table(table)
        self.table.resizeColumnsToContents()
        report = table.report
        period = (
            self.tr("as of {when}").format(
                when=f"{short_date(report.as_of.date())} {hm(report.as_of)}"
            )
            if not report.kind.uses_period
            else f"{short_date(report.start)} – {short_date(report.end)}"
        )
        self.message.setText(f"{report.kind.label} · {report.facility_name} · {period}")
        for button in self.export_buttons.values():
            button.setEnabled(True)
        self._update_count()
        self.sig_loaded.emit(len(report.rows))

    def _on_report_failed(self, error: BaseException, token: int) -> None:
        if token == self._generation:
            self.failed(error)

    def _update_count(self) -> None:
        table = self.model.table
        if table is None:
            self.count_label.clear()
            return
        shown, total = self.model.rowCount(), len(table.cells)
        text = self.tr("%n row(s)", "", total) if shown == total else f"{shown} / {total}"
        self.count_label.setText(text)

    # -- exports ------------------------------------------------------------------------------

    def export(self, kind: str, path: Path | None = None) -> None:
        """Write the rows shown, in the order shown (``csv``/``xlsx``/``pdf``); asks where
        unless ``path`` is given. A file that cannot be written is said so; nothing is lost."""
        table = self.model.table
        if table is None:
            return
        if path is None:
            r = table.report
            default = f"{r.kind.label} {r.facility_name} {r.start}–{r.end}.{kind}"
            path = self.ask_path(self, default, kind)
            if path is None:
                return
        export = report_export(table, self.model.visible_cells())
        writer, target = WRITERS[kind], path

        def work() -> Path:
            writer(export, target)
            return target

        self._runner.run(work, self._on_exported, self.failed)

    def _on_exported(self, path: Path) -> None:
        self.message.setText(self.tr("Saved ") + str(path))
        self.sig_exported.emit(path)
