"""A student's record opened from the student list with Enter; medical details for admins only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import build_services, open_local_cache
from app.domain.enums import Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.context import Actor
from app.services.people_dto import NewStudent
from app.ui.dialogs.student_record import StudentRecordDialog
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from tests.integration.factories import add_class, add_facility, add_program

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[object]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    admin = Actor("records_admin", Role.FACILITY_ADMIN, device_id="ws-1")
    with UnitOfWorkFactory(engine, admin)() as u:
        facility = add_facility(u, "North Academy")
        program = add_program(u, "Welding")
        u.flush()
        klass = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        u.commit()
    services = build_services(engine, admin, CLOCK)
    ada = services.people.create_student(
        NewStudent(facility, "Ada", "Lovelace", student_number="STU-2026-0001")
    )
    services.rosters.enrol(klass, ada.id)
    services.records.add_case_note(ada.id, "Asked for extra practice time.")
    services.people.set_medical(
        ada.id,
        emergency_contact_name="Byron",
        emergency_contact_phone="555-0101",
        emergency_contact_relationship="father",
        medical_notes=None,
        allergies="penicillin",
    )
    yield engine
    engine.dispose()


def _open_record(qtbot: QtBot, engine: object, role: Role) -> StudentRecordDialog:
    services = build_services(engine, Actor("someone", role, device_id="ws-1"), CLOCK)  # type: ignore[arg-type]
    messages = MessageBridge(quiet=True)
    runner = TaskRunner(messages.show_error)
    win = MainWindow(runner, messages)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.set_workstation(
            Workstation(services, None, tuple(services.facilities.list_facilities()), "Test")
        )
        win.show()
        win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    students = win.students
    qtbot.waitUntil(lambda: students.model.rowCount() == 1, timeout=5_000)
    students.table.setFocus()
    students.table.setCurrentIndex(students.model.index(0, 0))
    with qtbot.waitSignal(students.sig_record_opened, timeout=5_000) as opened:
        qtbot.keyClick(students.table, Qt.Key.Key_Return)
    dialog: StudentRecordDialog = opened.args[0]
    qtbot.waitUntil(lambda: "Lovelace" in dialog.title.text(), timeout=5_000)
    return dialog


def test_an_admin_sees_the_whole_record(qtbot: QtBot, cache: object, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_record(qtbot, cache, Role.FACILITY_ADMIN)
    models = dialog.models
    assert models["Profile"].index(1, 1).data() == "STU-2026-0001"
    assert models["Enrolments"].rowCount() == 1
    assert models["Enrolments"].index(0, 0).data() == "Welding I"
    assert models["Case notes"].index(0, 3).data() == "Asked for extra practice time."
    assert models["Audit trail"].rowCount() >= 3  # created, enrolled, noted, medical
    assert models["Medical"].index(3, 1).data() == "penicillin"
    assert dialog.medical_note.text() == ""
    for model in models.values():
        qtmodeltester.check(model)


def test_an_instructor_does_not_see_medical_details(qtbot: QtBot, cache: object) -> None:
    dialog = _open_record(qtbot, cache, Role.INSTRUCTOR)
    assert dialog.models["Medical"].rowCount() == 0
    assert "administrators only" in dialog.medical_note.text()
    assert dialog.models["Profile"].rowCount() > 0
