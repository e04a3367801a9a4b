"""Issue 15 on CSV exports shaped like seed 003's own tables (students, parents,
student_parent_relationships, instructors, locations, courses, student_enrollments, sessions,
student_attendance, instructor_availability, lessons, student_progress), one file per table with
the tables' snake_case column names: nothing in the folder is lost without a word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.importing.csv_mapping import FIELDS, guess_columns
from app.importing.report import RunReport
from app.importing.run import ImportRequest, run_request
from app.ui.dialogs.csv_import import CsvImportDialog
from tests.importing.conftest import connect, count

HERE = Path(__file__).parent / "csv" / "seed003"
REVIEW = "imported set for review"


def _import(pg_url: str) -> tuple[ImportRequest, RunReport]:
    request = ImportRequest(
        system="csv", source=str(HERE), into=pg_url, mapping=HERE / "mapping.toml"
    )
    return request, run_request(request)


def test_a_repeated_enrolment_is_reported_never_overwriting_the_first(pg_url: str) -> None:
    _, report = _import(pg_url)
    found = {(p.entity, p.source_id, p.kind): p.detail for p in report.problems}
    # Line 6 gives s-1 in c-1 again, completed: the first line (enrolled) stands, and it is said.
    detail = found[("enrollments", "s-1:c-1", "duplicate")]
    assert "line 6" in detail and "line 2" in detail
    with connect(pg_url) as c:
        status = c.execute(
            "SELECT e.enrollment_status FROM program_class_enrollments AS e"
            " JOIN users AS u ON u.id = e.user_id JOIN program_classes AS k ON k.id = e.class_id"
            " WHERE u.name_first = 'Mia' AND k.name = 'Swimming Club Level 1'"
        ).fetchall()
    assert status == [("Enrolled",)]
    # The same for a mark (a-2 repeats a-1) and a parent's link (r-3 repeats r-1).
    assert ("attendance", "x-1:s-1:2026-01-05", "duplicate") in found
    assert ("student_guardians", "p-1:s-1", "duplicate") in found
    assert (
        count(
            pg_url,
            "program_class_event_attendance",
            "attendance_status = 'present' AND note = 'great kick'",
        )
        == 1
    )


def test_with_the_smallest_mapping_the_first_enrolment_stands_and_the_second_is_said(
    pg_url: str,
) -> None:
    request = ImportRequest(
        system="csv", source=str(HERE), into=pg_url, mapping=HERE / "enrolments-only.toml"
    )
    report = run_request(request)
    assert ("enrollments", "s-1:c-1", "duplicate") in {
        (p.entity, p.source_id, p.kind) for p in report.problems
    }
    assert report.entities["enrollments"].skipped == {"duplicate": 1}
    assert count(pg_url, "program_class_enrollments") == 5
    assert count(pg_url, "program_class_enrollments", "enrollment_status = 'Completed'") == 0
    # The files and columns this mapping leaves alone are all listed.
    assert report.not_read["sessions.csv"] == 3
    assert report.not_read["student_enrollments.csv: id"] == 6


def test_sessions_map_status_and_reason_and_marks_off_the_schedule_are_set_for_review(
    pg_url: str,
) -> None:
    _, report = _import(pg_url)
    found = {(p.entity, p.source_id): (p.kind, p.action) for p in report.problems}
    assert count(pg_url, "program_class_events") == 3
    # A date and start and end times: 17:00 for 45 minutes, every Monday, with its instructor.
    with connect(pg_url) as c:
        rows = c.execute(
            "SELECT e.dtstart_local::text, e.duration_minutes, e.recurrence_rule, r.name,"
            " u.name_first FROM program_class_events AS e JOIN rooms AS r ON r.id = e.room_id"
            " JOIN users AS u ON u.id = e.instructor_id ORDER BY e.dtstart_local"
        ).fetchall()
    assert rows == [
        ("2026-01-05 17:00:00", 45, "FREQ=WEEKLY;BYDAY=MO", "Main Pool", "Kim"),
        ("2026-01-06 18:00:00", 60, None, "Court A", "Lee"),
        ("2026-01-08 18:00:00", 60, None, "Court A", "Lee"),
    ]
    # The cancelled session is a cancelled occurrence with its reason.
    assert (
        count(
            pg_url,
            "program_class_event_overrides",
            "is_cancelled AND original_date = '2026-01-06' AND reason = 'Court flooded'",
        )
        == 1
    )
    # Its mark, and a mark on a Tuesday of a Monday class, are imported set for review.
    assert found[("attendance", "x-2:s-4:2026-01-06")] == ("cancelled session", REVIEW)
    assert found[("attendance", "x-1:s-3:2026-01-06")] == ("not a session", REVIEW)
    assert count(pg_url, "program_class_event_attendance", "needs_review") == 2
    assert count(pg_url, "program_class_event_attendance", "NOT needs_review") == 2
    assert (
        count(
            pg_url,
            "program_class_event_attendance",
            "date = %s AND needs_review",
            (date(2026, 1, 6),),
        )
        == 2
    )


def test_a_waitlist_position_orders_the_waitlist(pg_url: str) -> None:
    _, report = _import(pg_url)
    with connect(pg_url) as c:
        waiting = c.execute(
            "SELECT u.name_last, e.waitlist_position FROM program_class_enrollments AS e"
            " JOIN users AS u ON u.id = e.user_id WHERE e.enrollment_status = 'Waitlisted'"
            " ORDER BY e.waitlist_position"
        ).fetchall()
    # Positions 1 and 3 given, one without: 1, 3, then the file's order.
    assert waiting == [("Brown", 1), ("Smith", 2), ("Taylor", 3)]
    renumbered = [p for p in report.problems if p.kind == "renumbered"]
    assert [(p.source_id, "3" in p.detail) for p in renumbered] == [("s-2:c-1", True)]


def test_instructors_rooms_parents_and_links_come_from_their_own_files(pg_url: str) -> None:
    _import(pg_url)
    with connect(pg_url) as c:
        staff = c.execute(
            "SELECT name_first, name_last, email, phone FROM users WHERE role = 'instructor'"
            " ORDER BY name_first"
        ).fetchall()
        rooms = c.execute("SELECT name, kind, capacity FROM rooms ORDER BY name").fetchall()
        classes = c.execute(
            "SELECT k.name, u.name_first, r.name FROM program_classes AS k"
            " JOIN users AS u ON u.id = k.instructor_id JOIN rooms AS r ON r.id = k.room_id"
            " ORDER BY k.name"
        ).fetchall()
        family = c.execute(
            "SELECT s.name_last, g.name_first, l.relationship, l.is_primary"
            " FROM student_guardians AS l JOIN users AS s ON s.id = l.student_id"
            " JOIN guardians AS g ON g.id = l.guardian_id ORDER BY s.name_last"
        ).fetchall()
        hours = c.execute(
            "SELECT u.name_first, a.weekday FROM instructor_availability AS a"
            " JOIN users AS u ON u.id = a.instructor_id ORDER BY a.weekday"
        ).fetchall()
    assert staff == [
        ("Kim", "Coach", "kim@academy.example", "07700 900201"),
        ("Lee", "Trainer", "lee@academy.example", None),
    ]
    assert rooms == [("Court A", "court", 20), ("Main Pool", "pool", 30)]
    # By the instructors' and locations' ids, or by their names.
    assert classes == [
        ("Junior Basketball", "Lee", "Court A"),
        ("Swimming Club Level 1", "Kim", "Main Pool"),
    ]
    assert family == [("Jones", "Sara", "mother", True), ("Smith", "Tom", "father", True)]
    assert hours == [("Kim", 0), ("Lee", 1)]
    assert count(pg_url, "guardians") == 2


def test_star_ratings_map_to_lesson_progress(pg_url: str) -> None:
    _, report = _import(pg_url)
    with connect(pg_url) as c:
        progress = c.execute(
            "SELECT u.name_first, l.title, p.stars, p.status, a.name_first"
            " FROM lesson_progress AS p JOIN users AS u ON u.id = p.student_id"
            " JOIN lessons AS l ON l.id = p.lesson_id JOIN users AS a ON a.id = p.assessed_by"
            " ORDER BY u.name_first, l.title"
        ).fetchall()
    assert progress == [
        ("Ava", "Front crawl", 2, "in_progress", "Kim"),
        ("Mia", "Front crawl", None, "in_progress", "Kim"),
        ("Mia", "Star float", 3, "in_progress", "Kim"),
    ]
    assert ("lesson_progress", "s-1:les-2", "invalid") in {
        (p.entity, p.source_id, p.kind) for p in report.problems
    }
    assert count(pg_url, "modules", "name = 'Level 1'") == 1


def test_every_unused_file_and_column_is_listed_and_a_rerun_changes_nothing(
    pg_url: str,
) -> None:
    request, report = _import(pg_url)
    assert report.not_read["auth_audit_log.csv"] == 2
    assert report.not_read["students.csv: program_id"] == 4
    assert report.not_read["students.csv: location_id"] == 4
    assert report.not_read["instructors.csv: hourly_rate"] == 2
    assert report.not_read["courses.csv: age_group"] == 2
    assert report.not_read["student_enrollments.csv: id"] == 6
    assert report.not_read["locations.csv: address"] == 2
    assert "students.csv: first_name" not in report.not_read
    text = report.render()
    assert "auth_audit_log.csv: 2 rows, not read at all" in text
    assert "students.csv: location_id (4), program_id (4)" in text
    # The student without a first name is said too.
    assert ("students", "s-2", "missing value") in {
        (p.entity, p.source_id, p.kind) for p in report.problems
    }
    assert run_request(request).changed_rows == 0


def test_the_mapping_dialog_guesses_the_seeds_files_and_columns(
    qtbot: QtBot, tmp_path: Path, pg_url: str
) -> None:
    dialog = CsvImportDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.folder_edit.setFocus()
    qtbot.keyClicks(dialog.folder_edit, str(HERE))
    qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Return)
    assert dialog.kind_box.hasFocus()
    guessed = {}
    qtbot.keyClick(dialog.kind_box, Qt.Key.Key_Home)
    for n, kind in enumerate(FIELDS):
        if n:
            qtbot.keyClick(dialog.kind_box, Qt.Key.Key_Down)
        assert dialog.kind_box.currentText() == kind
        if dialog.file_box.currentText():
            guessed[kind] = dialog.file_box.currentText()
    assert guessed == {
        "students": "students.csv",
        "guardians": "parents.csv",
        "guardian_links": "student_parent_relationships.csv",
        "instructors": "instructors.csv",
        "rooms": "locations.csv",
        "classes": "courses.csv",
        "enrollments": "student_enrollments.csv",
        "sessions": "sessions.csv",
        "attendance": "student_attendance.csv",
        "availability": "instructor_availability.csv",
        "lessons": "lessons.csv",
        "lesson_progress": "student_progress.csv",
    }
    qtbot.keyClick(dialog.kind_box, Qt.Key.Key_Home)
    for _ in range(list(FIELDS).index("sessions")):
        qtbot.keyClick(dialog.kind_box, Qt.Key.Key_Down)
    assert dialog.kind_box.currentText() == "sessions"
    shown = {f: box.currentText() for f, box in dialog.field_boxes.items() if box.currentText()}
    assert shown == {
        "id": "id",
        "class": "course_id",
        "date": "session_date",
        "start": "start_time",
        "end": "end_time",
        "room": "location_id",
        "instructor": "instructor_id",
        "status": "status",
        "cancellation_reason": "cancellation_reason",
        "rrule": "recurrence_rule",
    }
    assert dialog.problems() == []
    # Saved as guessed (not one column chosen by hand), the mapping brings the export across.
    dialog.facility_edit.setFocus()
    qtbot.keyClicks(dialog.facility_edit, "Riverside")
    qtbot.keyClicks(dialog.timezone_edit, "Europe/London")
    dialog.mapping_edit.setFocus()
    dialog.mapping_edit.selectAll()
    qtbot.keyClicks(dialog.mapping_edit, str(tmp_path / "guessed.json"))
    with qtbot.waitSignal(dialog.sig_saved) as saved:
        qtbot.keyClick(dialog.mapping_edit, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    report = run_request(
        ImportRequest(system="csv", source=str(HERE), into=pg_url, mapping=Path(saved.args[0]))
    )
    assert count(pg_url, "users", "role = 'student'") == 4
    assert count(pg_url, "users", "role = 'instructor'") == 2
    assert count(pg_url, "program_class_enrollments") == 5
    assert count(pg_url, "program_class_enrollments", "enrollment_status = 'Waitlisted'") == 3
    assert count(pg_url, "program_class_event_overrides", "is_cancelled") == 1
    assert count(pg_url, "lesson_progress", "stars = 3") == 1
    assert report.not_read["auth_audit_log.csv"] == 2
    assert guess_columns(
        "enrollments", ["id", "student_id", "course_id", "enrollment_status", "waitlist_position"]
    ) == {
        "student": "student_id",
        "class": "course_id",
        "status": "enrollment_status",
        "waitlist_position": "waitlist_position",
    }
    assert guess_columns(
        "guardian_links",
        ["id", "student_id", "parent_id", "relationship_type", "is_primary_contact"],
    ) == {
        "student": "student_id",
        "guardian": "parent_id",
        "relationship": "relationship_type",
        "is_primary": "is_primary_contact",
    }
    assert guess_columns("lesson_progress", ["student_id", "lesson_id", "star_rating"]) == {
        "student": "student_id",
        "lesson": "lesson_id",
        "stars": "star_rating",
    }
