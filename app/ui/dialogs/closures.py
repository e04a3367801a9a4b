"""The closures dialog: the days a facility is closed (holidays, planned shutdowns), declared by
its admins from the calendar.

Keys: Alt+F the first day, Alt+L the last day (the same day for one day), Alt+R the reason,
Alt+A (or Enter in the reason) adds the closure at once; Alt+C the list of closures, Alt+V or
Delete removes the selected one at once. Esc closes. No session is held on a closed day: the
calendar shows the day closed with its reason, recurring series skip it, the attendance rate and
hours never count it. Marks already taken on a day being closed are kept and set for review.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.services.closures import ClosureAdded, ClosureService, ClosureView
from app.ui.accessible import named
from app.ui.messages import refusal
from app.ui.tasks import Runs

_ERROR_STYLE = "color: #b00020;"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class ClosuresDialog(QDialog):
    """Lists, adds and removes a facility's closures; each add or removal is written at once."""

    sig_saved = Signal(str)  # what was done
    sig_loaded = Signal()

    def __init__(
        self,
        closures: ClosureService,
        runner: Runs,
        facility_id: uuid.UUID,
        facility_name: str,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(560)
        self._service = closures
        self._runner = runner
        self._facility_id = facility_id
        self._pending = 0
        self._shown: list[ClosureView] = []
        self.setWindowTitle(self.tr("Closures of {facility}").format(facility=facility_name))

        self.first_day = named(QDateEdit(_qdate(today)), self.tr("First closed day"))
        self.last_day = named(QDateEdit(_qdate(today)), self.tr("Last closed day"))
        for edit in (self.first_day, self.last_day):
            edit.setDisplayFormat("d MMM yyyy (ddd)")  # Up and Down step days
            edit.setCalendarPopup(True)
        self.first_day.dateChanged.connect(self._on_first_changed)
        self.reason = named(
            QLineEdit(placeholderText=self.tr("e.g. Public holiday, planned shutdown")),
            self.tr("Reason for the closure"),
        )
        self.reason.setMaxLength(200)
        self.reason.returnPressed.connect(self.add)
        self.add_button = named(QPushButton(self.tr("&Add closure")), self.tr("Add the closure"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(_ERROR_STYLE)
        self.form_error.hide()

        self.list = named(QListWidget(), self.tr("Closures of the facility"))
        self.remove_button = named(
            QPushButton(self.tr("Remo&ve selected")), self.tr("Remove the selected closure")
        )
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        self.remove_button.setEnabled(False)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the closures dialog"))
        close.setAutoDefault(False)  # Enter in the reason adds; only Esc closes

        form = QFormLayout()
        for text, widget in (
            (self.tr("&First day"), self.first_day),
            (self.tr("&Last day"), self.last_day),
            (self.tr("&Reason"), self.reason),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        note = QLabel(
            self.tr(
                "No session is held on a closed day: recurring sessions skip it and the "
                "attendance rate and hours never count it. Marks already taken on it are "
                "kept and set for review."
            )
        )
        note.setWordWrap(True)
        adding = QHBoxLayout()
        adding.addStretch(1)
        adding.addWidget(self.add_button)
        listed = QLabel(self.tr("&Closures"))
        listed.setBuddy(self.list)
        removing = QHBoxLayout()
        removing.addStretch(1)
        removing.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(adding)
        layout.addWidget(listed)
        layout.addWidget(self.list, 1)
        layout.addLayout(removing)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list, self.remove)
        self.load()

    @property
    def busy(self) -> bool:
        """True while a load or a write still has to answer (the dialog must outlive it)."""
        return self._pending > 0

    def closures(self) -> list[ClosureView]:
        """The closures listed, in order."""
        return list(self._shown)

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        service, facility = self._service, self._facility_id
        self._pending += 1
        self._runner.run(lambda: service.closures(facility), self._on_loaded, self._on_failed)

    def _on_loaded(self, closures: list[ClosureView]) -> None:
        self._pending -= 1
        self._shown = closures
        self.list.clear()
        for closure in closures:
            item = QListWidgetItem(f"{closure.dates_text} — {closure.reason}")
            item.setData(Qt.ItemDataRole.UserRole, closure.id)
            self.list.addItem(item)
        if not closures:
            self.list.addItem(QListWidgetItem(self.tr("No closures: the facility is open.")))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._update_buttons()
        self.sig_loaded.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self._selected() is not None and not self.busy)
        self.add_button.setEnabled(not self.busy)

    def _selected(self) -> ClosureView | None:
        row = self.list.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def _on_first_changed(self, new: QDate) -> None:
        """The last day follows the first while it would end before it."""
        if self.last_day.date() < new:
            self.last_day.setDate(new)

    # -- writing ------------------------------------------------------------------------------

    def add(self) -> None:
        if self.busy:
            return
        self.form_error.hide()
        service, facility = self._service, self._facility_id
        first, last, reason = _day(self.first_day), _day(self.last_day), self.reason.text()
        self._pending += 1
        self._update_buttons()
        self.message.setText(self.tr("Saving…"))
        self._runner.run(
            lambda: service.add(facility, first, last, reason), self._on_added, self._on_failed
        )

    def _on_added(self, added: ClosureAdded) -> None:
        self._pending -= 1
        closure = added.closure
        text = self.tr("Closed {days}: {reason}.").format(
            days=closure.dates_text, reason=closure.reason
        )
        if added.marks_for_review:
            text += " " + self.tr("Marks set for review: {n}.").format(n=added.marks_for_review)
        self.message.setText(text)
        self.reason.clear()
        self.reason.setFocus()  # the next closure may be typed at once
        self.sig_saved.emit(text)
        self.load()

    def remove(self) -> None:
        chosen = self._selected()
        if self.busy:
            return
        if chosen is None:
            self.message.setText(self.tr("Select the closure to remove in the list."))
            return
        service = self._service
        self._pending += 1
        self._update_buttons()
        self.message.setText(self.tr("Removing…"))
        self._runner.run(lambda: service.remove(chosen.id), self._on_removed, self._on_failed)

    def _on_removed(self, removed: ClosureView) -> None:
        self._pending -= 1
        text = self.tr("Open again: {days} ({reason}).").format(
            days=removed.dates_text, reason=removed.reason
        )
        self.message.setText(text)
        self.sig_saved.emit(text)
        self.load()

    def _on_failed(self, error: BaseException) -> None:
        self._pending -= 1
        self._update_buttons()
        text = refusal(error)
        self.message.clear()
        if isinstance(error, DomainError) and error.field in ("first_date", "last_date", "reason"):
            self.form_error.setText(text)
            self.form_error.show()
            focus = {"last_date": self.last_day, "reason": self.reason}.get(
                error.field or "", self.first_day
            )
            focus.setFocus()
        else:
            self.message.setText(text)
