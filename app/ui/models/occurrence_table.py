"""Occurrences of sessions (a day's or a week's) as a small table model."""

from __future__ import annotations

from PySide6.QtGui import QFont

from app.domain.i18n import QT_TRANSLATE_NOOP, translate
from app.services.schedule import OccurrenceView
from app.ui.language import hm, table_when
from app.ui.models.tuple_table import TupleTableModel


class OccurrenceTableModel(TupleTableModel[OccurrenceView]):
    """Sessions; a cancelled one is struck through."""

    CELL_TIPS = True
    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "When"),
        QT_TRANSLATE_NOOP("columns", "Class"),
        QT_TRANSLATE_NOOP("columns", "Room"),
        QT_TRANSLATE_NOOP("columns", "Instructor"),
        QT_TRANSLATE_NOOP("columns", "Note"),
    )

    def cells(self, o: OccurrenceView) -> tuple[str, ...]:
        when = f"{table_when(o.start_local)}–{hm(o.end_local)}"
        note = ""
        if o.cancelled:
            note = translate("columns", "Cancelled")
        elif o.rescheduled:
            note = translate("columns", "Moved")
        if o.disrupted:
            note = translate("columns", "Not held (disruption)")
        if o.reason:
            note = f"{note}: {o.reason}" if note else o.reason
        return (when, o.class_name, o.room_name or "", o.instructor_name or "", note)

    def font(self, o: OccurrenceView) -> QFont | None:
        if not o.cancelled:
            return None
        font = QFont()
        font.setStrikeOut(True)
        return font
