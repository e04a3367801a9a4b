"""Combo boxes of Python values: equal values are found, and a refill keeps the choice."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from app.ui.combo import index_of, refill


def test_a_refill_keeps_an_equal_choice_and_says_nothing(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    box = QComboBox(host)
    a, b = uuid.uuid4(), uuid.uuid4()
    refill(box, [("Anna", a), ("Ben", b)], first="Everyone")
    box.setCurrentIndex(2)
    changed: list[int] = []
    box.currentIndexChanged.connect(changed.append)
    # The service answers with new UUID objects equal to the old ones (findData would miss them).
    refill(box, [("Ben", uuid.UUID(str(b))), ("Anna", uuid.UUID(str(a)))], first="Everyone")
    assert box.currentText() == "Ben" and box.currentData() == b
    assert index_of(box, uuid.UUID(str(a))) == 2
    refill(box, [("Anna", a)], first="Everyone")  # Ben is gone: back to the first item
    assert box.currentIndex() == 0 and box.currentData() is None
    refill(box, [("Anna", a), ("Ben", b)], keep=b)
    assert box.currentText() == "Ben"
    refill(box, ())
    assert box.count() == 0 and box.currentIndex() == -1
    assert changed == []
