"""Make-up for…: the sessions of its class a session makes up, ticked in a list (the calendar's
Alt+K or the session's context menu).

Keys: the list has the focus; Up and Down move, Space ticks or unticks the missed session (each
shows how many students were absent), Alt+S saves the ticks at once (none ticked: the session is
no longer a make-up), Esc closes. Students absent at a ticked session who attend the make-up have
that absence made up: counted as attended, and the make-up's minutes credited to their hours.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.makeups import MakeupService, MakeupView, MissedChoice
from app.ui.accessible import named
from app.ui.messages import refusal
from app.ui.tasks import Runs


def makeup_text(view: MakeupView | None) -> str:
    """What a session's details say of a make-up: the sessions made up and whom for."""
    if view is None:
        return ""
    # QCoreApplication.translate spelled out: lupdate reads an alias's call as tr(text, comment).
    missed = "; ".join(m.label for m in view.missed)
    if view.students:
        return QCoreApplication.translate(
            "MakeupDialog", "Make-up for {missed}. For {students}."
        ).format(missed=missed, students="; ".join(view.students))
    return QCoreApplication.translate(
        "MakeupDialog", "Make-up for {missed}. Nobody was absent there."
    ).format(missed=missed)


class MakeupDialog(QDialog):
    """Ticks the missed sessions a session makes up and saves the links in one write."""

    sig_saved = Signal(str)  # what was done
    sig_loaded = Signal()

    def __init__(
        self,
        makeups: MakeupService,
        runner: Runs,
        series_id: uuid.UUID,
        day: date,
        session_label: str,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(520)
        self._service = makeups
        self._runner = runner
        self._key = (series_id, day)
        self._pending = 0
        self._choices: list[MissedChoice] = []
        self.setWindowTitle(self.tr("Make-up for…"))

        heading = QLabel(self.tr("<b>Make-up session:</b> ") + session_label)
        note = QLabel(
            self.tr(
                "Tick the missed sessions of this class that this session makes up (Space). "
                "A student absent at one of them who attends this session has the absence made "
                "up; for everyone else this session is not a scheduled one."
            )
        )
        note.setWordWrap(True)
        self.list = named(QListWidget(), self.tr("Missed sessions to make up"))
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = named(
            QPushButton(self.tr("&Save make-up")), self.tr("Save the sessions made up")
        )
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the make-up dialog"))
        close.setAutoDefault(False)

        listed = QLabel(self.tr("&Missed sessions (latest first)"))
        listed.setBuddy(self.list)
        saving = QHBoxLayout()
        saving.addStretch(1)
        saving.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(listed)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.current)
        layout.addLayout(saving)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.list.setFocus()
        self.load()

    @property
    def busy(self) -> bool:
        """True while a load or a write still has to answer (the dialog must outlive it)."""
        return self._pending > 0

    def choices(self) -> list[MissedChoice]:
        return list(self._choices)

    def ticked(self) -> list[tuple[uuid.UUID, date]]:
        """The missed sessions ticked, as (series, original date)."""
        return [
            (c.session.series_id, c.session.original_date)
            for i, c in enumerate(self._choices)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        service, (series_id, day) = self._service, self._key
        self._pending += 1

        def work() -> tuple[list[MissedChoice], MakeupView | None]:
            return service.choices(series_id, day), service.of_session(series_id, day)

        self._runner.run(work, self._on_loaded, self._on_failed)

    def _on_loaded(self, found: tuple[list[MissedChoice], MakeupView | None]) -> None:
        self._pending -= 1
        self._choices, view = found
        self.list.clear()
        for choice in self._choices:
            absent = self.tr("%n absent", "", choice.absent)
            start = choice.session.start_local  # all of the make-up's class: no class name
            item = QListWidgetItem(f"{start:%a} {start.day} {start:%b %Y %H:%M} — {absent}")
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Checked if choice.linked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        if self._choices:
            self.list.setCurrentRow(0)
        else:
            self.message.setText(self.tr("No earlier session of this class to make up."))
        self.current.setText(makeup_text(view))
        self.save_button.setEnabled(bool(self._choices))
        self.sig_loaded.emit()

    # -- writing ------------------------------------------------------------------------------

    def save(self) -> None:
        if self.busy:
            return
        service, (series_id, day), ticked = self._service, self._key, self.ticked()
        self._pending += 1
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        self._runner.run(
            lambda: service.set_links(series_id, day, ticked), self._on_saved, self._on_failed
        )

    def _on_saved(self, view: MakeupView | None) -> None:
        self._pending -= 1
        self.save_button.setEnabled(True)
        text = makeup_text(view) or self.tr("This session is no longer a make-up.")
        self.current.setText(makeup_text(view))
        self.message.setText(self.tr("Saved."))
        self.sig_saved.emit(text)

    def _on_failed(self, error: BaseException) -> None:
        self._pending -= 1
        self.save_button.setEnabled(bool(self._choices))
        self.message.setText(refusal(error))
