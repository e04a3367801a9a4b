"""A student's record: profile, guardians, enrolments and their history, attendance against the
program's policy, attendance by week and hours against the requirement as charts, curriculum
progress, credentials, case notes, the audit trail, and medical details for admins.

Everything is read in one background task; each tab is a small table or, for the trend, two
charts with their numbers in words. Ctrl+Tab moves between tabs (Alt+U goes to the curriculum),
Esc closes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.errors import DomainError
from app.services.curriculum_dto import ProgramProgressDTO
from app.services.trends_dto import HoursProgress, WeeklyTrend
from app.ui.charts import HoursChart, WeeklyRateChart
from app.ui.dialogs.record_curriculum import CurriculumTab
from app.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
Rows = list[tuple[str, ...]]


class RowsTableModel(QAbstractTableModel):
    """Fixed columns over rows of text, replaced whole; ``data()`` never does I/O."""

    def __init__(self, columns: Sequence[str]) -> None:
        super().__init__()
        self._columns = tuple(columns)
        self._rows: Rows = []

    def set_rows(self, rows: Rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return self._rows[index.row()][index.column()]


TABS: dict[str, tuple[str, ...]] = {
    "Profile": ("Field", "Value"),
    "Guardians": ("Name", "Relationship", "Phone", "Email"),
    "Enrolments": ("Class", "Program", "Status", "Since", "Ended", "Reason", "History"),
    "Attendance": ("Class", "Held", "Attended", "Absences", "Rate", "Hours", "Still needed"),
    "Credentials": ("Title", "Kind", "Issued", "Serial"),
    "Case notes": ("When", "By", "Category", "Note"),
    "Audit trail": ("When", "Who", "Workstation", "What", "Changes"),
    "Medical": ("Field", "Value"),
}


TREND_TAB = "Trend and hours"
TREND_AFTER = "Attendance"  # the charts' tab follows the attendance table
CURRICULUM_TAB = "C&urriculum"  # after the charts


@dataclass(frozen=True)
class StudentRecord:
    title: str
    tabs: dict[str, Rows]
    medical_note: str | None  # why the medical tab is empty, when it is
    trend: WeeklyTrend | None = None
    hours: tuple[HoursProgress, ...] = ()
    curriculum: tuple[ProgramProgressDTO, ...] = ()


def _d(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else str(value)
    return str(getattr(value, "value", value))


def load_record(services: Services, student_id: uuid.UUID) -> StudentRecord:
    """Runs off the GUI thread: every part of the record, as rows of text."""
    people, records = services.people, services.records
    s = people.get_student(student_id)
    tabs: dict[str, Rows] = {}
    tabs["Profile"] = [
        ("Name", s.display_name),
        ("Student number", _d(s.student_number)),
        ("Resident / DOC id", _d(s.doc_id)),
        ("Status", _d(s.status)),
        ("Date of birth", _d(s.date_of_birth)),
        ("Enrolled since", _d(s.enrollment_date)),
        ("Email", _d(s.email)),
        ("Phone", _d(s.phone)),
        ("Address", _d(s.address)),
    ]
    tabs["Guardians"] = [
        (g.display_name, _d(g.relationship), _d(g.phone), _d(g.email))
        for g in people.guardians_of(student_id)
    ]
    tabs["Enrolments"] = [
        (
            e.class_name,
            e.program_name,
            _d(e.status),
            _d(e.enrolled_at),
            _d(e.ended_at),
            _d(e.change_reason),
            " → ".join(_d(h.to_status) for h in e.history),
        )
        for e in services.rosters.enrollments_of_student(student_id)
    ]
    tabs["Attendance"] = [
        (
            a.class_name,
            str(a.held),
            str(a.attended),
            str(a.absences),
            "" if a.rate is None else f"{a.rate}%",
            _d(a.hours_earned),
            _d(a.hours_needed),
        )
        for a in services.attendance.student_summary(student_id)
    ]
    tabs["Credentials"] = [
        (c.title, _d(c.kind), _d(c.issued_on), _d(c.cert_serial))
        for c in records.credentials_of(student_id)
    ]
    tabs["Case notes"] = [
        (_d(n.created_at), _d(n.created_by), _d(n.category), n.body)
        for n in records.case_notes_of(student_id)
    ]
    tabs["Audit trail"] = [
        (
            _d(a.changed_at),
            _d(a.changed_by),
            _d(a.device_id),
            f"{_d(a.action)} {a.table_name}",
            json.dumps(dict(a.new_values or {}), default=str)[:200],
        )
        for a in records.student_audit_trail(student_id)
    ]
    note = None
    if people.may_see_medical():
        m = people.get_medical(student_id)
        tabs["Medical"] = [
            ("Emergency contact", _d(m.emergency_contact_name)),
            ("Their phone", _d(m.emergency_contact_phone)),
            ("Relationship", _d(m.emergency_contact_relationship)),
            ("Allergies", _d(m.allergies)),
            ("Medical notes", _d(m.medical_notes)),
        ]
    else:
        tabs["Medical"] = []
        note = "Medical and emergency details are shown to administrators only."
    trend = services.trends.student_weekly(student_id)
    hours = tuple(services.trends.hours_progress(student_id))
    curriculum = tuple(records.curriculum_of(student_id))
    return StudentRecord(s.display_name, tabs, note, trend, hours, curriculum)


class StudentRecordDialog(QDialog):
    """The record of one student, loaded in the background when opened."""

    sig_loaded = Signal()

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        student_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Student record"))
        self.title = QLabel(self.tr("Loading…"))
        self.tabs = QTabWidget()
        self.models: dict[str, RowsTableModel] = {}
        for name, columns in TABS.items():
            model = RowsTableModel(columns)
            view = QTableView()
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.models[name] = model
            self.tabs.addTab(view, self.tr(name))
            if name == TREND_AFTER:
                self.tabs.addTab(self._trend_tab(), self.tr(TREND_TAB))
                self.curriculum = CurriculumTab()
                self.tabs.addTab(self.curriculum, self.tr(CURRICULUM_TAB))
        self.medical_note = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.medical_note)
        layout.addWidget(buttons)
        # Wide enough for every tab: a scrolling tab bar hides tabs and takes Tab's focus.
        self.resize(max(900, self.tabs.tabBar().sizeHint().width() + 40), 560)
        runner.run(lambda: load_record(services, student_id), self._on_loaded, self._on_failed)

    def _trend_tab(self) -> QWidget:
        self.trend_chart = WeeklyRateChart(self.tr("Attendance by week"))
        self.trend_text = QLabel()
        self.hours_chart = HoursChart(self.tr("Hours earned against hours required"))
        self.hours_text = QLabel()
        tab = QWidget()
        layout = QVBoxLayout(tab)
        for heading, chart, text in (
            (self.tr("Attendance by week"), self.trend_chart, self.trend_text),
            (self.tr("Hours earned against hours required"), self.hours_chart, self.hours_text),
        ):
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(QLabel(f"<b>{heading}</b>"))
            layout.addWidget(chart, 1 if chart is self.trend_chart else 0)
            layout.addWidget(text)
        layout.addStretch(0)
        return tab

    def _on_loaded(self, record: StudentRecord) -> None:
        self.title.setText(f"<h2>{record.title}</h2>")
        for name, rows in record.tabs.items():
            self.models[name].set_rows(rows)
        self.trend_chart.set_trend(record.trend)
        self.trend_text.setText(self.trend_chart.summary())
        self.hours_chart.set_progress(record.hours)
        self.hours_text.setText(self.hours_chart.summary())
        self.curriculum.set_programs(record.curriculum)
        self.medical_note.setText(record.medical_note or "")
        self.sig_loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        text = error.message if isinstance(error, DomainError) else str(error)
        self.title.setText(text)
        self.sig_loaded.emit()
