"""Past sessions still missing attendance, as a small table model."""

from __future__ import annotations

from app.domain.i18n import QT_TRANSLATE_NOOP, translate
from app.services.attendance_dto import MissingAttendance
from app.ui.language import table_when
from app.ui.models.tuple_table import TupleTableModel


class MissingTableModel(TupleTableModel[MissingAttendance]):
    CELL_TIPS = True
    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "When"),
        QT_TRANSLATE_NOOP("columns", "Class"),
        QT_TRANSLATE_NOOP("columns", "Instructor"),
        QT_TRANSLATE_NOOP("columns", "Marked"),
    )

    def cells(self, m: MissingAttendance) -> tuple[str, ...]:
        return (
            table_when(m.start_local),
            m.class_name,
            m.instructor_name or "",
            translate("columns", "{marked} of {expected}").format(
                marked=m.marked, expected=m.expected
            ),
        )
