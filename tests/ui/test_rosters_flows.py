"""Rosters stay true: another screen's write shows here without a manual refresh, a facility
switch leaves nothing of the previous facility, and the class chosen stays chosen."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.actor import Actor
from app.domain.enums import EnrollmentStatus
from app.repositories.uow import UnitOfWorkFactory
from app.services.changes import ENROLLMENTS, Changes
from app.ui.combo import index_of
from app.ui.main_window import Workstation
from tests.integration.factories import add_class, add_facility, add_program
from tests.ui.conftest import Desk

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _rosters(qtbot: QtBot, desk: Desk, class_id: uuid.UUID) -> None:
    """Rosters (Ctrl+2), then the class chosen with the arrow keys in the class box."""
    qtbot.keyClick(desk.win, Qt.Key.Key_2, CTRL)
    view = desk.win.rosters
    box = view.class_box
    qtbot.waitUntil(lambda: box.count() == 2, timeout=10_000)
    steps = index_of(box, class_id) - box.currentIndex()
    for _ in range(abs(steps)):
        qtbot.keyClick(box, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    qtbot.waitUntil(
        lambda: view.roster is not None and view.roster.class_id == class_id, timeout=10_000
    )


def test_the_class_chosen_in_the_box_shows_its_roster(qtbot: QtBot, desk: Desk) -> None:
    _rosters(qtbot, desk, desk.welding)
    assert desk.win.rosters.class_box.currentText() == "Welding I"
    assert desk.win.rosters.model.rowCount() == 30
    _rosters(qtbot, desk, desk.carpentry)
    assert desk.win.rosters.class_box.currentText() == "Carpentry"
    assert desk.win.rosters.model.rowCount() == 10


def test_a_withdrawal_elsewhere_shows_on_the_open_roster(qtbot: QtBot, desk: Desk) -> None:
    """A write published on the change signal (here the enrolment service, as the student
    record or a sync would) reloads the roster on screen; nobody calls its reload by hand."""
    _rosters(qtbot, desk, desk.carpentry)
    view = desk.win.rosters
    roster = view.roster
    assert roster is not None and len(roster.enrolled) == 10
    entry = roster.enrolled[0]
    desk.services.rosters.change_status_many(
        [entry.enrollment_id], EnrollmentStatus.INCOMPLETE_WITHDRAWN, "Moved away"
    )
    desk.win.changes.publish(Changes.of(ENROLLMENTS, facility_id=desk.facility_id, source="x"))
    qtbot.waitUntil(
        lambda: view.roster is not None and len(view.roster.enrolled) == 9, timeout=10_000
    )
    assert "9 enrolled" in view.capacity.text()


def test_withdrawing_from_the_keyboard_publishes_one_change(qtbot: QtBot, desk: Desk) -> None:
    _rosters(qtbot, desk, desk.carpentry)
    view = desk.win.rosters
    seen: list[Changes] = []
    desk.win.changes.sig_changed.connect(seen.append)
    view.table.setFocus()
    view.table.selectRow(0)
    view.reason.setFocus()
    qtbot.keyClicks(view.reason, "Released")
    with qtbot.waitSignal(view.sig_changed, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(
        lambda: view.roster is not None and len(view.roster.enrolled) == 9, timeout=10_000
    )
    assert [c.source for c in seen] == ["rosters"]
    assert "program_class_enrollments" in seen[0].tables
    stored = desk.services.rosters.roster_for(desk.carpentry)
    assert len(stored.enrolled) == 9
    assert view.reason.text() == ""


def test_a_facility_switch_leaves_nothing_of_the_previous_facility(
    qtbot: QtBot, desk: Desk
) -> None:
    with UnitOfWorkFactory(desk.engine, Actor("desk_test", device_id="ws-1"))() as u:
        south = add_facility(u, "South Annex", "America/Chicago")
        program = add_program(u, "Reading")
        u.flush()
        add_class(u, south, program, "Reading Lab")
        u.commit()
    _rosters(qtbot, desk, desk.carpentry)
    view = desk.win.rosters
    view.table.selectRow(0)
    view.reason.setText("x")
    with qtbot.waitSignal(view.sig_changed, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_C, ALT)  # complete: leaves a message on screen
    assert view.message.text()
    facilities = tuple(desk.services.facilities.list_facilities())
    desk.win.set_workstation(Workstation(desk.services, None, facilities, "Test workstation"))
    south_index = [f.name for f in facilities].index("South Annex")
    desk.win.facility_box.setCurrentIndex(south_index)
    # At once, before the new facility's classes arrive: nothing of North Academy.
    assert view.message.text() == ""
    assert view.model.rowCount() == 0
    qtbot.waitUntil(
        lambda: view.roster is not None and view.roster.class_name == "Reading Lab",
        timeout=10_000,
    )
    assert [view.class_box.itemText(i) for i in range(view.class_box.count())] == ["Reading Lab"]
    assert view.model.rowCount() == 0


def test_a_hidden_roster_reloads_when_it_is_shown_again(qtbot: QtBot, desk: Desk) -> None:
    """Marks and enrolments published while the roster is off screen queue no load for it (they
    would compete with the next mark); it reads them when it is shown again."""
    _rosters(qtbot, desk, desk.carpentry)
    view = desk.win.rosters
    roster = view.roster
    assert roster is not None
    qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)
    desk.services.rosters.change_status_many(
        [roster.enrolled[0].enrollment_id], EnrollmentStatus.INCOMPLETE_WITHDRAWN, "Moved away"
    )
    desk.win.changes.publish(Changes.of(ENROLLMENTS, facility_id=desk.facility_id, source="x"))
    qtbot.waitUntil(lambda: not desk.runner.busy, timeout=10_000)
    assert view.roster is roster  # not read again while hidden
    qtbot.keyClick(desk.win, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(
        lambda: view.roster is not None and len(view.roster.enrolled) == 9, timeout=10_000
    )
