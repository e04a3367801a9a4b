"""The substitute dialog: another instructor teaches one session, or all future ones, with a
reason.

Keys: Alt+S the substitute, Alt+R the reason, Alt+T this session, Alt+F all future sessions,
Alt+C allow a clash, Alt+O allow outside availability. Enter saves, Esc closes. Instructors
available at the session's time come first in the list. Whether the chosen instructor already
teaches then, or is not available then (their weekly hours, time off), is shown as soon as they
are chosen; saving is then refused unless the clash (or the time outside) is allowed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.availability import AvailabilityService, refuse_unavailable, unavailable_text
from app.services.availability_dto import Candidate, Unavailability, UnavailableError
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
from app.ui.accessible import named
from app.ui.dialogs.background import BackgroundDialog
from app.ui.dialogs.parts import ERROR_STYLE, left_row
from app.ui.messages import refusal
from app.ui.tasks import Runs

CLASHES_LISTED = 5


def clash_lines(clashes: Sequence[Clash]) -> list[str]:
    """The first clashes in words, and how many more there are."""
    lines = [clash_text(c) for c in clashes[:CLASHES_LISTED]]
    if len(clashes) > CLASHES_LISTED:
        lines.append(f"… and {len(clashes) - CLASHES_LISTED} more")
    return lines


class SubstituteDialog(BackgroundDialog):
    """Chooses a substitute for a session and saves it through ``ScheduleService``; checks the
    chosen instructor against the session's time before anything is saved."""

    sig_refused = Signal(str)  # a refusal, shown in the dialog
    sig_checked = Signal(int)  # the clashes of the chosen instructor with this session
    sig_ranked = Signal()  # the list now has the instructors available then first

    def __init__(
        self,
        schedule: ScheduleService,
        runner: Runs,
        facility_id: uuid.UUID,
        occurrence: OccurrenceView,
        instructors: Sequence[Choice],
        *,
        reason: str = "",
        all_future: bool = False,
        availability: AvailabilityService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, width=520, parent=parent)
        self._schedule = schedule
        self._availability = availability
        self._chosen_by_hand = False  # the person picked someone: ranking keeps their choice
        self._facility_id = facility_id
        self._occurrence = o = occurrence
        self._check_token = 0
        self.setWindowTitle(self.tr("Substitute for {klass}").format(klass=o.class_name))

        teacher = o.instructor_name or self.tr("no one")
        self.session = QLabel(f"{o.class_name}, {o.start_local:%a %d %b %Y %H:%M}, {teacher}")
        self.instructor_box = named(QComboBox(), self.tr("Substitute instructor"))
        for item in instructors:
            if item.id != o.instructor_id:
                self.instructor_box.addItem(item.name, item.id)
        self.reason = named(
            QLineEdit(reason, placeholderText=self.tr("e.g. sick leave")), self.tr("Reason")
        )
        self.this_one = named(QRadioButton(self.tr("&This session")), self.tr("This session only"))
        self.all_future = named(
            QRadioButton(self.tr("All &future sessions")), self.tr("All future sessions")
        )
        (self.all_future if all_future else self.this_one).setChecked(True)
        self.allow_clash = named(
            QCheckBox(self.tr("Allow a &clash (the substitute teaches then)")),
            self.tr("Allow a clash"),
        )
        self.allow_outside = QCheckBox(
            self.tr("Allow &outside their availability (weekly hours, time off)")
        )
        self.clashes = QLabel()
        self.clashes.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = named(
            self.buttons.button(QDialogButtonBox.StandardButton.Save),
            self.tr("Save the substitute"),
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.allow_outside.setAccessibleName(self.tr("Allow outside availability"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Close without saving")
        )

        scope = left_row(self.this_one, self.all_future)
        form = QFormLayout()
        form.addRow(self.tr("Session"), self.session)
        form.addRow(self.tr("&Substitute"), self.instructor_box)
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow(self.tr("Apply to"), scope)
        form.addRow("", self.allow_clash)
        form.addRow("", self.allow_outside)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.clashes)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.instructor_box.currentIndexChanged.connect(lambda _i: self.check())
        self.instructor_box.activated.connect(self._on_instructor_chosen)
        self.all_future.toggled.connect(lambda _on: self.check())
        if self.instructor_box.count() == 0:
            self.message.setText(self.tr("No other instructor works at this facility."))
            self.save_button.setEnabled(False)
        else:
            self.check()
            self._rank()
        self.instructor_box.setFocus()

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

        availability, scope = self._availability, self.scope()

        def work() -> tuple[list[Clash], list[Unavailability]]:
            clashes = schedule.clashes_for(facility, [slot], ignore_series_id=o.series_id)
            if availability is None:
                return clashes, []
            return clashes, availability.check_substitute(
                o.series_id, o.original_date, chosen, scope=scope
            )

        self._run(work, lambda found: self._on_checked(found, token))

    def _on_checked(self, found: tuple[list[Clash], list[Unavailability]], token: int) -> None:
        if token != self._check_token:
            return
        clashes, outside = found
        name = self.item_name()
        parts: list[str] = []
        if clashes:
            parts.append("\n• ".join([self.tr("This session would clash:"), *clash_lines(clashes)]))
        if outside:
            head = self.tr("Not available then:")
            parts.append("\n• ".join([head, *unavailable_text(outside).split("\n")]))
        if parts:
            allow = [
                text
                for text, needed in (
                    (self.tr("Allow a clash"), clashes),
                    (self.tr("Allow outside their availability"), outside),
                )
                if needed
            ]
            tail = self.tr("Choose someone else, or tick {boxes}.").format(
                boxes=self.tr(" and ").join(allow)
            )
            self._show_clashes("\n".join([*parts, tail]))
        else:
            self.clashes.setStyleSheet("")
            self.clashes.setText(
                self.tr("{name} is free and available at this session's time.").format(name=name)
            )
        self.sig_checked.emit(len(clashes) + len(outside))

    # -- the instructors available then first -------------------------------------------------

    def item_name(self, index: int | None = None) -> str:
        """The instructor's name at ``index`` (the current one), without the "not available"
        note the ranking adds."""
        data = self.instructor_box.itemData(
            self.instructor_box.currentIndex() if index is None else index,
            Qt.ItemDataRole.UserRole + 1,
        )
        return str(data) if data else self.instructor_box.currentText()

    def _on_instructor_chosen(self, _index: int) -> None:
        self._chosen_by_hand = True

    def _rank(self) -> None:
        """Ask which instructors are available at the session's time; list them first."""
        availability, o = self._availability, self._occurrence
        if availability is None:
            return
        people = [
            (self.instructor_box.itemData(i), self.instructor_box.itemText(i))
            for i in range(self.instructor_box.count())
        ]
        facility = self._facility_id

        def work() -> list[Candidate]:
            return availability.candidates(facility, o.start_local, o.end_local, people)

        self._run(work, self._on_ranked)

    def _on_ranked(self, ranked: list[Candidate]) -> None:
        box = self.instructor_box
        keep = box.currentData() if self._chosen_by_hand else None
        box.blockSignals(True)
        box.clear()
        for c in ranked:
            label = (
                c.name
                if c.available
                else self.tr("{name} — not available then").format(name=c.name)
            )
            box.addItem(label, c.id)
            box.setItemData(box.count() - 1, c.name, Qt.ItemDataRole.UserRole + 1)
        found = next((i for i, c in enumerate(ranked) if c.id == keep), 0)
        box.setCurrentIndex(found)
        box.blockSignals(False)
        self.check()
        self.sig_ranked.emit()

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        chosen, o = self.instructor_box.currentData(), self._occurrence
        if chosen is None or not self.save_button.isEnabled():
            return
        schedule, name = self._schedule, self.item_name()
        reason, scope, allow = (
            self.reason.text() or None,
            self.scope(),
            self.allow_clash.isChecked(),
        )
        availability = None if self.allow_outside.isChecked() else self._availability
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))

        def work() -> ScheduleChange:
            if availability is not None:
                refuse_unavailable(
                    availability.check_substitute(o.series_id, o.original_date, chosen, scope=scope)
                )
            return schedule.substitute_instructor(
                o.series_id, o.original_date, chosen, reason, scope=scope, allow_clash=allow
            )

        def done(_change: ScheduleChange) -> None:
            since = " and the sessions after it" if scope == "all_future" else ""
            text = f"{name} teaches {o.class_name} of {o.original_date:%d %b}{since}."
            self.message.setText(text)
            self.sig_saved.emit(text)
            self.accept()

        self._run(work, done)

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.clear()
        if isinstance(error, ClashError):
            head = self.tr("Not saved: the substitute already teaches then.")
            tail = self.tr("Choose someone else, or tick Allow a clash and save again.")
            self._show_clashes("\n• ".join([head, *clash_lines(error.clashes)]) + "\n" + tail)
            self.allow_clash.setFocus()
            self.sig_refused.emit(error.message)
            return
        if isinstance(error, UnavailableError):
            head = self.tr("Not saved: the substitute is not available then.")
            tail = self.tr("Choose someone else, or tick Allow outside their availability.")
            lines = unavailable_text(error.unavailable).split("\n")
            self._show_clashes("\n• ".join([head, *lines]) + "\n" + tail)
            self.allow_outside.setFocus()
            self.sig_refused.emit(error.message)
            return
        text = refusal(error)
        self.message.setText(text)
        self.sig_refused.emit(text)

    def _show_clashes(self, text: str) -> None:
        self.clashes.setStyleSheet(ERROR_STYLE)
        self.clashes.setText(text)
