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

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QPushButton, QWidget

from app.services.closures import ClosureAdded, ClosureService, ClosureView
from app.ui.accessible import named
from app.ui.dialogs.background import FacilityListDialog
from app.ui.dialogs.parts import buddied_form
from app.ui.tasks import Runs


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class ClosuresDialog(FacilityListDialog[ClosureView]):
    """Lists, adds and removes a facility's closures; each add or removal is written at once."""

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
        super().__init__(runner, facility_id, width=560, parent=parent)
        self._service = closures
        self.setWindowTitle(self.tr("Closures of {facility}").format(facility=facility_name))

        self.first_day = named(QDateEdit(_qdate(today)), self.tr("First closed day"))
        self.last_day = named(QDateEdit(_qdate(today)), self.tr("Last closed day"))
        for edit in (self.first_day, self.last_day):
            edit.setDisplayFormat("d MMM yyyy (ddd)")  # Up and Down step days
            edit.setCalendarPopup(True)
        self.first_day.dateChanged.connect(self._on_first_changed)
        self.reason = self._reason_field(
            self.tr("e.g. Public holiday, planned shutdown"),
            self.tr("Reason for the closure"),
            self.add,
        )
        self.add_button = named(QPushButton(self.tr("&Add closure")), self.tr("Add the closure"))
        named(self.list, self.tr("Closures of the facility"))
        self.remove_button = named(
            QPushButton(self.tr("Remo&ve selected")), self.tr("Remove the selected closure")
        )
        self._field_focus = {
            "first_date": self.first_day,
            "last_date": self.last_day,
            "reason": self.reason,
        }
        form = buddied_form(
            (
                (self.tr("&First day"), self.first_day),
                (self.tr("&Last day"), self.last_day),
                (self.tr("&Reason"), self.reason),
            )
        )
        self._lay_out(
            note=self.tr(
                "No session is held on a closed day: recurring sessions skip it and the "
                "attendance rate and hours never count it. Marks already taken on it are "
                "kept and set for review."
            ),
            form=form,
            add=(self.add_button, self.add),
            listed=self.tr("&Closures"),
            end=(self.remove_button, self.remove),
            closing=self.tr("Close the closures dialog"),  # Enter in the reason adds
        )
        self.load()

    def closures(self) -> list[ClosureView]:
        """The closures listed, in order."""
        return list(self._shown)

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        service, facility = self._service, self._facility_id
        self._run(lambda: service.closures(facility), self._on_loaded)

    def _on_loaded(self, closures: list[ClosureView]) -> None:
        self._show(
            closures,
            [f"{closure.dates_text} — {closure.reason}" for closure in closures],
            self.tr("No closures: the facility is open."),
        )

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self._selected() is not None and not self.busy)
        self.add_button.setEnabled(not self.busy)

    def _on_first_changed(self, new: QDate) -> None:
        """The last day follows the first while it would end before it."""
        if self.last_day.date() < new:
            self.last_day.setDate(new)

    # -- writing ------------------------------------------------------------------------------

    def add(self) -> None:
        service, facility = self._service, self._facility_id
        first, last, reason = _day(self.first_day), _day(self.last_day), self.reason.text()
        self._submit(
            lambda: service.add(facility, first, last, reason), self._on_added, self.tr("Saving…")
        )

    def _on_added(self, added: ClosureAdded) -> None:
        closure = added.closure
        text = self.tr("Closed {days}: {reason}.").format(
            days=closure.dates_text, reason=closure.reason
        )
        if added.marks_for_review:
            text += " " + self.tr("Marks set for review: {n}.").format(n=added.marks_for_review)
        self.reason.clear()
        self.reason.setFocus()  # the next closure may be typed at once
        self._done(text)

    def remove(self) -> None:
        service = self._service
        self._end_selected(
            self.tr("Select the closure to remove in the list."),
            lambda closure: service.remove(closure.id),
            self._on_removed,
            self.tr("Removing…"),
        )

    def _on_removed(self, removed: ClosureView) -> None:
        self._done(
            self.tr("Open again: {days} ({reason}).").format(
                days=removed.dates_text, reason=removed.reason
            )
        )
