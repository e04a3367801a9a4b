"""Asks how many minutes a student attended before a partial mark is saved."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSpinBox,
    QWidget,
)

from app.ui.dialogs.parts import column, ok_cancel


class PartialMinutesDialog(QDialog):
    """A partial mark is only saved with its minutes: Enter keeps the number typed, Esc saves
    nothing. Opened with ``open()`` (window-modal, never blocking the event loop)."""

    def __init__(
        self, student_name: str, session_minutes: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Partial attendance"))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, max(1, session_minutes))
        self.minutes.setValue(max(1, session_minutes // 2))
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes attended"))
        label = QLabel(
            self.tr("Minutes {name} attended (the session lasts {total} min):").format(
                name=student_name, total=session_minutes
            )
        )
        label.setWordWrap(True)
        label.setBuddy(self.minutes)
        column(self, label, self.minutes, ok_cancel(self))

    def value(self) -> int:
        self.minutes.interpretText()
        return self.minutes.value()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.minutes.setFocus()
        self.minutes.selectAll()
