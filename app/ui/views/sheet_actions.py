"""What the attendance sheet writes: a mark (a key, a button, a scan), a typed cell, a clear,
an undo, and "all present" (twice Ctrl+Shift+P, or the button and its question).

Every write runs on the view's runner; once saved it is shown, published on the change hub and
pushed on the session's undo history (one step per action; "all present" is one step).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from app.domain.enums import AttendanceStatus
from app.services.attendance_dto import SheetRow, paper_order
from app.ui.dialogs.partial_minutes import PartialMinutesDialog
from app.ui.exports import write_sheet_csv, write_sheet_pdf, write_sheet_xlsx
from app.ui.language import locale_day
from app.ui.models.sheet_table import FIELDS, REASON, TEXT_COLUMNS
from app.ui.views.attendance_state import SOURCE, SessionKey, kept_fields, scan_mark, unmarked

if TYPE_CHECKING:
    from app.ui.views.attendance import AttendanceView

KEYS = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_L: AttendanceStatus.LATE,
    Qt.Key.Key_T: AttendanceStatus.PARTIAL,
    Qt.Key.Key_E: AttendanceStatus.ABSENT_EXCUSED,
    Qt.Key.Key_A: AttendanceStatus.ABSENT_UNEXCUSED,
}


class SheetActions(QObject):
    """The writes of one ``AttendanceView`` (its parent), on its sheet and selection."""

    def __init__(self, view: AttendanceView) -> None:
        super().__init__(view)
        self._view = view
        self.minutes_dialog: PartialMinutesDialog | None = None
        self.all_present_box: QMessageBox | None = None

    # -- one mark -----------------------------------------------------------------------------

    def can_mark(self) -> bool:
        view = self._view
        sheet = view.sheet
        if view.services is None or sheet is None:
            return False
        if not sheet.editable:
            view.refuse(sheet.refusal or self.tr("This session cannot be marked."))
            return False
        return True

    def mark_current(self, status: AttendanceStatus, *, advance: bool = True) -> None:
        """Mark the selected row, then (``advance``) select the next one; a partial asks its
        minutes first."""
        view = self._view
        row = view.current_row()
        if row is None or not self.can_mark():
            return
        target = view.model.row_at(row)
        fields = kept_fields(target, status)
        timed = target.check_in_at is not None and target.check_out_at is not None
        if status is AttendanceStatus.PARTIAL and fields["minutes"] is None and not timed:
            self._ask_minutes(target, row, advance)
            return
        self.mark(target, status, **fields)
        if advance:
            view.select_next(row)

    def _ask_minutes(self, target: SheetRow, row: int, advance: bool) -> None:
        """A partial mark is saved with its minutes or not at all."""
        view = self._view
        sheet = view.sheet
        assert sheet is not None
        length = int((sheet.occurrence.end_utc - sheet.occurrence.start_utc).total_seconds() // 60)
        dialog = PartialMinutesDialog(target.display_name, length, view)
        key = view.sheet_key()
        self.minutes_dialog = dialog

        def accepted() -> None:
            if view.sheet_key() != key:
                return  # the sheet changed meanwhile
            fields = kept_fields(target, AttendanceStatus.PARTIAL)
            fields["minutes"] = dialog.value()
            self.mark(target, AttendanceStatus.PARTIAL, **fields)
            if advance:
                view.select_next(row)

        def finished(_result: int) -> None:
            self.minutes_dialog = None
            dialog.deleteLater()
            view.activateWindow()  # back to the sheet, to go on marking
            view.table.setFocus()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(
            lambda: view.message.setText(
                self.tr("Nothing saved: a partial mark needs the minutes attended.")
            )
        )
        dialog.finished.connect(finished)
        dialog.open()

    def mark(
        self,
        target: SheetRow,
        status: AttendanceStatus,
        *,
        absence_reason: str | None,
        note: str | None,
        check_in_at: datetime | None,
        check_out_at: datetime | None,
        minutes: int | None,
    ) -> None:
        """Save a whole mark; once saved it is shown, published and undoable. If it is
        refused, its row is selected again: marks typed down a column skip nobody."""
        view = self._view
        services, sheet, key = view.services, view.sheet, view.sheet_key()
        if services is None or sheet is None or key is None:
            return

        def work() -> SheetRow:
            return services.attendance.mark(
                sheet.series_id,
                sheet.occurrence.original_date,
                target.student_id,
                status,
                absence_reason=absence_reason,
                note=note,
                check_in_at=check_in_at,
                check_out_at=check_out_at,
                minutes=minutes,
            )

        def failed(error: BaseException) -> None:
            view.reselect(key, target.student_id)
            view.failed(error)

        view.write(work, lambda row: self._on_saved(key, [target], [row]), failed, source=SOURCE)

    def _on_saved(self, key: SessionKey, before: list[SheetRow], after: list[SheetRow]) -> None:
        self._view.history.push(key, before)
        self._view.show_saved(key, after)

    def on_cell_edited(self, row: SheetRow, field: str, value: object) -> None:
        """A reason, note, time or minutes typed into a cell: the rest of the mark is kept."""
        if row.status is None or not self.can_mark():
            return
        fields = kept_fields(row, row.status)
        fields["minutes"] = row.minutes
        fields[field] = value
        timed = fields["check_in_at"] is not None and fields["check_out_at"] is not None
        if timed and field != "minutes":
            fields["minutes"] = None  # worked out from the times
        self.mark(row, row.status, **fields)

    def clear_current(self) -> None:
        view = self._view
        row = view.current_row()
        services, sheet, key = view.services, view.sheet, view.sheet_key()
        if row is None or services is None or sheet is None or key is None:
            return
        target = view.model.row_at(row)
        if target.status is None or not self.can_mark():
            return
        cleared = unmarked(target)
        view.write(
            lambda: services.attendance.clear_mark(key[0], key[1], target.student_id),
            lambda _r: self._on_saved(key, [target], [cleared]),
            view.failed,
            source=SOURCE,
        )

    # -- undo ---------------------------------------------------------------------------------

    def undo(self) -> None:
        """Write back, whole, the rows of this session's last change (one mark, one edit or one
        "all present"), and select the row undone."""
        view = self._view
        services, key = view.services, view.sheet_key()
        if services is None or key is None or not self.can_mark():
            return
        step = view.history.pop(key)
        if step is None:
            view.message.setText(self.tr("Nothing to undo on this sheet."))
            return

        def done(rows: list[SheetRow]) -> None:
            view.show_saved(key, rows)
            if rows:
                view.reselect(key, rows[0].student_id)
            view.message.setText(
                self.tr("Undone: ")
                + ", ".join(row.display_name for row in rows[:3])
                + ("…" if len(rows) > 3 else "")
            )

        def failed(error: BaseException) -> None:
            view.history.push(key, step)  # nothing was written: it can be tried again
            view.failed(error)

        view.write(
            lambda: services.attendance.restore(key[0], key[1], step), done, failed, source=SOURCE
        )

    # -- all present --------------------------------------------------------------------------

    def _unmarked_count(self) -> int:
        model = self._view.model
        return sum(1 for i in range(model.rowCount()) if not model.row_at(i).status)

    def mark_all_present(self) -> None:
        """Ctrl+Shift+P: the first press arms, a second press on the same sheet marks every
        unmarked student present, as one undo step."""
        view = self._view
        key = view.sheet_key()
        if view.services is None or key is None or not self.can_mark():
            return
        if view.all_present.armed_for != key:
            count = self._unmarked_count()
            if count == 0:
                view.message.setText(self.tr("Every student on this sheet is marked already."))
                return
            view.all_present.arm(key)
            view.message.setText(
                self.tr(
                    "Mark {count} unmarked students present? Press Ctrl+Shift+P again "
                    "to confirm, Esc to cancel."
                ).format(count=count)
            )
            return
        view.all_present.disarm("confirmed")
        view.message.clear()
        self._all_present(key)

    def ask_all_present(self) -> None:
        """The "All present" button: asks (window-modal, not blocking) before marking every
        unmarked student present, as one undo step."""
        view = self._view
        key, sheet = view.sheet_key(), view.sheet
        if key is None or sheet is None or not self.can_mark():
            return
        count = self._unmarked_count()
        if count == 0:
            view.message.setText(self.tr("Every student on this sheet is marked already."))
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("All present"),
            self.tr(
                "Mark the {count} unmarked students of {klass} present? Ctrl+Z undoes it."
            ).format(count=count, klass=sheet.class_name),
            QMessageBox.StandardButton.NoButton,
            view,
        )
        mark_them = self.tr("Mark {count} present").format(count=count)
        confirm = box.addButton(mark_them, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(confirm)
        box.setAccessibleName(self.tr("Confirm all present"))
        confirm.setAccessibleName(mark_them)
        self.all_present_box = box

        def finished(_result: int) -> None:
            self.all_present_box = None
            box.deleteLater()
            if box.clickedButton() is confirm and view.sheet_key() == key:
                self._all_present(key)
            view.activateWindow()  # back to the sheet
            view.table.setFocus()

        box.finished.connect(finished)
        box.open()

    def _all_present(self, key: SessionKey) -> None:
        view = self._view
        services = view.services
        if services is None:
            return

        def done(rows: list[SheetRow]) -> None:
            self._on_saved(key, [unmarked(row) for row in rows], rows)
            view.message.setText(
                self.tr("{n} marked present. Ctrl+Z undoes it.").format(n=len(rows))
                if rows
                else self.tr("Nobody was left to mark: the sheet was marked meanwhile.")
            )
            view.reload_sheet(key)  # and whatever else changed meanwhile

        view.write(
            lambda: services.attendance.mark_present_rows(*key), done, view.failed, source=SOURCE
        )

    # -- files --------------------------------------------------------------------------------

    def write_file(self, kind: str, path: Path) -> None:
        """Write the sheet as on screen (marks saved since it loaded included), in the printed
        order whatever the order shown: ``blank``/``pdf``/``csv``/``xlsx``."""
        view = self._view
        if view.sheet is None:
            return
        model = view.model
        rows = paper_order(model.row_at(i) for i in range(model.rowCount()))
        sheet = replace(view.sheet, rows=rows)

        def work() -> Path:
            if kind == "csv":
                write_sheet_csv(sheet, path)
            elif kind == "xlsx":
                write_sheet_xlsx(sheet, path)
            else:
                write_sheet_pdf(sheet, path, blank=kind == "blank")
            return path

        def written(done: Path) -> None:
            view.message.setText(self.tr("Saved ") + str(done))
            view.sig_exported.emit(done)

        view.runner.run(work, written, view.failed)

    # -- scans --------------------------------------------------------------------------------

    def scan(self, text: str) -> None:
        """A card scanned or a number typed: check the student in (or out) at the time now."""
        view = self._view
        index = view.model.find_number(text)
        if index is None:
            view.refuse(
                self.tr("No student with number “{number}” on this sheet.").format(
                    number=text.strip()
                )
            )
            return
        view.table.selectRow(index)
        target = view.model.row_at(index)
        services, sheet = view.services, view.sheet
        if services is None or sheet is None or not self.can_mark():
            return
        now = services.clock.now()
        day = sheet.occurrence.original_date
        if now.astimezone(view.tz).date() != day:
            view.refuse(
                self.tr(
                    "A scan records the time it is now, and this session was on {day}. "
                    "Mark the student with P and type the times in the In and Out columns."
                ).format(day=locale_day(day))
            )
            return
        found = scan_mark(target, now)
        if found is None:
            assert target.check_out_at is not None
            local = target.check_out_at.astimezone(view.tz)
            view.refuse(
                self.tr("{name} already checked out at {time}.").format(
                    name=target.display_name, time=f"{local:%H:%M}"
                )
            )
            return
        status, fields = found
        self.mark(target, status, **fields)


class SheetKeys(QObject):
    """The sheet's keys (an event filter on its table): a letter marks, Delete clears; on a
    Reason or Note cell letters type instead. Only on the table itself, with no editor open."""

    def __init__(self, view: AttendanceView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self._view
        if watched is not view.table or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        # Mark keys act only on the table itself, never while a cell's editor is open (its
        # unused keys would reach the table).
        if not view.table.hasFocus() or view.table.state() != QAbstractItemView.State.NoState:
            return False
        key = Qt.Key(event.key())
        column = view.table.currentIndex().column()
        if key in KEYS:
            if column in TEXT_COLUMNS:
                if not view.model.is_editable(view.table.currentIndex()):
                    view.refuse(self._why_not_editable(column))
                    return True
                return False  # typing on a reason or note types into it
            view.marking.mark_current(KEYS[key])
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if column in FIELDS and view.model.is_editable(view.table.currentIndex()):
                view.model.setData(view.table.currentIndex(), None)  # clears that cell
            else:
                view.marking.clear_current()
            return True
        return False

    def _why_not_editable(self, column: int) -> str:
        view = self._view
        row = view.current_row()
        target = view.model.row_at(row) if row is not None else None
        if view.sheet is not None and not view.sheet.editable:
            return view.sheet.refusal or self.tr("This session cannot be marked.")
        if target is None or target.status is None:
            return self.tr(
                "Mark the student first (P, L, T, E or A, or a button in the Mark column)."
            )
        if column == REASON:
            return self.tr("A reason goes only with an absence.")
        return self.tr("This goes only with an absence.")
