"""Reports stay true: marks taken on the sheet show in the report on screen without a manual
run, and a facility switch clears the previous facility's rows at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.reports_dto import ReportKind
from app.ui.main_window import Workstation
from app.ui.views.reports import ReportsView
from tests.integration.factories import add_facility
from tests.ui.conftest import PAST_MONDAY, Desk, open_sheet_of

CTRL = Qt.KeyboardModifier.ControlModifier


def _missing_report(qtbot: QtBot, desk: Desk) -> ReportsView:
    view = desk.win.reports
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(desk.win, Qt.Key.Key_7, CTRL)
    index = view.kind_box.findData(ReportKind.MISSING_ATTENDANCE.value)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        view.kind_box.setCurrentIndex(index)
    return view


def test_marks_taken_on_the_sheet_show_in_the_open_report(qtbot: QtBot, desk: Desk) -> None:
    view = _missing_report(qtbot, desk)
    rows_before = view.model.rowCount()
    assert rows_before > 0
    sheet = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.carpentry_series)
    sheet.table.setFocus()
    for _ in range(sheet.model.rowCount()):
        with qtbot.waitSignal(sheet.sig_marked, timeout=10_000):
            qtbot.keyClick(sheet.table, Qt.Key.Key_P)
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(desk.win, Qt.Key.Key_7, CTRL)  # the report runs again as it is shown
    assert view.model.rowCount() == rows_before - 1


def test_a_facility_switch_clears_the_report_at_once(qtbot: QtBot, desk: Desk) -> None:
    from app.domain.actor import Actor
    from app.repositories.uow import UnitOfWorkFactory

    with UnitOfWorkFactory(desk.engine, Actor("desk_test", device_id="ws-1"))() as u:
        add_facility(u, "South Annex", "America/Chicago")
        u.commit()
    view = _missing_report(qtbot, desk)
    assert "North Academy" in view.message.text() and view.model.rowCount() > 0
    qtbot.keyClick(desk.win, Qt.Key.Key_1, CTRL)  # the report is not on screen
    facilities = tuple(desk.services.facilities.list_facilities())
    desk.win.set_workstation(Workstation(desk.services, None, facilities, "Test workstation"))
    desk.win.facility_box.setCurrentIndex([f.name for f in facilities].index("South Annex"))
    assert view.model.rowCount() == 0 and view.message.text() == ""
    assert not view.export_buttons["csv"].isEnabled()
    with qtbot.waitSignal(view.sig_loaded, timeout=10_000):
        qtbot.keyClick(desk.win, Qt.Key.Key_7, CTRL)
    assert "South Annex" in view.message.text() and view.model.rowCount() == 0
