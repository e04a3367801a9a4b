"""Today: the facility's sessions today and for the rest of the week."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.bootstrap import Services
from app.services.attendance_dto import MissingAttendance
from app.services.schedule import OccurrenceView
from app.ui.models.missing_table import MissingTableModel
from app.ui.models.occurrence_table import OccurrenceTableModel
from app.ui.tasks import TaskRunner

MISSING_DAYS = 14


class TodayView(QWidget):
    """Sessions of the current facility from today to the end of the week, in its timezone,
    and past sessions of the last two weeks still missing attendance (Enter opens the sheet)."""

    sig_loaded = Signal(int)
    sig_missing_loaded = Signal(int)
    sig_open_sheet = Signal(object, object)  # series id, original date

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.heading = QLabel()
        self.model = OccurrenceTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.missing_model = MissingTableModel()
        self.missing = QTableView()
        self.missing.setModel(self.missing_model)
        self.missing.verticalHeader().hide()
        self.missing.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.missing.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.missing.activated.connect(self._on_missing_activated)
        self.missing_heading = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.missing_heading)
        layout.addWidget(self.missing, 1)

    def set_context(
        self, services: Services, facility_id: UUID, facility_name: str, timezone: str
    ) -> None:
        today = services.clock.now().astimezone(ZoneInfo(timezone)).date()
        end = today + timedelta(days=6)
        self.heading.setText(
            f"<h2>{self.tr('Today and the next 7 days')} — {facility_name}</h2>"
            f"{today:%A %d %B %Y} · {self.tr('times in')} {timezone}"
        )

        def work() -> list[OccurrenceView]:
            return services.schedule.occurrences(facility_id, today, end)

        self._runner.run(work, self._on_loaded)
        since = today - timedelta(days=MISSING_DAYS)
        self._runner.run(
            lambda: services.attendance.missing_attendance(facility_id, since, today),
            self._on_missing_loaded,
        )

    def _on_missing_loaded(self, rows: list[MissingAttendance]) -> None:
        self.missing_model.set_rows(rows)
        self.missing_heading.setText(
            f"<h3>{self.tr('Attendance still missing')}</h3>"
            + (
                self.tr(f"{len(rows)} past sessions of the last {MISSING_DAYS} days — Enter opens")
                if rows
                else self.tr("Every past session of the last two weeks is marked.")
            )
        )
        self.sig_missing_loaded.emit(len(rows))

    def _on_missing_activated(self, index: QModelIndex) -> None:
        m = self.missing_model.missing_at(index.row())
        self.sig_open_sheet.emit(m.series_id, m.original_date)

    def _on_loaded(self, rows: list[OccurrenceView]) -> None:
        self.model.set_occurrences(rows)
        self.sig_loaded.emit(len(rows))
