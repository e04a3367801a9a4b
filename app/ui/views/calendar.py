"""Session calendar: a day, week or month of a facility (or one room, one program, or one
instructor's sessions, those they substitute in included), in its timezone, drawn as a time grid
(day, week) or a month grid, or as a list; one session or all future ones cancelled, moved,
given another room or another instructor, with a reason.

Keys: Alt+D/W/M day, week, month; Alt+L the list instead of the grid; Alt+Left/Right previous/
next period; Alt+N the instructor filter, Alt+G the program filter. On the grid the arrow keys
move between sessions (Left/Right across days, Up/Down within a day, in time order), Home/End
to the first/last; Enter or a double click opens the selected session's attendance sheet; the
Menu key or a right click offers the actions below. On a selected session Alt+X cancels (asking
first when it holds marks), Alt+E restores a cancelled one, Alt+R moves it to the time in *Move
to*, Alt+O changes the room, Alt+I chooses a substitute (the substitute dialog). *All future*
applies the change to the rest of the series. A clash is shown before anything is saved; tick
*Allow a clash* to save anyway. Ctrl+N creates a series, Ctrl+E changes the selected session's
series from a chosen date on (the series dialog). Alt+C (admins) opens *Closures…*: the days the
facility is closed (holidays, shutdowns), each with a reason; a closed day shows as closed in
the grids and in the note above them, and has no session. Alt+U (admins) opens *Disruption…*:
a lockdown, a count, a storm cancels every session (or those of chosen rooms or programs) in a
window of time with a reason, and lifting it brings them back. Alt+K (or the session's context
menu) opens *Make-up for…*: the missed sessions of its class the selected session makes up; the
note above the grid says what the selected session makes up and whom for.

Actions act only on the session selected among those shown: changing the period or a filter
clears the selection. Every change is published on the change hub, and the calendar reloads
from the hub like every other screen (keeping the selected session selected).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QModelIndex, QPoint, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.availability_dto import AVAILABILITY_TABLES, Interval
from app.services.changes import CLASSES, OVERRIDES, SERIES, Changes
from app.services.closures import CLOSURES
from app.services.disruptions import DISRUPTIONS
from app.services.facade import DeskServices
from app.services.makeups import MAKEUPS, MakeupView
from app.services.schedule import OccurrenceView
from app.services.schedule_dto import Choice
from app.services.series_edit import SeriesChoices
from app.ui.accessible import named
from app.ui.calendar.layout import period
from app.ui.calendar.month_grid import MonthGrid
from app.ui.calendar.pages import CalendarPages
from app.ui.calendar.time_grid import TimeGrid
from app.ui.changes import ChangeHub
from app.ui.combo import refill
from app.ui.dialogs.availability import AvailabilityDialog
from app.ui.dialogs.closures import ClosuresDialog
from app.ui.dialogs.disruption import DisruptionDialog
from app.ui.dialogs.makeup import MakeupDialog, makeup_text
from app.ui.dialogs.series import SeriesDialog
from app.ui.dialogs.substitute import SubstituteDialog
from app.ui.language import locale_date, locale_day, month_text
from app.ui.models.occurrence_table import OccurrenceTableModel
from app.ui.paper_week import PrintSheetsDialog
from app.ui.tasks import TaskRunner
from app.ui.views.base import Screen
from app.ui.views.calendar_actions import CalendarActions
from app.ui.views.calendar_dialogs import CalendarDialogs

WEEK_DAY = "ddd dd MMM yyyy"  # the first and last day of a week in the heading


class CalendarView(Screen):
    """The sessions of the current facility in a period, and changes to them."""

    sig_loaded = Signal(int)
    sig_changed = Signal(str)
    sig_refused = Signal(str)
    sig_exported = Signal(object)
    sig_open_sheet = Signal(object, object)  # series id, original date

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self._timezone = "UTC"
        self._generation = 0
        self.makeup_note = named(QLabel(), self.tr("What the selected session makes up"))
        self.makeup_note.setWordWrap(True)
        self.closed: dict[date, str] = {}  # closed days of the period shown, with the reason
        self._clear = True  # a load for another period or filter is on its way

        self.anchor = named(QDateEdit(), self.tr("Day shown"))
        self.anchor.setCalendarPopup(True)
        self.anchor.setDisplayFormat("d MMM yyyy (ddd)")  # Up and Down step days
        self.modes = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for mode, label in (
            ("day", self.tr("&Day")),
            ("week", self.tr("&Week")),
            ("month", self.tr("&Month")),
        ):
            button = QRadioButton(label)
            self.modes.addButton(button)
            self.mode_buttons[mode] = button
        self.mode_buttons["week"].setChecked(True)
        self.as_list = named(QCheckBox(self.tr("&List")), self.tr("Show the sessions as a list"))
        self.room_filter = named(QComboBox(), self.tr("Room filter"))
        self.instructor_filter = named(QComboBox(), self.tr("Instructor filter"))
        self.program_filter = named(QComboBox(), self.tr("Program filter"))
        self.title = QLabel()
        self.timezone_note = QLabel()
        self.empty_note = QLabel()
        self.empty_note.hide()
        self.closed_note = QLabel()  # the closed days of the period, in words
        self.closed_note.setStyleSheet("color: #455a64; font-weight: bold;")
        self.closed_note.hide()

        self.model = OccurrenceTableModel(self)
        self.pages = CalendarPages(self.model)
        self.table = self.pages.table
        self.time_grid = self.pages.time_grid
        self.time_scroll = self.pages.time_scroll
        self.month_grid = self.pages.month_grid
        selection = self.table.selectionModel()

        self.action_row = CalendarActions(runner, changes, self.selected, self)
        row = self.action_row
        self.message, self.reason, self.move_to, self.room_to = (
            row.message,
            row.reason,
            row.move_to,
            row.room_to,
        )
        self.all_future, self.allow_clash = row.all_future, row.allow_clash
        self.cancel_button, self.restore_button = row.cancel_button, row.restore_button
        self.context_menu = QMenu(self)
        self.dialogs = dialogs = CalendarDialogs(runner, changes, self, self)
        self.availability_button = dialogs.availability_button
        self.closures_button = dialogs.closures_button
        self.export_ical = dialogs.export_ical  # the sessions shown, as an iCalendar file
        self.print_button, self.disruption_button = dialogs.print_button, dialogs.disruption_button
        self.edit_series_button = dialogs.edit_series_button
        self._lay_out()

        # Another period or filter: other sessions, so nothing stays selected to act on.
        self.anchor.dateChanged.connect(lambda _d: self.reload(keep=False))
        self.modes.buttonToggled.connect(lambda _b, on: self.reload(keep=False) if on else None)
        self.as_list.toggled.connect(lambda _on: self._show_page())
        for box in (self.room_filter, self.instructor_filter, self.program_filter):
            box.currentIndexChanged.connect(lambda _i: self.reload(keep=False))
        selection.currentRowChanged.connect(self._on_row_changed)
        selection.selectionChanged.connect(lambda *_a: self._update_actions())
        self.table.activated.connect(self._on_table_activated)
        self.table.customContextMenuRequested.connect(
            lambda pos: self.show_menu(self.table.viewport().mapToGlobal(pos))
        )
        for grid in (self.time_grid, self.month_grid):
            grid.sig_activated.connect(self._open_sheet)
            grid.sig_menu.connect(self.show_menu)
        self.month_grid.sig_day_requested.connect(self._show_day)
        for source in (self.action_row, dialogs):
            source.sig_changed.connect(self.sig_changed)
            source.sig_refused.connect(self.sig_refused)
        dialogs.sig_exported.connect(self.sig_exported)
        for keys, slot in (
            ("Alt+Left", lambda: self._step(-1)),
            ("Alt+Right", lambda: self._step(1)),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        changes.sig_changed.connect(self._on_changes)
        self._name_widgets()
        self._show_page()
        self._update_actions()

    def _lay_out(self) -> None:
        heading = QHBoxLayout()  # the series buttons beside the heading: the filters keep room
        heading.addWidget(QLabel("<h2>" + self.tr("Calendar") + "</h2>"))
        heading.addStretch(1)
        dialogs = self.dialogs
        heading.addWidget(dialogs.new_series_button)
        heading.addWidget(dialogs.edit_series_button)
        heading.addWidget(dialogs.ical_button)
        heading.addWidget(dialogs.disruption_button)
        heading.addWidget(dialogs.print_button)
        top = QHBoxLayout()
        top.addWidget(self.anchor)
        for button in self.mode_buttons.values():
            top.addWidget(button)
        top.addWidget(self.as_list)
        top.addSpacing(12)
        top.addWidget(self.title)  # the period shown, beside the date that chose it
        top.addStretch(1)
        top.addWidget(self.timezone_note)
        filters = QHBoxLayout()  # a row of their own: long names are never cut off
        for text, box in (
            (self.tr("Room"), self.room_filter),
            (self.tr("I&nstructor"), self.instructor_filter),
            (self.tr("Pro&gram"), self.program_filter),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            filters.addWidget(label)
            filters.addWidget(box)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filters.insertWidget(filters.indexOf(self.instructor_filter) + 1, self.availability_button)
        filters.addStretch(1)
        filters.addWidget(self.closures_button)  # the facility's closed days (admins)
        notes = QHBoxLayout()
        notes.addWidget(self.closed_note)
        notes.addWidget(self.empty_note)
        notes.addWidget(self.makeup_note, 1)
        notes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(notes)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.action_row)

    def _name_widgets(self) -> None:
        """Short names for screen readers."""
        self.mode_buttons["day"].setAccessibleName(self.tr("Show a day"))
        self.mode_buttons["week"].setAccessibleName(self.tr("Show a week"))
        self.mode_buttons["month"].setAccessibleName(self.tr("Show a month"))
        self.context_menu.setAccessibleName(self.tr("Session actions"))

    # -- the action row, as it was on this screen ---------------------------------------------

    @property
    def substitute_dialog(self) -> SubstituteDialog | None:
        return self.action_row.substitute_dialog

    @property
    def confirm_box(self) -> QMessageBox | None:
        return self.action_row.confirm_box

    # -- the dialogs, as they were on this screen ---------------------------------------------

    @property
    def series_dialog(self) -> SeriesDialog | None:
        return self.dialogs.series_dialog

    @property
    def closures_dialog(self) -> ClosuresDialog | None:
        return self.dialogs.closures_dialog

    @property
    def disruption_dialog(self) -> DisruptionDialog | None:
        return self.dialogs.disruption_dialog

    @property
    def makeup_dialog(self) -> MakeupDialog | None:
        return self.dialogs.makeup_dialog

    @property
    def availability_dialog(self) -> AvailabilityDialog | None:
        return self.dialogs.availability_dialog

    @property
    def print_dialog(self) -> PrintSheetsDialog | None:
        return self.dialogs.print_dialog

    # -- loading ------------------------------------------------------------------------------

    def set_context(self, services: DeskServices, facility_id: uuid.UUID, timezone: str) -> None:
        self._services = services
        self._facility_id = facility_id
        self._timezone = timezone
        now = services.clock.now().astimezone(ZoneInfo(timezone))
        today = now.date()
        self.anchor.blockSignals(True)
        self.anchor.setDate(QDate(today.year, today.month, today.day))
        self.anchor.blockSignals(False)
        self.timezone_note.setText(
            self.tr("Times in {zone}").format(
                zone=f"{timezone.replace('_', ' ')} ({now:%Z}, UTC{now:%z})"
            )
        )
        self.action_row.set_context(services, facility_id, self.anchor.date())
        self.dialogs.set_context(services, facility_id, timezone)
        # The last facility's filters no longer apply.
        self._fill_choices(SeriesChoices((), (), ()))
        self._fill_programs([])
        self.reload(keep=False)
        self._runner.run(lambda: services.series_edit.choices(facility_id), self._fill_choices)
        self._runner.run(lambda: services.schedule.programs(facility_id), self._fill_programs)

    def _fill_choices(self, choices: SeriesChoices) -> None:
        """Rooms and instructors of the facility, for the filters and the changes. The filters
        stay on "all" and "everyone", so the sessions shown are still the right ones."""
        self.action_row.fill_rooms(choices.rooms, choices.instructors)
        self._fill(self.room_filter, self.tr("All rooms"), choices.rooms)
        self._fill(self.instructor_filter, self.tr("Everyone"), choices.instructors)

    def _fill_programs(self, programs: list[Choice]) -> None:
        self._fill(self.program_filter, self.tr("All programs"), programs)

    @staticmethod
    def _fill(box: QComboBox, first: str, items: Any) -> None:
        """The box's choices again; the one chosen stays chosen if still offered."""
        refill(box, ((item.name, item.id) for item in items), first=first)
        box.setMinimumWidth(box.sizeHint().width())  # a crowded row does not cut names

    @property
    def mode(self) -> str:
        return next(m for m, b in self.mode_buttons.items() if b.isChecked())

    def current_period(self) -> tuple[date, date]:
        qd = self.anchor.date()
        return period(self.mode, date(qd.year(), qd.month(), qd.day()))

    def _step(self, direction: int) -> None:
        days = {"day": 1, "week": 7}.get(self.mode)
        qd = self.anchor.date()
        self.anchor.setDate(qd.addDays(direction * days) if days else qd.addMonths(direction))

    def _show_day(self, day: date) -> None:
        """The day view of ``day`` ("+N more" in the month)."""
        self.anchor.blockSignals(True)
        self.anchor.setDate(QDate(day.year, day.month, day.day))
        self.anchor.blockSignals(False)
        self.mode_buttons["day"].setChecked(True)

    def _show_page(self) -> None:
        self.pages.show_mode(self.mode, self.as_list.isChecked())

    def grid(self) -> TimeGrid | MonthGrid | None:
        """The grid shown, or None when the list is."""
        return self.pages.grid()

    def _on_changes(self, changes: Changes) -> None:
        """The schedule changed (here, on another screen, or by a sync): show it again."""
        if changes.touches(
            SERIES,
            OVERRIDES,
            CLASSES,
            CLOSURES,
            DISRUPTIONS,
            MAKEUPS,
            facility_id=self._facility_id,
        ):
            self.reload()
        elif changes.touches(*AVAILABILITY_TABLES, facility_id=self._facility_id):
            self.reload()  # the shaded hours
        services, facility = self._services, self._facility_id
        if (
            services is not None
            and facility is not None
            and changes.touches(SERIES, CLASSES, facility_id=facility)
        ):
            self._runner.run(lambda: services.schedule.programs(facility), self._fill_programs)

    def reload(self, *, keep: bool = True) -> None:
        """Load the period again; ``keep`` selects the selected session again if still shown,
        otherwise nothing is selected (not even while the new sessions are on their way)."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return
        if not keep:
            self._clear = True
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        start, end = self.current_period()
        self._show_page()
        now = services.clock.now().astimezone(ZoneInfo(self._timezone))
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        self.pages.set_days(days, now.date(), now.replace(tzinfo=None))
        room, instructor, program = (
            self.room_filter.currentData(),
            self.instructor_filter.currentData(),
            self.program_filter.currentData(),
        )
        self._generation += 1
        token = self._generation
        self._load_unavailable(instructor, start, end, token)
        self._load_closed(start, end, token)
        if self.mode == "month":
            self.title.setText(month_text(start))
        else:
            self.title.setText(f"{locale_date(start, WEEK_DAY)} – {locale_date(end, WEEK_DAY)}")
        self._runner.run(
            lambda: services.schedule.occurrences(
                facility,
                start,
                end,
                room_id=room,
                instructor_id=instructor,
                program_id=program,
            ),
            lambda rows: self._on_loaded(rows, token),
            self.action_row.show_failure,
        )

    def _load_unavailable(
        self, instructor: uuid.UUID | None, start: date, end: date, token: int
    ) -> None:
        """Shade the hours the filtered instructor does not work (their weekly hours, time
        off) in the time grid, loaded off the GUI thread; no instructor, no shading."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None or instructor is None or self.mode == "month":
            self.time_grid.set_unavailable([])
            return

        def shade(found: list[Interval]) -> None:
            if token == self._generation:
                self.time_grid.set_unavailable([(i.start, i.end) for i in found])

        self._runner.run(
            lambda: services.availability.unavailable(facility, instructor, start, end),
            shade,
            self.action_row.show_failure,
        )

    def _load_closed(self, start: date, end: date, token: int) -> None:
        """The facility's closed days of the period: shown closed in the grids and the note."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return

        def show(closed: dict[date, str]) -> None:
            if token == self._generation:
                self._show_closed(closed)

        self._runner.run(
            lambda: services.closures.closed_days(facility, start, end),
            show,
            self.action_row.show_failure,
        )

    def _show_closed(self, closed: dict[date, str]) -> None:
        self.closed = dict(closed)
        self.pages.set_closed(self.closed)
        spans: list[tuple[date, date, str]] = []
        for day in sorted(closed):  # consecutive days of one reason: one stretch
            if spans and spans[-1][2] == closed[day] and spans[-1][1] + timedelta(days=1) == day:
                spans[-1] = (spans[-1][0], day, closed[day])
            else:
                spans.append((day, day, closed[day]))
        words = [
            (locale_day(a) + (f" – {locale_day(b)}" if b != a else "")) + f" ({reason})"
            for a, b, reason in spans
        ]
        self.closed_note.setText(
            self.tr("Closed: {days}").format(days="; ".join(words)) if words else ""
        )
        self.closed_note.setVisible(bool(words))

    def _on_loaded(self, rows: list[OccurrenceView], token: int) -> None:
        if token != self._generation:
            return
        fresh = self._clear
        chosen = None if self._clear else self.selected()
        self._clear = False
        empty = self._empty_text() if not rows else ""
        self.pages.set_empty(empty)
        self.model.set_rows(rows)
        keep = (chosen.series_id, chosen.original_date) if chosen is not None else None
        row = next((i for i, o in enumerate(rows) if (o.series_id, o.original_date) == keep), None)
        if row is not None:
            self.table.selectRow(row)
        if fresh:
            self.pages.scroll_to_first()
        self._update_actions()
        self.empty_note.setText(empty)
        self.empty_note.setVisible(not rows)
        self.sig_loaded.emit(len(rows))

    def _empty_text(self) -> str:
        who = [
            box.currentText()
            for box in (self.room_filter, self.instructor_filter, self.program_filter)
            if box.currentData() is not None
        ]
        if not who:
            return {
                "day": self.tr("No sessions on this day."),
                "week": self.tr("No sessions in this week."),
                "month": self.tr("No sessions in this month."),
            }[self.mode]
        return {
            "day": self.tr("No sessions on this day for {who}."),
            "week": self.tr("No sessions in this week for {who}."),
            "month": self.tr("No sessions in this month for {who}."),
        }[self.mode].format(who=self.tr(" and ").join(who))

    def _update_actions(self) -> None:
        """The action row offers what applies to the selected session only."""
        o = self.selected()
        self.action_row.update_for(o)
        self.edit_series_button.setEnabled(o is not None)
        self._show_makeup(o)

    def _show_makeup(self, o: OccurrenceView | None) -> None:
        """The selected session's details: what it makes up and whom for (read off the GUI
        thread; an answer for a session no longer selected is dropped)."""
        self.makeup_note.clear()
        services = self._services
        if o is None or services is None:
            return
        key = (o.series_id, o.original_date)

        def shown(view: MakeupView | None) -> None:
            now = self.selected()
            if now is not None and (now.series_id, now.original_date) == key:
                self.makeup_note.setText(makeup_text(view))

        self._runner.run(lambda: services.makeups.of_session(*key), shown)

    def _on_table_activated(self, index: QModelIndex) -> None:
        """Enter or a double click in the list: the attendance sheet of that session."""
        if index.isValid():
            self._open_sheet(self.model.row_at(index.row()))

    def _open_sheet(self, o: OccurrenceView) -> None:
        self.sig_open_sheet.emit(o.series_id, o.original_date)

    def _on_row_changed(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            self.action_row.follow(self.model.row_at(current.row()))

    def selected(self) -> OccurrenceView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- the context menu ---------------------------------------------------------------------

    def show_menu(self, where: QPoint) -> None:
        """The selected session's actions (right click, Menu key): the action row's own."""
        o = self.selected()
        if o is not None:
            self.action_row.fill_menu(self.context_menu, o, lambda: self._open_sheet(o))
            action = self.context_menu.addAction(self.tr("Make-up for… (Alt+K)"))
            action.setEnabled(not o.cancelled)
            action.triggered.connect(self.dialogs.make_up)
            self.context_menu.popup(where)
