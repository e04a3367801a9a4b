"""The paper round trip: the sign-in sheet printed before the session (and the filled sheet)
read back from the PDF the sheet's buttons wrote, and the marks of a paper sheet typed back in
"From paper" order, which is the printed order. A class of 60 fills several pages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.bootstrap import build_services
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, Role
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance_dto import paper_order
from app.ui.models.sheet_table import NAME, PAPER_NO, STATUS
from app.ui.paper import MARGIN_MM, page_size_for, paper_layout
from app.ui.views.attendance import AttendanceView
from tests.integration.factories import add_person, enrol_all
from tests.ui.conftest import DESK_CLOCK, PAST_MONDAY, Desk, open_sheet_of

A = AttendanceStatus
ALT = Qt.KeyboardModifier.AltModifier
LEFT = Qt.MouseButton.LeftButton
# Thirty more students in Welding I, their last names out of the order they were added in.
MORE = ["Zeller", "Abara", "Nguyen", "Okonkwo-Delacroix", "Brandt", "Yilmaz"]


@pytest.fixture
def class_of_60(desk: Desk) -> Desk:
    uow = UnitOfWorkFactory(desk.engine, Actor("admin", device_id="ws-1"))
    with uow() as u:
        more = [
            add_person(u, desk.facility_id, f"Ann{i:02d}", MORE[i % 6], number=f"STU-2025-{i:04d}")
            for i in range(30)
        ]
        kim = add_person(u, desk.facility_id, "Kim", "Lee", role=Role.INSTRUCTOR)
        u.commit()
    enrol_all(desk.services.rosters, desk.welding, more)
    with desk.engine.begin() as conn:
        conn.execute(text("UPDATE program_class_enrollments SET enrolled_at = '2026-01-01'"))
        conn.execute(
            text("UPDATE program_class_events SET instructor_id = :kim WHERE id = :id"),
            {"kim": kim.hex, "id": desk.welding_series.hex},
        )
    desk.students.extend(more)
    return desk


def _save(
    qtbot: QtBot,
    view: AttendanceView,
    button: QPushButton,
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> PdfReader:
    """Click an export button, answer the save dialog with ``path``, read the PDF written."""
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )
    with qtbot.waitSignal(view.sig_exported, timeout=20_000):
        qtbot.mouseClick(button, LEFT)
    return PdfReader(path)


def _words(page_text: str) -> str:
    return " ".join(page_text.split())  # the PDF's tabs and line ends as single spaces


def _printed_names(reader: PdfReader, names: list[str]) -> list[str]:
    """The students' names in the order the PDF prints them."""
    text_all = _words(" ".join(page.extract_text() for page in reader.pages))
    found = sorted((text_all.find(name), name) for name in names)
    assert all(at >= 0 for at, _name in found), [n for at, n in found if at < 0]
    return [name for _at, name in found]


def test_the_blank_sign_in_sheet_of_60_fills_its_pages_with_the_session_on_each(
    qtbot: QtBot, class_of_60: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = class_of_60
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    assert view.model.rowCount() == 60
    reader = _save(qtbot, view, view.blank_button, tmp_path / "blank.pdf", monkeypatch)
    assert view.sheet is not None
    layout = paper_layout(view.sheet, blank=True)
    assert len(reader.pages) == layout.page_count >= 3
    assert sum(len(page) for page in layout.pages) == 60
    assert layout.row_mm >= 8  # a signature needs this much
    # The page is filled: the table spans the width inside the margins.
    assert layout.table_width_mm == pytest.approx(layout.width_mm - 2 * MARGIN_MM, abs=0.01)
    size = QPageSize(page_size_for()).size(QPageSize.Unit.Point)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (
        round(size.width()),
        round(size.height()),
    )
    count = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        words = _words(page.extract_text())
        assert "Sign-in sheet: Welding I" in words
        assert "Monday 16 November 2026, 09:00–10:00 (America/New_York)" in words
        assert "Room: Workshop" in words and "Instructor: Kim Lee" in words
        assert f"Page {number} of {count}" in words
        assert "Signature" in words and "Mark" in words  # the table's heading
        assert ("Instructor's signature:" in words) == (number == count)
    rows = view.sheet.rows
    assert _printed_names(reader, [r.display_name for r in rows]) == [
        r.display_name for r in paper_order(rows)
    ]


def test_columns_fit_their_content_and_a_long_name_is_shortened_not_spilled(
    qtbot: QtBot, class_of_60: Desk
) -> None:
    desk = class_of_60
    with desk.engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET name_last = :last WHERE id = :id"),
            {"last": "Wolfeschlegelsteinhausenbergerdorff-Abernathy", "id": desk.students[7].hex},
        )
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    assert view.sheet is not None
    for page_size in (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter):
        layout = paper_layout(view.sheet, blank=True, page_size=page_size)
        widths = {column.title: column.width_mm for column in layout.columns}
        assert widths["#"] < 12 and widths["In"] < 20 and widths["Out"] < 20
        assert 25 <= widths["Student no."] <= 40  # "STU-2026-0000" and a little room
        assert widths["Signature"] >= 40  # room to sign
        assert widths["Name"] <= 75  # the longest name is shortened with "…"
        assert layout.table_width_mm == pytest.approx(layout.width_mm - 2 * MARGIN_MM, abs=0.01)


