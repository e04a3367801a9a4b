"""The availability dialog: an instructor's weekly hours and time off at the facility.

Keys: Alt+M, Alt+T, Alt+W, Alt+H, Alt+F, Alt+A, Alt+U the hours of Monday to Sunday (typed as
``9-17`` or ``09:00-12:00, 13:00-17:00``; empty: not working that day; every day empty: hours not
known, any time counts). Time off: Alt+O from, Alt+N until, Alt+R reason, Alt+D adds it, Alt+L
the list, Alt+V or Delete removes the selected one. Enter saves, Esc closes. Times are the
facility's wall time: 09:00 stays 09:00 across a DST change.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.availability import parse_stretches, stretches_text
from app.domain.errors import DomainError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services.availability import AvailabilityService, check_time_off
from app.services.availability_dto import HoursEntry, InstructorAvailabilityView, TimeOffEntry
from app.ui.accessible import named
from app.ui.dialogs.background import BackgroundDialog
from app.ui.dialogs.parts import form_error, left_row, row_table
from app.ui.language import locale_day
from app.ui.messages import refusal
from app.ui.models.time_off_table import TimeOffTableModel
from app.ui.tasks import Runs

DAY_LABELS = (
    QT_TRANSLATE_NOOP("AvailabilityDialog", "&Mon"),
    QT_TRANSLATE_NOOP("AvailabilityDialog", "&Tue"),
    QT_TRANSLATE_NOOP("AvailabilityDialog", "&Wed"),
    QT_TRANSLATE_NOOP("AvailabilityDialog", "T&hu"),
    QT_TRANSLATE_NOOP("AvailabilityDialog", "&Fri"),
    QT_TRANSLATE_NOOP("AvailabilityDialog", "S&at"),
    QT_TRANSLATE_NOOP("AvailabilityDialog", "S&un"),
)


def _qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def _local(edit: QDateTimeEdit) -> datetime:
    qdt = edit.dateTime()
    d, t = qdt.date(), qdt.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class AvailabilityDialog(BackgroundDialog):
    """Shows and edits one instructor's availability; saves it whole through
    ``AvailabilityService.save`` (nothing is written before Save)."""

    sig_refused = Signal(str)  # a refusal, shown in the dialog

    def __init__(
        self,
        availability: AvailabilityService,
        runner: Runs,
        facility_id: uuid.UUID,
        instructor_id: uuid.UUID,
        instructor_name: str,
        *,
        timezone: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, width=620, parent=parent)
        self._service = availability
        self._facility_id = facility_id
        self._instructor_id = instructor_id
        self._name = instructor_name
        self._loaded: InstructorAvailabilityView | None = None
        self.setWindowTitle(self.tr("Availability of {name}").format(name=instructor_name))

        self.days = [QLineEdit() for _ in DAY_LABELS]
        hours_form = QFormLayout()
        for index, (edit, label) in enumerate(zip(self.days, DAY_LABELS, strict=True)):
            edit.setPlaceholderText(self.tr("not working"))
            day = QLocale().dayName(index + 1)
            edit.setAccessibleName(self.tr("Hours on {day}").format(day=day))
            caption = QLabel(self.tr(label))
            caption.setBuddy(edit)
            hours_form.addRow(caption, edit)
        zone = QLabel(
            self.tr(
                "Weekly hours in {zone}, the facility's time, e.g. 09:00-17:00 or "
                "09:00-12:00, 13:00-17:00. Leave every day empty when the hours are not "
                "known: then any time counts as available."
            ).replace("{zone}", timezone)
        )
        zone.setWordWrap(True)
        self.kept = QLabel()
        self.kept.setWordWrap(True)
        self.kept.hide()
        self.hours_error = form_error(selectable=True)

        start = datetime.combine(today, datetime.min.time())
        self.off_from = named(QDateTimeEdit(_qdatetime(start)), self.tr("Time off from"))
        self.off_until = named(
            QDateTimeEdit(_qdatetime(start + timedelta(days=1))), self.tr("Time off until")
        )
        for moment in (self.off_from, self.off_until):
            moment.setDisplayFormat("d MMM yyyy (ddd) HH:mm")  # Up and Down step days
            moment.setCalendarPopup(True)
        self.off_reason = named(
            QLineEdit(placeholderText=self.tr("e.g. leave, training")),
            self.tr("Reason for the time off"),
        )
        self.add_off_button = named(
            QPushButton(self.tr("A&dd time off")), self.tr("Add the time off")
        )
        self.add_off_button.setAutoDefault(False)
        self.model = TimeOffTableModel(self)
        self.time_off = named(row_table(self.model), self.tr("Time off"))
        self.time_off.verticalHeader().hide()
        header = self.time_off.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.remove_off_button = named(
            QPushButton(self.tr("Remo&ve time off")), self.tr("Remove the selected time off")
        )
        self.remove_off_button.setAutoDefault(False)
        self.off_error = form_error(selectable=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = named(
            self.buttons.button(QDialogButtonBox.StandardButton.Save),
            self.tr("Save the availability"),
        )
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        cancel.setAccessibleName(self.tr("Close without saving"))

        off_form = QFormLayout()
        for label, control in (
            ("&Off from", self.off_from),
            ("U&ntil", self.off_until),
            ("&Reason", self.off_reason),
        ):
            caption = QLabel(self.tr(label))
            caption.setBuddy(control)
            off_form.addRow(caption, control)
        off_buttons = left_row(self.add_off_button, self.remove_off_button)
        list_label = QLabel(self.tr("Time off &list"))
        list_label.setBuddy(self.time_off)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>" + self.tr("Weekly hours") + "</h3>"))
        layout.addWidget(zone)
        layout.addLayout(hours_form)
        layout.addWidget(self.kept)
        layout.addWidget(self.hours_error)
        layout.addWidget(QLabel("<h3>" + self.tr("Time off") + "</h3>"))
        layout.addLayout(off_form)
        layout.addLayout(off_buttons)
        layout.addWidget(self.off_error)
        layout.addWidget(list_label)
        layout.addWidget(self.time_off, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.add_off_button.clicked.connect(self.add_time_off)
        self.remove_off_button.clicked.connect(self.remove_time_off)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.time_off, self.remove_time_off)
        self.off_from.dateTimeChanged.connect(self._on_from_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.message.setText(self.tr("Loading…"))
        service = self._service
        self._run(lambda: service.of_instructor(facility_id, instructor_id), self._on_loaded)

    # -- loading ------------------------------------------------------------------------------

    def _on_loaded(self, view: InstructorAvailabilityView) -> None:
        self._loaded = view
        for weekday, edit in enumerate(self.days):
            edit.setText(stretches_text(self._undated(view, weekday)))
        dated = [h for h in view.hours if h.valid_from is not None or h.valid_to is not None]
        if dated:
            lines = [f"{h.text} {self._validity(h)}" for h in dated]
            self.kept.setText(self.tr("Kept as they are: {hours}").format(hours="; ".join(lines)))
            self.kept.show()
        self.model.set_entries(view.time_off)
        self.time_off.resizeColumnsToContents()
        self.message.clear()
        self.save_button.setEnabled(True)
        self.days[0].setFocus()
        self.sig_loaded.emit()

    @staticmethod
    def _undated(view: InstructorAvailabilityView, weekday: int) -> list[tuple[int, int]]:
        return [
            (h.start_minute, h.end_minute)
            for h in view.hours
            if h.weekday == weekday and h.valid_from is None and h.valid_to is None
        ]

    @staticmethod
    def _validity(h: HoursEntry) -> str:
        since = f"from {h.valid_from:%d %b %Y}" if h.valid_from else ""
        until = f"to {h.valid_to:%d %b %Y}" if h.valid_to else ""
        return " ".join(p for p in (since, until) if p)

    # -- time off -----------------------------------------------------------------------------

    def _on_from_changed(self, new: QDateTime) -> None:
        """Until follows From while it would end before it."""
        if self.off_until.dateTime() <= new:
            self.off_until.setDateTime(new.addDays(1))

    def add_time_off(self) -> None:
        self.off_error.hide()
        entry = TimeOffEntry(_local(self.off_from), _local(self.off_until), self.off_reason.text())
        try:
            checked = check_time_off(entry)
        except DomainError as err:
            self._show(self.off_error, err.message, self.off_until)
            return
        row = self.model.add(checked)
        self.time_off.resizeColumnsToContents()  # the dates are never cut off
        self.off_reason.clear()
        self.time_off.selectRow(row)
        self.message.setText(self.tr("Time off added; Save keeps it."))

    def remove_time_off(self) -> None:
        rows = self.time_off.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("Select the time off to remove in the list."))
            return
        removed = self.model.remove(rows[0].row())
        self.message.setText(
            self.tr("Removed the time off from {day}; Save keeps the change.").format(
                day=locale_day(removed.starts_local.date(), True)
            )
        )

    # -- saving -------------------------------------------------------------------------------

    def hours_entries(self) -> list[HoursEntry] | None:
        """The weekly hours the fields say (stored ids kept where a stretch stays on its day),
        and the dated ones kept; ``None`` after showing what cannot be read."""
        view = self._loaded
        if view is None:
            return None
        entries = [h for h in view.hours if h.valid_from is not None or h.valid_to is not None]
        for weekday, edit in enumerate(self.days):
            try:
                stretches = parse_stretches(edit.text())
            except ValueError as err:
                self._show(self.hours_error, f"{QLocale().dayName(weekday + 1)}: {err}", edit)
                return None
            stored = [
                h
                for h in view.hours
                if h.weekday == weekday and h.valid_from is None and h.valid_to is None
            ]
            for index, (lo, hi) in enumerate(stretches):
                known = stored[index].id if index < len(stored) else None
                entries.append(HoursEntry(weekday, lo, hi, id=known))
        return entries

    def save(self) -> None:
        if self.busy or not self.save_button.isEnabled():
            return
        for label in (self.hours_error, self.off_error):
            label.hide()
        hours = self.hours_entries()
        if hours is None:
            return
        offs = self.model.entries()
        service, facility, instructor = self._service, self._facility_id, self._instructor_id
        self._write(
            lambda: service.save(facility, instructor, hours, offs),
            self._on_saved,
            self.tr("Saving…"),
        )

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self._loaded is not None and not self.busy)

    def _on_saved(self, view: InstructorAvailabilityView) -> None:
        short = QLocale.FormatType.ShortFormat
        days = [
            QLocale().dayName(w + 1, short)
            for w in range(7)
            if any(h.weekday == w for h in view.hours)
        ]
        hours = (
            self.tr("hours on {days}").format(days=", ".join(days))
            if days
            else self.tr("no weekly hours (available at any time)")
        )
        offs = len(view.time_off)
        off = {0: self.tr("no time off"), 1: self.tr("1 period of time off")}.get(
            offs, self.tr("{offs} periods of time off").format(offs=offs)
        )
        text = self.tr("Saved the availability of {name}: {hours}; {off}.").format(
            name=view.instructor_name, hours=hours, off=off
        )
        self.message.setText(text)
        self.sig_saved.emit(text)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._update_buttons()
        self.message.clear()
        text = refusal(error)
        if not isinstance(error, DomainError):
            self.message.setText(text)
            self.sig_refused.emit(text)
        elif error.field == "hours":
            self._show(self.hours_error, error.message, self.days[0])
        elif error.field == "time_off":
            self._show(self.off_error, error.message, self.time_off)
        else:
            self.message.setText(error.message)
            self.sig_refused.emit(error.message)

    def _show(self, label: QLabel, text: str, focus: QWidget) -> None:
        label.setText(text)
        label.show()
        focus.setFocus()
        self.sig_refused.emit(text)
