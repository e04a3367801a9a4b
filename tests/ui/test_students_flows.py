"""The student list stays true: a rename that arrives (a sync, another screen) shows in the list
on screen, and a facility switch leaves no count of the previous facility."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.services.changes import PEOPLE, Changes
from tests.ui.conftest import Desk

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_rename_that_arrives_shows_in_the_open_list(qtbot: QtBot, desk: Desk) -> None:
    win = desk.win
    qtbot.keyClick(win, Qt.Key.Key_F, CTRL)
    students = win.students
    qtbot.keyClicks(students.search, "Last07")
    qtbot.waitUntil(
        lambda: (
            students.model.rowCount() == 1 and "Last07" in students.model.student_at(0).display_name
        ),
        timeout=10_000,
    )
    # A pull writes the new name into the cache, then the cycle publishes what it changed.
    with desk.engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET name_last = 'Last07-Okafor' WHERE id = :id"),
            {"id": desk.students[7].hex},
        )
    win.changes.publish(Changes.of(PEOPLE, facility_id=desk.facility_id, source="sync"))
    qtbot.waitUntil(
        lambda: (
            students.model.rowCount() == 1 and "Okafor" in students.model.student_at(0).display_name
        ),
        timeout=10_000,
    )
    assert students.search.text() == "Last07"


def test_down_and_enter_from_the_search_box(qtbot: QtBot, desk: Desk) -> None:
    """Ctrl+F, a name, Enter: the record of the first student found; Down goes to the list."""
    win = desk.win
    qtbot.keyClick(win, Qt.Key.Key_F, CTRL)
    students = win.students
    qtbot.keyClicks(students.search, "Last1")
    qtbot.waitUntil(lambda: students.model.rowCount() == 10, timeout=10_000)
    qtbot.keyClick(students.search, Qt.Key.Key_Down)
    assert students.table.hasFocus() and students.table.currentIndex().row() == 0
    students.search.setFocus()
    with qtbot.waitSignal(students.sig_record_opened, timeout=5_000) as opened:
        qtbot.keyClick(students.search, Qt.Key.Key_Return)
    dialog = opened.args[0]
    first = students.model.student_at(0).display_name
    qtbot.waitUntil(lambda: first.split(",")[0] in dialog.title.text(), timeout=10_000)
    dialog.close()
