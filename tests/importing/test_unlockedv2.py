"""UnlockEdv2 (seed 000) into Rollbook: every enum value, bad rows reported, re-runs idle."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import psycopg
import pytest

from app.importing.engine import RunOptions
from app.importing.report import RunReport
from app.importing.run import ImportRequest, run_request
from tests.importing.conftest import connect, count, table_counts

OUR_TABLES = (
    "facilities",
    "users",
    "programs",
    "program_types",
    "facilities_programs",
    "program_classes",
    "rooms",
    "program_class_events",
    "program_class_enrollments",
    "enrollment_history",
    "program_class_event_attendance",
    "user_account_history",
    "credentials",
    "audit_log",
)
ENROLLMENT = (
    "Enrolled",
    "Cancelled",
    "Completed",
    "Incomplete: Withdrawn",
    "Incomplete: Dropped",
    "Incomplete: Failed to Complete",
    "Incomplete: Transfered",
    "Incomplete: Segregated",
)
FUNDING = (
    "Federal_Grants",
    "State_Grants",
    "Nonprofit_Organizations",
    "Educational_Grants",
    "Inmate_Welfare_Funds",
    "Other",
)
PROGRAM_TYPES = (
    "Educational",
    "Vocational",
    "Mental_Health_Behavioral",
    "Religious_Faith-Based",
    "Re-Entry",
    "Therapeutic",
    "Life_Skills",
)
CLASS_STATUS = ("Scheduled", "Active", "Cancelled", "Completed", "Paused")
ACTIONS = (
    "account_creation",
    "facility_transfer",
    "set_password",
    "reset_password",
    "progclass_history",
    "user_deactivated",
)
OUTCOMES = ("certificate", "grade", "progress_completion", "pathway_completion", "college_credit")


def fill(url: str) -> None:
    """A facility's history with every enum value of seed 000 and the bad rows of the issue."""
    with connect(url) as c:
        # A newer UnlockEdv2 than the seed: values Rollbook does not know.
        c.execute("ALTER TYPE program_enrollment_status ADD VALUE 'Incomplete: Paroled'")
        c.execute("ALTER TYPE attendance ADD VALUE 'tardy'")
    with connect(url) as c:
        q = c.execute
        q(
            "INSERT INTO facilities (id, name, timezone) VALUES (1, 'Central Correctional',"
            " 'America/New_York'), (2, 'Western State', 'America/Los_Angeles'),"
            " (3, 'Lunar Annex', 'Mars/Olympus')"
        )
        users = [
            (1, "sadmin", "System", "Admin", "admin@unlocked.example", "system_admin", 1),
            (2, "fadmin", "Fran", "Admin", "fran@unlocked.example", "facility_admin", 1),
            (3, "dadmin", "Dee", "Admin", "dee@unlocked.example", "department_admin", 2),
        ]
        for i in range(4, 24):
            users.append(
                (
                    i,
                    f"s{i}",
                    f"Stu{i}",
                    f"Dent{i}",
                    f"s{i}@unlocked.example",
                    "student",
                    1 if i < 18 else 2,
                )
            )
        users.append((24, "dup", "Dup", "Email", "S4@UNLOCKED.EXAMPLE", "student", 1))
        users.append((25, "long", "L" * 150, "Name", "long@unlocked.example", "student", 1))
        users.append((26, "moon", "Moon", "Walker", "moon@unlocked.example", "student", 3))
        for u in users:
            q(
                "INSERT INTO users (id, username, name_first, name_last, email, role, facility_id,"
                " doc_id) VALUES (%s, %s, %s, %s, %s, %s, %s, 'DOC-' || %s::text)",
                (*u, u[0]),
            )
        q("UPDATE users SET deactivated_at = '2025-02-01T00:00:00Z' WHERE id = 23")
        for i, funding in enumerate((*FUNDING, None), start=1):
            q(
                "INSERT INTO programs (id, name, funding_type) VALUES (%s, %s, %s)",
                (i, f"Program {i}", funding),
            )
        for i, kind in enumerate(PROGRAM_TYPES):
            q("INSERT INTO program_types VALUES (%s, %s)", (kind, 1 + i % 7))
        for i, status in enumerate(CLASS_STATUS, start=1):
            q(
                "INSERT INTO program_classes (id, program_id, facility_id, capacity, name,"
                " instructor_name, start_dt, end_dt, status, credit_hours) VALUES"
                " (%s, %s, %s, 20, %s, %s, '2025-01-06T14:00:00Z', '2025-06-30T14:00:00Z', %s, 3)",
                (
                    i,
                    i,
                    1 if i < 5 else 2,
                    f"Class {i}",
                    "Ada Lovelace" if i % 2 else "Alan Turing",
                    status,
                ),
            )
        q(
            "INSERT INTO program_classes (id, program_id, facility_id, name, start_dt) VALUES"
            " (6, 7, 3, 'Moon class', '2025-01-06T14:00:00Z')"
        )
        events = [
            (1, 1, "1h30m", "DTSTART:20250106T140000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE", "Room 101"),
            (2, 2, "90m", "FREQ=WEEKLY;BYDAY=TU", "Room 101"),
            (3, 3, "2h", None, "Gym"),
            (4, 4, "1h", "FREQ=SOMETIMES", None),
            (5, 5, "forever", "FREQ=DAILY", None),
            (6, 6, "1h", "FREQ=DAILY;COUNT=5", None),
        ]
        for e in events:
            q(
                "INSERT INTO program_class_events (id, class_id, duration, recurrence_rule, room)"
                " VALUES (%s, %s, %s, %s, %s)",
                e,
            )
        statuses = (*ENROLLMENT, "Incomplete: Paroled")
        for n, status in enumerate(statuses):
            q(
                "INSERT INTO program_class_enrollments (id, class_id, user_id, enrollment_status,"
                " change_reason, enrolled_at) VALUES (%s, 1, %s, %s, %s, '2025-01-06T12:00:00Z')",
                (n + 1, 4 + n, status, None if status == "Enrolled" else f"reason {n}"),
            )
        q("INSERT INTO program_class_enrollments (id, class_id, user_id) VALUES (20, 2, 4)")
        rows = [
            (1, 1, 4, "2025-01-06", "present"),
            (2, 1, 5, "2025-01-06", "absent_excused"),
            (3, 1, 6, "2025-01-06", "absent_unexcused"),
            (4, 1, 7, "2025-01-06", "tardy"),
            (5, 1, 8, "2025-01-06T09:00:00-05:00", "present"),
            (6, 1, 9, "2025-01-06T09:00:00+01:00", "present"),
            (7, 1, 10, "yesterday", "present"),
            (8, 4, 4, "2025-01-07", "present"),
            (9, 2, 4, "2025-01-07", "present"),
        ]
        for r in rows:
            q(
                "INSERT INTO program_class_event_attendance (id, event_id, user_id, date,"
                " attendance_status, note) VALUES (%s, %s, %s, %s, %s, 'n')",
                r,
            )
        for n, action in enumerate(ACTIONS):
            q(
                "INSERT INTO user_account_history (user_id, admin_id, action, facility_id,"
                " created_at) VALUES (%s, 1, %s, 1, %s)",
                (4 + n, action, f"2025-01-0{n + 1}T10:00Z"),
            )
        q("INSERT INTO provider_platforms (id, type, name) VALUES (1, 'kolibri', 'K')")
        q(
            "INSERT INTO courses (id, provider_platform_id, name, external_id)"
            " VALUES (1, 1, 'Algebra', 'x1')"
        )
        for n, kind in enumerate(OUTCOMES):
            q(
                "INSERT INTO outcomes (type, course_id, user_id, value) VALUES (%s, 1, %s, 'A')",
                (kind, 4 + n),
            )
        for _ in range(3):
            q("INSERT INTO activities (course_id, user_id) VALUES (1, 4)")
        q("INSERT INTO milestones (user_id, course_id, external_id) VALUES (4, 1, 'm')")
        # Rows whose parent is gone (a load with constraints off, as legacy data has).
        q("SET session_replication_role = replica")
        q(
            "INSERT INTO program_class_event_attendance (id, event_id, user_id, date)"
            " VALUES (10, 1, 999, '2025-01-08')"
        )
        q("INSERT INTO program_class_enrollments (id, class_id, user_id) VALUES (21, 99, 4)")
        q("RESET session_replication_role")