def test_the_filled_sheet_prints_each_status_with_its_symbol_on_every_page_s_header(
    qtbot: QtBot, class_of_60: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = class_of_60
    kim = build_services(desk.engine, Actor("kim_lee", device_id="ws-2"), DESK_CLOCK)
    first, second, third = paper_order(
        desk.services.attendance.sheet(desk.welding_series, PAST_MONDAY).rows
    )[:3]
    kim.attendance.mark(desk.welding_series, PAST_MONDAY, first.student_id, A.LATE)
    kim.attendance.mark(
        desk.welding_series,
        PAST_MONDAY,
        second.student_id,
        A.ABSENT_EXCUSED,
        absence_reason="Court date",
    )
    kim.attendance.mark(desk.welding_series, PAST_MONDAY, third.student_id, A.PARTIAL, minutes=35)
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    reader = _save(qtbot, view, view.pdf_button, tmp_path / "filled.pdf", monkeypatch)
    assert view.sheet is not None
    assert len(reader.pages) == paper_layout(view.sheet, blank=False).page_count >= 2
    words = [_words(page.extract_text()) for page in reader.pages]
    assert f"1 {first.display_name} {first.student_number} ◔ Late" in words[0]
    assert f"2 {second.display_name} {second.student_number} E Excused Court date" in words[0]
    assert f"3 {third.display_name} {third.student_number} ◑ Partial 35" in words[0]
    for number, page in enumerate(words, start=1):
        assert "Attendance: Welding I" in page and "3 of 60 marked" in page
        assert f"Page {number} of {len(words)}" in page
    assert "Instructor's signature:" in words[-1]


def test_from_paper_puts_the_printed_order_back_and_marks_typed_down_skip_nobody(
    qtbot: QtBot, class_of_60: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = class_of_60
    view = open_sheet_of(qtbot, desk, PAST_MONDAY, desk.welding_series)
    reader = _save(qtbot, view, view.blank_button, tmp_path / "blank.pdf", monkeypatch)
    shown = [view.model.row_at(r).display_name for r in range(60)]
    printed = _printed_names(reader, shown)
    # Sorted by status with a click on its heading, the sheet is not in the printed order.
    view.table.setFocus()
    for key in (Qt.Key.Key_A, Qt.Key.Key_P):  # the first student absent, the second present
        with qtbot.waitSignal(view.sig_marked, timeout=10_000):
            qtbot.keyClick(view.table, key)
    header = view.table.horizontalHeader()
    middle = header.sectionViewportPosition(STATUS) + header.sectionSize(STATUS) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(middle, header.height() // 2))
    first_three = [view.model.row_at(r).display_name for r in (0, 1, 2)]
    assert first_three == [printed[1], printed[0], printed[2]]  # present, absent, unmarked

    qtbot.keyClick(view, Qt.Key.Key_O, ALT)  # From paper
    assert view.paper_button.isChecked()
    assert [view.model.row_at(r).display_name for r in range(60)] == printed
    assert [view.model.index(r, PAPER_NO).data() for r in (0, 59)] == ["1", "60"]
    assert view.table.hasFocus()
    assert (view.table.currentIndex().row(), view.table.currentIndex().column()) == (0, STATUS)
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(middle, header.height() // 2))
    assert view.model.row_at(0).display_name == printed[0]  # headings do not sort meanwhile

    letters = "PLEAP" * 12  # as fast as a person types: no waiting for the saves
    for letter in letters:
        qtbot.keyClick(view.table, letter)
    statuses = {"P": A.PRESENT, "L": A.LATE, "E": A.ABSENT_EXCUSED, "A": A.ABSENT_UNEXCUSED}
    qtbot.waitUntil(lambda: "60 of 60 marked" in view.summary.text(), timeout=20_000)
    desk.runner.wait_idle()
    stored = paper_order(desk.services.attendance.sheet(desk.welding_series, PAST_MONDAY).rows)
    assert [row.display_name for row in stored] == printed
    assert [row.status for row in stored] == [statuses[k] for k in letters]
    assert view.current_row() == 59
    assert view.model.index(59, NAME).data() == printed[59]

    qtbot.keyClick(view, Qt.Key.Key_O, ALT)  # back to the sheet as it was: sortable
    assert not view.paper_button.isChecked() and view.table.isSortingEnabled()


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("en_US", QPageSize.PageSizeId.Letter),
        ("fr_CA", QPageSize.PageSizeId.Letter),
        ("es_MX", QPageSize.PageSizeId.Letter),
        ("en_GB", QPageSize.PageSizeId.A4),
        ("de_DE", QPageSize.PageSizeId.A4),
        ("fr_FR", QPageSize.PageSizeId.A4),
    ],
)
def test_the_paper_is_letter_or_a4_by_the_locale(name: str, size: QPageSize.PageSizeId) -> None:
    assert page_size_for(QLocale(name)) == size


def test_a_one_row_sheet_still_has_one_page_with_its_signature_line(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with desk.engine.begin() as conn:  # all but one leave Carpentry before that Monday
        conn.execute(
            text(
                "UPDATE program_class_enrollments SET enrollment_status = 'Completed', "
                "enrollment_ended_at = :ended WHERE class_id = :klass AND user_id != :kept"
            ),
            {
                "ended": datetime(2026, 11, 1, tzinfo=UTC),
                "klass": desk.carpentry.hex,
                "kept": desk.students[0].hex,
            },
        )
    view = open_sheet_of(qtbot, desk, date(2026, 11, 16), desk.carpentry_series)
    assert view.model.rowCount() == 1
    reader = _save(qtbot, view, view.blank_button, tmp_path / "one.pdf", monkeypatch)
    assert len(reader.pages) == 1
    words = _words(reader.pages[0].extract_text())
    assert "Last00, First00" in words and "Page 1 of 1" in words
    assert "Instructor's signature:" in words and "Room: Shop 2" in words
