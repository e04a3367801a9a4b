"""What the attendance sheet remembers between key presses (undo steps per session, the armed
first press of "all present") and what a key or a scan writes on a row."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.enums import AttendanceStatus
from app.services.attendance_dto import SheetRow

SessionKey = tuple[uuid.UUID, date]  # (series id, original date)
ARM_SECONDS = 5  # how long the first Ctrl+Shift+P waits for the second
MAX_STEPS = 200  # per session; the oldest are forgotten first

_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
}
_CONFIRM = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

SOURCE = "sheet"  # what the sheet's writes say they come from (it skips its own)


class UndoHistory:
    """Undo steps per session while the sheet lives: a reload of the sheet keeps them.

    A step is the rows of one action (one mark, one edit, one "all present") as they were
    before it, to be written back whole."""

    def __init__(self) -> None:
        self._steps: dict[SessionKey, list[tuple[SheetRow, ...]]] = {}

    def push(self, key: SessionKey, before: Sequence[SheetRow]) -> None:
        if not before:
            return
        steps = self._steps.setdefault(key, [])
        steps.append(tuple(before))
        del steps[:-MAX_STEPS]

    def pop(self, key: SessionKey) -> tuple[SheetRow, ...] | None:
        steps = self._steps.get(key)
        return steps.pop() if steps else None


class AllPresentArming(QObject):
    """The first Ctrl+Shift+P arms "all present" for one session; the second, on the same
    session, confirms. Any other key, leaving the sheet or ``timer`` running out disarms.

    While armed it watches every key press of the application (an event filter), so a key
    typed anywhere counts as "any other key"."""

    sig_disarmed = Signal(str)  # why: "key", "timer", "left" or "confirmed"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key: SessionKey | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(ARM_SECONDS * 1000)
        self.timer.timeout.connect(self._on_timer_timeout)

    @property
    def armed_for(self) -> SessionKey | None:
        return self._key

    def arm(self, key: SessionKey) -> None:
        if self._key is None:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        self._key = key
        self.timer.start()

    def disarm(self, why: str) -> bool:
        """Forget the first press (``sig_disarmed`` says why); True when there was one."""
        if self._key is None:
            return False
        self._key = None
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.sig_disarmed.emit(why)
        return True

    def _on_timer_timeout(self) -> None:
        self.disarm("timer")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._key is not None and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            confirming = key == Qt.Key.Key_P and event.modifiers() == _CONFIRM
            if key not in _MODIFIER_KEYS and not confirming:
                self.disarm("key")
        return False


def kept_fields(row: SheetRow, status: AttendanceStatus) -> dict[str, Any]:
    """The parts of a mark a new status keeps: the note always; times and minutes with
    attendance, a reason with an absence (the other kind cannot hold them)."""
    timed = row.check_in_at is not None and row.check_out_at is not None
    if status.attended:
        return {
            "absence_reason": None,
            "note": row.note,
            "check_in_at": row.check_in_at,
            "check_out_at": row.check_out_at,
            "minutes": None if timed else row.minutes,  # worked out from the times
        }
    return {
        "absence_reason": row.absence_reason,
        "note": row.note,
        "check_in_at": None,
        "check_out_at": None,
        "minutes": None,
    }


def unmarked(row: SheetRow) -> SheetRow:
    return replace(
        row,
        status=None,
        absence_reason=None,
        note=None,
        check_in_at=None,
        check_out_at=None,
        minutes=None,
        marked_by=None,
        marked_at=None,
        needs_review=False,
    )


def scan_mark(row: SheetRow, now: datetime) -> tuple[AttendanceStatus, dict[str, Any]] | None:
    """What a card scanned ``now`` records: a check-in (present, or the attended status the
    student already has), then a check-out; None once both are recorded. The rest is kept."""
    if row.check_in_at is not None and row.check_out_at is not None:
        return None
    attended = row.status if row.status is not None and row.status.attended else None
    fields = kept_fields(row, attended or AttendanceStatus.PRESENT)
    if row.check_in_at is not None and attended is not None:
        fields.update(check_out_at=now, minutes=None)
        return attended, fields
    fields.update(check_in_at=now, check_out_at=None, minutes=None)
    return attended or AttendanceStatus.PRESENT, fields
