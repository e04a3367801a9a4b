"""Seed 001's academy into Rollbook: staff scopes, students with numbers, spaces, curriculum."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from app.importing.run import ImportRequest, run_request
from tests.importing.conftest import connect, count, table_counts

TABLES = (
    "users",
    "staff_scopes",
    "programs",
    "program_classes",
    "student_profiles",
    "student_medical",
    "rooms",
    "modules",
    "lessons",
    "audit_log",
)
P1 = "00000000-0000-0000-0000-0000000000a1"


def fill(url: str) -> None:
    with connect(url) as c:
        c.execute("ALTER TYPE facility_type ADD VALUE 'rink'")
    with connect(url) as c:
        q = c.execute
        q(
            "INSERT INTO programs (id, name) VALUES (%s, 'Swimming'), (gen_random_uuid(),"
            " 'Basketball')",
            (P1,),
        )
        for n, role in enumerate(("super_admin", "program_admin", "program_coordinator", "tutor")):
            q(
                "INSERT INTO users (id, username, email, password_hash, role) VALUES"
                " (('00000000-0000-0000-0000-00000000000' || %s)::uuid, %s, %s, 'h', %s)",
                (n, f"staff{n}", f"staff{n}@academy.example", role),
            )
        q(
            "INSERT INTO user_program_assignments (user_id, program_id) VALUES"
            " ('00000000-0000-0000-0000-000000000003', %s)",
            (P1,),
        )
        q("INSERT INTO courses (program_id, name) VALUES (%s, 'Swimming Club')", (P1,))
        students = [
            ("STU-2025-0001", "Ana", "Lima", "ana@example.com", "active"),
            ("STU-2025-0002", "Ben", "Okafor", "ben@example.com", "inactive"),
            ("STU-2024-0003", "Cleo", "Park", "cleo@example.com", "graduated"),
            ("STU-2024-0004", "Dev", "Rao", "dev@example.com", "withdrawn"),
            ("stu-2025-0001 ", "Eve", "Lima", "eve@example.com", "active"),
            ("S-1", "Fay", "Moss", "ANA@example.com", "active"),
            ("STU-2025-0007", "G" * 140, "Long", None, "active"),
        ]
        for number, first, last, email, status in students:
            q(
                "INSERT INTO students (program_id, student_id, first_name, last_name, email,"
                " status, date_of_birth, address, emergency_contact, medical_info) VALUES"
                " (%s, %s, %s, %s, %s, %s, '2014-05-01', %s, %s, %s)",
                (
                    P1,
                    number,
                    first,
                    last,
                    email,
                    status,
                    json.dumps({"city": "Lagos"}),
                    json.dumps({"name": "Mum", "phone": "+234 1", "relationship": "mother"}),
                    json.dumps({"allergies": "peanuts"}),
                ),
            )
        for kind in ("pool", "court", "gym", "field", "classroom", "lab", "rink"):
            q(
                "INSERT INTO facilities (program_id, name, facility_type, capacity, status)"
                " VALUES (%s, %s, %s, 20, %s)",
                (P1, f"The {kind}", kind, "maintenance" if kind == "gym" else "active"),
            )
        q(
            "INSERT INTO curricula (id, program_id, name, sequence_order) VALUES"
            " ('00000000-0000-0000-0000-0000000000c1', %s, 'Under 10', 1)",
            (P1,),
        )
        q(
            "INSERT INTO modules (id, program_id, curriculum_id, name, sequence_order) VALUES"
            " ('00000000-0000-0000-0000-0000000000d1', %s, '00000000-0000-0000-0000-0000000000c1',"
            " 'Floating', 2)",
            (P1,),
        )
        q(
            "INSERT INTO lessons (module_id, name, duration_minutes, sequence_order) VALUES"
            " ('00000000-0000-0000-0000-0000000000d1', 'Star float', 30, 1)"
        )
        q("SET session_replication_role = replica")
        q(
            "INSERT INTO user_program_assignments (user_id, program_id) VALUES"
            " ('00000000-0000-0000-0000-000000000099', %s)",
            (P1,),
        )
        q("RESET session_replication_role")


@pytest.fixture
def source(make_source: Callable[[str], str]) -> str:
    url = make_source("academy")
    fill(url)
    return url


def test_academy_import_and_rerun(source: str, pg_url: str) -> None:
    request = ImportRequest(
        system="academy",
        source=source,
        into=pg_url,
        options={"facility": "Lagos Academy", "timezone": "Africa/Lagos"},
    )
    report = run_request(request)
    found = {(p.entity, p.kind) for p in report.problems}
    for role in ("system_admin", "department_admin", "facility_admin", "instructor"):
        assert count(pg_url, "users", "role = %s", (role,)) == 1
    assert count(pg_url, "staff_scopes", "program_id IS NOT NULL") == 1
    assert ("staff_scopes", "orphan") in found
    assert count(pg_url, "users", "role = 'student'") == 7
    for status in ("active", "inactive", "graduated", "withdrawn"):
        assert count(pg_url, "users", "role = 'student' AND status = %s", (status,)) >= 1
    assert count(pg_url, "users", "student_number = 'STU-2025-0001'") == 1
    assert count(pg_url, "users", "student_number IS NULL AND role = 'student'") == 2
    assert {("students", "duplicate"), ("students", "invalid"), ("students", "too long")} <= found
    assert count(pg_url, "student_profiles", "address = 'Lagos'") == 7
    assert (
        count(pg_url, "student_medical", "emergency_contact_name = 'Mum' AND allergies = 'peanuts'")
        == 7
    )
    assert count(pg_url, "rooms") == 6
    assert count(pg_url, "rooms", "status = 'maintenance' AND kind = 'gym'") == 1
    assert ("spaces", "unknown value") in found
    assert count(pg_url, "program_classes", "name = 'Swimming Club'") == 1
    assert count(pg_url, "modules", "sequence_order = 1002") == 1
    assert count(pg_url, "lessons", "duration_minutes = 30") == 1
    assert report.no_home == {"curricula": 1}
    before = table_counts(pg_url, TABLES)
    assert run_request(request).changed_rows == 0
    assert table_counts(pg_url, TABLES) == before
