"""Combo boxes holding Python values: find an item by equality.

``QComboBox.findData`` compares Python objects by identity, so an equal UUID, a tuple or a
date read back from a service is never found (-1) and the wrong item stays current.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox

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
