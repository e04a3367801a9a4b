"""Today: the facility's sessions today and for the rest of the week, attendance still missing,
the week at a glance and the students at risk.

Each list reloads by itself when the change hub says its tables changed in this facility
(marks taken on the sheet, a session cancelled on the calendar, a sync), and says what is empty
and why when it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services.attendance_dto import MissingAttendance
from app.services.changes import (
    ATTENDANCE,
    CLASSES,
    ENROLLMENTS,
    OVERRIDES,
    PEOPLE,
    SERIES,
    Changes,
)
from app.services.disruptions import DISRUPTIONS
from app.services.facade import DeskServices
from app.services.risk_dto import AtRiskList, StudentAtRisk
from app.services.schedule import OccurrenceView
from app.services.trends_dto import WeekGlance
from app.ui.changes import ChangeHub
from app.ui.charts import WeekGlanceChart
from app.ui.language import locale_day, long_day
from app.ui.models.missing_table import MissingTableModel
from app.ui.models.occurrence_table import OccurrenceTableModel
from app.ui.models.tuple_table import TupleTableModel
from app.ui.tasks import TaskRunner
from app.ui.views.record_screen import RecordScreen

MISSING_DAYS = 14
T = TypeVar("T")


class AtRiskTableModel(TupleTableModel[StudentAtRisk]):
    """Students at risk, one row per enrolment."""

    COLUMNS = (
        "Student",
        QT_TRANSLATE_NOOP("columns", "Why"),
        QT_TRANSLATE_NOOP("columns", "Class"),
    )

    def cells(self, s: StudentAtRisk) -> tuple[str, ...]:
        return (s.display_name, s.why, s.class_name)

    def tooltip(self, s: StudentAtRisk, column: int) -> str | None:
        number = f" ({s.student_number})" if s.student_number else ""
        return f"{s.display_name}{number}, {s.class_name}: {s.why}"


def _column(*widgets: QWidget) -> QWidget:
    """Widgets one above the other, the last one taking the height."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is widgets[-1] else 0)
    return box


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return view


