"""Rosters: a class's students with capacity; enrol as you type, end or transfer with a reason.

Keyboard: type in *Enrol* and press Enter to enrol the first match (Down/Up pick another),
Ctrl+Enter to put them on the waitlist of a full class. Select students (Shift/Ctrl for several),
type a reason, then Alt+W withdraw, Alt+C complete, Alt+T transfer to the chosen class,
Alt+P promote from the waitlist. Beside the roster, the class's attendance by week.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import EnrollmentStatus
from app.domain.errors import CapacityExceeded
from app.services.changes import ATTENDANCE, CLASSES, ENROLLMENTS, PEOPLE, Changes
from app.services.classes_dto import ClassSummary
from app.services.facade import DeskServices
from app.services.people import StudentSummary
from app.services.rosters_dto import Roster
from app.services.trends_dto import WeeklyTrend
from app.ui.accessible import named
from app.ui.changes import ChangeHub, ReloadWhenShown
from app.ui.charts import WeeklyRateChart
from app.ui.combo import refill
from app.ui.id_cards import CardPrinter, cards_for_class
from app.ui.models.roster_table import RosterTableModel
from app.ui.tasks import TaskRunner
from app.ui.views.base import SayingScreen

MATCHES = 8


SOURCE = "rosters"  # what this screen's writes are published as


class RostersView(SayingScreen):
    """The roster of the chosen class of the current facility."""

    sig_loaded = Signal(int)  # entries on the roster
    sig_changed = Signal(str)  # what was done, as shown
    sig_trend_loaded = Signal(object)  # the class's WeeklyTrend

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self._roster: Roster | None = None
        self._wanted_class: uuid.UUID | None = None

        self.class_box = named(QComboBox(), self.tr("Class"))
        self.class_box.setMinimumWidth(320)
        self.capacity = QLabel()
        self.enrol = named(
            QLineEdit(placeholderText=self.tr("Enrol: type a name or student number…")),
            self.tr("Enrol a student"),
        )
        self.matches = named(QListWidget(), self.tr("Students matching the name typed"))
        self.matches.setMaximumHeight(150)
        self.matches.hide()
        self.model = RosterTableModel(self)
        self.table = named(QTableView(), self.tr("Roster"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.reason = named(
            QLineEdit(placeholderText=self.tr("Reason (needed to end or transfer)")),
            self.tr("Reason"),
        )
        self.target_box = named(QComboBox(), self.tr("Class to transfer to"))
        self.target_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.withdraw_button = named(
            QPushButton(self.tr("&Withdraw")), self.tr("Withdraw the selected students")
        )
        self.complete_button = named(
            QPushButton(self.tr("&Complete")), self.tr("Complete the selected students")
        )
        self.transfer_button = named(
            QPushButton(self.tr("&Transfer to")), self.tr("Transfer the selected student")
        )
        self.promote_button = named(
            QPushButton(self.tr("&Promote waitlist")), self.tr("Promote the waitlist")
        )
        self.trend = WeeklyRateChart(self.tr("Class attendance by week"))
        self.trend_text = QLabel()
        self.trend_text.setWordWrap(True)
        trend_panel = QWidget()
        trend_panel.setFixedWidth(280)
        panel = QVBoxLayout(trend_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(QLabel("<b>" + self.tr("Attendance by week") + "</b>"))
        panel.addWidget(self.trend)
        panel.addWidget(self.trend_text)
        panel.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Class")))
        top.addWidget(self.class_box, 1)
        top.addWidget(self.capacity)
        # The class's cards for the sheet's scanner (app.ui.id_cards).
        self.cards_button = named(
            QPushButton(self.tr("Print ID cards…")), self.tr("Print the ID cards of the class")
        )
        self.card_printer = CardPrinter(runner, self)
        self.card_printer.sig_said.connect(self.message.setText)
        self.cards_button.clicked.connect(self.print_cards)
        top.addWidget(self.cards_button)
        actions = QHBoxLayout()
        actions.addWidget(self.reason, 1)
        for button in (self.withdraw_button, self.complete_button, self.transfer_button):
            actions.addWidget(button)
        actions.addWidget(self.target_box)
        actions.addWidget(self.promote_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Rosters") + "</h2>"))
        layout.addLayout(top)
        layout.addWidget(self.enrol)
        layout.addWidget(self.matches)
        layout.addWidget(self.message)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(trend_panel)
        layout.addLayout(body, 1)
        layout.addLayout(actions)

        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._search)
        self.enrol.textChanged.connect(lambda _t: self._debounce.start())
        self.enrol.installEventFilter(self)
        self.class_box.currentIndexChanged.connect(self._on_class_box_changed)
        self.withdraw_button.clicked.connect(
            lambda: self._end(EnrollmentStatus.INCOMPLETE_WITHDRAWN)
        )
        self.complete_button.clicked.connect(lambda: self._end(EnrollmentStatus.COMPLETED))
        self.transfer_button.clicked.connect(self._transfer)
        self.promote_button.clicked.connect(self._promote)
        changes.sig_changed.connect(self._on_changes)
        self._reload_when_shown = ReloadWhenShown(self, self.reload)

    # -- context ------------------------------------------------------------------------------

    def set_context(self, services: DeskServices, facility_id: uuid.UUID) -> None:
        if facility_id == self._facility_id:
            self._wanted_class = self.class_box.currentData() or self._wanted_class
        else:
            self._wanted_class = None
        self._services = services
        self._facility_id = facility_id
        self._roster = None
        self.model.set_rows([])
        for box in (self.class_box, self.target_box):
            refill(box, ())
        for label in (self.capacity, self.message, self.trend_text):
            label.clear()
        self.enrol.clear()
        self._runner.run(
            lambda: services.classes.list_classes(facility_id),
            lambda classes: self._on_classes_loaded(facility_id, classes),
        )

    def _on_changes(self, changes: Changes) -> None:
        """Enrolments, marks or people changed (here, on another screen, or by a sync)."""
        if changes.touches(CLASSES, facility_id=self._facility_id) and self._services:
            self.set_context(self._services, changes.facility_id or self._facility_id)  # type: ignore[arg-type]
        elif changes.touches(ENROLLMENTS, ATTENDANCE, PEOPLE, facility_id=self._facility_id):
            self._reload_when_shown.request()

    def _on_classes_loaded(self, facility_id: uuid.UUID, classes: list[ClassSummary]) -> None:
        if facility_id != self._facility_id:
            return  # an answer for a facility no longer shown
        shown = self.class_box.currentData() or self._wanted_class
        choices = [(c.name, c.id) for c in classes]
        refill(self.class_box, choices, keep=shown)
        refill(self.target_box, choices, keep=None)
        if classes:
            self.reload()
        else:
            self.capacity.setText(self.tr("This facility has no classes yet."))

    def print_cards(self) -> None:
        """*Print ID cards…*: a card for every student enrolled in the class shown."""
        services, class_id = self._services, self.class_box.currentData()
        if services is not None and class_id is not None:
            self.card_printer.start(lambda: cards_for_class(services, class_id))

    def _on_class_box_changed(self, index: int) -> None:
        if index >= 0:
            self.reload()

    @property
    def roster(self) -> Roster | None:
        return self._roster

    def reload(self) -> None:
        services, class_id = self._services, self.class_box.currentData()
        if services is None or class_id is None:
            return
        self._runner.run(lambda: services.rosters.roster_for(class_id), self._on_roster_loaded)
        self._runner.run(
            lambda: services.trends.class_weekly(class_id),
            lambda trend: self._on_trend_loaded(class_id, trend),
        )

    def _on_trend_loaded(self, class_id: uuid.UUID, trend: WeeklyTrend) -> None:
        if class_id != self.class_box.currentData():
            return  # an answer for a class no longer shown
        self.trend.set_trend(trend)
        self.trend_text.setText(trend.summary())
        self.sig_trend_loaded.emit(trend)

    def _on_roster_loaded(self, roster: Roster) -> None:
        if roster.class_id != self.class_box.currentData():
            return  # an answer for a class no longer shown
        self._roster = roster
        self.model.set_rows([*roster.enrolled, *roster.waitlisted, *roster.others])
        enrolled = len(roster.enrolled)
        text = (
            self.tr("{n} enrolled, no limit").format(n=enrolled)
            if roster.capacity is None
            else self.tr("{n} enrolled of {capacity}").format(n=enrolled, capacity=roster.capacity)
        )
        if roster.places_left is not None:
            text += " · " + self.tr("{n} places left").format(n=roster.places_left)
        text += " · " + self.tr("{n} waitlisted").format(n=len(roster.waitlisted))
        self.capacity.setText(text)
        self.sig_loaded.emit(self.model.rowCount())

    # -- enrolling ----------------------------------------------------------------------------

    def _search(self) -> None:
        services, facility, text = self._services, self._facility_id, self.enrol.text().strip()
        if services is None or not text:
            self.matches.clear()
            self.matches.hide()
            return
        self._runner.run(
            lambda: services.people.search_students(facility, text, limit=MATCHES),
            lambda found: self._on_matches(found, text),
        )

    def _on_matches(self, found: list[StudentSummary], text: str) -> None:
        if text != self.enrol.text().strip():
            return
        self.matches.clear()
        for s in found:
            item = QListWidgetItem(f"{s.display_name} · {s.student_number or ''}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.matches.addItem(item)
        self.matches.setVisible(bool(found))
        if found:
            self.matches.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.enrol and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.matches.count() - 1, self.matches.currentRow() + step))
                self.matches.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                waitlist = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                self.enrol_current_match(allow_waitlist=waitlist)
                return True
        return False

    def enrol_current_match(self, *, allow_waitlist: bool = False) -> None:
        services, class_id, item = (
            self._services,
            self.class_box.currentData(),
            self.matches.currentItem(),
        )
        if services is None or class_id is None or item is None or not self.matches.isVisible():
            return
        student_id = item.data(Qt.ItemDataRole.UserRole)
        name = item.text().split(" · ")[0]

        def done(_entry: object) -> None:
            self.enrol.clear()
            self.matches.clear()
            self.matches.hide()
            if allow_waitlist:
                self._done(self.tr("{name} waitlisted.").format(name=name))
            else:
                self._done(self.tr("{name} enrolled.").format(name=name))

        def failed(error: BaseException) -> None:
            if isinstance(error, CapacityExceeded):
                self.refuse(
                    self.tr("{refusal} Press Ctrl+Enter to put {name} on the waitlist.").format(
                        refusal=error.message, name=name
                    )
                )
                return
            self.failed(error)

        self.write(
            lambda: services.rosters.enrol(class_id, student_id, allow_waitlist=allow_waitlist),
            done,
            failed,
            source=SOURCE,
        )

    # -- ending, transferring, promoting ------------------------------------------------------

    def _selected_ids(self) -> list[uuid.UUID]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.row_at(r).enrollment_id for r in rows]

    def _end(self, status: EnrollmentStatus) -> None:
        services, ids, reason = self._services, self._selected_ids(), self.reason.text()
        if services is None or not ids:
            self.refuse(self.tr("Select the students first."))
            return
        self._act(
            lambda: services.rosters.change_status_many(ids, status, reason or None),
            f"{len(ids)} {status.value.lower()}.",
        )

    def _transfer(self) -> None:
        services, ids, reason = self._services, self._selected_ids(), self.reason.text()
        target = self.target_box.currentData()
        if services is None or len(ids) != 1 or target is None:
            self.refuse(self.tr("Select one student and the class to transfer to."))
            return
        self._act(
            lambda: services.rosters.transfer(ids[0], target, reason),
            f"Transferred to {self.target_box.currentText()}.",
        )

    def _promote(self) -> None:
        services, class_id = self._services, self.class_box.currentData()
        if services is None or class_id is None:
            return
        self._act(
            lambda: services.rosters.promote_waitlist(class_id),
            "Waitlist promoted where places were free.",
        )

    def _act(self, work: Callable[[], Any], done_text: str) -> None:
        def done(_result: object) -> None:
            self.reason.clear()
            self._done(done_text)

        self.write(work, done, self.failed, source=SOURCE)

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.sig_changed.emit(text)
