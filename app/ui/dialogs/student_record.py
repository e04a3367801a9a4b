"""A student's record: profile, guardians, enrolments and their history, attendance against the
program's policy, attendance by week and hours against the requirement as charts, curriculum
progress, credentials, case notes, the audit trail, and medical details for admins.

Everything is read in one background task; each tab is a small table or, for the trend, two
charts with their numbers in words. Ctrl+Tab moves between tabs (Alt+U goes to the curriculum,
Alt+M to the marks, where Enter opens that session's sheet), Esc closes. An empty tab says what
is empty and why.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
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

from app.domain.i18n import QT_TRANSLATE_NOOP, decimal_text, translate
from app.domain.value_labels import value_text
from app.services.curriculum_dto import ProgramProgressDTO
from app.services.facade import DeskServices
from app.services.trends_dto import HoursProgress, WeeklyTrend
from app.ui.charts import HoursChart, WeeklyRateChart
from app.ui.dialogs.record_curriculum import CurriculumTab
from app.ui.id_cards import CardPrinter, cards_for_student
from app.ui.messages import refusal
from app.ui.models.tuple_table import TextRowsModel
from app.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
Rows = list[tuple[str, ...]]


TABS: dict[str, tuple[str, ...]] = {
    "Profile": (QT_TRANSLATE_NOOP("columns", "Field"), QT_TRANSLATE_NOOP("columns", "Value")),
    "Guardians": (
        QT_TRANSLATE_NOOP("columns", "Name"),
        QT_TRANSLATE_NOOP("columns", "Relationship"),
        QT_TRANSLATE_NOOP("columns", "Phone"),
        QT_TRANSLATE_NOOP("columns", "Email"),
    ),
    "Enrolments": (
        QT_TRANSLATE_NOOP("columns", "Class"),
        QT_TRANSLATE_NOOP("columns", "Program"),
        QT_TRANSLATE_NOOP("columns", "Status"),
        QT_TRANSLATE_NOOP("columns", "Since"),
        QT_TRANSLATE_NOOP("columns", "Ended"),
        QT_TRANSLATE_NOOP("columns", "Reason"),
        QT_TRANSLATE_NOOP("columns", "History"),
    ),
    "Attendance": (
        QT_TRANSLATE_NOOP("columns", "Class"),
        QT_TRANSLATE_NOOP("columns", "Held"),
        QT_TRANSLATE_NOOP("columns", "Attended"),
        QT_TRANSLATE_NOOP("columns", "Absences"),
        QT_TRANSLATE_NOOP("columns", "Made up"),
        QT_TRANSLATE_NOOP("columns", "Rate"),
        QT_TRANSLATE_NOOP("columns", "Hours"),
        QT_TRANSLATE_NOOP("columns", "Still needed"),
    ),
    "&Marks": (
        QT_TRANSLATE_NOOP("columns", "Session"),
        QT_TRANSLATE_NOOP("columns", "Class"),
        QT_TRANSLATE_NOOP("columns", "Status"),
        QT_TRANSLATE_NOOP("columns", "Marked by"),
        QT_TRANSLATE_NOOP("columns", "Review"),
    ),
    "Credentials": (
        QT_TRANSLATE_NOOP("columns", "Title"),
        QT_TRANSLATE_NOOP("columns", "Kind"),
        QT_TRANSLATE_NOOP("columns", "Issued"),
        QT_TRANSLATE_NOOP("columns", "Serial"),
    ),
    "Case notes": (
        QT_TRANSLATE_NOOP("columns", "When"),
        QT_TRANSLATE_NOOP("columns", "By"),
        QT_TRANSLATE_NOOP("columns", "Category"),
        QT_TRANSLATE_NOOP("columns", "Note"),
    ),
    "Audit trail": (
        QT_TRANSLATE_NOOP("columns", "When"),
        QT_TRANSLATE_NOOP("columns", "Who"),
        QT_TRANSLATE_NOOP("columns", "Workstation"),
        QT_TRANSLATE_NOOP("columns", "What"),
        QT_TRANSLATE_NOOP("columns", "Changes"),
    ),
    "Medical": (QT_TRANSLATE_NOOP("columns", "Field"), QT_TRANSLATE_NOOP("columns", "Value")),
}


# The tabs' names, translated where they are shown (self.tr of the dialog).
TAB_NAMES = (
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Profile"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Guardians"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Enrolments"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Attendance"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "&Marks"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Credentials"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Case notes"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Audit trail"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Medical"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "Trend and hours"),
    QT_TRANSLATE_NOOP("StudentRecordDialog", "C&urriculum"),
)
TREND_TAB = "Trend and hours"
TREND_AFTER = "&Marks"  # the charts' tab follows the attendance table and the marks
MARKS = "&Marks"

EMPTY: dict[str, str] = {
    "Guardians": QT_TRANSLATE_NOOP("StudentRecordDialog", "No guardians recorded."),
    "Enrolments": QT_TRANSLATE_NOOP("StudentRecordDialog", "Not enrolled in any class yet."),
    "Attendance": QT_TRANSLATE_NOOP(
        "StudentRecordDialog",
        "No attendance yet: the student is in no class that has held a session.",
    ),
    MARKS: QT_TRANSLATE_NOOP(
        "StudentRecordDialog", "No marks yet: no session of this student has been marked."
    ),
    "Credentials": QT_TRANSLATE_NOOP("StudentRecordDialog", "No credentials yet."),
    "Case notes": QT_TRANSLATE_NOOP("StudentRecordDialog", "No case notes."),
    "Audit trail": QT_TRANSLATE_NOOP(
        "StudentRecordDialog", "No changes recorded for this student on this workstation."
    ),
    "Medical": QT_TRANSLATE_NOOP(
        "StudentRecordDialog", "No medical or emergency details recorded."
    ),
}
CURRICULUM_TAB = "C&urriculum"  # after the charts


@dataclass(frozen=True)
class StudentRecord:
    title: str
    tabs: dict[str, Rows]
    medical_note: str | None  # why the medical tab is empty, when it is
    trend: WeeklyTrend | None = None
    hours: tuple[HoursProgress, ...] = ()
    curriculum: tuple[ProgramProgressDTO, ...] = ()
    # Of the marks' rows: the session, and whether the mark is set for review.
    sessions: tuple[tuple[uuid.UUID, date, bool], ...] = field(default=())


def _review_text(needs_review: bool, not_held: str | None) -> str:
    """The mark's last column: set for review, and why its session was not held."""
    parts = ["Set for review"] if needs_review else []
    if not_held:
        parts.append(f"Not held (disruption): {not_held}")
    return " · ".join(parts)


