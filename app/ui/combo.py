"""Combo boxes holding Python values: find an item by equality.

``QComboBox.findData`` compares Python objects by identity, so an equal UUID, a tuple or a
date read back from a service is never found (-1) and the wrong item stays current.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def index_of(box: QComboBox, value: object) -> int:
    """The first item whose data equals ``value``, or -1."""
    return next((i for i in range(box.count()) if box.itemData(i) == value), -1)