class TodayView(RecordScreen):
    """Sessions of the current facility from today to the end of the week, in its timezone,
    past sessions of the last two weeks still missing attendance (Enter opens the sheet), the
    week's sessions per day and hour, and the students at risk (Alt+R, Enter opens the record).
    """

    sig_loaded = Signal(int)
    sig_missing_loaded = Signal(int)
    sig_risk_loaded = Signal(int)
    sig_glance_loaded = Signal()

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self._facility_name = ""
        self._today = date.min
        self._tokens: dict[str, int] = {}  # the latest load of each part; older answers drop
        self._stale: set[str] = set()  # parts changed while Today was not shown
        self.heading = QLabel()
        self.sessions_note = QLabel()
        self.sessions_note.setWordWrap(True)
        self.sessions_note.hide()
        self.model = OccurrenceTableModel(self)
        self.table = _table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.missing_model = MissingTableModel(self)
        self.missing = _table(self.missing_model)
        self.missing.activated.connect(self._on_missing_activated)
        self.missing_heading = QLabel()
        self.glance_heading = QLabel("<h3>" + self.tr("This week") + "</h3>")
        self.glance = WeekGlanceChart()
        self.risk_model = AtRiskTableModel(self)
        self.risk = _table(self.risk_model)
        self.risk.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.risk.horizontalHeader().setStretchLastSection(True)
        self.risk.setWordWrap(False)
        self.risk.activated.connect(self._on_risk_activated)
        self.risk_heading = QLabel(self.tr("Students at &risk"))
        font = self.risk_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.risk_heading.setFont(font)
        self.risk_heading.setBuddy(self.risk)
        self.risk_note = QLabel()
        self.risk_note.setWordWrap(True)

        # Sessions beside the week's picture; what needs doing (missing marks, students at risk)
        # below, side by side. Splitters keep every part reachable on a small screen.
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(_column(self.sessions_note, self.table))
        top.addWidget(_column(self.glance_heading, self.glance))
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(_column(self.missing_heading, self.missing))
        bottom.addWidget(_column(self.risk_heading, self.risk_note, self.risk))
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        for splitter in (top, bottom, self.splitter):
            splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.splitter, 1)
        for widget, name in (
            (self.table, self.tr("Sessions today and in the next 6 days")),
            (self.missing, self.tr("Attendance still missing")),
            (self.risk, self.tr("Students at risk")),
        ):
            widget.setAccessibleName(name)
        changes.sig_changed.connect(self._on_changes)

    def set_context(
        self, services: DeskServices, facility_id: UUID, facility_name: str, timezone: str
    ) -> None:
        self._services = services
        self._facility_id = facility_id
        self._facility_name = facility_name
        self._today = today = services.clock.now().astimezone(ZoneInfo(timezone)).date()
        self.heading.setText(
            "<h2>"
            + self.tr("Today and the next 7 days — {facility}").format(facility=facility_name)
            + "</h2>"
            + self.tr("{day} · times in {timezone}").format(day=long_day(today), timezone=timezone)
        )
        # Nothing of the previous facility stays on screen while this one loads.
        self.model.set_rows([])
        self.missing_model.set_rows([])
        self.risk_model.set_rows([])
        self.sessions_note.hide()
        self.missing_heading.setText("<h3>" + self.tr("Attendance still missing") + "</h3>")
        self.risk_note.setText(self.tr("Looking for students at risk…"))
        self._stale.clear()
        self._load_sessions()
        self._load_missing()
        self._load_risk()
        self._load_glance()

    def _on_changes(self, changes: Changes) -> None:
        """Reload the parts whose tables changed in this facility; while another screen is
        shown (thirty marks in a row on the sheet), once when Today is shown again."""
        facility = self._facility_id
        if self._services is None or facility is None:
            return
        if changes.touches(SERIES, OVERRIDES, CLASSES, PEOPLE, DISRUPTIONS, facility_id=facility):
            self._stale |= {"sessions", "glance", "missing", "risk"}  # a disruption: not held
        if changes.touches(
            ATTENDANCE, SERIES, OVERRIDES, ENROLLMENTS, CLASSES, PEOPLE, facility_id=facility
        ):
            self._stale |= {"missing", "risk"}
        if self.isVisible():
            self._reload_stale()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reload_stale()

    def _reload_stale(self) -> None:
        stale, self._stale = self._stale, set()
        loads = {
            "sessions": self._load_sessions,
            "glance": self._load_glance,
            "missing": self._load_missing,
            "risk": self._load_risk,
        }
        for part in sorted(stale):
            loads[part]()

    def _load(
        self, part: str, work: Callable[[DeskServices, UUID], T], done: Callable[[T], None]
    ) -> None:
        """Run one part's load, ``work(services, facility)`` (none before a facility is shown);
        an answer overtaken by a newer load of that part is dropped."""
        services, facility = self._services, self._facility_id
        if services is None or facility is None:
            return
        token = self._tokens.get(part, 0) + 1
        self._tokens[part] = token

        def landed(result: T) -> None:
            if self._tokens.get(part) == token:
                done(result)

        self._runner.run(lambda: work(services, facility), landed)

    def _load_sessions(self) -> None:
        today = self._today
        end = today + timedelta(days=6)
        self._load("sessions", lambda s, f: s.schedule.occurrences(f, today, end), self._on_loaded)

    def _load_missing(self) -> None:
        today = self._today
        since = today - timedelta(days=MISSING_DAYS)
        self._load(
            "missing",
            lambda s, f: s.attendance.missing_attendance(f, since, today),
            self._on_missing_loaded,
        )

    def _load_risk(self) -> None:
        self._load("risk", lambda s, f: s.risk.students_at_risk(f), self._on_risk_loaded)

    def _load_glance(self) -> None:
        self._load(
            "glance",
            lambda s, f: (f, s.trends.week_at_a_glance(f)),
            lambda found: self._on_glance_loaded(*found),
        )

    def _on_missing_loaded(self, rows: list[MissingAttendance]) -> None:
        self.missing_model.set_rows(rows)
        self.missing_heading.setText(
            "<h3>"
            + self.tr("Attendance still missing")
            + "</h3>"
            + (
                (
                    self.tr("1 past session of the last {days} days — Enter opens")
                    if len(rows) == 1
                    else self.tr("{n} past sessions of the last {days} days — Enter opens")
                ).format(n=len(rows), days=MISSING_DAYS)
                if rows
                else self.tr(
                    "Nothing is missing: every session that ended in the last "
                    "{days} days is fully marked."
                ).format(days=MISSING_DAYS)
            )
        )
        self.sig_missing_loaded.emit(len(rows))

    def _on_missing_activated(self, index: QModelIndex) -> None:
        m = self.missing_model.row_at(index.row())
        self.sig_open_sheet.emit(m.series_id, m.original_date)

    def _on_loaded(self, rows: list[OccurrenceView]) -> None:
        self.model.set_rows(rows)
        end = self._today + timedelta(days=6)
        self.sessions_note.setText(
            self.tr("No sessions from today to {day}: no class of {facility} meets then.").format(
                day=locale_day(end), facility=self._facility_name
            )
        )
        self.sessions_note.setVisible(not rows)
        self.sig_loaded.emit(len(rows))

    def _on_glance_loaded(self, facility_id: UUID, glance: WeekGlance) -> None:
        if facility_id != self._facility_id:
            return  # an answer for a facility no longer shown
        self.glance.set_glance(glance)
        total = sum(glance.per_day().values())
        self.glance_heading.setText(
            "<h3>"
            + self.tr("This week")
            + "</h3>"
            + self.tr("{total} sessions from {day} — hover for classes").format(
                total=total, day=locale_day(glance.week_start)
            )
        )
        self.sig_glance_loaded.emit()

    def _on_risk_loaded(self, found: AtRiskList) -> None:
        if found.facility_id != self._facility_id:
            return
        self.risk_model.set_rows(found.students)
        where = self.tr("your classes") if found.mine_only else self.tr("the facility")
        n = len(found.students)
        if n:
            self.risk_note.setText(
                self.tr(
                    "{n} in {where}: not attended yet, 3 unexcused absences or 3 in a row"
                    " — Enter opens the record"
                ).format(n=n, where=where)
            )
        else:
            self.risk_note.setText(
                self.tr(
                    "No students at risk in {where}: nobody has 3 unexcused absences "
                    "or 3 in a row, and everyone enrolled has attended."
                ).format(where=where)
            )
        self.sig_risk_loaded.emit(n)

    def _on_risk_activated(self, index: QModelIndex) -> None:
        """Enter or double-click: the student's record, as from the student list."""
        if index.isValid():
            self.open_record(self.risk_model.row_at(index.row()).student_id)
