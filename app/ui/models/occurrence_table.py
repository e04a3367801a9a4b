"""Occurrences of sessions (a day's or a week's) as a small table model."""

from __future__ import annotations

from PySide6.QtGui import QFont

from app.services.schedule import OccurrenceView
from app.ui.models.tuple_table import TupleTableModel


class OccurrenceTableModel(TupleTableModel[OccurrenceView]):
    """Sessions; a cancelled one is struck through."""

    COLUMNS = ("When", "Class", "Room", "Instructor", "Note")

    def cells(self, o: OccurrenceView) -> tuple[str, ...]:
        when = f"{o.start_local:%a %d %b %H:%M}–{o.end_local:%H:%M}"
        note = "Cancelled" if o.cancelled else ("Moved" if o.rescheduled else "")
        if o.disrupted:
            note = "Not held (disruption)"
        if o.reason:
            note = f"{note}: {o.reason}" if note else o.reason
        return (when, o.class_name, o.room_name or "", o.instructor_name or "", note)

    def font(self, o: OccurrenceView) -> QFont | None:
        if not o.cancelled:
            return None
        font = QFont()
        font.setStrikeOut(True)
        return font
