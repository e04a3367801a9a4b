"""The parts most small dialogs are made of: OK and Cancel or Close, a column of their contents, a
form with its labels, a row of buttons, the red line under a form, a list table."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b00020;"


def ok_cancel(dialog: QDialog, on_ok: Callable[[], None] | None = None) -> QDialogButtonBox:
    """OK (``on_ok``, or simply accept) and Cancel (reject) for ``dialog``."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def column(dialog: QDialog, *parts: QWidget | QLayout) -> QVBoxLayout:
    """``dialog``'s contents top to bottom: widgets and layouts in the order given."""
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout


def buddied_form(rows: Iterable[tuple[str, QWidget]]) -> QFormLayout:
    """A form of ``(label text, field)`` rows, each label the buddy of its field (its Alt key)."""
    form = QFormLayout()
    for text, widget in rows:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)
    return form


def right_row(*buttons: QWidget) -> QHBoxLayout:
    """A row holding ``buttons`` at its right end."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def left_row(*widgets: QWidget) -> QHBoxLayout:
    """A row holding ``widgets`` from its left end."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def action(button: QPushButton, on_click: Callable[[], None]) -> QPushButton:
    """``button`` calling ``on_click``, never pressed by Enter (Enter belongs to the fields)."""
    button.setAutoDefault(False)
    button.clicked.connect(on_click)
    return button


def close_only(dialog: QDialog, accessible_name: str) -> QDialogButtonBox:
    """A Close button (Esc too) for a dialog that writes as it goes; Enter never presses it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setAccessibleName(accessible_name)
    close.setAutoDefault(False)
    return buttons


def wrapped(label: QLabel | None = None) -> QLabel:
    """``label`` (a new empty one if not given) wrapping its words."""
    label = label if label is not None else QLabel()
    label.setWordWrap(True)
    return label


def form_error(*, selectable: bool = False) -> QLabel:
    """The hidden line in red under a form that says what a field's value breaks (its text
    ``selectable`` by mouse, to be copied)."""
    label = wrapped()
    label.setStyleSheet(ERROR_STYLE)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def row_table(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    """A table of ``model`` that selects one whole row at a time: a list whose rows are what
    the buttons beside it act on."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table
