"""Review: every mark of the facility set for review, with why, to keep, change or move.

Alt+K keeps the selected mark, Alt+G takes a new status for it, Alt+V moves it to another
session of its class. The queue reloads whenever attendance or the schedule changes.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AttendanceStatus
from app.services.changes import ATTENDANCE, OVERRIDES, SERIES, Changes
from app.services.facade import DeskServices
from app.services.labels import STATUS_LABELS, status_text
from app.services.review_dto import MoveTargetDTO, ReviewItemDTO
from app.ui.accessible import named
from app.ui.changes import ChangeHub, ReloadWhenShown
from app.ui.dialogs.parts import left_row, row_table
from app.ui.models.review_table import ReviewTableModel
from app.ui.tasks import TaskRunner
from app.ui.views.base import Screen

log = logging.getLogger(__name__)


class ChoiceDialog(QDialog):
    """One choice from a short list; Enter or OK chooses, Esc cancels. Disabled items say why."""

    sig_chosen = Signal(object)

    def __init__(
        self,
        title: str,
        prompt: str,
        choices: Sequence[tuple[str, Any, bool]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self.prompt.setBuddy(self.list)
        first = -1
        for text, data, enabled in choices:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, data)
            if not enabled:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            elif first < 0:
                first = self.list.count() - 1
        if first >= 0:
            self.list.setCurrentRow(first)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(self.tr("Confirm the choice"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        self.ok_button.setEnabled(first >= 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())
        if choices and first < 0:
            self.prompt.setText(
                self.tr("{prompt} None of them can be chosen; each says why.").format(prompt=prompt)
            )
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.list.setFocus()

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        self.sig_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        super().accept()


class ReviewView(Screen):
    """The facility's review queue; the buttons act on the selected mark."""

    sig_loaded = Signal(int)
    sig_dialog_opened = Signal(object)  # the ChoiceDialog of a change or a move

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self._select_after: int = 0
        self._wanted: tuple[uuid.UUID, date, uuid.UUID] | None = None  # a mark to select
        self.heading = QLabel("<h2>" + self.tr("Review") + "</h2>")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = ReviewTableModel(self)
        self.table = row_table(self.model, self)
        self.table.setAccessibleName(self.tr("Marks set for review"))
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.Stretch,  # the session
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,  # why: wrapped, never cut
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep_button = named(QPushButton(self.tr("&Keep")), self.tr("Keep the mark"))
        self.change_button = named(
            QPushButton(self.tr("Chan&ge…")), self.tr("Change the mark's status")
        )
        self.move_button = named(
            QPushButton(self.tr("Mo&ve…")), self.tr("Move the mark to another session")
        )
        for button, on_click in (
            (self.keep_button, self._on_keep_clicked),
            (self.change_button, self._on_change_clicked),
            (self.move_button, self._on_move_clicked),
        ):
            button.clicked.connect(on_click)
        buttons = left_row(self.keep_button, self.change_button, self.move_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addStretch(0)  # takes the room of the hidden table when the queue is empty
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._on_change_clicked())
        changes.sig_changed.connect(self._on_changes)
        self._reload_when_shown = ReloadWhenShown(self, self.reload)
        self._show_selected()

    # -- loading ----------------------------------------------------------------------------------

    def set_context(self, services: DeskServices, facility_id: uuid.UUID) -> None:
        self._services = services
        self._facility_id = facility_id
        self.model.set_rows([])
        self._show_count()
        self.reload()

    def reload(self) -> None:
        services, facility_id = self._services, self._facility_id
        if services is None or facility_id is None:
            return

        def work() -> list[ReviewItemDTO]:
            return services.review.queue(facility_id)

        def done(rows: list[ReviewItemDTO]) -> None:
            if facility_id != self._facility_id:
                return  # the facility changed while this loaded
            self._on_loaded(rows)

        self._runner.run(work, done)

    def select_mark(self, series_id: uuid.UUID, original_date: date, student_id: uuid.UUID) -> None:
        """Select that mark now, or when the queue it is in arrives."""
        self._wanted = (series_id, original_date, student_id)
        self.reload()

    def _on_loaded(self, rows: list[ReviewItemDTO]) -> None:
        self.model.set_rows(rows)
        self._show_count()
        wanted, self._wanted = self._wanted, None
        keys = [(r.series_id, r.original_date, r.student_id) for r in rows]
        if wanted in keys:
            self.table.selectRow(keys.index(wanted))
        elif rows:
            self.table.selectRow(min(self._select_after, len(rows) - 1))
        self._show_selected()
        self.sig_loaded.emit(len(rows))

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(ATTENDANCE, SERIES, OVERRIDES, facility_id=self._facility_id):
            self._reload_when_shown.request()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.heading.setText("<h2>" + self.tr("Review ({count})").format(count=count) + "</h2>")
        if count:
            self.intro.setText(
                self.tr(
                    "Marks set for review in this facility: two workstations disagreed on "
                    "them, or their session was cancelled, moved or dropped from the schedule."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Nothing to review: no mark in this facility is set for review. Marks "
                    "come here when two workstations disagree on them or their session is "
                    "cancelled, moved or dropped."
                )
            )
        self.table.setVisible(count > 0)

    # -- the selected mark ------------------------------------------------------------------------

    def selected(self) -> ReviewItemDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        item = self.selected()
        for button in (self.keep_button, self.change_button, self.move_button):
            button.setEnabled(item is not None)
        if item is None:
            self.detail.setText("")
            for button in (self.keep_button, self.change_button, self.move_button):
                button.setToolTip("")
            return
        self.change_button.setEnabled(item.held)
        keep = self.tr("Keep: {who}'s mark {status} stands and leaves the queue.").format(
            who=item.marked_by, status=item.status_text
        )
        change = (
            self.tr("Change: take a new status for {student} on this session.").format(
                student=item.student_name
            )
            if item.held
            else self.tr(
                "A new status cannot be taken for a session no longer held: move the mark "
                "or keep it."
            )
        )
        move = self.tr(
            "Move: the mark goes to another {klass} session you choose; this one is removed."
        ).format(klass=item.class_name)
        self.keep_button.setToolTip(keep)
        self.change_button.setToolTip(change)
        self.move_button.setToolTip(move)
        self.detail.setText(
            f"<b>{item.student_name}, {item.class_name}, {item.when}: {item.status_text}.</b> "
            f"{item.why}<br>{keep} {change} {move}"
        )

    # -- acting -----------------------------------------------------------------------------------

    def _on_keep_clicked(self) -> None:
        item, services = self.selected(), self._services
        if item is None or services is None:
            return
        self._write(item, lambda: services.review.keep(item.mark_id))

    def _on_change_clicked(self) -> None:
        item = self.selected()
        if item is None or self._services is None or not item.held:
            return
        choices = [(status_text(status), status, status != item.status) for status in STATUS_LABELS]
        services = self._services
        self._ask(
            self.tr("New status"),
            self.tr("New status for {student}, {klass}, {when} (now {status}):"),
            item,
            choices,
            lambda status: self._write(
                item, lambda: services.review.change(item.mark_id, AttendanceStatus(status))
            ),
        )

    def _on_move_clicked(self) -> None:
        item, services = self.selected(), self._services
        if item is None or services is None:
            return

        def work() -> list[MoveTargetDTO]:
            return services.review.targets(item.mark_id)

        self._runner.run(work, lambda targets: self._choose_target(item, targets))

    def _choose_target(self, item: ReviewItemDTO, targets: list[MoveTargetDTO]) -> None:
        services = self._services
        if services is None:
            return
        if not targets:
            self.detail.setText(
                self.tr("No other {klass} session within six weeks to move the mark to.").format(
                    klass=item.class_name
                )
            )
            return
        choices = [
            (t.text + (f" ({t.taken})" if t.taken else ""), t, t.taken is None) for t in targets
        ]

        def chosen(target: MoveTargetDTO) -> None:
            self._write(
                item,
                lambda: services.review.move(item.mark_id, target.series_id, target.original_date),
            )

        self._ask(
            self.tr("Move the mark"),
            self.tr("Move {student}'s mark {status} of {when} to the {klass} session:"),
            item,
            choices,
            chosen,
        )

    def _ask(
        self,
        title: str,
        question: str,
        item: ReviewItemDTO,
        choices: Sequence[tuple[str, Any, bool]],
        on_chosen: Callable[[Any], None],
    ) -> None:
        """Asks ``question`` of ``item``'s mark (its {student}, {klass}, {when} and {status}
        filled in); ``on_chosen`` gets the value chosen."""
        text = question.format(
            student=item.student_name,
            klass=item.class_name,
            when=item.when,
            status=item.status_text,
        )
        dialog = ChoiceDialog(title, text, choices, self)
        dialog.sig_chosen.connect(on_chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.sig_dialog_opened.emit(dialog)

    def _write(self, item: ReviewItemDTO, work: Callable[[], object]) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._select_after = rows[0].row() if rows else 0
        self.write(work, lambda _result: self.table.setFocus(), source="review")
