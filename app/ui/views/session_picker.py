"""The day and session pickers of the attendance sheet.

A session asked for (from Today, the calendar, a student record) is remembered and chosen when
its day's sessions arrive from the background; a day or session the person picks before then
wins. Until a session is chosen none is: never the day's first one in passing. When none was
asked for, a day opens on the signed-in staff member's session happening now (or next, else the
day's last), their own classes first (``session_to_open``).
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QWidget

from app.services.attendance import session_to_open
from app.services.attendance_dto import Teaching
from app.services.facade import DeskServices
from app.services.schedule_dto import OccurrenceView
from app.ui.combo import ElidingComboBox, index_of
from app.ui.tasks import TaskRunner
from app.ui.views.attendance_state import SessionKey


class SessionPicker(QWidget):
    """Day edit and session box over the sessions of one facility's day."""

    sig_leaving = Signal()  # the day changed: the session shown is no longer picked
    sig_chosen = Signal(object, str)  # SessionKey or None (then why, to show)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._services: DeskServices | None = None
        self._facility_id: uuid.UUID | None = None
        self._wanted: SessionKey | None = None  # asked for, not chosen yet
        self._automatic = False  # nothing chosen by the person or asked for since set_context
        self._token = 0  # answers to an older load are dropped
        self.pending = False  # a load of the day's sessions is under way

        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMM yyyy (ddd)")  # Up and Down step days
        self.day.setAccessibleName(self.tr("Day of the session"))
        self.session_box = ElidingComboBox()
        self.session_box.setMinimumWidth(320)
        self.session_box.setAccessibleName(self.tr("Session"))
        day_label = QLabel(self.tr("&Day"))
        day_label.setBuddy(self.day)
        session_label = QLabel(self.tr("&Session"))
        session_label.setBuddy(self.session_box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(day_label)
        layout.addWidget(self.day)
        layout.addWidget(session_label)
        layout.addWidget(self.session_box, 1)

        self.day.dateChanged.connect(self._on_day_date_changed)
        self.session_box.currentIndexChanged.connect(self._on_session_box_changed)

    def set_context(self, services: DeskServices, facility_id: uuid.UUID, today: date) -> None:
        self._services = services
        self._facility_id = facility_id
        self._wanted = None
        self._automatic = True
        self._show_day(today)

    def _show_day(self, day: date) -> None:
        self.day.blockSignals(True)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.day.blockSignals(False)
        self.sig_leaving.emit()
        self.reload()

    def choose_again(self, today: date) -> None:
        """The sheet is shown again: unless the person chose a day or session (or one was asked
        for) since the facility was set, choose as on opening, at the time it is now (the
        session happening then may be another by now, or the day another day)."""
        if not self._automatic or self._services is None:
            return
        if self.shown_day() != today:
            self._show_day(today)
        elif not self.pending:
            self.reload()

    def shown_day(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def current_key(self) -> SessionKey | None:
        key = self.session_box.currentData()
        return key if isinstance(key, tuple) else None

    def select(self, key: SessionKey) -> None:
        """Choose a session, now if its day is listed, else when its day's sessions arrive."""
        self._wanted = key
        self._automatic = False
        day = key[1]
        if self.shown_day() != day:
            self.day.setDate(QDate(day.year, day.month, day.day))  # loads that day
            return
        if self.pending:
            return  # chosen when the load under way answers
        index = index_of(self.session_box, key)
        if index < 0:
            self.sig_leaving.emit()
            self.reload()  # perhaps new since the list was read
            return
        self._wanted = None
        self.session_box.blockSignals(True)
        self.session_box.setCurrentIndex(index)
        self.session_box.blockSignals(False)
        self.sig_chosen.emit(key, "")

    def reload(self, keep: SessionKey | None = None) -> None:
        """Read the shown day's sessions again; ``keep`` stays chosen if it is still listed.

        A load already under way is superseded: it may have read before a change."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return
        day = self.shown_day()
        self._token += 1
        self.pending = True
        token = self._token

        def work() -> tuple[list[OccurrenceView], Teaching]:
            sessions = services.schedule.occurrences(facility, day, day)
            return sessions, services.attendance.teaching(facility)

        self._runner.run(
            work, lambda found: self._on_sessions_loaded(found[0], found[1], token, keep)
        )

    def _on_day_date_changed(self, value: QDate) -> None:
        self._automatic = False
        day = date(value.year(), value.month(), value.day())
        if self._wanted is not None and self._wanted[1] != day:
            self._wanted = None  # the person chose another day since: their choice wins
        self.sig_leaving.emit()
        self.reload()

    def _on_session_box_changed(self, index: int) -> None:
        self._wanted = None  # the person's own choice
        self._automatic = False
        key = self.current_key()
        if index >= 0 and key is not None:
            self.sig_chosen.emit(key, "")

    def _on_sessions_loaded(
        self,
        sessions: list[OccurrenceView],
        teaching: Teaching,
        token: int,
        keep: SessionKey | None,
    ) -> None:
        if token != self._token or self._services is None:
            return
        self.pending = False
        self.session_box.blockSignals(True)
        self.session_box.clear()
        for s in sessions:
            label = f"{s.start_local:%H:%M} {s.class_name}"
            if s.room_name:
                label += f" · {s.room_name}"
            if s.cancelled:
                label += " · " + self.tr("cancelled")
            self.session_box.addItem(label, (s.series_id, s.original_date))
        wanted, self._wanted = self._wanted, None
        index = -1
        for key in (wanted, keep):
            if key is not None and index < 0:
                index = index_of(self.session_box, key)
        opening = session_to_open(sessions, self._services.clock.now(), teaching)
        if index < 0 and wanted is None and opening is not None:
            index = index_of(self.session_box, (opening.series_id, opening.original_date))
        self.session_box.setCurrentIndex(index)
        self.session_box.blockSignals(False)
        chosen = self.current_key()
        if chosen is not None:
            self.sig_chosen.emit(chosen, "")
        elif wanted is not None:
            self.sig_chosen.emit(None, self.tr("The session asked for is not on this day."))
        else:
            self.sig_chosen.emit(None, self.tr("No sessions on this day."))
