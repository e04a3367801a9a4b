"""XLSX exports read back with openpyxl: the attendance sheet from its screen, report tables with
typed cells, and failed exports that leave an earlier file as it was."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from openpyxl.cell import Cell
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import Services, build_services, open_local_cache
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.domain.errors import ValidationError
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.ui.changes import ChangeHub
from app.ui.exports import (
    CSV_COLUMNS,
    PDF_MAX_ROWS,
    TableExport,
    write_table_csv,
    write_table_pdf,
    write_table_xlsx,
)
from app.ui.messages import MessageBridge
from app.ui.tasks import TaskRunner
from app.ui.views.attendance import AttendanceView
from tests.integration.factories import (
    add_class,
    add_facility,
    add_person,
    add_program,
    add_series,
    enrol_all,
)

CLOCK = FixedClock(datetime(2026, 11, 22, 22, 0, tzinfo=UTC))
MONDAY = date(2026, 11, 16)  # 09:00–10:00 in New York: 14:00–15:00 UTC
NY = ZoneInfo("America/New_York")


@pytest.fixture
def sheet_view(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[AttendanceView, Services, Any]]:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    actor = Actor("export_test", device_id="ws-1")
    uow = UnitOfWorkFactory(engine, actor)
    with uow() as u:
        facility = add_facility(u, "North Academy")
        program = add_program(u, "Welding")
        u.flush()
        klass = add_class(u, facility, program, "Welding I", start_date=date(2026, 1, 5))
        u.flush()
        series = add_series(u, facility, klass, datetime(2026, 1, 5, 9, 0))
        students = [
            add_person(u, facility, first, last, number=f"STU-2026-{i:04d}")
            for i, (first, last) in enumerate((("Ann", "Young"), ("Ben", "Adams"), ("Cy", "Moe")))
        ]
        u.commit()
    services = build_services(engine, actor, CLOCK)
    enrol_all(services.rosters, klass, students)
    with engine.begin() as conn:
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
    young, adams, _moe = students
    services.attendance.mark(
        series,
        MONDAY,
        young,
        AttendanceStatus.LATE,
        check_in_at=datetime(2026, 11, 16, 14, 20, tzinfo=UTC),
        check_out_at=datetime(2026, 11, 16, 15, 0, tzinfo=UTC),
        note="Bus late",
    )
    services.attendance.mark(
        series, MONDAY, adams, AttendanceStatus.ABSENT_EXCUSED, absence_reason="Court date"
    )
    runner = TaskRunner(MessageBridge(quiet=True).show_error)
    view = AttendanceView(runner, ChangeHub(runner))
    qtbot.addWidget(view)
    view.set_context(services, facility, "America/New_York")
    view.day.setDate(QDate(MONDAY.year, MONDAY.month, MONDAY.day))
    qtbot.waitUntil(
        lambda: view.sheet is not None and view.sheet.occurrence.original_date == MONDAY,
        timeout=10_000,
    )
    yield view, services, series
    runner.wait_idle()
    engine.dispose()


def test_the_attendance_sheet_exports_as_xlsx(
    qtbot: QtBot, sheet_view: tuple[AttendanceView, Services, Any], tmp_path: Path
) -> None:
    view, _services, _series = sheet_view
    target = tmp_path / "sheet.xlsx"
    with qtbot.waitSignal(view.sig_exported, timeout=10_000):
        view.export("xlsx", target)
    sheet = load_workbook(target).active
    assert sheet is not None
    assert sheet["A1"].value == "Attendance: Welding I"
    assert sheet["A2"].value.startswith("Monday 16 November 2026, 09:00–10:00")
    assert "2 of 3 marked" in sheet["A2"].value
    assert tuple(c.value for c in sheet[4]) == CSV_COLUMNS
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=5)]
    assert rows == [
        ("STU-2026-0001", "Adams, Ben", "absent_excused", "Court date", None, None, None, None,
         "export_test"),
        ("STU-2026-0002", "Moe, Cy", None, None, None, None, None, None, None),
        ("STU-2026-0000", "Young, Ann", "late", None, "Bus late", "09:20", "10:00", 40,
         "export_test"),
    ]  # fmt: skip
    assert sheet.freeze_panes == "A5"


def test_the_sheet_export_into_a_missing_folder_is_refused(
    qtbot: QtBot, sheet_view: tuple[AttendanceView, Services, Any], tmp_path: Path
) -> None:
    view, _services, _series = sheet_view
    with qtbot.waitSignal(view.sig_refused, timeout=10_000) as refused:
        view.export("xlsx", tmp_path / "gone" / "sheet.xlsx")
    assert "could not be written" in refused.args[0]
    assert view.model.rowCount() == 3  # the sheet is still there to export elsewhere


def _export(rows: list[tuple[Any, ...]]) -> TableExport:
    return TableExport(
        title="Participant progress",
        subtitle="North Academy · 01 Mar 2026 – 31 Mar 2026",
        headers=("Student", "Held", "Rate %", "Enrolled", "Started", "Ended"),
        numeric=(False, True, True, False, False, False),
        rows=rows,
    )


def test_report_cells_keep_their_types(tmp_path: Path) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=NY)
    rows = [
        ("Young, Ann", 4, Decimal("52.38"), date(2026, 2, 20), start, None),
        ("adams, Ben", 0, None, None, None, date(2026, 3, 5)),
    ]
    assert _roundtrip(_export(rows), tmp_path / "r.xlsx") == [
        ("Young, Ann", 4, 52.38, datetime(2026, 2, 20), datetime(2026, 3, 2, 9, 0), None),
        ("adams, Ben", 0, None, None, None, datetime(2026, 3, 5)),
    ]


def _roundtrip(export: TableExport, path: Path) -> list[tuple[Any, ...]]:
    assert write_table_xlsx(export, path) == len(export.rows)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert (sheet["A1"].value, sheet["A2"].value) == (export.title, export.subtitle)
    assert tuple(c.value for c in sheet[4]) == export.headers
    formats: dict[str, str] = {}
    for cell in sheet[5]:
        assert isinstance(cell, Cell)  # not a MergedCell: nothing is merged on this row
        formats[cell.column_letter] = cell.number_format
    assert (formats["C"], formats["D"], formats["E"]) == ("0.00", "yyyy-mm-dd", "yyyy-mm-dd hh:mm")
    return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=5)]


def test_a_failed_export_leaves_the_earlier_file_and_no_debris(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    good = _export([("Young, Ann", 4, Decimal("50.00"), None, None, None)])
    write_table_xlsx(good, path)
    before = path.read_bytes()
    broken = _export([("Young, Ann", 4, Decimal("50.00"), None, None, None)] * 3 + [
        ("Bad", uuid.uuid4(), None, None, None, None)  # openpyxl cannot write a UUID
    ])  # fmt: skip
    with pytest.raises(ValueError):
        write_table_xlsx(broken, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]
    with pytest.raises(FileNotFoundError):
        write_table_csv(good, tmp_path / "missing" / "report.csv")


def test_a_pdf_of_too_many_rows_is_refused_before_writing(tmp_path: Path) -> None:
    many = _export([("x", 1, None, None, None, None)] * (PDF_MAX_ROWS + 1))
    with pytest.raises(ValidationError, match="too many for a PDF"):
        write_table_pdf(many, tmp_path / "big.pdf")
    assert list(tmp_path.iterdir()) == []
    assert write_table_pdf(_export(many.rows[:3]), tmp_path / "small.pdf") == 3
    assert (tmp_path / "small.pdf").read_bytes().startswith(b"%PDF")
