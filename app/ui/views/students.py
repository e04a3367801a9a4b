"""Students: search as you type over the whole facility, paged in the background."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import PEOPLE, Changes
from app.services.facade import DeskServices
from app.services.people import StudentSummary
from app.ui.changes import ChangeHub, ReloadWhenShown
from app.ui.id_cards import CardPrinter, cards_for_facility
from app.ui.models.student_table import StudentTableModel
from app.ui.tasks import TaskRunner
from app.ui.views.record_screen import RecordScreen


class StudentsView(RecordScreen):
    """Student list of the current facility with a search box (name, number or resident id)."""

    sig_loaded = Signal(int)

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self.search = QLineEdit(placeholderText=self.tr("Search by name, student number or id…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search students"))
        self.table = QTableView()
        self.model = StudentTableModel(self._load_page, self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Students"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.count_label = QLabel()
        # Every student's card for the sheet's scanner (app.ui.id_cards).
        self.cards_button = QPushButton(self.tr("Print ID cards…"))
        self.cards_button.setAccessibleName(self.tr("Print the ID cards of the facility"))
        self.cards_note = QLabel()
        self.card_printer = CardPrinter(runner, self)
        self.card_printer.sig_said.connect(self.cards_note.setText)
        self.cards_button.clicked.connect(self.print_cards)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("<h2>" + self.tr("Students") + "</h2>"))
        heading.addStretch(1)
        heading.addWidget(self.cards_note)
        heading.addWidget(self.cards_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.table.activated.connect(self._on_table_activated)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.search.textChanged.connect(self._on_search_text_changed)
        changes.sig_changed.connect(self._on_changes)
        self._reload_when_shown = ReloadWhenShown(self, self.model.reset)
        self.search.installEventFilter(self)

    def set_context(self, services: DeskServices, facility_id: UUID) -> None:
        self._services = services
        self._facility_id = facility_id
        self.count_label.clear()
        self.model.reset()

    def _on_changes(self, changes: Changes) -> None:
        """People added, renamed or removed (here or by a sync): the list is read again."""
        if changes.touches(PEOPLE, facility_id=self._facility_id):
            self._reload_when_shown.request()

    def _load_page(
        self, offset: int, limit: int, deliver: Callable[[Sequence[StudentSummary]], None]
    ) -> None:
        services, facility_id, text = self._services, self._facility_id, self.search.text()
        if services is None:
            return

        def work() -> list[StudentSummary]:
            return services.people.search_students(facility_id, text, limit=limit, offset=offset)

        def done(page: list[StudentSummary]) -> None:
            deliver(page)
            shown = self.model.rowCount()
            if shown:
                self.count_label.setText(self.tr("%n student(s) shown", "", shown))
            elif text.strip():
                self.count_label.setText(
                    self.tr("No student matches “{text}”.").format(text=text.strip())
                )
            else:
                self.count_label.setText(self.tr("No students in this facility yet."))
            self.sig_loaded.emit(self.model.rowCount())

        self._runner.run(work, done)

    def print_cards(self) -> None:
        """*Print ID cards…*: a card for every active student of the facility."""
        services, facility_id = self._services, self._facility_id
        if services is not None and facility_id is not None:
            self.card_printer.start(lambda: cards_for_facility(services, facility_id))

    def _on_search_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        self.model.reset()

    def _on_table_activated(self, index: QModelIndex) -> None:
        """Enter or double-click: the student's record."""
        if index.isValid():
            self.open_record(self.model.student_at(index.row()).id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box, Down goes to the list and Enter opens the first student found."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.model.rowCount() == 0:
                    return event.key() == Qt.Key.Key_Down
                first = self.model.index(0, 0)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                self.table.setCurrentIndex(first)
                if event.key() != Qt.Key.Key_Down:
                    self._on_table_activated(first)
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
