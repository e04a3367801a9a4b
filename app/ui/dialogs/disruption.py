"""The disruption dialog: a lockdown, a count, a storm declared by a facility's admins from the
calendar; every session of the facility (or of the rooms or programs ticked) meeting the window
is cancelled with the reason, in one action, and lifting the disruption brings them back.

Keys: Alt+F from, Alt+T until (date and time of the facility), Alt+R the reason, Alt+O the rooms,
Alt+P the programs (none ticked: all of them; Space ticks), Alt+D (or Enter in the reason)
declares it at once; Alt+S the list of disruptions, Alt+I or Delete lifts the selected one at
once. Esc closes. Marks already taken on the sessions stopped are kept and set for review.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.services.disruptions import (
    DisruptionChoices,
    DisruptionDeclared,
    DisruptionService,
    DisruptionView,
)
from app.ui.accessible import named
from app.ui.dialogs.background import FacilityListDialog
from app.ui.dialogs.parts import buddied_form
from app.ui.tasks import Runs

_FORMAT = "d MMM yyyy (ddd) HH:mm"  # Up and Down step days


def _qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def _moment(edit: QDateTimeEdit) -> datetime:
    """The wall-clock time shown (naive: the facility's own)."""
    d, t = edit.date(), edit.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _ticked(box: QListWidget) -> list[uuid.UUID]:
    found = []
    for row in range(box.count()):
        item = box.item(row)
        if item.checkState() == Qt.CheckState.Checked:
            found.append(item.data(Qt.ItemDataRole.UserRole))
    return found


class DisruptionDialog(FacilityListDialog[DisruptionView]):
    """Lists, declares and lifts a facility's disruptions; each is written at once."""

    def __init__(
        self,
        disruptions: DisruptionService,
        runner: Runs,
        facility_id: uuid.UUID,
        *,
        starts: datetime,
        ends: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, facility_id, width=620, parent=parent)
        self._service = disruptions
        self.setWindowTitle(self.tr("Disruption: sessions not held"))

        self.starts = named(QDateTimeEdit(_qdatetime(starts)), self.tr("Disruption from"))
        self.ends = named(QDateTimeEdit(_qdatetime(starts)), self.tr("Disruption until"))
        if ends is None:
            self.ends.setDateTime(self.starts.dateTime().addSecs(2 * 3600))
        else:
            self.ends.setDateTime(_qdatetime(ends))
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat(_FORMAT)
            edit.setCalendarPopup(True)
        self.starts.dateTimeChanged.connect(self._on_start_changed)
        self.reason = self._reason_field(
            self.tr("e.g. Lockdown, count, storm"),
            self.tr("Reason for the disruption"),
            self.declare,
        )
        self.rooms = named(QListWidget(), self.tr("Rooms disrupted (none ticked: every room)"))
        self.programs = named(
            QListWidget(), self.tr("Programs disrupted (none ticked: every program)")
        )
        for box in (self.rooms, self.programs):
            box.setMaximumHeight(90)
        self.declare_button = named(
            QPushButton(self.tr("&Declare disruption")), self.tr("Declare the disruption")
        )
        named(self.list, self.tr("Disruptions of the facility"))
        self.lift_button = named(
            QPushButton(self.tr("L&ift selected")), self.tr("Lift the selected disruption")
        )
        self._field_focus = {"ends_at": self.ends, "reason": self.reason, "room_ids": self.rooms}
        form = buddied_form(
            (
                (self.tr("&From"), self.starts),
                (self.tr("Un&til"), self.ends),
                (self.tr("&Reason"), self.reason),
                (self.tr("R&ooms"), self.rooms),
                (self.tr("&Programs"), self.programs),
            )
        )
        self._lay_out(
            note=self.tr(
                "Every session meeting the window is cancelled with the reason (only those "
                "of the rooms or programs ticked, if any). Reports count them as not "
                "held, never as absences. Marks already taken are kept and set for "
                "review. Lifting the disruption brings the sessions back."
            ),
            form=form,
            add=(self.declare_button, self.declare),
            listed=self.tr("Di&sruptions"),
            end=(self.lift_button, self.lift),
            closing=self.tr("Close the disruption dialog"),  # Enter in the reason declares
        )
        self.load()

    def disruptions(self) -> list[DisruptionView]:
        """The disruptions listed, in order."""
        return list(self._shown)

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        service, facility = self._service, self._facility_id
        if self.rooms.count() == 0 and self.programs.count() == 0:  # the first load
            self._run(lambda: service.choices(facility), self._on_choices)
        self._run(lambda: service.disruptions(facility), self._on_loaded)

    def _on_choices(self, choices: DisruptionChoices) -> None:
        for box, items in ((self.rooms, choices.rooms), (self.programs, choices.programs)):
            box.clear()
            for item_id, name in items:
                item = QListWidgetItem(name)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, item_id)
                box.addItem(item)
        self._update_buttons()

    def _on_loaded(self, disruptions: list[DisruptionView]) -> None:
        texts = []
        for d in disruptions:
            state = self.tr(" (lifted)") if d.lifted else ""
            texts.append(f"{d.window_text} — {d.reason}, {d.scope_text}{state}")
        self._show(disruptions, texts, self.tr("No disruptions: every session is held."))

    def _update_buttons(self) -> None:
        chosen = self._selected()
        self.lift_button.setEnabled(chosen is not None and not chosen.lifted and not self.busy)
        self.declare_button.setEnabled(not self.busy)

    def _on_start_changed(self, new: QDateTime) -> None:
        """The end follows the start while it would come before it."""
        if self.ends.dateTime() <= new:
            self.ends.setDateTime(new.addSecs(3600))

    # -- writing ------------------------------------------------------------------------------

    def declare(self) -> None:
        service, facility = self._service, self._facility_id
        starts, ends, reason = _moment(self.starts), _moment(self.ends), self.reason.text()
        rooms, programs = _ticked(self.rooms), _ticked(self.programs)
        self._submit(
            lambda: service.declare(
                facility, starts, ends, reason, room_ids=rooms, program_ids=programs
            ),
            self._on_declared,
            self.tr("Saving…"),
        )

    def _on_declared(self, declared: DisruptionDeclared) -> None:
        d = declared.disruption
        text = self.tr("Disruption declared: {window}, {reason}. Sessions cancelled: {n}.").format(
            window=d.window_text, reason=d.reason, n=declared.sessions
        )
        if declared.marks_for_review:
            text += " " + self.tr("Marks set for review: {n}.").format(n=declared.marks_for_review)
        self.reason.clear()
        self._done(text)

    def lift(self) -> None:
        service = self._service
        self._end_selected(
            self.tr("Select a disruption in force to lift in the list."),
            lambda disruption: service.lift(disruption.id),
            self._on_lifted,
            self.tr("Lifting…"),
            may=lambda disruption: not disruption.lifted,
        )

    def _on_lifted(self, lifted: DisruptionView) -> None:
        self._done(
            self.tr("Lifted: {window} ({reason}). Its sessions are held again.").format(
                window=lifted.window_text, reason=lifted.reason
            )
        )