def run(source: str, target: str, **kw: Any) -> RunReport:
    return run_request(ImportRequest(system="unlockedv2", source=source, into=target, **kw))


def problems(report: RunReport, kind: str) -> set[tuple[str, str]]:
    return {(p.entity, p.source_id) for p in report.problems if p.kind == kind}


@pytest.fixture
def source(make_source: Callable[[str], str]) -> str:
    url = make_source("unlockedv2")
    fill(url)
    return url


def test_import_brings_every_entity_and_reports_bad_rows(source: str, pg_url: str) -> None:
    report = run(source, pg_url)
    e = report.entities
    assert e["facilities"].created == 3
    assert count(pg_url, "facilities", "name = 'Lunar Annex' AND timezone = 'UTC'") == 1
    assert ("facilities", "3") in problems(report, "unknown value")
    assert e["users"].created == 26
    assert count(pg_url, "users", "role = 'student'") == 23
    for role in ("system_admin", "facility_admin", "department_admin"):
        assert count(pg_url, "users", "role = %s", (role,)) == 1
    assert count(pg_url, "users", "role = 'instructor'") == 3  # two names, two facilities
    assert ("users", "24") in problems(report, "duplicate")
    assert count(pg_url, "users", "email IS NULL AND name_first = 'Dup'") == 1
    assert ("users", "25") in problems(report, "too long")
    assert count(pg_url, "users", "length(name_first) = 100") == 1
    assert count(pg_url, "users", "deactivated_at IS NOT NULL AND status = 'inactive'") == 1
    assert count(pg_url, "programs", "funding_type IS NOT NULL") == 6
    assert count(pg_url, "program_types") == 7
    assert count(pg_url, "program_classes") == 6
    for status in CLASS_STATUS:
        assert count(pg_url, "program_classes", "status = %s", (status,)) >= 1
    assert count(pg_url, "program_classes", "instructor_id IS NOT NULL") == 5
    assert count(pg_url, "rooms") == 2
    # Series: the rule with DTSTART, a bare rule, a single session, the moon's; two refused.
    assert count(pg_url, "program_class_events") == 4
    assert problems(report, "invalid rrule") == {("program_class_events", "4")}
    assert problems(report, "invalid duration") == {("program_class_events", "5")}
    assert (
        count(
            pg_url,
            "program_class_events",
            "dtstart_local = '2025-01-06 09:00' AND recurrence_rule = 'FREQ=WEEKLY;BYDAY=MO,WE'"
            " AND duration_minutes = 90",
        )
        == 1
    )
    # Enrollments: every status of the seed; the unknown one and the orphan reported.
    for status in ENROLLMENT:
        assert count(pg_url, "program_class_enrollments", "enrollment_status = %s", (status,)) >= 1
    assert ("enrollments", "9") in problems(report, "unknown value")
    assert ("enrollments", "21") in problems(report, "orphan")
    assert count(pg_url, "enrollment_history", "reason = 'reason 1'") == 1
    # Attendance: the three statuses, offsets the facility uses, the bad ones reported.
    assert count(pg_url, "program_class_event_attendance") == 5
    for status in ("present", "absent_excused", "absent_unexcused"):
        assert (
            count(pg_url, "program_class_event_attendance", "attendance_status = %s", (status,))
            >= 1
        )
    assert ("attendance", "4") in problems(report, "unknown value")
    assert ("attendance", "6") in problems(report, "timezone")
    assert ("attendance", "7") in problems(report, "invalid")
    assert {("attendance", "8"), ("attendance", "10")} <= problems(report, "orphan")
    assert count(pg_url, "program_class_event_attendance", "date = %s", (date(2025, 1, 6),)) == 4
    assert e["attendance"].skipped_total == 5
    assert count(pg_url, "user_account_history") == 6
    assert count(pg_url, "user_account_history", "admin_username = 'sadmin'") == 6
    for kind in OUTCOMES:
        assert count(pg_url, "credentials", "kind = %s AND title = 'Algebra'", (kind,)) == 1
    assert report.no_home["activities"] == 3
    assert report.no_home["milestones"] == 1
    assert report.no_home["courses"] == 1
    # The import is the actor of every audit entry, and workstations will pull the rows. The
    # rows it created are counted in one entry per page, table and facility, naming the run.
    assert count(pg_url, "audit_log", "row_id <> %s", (uuid.UUID(report.run_id),)) == 0
    with connect(pg_url) as c:
        audited = c.execute("SELECT sum((new_values ->> 'count')::int) FROM audit_log").fetchone()
    assert audited is not None and audited[0] == report.changed_rows
    assert count(pg_url, "audit_log", "changed_by <> 'import:unlockedv2'") == 0
    assert count(pg_url, "sync_changes", "table_name = 'program_class_event_attendance'") == 5
    assert "not imported, no home in Rollbook" in report.render()


