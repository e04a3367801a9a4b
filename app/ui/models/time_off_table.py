"""An instructor's time off, as the availability dialog lists it while it is edited."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services.availability_dto import TimeOffEntry
from app.ui.models.tuple_table import TupleTableModel


class TimeOffTableModel(TupleTableModel[TimeOffEntry]):
    """Time off in start order; rows added and removed in memory until the dialog saves."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "From"),
        QT_TRANSLATE_NOOP("columns", "Until"),
        QT_TRANSLATE_NOOP("columns", "Reason"),
    )

    def set_entries(self, rows: Sequence[TimeOffEntry]) -> None:
        self.set_rows(sorted(rows, key=lambda t: (t.starts_local, t.ends_local)))

    def entries(self) -> list[TimeOffEntry]:
        return self.rows()

    def add(self, entry: TimeOffEntry) -> int:
        """Insert in start order; returns the new row."""
        row = sum(1 for t in self._rows if (t.starts_local, t.ends_local) <= (
            entry.starts_local, entry.ends_local))  # fmt: skip
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, entry)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> TimeOffEntry:
        self.beginRemoveRows(QModelIndex(), row, row)
        entry = self._rows.pop(row)
        self.endRemoveRows()
        return entry

    def cells(self, t: TimeOffEntry) -> tuple[str, ...]:
        return (
            f"{t.starts_local:%a %d %b %Y %H:%M}",
            f"{t.ends_local:%a %d %b %Y %H:%M}",
            t.reason or "",
        )
