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

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
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
from app.services.disruptions import (
    DisruptionChoices,
    DisruptionDeclared,
    DisruptionService,
    DisruptionView,
)
from app.ui.accessible import named
from app.ui.messages import refusal
from app.ui.tasks import Runs

_ERROR_STYLE = "color: #b00020;"
_FORMAT = "ddd d MMM yyyy HH:mm"


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


class DisruptionDialog(QDialog):
    """Lists, declares and lifts a facility's disruptions; each is written at once."""

    sig_saved = Signal(str)  # what was done
    sig_loaded = Signal()

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
        super().__init__(parent)
        self.setMinimumWidth(620)
        self._service = disruptions
        self._runner = runner
        self._facility_id = facility_id
        self._pending = 0
        self._shown: list[DisruptionView] = []
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
        self.reason = named(
            QLineEdit(placeholderText=self.tr("e.g. Lockdown, count, storm")),
            self.tr("Reason for the disruption"),
        )
        self.reason.setMaxLength(200)
        self.reason.returnPressed.connect(self.declare)
        self.rooms = named(QListWidget(), self.tr("Rooms disrupted (none ticked: every room)"))
        self.programs = named(
            QListWidget(), self.tr("Programs disrupted (none ticked: every program)")
        )
        for box in (self.rooms, self.programs):
            box.setMaximumHeight(90)
        self.declare_button = named(
            QPushButton(self.tr("&Declare disruption")), self.tr("Declare the disruption")
        )
        self.declare_button.setAutoDefault(False)
        self.declare_button.clicked.connect(self.declare)
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(_ERROR_STYLE)
        self.form_error.hide()

        self.list = named(QListWidget(), self.tr("Disruptions of the facility"))
        self.lift_button = named(
            QPushButton(self.tr("L&ift selected")), self.tr("Lift the selected disruption")
        )
        self.lift_button.setAutoDefault(False)
        self.lift_button.clicked.connect(self.lift)
        self.lift_button.setEnabled(False)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the disruption dialog"))
        close.setAutoDefault(False)  # Enter in the reason declares; only Esc closes

        form = QFormLayout()
        for text, widget in (
            (self.tr("&From"), self.starts),
            (self.tr("Un&til"), self.ends),
            (self.tr("&Reason"), self.reason),
            (self.tr("R&ooms"), self.rooms),
            (self.tr("&Programs"), self.programs),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        note = QLabel(
            self.tr(
                "Every session meeting the window is cancelled with the reason (only those "
                "of the rooms or programs ticked, if any). Reports count them as not "
                "held, never as absences. Marks already taken are kept and set for "
                "review. Lifting the disruption brings the sessions back."
            )
        )
        note.setWordWrap(True)
        declaring = QHBoxLayout()
        declaring.addStretch(1)
        declaring.addWidget(self.declare_button)
        listed = QLabel(self.tr("Di&sruptions"))
        listed.setBuddy(self.list)
        lifting = QHBoxLayout()
        lifting.addStretch(1)
        lifting.addWidget(self.lift_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(declaring)
        layout.addWidget(listed)
        layout.addWidget(self.list, 1)
        layout.addLayout(lifting)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list, self.lift)
        self.load()

    @property
    def busy(self) -> bool:
        """True while a load or a write still has to answer (the dialog must outlive it)."""
        return self._pending > 0

    def disruptions(self) -> list[DisruptionView]:
        """The disruptions listed, in order."""
        return list(self._shown)

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        service, facility = self._service, self._facility_id
        self._pending += 1
        first = self.rooms.count() == 0 and self.programs.count() == 0
        if first:
            self._pending += 1
            self._runner.run(lambda: service.choices(facility), self._on_choices, self._on_failed)
        self._runner.run(lambda: service.disruptions(facility), self._on_loaded, self._on_failed)

    def _on_choices(self, choices: DisruptionChoices) -> None:
        self._pending -= 1
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
        self._pending -= 1
        self._shown = disruptions
        self.list.clear()
        for d in disruptions:
            state = self.tr(" (lifted)") if d.lifted else ""
            item = QListWidgetItem(f"{d.window_text} — {d.reason}, {d.scope_text}{state}")
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            self.list.addItem(item)
        if not disruptions:
            self.list.addItem(QListWidgetItem(self.tr("No disruptions: every session is held.")))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._update_buttons()
        self.sig_loaded.emit()

    def _update_buttons(self) -> None:
        chosen = self._selected()
        self.lift_button.setEnabled(chosen is not None and not chosen.lifted and not self.busy)
        self.declare_button.setEnabled(not self.busy)

    def _selected(self) -> DisruptionView | None:
        row = self.list.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def _on_start_changed(self, new: QDateTime) -> None:
        """The end follows the start while it would come before it."""
        if self.ends.dateTime() <= new:
            self.ends.setDateTime(new.addSecs(3600))

    # -- writing ------------------------------------------------------------------------------

    def declare(self) -> None:
        if self.busy:
            return
        self.form_error.hide()
        service, facility = self._service, self._facility_id
        starts, ends, reason = _moment(self.starts), _moment(self.ends), self.reason.text()
        rooms, programs = _ticked(self.rooms), _ticked(self.programs)
        self._pending += 1
        self._update_buttons()
        self.message.setText(self.tr("Saving…"))
        self._runner.run(
            lambda: service.declare(
                facility, starts, ends, reason, room_ids=rooms, program_ids=programs
            ),
            self._on_declared,
            self._on_failed,
        )

    def _on_declared(self, declared: DisruptionDeclared) -> None:
        self._pending -= 1
        d = declared.disruption
        text = self.tr("Disruption declared: {window}, {reason}. Sessions cancelled: {n}.").format(
            window=d.window_text, reason=d.reason, n=declared.sessions
        )
        if declared.marks_for_review:
            text += " " + self.tr("Marks set for review: {n}.").format(n=declared.marks_for_review)
        self.message.setText(text)
        self.reason.clear()
        self.sig_saved.emit(text)
        self.load()

    def lift(self) -> None:
        chosen = self._selected()
        if self.busy:
            return
        if chosen is None or chosen.lifted:
            self.message.setText(self.tr("Select a disruption in force to lift in the list."))
            return
        service = self._service
        self._pending += 1
        self._update_buttons()
        self.message.setText(self.tr("Lifting…"))
        self._runner.run(lambda: service.lift(chosen.id), self._on_lifted, self._on_failed)

    def _on_lifted(self, lifted: DisruptionView) -> None:
        self._pending -= 1
        text = self.tr("Lifted: {window} ({reason}). Its sessions are held again.").format(
            window=lifted.window_text, reason=lifted.reason
        )
        self.message.setText(text)
        self.sig_saved.emit(text)
        self.load()

    def _on_failed(self, error: BaseException) -> None:
        self._pending -= 1
        self._update_buttons()
        text = refusal(error)
        self.message.clear()
        if isinstance(error, DomainError) and error.field in ("ends_at", "reason", "room_ids"):
            self.form_error.setText(text)
            self.form_error.show()
            focus = {"ends_at": self.ends, "reason": self.reason}.get(error.field or "", self.rooms)
            focus.setFocus()
        else:
            self.message.setText(text)
