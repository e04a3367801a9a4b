"""The calendar's three ways of showing a period, one at a time: the time grid (day, week), the
month grid, and the list. All three show one model and share one selection."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.calendar.month_grid import MonthGrid
from app.ui.calendar.time_grid import TimeGrid, TimeGridHeader
from app.ui.dialogs.parts import row_table
from app.ui.models.occurrence_table import OccurrenceTableModel


class CalendarPages(QStackedWidget):
    """The list (``table``), the ``time_grid`` in its ``time_scroll`` under its day names, and
    the ``month_grid``; ``show_mode`` picks the one that fits the period."""

    def __init__(self, model: OccurrenceTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = row_table(model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        selection = self.table.selectionModel()
        self.time_grid = TimeGrid(model, selection)
        self.time_header = TimeGridHeader(self.time_grid)
        self.time_scroll = QScrollArea()
        self.time_scroll.setWidgetResizable(True)
        self.time_scroll.setWidget(self.time_grid)
        self.time_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the grid inside takes it
        self.time_grid.scroll_area = self.time_scroll
        self.month_grid = MonthGrid(model, selection)
        self._time_page = QWidget()
        column = QVBoxLayout(self._time_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.time_header)
        column.addWidget(self.time_scroll, 1)
        for page in (self._time_page, self.month_grid, self.table):
            self.addWidget(page)
        for widget, name in (
            (self.table, self.tr("Sessions")),
            (self.time_grid, self.tr("Sessions by day and hour")),
            (self.month_grid, self.tr("Sessions of the month")),
        ):
            widget.setAccessibleName(name)

    def show_mode(self, mode: str, as_list: bool) -> None:
        if as_list:
            self.setCurrentWidget(self.table)
        elif mode == "month":
            self.setCurrentWidget(self.month_grid)
        else:
            self.setCurrentWidget(self._time_page)

    def grid(self) -> TimeGrid | MonthGrid | None:
        """The grid shown, or None when the list is."""
        page = self.currentWidget()
        if page is self.month_grid:
            return self.month_grid
        return self.time_grid if page is self._time_page else None

    def set_days(self, days: list[date], today: date, now: datetime) -> None:
        for grid in (self.time_grid, self.month_grid):
            grid.set_days(days, today, now)

    def set_closed(self, closed: dict[date, str]) -> None:
        """The facility's closed days of the period, with the reason."""
        for grid in (self.time_grid, self.month_grid):
            grid.set_closed(closed)

    def set_empty(self, text: str) -> None:
        """What an empty period says, in the middle of the grids."""
        for grid in (self.time_grid, self.month_grid):
            grid.empty_text = text

    def scroll_to_first(self) -> None:
        """The time grid scrolled to the first session shown (a new period)."""
        self.time_scroll.verticalScrollBar().setValue(self.time_grid.first_session_y())
