"""Session calendar: a day, week or month of a facility (or one room, or one instructor's
sessions, those they substitute in included), in its timezone; one session or all future ones
cancelled, moved, given another room or another instructor, with a reason.

Keys: Alt+D/W/M day, week, month; Alt+Left/Right previous/next period; Alt+N the instructor
filter; Enter or a double click opens the selected session's attendance sheet. On a selected
session Alt+X cancels (asking first when it holds marks), Alt+E restores a cancelled one, Alt+R
moves it to the time in *Move to*, Alt+O changes the room, Alt+I chooses a substitute (the
substitute dialog). *All future* applies the change to the rest of the series. A clash is
shown before anything is saved; tick *Allow a clash* to save anyway. Ctrl+N creates a series,
Ctrl+E changes the selected session's series from a chosen date on (the series dialog).

Actions act only on the session selected among those shown: changing the period or a filter
clears the selection. Every change is published on the change hub, and the calendar reloads
from the hub like every other screen (keeping the selected session selected).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.errors import DomainError
from app.services.changes import ATTENDANCE, CLASSES, OVERRIDES, SCHEDULE, SERIES, Changes
from app.services.ical import occurrences_to_ical
from app.services.schedule import OccurrenceView
from app.services.schedule_dto import Scope
from app.services.series_edit import Choice, SeriesChoices
from app.ui.changes import ChangeHub
from app.ui.dialogs.series import SeriesDialog
from app.ui.dialogs.substitute import SubstituteDialog
from app.ui.models.occurrence_table import OccurrenceTableModel
from app.ui.tasks import TaskRunner


def period(mode: str, anchor: date) -> tuple[date, date]:
    """The days shown: the day, its Monday-to-Sunday week, or its calendar month."""
    if mode == "day":
        return anchor, anchor
    if mode == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6)
    start = anchor.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


class CalendarView(QWidget):
    """The sessions of the current facility in a period, and changes to them."""

    sig_loaded = Signal(int)
    sig_changed = Signal(str)
    sig_refused = Signal(str)
    sig_exported = Signal(object)
    sig_open_sheet = Signal(object, object)  # series id, original date

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._changes = changes
        self._services: Services | None = None
        self._facility_id: uuid.UUID | None = None
        self._timezone = "UTC"
        self._generation = 0
        self.series_dialog: SeriesDialog | None = None
        self.substitute_dialog: SubstituteDialog | None = None
        self._instructors: tuple[Choice, ...] = ()
        self._clear = True  # a load for another period or filter is on its way
        self.confirm_box: QMessageBox | None = None  # the open "cancel anyway?" question

        self.anchor = QDateEdit()
        self.anchor.setCalendarPopup(True)
        self.anchor.setDisplayFormat("ddd d MMM yyyy")
        self.modes = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for mode, label in (("day", "&Day"), ("week", "&Week"), ("month", "&Month")):
            button = QRadioButton(self.tr(label))
            self.modes.addButton(button)
            self.mode_buttons[mode] = button
        self.mode_buttons["week"].setChecked(True)
        self.room_filter = QComboBox()
        self.instructor_filter = QComboBox()
        instructor_label = QLabel(self.tr("I&nstructor"))
        instructor_label.setBuddy(self.instructor_filter)
        for box in (self.room_filter, self.instructor_filter):  # names are not cut off
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.title = QLabel()
        self.empty_note = QLabel()
        self.empty_note.hide()
        self.model = OccurrenceTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()

        self.reason = QLineEdit(placeholderText=self.tr("Reason (needed to cancel)"))
        self.all_future = QCheckBox(self.tr("All &future sessions"))
        self.allow_clash = QCheckBox(self.tr("Allow a clash"))
        self.move_to = QDateTimeEdit()
        self.move_to.setDisplayFormat("ddd d MMM yyyy HH:mm")
        self.move_to.setCalendarPopup(True)
        self.room_to = QComboBox()
        self.cancel_button = QPushButton(self.tr("Cancel session (Alt+X)"))
        self.restore_button = QPushButton(self.tr("Restore (Alt+E)"))
        self.move_button = QPushButton(self.tr("Move to"))
        self.room_button = QPushButton(self.tr("Room"))
        self.substitute_button = QPushButton(self.tr("Substitute… (Alt+I)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.ical_button = QPushButton(self.tr("Export .ics"))
        self.ical_button.clicked.connect(lambda: self.export_ical())
        self.new_series_button = QPushButton(self.tr("New series… (Ctrl+N)"))
        self.edit_series_button = QPushButton(self.tr("Change series… (Ctrl+E)"))
        self.new_series_button.clicked.connect(self.new_series)
        self.edit_series_button.clicked.connect(self.edit_series)

        top = QHBoxLayout()
        top.addWidget(self.anchor)
        for button in self.mode_buttons.values():
            top.addWidget(button)
        room_label = QLabel(self.tr("Room"))
        room_label.setBuddy(self.room_filter)
        top.addWidget(room_label)
        top.addWidget(self.room_filter)
        top.addWidget(instructor_label)
        top.addWidget(self.instructor_filter)
        top.addStretch(1)
        heading = QHBoxLayout()  # the series buttons beside the heading: the filters keep room
        heading.addWidget(QLabel(f"<h2>{self.tr('Calendar')}</h2>"))
        heading.addStretch(1)
        heading.addWidget(self.new_series_button)
        heading.addWidget(self.edit_series_button)
        heading.addWidget(self.ical_button)
        edit = QHBoxLayout()
        edit.addWidget(self.reason, 1)
        edit.addWidget(self.all_future)
        edit.addWidget(self.allow_clash)
        edit2 = QHBoxLayout()
        edit2.addWidget(self.cancel_button)
        edit2.addWidget(self.restore_button)
        edit2.addWidget(self.move_button)
        edit2.addWidget(self.move_to)
        edit2.addWidget(self.room_button)
        edit2.addWidget(self.room_to)
        edit2.addWidget(self.substitute_button)
        edit2.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(edit)
        layout.addLayout(edit2)

        # Another period or filter: other sessions, so nothing stays selected to act on.
        self.anchor.dateChanged.connect(lambda _d: self.reload(keep=False))
        self.modes.buttonToggled.connect(lambda _b, on: self.reload(keep=False) if on else None)
        self.room_filter.currentIndexChanged.connect(lambda _i: self.reload(keep=False))
        self.instructor_filter.currentIndexChanged.connect(lambda _i: self.reload(keep=False))
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self.table.activated.connect(self._on_table_activated)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.move_button.clicked.connect(self.move_selected)
        self.room_button.clicked.connect(self.change_room_selected)
        self.substitute_button.clicked.connect(self.substitute_selected)
        for keys, slot in (
            ("Alt+X", self.cancel_selected),
            ("Alt+E", self.restore_selected),
            ("Alt+R", self.move_selected),
            ("Alt+O", self.change_room_selected),
            ("Alt+I", self.substitute_selected),
            ("Alt+Left", lambda: self._step(-1)),
            ("Alt+Right", lambda: self._step(1)),
            ("Ctrl+N", self.new_series),
            ("Ctrl+E", self.edit_series),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        changes.sig_changed.connect(self._on_changes)
        self._name_widgets()
        self._update_actions()

    def _name_widgets(self) -> None:
        """Short names for screen readers."""
        for widget, name in (
            (self.anchor, "Day shown"),
            (self.mode_buttons["day"], "Show a day"),
            (self.mode_buttons["week"], "Show a week"),
            (self.mode_buttons["month"], "Show a month"),
            (self.room_filter, "Room filter"),
            (self.instructor_filter, "Instructor filter"),
            (self.table, "Sessions"),
            (self.reason, "Reason"),
            (self.all_future, "All future sessions"),
            (self.allow_clash, "Allow a clash"),
            (self.move_to, "Move to"),
            (self.room_to, "New room"),
            (self.cancel_button, "Cancel the selected session"),
            (self.restore_button, "Restore the selected cancelled session"),
            (self.move_button, "Move the selected session"),
            (self.room_button, "Change the room of the selected session"),
            (self.substitute_button, "Choose a substitute instructor"),
            (self.new_series_button, "New series"),
            (self.edit_series_button, "Change the series of the selected session"),
            (self.ical_button, "Export the sessions shown as iCalendar"),
        ):
            widget.setAccessibleName(self.tr(name))

    # -- loading ------------------------------------------------------------------------------

    def set_context(self, services: Services, facility_id: uuid.UUID, timezone: str) -> None:
        self._services = services
        self._facility_id = facility_id
        self._timezone = timezone
        today = services.clock.now().astimezone(ZoneInfo(timezone)).date()
        self.anchor.blockSignals(True)
        self.anchor.setDate(QDate(today.year, today.month, today.day))
        self.anchor.blockSignals(False)
        self.move_to.setDateTime(QDateTime(self.anchor.date(), QTime(9, 0)))
        self._fill_choices(SeriesChoices((), (), ()))  # the last facility's filters no longer apply
        self.message.clear()
        self.reload(keep=False)
        self._runner.run(lambda: services.series_edit.choices(facility_id), self._fill_choices)

    def _fill_choices(self, choices: SeriesChoices) -> None:
        """Rooms and instructors of the facility, for the filters and the changes. The filters
        stay on "all" and "everyone", so the sessions shown are still the right ones."""
        self._instructors = choices.instructors
        for box, first, items in (
            (self.room_filter, self.tr("All rooms"), choices.rooms),
            (self.room_to, None, choices.rooms),
            (self.instructor_filter, self.tr("Everyone"), choices.instructors),
        ):
            box.blockSignals(True)
            box.clear()
            if first:
                box.addItem(first, None)
            for item in items:
                box.addItem(item.name, item.id)
            box.setMinimumWidth(box.sizeHint().width())  # a crowded row does not cut names
            box.blockSignals(False)

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

    def _on_changes(self, changes: Changes) -> None:
        """The schedule changed (here, on another screen, or by a sync): show it again."""
        if changes.touches(SERIES, OVERRIDES, CLASSES, facility_id=self._facility_id):
            self.reload()

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
        room, instructor = self.room_filter.currentData(), self.instructor_filter.currentData()
        self._generation += 1
        token = self._generation
        self.title.setText(f"{start:%a %d %b %Y} – {end:%a %d %b %Y}")
        self._runner.run(
            lambda: services.schedule.occurrences(
                facility, start, end, room_id=room, instructor_id=instructor
            ),
            lambda rows: self._on_loaded(rows, token),
            self._on_failed,
        )

    def _on_loaded(self, rows: list[OccurrenceView], token: int) -> None:
        if token != self._generation:
            return
        chosen = None if self._clear else self.selected()
        self._clear = False
        self.model.set_occurrences(rows)
        keep = (chosen.series_id, chosen.original_date) if chosen is not None else None
        row = next((i for i, o in enumerate(rows) if (o.series_id, o.original_date) == keep), None)
        if row is not None:
            self.table.selectRow(row)
        self._update_actions()
        self.empty_note.setText(self._empty_text() if not rows else "")
        self.empty_note.setVisible(not rows)
        self.sig_loaded.emit(len(rows))

    def _empty_text(self) -> str:
        span = {
            "day": self.tr("on this day"),
            "week": self.tr("in this week"),
            "month": self.tr("in this month"),
        }[self.mode]
        who = [
            box.currentText()
            for box in (self.room_filter, self.instructor_filter)
            if box.currentData() is not None
        ]
        whose = self.tr(" for ") + self.tr(" and ").join(who) if who else ""
        return self.tr("No sessions ") + span + whose + "."

    def _update_actions(self) -> None:
        """The action row offers what applies to the selected session only."""
        o = self.selected()
        on = o is not None and not o.cancelled
        for widget in (
            self.cancel_button,
            self.move_button,
            self.move_to,
            self.room_button,
            self.room_to,
            self.substitute_button,
        ):
            widget.setEnabled(on)
        self.restore_button.setEnabled(o is not None and o.cancelled)
        self.edit_series_button.setEnabled(o is not None)

    def _on_table_activated(self, index: QModelIndex) -> None:
        """Enter or a double click: the attendance sheet of that session."""
        if index.isValid():
            o = self.model.occurrence_at(index.row())
            self.sig_open_sheet.emit(o.series_id, o.original_date)

    def _on_row_changed(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            o = self.model.occurrence_at(current.row())
            start = o.start_local
            self.move_to.setDateTime(
                QDateTime(
                    QDate(start.year, start.month, start.day), QTime(start.hour, start.minute)
                )
            )
            # findData cannot tell equal UUIDs apart: compare them.
            rooms = (self.room_to.itemData(i) for i in range(self.room_to.count()))
            index = next((i for i, room in enumerate(rooms) if room == o.room_id), -1)
            if index >= 0:
                self.room_to.setCurrentIndex(index)

    # -- changes ------------------------------------------------------------------------------

    def selected(self) -> OccurrenceView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.occurrence_at(rows[0].row()) if rows else None

    def _target(self, *, cancelled: bool = False) -> OccurrenceView | None:
        """The selected session if the action applies to it; otherwise says why, None."""
        o = self.selected()
        if o is None or self._services is None:
            self._say(self.tr("Select a session in the list first."))
        elif o.cancelled and not cancelled:
            self._say(self.tr("This session is cancelled; Alt+E restores it."))
        elif cancelled and not o.cancelled:
            self._say(self.tr("Only a cancelled session can be restored."))
        else:
            return o
        return None

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.sig_refused.emit(text)

    def _scope(self) -> Scope:
        return "all_future" if self.all_future.isChecked() else "one"

    def cancel_selected(self) -> None:
        """Cancel the selected session (or all future ones), asking first when it holds marks.

        Without a reason the service refuses at once; "all future" is refused by the service
        when a session from that date on holds marks (a split never strands marks)."""
        o, services = self._target(), self._services
        if o is None or services is None:
            return
        reason, scope = self.reason.text(), self._scope()
        later = self.tr(" and the sessions after it") if scope == "all_future" else ""
        text = f"Cancelled {o.class_name} of {o.original_date:%d %b}{later}."
        tables = (SERIES, OVERRIDES) if scope == "all_future" else (OVERRIDES, ATTENDANCE)

        def cancel() -> object:
            return services.schedule.cancel_occurrence(
                o.series_id, o.original_date, reason, scope=scope
            )

        if not reason.strip() or scope == "all_future":
            self._act(cancel, text, tables)
            return
        self._runner.run(
            lambda: services.schedule.marks_held(o.series_id, o.original_date),
            lambda held: self._confirm_cancel(held, lambda: self._act(cancel, text, tables)),
            self._on_failed,
        )

    def _confirm_cancel(self, held: int, go: Callable[[], None]) -> None:
        """No marks: cancel. Marks: a Yes/No question naming how many, No by default."""
        if held == 0:
            go()
            return
        marks = self.tr("1 mark") if held == 1 else self.tr(f"{held} marks")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cancel a marked session"),
            self.tr(f"This session has {marks}. Cancel it anyway? ")
            + self.tr("The marks are kept and set for review."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.setAccessibleName(self.tr("Cancel a marked session?"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)

        def answered(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is yes:
                go()
            else:
                self.message.setText(self.tr("Nothing was cancelled."))

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def restore_selected(self) -> None:
        """A cancelled session takes place again, as its series says."""
        o, services = self._target(cancelled=True), self._services
        if o is None or services is None:
            return
        clash = self.allow_clash.isChecked()
        self._act(
            lambda: services.schedule.restore_occurrence(
                o.series_id, o.original_date, allow_clash=clash
            ),
            f"Restored {o.class_name} of {o.original_date:%d %b}.",
            (OVERRIDES,),
        )

    def _tables(self) -> tuple[str, ...]:
        """What a move, room or substitute change writes: a split writes a new series."""
        return tuple(SCHEDULE) if self._scope() == "all_future" else (OVERRIDES,)

    def move_selected(self) -> None:
        o, services = self._target(), self._services
        if o is None or services is None:
            return
        qdt = self.move_to.dateTime()
        d, t = qdt.date(), qdt.time()
        new_start = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        reason, scope, clash = (
            self.reason.text() or None,
            self._scope(),
            self.allow_clash.isChecked(),
        )
        self._act(
            lambda: services.schedule.reschedule_occurrence(
                o.series_id,
                o.original_date,
                new_start,
                reason=reason,
                scope=scope,
                allow_clash=clash,
            ),
            f"Moved {o.class_name} of {o.original_date:%d %b} to {new_start:%a %d %b %H:%M}.",
            self._tables(),
        )

    def change_room_selected(self) -> None:
        o, services, room = self._target(), self._services, self.room_to.currentData()
        if o is None or services is None:
            return
        if room is None:
            self._say(self.tr("The facility has no room to choose."))
            return
        reason, scope, clash = (
            self.reason.text() or None,
            self._scope(),
            self.allow_clash.isChecked(),
        )
        self._act(
            lambda: services.schedule.change_room(
                o.series_id,
                o.original_date,
                room,
                reason,
                scope=scope,
                allow_clash=clash,
            ),
            f"{o.class_name} of {o.original_date:%d %b} moves to {self.room_to.currentText()}.",
            self._tables(),
        )

    def substitute_selected(self) -> None:
        """The substitute dialog for the selected session, with the reason and scope typed."""
        o, services, facility = self._target(), self._services, self._facility_id
        if o is None or services is None or facility is None:
            return
        old = self.substitute_dialog
        if old is not None and not old.busy:  # a busy one still waits for an answer
            old.deleteLater()
        dialog = SubstituteDialog(
            services.schedule,
            self._runner,
            facility,
            o,
            self._instructors,
            reason=self.reason.text(),
            all_future=self.all_future.isChecked(),
            parent=self,
        )
        dialog.sig_saved.connect(lambda text: self._on_changed(text, tuple(SCHEDULE)))
        self.substitute_dialog = dialog
        dialog.open()

    def new_series(self) -> None:
        self._open_series(None)

    def edit_series(self) -> None:
        o = self.selected()
        if o is None:
            self._say(self.tr("Select a session of the series to change."))
            return
        self._open_series(o)

    def _open_series(self, occurrence: OccurrenceView | None) -> None:
        """The series dialog, window-modal; the calendar shows what was saved when it closes."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return
        old = self.series_dialog
        if old is not None and not old.busy:  # a busy one still waits for its save's answer
            old.deleteLater()
        qd = self.anchor.date()
        dialog = SeriesDialog(
            services,
            self._runner,
            facility,
            self._timezone,
            occurrence=occurrence,
            day=date(qd.year(), qd.month(), qd.day()),
            parent=self,
        )
        dialog.sig_saved.connect(self._on_series_saved)
        self.series_dialog = dialog
        dialog.open()

    def _on_series_saved(self, text: str, first_day: date | None) -> None:
        """Show the week (day, month) of the first changed session; the hub reloads it."""
        if first_day is not None:
            self.anchor.blockSignals(True)
            self.anchor.setDate(QDate(first_day.year, first_day.month, first_day.day))
            self.anchor.blockSignals(False)
        self.message.setText(text)
        self.sig_changed.emit(text)
        self._publish(tuple(SCHEDULE))

    def export_ical(self, path: Path | None = None) -> None:
        """The sessions shown, as an iCalendar file; asks where unless ``path`` is given."""
        services = self._services
        if services is None:
            return
        start, _end = self.current_period()
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the calendar"), f"sessions {start}.ics", "*.ics"
            )
            if not chosen:
                return
            path = Path(chosen)
        target, name = path, self.title.text()
        rows = [self.model.occurrence_at(i) for i in range(self.model.rowCount())]

        def work() -> Path:
            target.write_bytes(occurrences_to_ical(rows, name=name, now=services.clock.now()))
            return target

        self._runner.run(work, lambda p: self._exported(p), self._on_failed)

    def _exported(self, path: Path) -> None:
        self.message.setText(self.tr("Saved ") + str(path))
        self.sig_exported.emit(path)

    def _act(self, work: Callable[[], Any], text: str, tables: tuple[str, ...]) -> None:
        self._runner.run(work, lambda _r: self._on_changed(text, tables), self._on_failed)

    def _on_changed(self, text: str, tables: tuple[str, ...]) -> None:
        """A change was saved: say so, and tell every screen (this one reloads from the hub)."""
        self.message.setText(text)
        self.reason.clear()
        self.sig_changed.emit(text)
        self._publish(tables)

    def _publish(self, tables: tuple[str, ...]) -> None:
        self._changes.publish(Changes.of(*tables, facility_id=self._facility_id, source="calendar"))

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, DomainError | OSError):
            text = error.message if isinstance(error, DomainError) else str(error)
            self.message.setText(text)
            self.sig_refused.emit(text)
            return
        raise error
