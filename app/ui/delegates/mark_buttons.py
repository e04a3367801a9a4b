"""The Mark column of the attendance sheet: five buttons per row (P L T E A), for the mouse and
for touch screens, painted by a delegate and hit-tested on click.

A click (press and release on the same button) emits ``sig_clicked`` with the row and status;
a double click marks once. Buttons are at least ``BUTTON_HEIGHT`` pixels tall, so a finger hits
them; each has a tooltip, and the cell's accessible text (the model's) names them all.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from app.domain.enums import AttendanceStatus
from app.ui.models.sheet_table import (
    COLOURS,
    KEY_LETTERS,
    MARK_ORDER,
    ROW_ROLE,
    SYMBOLS,
    status_label,
)

Index = QModelIndex | QPersistentModelIndex

BUTTON_WIDTH = 36
BUTTON_HEIGHT = 36  # a fingertip
GAP = 3
MARGIN = 3
ROW_HEIGHT = BUTTON_HEIGHT + 2 * MARGIN


def button_rects(cell: QRect) -> list[tuple[AttendanceStatus, QRect]]:
    """Where each status's button is in a cell of the Mark column (viewport coordinates)."""
    top = cell.top() + max(0, (cell.height() - BUTTON_HEIGHT) // 2)
    left = cell.left() + MARGIN
    return [
        (status, QRect(left + i * (BUTTON_WIDTH + GAP), top, BUTTON_WIDTH, BUTTON_HEIGHT))
        for i, status in enumerate(MARK_ORDER)
    ]


def button_at(cell: QRect, point: QPoint) -> AttendanceStatus | None:
    for status, rect in button_rects(cell):
        if rect.contains(point):
            return status
    return None


class MarkButtonsDelegate(QStyledItemDelegate):
    """Paints the mark buttons of a row (the row's status pressed in) and reports clicks."""

    sig_clicked = Signal(int, object)  # row, AttendanceStatus

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pressed: tuple[int, AttendanceStatus] | None = None
        self._enabled = True

    def set_enabled(self, enabled: bool) -> None:
        """Greyed out on a sheet that cannot be marked (a click then says why)."""
        self._enabled = enabled

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        count = len(MARK_ORDER)
        return QSize(2 * MARGIN + count * BUTTON_WIDTH + (count - 1) * GAP, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)  # background, selection, focus: no text
        row = index.data(ROW_ROLE)
        current = row.status if row is not None else None
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        for status, rect in button_rects(option.rect):
            chosen = status is current
            pressed = self._pressed == (index.row(), status)
            role = QPalette.ColorRole
            fill = QColor(COLOURS[status]) if chosen or pressed else palette.color(role.Button)
            border = palette.color(role.WindowText if chosen else role.Mid)
            painter.setPen(QPen(border, 2.5 if chosen else 1.0))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 5, 5)
            text = palette.color(
                QPalette.ColorRole.ButtonText if self._enabled else QPalette.ColorRole.Mid
            )
            painter.setPen(text)
            label = f"{SYMBOLS[status]}" if chosen else KEY_LETTERS[status]
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.text = ""  # the buttons are the content

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        kind = event.type()
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ):
            return False
        assert isinstance(event, QMouseEvent)
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        status = button_at(option.rect, event.position().toPoint())
        if kind == QEvent.Type.MouseButtonPress:
            # The row is selected as usual (False); the button remembers the press.
            self._pressed = (index.row(), status) if status is not None else None
            return False
        if kind == QEvent.Type.MouseButtonDblClick:
            self._pressed = None  # the second click of a double click marks nothing more
            return status is not None
        pressed, self._pressed = self._pressed, None
        if status is None or pressed != (index.row(), status):
            return False
        self.sig_clicked.emit(index.row(), status)
        return True

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            status = button_at(option.rect, event.pos())
            if status is not None:
                QToolTip.showText(
                    event.globalPos(),
                    f"{status_label(status)} ({KEY_LETTERS[status]})",
                    view,
                )
                return True
        return super().helpEvent(event, view, option, index)
