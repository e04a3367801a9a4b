"""Result Institute (seed 004) into Rollbook, from the seed's DDL with its views and triggers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.importing.report import RunReport
from app.importing.run import ImportRequest, run_request
from tests.importing.conftest import connect, count, table_counts

TABLES = (
    "facilities",
    "users",
    "programs",
    "rooms",
    "program_classes",
    "program_class_events",
    "program_class_event_overrides",
    "program_class_enrollments",
    "credentials",
    "program_class_event_attendance",
    "audit_log",
)


def fill(url: str) -> None:
    with connect(url) as c:
        q = c.execute
        people = [
            (1, "abba@resultinstitute.cm", "Abba", "Abdouraman", "admin", "active"),
            (2, "trainer1@resultinstitute.cm", "John", "Doe", "trainer", "active"),
            (3, "p1@example.com", "Jane", "Smith", "participant", "active"),
            (4, "p2@example.com", "Paul", "Biya", "participant", "inactive"),
            (5, "p3@example.com", "Rose", "Ngo", "participant", "suspended"),
            (6, "P1@EXAMPLE.COM", "Twin", "Smith", "participant", "active"),
            (7, "p5@example.com", "Marc", "Eto", "participant", "active"),
        ]
        for p in people:
            q(
                "INSERT INTO users (id, email, password_hash, first_name, last_name, role, status)"
                " VALUES (%s, %s, 'x', %s, %s, %s, %s)",
                (p[0], p[1], p[2], p[3], p[4], p[5]),
            )
        trainings = [
            (1, "Leadership Training", "published", "beginner", 2),
            (2, "Executive Development " + "x" * 120, "draft", "intermediate", 2),
            (3, "Youth Empowerment", "archived", "advanced", 1),
        ]
        for t in trainings:
            q(
                "INSERT INTO trainings (id, title, slug, status, level, duration_hours,"
                " max_participants, start_date, end_date, location, created_by) VALUES"
                " (%s, %s, 'slug-' || %s::text, %s, %s, 12, 25, '2026-02-02', '2026-03-30',"
                " 'Douala Hall', %s)",
                (t[0], t[1], t[0], t[2], t[3], t[4]),
            )
        sessions = [
            (1, 1, "2026-02-02T08:00:00Z", "scheduled", 120),
            (2, 1, "2026-02-09T08:00:00Z", "ongoing", 90),
            (3, 1, "2026-02-16T08:00:00Z", "completed", 120),
            (4, 1, "2026-02-23T08:00:00Z", "cancelled", 120),
            (5, 3, "2026-02-03T08:00:00Z", "completed", 0),
        ]
        for s in sessions:
            q(
                "INSERT INTO sessions (id, training_id, title, session_date, status,"
                " duration_minutes, location, notes) VALUES (%s, %s, 'S', %s, %s, %s, 'Room B',"
                " 'storm')",
                s,
            )
        for n, status in enumerate(("active", "completed", "dropped", "suspended")):
            q(
                "INSERT INTO enrollments (id, user_id, training_id, status, progress,"
                " certificate_issued, completion_date) VALUES (%s, %s, 1, %s, %s, %s, %s)",
                (
                    n + 1,
                    3 + n,
                    status,
                    25 * n,
                    status == "completed",
                    "2026-03-30" if status == "completed" else None,
                ),
            )
        rows = [
            (1, 1, 3, "present", "2026-02-02T08:01:00Z", "2026-02-02T10:00:00Z"),
            (2, 1, 4, "late", "2026-02-02T08:20:00Z", None),
            (3, 1, 5, "excused", None, None),
            (4, 1, 6, "absent", None, None),
            (5, 2, 3, "present", "2026-02-09T10:00:00Z", "2026-02-09T08:00:00Z"),
        ]
        for r in rows:
            q(
                "INSERT INTO attendance (id, session_id, user_id, status, checked_in_at,"
                " checked_out_at, marked_by) VALUES (%s, %s, %s, %s, %s, %s, 2)",
                r,
            )
        q("ALTER TABLE attendance DROP CONSTRAINT attendance_status_check")
        q("INSERT INTO attendance (id, session_id, user_id, status) VALUES (6, 2, 4, 'remote')")
        q("SET session_replication_role = replica")
        q("INSERT INTO attendance (id, session_id, user_id, status) VALUES (7, 99, 3, 'present')")
        q("RESET session_replication_role")
        q("INSERT INTO blog_posts (title, slug, content, author_id) VALUES ('B', 'b', 'c', 1)")
        q("INSERT INTO projects (id, title, created_by) VALUES (1, 'P', 1)")
        q("INSERT INTO tasks (project_id, title) VALUES (1, 'T'), (1, 'U')")


def run(source: str, target: str, **kw: Any) -> RunReport:
    return run_request(
        ImportRequest(
            system="result-institute",
            source=source,
            into=target,
            options={"facility": "Result Institute Douala", "timezone": "Africa/Douala"},
            **kw,
        )
    )


@pytest.fixture
def source(make_source: Callable[[str], str]) -> str:
    url = make_source("result-institute")
    fill(url)
    return url


def kinds(report: RunReport) -> set[tuple[str, str, str]]:
    return {(p.entity, p.source_id, p.kind) for p in report.problems}


def test_result_institute_import_and_rerun(source: str, pg_url: str) -> None:
    report = run(source, pg_url)
    assert (
        count(
            pg_url, "facilities", "name = 'Result Institute Douala' AND timezone = 'Africa/Douala'"
        )
        == 1
    )
    assert count(pg_url, "users") == 7
    assert count(pg_url, "users", "role = 'facility_admin'") == 1
    assert count(pg_url, "users", "role = 'instructor'") == 1
    assert count(pg_url, "users", "status = 'inactive'") == 2
    assert ("users", "6", "duplicate") in kinds(report)
    assert ("programs", "2", "too long") in kinds(report)
    assert count(pg_url, "program_classes") == 3
    for status in ("Active", "Scheduled", "Completed"):
        assert count(pg_url, "program_classes", "status = %s", (status,)) == 1
    assert count(pg_url, "program_classes", "instructor_id IS NOT NULL") == 2
    assert count(pg_url, "rooms") == 2
    # Dated sessions become series of one at the facility's wall-clock time (UTC+1).
    assert count(pg_url, "program_class_events", "recurrence_rule IS NULL") == 4
    assert count(pg_url, "program_class_events", "dtstart_local = '2026-02-02 09:00'") == 1
    assert ("sessions", "5", "invalid duration") in kinds(report)
    assert count(pg_url, "program_class_event_overrides", "is_cancelled AND reason = 'storm'") == 1
    for status in ("Enrolled", "Completed", "Incomplete: Dropped", "Incomplete: Withdrawn"):
        assert count(pg_url, "program_class_enrollments", "enrollment_status = %s", (status,)) == 1
    assert count(pg_url, "credentials", "kind = 'certificate'") == 1
    assert count(pg_url, "program_class_event_attendance") == 5
    for status in ("present", "late", "absent_excused", "absent_unexcused"):
        assert (
            count(pg_url, "program_class_event_attendance", "attendance_status = %s", (status,))
            >= 1
        )
    assert (
        count(
            pg_url,
            "program_class_event_attendance",
            "minutes = 119 AND marked_by = 'trainer1@resultinstitute.cm'",
        )
        == 1
    )
    assert ("attendance", "5", "invalid") in kinds(report)
    assert ("attendance", "6", "unknown value") in kinds(report)
    assert ("attendance", "7", "orphan") in kinds(report)
    assert report.no_home == {
        "blog_posts": 1,
        "projects": 1,
        "tasks": 2,
        "activity_logs": 0,
        "refresh_tokens": 0,
    }
    before = table_counts(pg_url, TABLES)
    again = run(source, pg_url)
    assert again.changed_rows == 0
    assert table_counts(pg_url, TABLES) == before
