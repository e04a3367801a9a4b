"""Today: the facility's sessions today and for the rest of the week."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.bootstrap import Services
from app.services.schedule import OccurrenceView
from app.ui.models.occurrence_table import OccurrenceTableModel
from app.ui.tasks import TaskRunner


class TodayView(QWidget):
    """Sessions of the current facility from today to the end of the week, in its timezone."""

    sig_loaded = Signal(int)

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
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)

    def set_context(
        self, services: Services, facility_id: UUID, facility_name: str, timezone: str
    ) -> None:
        today = datetime.now(ZoneInfo(timezone)).date()
        end = today + timedelta(days=6)
        self.heading.setText(
            f"<h2>{self.tr('Today and the next 7 days')} — {facility_name}</h2>"
            f"{today:%A %d %B %Y} · {self.tr('times in')} {timezone}"
        )

        def work() -> list[OccurrenceView]:
            return services.schedule.occurrences(facility_id, today, end)

        self._runner.run(work, self._on_loaded)

    def _on_loaded(self, rows: list[OccurrenceView]) -> None:
        self.model.set_occurrences(rows)
        self.sig_loaded.emit(len(rows))
