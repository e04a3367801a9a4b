"""Editors of the attendance sheet's cells: reason, note, check-in and out, minutes.

A reason is an editable combo of the facility's reasons (``AttendanceService.reasons``: the
built-in ones and every one recorded there, most used first) that takes any text, a note a
line edit, a time a time edit in the facility's timezone (an empty one starts at the session's
start or end), minutes a spin box. Delete on a cell (no editor open) empties it. Values reach
the model through ``setData``; the model hands them to the view, which saves them.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTimeEdit,
    QWidget,
)

from app.services.attendance import ABSENCE_REASON_MAX, BUILT_IN_REASONS, MAX_MINUTES, NOTE_MAX
from app.ui.models.sheet_table import CHECK_IN, CHECK_OUT, MINUTES, NOTE, REASON

Index = QModelIndex | QPersistentModelIndex


class SheetCellDelegate(QStyledItemDelegate):
    """One editor per editable column of ``SheetTableModel``; other columns are not edited."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._start = QTime(9, 0)
        self._end = QTime(10, 0)
        self._reasons: list[str] = list(BUILT_IN_REASONS)

    def set_reasons(self, reasons: list[str]) -> None:
        """The reasons the Reason cell's list offers, in order."""
        self._reasons = list(reasons)

    def reasons(self) -> list[str]:
        return list(self._reasons)

    def set_session_times(self, start: QTime, end: QTime) -> None:
        """Where an empty check-in or check-out starts: the session's local start and end."""
        self._start, self._end = start, end

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        if column == REASON:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(self._reasons)
            combo.setMaxVisibleItems(12)
            line = combo.lineEdit()
            assert line is not None  # editable
            line.setMaxLength(ABSENCE_REASON_MAX)
            line.setAccessibleName(self.tr("Absence reason"))
            combo.setAccessibleName(self.tr("Absence reason"))
            return combo
        if column == NOTE:
            edit = QLineEdit(parent)
            edit.setMaxLength(NOTE_MAX)
            edit.setAccessibleName(self.tr("Note"))
            return edit
        if column in (CHECK_IN, CHECK_OUT):
            time_edit = QTimeEdit(parent)
            time_edit.setDisplayFormat("HH:mm")
            time_edit.setCurrentSection(QTimeEdit.Section.HourSection)
            time_edit.setAccessibleName(
                self.tr("Check-in time") if column == CHECK_IN else self.tr("Check-out time")
            )
            return time_edit
        if column == MINUTES:
            spin = QSpinBox(parent)
            spin.setRange(0, MAX_MINUTES)
            spin.setAccessibleName(self.tr("Minutes attended"))
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setEditText(str(value or ""))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))
        elif isinstance(editor, QTimeEdit):
            if not isinstance(value, QTime):  # no time yet: start from the session's
                value = self._start if index.column() == CHECK_IN else self._end
            editor.setTime(value)
            editor.selectAll()
        elif isinstance(editor, QSpinBox):
            editor.setValue(0 if value is None else int(value))
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        value: object
        if isinstance(editor, QComboBox):
            value = editor.currentText()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        elif isinstance(editor, QTimeEdit):
            editor.interpretText()
            value = editor.time()
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            value = editor.value()
        else:
            super().setModelData(editor, model, index)
            return
        model.setData(index, value)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """As usual, with a frame around the current cell: rows are selected whole, and a
        person typing needs to see which cell (reason, note, time) the keys go to."""
        super().paint(painter, option, index)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            pen = QPen(option.palette.color(QPalette.ColorRole.HighlightedText))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        """The cell's place, at least wide enough to read a reason or a time."""
        rect = option.rect
        editor.setGeometry(rect.adjusted(0, 0, max(0, 140 - rect.width()), 0))