def _v(value: Any) -> str:
    """A stored value (a status, a relationship, a kind) in the desk's words."""
    return "" if value is None else value_text(value)


def _d(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else str(value)
    return str(getattr(value, "value", value))


def load_record(services: DeskServices, student_id: uuid.UUID) -> StudentRecord:
    """Runs off the GUI thread: every part of the record, as rows of text."""
    people, records = services.people, services.records
    s = people.get_student(student_id)
    tabs: dict[str, Rows] = {}
    tabs["Profile"] = [
        (translate("StudentRecordDialog", "Name"), s.display_name),
        (translate("StudentRecordDialog", "Student number"), _d(s.student_number)),
        (translate("StudentRecordDialog", "Resident / DOC id"), _d(s.doc_id)),
        (translate("StudentRecordDialog", "Status"), value_text(s.status)),
        (translate("StudentRecordDialog", "Date of birth"), _d(s.date_of_birth)),
        (translate("StudentRecordDialog", "Enrolled since"), _d(s.enrollment_date)),
        (translate("StudentRecordDialog", "Email"), _d(s.email)),
        (translate("StudentRecordDialog", "Phone"), _d(s.phone)),
        (translate("StudentRecordDialog", "Address"), _d(s.address)),
    ]
    tabs["Guardians"] = [
        (g.display_name, _v(g.relationship), _d(g.phone), _d(g.email))
        for g in people.guardians_of(student_id)
    ]
    tabs["Enrolments"] = [
        (
            e.class_name,
            e.program_name,
            _v(e.status),
            _d(e.enrolled_at),
            _d(e.ended_at),
            _d(e.change_reason),
            " → ".join(_v(h.to_status) for h in e.history),
        )
        for e in services.rosters.enrollments_of_student(student_id)
    ]
    tabs["Attendance"] = [
        (
            a.class_name,
            str(a.held),
            str(a.attended),
            str(a.absences),
            str(a.made_up),
            "" if a.rate is None else f"{decimal_text(a.rate)}%",
            decimal_text(a.hours_earned),
            "" if a.hours_needed is None else decimal_text(a.hours_needed),
        )
        for a in services.attendance.student_summary(student_id)
    ]
    marks = records.recent_marks(student_id)
    tabs[MARKS] = [
        (
            m.when,
            m.class_name,
            m.status,
            m.marked_by,
            _review_text(m.needs_review, m.not_held),
        )
        for m in marks
    ]
    tabs["Credentials"] = [
        (c.title, _v(c.kind), _d(c.issued_on), _d(c.cert_serial))
        for c in records.credentials_of(student_id)
    ]
    tabs["Case notes"] = [
        (_d(n.created_at), _d(n.created_by), _d(n.category), n.body)
        for n in records.case_notes_of(student_id)
    ]
    tabs["Audit trail"] = [
        (a.when, a.who, a.workstation, a.what, a.changes)
        for a in records.student_audit_lines(student_id)
    ]
    note = None
    if people.may_see_medical():
        m = people.get_medical(student_id)
        tabs["Medical"] = [
            (translate("StudentRecordDialog", "Emergency contact"), _d(m.emergency_contact_name)),
            (translate("StudentRecordDialog", "Their phone"), _d(m.emergency_contact_phone)),
            (
                translate("StudentRecordDialog", "Relationship"),
                _d(m.emergency_contact_relationship),
            ),
            (translate("StudentRecordDialog", "Allergies"), _d(m.allergies)),
            (translate("StudentRecordDialog", "Medical notes"), _d(m.medical_notes)),
        ]
    else:
        tabs["Medical"] = []
        note = translate(
            "StudentRecordDialog", "Medical and emergency details are shown to administrators only."
        )
    trend = services.trends.student_weekly(student_id)
    hours = tuple(services.trends.hours_progress(student_id))
    curriculum = tuple(records.curriculum_of(student_id))
    sessions = tuple((m.series_id, m.original_date, m.needs_review) for m in marks)
    return StudentRecord(s.display_name, tabs, note, trend, hours, curriculum, sessions)


class StudentRecordDialog(QDialog):
    """The record of one student, loaded in the background when opened."""

    sig_loaded = Signal()
    sig_open_session = Signal(object, object)  # series id, original date: open its sheet
    sig_open_review = Signal(object, object, object)  # series id, date, student: a mark in review

    def __init__(
        self,
        services: DeskServices,
        runner: TaskRunner,
        student_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Student record"))
        self.title = QLabel(self.tr("Loading…"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the record"))
        self.models: dict[str, TextRowsModel] = {}
        self.views: dict[str, QTableView] = {}
        self.empty: dict[str, QLabel] = {}
        self._sessions: tuple[tuple[uuid.UUID, date, bool], ...] = ()
        self._student_id = student_id
        for name, columns in TABS.items():
            model = TextRowsModel(columns, self)
            view = QTableView()
            view.setModel(model)
            view.setAccessibleName(self.tr(name).replace("&", ""))
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.models[name] = model
            self.views[name] = view
            page = QWidget()
            empty = QLabel(self.tr(EMPTY.get(name, "")))
            empty.setWordWrap(True)
            empty.hide()
            self.empty[name] = empty
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(empty, 0, Qt.AlignmentFlag.AlignTop)
            box.addWidget(view, 1)
            page.setFocusProxy(view)
            self.tabs.addTab(page, self.tr(name))
            if name == TREND_AFTER:
                self.tabs.addTab(self._trend_tab(), self.tr(TREND_TAB))
                self.curriculum = CurriculumTab()
                self.tabs.addTab(self.curriculum, self.tr(CURRICULUM_TAB))
        self.medical_note = QLabel()
        marks = self.views[MARKS]
        marks.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        marks.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        marks.setToolTip(self.tr("Enter or double-click opens that session's attendance sheet."))
        marks.activated.connect(self._on_marks_activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            self.tr("Close the record")
        )
        buttons.rejected.connect(self.reject)
        # The student's card for the sheet's scanner (app.ui.id_cards).
        self.card_button = buttons.addButton(
            self.tr("&Print ID card…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.card_button.setAccessibleName(self.tr("Print the student's ID card"))
        self.card_note = QLabel()
        self.card_printer = CardPrinter(runner, self)
        self.card_printer.sig_said.connect(self.card_note.setText)
        self.card_button.clicked.connect(
            lambda: self.card_printer.start(lambda: cards_for_student(services, student_id))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.medical_note)
        layout.addWidget(self.card_note)
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
            # The medical tab's note says why it is empty for those who may not see it.
            shown = not rows and not (name == "Medical" and record.medical_note)
            self.empty[name].setVisible(shown)
            self.views[name].setVisible(bool(rows) or not shown)
        self._sessions = record.sessions
        self.trend_chart.set_trend(record.trend)
        self.trend_text.setText(self.trend_chart.summary())
        self.hours_chart.set_progress(record.hours)
        self.hours_text.setText(self.hours_chart.summary())
        self.curriculum.set_programs(record.curriculum)
        self.medical_note.setText(record.medical_note or "")
        self.sig_loaded.emit()

    def _on_marks_activated(self, index: QModelIndex) -> None:
        """Enter or double-click on a mark: that session's sheet, the record closed; a mark set
        for review (its session may be cancelled, moved or gone) opens in the review queue."""
        if not index.isValid() or index.row() >= len(self._sessions):
            return
        series_id, day, in_review = self._sessions[index.row()]
        self.accept()
        if in_review:
            self.sig_open_review.emit(series_id, day, self._student_id)
        else:
            self.sig_open_session.emit(series_id, day)

    def _on_failed(self, error: BaseException) -> None:
        self.sig_loaded.emit()  # the record will not come: nobody waits for it
        self.title.setText(refusal(error))
