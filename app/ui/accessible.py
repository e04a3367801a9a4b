"""Names for screen readers: a form's labels name the fields they label.

A label made by ``QFormLayout.addRow(text, field)`` or given a buddy already says what its field
is; :func:`name_from_labels` copies that text into the field's accessible name where none was
set, and names buttons by their text, so every control of a dialog has a name to say."""

from __future__ import annotations

import re
from typing import TypeVar

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

_HINT = re.compile(r"\s*\((?:Alt|Ctrl|Shift|F\d)[^)]*\)\s*$")


def _plain(text: str) -> str:
    """ "&Mapping file:" → "Mapping file"; "Save (Alt+S)" → "Save"; rich text stripped."""
    text = re.sub(r"<[^>]+>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return _HINT.sub("", text).strip().rstrip(":").strip()


def name_from_labels(root: QWidget) -> None:
    """Give every unnamed buddy of a label, and every unnamed button, a name from its text."""
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and not buddy.accessibleName() and _plain(label.text()):
            buddy.setAccessibleName(_plain(label.text()))
    for button in root.findChildren(QAbstractButton):
        if not button.accessibleName() and _plain(button.text()):
            button.setAccessibleName(_plain(button.text()))


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its accessible name, where it is made: ``self.reason =
    named(QLineEdit(), self.tr("Reason"))`` (the text stays a literal for translation)."""
    widget.setAccessibleName(name)
    return widget
