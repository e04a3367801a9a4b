"""Combo boxes holding Python values: find an item by equality; long choices shown whole.

``QComboBox.findData`` compares Python objects by identity, so an equal UUID, a tuple or a
date read back from a service is never found (-1) and the wrong item stays current.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolTip,
)

_CURRENT = object()  # refill's default: keep what the box shows now


def index_of(box: QComboBox, value: object) -> int:
    """The first item whose data equals ``value``, or -1."""
    return next((i for i in range(box.count()) if box.itemData(i) == value), -1)


def refill(
    box: QComboBox,
    choices: Iterable[tuple[str, object]],
    *,
    first: str | None = None,
    keep: object = _CURRENT,
) -> None:
    """The box's choices again (text, data), without emitting its signals: ``first`` (with no
    data) heads the list when given. ``keep`` (by default what the box holds now) stays chosen
    if it is still offered, else the first item is."""
    wanted = box.currentData() if keep is _CURRENT else keep
    box.blockSignals(True)
    try:
        box.clear()
        if first is not None:
            box.addItem(first, None)
        for text, data in choices:
            box.addItem(text, data)
        found = index_of(box, wanted) if wanted is not None else -1
        box.setCurrentIndex(max(found, 0) if box.count() else -1)
    finally:
        box.blockSignals(False)


class ElidingComboBox(QComboBox):
    """A combo box whose choices may be longer than it is wide (a session: time, class and
    room). Qt cuts such a text off mid-letter; here it ends in "…", the whole of it is the
    box's tooltip, and the list that opens is as wide as its longest choice (up to the
    screen's width)."""

    def shown_text(self) -> str:
        """The current choice as the box shows it: elided to the room its field has."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width()
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.toolTip() and self.currentText():
            assert isinstance(event, QHelpEvent)
            QToolTip.showText(event.globalPos(), self.currentText(), self)
            return True
        return super().event(event)

    def showPopup(self) -> None:
        view = self.view()
        wanted = view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8
        screen = self.screen().availableGeometry().width()
        view.setMinimumWidth(min(max(wanted, self.width()), screen))
        super().showPopup()