def test_second_run_changes_nothing_and_a_third_takes_what_changed(
    source: str, pg_url: str
) -> None:
    first = run(source, pg_url)
    before = table_counts(pg_url, OUR_TABLES)
    again = run(source, pg_url)
    assert again.changed_rows == 0
    assert all(c.created == c.updated == 0 for c in again.entities.values())
    assert again.entities["attendance"].unchanged == 5
    assert table_counts(pg_url, OUR_TABLES) == before
    with connect(source) as c:
        c.execute("UPDATE users SET name_last = 'Renamed' WHERE id = 5")
        c.execute(
            "INSERT INTO program_class_event_attendance (id, event_id, user_id, date,"
            " attendance_status) VALUES (11, 1, 5, '2025-01-08', 'present')"
        )
    third = run(source, pg_url)
    assert third.entities["users"].updated == 1
    assert third.entities["attendance"].created == 1
    assert third.changed_rows == 2
    assert count(pg_url, "users", "name_last = 'Renamed'") == 1
    # The audit entries read like the app's: an update's changed fields only, before and
    # after; an insert's values without nulls; bookkeeping columns in neither.
    with connect(pg_url) as c:
        changed = c.execute(
            "SELECT old_values, new_values FROM audit_log WHERE table_name = 'users'"
            " AND action = 'update'"
        ).fetchall()
        assert len(changed) == 1
        old, new = changed[0]
        assert new["name_last"] == "Renamed" and old["name_last"] != "Renamed"
        assert set(old) == set(new) and set(new) <= {"name_last", "search_name"}
        created = c.execute(
            "SELECT row_id, old_values, new_values FROM audit_log"
            " WHERE table_name = 'program_class_event_attendance' AND action = 'insert'"
            " ORDER BY id"
        ).fetchall()
    # One entry per run for the marks it created (the id map says where each came from).
    assert [(str(run_id), old, new["count"]) for run_id, old, new in created] == [
        (first.run_id, None, 5),
        (third.run_id, None, 1),
    ]


