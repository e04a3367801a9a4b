"""Staff of a facility as a small table model (a facility has tens of staff, not thousands)."""

from __future__ import annotations

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.value_labels import value_text
from app.services.people_dto import StaffDTO
from app.ui.models.tuple_table import TupleTableModel


class StaffTableModel(TupleTableModel[StaffDTO]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "Name"),
        QT_TRANSLATE_NOOP("columns", "User name"),
        QT_TRANSLATE_NOOP("columns", "Role"),
        QT_TRANSLATE_NOOP("columns", "Status"),
    )

    def cells(self, s: StaffDTO) -> tuple[str, ...]:
        return (s.display_name, s.username or "", value_text(s.role), value_text(s.status))
