"""The calendar's dialogs and files: a new series (Ctrl+N) or the selected session's series
changed (Ctrl+E), the facility's closures (Alt+C, admins) and disruptions (Alt+U, admins), the
selected session's make-up (Alt+K), the filtered instructor's availability (Alt+Y), the sign-in
sheets of the day or week shown, and the sessions shown exported as iCalendar.

Their buttons and keys live here; the calendar lays the buttons out. Each dialog opens over the
calendar in place of the last one of its kind, its writes published as the calendar's, and what
each write did is said in the action row's message line (and ``sig_changed``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPushButton, QWidget

from app.domain.i18n import date_text
from app.services.facade import DeskServices
from app.services.ical import occurrences_to_ical
from app.services.schedule import OccurrenceView
from app.ui.accessible import named
from app.ui.changes import ChangeHub
from app.ui.dialogs.availability import AvailabilityDialog
from app.ui.dialogs.background import BackgroundDialog
from app.ui.dialogs.closures import ClosuresDialog
from app.ui.dialogs.disruption import DisruptionDialog
from app.ui.dialogs.makeup import MakeupDialog
from app.ui.dialogs.series import SeriesDialog
from app.ui.files import save_path
from app.ui.models.occurrence_table import OccurrenceTableModel
from app.ui.paper_week import PrintSheetsDialog
from app.ui.tasks import Runs, TaskRunner
from app.ui.views.calendar_actions import CalendarActions

D = TypeVar("D", bound=BackgroundDialog)


class CalendarShown(Protocol):
    """What the calendar shows, as its dialogs read it."""

    anchor: QDateEdit
    room_filter: QComboBox
    instructor_filter: QComboBox
    title: QLabel
    model: OccurrenceTableModel
    action_row: CalendarActions

    @property
    def mode(self) -> str: ...

    def selected(self) -> OccurrenceView | None: ...

    def current_period(self) -> tuple[date, date]: ...


class CalendarDialogs(QObject):
    """The buttons, keys and open dialogs of the calendar ``shown`` (``view``, their parent)."""

    sig_changed = Signal(str)
    sig_refused = Signal(str)
    sig_exported = Signal(object)

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, shown: CalendarShown, view: QWidget
    ) -> None:
        super().__init__(view)
        self._runner = runner
        self._changes = changes
        self._shown = shown
        self._view = view
        self._services: DeskServices | None = None
        self._facility_id: uuid.UUID | None = None
        self._timezone = "UTC"
        self.series_dialog: SeriesDialog | None = None
        self.closures_dialog: ClosuresDialog | None = None
        self.disruption_dialog: DisruptionDialog | None = None
        self.makeup_dialog: MakeupDialog | None = None
        self.availability_dialog: AvailabilityDialog | None = None
        self.print_dialog: PrintSheetsDialog | None = None  # a week of paper (app.ui.paper_week)

        # The filtered instructor's weekly hours and time off (Alt+Y), beside the filter.
        self.availability_button = QPushButton(self.tr("Availability… (Alt+Y)"))
        self.availability_button.setAccessibleName(self.tr("Availability of the instructor"))
        self.availability_button.clicked.connect(self.edit_availability)
        self.ical_button = named(
            QPushButton(self.tr("Export .ics")), self.tr("Export the sessions shown as iCalendar")
        )
        self.ical_button.clicked.connect(lambda: self.export_ical())
        self.print_button = named(
            QPushButton(self.tr("Print sign-in sheets…")),
            self.tr("Print the sign-in sheets of a day or a week"),
        )
        self.print_button.clicked.connect(self.print_sheets)
        self.new_series_button = named(
            QPushButton(self.tr("New series… (Ctrl+N)")), self.tr("New series")
        )
        self.edit_series_button = named(
            QPushButton(self.tr("Change series… (Ctrl+E)")),
            self.tr("Change the series of the selected session"),
        )
        self.closures_button = named(
            QPushButton(self.tr("Closures… (Alt+C)")),
            self.tr("Closures: the days the facility is closed"),
        )
        self.closures_button.clicked.connect(self.edit_closures)
        self.closures_button.hide()  # admins only, once the services say so
        self.disruption_button = named(
            QPushButton(self.tr("Disruption… (Alt+U)")),
            self.tr("Disruption: cancel the sessions of a lockdown, a count, a storm"),
        )
        self.disruption_button.clicked.connect(self.edit_disruptions)
        self.disruption_button.hide()  # admins only, once the services say so
        self.new_series_button.clicked.connect(self.new_series)
        self.edit_series_button.clicked.connect(self.edit_series)
        for keys, slot in (
            ("Alt+Y", self.edit_availability),
            ("Ctrl+N", self.new_series),
            ("Ctrl+E", self.edit_series),
            ("Alt+C", self.edit_closures),
            ("Alt+U", self.edit_disruptions),
            ("Alt+K", self.make_up),
        ):
            QShortcut(QKeySequence(keys), view, slot)

    def set_context(self, services: DeskServices, facility_id: uuid.UUID, timezone: str) -> None:
        self._services = services
        self._facility_id = facility_id
        self._timezone = timezone
        self.closures_button.setVisible(services.closures.may_manage())
        self.disruption_button.setVisible(services.disruptions.may_manage())

    def _shown_day(self) -> date:
        qd = self._shown.anchor.date()
        return date(qd.year(), qd.month(), qd.day())

    def _refuse(self, text: str) -> None:
        message = self._shown.action_row.message
        message.setText(text)
        self.sig_refused.emit(message.text())

    # -- the dialogs --------------------------------------------------------------------------

    def edit_availability(self) -> None:
        """The availability dialog of the instructor chosen in the filter."""
        services, facility = self._services, self._facility_id
        instructor = self._shown.instructor_filter.currentData()
        if services is None or facility is None:
            return
        if instructor is None:
            self._refuse(self.tr("Choose an instructor in the filter (Alt+N) first."))
            return
        today = services.clock.now().astimezone(ZoneInfo(self._timezone)).date()
        dialog = AvailabilityDialog(
            services.availability,
            self._writing(services),
            facility,
            instructor,
            self._shown.instructor_filter.currentText(),
            timezone=self._timezone,
            today=today,
            parent=self._view,
        )
        self.availability_dialog = self._open(dialog, self.availability_dialog)

    def edit_closures(self) -> None:
        """The closures dialog of the facility (admins; Alt+C)."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None or not self.closures_button.isVisible():
            return
        today = services.clock.now().astimezone(ZoneInfo(self._timezone)).date()
        dialog = ClosuresDialog(
            services.closures,
            self._writing(services),
            facility,
            self.tr("the facility"),
            today=max(today, self._shown_day()),
            parent=self._view,
        )
        self.closures_dialog = self._open(dialog, self.closures_dialog)

    def edit_disruptions(self) -> None:
        """The disruption dialog of the facility (admins; Alt+U): the window of the selected
        session, or from the day shown (the next hour when it is today)."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None or not self.disruption_button.isVisible():
            return
        now = services.clock.now().astimezone(ZoneInfo(self._timezone)).replace(tzinfo=None)
        day = self._shown_day()
        shown = datetime(day.year, day.month, day.day, 8, 0)
        hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        starts = hour if shown.date() == now.date() else shown
        ends = None
        chosen = self._shown.selected()
        if chosen is not None:
            starts = chosen.start_local.replace(tzinfo=None)
            ends = chosen.end_local.replace(tzinfo=None)
        dialog = DisruptionDialog(
            services.disruptions,
            self._writing(services),
            facility,
            starts=starts,
            ends=ends,
            parent=self._view,
        )
        self.disruption_dialog = self._open(dialog, self.disruption_dialog)

    def make_up(self) -> None:
        """Make-up for… (Alt+K): the missed sessions of its class the selected session makes
        up, ticked in a list."""
        services, o = self._services, self._shown.selected()
        if services is None:
            return
        if o is None or o.cancelled:
            self._refuse(self.tr("Select a session that is held first."))
            return
        start = o.start_local
        dialog = MakeupDialog(
            services.makeups,
            self._writing(services),
            o.series_id,
            o.original_date,
            f"{o.class_name}, {date_text(start.date(), 'ddd d MMM yyyy')} {start:%H:%M}",
            parent=self._view,
        )
        self.makeup_dialog = self._open(dialog, self.makeup_dialog)

    def _writing(self, services: DeskServices) -> Runs:
        """The runner of a dialog's writes, each published as the calendar's."""
        return self._changes.writing(self._runner, services.writes, source="calendar")

    def _open(self, dialog: D, old: BackgroundDialog | None) -> D:
        """Opens ``dialog`` over the calendar in place of ``old`` (dropped unless a load or a
        write of it still has to answer); what each of its writes did shows in the message
        line."""
        if old is not None and not old.busy:
            old.deleteLater()
        dialog.sig_saved.connect(self._on_dialog_saved)
        dialog.open()
        return dialog

    def _on_dialog_saved(self, text: str) -> None:
        self._shown.action_row.message.setText(text)
        self.sig_changed.emit(text)

    # -- series ---------------------------------------------------------------------------------

    def new_series(self) -> None:
        self._open_series(None)

    def edit_series(self) -> None:
        o = self._shown.selected()
        if o is None:
            self._shown.action_row.say(self.tr("Select a session of the series to change."))
            return
        self._open_series(o)

    def _open_series(self, occurrence: OccurrenceView | None) -> None:
        """The series dialog, window-modal; the calendar shows what was saved when it closes."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return
        dialog = SeriesDialog(
            services,
            self._writing(services),
            facility,
            self._timezone,
            occurrence=occurrence,
            day=self._shown_day(),
            parent=self._view,
        )
        dialog.sig_first_day.connect(self._on_series_first_day)
        self.series_dialog = self._open(dialog, self.series_dialog)

    def _on_series_first_day(self, first_day: date | None) -> None:
        """Show the week (day, month) of the first changed session; the hub reloads it."""
        if first_day is not None:
            anchor = self._shown.anchor
            anchor.blockSignals(True)
            anchor.setDate(QDate(first_day.year, first_day.month, first_day.day))
            anchor.blockSignals(False)

    # -- files and paper ------------------------------------------------------------------------

    def export_ical(self, path: Path | None = None) -> None:
        """The sessions shown, as an iCalendar file; asks where unless ``path`` is given."""
        services = self._services
        if services is None:
            return
        start, _end = self._shown.current_period()
        if path is None:
            chosen = save_path(
                self._view, self.tr("Export the calendar"), f"sessions {start}.ics", "*.ics"
            )
            if chosen is None:
                return
            path = chosen
        target, name = path, self._shown.title.text()
        model = self._shown.model
        rows = [model.row_at(i) for i in range(model.rowCount())]

        def work() -> Path:
            target.write_bytes(occurrences_to_ical(rows, name=name, now=services.clock.now()))
            return target

        self._runner.run(work, self._exported, self._shown.action_row.show_failure)

    def _exported(self, path: Path) -> None:
        self._shown.action_row.message.setText(self.tr("Saved {path}").format(path=path))
        self.sig_exported.emit(path)

    def print_sheets(self) -> None:
        """*Print sign-in sheets…*: the day or week shown, whose sessions as filtered."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return
        old = self.print_dialog
        if old is not None and not old.busy:
            old.deleteLater()
        instructors, rooms = self._shown.instructor_filter, self._shown.room_filter

        def items(box: QComboBox) -> list[tuple[str, uuid.UUID]]:
            return [(box.itemText(i), box.itemData(i)) for i in range(1, box.count())]

        dialog = PrintSheetsDialog(
            services,
            self._runner,
            facility,
            day=self._shown_day(),
            week=self._shown.mode != "day",
            instructors=items(instructors),
            rooms=items(rooms),
            chosen=instructors.currentData() or rooms.currentData(),
            parent=self._view,
        )
        dialog.sig_said.connect(self._shown.action_row.message.setText)
        self.print_dialog = dialog
        dialog.open()
