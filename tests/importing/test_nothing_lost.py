"""Issue 15, items 1 to 3 on the seed systems' databases: marks off the schedule are set for
review, a row's every problem is reported, and nothing a source holds is lost without a word.

Each source is built from the seed-shaped DDL of ``ddl/`` and filled as an independent reading of
the seed's document would fill it (the seed says what its columns hold, not what is in them).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import psycopg
from psycopg.rows import dict_row

from app.domain.enums import Role
from app.importing.report import SKIPPED, RunReport
from app.importing.run import ImportRequest, libpq, run_request
from tests.importing.conftest import connect, count
from tests.integration.staffserver import Server

REVIEW = "imported set for review"


def problems(report: RunReport) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Per (entity, source id), each problem's kind and action, in report order."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for p in report.problems:
        found.setdefault((p.entity, p.source_id), []).append((p.kind, p.action))
    return found


def details(report: RunReport, entity: str, source_id: str) -> str:
    return " | ".join(
        p.detail for p in report.problems if (p.entity, p.source_id) == (entity, source_id)
    )


# -- seed 000, UnlockEdv2 -----------------------------------------------------------------------


def fill_unlockedv2(url: str) -> None:
    with connect(url) as c:
        c.execute("ALTER TYPE attendance ADD VALUE 'tardy'")
    with connect(url) as c:
        q = c.execute
        # The seed's own "safe migration" example: a column added after the importer was written.
        q("ALTER TABLE users ADD COLUMN middle_name VARCHAR(255)")
        q("INSERT INTO facilities (id, name, timezone) VALUES (1, 'Central', 'America/New_York')")
        q(
            "INSERT INTO users (id, username, name_first, name_last, email, role, facility_id,"
            " kratos_id, middle_name) VALUES"
            " (1, 'ada', 'Ada', 'Byron', 'ada@example.com', 'student', 1, 'k-1', 'King'),"
            " (2, 'mono', '', 'Mononym', 'mono@example.com', 'student', 1, NULL, NULL)"
        )
        q("INSERT INTO programs (id, name) VALUES (1, 'Reading')")
        q(
            "INSERT INTO program_classes (id, program_id, facility_id, name, start_dt) VALUES"
            " (1, 1, 1, 'Reading 1', '2025-01-06T14:00:00Z')"
        )
        # Mondays at 09:00 New York; and a series whose duration AND rule are both bad.
        q(
            "INSERT INTO program_class_events (id, class_id, duration, recurrence_rule) VALUES"
            " (1, 1, '1h', 'DTSTART:20250106T140000Z\\nRRULE:FREQ=WEEKLY;BYDAY=MO'),"
            " (2, 1, 'forever', 'FREQ=SOMETIMES')"
        )
        q(
            "INSERT INTO program_class_event_attendance (id, event_id, user_id, date,"
            " attendance_status) VALUES (1, 1, 1, '2025-01-13', 'present'),"
            " (2, 1, 1, '2025-01-14', 'present'), (3, 1, 2, '2025-01-13', 'absent_excused')"
        )
        # A mark whose student is gone and whose status the importer does not know.
        q("SET session_replication_role = replica")
        q(
            "INSERT INTO program_class_event_attendance (id, event_id, user_id, date,"
            " attendance_status) VALUES (4, 1, 999, '2025-01-20', 'tardy')"
        )
        q("RESET session_replication_role")


def test_unlockedv2_mark_off_the_schedule_is_set_for_review_and_said(
    make_source: Callable[[str], str], pg_url: str
) -> None:
    source = make_source("unlockedv2")
    fill_unlockedv2(source)
    report = run_request(ImportRequest(system="unlockedv2", source=source, into=pg_url))
    found = problems(report)
    # 2025-01-14 is a Tuesday: the series holds no session then. Imported, set for review.
    assert found[("attendance", "2")] == [("not a session", REVIEW)]
    assert "2025-01-14" in details(report, "attendance", "2")
    assert count(pg_url, "program_class_event_attendance", "needs_review") == 1
    assert (
        count(pg_url, "program_class_event_attendance", "needs_review AND date = '2025-01-14'") == 1
    )
    assert count(pg_url, "program_class_event_attendance", "NOT needs_review") == 2
    assert report.entities["attendance"].review == {"not a session": 1}
    assert "set for review 1 (not a session)" in report.render()
    # A second run finds it as it was (still set for review, nothing written).
    again = run_request(ImportRequest(system="unlockedv2", source=source, into=pg_url))
    assert again.changed_rows == 0


def test_a_row_with_several_problems_reports_every_one(
    make_source: Callable[[str], str], pg_url: str
) -> None:
    source = make_source("unlockedv2")
    fill_unlockedv2(source)
    report = run_request(ImportRequest(system="unlockedv2", source=source, into=pg_url))
    found = problems(report)
    assert set(found[("program_class_events", "2")]) == {
        ("invalid duration", SKIPPED),
        ("invalid rrule", SKIPPED),
    }
    assert set(found[("attendance", "4")]) == {("orphan", SKIPPED), ("unknown value", SKIPPED)}
    # Each row is still one skipped row.
    assert report.entities["program_class_events"].skipped_total == 1
    assert report.entities["attendance"].skipped_total == 1
    assert "same row" in report.render()


def test_unlockedv2_empty_first_name_and_unread_columns_are_reported(
    make_source: Callable[[str], str], pg_url: str
) -> None:
    source = make_source("unlockedv2")
    fill_unlockedv2(source)
    report = run_request(ImportRequest(system="unlockedv2", source=source, into=pg_url))
    assert ("missing value", "imported with a change") in problems(report)[("users", "2")]
    assert count(pg_url, "users", "name_first = '' AND name_last = 'Mononym'") == 1
    # Columns of the source no entity reads, found by comparing with the source's own columns.
    assert report.not_read["users.middle_name"] == 1  # added after the importer was written
    assert report.not_read["users.kratos_id"] == 1
    assert "users.name_first" not in report.not_read
    assert "users.role" not in report.not_read
    text = report.render()
    assert "not imported, not read by this import" in text
    assert "middle_name (1)" in text and "kratos_id (1)" in text


# -- seed 004, Result Institute -----------------------------------------------------------------


def fill_result_institute(url: str) -> None:
    with connect(url) as c:
        q = c.execute
        q(
            "INSERT INTO users (id, email, password_hash, first_name, last_name, role, bio) VALUES"
            " (1, 't@ri.cm', 'x', 'John', 'Doe', 'trainer', 'Coach since 2010'),"
            " (2, 'p@ri.cm', 'x', '', 'Ngo', 'participant', NULL)"
        )
        q(
            "INSERT INTO trainings (id, title, slug, status, category, level, start_date,"
            " created_by) VALUES (1, 'Leadership', 'lead', 'published', 'Leadership Training',"
            " 'beginner', '2026-02-02', 1)"
        )
        q(
            "INSERT INTO sessions (id, training_id, title, session_date, status, notes) VALUES"
            " (1, 1, 'Day 1', '2026-02-02T08:00:00Z', 'completed', NULL),"
            " (2, 1, 'Day 2', '2026-02-09T08:00:00Z', 'cancelled', 'trainer ill')"
        )
        q("INSERT INTO enrollments (id, user_id, training_id) VALUES (1, 2, 1)")
        q(
            "INSERT INTO attendance (id, session_id, user_id, status, marked_by) VALUES"
            " (1, 1, 2, 'present', 1), (2, 2, 2, 'present', 1)"
        )


def test_result_institute_mark_on_a_cancelled_session_is_set_for_review(
    make_source: Callable[[str], str], pg_url: str
) -> None:
    source = make_source("result-institute")
    fill_result_institute(source)
    report = run_request(
        ImportRequest(
            system="result-institute",
            source=source,
            into=pg_url,
            options={"timezone": "Africa/Douala"},
        )
    )
    found = problems(report)
    assert found[("attendance", "2")] == [("cancelled session", REVIEW)]
    assert ("attendance", "1") not in found
    assert (
        count(pg_url, "program_class_event_attendance", "needs_review AND date = '2026-02-09'") == 1
    )
    assert count(pg_url, "program_class_event_attendance", "NOT needs_review") == 1
    # The participant without a first name, and what the importer does not read.
    assert ("missing value", "imported with a change") in found[("users", "2")]
    assert count(pg_url, "users", "name_first = '' AND name_last = 'Ngo'") == 1
    for column in ("trainings.category", "trainings.level", "users.bio", "sessions.title"):
        assert report.not_read[column] >= 1, column
    assert "trainings.status" not in report.not_read


# -- seed 002, AADA -----------------------------------------------------------------------------


def fill_aada(url: str) -> None:
    with connect(url) as c:
        q = c.execute
        # The seed's table calls total_minutes "COMPUTED": a reading where the LMS computes it
        # (and leaves it empty until it does) holds a plain column.
        q("ALTER TABLE attendance DROP COLUMN total_minutes")
        q("ALTER TABLE attendance ADD COLUMN total_minutes INTEGER")
        q(
            "INSERT INTO users (id, email, hashed_password, full_name, role) VALUES"
            " (1, 'alice@aada.edu', 'h', 'Alice Mbeki', 'student')"
        )
        q(
            "INSERT INTO programs (id, name, tuition_amount_cents) VALUES"
            " (1, 'Dental Assistant Professional', 1200000)"
        )
        q(
            "INSERT INTO enrollments (id, user_id, program_id, status, enrolled_at, progress_pct)"
            " VALUES (1, 1, 1, 'active', '2025-09-01', 35)"
        )
        q(
            "INSERT INTO attendance (id, user_id, enrollment_id, clock_in, clock_out,"
            " total_minutes) VALUES (1, 1, 1, '2025-09-02 08:00', '2025-09-02 12:30', NULL),"
            " (2, 1, 1, '2025-09-03 08:00', '2025-09-03 09:00', 60),"
            " (3, 1, 1, '2025-09-04 08:00', NULL, NULL)"
        )
        q(
            "INSERT INTO externships (id, user_id, site_name, supervisor_email, total_hours)"
            " VALUES (1, 1, 'Smile Clinic', 'sup@smile.example', 10)"
        )


def test_aada_clock_rows_get_minutes_from_their_times_and_count_as_verified(
    make_source: Callable[[str], str], pg_url: str
) -> None:
    source = make_source("aada")
    fill_aada(source)
    report = run_request(
        ImportRequest(
            system="aada", source=source, into=pg_url, options={"timezone": "America/New_York"}
        )
    )
    assert count(pg_url, "hours_logs", "kind = 'lab' AND minutes = 270") == 1
    assert count(pg_url, "hours_logs", "kind = 'lab' AND minutes = 60") == 1
    # Closed rows of the system of record count as verified; the open one waits for staff.
    assert (
        count(
            pg_url,
            "hours_logs",
            "kind = 'lab' AND verified AND verified_by = 'import:aada' AND verified_at = clock_out",
        )
        == 2
    )
    assert count(pg_url, "hours_logs", "kind = 'lab' AND NOT verified AND clock_out IS NULL") == 1
    assert any("verified" in r for r in report.remarks)
    assert "note: AADA's clock-in/out rows" in report.render()
    for column in (
        "programs.tuition_amount_cents",
        "enrollments.progress_pct",
        "externships.supervisor_email",
    ):
        assert report.not_read[column] == 1, column
    assert "attendance.total_minutes" not in report.not_read


# -- seed 001, the academy ----------------------------------------------------------------------

P1 = "00000000-0000-0000-0000-0000000000a1"
P2 = "00000000-0000-0000-0000-0000000000a2"
TUTOR = "00000000-0000-0000-0000-000000000003"
ADMIN = "00000000-0000-0000-0000-000000000001"


def fill_academy(url: str) -> None:
    with connect(url) as c:
        q = c.execute
        # The programs carry the names of the target's programs, so the import adopts them.
        q(
            "INSERT INTO programs (id, name) VALUES (%s, 'Program P1'), (%s, 'Program P2')",
            (P1, P2),
        )
        q(
            "INSERT INTO users (id, username, email, password_hash, role) VALUES"
            " (%s, 'boss', 'boss@academy.example', 'h', 'super_admin'),"
            " (%s, 'tutor', 'tutor@academy.example', 'h', 'tutor')",
            (ADMIN, TUTOR),
        )
        q(
            "INSERT INTO user_program_assignments (user_id, program_id, assigned_at, assigned_by)"
            " VALUES (%s, %s, '2025-08-01 10:00', %s)",
            (TUTOR, P1, ADMIN),
        )
        q("INSERT INTO courses (program_id, name, level) VALUES (%s, 'Swimming Club', 2)", (P1,))
        medical = {
            "allergies": ["peanuts", "penicillin"],
            "conditions": "asthma",
            "medications": ["inhaler"],
            "blood_type": "O+",
        }
        contact = {
            "name": "Mum",
            "phone": "+234 1",
            "relationship": "mother",
            "alt_phone": "+234 2",
        }
        students = [
            ("STU-2025-0001", P1, "Ana", "Lima", medical, contact),
            ("STU-2025-0002", P1, "", "Okafor", None, None),
            ("STU-2025-0003", P2, "Cleo", "Park", None, None),
        ]
        for number, program, first, last, med, emergency in students:
            q(
                "INSERT INTO students (program_id, student_id, first_name, last_name,"
                " enrollment_date, medical_info, emergency_contact) VALUES"
                " (%s, %s, %s, %s, '2025-09-01', %s, %s)",
                (
                    program,
                    number,
                    first,
                    last,
                    json.dumps(med) if med else None,
                    json.dumps(emergency) if emergency else None,
                ),
            )
        q(
            "INSERT INTO facilities (program_id, name, facility_type, equipment, amenities)"
            " VALUES (%s, 'Main Pool', 'pool', %s, %s)",
            (P1, json.dumps(["lane ropes", "kickboards"]), json.dumps(["showers"])),
        )
        q(
            "INSERT INTO modules (id, program_id, name, sequence_order) VALUES"
            " ('00000000-0000-0000-0000-0000000000d1', %s, 'Floating', 1)",
            (P1,),
        )
        q(
            "INSERT INTO lessons (module_id, name, content, sequence_order) VALUES"
            " ('00000000-0000-0000-0000-0000000000d1', 'Star float', 'Lie back, arms out', 1)"
        )


def test_academy_loses_nothing_without_a_word(
    make_source: Callable[[str], str], server: Server
) -> None:
    source = make_source("academy")
    fill_academy(source)
    report = run_request(
        ImportRequest(
            system="academy",
            source=source,
            into=server.url,
            options={"facility": "Facility A", "timezone": "Africa/Lagos"},
        )
    )
    found = problems(report)
    url = server.url
    # A student without a first name: imported with an empty one, and said.
    no_first = [k for k, v in found.items() if ("missing value", "imported with a change") in v]
    assert [k[0] for k in no_first] == ["students"]
    assert count(url, "users", "role = 'student' AND name_first = '' AND name_last = 'Okafor'") == 1
    # Medical and emergency-contact keys without a column of their own: readable in the notes.
    with connect(url) as c:
        row = c.execute(
            "SELECT m.medical_notes, m.allergies, m.emergency_contact_phone"
            " FROM student_medical AS m JOIN users AS u ON u.id = m.user_id"
            " WHERE u.name_first = 'Ana'"
        ).fetchone()
    assert row is not None
    notes, allergies, phone = row
    assert allergies == "peanuts, penicillin"
    assert phone == "+234 1"
    for line in (
        "conditions: asthma",
        "medications: inhaler",
        "blood type: O+",
        "emergency contact alt phone: +234 2",
    ):
        assert line in notes.splitlines(), line
    kept = [k for k, v in found.items() if ("unknown key", "imported with a change") in v]
    assert [k[0] for k in kept] == ["student_medical"]
    # Who assigned the tutor a program, and when: the tutor's account history.
    assert (
        count(
            url,
            "user_account_history",
            "action = 'scope_change' AND admin_username = 'boss'"
            " AND created_at = '2025-08-01 10:00+00'",
        )
        == 1
    )
    # What has no home is listed with its table and column.
    for column in (
        "courses.level",
        "facilities.equipment",
        "facilities.amenities",
        "lessons.content",
        "users.password_hash",
    ):
        assert report.not_read[column] >= 1, column
    for column in (
        "students.program_id",
        "user_program_assignments.assigned_by",
        "user_program_assignments.assigned_at",
    ):
        assert column not in report.not_read, column
    # A student's program reaches staff scoped to it: they see the program's students.
    tutor = server.staff("Tutor", Role.INSTRUCTOR, "A", programs=("P1",))
    with psycopg.connect(libpq(server.as_(tutor)), row_factory=dict_row) as c:
        seen = c.execute(
            "SELECT u.name_last, c.name AS class FROM program_class_enrollments AS e"
            " JOIN users AS u ON u.id = e.user_id JOIN program_classes AS c ON c.id = e.class_id"
            " ORDER BY u.name_last"
        ).fetchall()
    assert seen == [
        {"name_last": "Lima", "class": "Program P1"},
        {"name_last": "Okafor", "class": "Program P1"},
    ]
    # A second run finds everything as it was.
    again = run_request(
        ImportRequest(
            system="academy",
            source=source,
            into=url,
            options={"facility": "Facility A", "timezone": "Africa/Lagos"},
        )
    )
    assert again.changed_rows == 0
