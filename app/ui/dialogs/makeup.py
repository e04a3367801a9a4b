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

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QWidget

from app.domain.i18n import day_text
from app.services.makeups import MakeupService, MakeupView, MissedChoice
from app.ui.accessible import named
from app.ui.dialogs.background import BackgroundDialog
from app.ui.dialogs.parts import action, close_only, column, right_row, wrapped
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


class MakeupDialog(BackgroundDialog):
    """Ticks the missed sessions a session makes up and saves the links in one write."""

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
        super().__init__(runner, width=520, parent=parent)
        self._service = makeups
        self._key = (series_id, day)
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
        self.list = named(QListWidget(), self.tr("Missed sessions to make up"))
        self.current = wrapped()
        self.save_button = action(
            named(QPushButton(self.tr("&Save make-up")), self.tr("Save the sessions made up")),
            self.save,
        )
        self.buttons = close_only(self, self.tr("Close the make-up dialog"))
        listed = QLabel(self.tr("&Missed sessions (latest first)"))
        listed.setBuddy(self.list)
        layout = column(
            self,
            heading,
            wrapped(note),
            listed,
            self.list,
            self.current,
            right_row(self.save_button),
            self.message,
            self.buttons,
        )
        layout.setStretchFactor(self.list, 1)
        self.list.setFocus()
        self.load()

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

        def work() -> tuple[list[MissedChoice], MakeupView | None]:
            return service.choices(series_id, day), service.of_session(series_id, day)

        self._run(work, self._on_loaded)

    def _on_loaded(self, found: tuple[list[MissedChoice], MakeupView | None]) -> None:
        self._choices, view = found
        self.list.clear()
        for choice in self._choices:
            absent = self.tr("%n absent", "", choice.absent)
            start = choice.session.start_local  # all of the make-up's class: no class name
            item = QListWidgetItem(
                self.tr("{day} {time} — {absent}").format(
                    day=day_text(start.date(), year=True), time=f"{start:%H:%M}", absent=absent
                )
            )
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
        self._update_buttons()
        self.sig_loaded.emit()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(bool(self._choices) and not self.busy)

    # -- writing ------------------------------------------------------------------------------

    def save(self) -> None:
        if self.busy:
            return
        service, (series_id, day), ticked = self._service, self._key, self.ticked()
        self._write(
            lambda: service.set_links(series_id, day, ticked), self._on_saved, self.tr("Saving…")
        )

    def _on_saved(self, view: MakeupView | None) -> None:
        self._update_buttons()
        text = makeup_text(view) or self.tr("This session is no longer a make-up.")
        self.current.setText(makeup_text(view))
        self.message.setText(self.tr("Saved."))
        self.sig_saved.emit(text)
