"""Sync & conflicts: the sync state, and each conflict or refusal in words, with what Keep mine
and Keep theirs will do; an empty list says that nothing waits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.i18n import translate
from app.domain.sync_status import SyncStatus
from app.services.changes import EVERYTHING, Changes
from app.services.facade import DeskServices, TransferSummary
from app.services.sync_issues import SyncIssueDTO
from app.ui.changes import ChangeHub
from app.ui.dialogs.parts import left_row, row_table
from app.ui.files import open_path, save_path
from app.ui.models.sync_issue_table import SyncIssueTableModel
from app.ui.tasks import TaskRunner
from app.ui.views.base import Screen


def empty_text(status: SyncStatus) -> str:
    """What an empty list means in this state."""
    if status.state == "never":
        return translate(
            "SyncView", "Nothing waits for you. This workstation has not synced with a server yet."
        )
    if status.pending == 1:
        return translate(
            "SyncView",
            "Nothing waits for you: no conflicts or refusals. 1 change will be sent at the next "
            "sync.",
        )
    if status.pending:
        return translate(
            "SyncView",
            "Nothing waits for you: no conflicts or refusals. {n} changes will be sent at the "
            "next sync.",
        ).format(n=status.pending)
    return translate("SyncView", "Nothing waits for you: every change was sent and accepted.")


class SyncView(Screen):
    """Lists open sync issues; keep mine / keep theirs act on the selected one."""

    sig_loaded = Signal(int)
    sig_sync_requested = Signal()

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.model = SyncIssueTableModel(self)
        self.table = row_table(self.model, self)
        self.table.setAccessibleName(self.tr("Conflicts and refusals"))
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sync_button = QPushButton(self.tr("Sync &now"))
        self.mine_button = QPushButton(self.tr("Keep &mine"))
        self.theirs_button = QPushButton(self.tr("Keep &theirs"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.mine_button.setAccessibleName(self.tr("Keep mine"))
        self.theirs_button.setAccessibleName(self.tr("Keep theirs"))
        self.sync_button.clicked.connect(self.sig_sync_requested)
        self.mine_button.clicked.connect(lambda: self._resolve(mine=True))
        self.theirs_button.clicked.connect(lambda: self._resolve(mine=False))
        buttons = left_row(self.sync_button, self.mine_button, self.theirs_button)
        # A workstation with no network syncs by transfer file (README, "Sync by transfer file").
        self.transfer_key = QLineEdit(self)
        self.transfer_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.transfer_key.setMinimumWidth(240)  # a passphrase shows whole, not scrolled
        self.transfer_key.setPlaceholderText(self.tr("the facility's transfer key"))
        self.transfer_key.setAccessibleName(self.tr("Transfer key"))
        self.export_button = QPushButton(self.tr("&Export transfer file…"))
        self.apply_button = QPushButton(self.tr("&Apply transfer file…"))
        self.export_button.setAccessibleName(self.tr("Export transfer file"))
        self.apply_button.setAccessibleName(self.tr("Apply transfer file"))
        self.export_button.clicked.connect(self._export_transfer)
        self.apply_button.clicked.connect(self._apply_transfer)
        self.transfer_message = QLabel()
        self.transfer_message.setWordWrap(True)
        self.transfer_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key_label = QLabel(self.tr("Transfer &key:"))
        key_label.setBuddy(self.transfer_key)
        transfer = left_row(key_label, self.transfer_key, self.export_button, self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Sync & conflicts") + "</h2>"))
        layout.addWidget(self.status)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addStretch(0)  # takes the room of the hidden table: the texts stay on top
        layout.addLayout(buttons)
        layout.addLayout(transfer)
        layout.addWidget(self.transfer_message)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        changes.sig_changed.connect(self._on_changes)
        self._show_selected()

    def set_context(self, services: DeskServices) -> None:
        self._services = services
        self.reload()

    def reload(self) -> None:
        services = self._services
        if services is None:
            return

        def work() -> tuple[SyncStatus, list[SyncIssueDTO]]:
            issues = services.sync_issues
            return issues.status(), issues.list_open()

        self._runner.run(work, self._on_loaded)

    def _on_changes(self, changes: Changes) -> None:
        """A sync ran (or everything changed): the issues and the state are read again."""
        if changes.source == "sync" or EVERYTHING in changes.tables:
            self.reload()

    def _on_loaded(self, result: tuple[SyncStatus, list[SyncIssueDTO]]) -> None:
        status, rows = result
        self.status.setText(status.describe())
        self.model.set_rows(rows)
        self.empty.setText("" if rows else empty_text(status))
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
        self._show_selected()
        self.sig_loaded.emit(len(rows))

    def _selected(self) -> SyncIssueDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        issue = self._selected()
        self.mine_button.setEnabled(issue is not None and bool(issue.mine))
        self.theirs_button.setEnabled(issue is not None)
        self.mine_button.setToolTip(issue.keep_mine_effect if issue else "")
        self.theirs_button.setToolTip(issue.keep_theirs_effect if issue else "")
        if issue is None:
            self.detail.setText("")
            return
        self.detail.setText(
            f"<b>{issue.title}</b> ({issue.when}): {issue.summary}<br>"
            f"{issue.keep_mine_effect}<br>{issue.keep_theirs_effect}"
        )

    def _resolve(self, *, mine: bool) -> None:
        services = self._services
        issue = self._selected()
        if services is None or issue is None:
            return
        action: Callable[[int], None] = (
            services.sync_issues.keep_mine if mine else services.sync_issues.keep_theirs
        )

        # Keep mine writes the record again: the screens showing it read it again.
        self.write(lambda: action(issue.id), lambda _r: self.reload(), source="sync-issue")

    # -- transfer files ----------------------------------------------------------------------

    def _key(self) -> str | None:
        key = self.transfer_key.text()
        if not key:
            self.transfer_message.setText(
                self.tr("Type the facility's transfer key first: it locks and opens the files.")
            )
            self.transfer_key.setFocus()
            return None
        return key

    def _transfer_file(
        self, ask: Callable[[], Path | None], saying: str
    ) -> tuple[DeskServices, str, str] | None:
        """The services, the key and the file (``ask`` chooses it) of a transfer, ``saying``
        shown; ``None`` without a key typed or a file chosen."""
        services, key = self._services, self._key()
        if services is None or key is None:
            return None
        chosen = ask()
        if chosen is None:
            return None
        self.transfer_message.setText(saying)
        return services, key, str(chosen)

    def _export_transfer(self) -> None:
        given = self._transfer_file(
            lambda: save_path(
                self,
                self.tr("Export transfer file"),
                "rollbook-transfer.rbx",
                self.tr("Rollbook transfer files (*.rbx);;All files (*)"),
            ),
            self.tr("Writing the transfer file…"),
        )
        if given is None:
            return
        services, key, path = given
        self._runner.run(
            lambda: services.transfer.export_file(path, key),
            lambda done: self._exported(done, path),
            self._transfer_failed,
        )

    def _exported(self, done: TransferSummary, path: str) -> None:
        self.transfer_message.setText(
            self.tr(
                "Transfer file No. {0} written to {1}. Import it at a connected computer "
                "(rollbook transfer import), then apply its reply here."
            ).format(done.number, path)
        )
        self.reload()

    def _apply_transfer(self) -> None:
        given = self._transfer_file(
            lambda: open_path(
                self,
                self.tr("Apply transfer file"),
                self.tr("Rollbook transfer replies (*.reply);;All files (*)"),
            ),
            self.tr("Applying the reply…"),
        )
        if given is None:
            return
        services, key, path = given
        self.write(
            lambda: services.transfer.apply_file(path, key),
            self._applied,
            self._transfer_failed,
            source="sync",
        )

    def _applied(self, done: TransferSummary) -> None:
        self.transfer_message.setText(
            self.tr("Reply No. {0} applied: this workstation is up to date with it.").format(
                done.number
            )
        )
        # Pulled rows may touch any screen: each reads again (this one too, on "sync").
        self._changes.publish(Changes.of(EVERYTHING, source="sync"))

    def _transfer_failed(self, error: BaseException) -> None:
        self.transfer_message.setText(str(error))
