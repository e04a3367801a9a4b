"""A student's record opened from the student list with Enter; medical details for admins only;
the curriculum tab's numbers from the lessons the student has done."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.bootstrap import build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import ProgressStatus, Role
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.curriculum_dto import LessonStatusDTO, ProgramProgressDTO
from app.ui.dialogs.record_curriculum import CurriculumTab
from app.ui.dialogs.student_record import StudentRecordDialog
from app.ui.main_window import MainWindow, Workstation
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from tests.integration.factories import (
    add_case_note,
    add_class,
    add_facility,
    add_program,
    new_lesson,
    new_medical,
    new_module,
    new_student,
    set_progress,
)

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
    uow = UnitOfWorkFactory(engine, admin)
    ada = new_student(uow, facility, "Ada", "Lovelace", number="STU-2026-0001")
    services.rosters.enrol(klass, ada)
    safety = new_module(uow, program, "Safety")
    joints = new_module(uow, program, "Joints")
    lessons = [new_lesson(uow, safety, t) for t in ("PPE", "Fire watch")]
    lessons += [new_lesson(uow, joints, t) for t in ("Butt", "Lap", "Tee")]
    for lesson, status in zip(
        lessons,
        (ProgressStatus.COMPLETED, ProgressStatus.COMPLETED, ProgressStatus.IN_PROGRESS),
        strict=False,
    ):
        set_progress(uow, ada, lesson, status, CLOCK.now())
    with UnitOfWorkFactory(engine, admin)() as u:
        add_case_note(u, facility, ada, "Asked for extra practice time.", CLOCK.now())
        u.commit()
    new_medical(
        uow,
        ada,
        facility,
        emergency_contact_name="Byron",
        emergency_contact_phone="555-0101",
        emergency_contact_relationship="father",
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


def test_the_curriculum_tab_counts_the_lessons_done(
    qtbot: QtBot, cache: object, qtmodeltester: ModelTester
) -> None:
    dialog = _open_record(qtbot, cache, Role.INSTRUCTOR)
    tab = dialog.curriculum
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentWidget() is tab
    assert dialog.tabs.tabBar().hasFocus()  # the mnemonic focuses the tab; Tab enters it
    qtbot.keyClick(dialog.tabs.tabBar(), Qt.Key.Key_Tab)
    assert tab.programs_view.hasFocus(), QApplication.focusWidget()

    programs = tab.programs_model
    assert programs.rowCount() == 1
    # Safety 2 of 2 done, Joints 0 of 3 with one started: 2 of 5 lessons is 40%.
    assert [programs.index(0, c).data() for c in range(programs.columnCount())] == [
        "Welding",
        "1 of 2",
        "2 of 5",
        "1",
        "40.00%",
        "2026-11-22",  # the marks' time (22:00 UTC) is 17:00 in New York
    ]
    assert "2 of 5 lessons completed (40.00%), 1 in progress" in tab.summary.text()
    lessons = tab.lessons_model
    assert [(lessons.index(r, 1).data(), lessons.index(r, 2).data()) for r in range(5)] == [
        ("PPE", "Completed"),
        ("Fire watch", "Completed"),
        ("Butt", "In progress"),
        ("Lap", "Not started"),
        ("Tee", "Not started"),
    ]
    assert lessons.index(4, 0).data() == "2. Joints"
    assert lessons.index(4, 3).data() == ""  # never touched
    qtbot.keyClick(tab.programs_view, Qt.Key.Key_Tab)
    assert tab.lessons_view.hasFocus()
    qtmodeltester.check(programs)
    qtmodeltester.check(lessons)


def _program(name: str, statuses: tuple[ProgressStatus, ...]) -> ProgramProgressDTO:
    module = uuid.uuid4()
    lessons = tuple(
        LessonStatusDTO(module, "Basics", 1, uuid.uuid4(), f"Lesson {n}", s, None)
        for n, s in enumerate(statuses, 1)
    )
    done = statuses.count(ProgressStatus.COMPLETED)
    return ProgramProgressDTO(
        program_id=uuid.uuid4(),
        program_name=name,
        modules_completed=int(done == len(statuses)),
        modules_total=1,
        lessons_completed=done,
        lessons_in_progress=statuses.count(ProgressStatus.IN_PROGRESS),
        lessons_total=len(statuses),
        pct=None,
        last_activity=None,
        lessons=lessons,
    )


def test_choosing_a_program_shows_its_lessons(qtbot: QtBot) -> None:
    tab = CurriculumTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.set_programs(
        [
            _program("Faith & Character", (ProgressStatus.COMPLETED,)),
            _program("Welding", (ProgressStatus.IN_PROGRESS, ProgressStatus.NOT_STARTED)),
        ]
    )
    assert tab.lessons_model.rowCount() == 1
    assert tab.lessons_label.text() == "&Lessons of Faith && Character"
    tab.programs_view.setFocus()
    qtbot.keyClick(tab.programs_view, Qt.Key.Key_Down)
    assert tab.lessons_model.rowCount() == 2
    assert tab.lessons_model.index(0, 2).data() == "In progress"
    assert tab.summary.text().startswith("Welding: 0 of 2 lessons completed")
    tab.set_programs([])
    assert tab.lessons_model.rowCount() == 0
    assert tab.summary.text() == "Not enrolled in any program."
