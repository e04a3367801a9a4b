"""The student record's Curriculum tab: per enrolled program, modules and lessons completed out of
the curriculum, the percent and the last activity; below, the chosen program's lessons in order
with the student's status on each.

Both tables are views over models filled from the record's one background load; choosing a
program (arrow keys in the upper table) shows its lessons, Tab moves to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ProgressStatus
from app.domain.i18n import QT_TRANSLATE_NOOP, decimal_text
from app.domain.value_labels import value_text
from app.services.curriculum_dto import LessonStatusDTO, ProgramProgressDTO
from app.ui.dialogs.parts import row_table
from app.ui.models.tuple_table import TupleTableModel

Index = QModelIndex | QPersistentModelIndex


def _pct(program: ProgramProgressDTO) -> str:
    return "" if program.pct is None else f"{decimal_text(program.pct)}%"


def _status(status: ProgressStatus) -> str:
    """ "In progress", as a list shows a lesson's status, in the desk's words."""
    text = value_text(status)
    return text[:1].upper() + text[1:]


def _day(program_or_lesson: ProgramProgressDTO | LessonStatusDTO) -> str:
    day = program_or_lesson.last_activity
    return "" if day is None else day.isoformat()


def progress_in_words(program: ProgramProgressDTO) -> str:
    """One sentence with every number of the program's row, for reading aloud or copying."""
    if program.lessons_total == 0:
        return f"{program.program_name}: no lessons in the curriculum yet."
    text = (
        f"{program.program_name}: {program.lessons_completed} of {program.lessons_total} "
        f"lessons completed ({_pct(program)}), {program.lessons_in_progress} in progress; "
        f"{program.modules_completed} of {program.modules_total} modules completed."
    )
    if program.last_activity is not None:
        text += f" Last activity {_day(program)}."
    return text


class CurriculumSummaryTableModel(TupleTableModel[ProgramProgressDTO]):
    """One row per enrolled program: its progress through the curriculum in numbers."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "Program"),
        QT_TRANSLATE_NOOP("columns", "Modules completed"),
        QT_TRANSLATE_NOOP("columns", "Lessons completed"),
        QT_TRANSLATE_NOOP("columns", "In progress"),
        QT_TRANSLATE_NOOP("columns", "Percent"),
        QT_TRANSLATE_NOOP("columns", "Last activity"),
    )
    NUMERIC = frozenset({1, 2, 3, 4})

    def cells(self, p: ProgramProgressDTO) -> tuple[str, ...]:
        return (
            p.program_name,
            f"{p.modules_completed} of {p.modules_total}",
            f"{p.lessons_completed} of {p.lessons_total}",
            str(p.lessons_in_progress),
            _pct(p),
            _day(p),
        )

    def tooltip(self, row: ProgramProgressDTO, column: int) -> str | None:
        return self.cells(row)[column]


class LessonStatusTableModel(TupleTableModel[LessonStatusDTO]):
    """The lessons of one program in curriculum order with the student's status on each."""

    COLUMNS = (
        "Module",
        QT_TRANSLATE_NOOP("columns", "Lesson"),
        QT_TRANSLATE_NOOP("columns", "Status"),
        QT_TRANSLATE_NOOP("columns", "Last activity"),
    )

    def cells(self, x: LessonStatusDTO) -> tuple[str, ...]:
        return (
            f"{x.module_position}. {x.module_name}",
            x.title,
            _status(x.status),
            _day(x),
        )

    def tooltip(self, row: LessonStatusDTO, column: int) -> str | None:
        return self.cells(row)[column]


def _table(model: QAbstractTableModel) -> QTableView:
    view = row_table(model)
    view.verticalHeader().hide()
    view.setTabKeyNavigation(False)  # Tab goes from the programs to their lessons, not cell to cell
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


class CurriculumTab(QWidget):
    """The programs' progress above, the chosen program's lessons below, the numbers in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.programs_model = CurriculumSummaryTableModel(self)
        self.lessons_model = LessonStatusTableModel(self)
        self.programs_view = _table(self.programs_model)
        self.lessons_view = _table(self.lessons_model)
        self.programs_view.setAccessibleName(self.tr("Programs"))
        self.lessons_view.setAccessibleName(self.tr("Lessons of the chosen program"))
        self.lessons_label = QLabel(self.tr("&Lessons"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        programs_label = QLabel(self.tr("&Programs"))
        self.lessons_label.setTextFormat(Qt.TextFormat.PlainText)
        programs_label.setBuddy(self.programs_view)
        self.lessons_label.setBuddy(self.lessons_view)
        layout = QVBoxLayout(self)
        layout.addWidget(programs_label)
        layout.addWidget(self.programs_view, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.lessons_label)
        layout.addWidget(self.lessons_view, 3)
        self.setFocusProxy(self.programs_view)
        self.programs_view.selectionModel().selectionChanged.connect(
            self._on_programs_selection_changed
        )

    def set_programs(self, programs: Sequence[ProgramProgressDTO]) -> None:
        self.programs_model.set_rows(programs)
        if programs:
            self.programs_view.selectRow(0)
        else:
            self.lessons_model.set_rows([])
            self.summary.setText(self.tr("Not enrolled in any program."))

    def _on_programs_selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        rows = sorted({i.row() for i in selected.indexes()})
        if rows:
            self._show_program(self.programs_model.row_at(rows[0]))

    def _show_program(self, program: ProgramProgressDTO) -> None:
        self.lessons_model.set_rows(program.lessons)
        # Plain text: a program's name may hold an "&"; doubled, it is not taken for a mnemonic.
        name = program.program_name.replace("&", "&&")
        self.lessons_label.setText(self.tr("&Lessons of %1").replace("%1", name))
        self.summary.setText(progress_in_words(program))
