"""The substitute dialog: another instructor teaches one session, or all future ones, with a
reason.

Keys: Alt+S the substitute, Alt+R the reason, Alt+T this session, Alt+F all future sessions,
Alt+C allow a clash. Enter saves, Esc closes. Whether the chosen instructor already teaches at
that time is shown as soon as they are chosen; saving is then refused unless a clash is allowed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.services.schedule import ScheduleService
from app.services.schedule_dto import (
    Clash,
    ClashError,
    OccurrenceView,
    ProposedSlot,
    ScheduleChange,
    Scope,
)
from app.services.series_edit import Choice, clash_text
from app.ui.tasks import TaskRunner

CLASHES_LISTED = 5
_ERROR_STYLE = "color: #b00020;"


def clash_lines(clashes: Sequence[Clash]) -> list[str]:
    """The first clashes in words, and how many more there are."""
    lines = [clash_text(c) for c in clashes[:CLASHES_LISTED]]
    if len(clashes) > CLASHES_LISTED:
        lines.append(f"… and {len(clashes) - CLASHES_LISTED} more")
    return lines


class SubstituteDialog(QDialog):
    """Chooses a substitute for a session and saves it through ``ScheduleService``; checks the
    chosen instructor against the session's time before anything is saved."""

    sig_saved = Signal(str)  # what was done
    sig_refused = Signal(str)  # a refusal, shown in the dialog
    sig_checked = Signal(int)  # the clashes of the chosen instructor with this session

    def __init__(
        self,
        schedule: ScheduleService,
        runner: TaskRunner,
        facility_id: uuid.UUID,
        occurrence: OccurrenceView,
        instructors: Sequence[Choice],
        *,
        reason: str = "",
        all_future: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(520)
        self._schedule = schedule
        self._runner = runner
        self._facility_id = facility_id
        self._occurrence = o = occurrence
        self._pending = 0
        self._check_token = 0
        self.setWindowTitle(self.tr("Substitute for ") + o.class_name)

        teacher = o.instructor_name or self.tr("no one")
        self.session = QLabel(f"{o.class_name}, {o.start_local:%a %d %b %Y %H:%M}, {teacher}")
        self.instructor_box = QComboBox()
        for item in instructors:
            if item.id != o.instructor_id:
                self.instructor_box.addItem(item.name, item.id)
        self.reason = QLineEdit(reason, placeholderText=self.tr("e.g. sick leave"))
        self.this_one = QRadioButton(self.tr("&This session"))
        self.all_future = QRadioButton(self.tr("All &future sessions"))
        (self.all_future if all_future else self.this_one).setChecked(True)
        self.allow_clash = QCheckBox(self.tr("Allow a &clash (the substitute teaches then)"))
        self.clashes = QLabel()
        self.clashes.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for widget, name in (
            (self.instructor_box, "Substitute instructor"),
            (self.reason, "Reason"),
            (self.this_one, "This session only"),
            (self.all_future, "All future sessions"),
            (self.allow_clash, "Allow a clash"),
            (self.save_button, "Save the substitute"),
            (self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Close without saving"),
        ):
            widget.setAccessibleName(self.tr(name))

        scope = QHBoxLayout()
        scope.addWidget(self.this_one)
        scope.addWidget(self.all_future)
        scope.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Session"), self.session)
        form.addRow(self.tr("&Substitute"), self.instructor_box)
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow(self.tr("Apply to"), scope)
        form.addRow("", self.allow_clash)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.clashes)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.instructor_box.currentIndexChanged.connect(lambda _i: self.check())
        if self.instructor_box.count() == 0:
            self.message.setText(self.tr("No other instructor works at this facility."))
            self.save_button.setEnabled(False)
        else:
            self.check()
        self.instructor_box.setFocus()

    @property
    def busy(self) -> bool:
        """True while a check or a save still has to answer (the dialog must outlive it)."""
        return self._pending > 0

    def scope(self) -> Scope:
        return "all_future" if self.all_future.isChecked() else "one"

    # -- the check before saving --------------------------------------------------------------

    def check(self) -> None:
        """Look for sessions the chosen instructor teaches at this session's time."""
        chosen, o = self.instructor_box.currentData(), self._occurrence
        if chosen is None:
            return
        schedule, facility = self._schedule, self._facility_id
        slot = ProposedSlot(o.start_utc, o.end_utc, None, chosen)
        self._check_token += 1
        token = self._check_token
        self._pending += 1

        def work() -> list[Clash]:
            return schedule.clashes_for(facility, [slot], ignore_series_id=o.series_id)

        self._runner.run(work, lambda found: self._on_checked(found, token), self._on_failed)

    def _on_checked(self, found: list[Clash], token: int) -> None:
        self._pending -= 1
        if token != self._check_token:
            return
        name = self.instructor_box.currentText()
        if found:
            head = self.tr("This session would clash:")
            tail = self.tr("Choose someone else, or tick Allow a clash.")
            self._show_clashes("\n• ".join([head, *clash_lines(found)]) + "\n" + tail)
        else:
            self.clashes.setStyleSheet("")
            self.clashes.setText(name + self.tr(" is free at this session's time."))
        self.sig_checked.emit(len(found))

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        chosen, o = self.instructor_box.currentData(), self._occurrence
        if chosen is None or not self.save_button.isEnabled():
            return
        schedule, name = self._schedule, self.instructor_box.currentText()
        reason, scope, allow = (
            self.reason.text() or None,
            self.scope(),
            self.allow_clash.isChecked(),
        )
        self._pending += 1
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))

        def work() -> ScheduleChange:
            return schedule.substitute_instructor(
                o.series_id, o.original_date, chosen, reason, scope=scope, allow_clash=allow
            )

        def done(_change: ScheduleChange) -> None:
            self._pending -= 1
            since = " and the sessions after it" if scope == "all_future" else ""
            text = f"{name} teaches {o.class_name} of {o.original_date:%d %b}{since}."
            self.message.setText(text)
            self.sig_saved.emit(text)
            self.accept()

        self._runner.run(work, done, self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        self._pending -= 1
        self.save_button.setEnabled(True)
        self.message.clear()
        if isinstance(error, ClashError):
            head = self.tr("Not saved: the substitute already teaches then.")
            tail = self.tr("Choose someone else, or tick Allow a clash and save again.")
            self._show_clashes("\n• ".join([head, *clash_lines(error.clashes)]) + "\n" + tail)
            self.allow_clash.setFocus()
            self.sig_refused.emit(error.message)
            return
        if not isinstance(error, DomainError):
            raise error
        self.message.setText(error.message)
        self.sig_refused.emit(error.message)

    def _show_clashes(self, text: str) -> None:
        self.clashes.setStyleSheet(_ERROR_STYLE)
        self.clashes.setText(text)
