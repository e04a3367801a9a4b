"""Sync & conflicts: the sync state, and each conflict or refusal with both sides to act on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.services.sync_issues import SyncIssueDTO
from app.ui.changes import ChangeHub
from app.ui.models.sync_issue_table import SyncIssueTableModel
from app.ui.tasks import TaskRunner


class SyncView(QWidget):
    """Lists open sync issues; keep mine / keep theirs act on the selected one."""

    sig_loaded = Signal(int)
    sig_sync_requested = Signal()

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._changes = changes
        self._services: Services | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = SyncIssueTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.sync_button = QPushButton(self.tr("Sync &now"))
        self.mine_button = QPushButton(self.tr("Keep &mine"))
        self.theirs_button = QPushButton(self.tr("Keep &theirs"))
        self.sync_button.clicked.connect(self.sig_sync_requested)
        self.mine_button.clicked.connect(lambda: self._resolve(mine=True))
        self.theirs_button.clicked.connect(lambda: self._resolve(mine=False))
        buttons = QHBoxLayout()
        for button in (self.sync_button, self.mine_button, self.theirs_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{self.tr('Sync & conflicts')}</h2>"))
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_context(self, services: Services) -> None:
        self._services = services
        self.reload()

    def reload(self) -> None:
        services = self._services
        if services is None:
            return

        def work() -> tuple[str, list[SyncIssueDTO]]:
            issues = services.sync_issues
            return issues.status().describe(), issues.list_open()

        self._runner.run(work, self._on_loaded)

    def _on_loaded(self, result: tuple[str, list[SyncIssueDTO]]) -> None:
        text, rows = result
        self.status.setText(text)
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self.sig_loaded.emit(len(rows))

    def _resolve(self, *, mine: bool) -> None:
        services = self._services
        selected = self.table.selectionModel().selectedRows()
        if services is None or not selected:
            return
        issue = self.model.issue_at(selected[0].row())
        action: Callable[[int], None] = (
            services.sync_issues.keep_mine if mine else services.sync_issues.keep_theirs
        )
        self._runner.run(lambda: action(issue.id), lambda _r: self.reload())
