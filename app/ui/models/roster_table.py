"""A class roster as a table model: enrolled, then waitlisted in order, then ended enrolments."""

from __future__ import annotations

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.value_labels import value_text
from app.services.rosters_dto import RosterEntry
from app.ui.models.tuple_table import TupleTableModel


class RosterTableModel(TupleTableModel[RosterEntry]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "Name"),
        QT_TRANSLATE_NOOP("columns", "Student no."),
        QT_TRANSLATE_NOOP("columns", "Status"),
        QT_TRANSLATE_NOOP("columns", "Since"),
        QT_TRANSLATE_NOOP("columns", "Waitlist"),
        QT_TRANSLATE_NOOP("columns", "Reason"),
    )

    def cells(self, e: RosterEntry) -> tuple[str, ...]:
        since = e.ended_at or e.enrolled_at
        return (
            e.display_name,
            e.student_number or "",
            value_text(e.status),
            since.strftime("%Y-%m-%d") if since else "",
            "" if e.waitlist_position is None else str(e.waitlist_position),
            e.change_reason or "",
        )
