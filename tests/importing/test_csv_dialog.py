"""The column-mapping dialog, by keyboard: read a folder, map a file's columns, save, import."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.importing.csv_source import read_mapping
from app.ui.dialogs.csv_import import CsvImportDialog


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """A key to whatever has the focus, as a person's keyboard would send it."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _export(folder: Path) -> None:
    (folder / "students.csv").write_text(
        "Pupil Ref,Forename,Surname,E-mail,DOB\nk1,Ana,Lima,ana@example.com,2014-05-01\n",
        encoding="utf-8",
    )
    (folder / "roll.csv").write_text(
        "Lesson,Pupil,Day,Mark\nl1,k1,2026-01-05,present\n", encoding="utf-8"
    )


def test_map_and_save_by_keyboard(qtbot: QtBot, tmp_path: Path) -> None:
    _export(tmp_path)
    dialog = CsvImportDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.folder_edit.setFocus()
    qtbot.keyClicks(dialog.folder_edit, str(tmp_path))
    qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Return)
    assert dialog.kind_box.hasFocus()
    # students.csv was recognised by its name; Forename/Surname/DOB by the usual aliases.
    assert dialog.file_box.currentText() == "students.csv"
    assert dialog.field_boxes["first_name"].currentText() == "Forename"
    assert dialog.field_boxes["last_name"].currentText() == "Surname"
    assert dialog.field_boxes["date_of_birth"].currentText() == "DOB"
    assert dialog.field_boxes["id"].currentText() == ""
    # The id column has another name: choose it from the keyboard.
    box = dialog.field_boxes["id"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == "Pupil Ref"
    dialog.facility_edit.setFocus()
    qtbot.keyClicks(dialog.facility_edit, "Riverside")
    qtbot.keyClicks(dialog.timezone_edit, "Europe/London")
    # Attendance from roll.csv: choose the file, then its four columns.
    dialog.kind_box.setFocus()
    qtbot.keyClicks(dialog.kind_box, "attendance")
    assert dialog.kind_box.currentText() == "attendance"
    dialog.file_box.setFocus()
    qtbot.keyClicks(dialog.file_box, "roll")
    assert dialog.file_box.currentText() == "roll.csv"
    _press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert "attendance: no column for session, student, date, status" in dialog.status_label.text()
    for field, header in (
        ("session", "Lesson"),
        ("student", "Pupil"),
        ("date", "Day"),
        ("status", "Mark"),
    ):
        dialog.field_boxes[field].setFocus()
        qtbot.keyClicks(dialog.field_boxes[field], header)
        assert dialog.field_boxes[field].currentText() == header
    with qtbot.waitSignal(dialog.sig_saved) as saved:
        _press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    path = Path(saved.args[0])
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["facility"] == "Riverside"
    assert document["students"]["columns"]["id"] == "Pupil Ref"
    assert document["attendance"] == {
        "file": "roll.csv",
        "columns": {"session": "Lesson", "student": "Pupil", "date": "Day", "status": "Mark"},
    }
    mapping = read_mapping(path, tmp_path)  # what the command line will read
    assert set(mapping.files) == {"students", "attendance"}
    assert "rollbook import csv --from" in dialog.command_label.text()


def test_the_main_window_opens_it(qtbot: QtBot) -> None:
    from app.ui.main_window import MainWindow
    from app.ui.messages import MessageBridge
    from app.ui.tasks import TaskRunner

    messages = MessageBridge(quiet=True)
    window = MainWindow(TaskRunner(messages.show_error), messages)
    qtbot.addWidget(window)
    window.csv_import_action.trigger()
    dialogs = window.findChildren(CsvImportDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()
