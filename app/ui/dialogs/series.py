"""The series dialog: a new session series, or a series changed from a chosen date on.

Keys: Alt+C class, Alt+R room, Alt+I instructor, Alt+D first date (*Apply from* when changing a
series), Alt+S start time, Alt+U duration, Alt+P repeat, Alt+V every N weeks or days, Alt+W the
weekdays, Alt+N how it ends, Alt+O the last day, Alt+A the number of sessions, Alt+H allow
clashes, Alt+B allow sessions outside the instructor's availability (weekly hours, time off).
Enter saves, Esc closes. What is wrong is said next to its field; nothing typed is lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services.availability import unavailable_text
from app.services.availability_dto import UnavailableError
from app.services.facade import DeskServices
from app.services.schedule_dto import ClashError, OccurrenceView
from app.services.series_edit import (
    MAX_COUNT,
    MAX_INTERVAL,
    ClassChoice,
    SeriesChoices,
    SeriesForm,
    SeriesSaved,
    clash_text,
)
from app.ui.dialogs.background import BackgroundDialog
from app.ui.dialogs.parts import form_error
from app.ui.messages import refusal
from app.ui.tasks import Runs

CLASHES_LISTED = 5
# Fields the services name that the form shows under another name.
_FIELD_OF = {"dtstart_local": "first_date", "original_date": "first_date", "rrule": "repeat"}


def _day(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


def _select(box: QComboBox, value: object) -> None:
    """Make the item holding ``value`` current (``findData`` tells equal UUIDs apart)."""
    found = next((i for i in range(box.count()) if box.itemData(i) == value), 0)
    box.setCurrentIndex(found)


def _combo(items: tuple[tuple[str, str], ...], translate: Callable[[str], str]) -> QComboBox:
    box = QComboBox()
    for label, data in items:
        box.addItem(translate(label), data)
    return box


def _date_edit(day: QDate) -> QDateEdit:
    """A date that starts with the day of the month, so that Up and Down step days."""
    edit = QDateEdit(day)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy (ddd)")
    return edit


class SeriesDialog(BackgroundDialog):
    """Fills a ``SeriesForm`` from the keyboard and saves it through ``SeriesEditService``:
    a new series, or (given a session) its series changed from a chosen date on."""

    sig_first_day = Signal(object)  # before sig_saved: the date of its first session, or None
    sig_refused = Signal(str)  # a refusal, shown in the dialog

    def __init__(
        self,
        services: DeskServices,
        runner: Runs,
        facility_id: uuid.UUID,
        timezone: str,
        *,
        occurrence: OccurrenceView | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, width=640, parent=parent)
        self._services = services
        self._facility_id = facility_id
        self._occurrence = occurrence
        self._initial: SeriesForm | None = None
        self._rule: str | None = None
        self._classes: dict[uuid.UUID, ClassChoice] = {}
        self._today = today = services.clock.now().astimezone(ZoneInfo(timezone)).date()
        editing = occurrence is not None
        self.setWindowTitle(
            self.tr("Change the series of {klass}").format(klass=occurrence.class_name)
            if occurrence is not None
            else self.tr("New session series")
        )

        self.class_box = QComboBox()
        self.room_box = QComboBox()
        self.instructor_box = QComboBox()
        self.first_date = _date_edit(_qdate(max(day or today, today)))
        self.start_time = QTimeEdit(QTime(9, 0))
        self.start_time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(minimum=1, maximum=24 * 60, value=60, singleStep=15)
        self.duration.setSuffix(self.tr(" minutes"))
        repeats = (
            (QT_TRANSLATE_NOOP("SeriesDialog", "Does not repeat"), "none"),
            (QT_TRANSLATE_NOOP("SeriesDialog", "Weekly"), "weekly"),
            (QT_TRANSLATE_NOOP("SeriesDialog", "Every N days"), "daily"),
        )
        self.repeat = _combo(repeats, self.tr)
        self.repeat.setCurrentIndex(1)
        self.interval = QSpinBox(minimum=1, maximum=MAX_INTERVAL, value=1)
        self.interval.setPrefix(self.tr("every "))
        short = QLocale.FormatType.ShortFormat
        self.weekdays = [QCheckBox(QLocale().dayName(day, short)) for day in range(1, 8)]
        ends = (
            (QT_TRANSLATE_NOOP("SeriesDialog", "When the class ends"), "class"),
            (QT_TRANSLATE_NOOP("SeriesDialog", "On a date"), "date"),
            (QT_TRANSLATE_NOOP("SeriesDialog", "After a number of sessions"), "count"),
        )
        self.ends = _combo(ends, self.tr)
        self.until = _date_edit(self.first_date.date().addMonths(3))
        self.count = QSpinBox(minimum=1, maximum=MAX_COUNT, value=10)
        self.count.setSuffix(self.tr(" sessions in all"))
        self.allow_clash = QCheckBox(
            self.tr("Allow clas&hes (save although a room or an instructor is booked twice)")
        )
        self.allow_unavailable = QCheckBox(
            self.tr("Allow sessions outside the instructor's availa&bility")
        )
        self.clashes = form_error(selectable=True)

        self.form_layout = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self._focus: dict[str, QWidget] = {}
        self._cells: dict[str, QWidget] = {}
        days = QWidget()
        days_row = QHBoxLayout(days)
        days_row.setContentsMargins(0, 0, 0, 0)
        for box in self.weekdays:
            days_row.addWidget(box)
        days_row.addStretch(1)
        zone = QLabel(self.tr("in {zone}, the facility's time").replace("{zone}", timezone))
        rows: tuple[tuple[str, str, QWidget, QWidget | None], ...] = (
            ("class_id", QT_TRANSLATE_NOOP("SeriesDialog", "&Class"), self.class_box, None),
            ("room_id", QT_TRANSLATE_NOOP("SeriesDialog", "&Room"), self.room_box, None),
            (
                "instructor_id",
                QT_TRANSLATE_NOOP("SeriesDialog", "&Instructor"),
                self.instructor_box,
                None,
            ),
            (
                "first_date",
                QT_TRANSLATE_NOOP("SeriesDialog", "Apply &from")
                if editing
                else QT_TRANSLATE_NOOP("SeriesDialog", "First &date"),
                self.first_date,
                None,
            ),
            ("start_time", QT_TRANSLATE_NOOP("SeriesDialog", "&Start time"), self.start_time, zone),
            (
                "duration_minutes",
                QT_TRANSLATE_NOOP("SeriesDialog", "D&uration"),
                self.duration,
                None,
            ),
            ("repeat", QT_TRANSLATE_NOOP("SeriesDialog", "Re&peat"), self.repeat, None),
            ("interval", QT_TRANSLATE_NOOP("SeriesDialog", "E&very"), self.interval, None),
            ("weekdays", QT_TRANSLATE_NOOP("SeriesDialog", "On &weekdays"), days, None),
            ("end", QT_TRANSLATE_NOOP("SeriesDialog", "E&nds"), self.ends, None),
            ("until_local", QT_TRANSLATE_NOOP("SeriesDialog", "Last day &on"), self.until, None),
            ("count", QT_TRANSLATE_NOOP("SeriesDialog", "&After"), self.count, None),
        )
        for field, label, control, extra in rows:
            focus = self.weekdays[0] if control is days else control
            self._add_row(field, self.tr(label), control, extra, focus)

        before = QT_TRANSLATE_NOOP(
            "SeriesDialog", "Sessions before this date keep their time, room and attendance."
        )
        single = QT_TRANSLATE_NOOP(
            "SeriesDialog", "A series that does not repeat is a single session on its first date."
        )
        note = QLabel(self.tr(before if editing else single))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.allow_clash.setAccessibleName(self.tr("Allow clashes"))
        self.allow_unavailable.setAccessibleName(self.tr("Allow outside availability"))
        self.save_button.setAccessibleName(self.tr("Save the series"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Close without saving")
        )

        layout = QVBoxLayout(self)
        layout.addLayout(self.form_layout)
        layout.addWidget(note)
        layout.addWidget(self.allow_clash)
        layout.addWidget(self.allow_unavailable)
        layout.addWidget(self.clashes)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.class_box.currentIndexChanged.connect(self._on_class_changed)
        self.repeat.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.interval.valueChanged.connect(lambda _v: self._show_rows())
        self.ends.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.first_date.dateChanged.connect(self._on_first_date_changed)
        self.weekdays[self.first_date.date().dayOfWeek() - 1].setChecked(True)
        self.class_box.setEnabled(not editing)  # a series stays with its class
        self._show_rows()
        self.message.setText(self.tr("Loading…"))
        self._load()

    # -- building ---------------------------------------------------------------------------

    def _add_row(
        self, field: str, label: str, control: QWidget, extra: QWidget | None, focus: QWidget
    ) -> None:
        """A row: the control (and what goes beside it), its error message below; the label's
        mnemonic and an error put the focus on ``focus``."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        wide = isinstance(control, QComboBox)
        line.addWidget(control, 1 if wide else 0)
        if extra is not None:
            line.addWidget(extra)
        if not wide:
            line.addStretch(1)
        column.addLayout(line)
        error = form_error(selectable=True)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(focus)
        if control is not focus:  # the weekdays: each box is named by its day
            for box in self.weekdays:
                box.setAccessibleName(box.text().replace("&", ""))
        else:
            control.setAccessibleName(label.replace("&", ""))
        self.form_layout.addRow(caption, cell)
        self.errors[field] = error
        self._focus[field] = focus
        self._cells[field] = cell

    def _show_rows(self) -> None:
        repeat, end = self.repeat.currentData(), self.ends.currentData()
        unit = "week" if repeat == "weekly" else "day"
        self.interval.setSuffix(f" {unit}" if self.interval.value() == 1 else f" {unit}s")
        visible = {
            "interval": repeat in ("weekly", "daily"),
            "weekdays": repeat == "weekly",
            "end": repeat != "none",
            "until_local": repeat != "none" and end == "date",
            "count": repeat != "none" and end == "count",
        }
        for field, shown in visible.items():
            self.form_layout.setRowVisible(self._cells[field], shown)

    # -- loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        service, facility, occ = self._services.series_edit, self._facility_id, self._occurrence
        series = occ.series_id if occ is not None else None
        day = max(occ.original_date, self._today) if occ is not None else None

        def work() -> SeriesChoices:
            return service.choices(facility, series, day)

        self._runner.run(work, self._on_loaded, self._on_failed)  # busy means saving only

    def _on_loaded(self, choices: SeriesChoices) -> None:
        editing = choices.form is not None
        self.class_box.blockSignals(True)
        for klass in choices.classes:
            self._classes[klass.id] = klass
            self.class_box.addItem(klass.name, klass.id)
        self.class_box.blockSignals(False)
        for box, items, none in (
            (
                self.room_box,
                choices.rooms,
                QT_TRANSLATE_NOOP("SeriesDialog", "(no room)")
                if editing
                else QT_TRANSLATE_NOOP("SeriesDialog", "(the class's room)"),
            ),
            (
                self.instructor_box,
                choices.instructors,
                QT_TRANSLATE_NOOP("SeriesDialog", "(no one)")
                if editing
                else QT_TRANSLATE_NOOP("SeriesDialog", "(the class's)"),
            ),
        ):
            box.addItem(self.tr(none), None)
            for item in items:
                box.addItem(item.name, item.id)
        if choices.form is not None:
            self._show_form(choices.form)
        elif not choices.classes:
            self.message.setText(self.tr("This facility has no class to give sessions to."))
            return
        else:
            self._on_class_changed(0)
        self.message.clear()
        self.save_button.setEnabled(True)
        self._focus["first_date" if editing else "class_id"].setFocus()

    def _show_form(self, form: SeriesForm) -> None:
        self._initial = form
        self._rule = form.rule
        _select(self.class_box, form.class_id)
        _select(self.room_box, form.room_id)
        _select(self.instructor_box, form.instructor_id)
        self.first_date.setDate(_qdate(form.first_date))
        self.start_time.setTime(QTime(form.start_time.hour, form.start_time.minute))
        self.duration.setValue(form.duration_minutes)
        if form.rule is not None:
            self.repeat.addItem(self.tr("As now: {rule}").format(rule=form.rule), "rule")
        _select(self.repeat, form.repeat)
        self.interval.setValue(form.interval)
        for index, box in enumerate(self.weekdays):
            box.setChecked(index in form.weekdays)
        _select(self.ends, form.end)
        if form.until_local is not None:
            self.until.setDate(_qdate(form.until_local))
        if form.count is not None:
            self.count.setValue(form.count)

    def _on_class_changed(self, index: int) -> None:
        klass = self._classes.get(self.class_box.itemData(index))
        if klass is None or self._occurrence is not None:
            return
        _select(self.room_box, klass.room_id)
        _select(self.instructor_box, klass.instructor_id)
        if klass.end_date is not None:
            self.until.setDate(_qdate(klass.end_date))

    def _on_first_date_changed(self, new: QDate) -> None:
        """A new series' weekday follows its first date while it is the only one ticked."""
        if self._occurrence is not None:
            return
        ticked = [i for i, box in enumerate(self.weekdays) if box.isChecked()]
        if len(ticked) == 1:
            self.weekdays[ticked[0]].setChecked(False)
            self.weekdays[new.dayOfWeek() - 1].setChecked(True)

    # -- saving -----------------------------------------------------------------------------

    def series_form(self) -> SeriesForm:
        """What the fields say, as they are (checked by the service)."""
        return SeriesForm(
            class_id=self.class_box.currentData(),
            first_date=_day(self.first_date.date()),
            start_time=time(self.start_time.time().hour(), self.start_time.time().minute()),
            duration_minutes=self.duration.value(),
            repeat=self.repeat.currentData(),
            weekdays=tuple(i for i, box in enumerate(self.weekdays) if box.isChecked()),
            interval=self.interval.value(),
            end=self.ends.currentData(),
            until_local=_day(self.until.date()),
            count=self.count.value(),
            room_id=self.room_box.currentData(),
            instructor_id=self.instructor_box.currentData(),
            rule=self._rule if self.repeat.currentData() == "rule" else None,
        )

    def save(self) -> None:
        if self.busy or not self.save_button.isEnabled():
            return
        self._clear_errors()
        form = self.series_form()
        initial = self._initial
        if initial is not None and replace(form, first_date=initial.first_date) == initial:
            self._refuse(self.tr("Nothing to change: change a field, or press Esc."))
            return
        allow = self.allow_clash.isChecked()
        outside = self.allow_unavailable.isChecked()
        service, occ = self._services.series_edit, self._occurrence
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))

        def work() -> SeriesSaved:
            if occ is None:
                return service.create_from_form(form, allow_clash=allow, allow_unavailable=outside)
            return service.edit_from(
                occ.series_id, form, allow_clash=allow, allow_unavailable=outside
            )

        self._run(work, self._on_saved)

    def _on_saved(self, saved: SeriesSaved) -> None:
        first = saved.first_session
        when = f" from {first.start_local:%a %d %b %Y %H:%M}" if first is not None else ""
        done = "Changed" if self._occurrence is not None else "Created"
        text = f"{done} the sessions of {saved.class_name}{when}."
        self.message.setText(text)
        self.sig_first_day.emit(first.start_local.date() if first is not None else None)
        self.sig_saved.emit(text)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(bool(self._classes))
        if isinstance(error, ClashError):
            lines = [clash_text(c) for c in error.clashes[:CLASHES_LISTED]]
            if len(error.clashes) > CLASHES_LISTED:
                lines.append(f"… and {len(error.clashes) - CLASHES_LISTED} more")
            head = self.tr("Not saved: these sessions would be booked twice.")
            tail = self.tr("Change the time or room, or tick Allow clashes and save again.")
            self._show(self.clashes, "\n• ".join([head, *lines]) + "\n" + tail, self.allow_clash)
            self.sig_refused.emit(error.message)
            return
        if isinstance(error, UnavailableError):
            head = self.tr("Not saved: the instructor is not available for these sessions.")
            tail = self.tr(
                "Change the time or the instructor, or tick Allow sessions outside the "
                "instructor's availability and save again."
            )
            lines = unavailable_text(error.unavailable).split("\n")
            self._show(self.clashes, "\n• ".join([head, *lines]) + "\n" + tail,
                       self.allow_unavailable)  # fmt: skip
            self.sig_refused.emit(error.message)
            return
        self.message.clear()
        text = refusal(error)
        if not isinstance(error, DomainError):
            self._refuse(text)
            return
        field = _FIELD_OF.get(error.field or "", error.field or "")
        if field in self.errors:
            self._show(self.errors[field], error.message, self._focus[field])
            self.sig_refused.emit(error.message)
        else:
            self._refuse(error.message)

    def _show(self, label: QLabel, text: str, focus: QWidget) -> None:
        self.message.clear()
        label.setText(text)
        label.show()
        focus.setFocus()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.sig_refused.emit(text)

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.clashes):
            label.clear()
            label.hide()
        self.message.clear()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
