"""The calendar's action row: cancel (asking first when the session holds marks), restore, move,
change the room of, or find a substitute for the selected session, one or all future ones.

The row, its keys (Alt+X, Alt+E, Alt+R, Alt+O, Alt+I) and the calendar's context menu all act
through the methods here, and only on the session the calendar reports as selected among those
shown. A change saved is said in ``message`` and published on the change hub.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.i18n import date_text
from app.services.facade import DeskServices
from app.services.schedule import OccurrenceView
from app.services.schedule_dto import Scope
from app.services.series_edit import Choice
from app.ui.accessible import named
from app.ui.changes import ChangeHub
from app.ui.dialogs.parts import action, left_row
from app.ui.dialogs.substitute import SubstituteDialog
from app.ui.language import day_month, locale_day, table_when
from app.ui.messages import refusal
from app.ui.tasks import TaskRunner


class CalendarActions(QWidget):
    """The action row under the calendar; ``selected`` says which session it acts on."""

    sig_changed = Signal(str)
    sig_refused = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        changes: ChangeHub,
        selected: Callable[[], OccurrenceView | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._changes = changes
        self._selected = selected
        self._services: DeskServices | None = None
        self._facility_id: uuid.UUID | None = None
        self.instructors: tuple[Choice, ...] = ()
        self.substitute_dialog: SubstituteDialog | None = None
        self.confirm_box: QMessageBox | None = None  # the open "cancel anyway?" question

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reason = named(
            QLineEdit(placeholderText=self.tr("Reason (needed to cancel)")), self.tr("Reason")
        )
        self.all_future = named(
            QCheckBox(self.tr("All &future sessions")), self.tr("All future sessions")
        )
        self.allow_clash = named(QCheckBox(self.tr("Allow a clash")), self.tr("Allow a clash"))
        self.move_to = named(QDateTimeEdit(), self.tr("Move to"))
        self.move_to.setDisplayFormat("d MMM yyyy (ddd) HH:mm")  # Up and Down step days
        self.move_to.setCalendarPopup(True)
        self.room_to = named(QComboBox(), self.tr("New room"))
        self.cancel_button = action(
            named(
                QPushButton(self.tr("Cancel session (Alt+X)")),
                self.tr("Cancel the selected session"),
            ),
            self.cancel_selected,
        )
        self.restore_button = action(
            named(
                QPushButton(self.tr("Restore (Alt+E)")),
                self.tr("Restore the selected cancelled session"),
            ),
            self.restore_selected,
        )
        self.move_button = action(
            named(QPushButton(self.tr("Move to")), self.tr("Move the selected session")),
            self.move_selected,
        )
        self.room_button = action(
            named(QPushButton(self.tr("Room")), self.tr("Change the room of the selected session")),
            self.change_room_selected,
        )
        self.substitute_button = action(
            named(
                QPushButton(self.tr("Substitute… (Alt+I)")),
                self.tr("Choose a substitute instructor"),
            ),
            self.substitute_selected,
        )

        edit = QHBoxLayout()
        edit.addWidget(self.reason, 1)
        edit.addWidget(self.all_future)
        edit.addWidget(self.allow_clash)
        buttons = left_row(
            self.cancel_button,
            self.restore_button,
            self.move_button,
            self.move_to,
            self.room_button,
            self.room_to,
            self.substitute_button,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addLayout(edit)
        layout.addLayout(buttons)

        for keys, slot in (
            ("Alt+X", self.cancel_selected),
            ("Alt+E", self.restore_selected),
            ("Alt+R", self.move_selected),
            ("Alt+O", self.change_room_selected),
            ("Alt+I", self.substitute_selected),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.update_for(None)

    def set_context(self, services: DeskServices, facility_id: uuid.UUID, day: QDate) -> None:
        self._services = services
        self._facility_id = facility_id
        self.move_to.setDateTime(QDateTime(day, QTime(9, 0)))
        self.message.clear()

    def fill_rooms(self, rooms: tuple[Choice, ...], instructors: tuple[Choice, ...]) -> None:
        self.instructors = instructors
        self.room_to.blockSignals(True)
        self.room_to.clear()
        for item in rooms:
            self.room_to.addItem(item.name, item.id)
        self.room_to.setMinimumWidth(self.room_to.sizeHint().width())
        self.room_to.blockSignals(False)

    def update_for(self, o: OccurrenceView | None) -> None:
        """Offer what applies to the selected session only."""
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
        self.restore_button.setEnabled(o is not None and o.cancelled and not o.disrupted)

    def follow(self, o: OccurrenceView) -> None:
        """The move and room fields start from the session just selected."""
        start = o.start_local
        self.move_to.setDateTime(
            QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute))
        )
        # findData cannot tell equal UUIDs apart: compare them.
        rooms = (self.room_to.itemData(i) for i in range(self.room_to.count()))
        index = next((i for i, room in enumerate(rooms) if room == o.room_id), -1)
        if index >= 0:
            self.room_to.setCurrentIndex(index)

    def fill_menu(self, menu: QMenu, o: OccurrenceView, open_sheet: Callable[[], None]) -> None:
        """The context menu of the selected session ``o``: the same actions as the row."""
        menu.clear()
        live = not o.cancelled
        for text, slot, enabled in (
            (self.tr("Open the attendance sheet"), open_sheet, True),
            (self.tr("Cancel session… (Alt+X)"), self._menu_cancel, live),
            (self.tr("Restore (Alt+E)"), self.restore_selected, o.cancelled and not o.disrupted),
            (
                self.tr("Move to {when} (Alt+R)").format(when=self.move_to.text()),
                self.move_selected,
                live,
            ),
            (
                self.tr("Room: {room} (Alt+O)").format(room=self.room_to.currentText()),
                self.change_room_selected,
                live and self.room_to.count() > 0,
            ),
            (self.tr("Substitute… (Alt+I)"), self.substitute_selected, live),
        ):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(slot)

    def _menu_cancel(self) -> None:
        """Cancel needs a reason: without one, the reason field takes the focus and says so."""
        if not self.reason.text().strip():
            self.reason.setFocus()
            self.say(self.tr("Type why the session is cancelled, then press Alt+X."))
            return
        self.cancel_selected()

    # -- the actions --------------------------------------------------------------------------

    def _target(self, *, cancelled: bool = False) -> OccurrenceView | None:
        """The selected session if the action applies to it; otherwise says why, None."""
        o = self._selected()
        if o is None or self._services is None:
            self.say(self.tr("Select a session in the list first."))
        elif o.disrupted:
            self.say(
                self.tr("Not held because of a disruption (")
                + (o.reason or "")
                + self.tr("): lift it in Disruption… (Alt+U).")
            )
        elif o.cancelled and not cancelled:
            self.say(self.tr("This session is cancelled; Alt+E restores it."))
        elif cancelled and not o.cancelled:
            self.say(self.tr("Only a cancelled session can be restored."))
        else:
            return o
        return None

    def say(self, text: str) -> None:
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
        day = day_month(o.original_date)
        text = (
            self.tr("Cancelled {klass} of {day} and the sessions after it.")
            if scope == "all_future"
            else self.tr("Cancelled {klass} of {day}.")
        ).format(klass=o.class_name, day=day)

        def cancel() -> object:
            return services.schedule.cancel_occurrence(
                o.series_id, o.original_date, reason, scope=scope
            )

        if not reason.strip() or scope == "all_future":
            self._act(cancel, text)
            return
        self._runner.run(
            lambda: services.schedule.marks_held(o.series_id, o.original_date),
            lambda held: self._confirm_cancel(held, lambda: self._act(cancel, text)),
            self.show_failure,
        )

    def _confirm_cancel(self, held: int, go: Callable[[], None]) -> None:
        """No marks: cancel. Marks: a Yes/No question naming how many, No by default."""
        self._confirm_marked(
            held,
            go,
            self.tr("Cancel a marked session"),
            self.tr("Cancel it anyway? The marks are kept and set for review."),
            self.tr("Nothing was cancelled."),
        )

    def _confirm_marked(
        self, held: int, go: Callable[[], None], title: str, question: str, declined: str
    ) -> None:
        """``go`` at once when the session holds no marks; else only after a Yes to a question
        that names how many marks it holds (No is the default and Esc)."""
        if held == 0:
            go()
            return
        has = (
            self.tr("This session has 1 mark.")
            if held == 1
            else self.tr("This session has {n} marks.").format(n=held)
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            f"{has} {question}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.setAccessibleName(title + "?")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)

        def answered(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is yes:
                go()
            else:
                self.message.setText(declined)

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
            self.tr("Restored {klass} of {day}.").format(
                klass=o.class_name, day=day_month(o.original_date)
            ),
        )

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
        text = self.tr("Moved {klass} of {day} to {when}.").format(
            klass=o.class_name, day=day_month(o.original_date), when=table_when(new_start)
        )

        def move() -> object:
            return services.schedule.reschedule_occurrence(
                o.series_id,
                o.original_date,
                new_start,
                reason=reason,
                scope=scope,
                allow_clash=clash,
            )

        if scope == "all_future" or new_start.date() == o.original_date:
            self._act(move, text)  # the marks stay with their session's day
            return
        self._runner.run(
            lambda: services.schedule.marks_held(o.series_id, o.original_date),
            lambda held: self._confirm_marked(
                held,
                lambda: self._act(move, text),
                self.tr("Move a marked session"),
                self.tr(
                    "Move it to {new_day} anyway? Its marks were taken for {day}: they are kept "
                    "and set for review."
                ).format(new_day=locale_day(new_start.date()), day=locale_day(o.original_date)),
                self.tr("Nothing was moved."),
            ),
            self.show_failure,
        )

    def change_room_selected(self) -> None:
        o, services, room = self._target(), self._services, self.room_to.currentData()
        if o is None or services is None:
            return
        if room is None:
            self.say(self.tr("The facility has no room to choose."))
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
            self.tr("{0} of {1} moves to {2}.").format(
                o.class_name, date_text(o.original_date, "dd MMM"), self.room_to.currentText()
            ),
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
            self._changes.writing(self._runner, services.writes, source="calendar"),
            facility,
            o,
            self.instructors,
            reason=self.reason.text(),
            all_future=self.all_future.isChecked(),
            availability=services.availability,
            parent=self,
        )
        dialog.sig_saved.connect(self.changed)
        self.substitute_dialog = dialog
        dialog.open()

    def _act(self, work: Callable[[], Any], text: str) -> None:
        """A change to the schedule: what it wrote is published to every screen (the calendar
        reloads from the hub), then it is said here."""
        services = self._services
        if services is not None:
            self._changes.write(
                self._runner,
                services.writes,
                work,
                lambda _r: self.changed(text),
                self.show_failure,
                source="calendar",
            )

    def changed(self, text: str) -> None:
        """A change was saved: say so."""
        self.message.setText(text)
        self.reason.clear()
        self.sig_changed.emit(text)

    def show_failure(self, error: BaseException) -> None:
        """A refusal (a domain rule, a file that cannot be written) is said in the message;
        anything else is a bug and goes to the one error presenter."""
        text = refusal(error)
        self.message.setText(text)
        self.sig_refused.emit(text)
