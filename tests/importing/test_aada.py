"""AADA LMS (seed 002) into Rollbook: programs as classes, clock-in hours, credentials."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.importing.report import RunReport
from app.importing.run import ImportRequest, run_request
from tests.importing.conftest import connect, count, table_counts

TABLES = (
    "users",
    "programs",
    "program_classes",
    "modules",
    "lessons",
    "program_class_enrollments",
    "enrollment_history",
    "hours_logs",
    "credentials",
    "audit_log",
)


def fill(url: str) -> None:
    with connect(url) as c:
        c.execute("ALTER TYPE user_role ADD VALUE 'auditor'")
    with connect(url) as c:
        q = c.execute
        people = [
            (1, "alice@aada.edu", "Alice Mbeki", "student"),
            (2, "bob@aada.edu", "Bob van der Berg", "student"),
            (3, "carol@aada.edu", "Carol Diaz", "student"),
            (4, "ines@aada.edu", "Ines Instructor", "instructor"),
            (5, "root@aada.edu", "Ada Admin", "admin"),
            (6, "ALICE@aada.edu", "Alice Twin", "student"),
            (7, "aud@aada.edu", "Audrey Auditor", "auditor"),
        ]
        for p in people:
            q(
                "INSERT INTO users (id, email, hashed_password, full_name, role)"
                " VALUES (%s, %s, 'h', %s, %s)",
                p,
            )
        q(
            "INSERT INTO programs (id, name, total_credits, duration_weeks) VALUES"
            " (1, 'Dental Assistant Professional', 60, 52)"
        )
        q("INSERT INTO modules (id, program_id, name, order_num) VALUES (1, 1, 'Anatomy', 1)")
        for n, kind in enumerate(("h5p", "scorm", "video", "document"), start=1):
            q(
                "INSERT INTO lessons (id, module_id, title, content_type, order_num)"
                " VALUES (%s, 1, %s, %s, %s)",
                (n, f"Lesson {n}", kind, n),
            )
        for n, status in enumerate(("active", "completed", "withdrawn"), start=1):
            q(
                "INSERT INTO enrollments (id, user_id, program_id, status, enrolled_at,"
                " completed_at) VALUES (%s, %s, 1, %s, '2025-09-01', %s)",
                (n, n, status, "2026-06-01" if status == "completed" else None),
            )
        q(
            "INSERT INTO withdrawals (id, user_id, enrollment_id, requested_at,"
            " progress_pct_at_withdrawal, reason) VALUES (1, 3, 3, '2025-11-03 10:00', 40,"
            " 'moved away')"
        )
        q(
            "INSERT INTO attendance (id, user_id, enrollment_id, clock_in, clock_out, notes) VALUES"
            " (1, 1, 1, '2025-09-02 08:00', '2025-09-02 12:30', 'lab'),"
            " (2, 2, 2, '2025-09-02 13:00', '2025-09-02 12:00', 'backwards'),"
            " (3, 1, 1, '2025-09-03 08:00', NULL, NULL)"
        )
        q(
            "INSERT INTO externships (id, user_id, site_name, supervisor_name, total_hours,"
            " verified, verified_at) VALUES (1, 2, 'Smile Clinic', 'Dr. Who', 120, true,"
            " '2026-05-01 09:00')"
        )
        q(
            "INSERT INTO transcripts (user_id, program_id, gpa, total_credits, generated_at)"
            " VALUES (2, 1, 3.70, 60, '2026-06-02 09:00')"
        )
        q(
            "INSERT INTO credentials (id, user_id, program_id, credential_type, cert_serial,"
            " issued_at) VALUES (1, 2, 1, 'Dental Assistant Certification', 'DAC-2024-001',"
            " '2026-06-15'), (2, 1, 1, %s, 'DAC-2024-001', '2026-06-15')",
            ("C" * 230,),
        )
        q("INSERT INTO refunds (withdrawal_id, amount_cents) VALUES (1, 50000)")
        q("SET session_replication_role = replica")
        q(
            "INSERT INTO attendance (id, user_id, enrollment_id, clock_in) VALUES"
            " (4, 1, 77, '2025-09-04 08:00')"
        )
        q("RESET session_replication_role")


def run(source: str, target: str, **kw: Any) -> RunReport:
    return run_request(
        ImportRequest(
            system="aada",
            source=source,
            into=target,
            options={"timezone": "America/New_York"},
            **kw,
        )
    )


@pytest.fixture
def source(make_source: Callable[[str], str]) -> str:
    url = make_source("aada")
    fill(url)
    return url


def test_aada_import_and_rerun(source: str, pg_url: str) -> None:
    report = run(source, pg_url)
    found = {(p.entity, p.source_id, p.kind) for p in report.problems}
    assert count(pg_url, "facilities", "name = 'AADA'") == 1
    assert count(pg_url, "users") == 6
    assert ("users", "7", "unknown value") in found
    assert ("users", "6", "duplicate") in found
    assert count(pg_url, "users", "name_first = 'Bob van der' AND name_last = 'Berg'") == 1
    assert count(pg_url, "program_classes", "name = 'Dental Assistant Professional'") == 1
    assert count(pg_url, "lessons") == 4
    for kind in ("h5p", "scorm", "video", "document"):
        assert count(pg_url, "lessons", "content_type = %s", (kind,)) == 1
    for status in ("Enrolled", "Completed", "Incomplete: Withdrawn"):
        assert count(pg_url, "program_class_enrollments", "enrollment_status = %s", (status,)) == 1
    assert (
        count(
            pg_url,
            "program_class_enrollments",
            "change_reason = 'moved away' AND progress_pct_at_withdrawal = 40",
        )
        == 1
    )
    assert count(pg_url, "enrollment_history", "reason = 'moved away'") == 1
    assert count(pg_url, "hours_logs", "kind = 'lab' AND minutes = 270") == 1
    assert count(pg_url, "hours_logs", "kind = 'lab' AND clock_out IS NULL") == 2
    assert ("attendance", "2", "invalid") in found
    assert ("attendance", "4", "orphan") in found
    assert count(pg_url, "hours_logs", "kind = 'externship' AND minutes = 7200 AND verified") == 1
    # Wall-clock 08:00 in New York (summer time) is 12:00 UTC.
    assert (
        count(pg_url, "hours_logs", "clock_in = '2025-09-02 12:00+00' AND day = '2025-09-02'") == 1
    )
    assert count(pg_url, "credentials", "kind = 'transcript' AND gpa = 3.70") == 1
    assert count(pg_url, "credentials", "cert_serial = 'DAC-2024-001'") == 1
    assert ("credentials", "2", "duplicate") in found
    assert ("credentials", "2", "too long") in found
    assert report.no_home["refunds"] == 1
    before = table_counts(pg_url, TABLES)
    assert run(source, pg_url).changed_rows == 0
    assert table_counts(pg_url, TABLES) == before