def test_dry_run_keeps_nothing(source: str, pg_url: str) -> None:
    report = run(source, pg_url, dry_run=True)
    assert report.entities["attendance"].created == 5
    assert count(pg_url, "users") == 0
    assert count(pg_url, "import_id_map") == 0
    assert count(pg_url, "import_runs") == 0


class Cut(Exception):
    pass


def test_a_cut_run_resumes_where_it_stopped(source: str, pg_url: str) -> None:
    from app.importing.engine import connect_source, run_import, source_label
    from app.importing.run import libpq
    from app.importing.unlockedv2 import SYSTEM

    pages = 0

    def cut_after_five(entity: str, rows: int) -> None:
        nonlocal pages
        pages += 1
        if pages == 5:
            raise Cut

    label = source_label(libpq(source))
    with psycopg.connect(libpq(pg_url)) as target, connect_source(libpq(source)) as src:
        with pytest.raises(Cut):
            run_import(
                SYSTEM, src, target, RunOptions(batch_size=4, progress=cut_after_five), label
            )
        target.rollback()
    assert count(pg_url, "import_runs", "status = 'running'") == 1
    partial = count(pg_url, "users")
    assert 0 < partial < 26
    resumed = run(source, pg_url, batch_size=4)
    assert resumed.resumed
    assert count(pg_url, "import_runs", "status = 'finished'") == 1
    assert resumed.entities["users"].created == 26
    assert resumed.entities["attendance"].created == 5
    assert count(pg_url, "users") == 29
    assert count(pg_url, "program_class_event_attendance") == 5
