"""Past sessions still missing attendance, as a small table model."""

from __future__ import annotations

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services.attendance_dto import MissingAttendance
from app.ui.models.tuple_table import TupleTableModel


class MissingTableModel(TupleTableModel[MissingAttendance]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "When"),
        QT_TRANSLATE_NOOP("columns", "Class"),
        QT_TRANSLATE_NOOP("columns", "Instructor"),
        QT_TRANSLATE_NOOP("columns", "Marked"),
    )

    def cells(self, m: MissingAttendance) -> tuple[str, ...]:
        return (
            f"{m.start_local:%a %d %b %H:%M}",
            m.class_name,
            m.instructor_name or "",
            f"{m.marked} of {m.expected}",
        )
