"""The server writes the record: hand-written SQL by real staff logins cannot forge provenance,
escape or write the audit trail, point a row of one facility at another's, or outlive a disable.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import insert
from sqlalchemy.engine import make_url

from app.db import server_admin
from app.db.engine import make_server_engine
from app.db.models import (
    AccountHistory,
    AttendanceRecord,
    Base,
    CaseNote,
    Credential,
    Enrollment,
    EnrollmentHistory,
    Guardian,
    HoursLog,
    InstructorAvailability,
    InstructorTimeOff,
    Lesson,
    LessonProgress,
    Module,
    OccurrenceOverrideRow,
    ProgramClass,
    Room,
    SessionSeries,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.domain.enums import (
    AccountAction,
    AttendanceStatus,
    CredentialKind,
    EnrollmentStatus,
    GuardianRelationship,
    HoursKind,
    Role,
)
from tests.integration.staffserver import Server

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@dataclass
class World:
    """Facilities A and B with one row of every kind each, a spare parent of every kind in A (so
    that pointing at it clashes with no unique key), and an instructor whose home is A."""

    server: Server
    rows: dict[tuple[str, str], uuid.UUID] = field(default_factory=dict)  # (table, "A") -> id
    spare: dict[str, uuid.UUID] = field(default_factory=dict)  # parent table -> a row of A
    instructor_a: uuid.UUID = field(default_factory=uuid.uuid4)
    conns: list[psycopg.Connection[Any]] = field(default_factory=list)

    def connect(self, login: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
        url = make_url(self.server.as_(login)).set(drivername="postgresql")
        conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=autocommit)
        self.conns.append(conn)
        return conn


def _student(fac: uuid.UUID, name: str, **values: Any) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "facility_id": fac,
        "role": Role.STUDENT,
        "name_first": name,
        "name_last": "Student",
        "search_name": f"student {name.lower()}",
        "search_first": name.lower(),
        **values,
    }


def _seed(server: Server, world: World) -> None:
    engine = make_server_engine(server.url)
    try:
        with engine.begin() as conn:

            def put(model: type[Base], key: str, **values: Any) -> uuid.UUID:
                row_id: uuid.UUID = values.setdefault("id", uuid.uuid4())
                conn.execute(insert(model).values(**values))
                if key:
                    world.rows[(model.__tablename__, key)] = row_id
                return row_id

            module = put(Module, "", program_id=server.program["P1"], name="M", sequence_order=1)
            lesson = put(Lesson, "", module_id=module, title="L", sequence_order=1)
            conn.execute(
                insert(User.__table__).values(  # type: ignore[arg-type]
                    _student(server.facility["A"], "Ivan", id=world.instructor_a)
                    | {"role": Role.INSTRUCTOR, "username": None}
                )
            )
            for fac in ("A", "B", "spare"):
                fid = server.facility["A" if fac == "spare" else fac]
                key = "" if fac == "spare" else fac

                def row(model: type[Base], _key: str = key, _fid: uuid.UUID = fid, **v: Any) -> Any:
                    return put(model, _key, facility_id=_fid, **v)

                student = put(User, key, **_student(fid, f"Stu{fac}"))
                if fac == "B":  # a second student of B, with no rows yet
                    put(User, "B2", **_student(fid, "StuB2"))
                room = row(Room, name=f"Room {fac}")
                guardian = row(Guardian, name_first="Gua", name_last=fac)
                cls = row(ProgramClass, program_id=server.program["P1"], name=f"Class {fac}",
                          start_date=date(2026, 9, 1), room_id=room)  # fmt: skip
                event = row(SessionSeries, class_id=cls, duration_minutes=60,
                            dtstart_local=datetime(2026, 9, 1, 9, 0))  # fmt: skip
                enrollment = row(Enrollment, class_id=cls, user_id=student,
                                 enrollment_status=EnrollmentStatus.ENROLLED)  # fmt: skip
                if fac == "spare":
                    world.spare = {
                        "users": student,
                        "rooms": room,
                        "guardians": guardian,
                        "program_classes": cls,
                        "program_class_events": event,
                        "program_class_enrollments": enrollment,
                    }
                    continue
                row(StudentProfile, user_id=student)
                row(StudentMedical, user_id=student, medical_notes=f"notes of {fac}")
                row(StudentGuardian, student_id=student, guardian_id=guardian,
                    relationship=GuardianRelationship.MOTHER)  # fmt: skip
                row(LessonProgress, student_id=student, lesson_id=lesson)
                row(HoursLog, user_id=student, kind=HoursKind.LAB, clock_in=NOW,
                    enrollment_id=enrollment)  # fmt: skip
                row(Credential, user_id=student, kind=CredentialKind.CERTIFICATE, title="Cert")
                row(CaseNote, student_id=student, body=f"note of {fac}")
                row(EnrollmentHistory, enrollment_id=enrollment,
                    to_status=EnrollmentStatus.ENROLLED, changed_at=NOW)  # fmt: skip
                row(OccurrenceOverrideRow, event_id=event, original_date=date(2026, 9, 8),
                    is_cancelled=True)  # fmt: skip
                row(AttendanceRecord, event_id=event, user_id=student, date=date(2026, 9, 1),
                    attendance_status=AttendanceStatus.PRESENT)  # fmt: skip
                row(InstructorAvailability, instructor_id=student, weekday=0, start_minute=540,
                    end_minute=1020)  # fmt: skip
                row(InstructorTimeOff, instructor_id=student, starts_local=datetime(2026, 9, 7),
                    ends_local=datetime(2026, 9, 8))  # fmt: skip
                row(AccountHistory, user_id=student, action=AccountAction.ACCOUNT_CREATION,
                    admin_username="seed", created_at=NOW)  # fmt: skip
    finally:
        engine.dispose()


@pytest.fixture
def world(server: Server) -> Iterator[World]:
    state = World(server)
    _seed(server, state)
    yield state
    for conn in state.conns:
        conn.close()


def _one(conn: psycopg.Connection[Any], query: str, *params: Any) -> Any:
    found = conn.execute(query, params).fetchone()
    assert found is not None
    return found


# -- 2. provenance ---------------------------------------------------------------------------------


def test_forged_created_by_updated_by_and_row_version_are_the_servers(world: World) -> None:
    server = world.server
    first = server.staff("first", Role.FACILITY_ADMIN, "A")
    second = server.staff("second", Role.FACILITY_ADMIN, "A")
    me = world.connect(first)
    sid = uuid.uuid4()
    me.execute(
        "INSERT INTO users (id, facility_id, role, name_first, name_last, search_name,"
        " search_first, status, created_at, updated_at, created_by, updated_by, row_version)"
        " VALUES (%s, %s, 'student', 'Nadia', 'Forged', 'forged nadia', 'nadia', 'active',"
        " now(), now(), 'someone_else', 'someone_else', 42)",
        (sid, server.facility["A"]),
    )
    me.commit()
    query = "SELECT created_by, updated_by, row_version, created_at FROM users WHERE id = %s"
    created_by, updated_by, version, created_at = _one(me, query, sid)
    assert (created_by, updated_by, version) == (first, first, 1)

    colleague = world.connect(second)
    colleague.execute(
        "UPDATE users SET name_first = 'Nadine', created_by = 'someone_else',"
        " updated_by = 'someone_else', row_version = 99, created_at = '2000-01-01'"
        " WHERE id = %s",
        (sid,),
    )
    colleague.commit()
    assert _one(colleague, query, sid) == (first, second, 2, created_at)
    # row_version = row_version + 1, as the unit of work sends it, lands on the same number.
    colleague.execute(
        "UPDATE users SET name_last = 'Kept', row_version = row_version + 1 WHERE id = %s", (sid,)
    )
    colleague.commit()
    assert _one(colleague, query, sid)[2] == 3


# -- 1. audit --------------------------------------------------------------------------------------


def test_a_direct_update_by_a_staff_login_is_audited_with_its_old_and_new_values(
    world: World,
) -> None:
    server = world.server
    login = server.staff("clerk", Role.FACILITY_ADMIN, "A")
    other = server.staff("other", Role.FACILITY_ADMIN, "A")
    student = world.rows[("users", "A")]
    conn = world.connect(login)
    # A workstation registered to this login is named; one registered to another is not.
    conn.execute("INSERT INTO sync_devices (device_id) VALUES ('desk-1')")
    conn.commit()
    world.connect(other, autocommit=True).execute(
        "INSERT INTO sync_devices (device_id) VALUES ('desk-of-other')"
    )
    conn.execute("SELECT set_config('rollbook.device_id', 'desk-1', true)")
    conn.execute(
        "UPDATE users SET name_first = 'Renamed', phone = '555-0100', updated_by = 'forger'"
        " WHERE id = %s",
        (student,),
    )
    conn.commit()
    conn.execute("SELECT set_config('rollbook.device_id', 'desk-of-other', true)")
    conn.execute("UPDATE users SET deleted_at = now() WHERE id = %s", (student,))
    conn.commit()
    conn.execute("UPDATE users SET deleted_at = deleted_at WHERE id = %s", (student,))  # no change
    conn.commit()

    entries = conn.execute(
        "SELECT action, changed_by, device_id, facility_id, old_values, new_values"
        " FROM audit_log WHERE row_id = %s AND changed_by = %s ORDER BY id",
        (student, login),
    ).fetchall()
    assert len(entries) == 2
    (action, who, device, facility, old, new), removed = entries
    assert (action, who, device, facility) == ("update", login, "desk-1", server.facility["A"])
    assert old == {"name_first": "StuA", "phone": None}
    assert new == {"name_first": "Renamed", "phone": "555-0100"}
    assert removed[:3] == ("delete", login, None)  # a tombstone; not this login's workstation
    assert set(removed[5]) == {"deleted_at"}


def test_an_insert_is_audited_and_marked_by_stays_what_the_sheet_says(world: World) -> None:
    server = world.server
    instructor = server.staff("teacher", Role.INSTRUCTOR, "A")
    conn = world.connect(instructor)
    mark = uuid.uuid4()
    conn.execute(
        "INSERT INTO program_class_event_attendance (id, facility_id, event_id, user_id, date,"
        " attendance_status, marked_by, needs_review, created_at, updated_at, row_version)"
        " VALUES (%s, %s, %s, %s, '2026-09-15', 'absent_unexcused', 'a_colleague', false, now(),"
        " now(), 1)",
        (mark, server.facility["A"], world.rows[("program_class_events", "A")],
         world.rows[("users", "A")]),
    )  # fmt: skip
    conn.commit()
    marked_by = _one(
        conn, "SELECT marked_by FROM program_class_event_attendance WHERE id = %s", mark
    )
    assert marked_by == ("a_colleague",)  # entered from paper for a colleague
    action, who, old, new = _one(
        conn,
        "SELECT action, changed_by, old_values, new_values FROM audit_log WHERE row_id = %s",
        mark,
    )
    assert (action, who, old) == ("insert", instructor, None)
    assert new["marked_by"] == "a_colleague" and new["attendance_status"] == "absent_unexcused"
    assert new["created_by"] == instructor
    assert not {"updated_at", "updated_by", "row_version"} & set(new)
    assert None not in new.values()


def test_staff_cannot_insert_update_or_delete_audit_entries(world: World) -> None:
    server = world.server
    login = server.staff("admin", Role.FACILITY_ADMIN, "A")
    conn = world.connect(login, autocommit=True)
    conn.execute(
        "UPDATE rooms SET name = 'Audited room' WHERE id = %s", (world.rows[("rooms", "A")],)
    )
    entry = _one(conn, "SELECT id FROM audit_log WHERE changed_by = %s", login)[0]
    for statement, params in (
        (
            "INSERT INTO audit_log (table_name, row_id, facility_id, action, changed_by,"
            " changed_at) VALUES ('rooms', gen_random_uuid(), %s, 'update', current_user, now())",
            (server.facility["A"],),
        ),
        ("UPDATE audit_log SET changed_by = 'someone_else' WHERE id = %s", (entry,)),
        ("DELETE FROM audit_log WHERE id = %s", (entry,)),
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement, params)
    assert _one(conn, "SELECT changed_by FROM audit_log WHERE id = %s", entry) == (login,)


# -- 3. references stay inside the facility --------------------------------------------------------

REFERENCES = [
    ("student_profiles", "user_id", "users"),
    ("student_medical", "user_id", "users"),
    ("student_guardians", "student_id", "users"),
    ("student_guardians", "guardian_id", "guardians"),
    ("case_notes", "student_id", "users"),
    ("credentials", "user_id", "users"),
    ("hours_logs", "user_id", "users"),
    ("hours_logs", "enrollment_id", "program_class_enrollments"),
    ("lesson_progress", "student_id", "users"),
    ("program_classes", "room_id", "rooms"),
    ("program_class_events", "class_id", "program_classes"),
    ("program_class_events", "room_id", "rooms"),
    ("program_class_event_overrides", "event_id", "program_class_events"),
    ("program_class_event_overrides", "room_id", "rooms"),
    ("program_class_event_attendance", "event_id", "program_class_events"),
    ("program_class_event_attendance", "user_id", "users"),
    ("program_class_enrollments", "class_id", "program_classes"),
    ("program_class_enrollments", "user_id", "users"),
    ("program_class_enrollments", "transferred_to_class_id", "program_classes"),
    ("enrollment_history", "enrollment_id", "program_class_enrollments"),
]
STAFF_REFERENCES = [
    ("program_classes", "instructor_id"),
    ("program_class_events", "instructor_id"),
    ("program_class_event_overrides", "substitute_instructor_id"),
    ("case_notes", "author_id"),
    ("lesson_progress", "assessed_by"),
    ("instructor_availability", "instructor_id"),
    ("instructor_time_off", "instructor_id"),
    ("user_account_history", "user_id"),
]


def _row_of(world: World, table: str, fac: str) -> dict[str, Any]:
    with world.server.admin() as conn:
        found = _one(
            conn,
            "SELECT to_jsonb(t) FROM {} AS t WHERE t.id = %s".replace(
                "{}", sql.Identifier("public", table).as_string(conn)
            ),
            world.rows[(table, fac)],
        )
    return dict(found[0])


def _insert(conn: psycopg.Connection[Any], table: str, row: dict[str, Any]) -> None:
    target = sql.Identifier("public", table)
    conn.execute(
        sql.SQL("INSERT INTO {} SELECT * FROM jsonb_populate_record(NULL::{}, %s::jsonb)").format(
            target, target
        ),
        (json.dumps(row, default=str),),
    )


def _copy_of_b(world: World, table: str, login: str, column: str, value: Any) -> dict[str, Any]:
    """A new row of facility B like B's own but for ``column``, clashing with no unique key."""
    row = _row_of(world, table, "B") | {"id": str(uuid.uuid4())}
    distinct = {
        "program_class_event_overrides": {"original_date": "2026-09-15"},
        "program_class_enrollments": {"user_id": str(world.rows[("users", "B2")])},
        "lesson_progress": {"student_id": str(world.rows[("users", "B2")])},
    }
    row |= {k: v for k, v in distinct.get(table, {}).items() if k != column}
    if table == "user_account_history":
        row["admin_username"] = login
    return row | {column: str(value)}


def _set(conn: psycopg.Connection[Any], table: str, column: str, value: Any, row_id: Any) -> None:
    conn.execute(
        sql.SQL("UPDATE {} SET {} = %s WHERE id = %s").format(
            sql.Identifier("public", table), sql.Identifier(column)
        ),
        (value, row_id),
    )


@pytest.fixture
def both(world: World) -> str:
    """A facility admin of A also scoped at B: row-level security lets it write both."""
    login = world.server.staff("both", Role.FACILITY_ADMIN, "A")
    server_admin.scope_staff(world.server.url, login, list(world.server.facility.values()))
    return login


@pytest.mark.parametrize(("table", "column", "parent"), REFERENCES)
def test_a_row_of_b_cannot_point_at_a_row_of_a(
    world: World, both: str, table: str, column: str, parent: str
) -> None:
    conn = world.connect(both)
    forged = _copy_of_b(world, table, both, column, world.spare[parent])
    with pytest.raises(psycopg.errors.CheckViolation, match="another facility") as refused:
        _insert(conn, table, forged)
    assert refused.value.diag.column_name == column
    conn.rollback()
    # Nor can an update re-point a row of B.
    with pytest.raises(psycopg.errors.CheckViolation, match="another facility"):
        _set(conn, table, column, world.spare[parent], world.rows[(table, "B")])


@pytest.mark.parametrize(("table", "column"), STAFF_REFERENCES)
def test_a_row_of_b_names_only_staff_who_work_at_b(
    world: World, both: str, table: str, column: str
) -> None:
    conn = world.connect(both)
    append_only = table == "user_account_history"  # inserted, never updated
    with pytest.raises(psycopg.errors.CheckViolation, match="another facility"):
        _insert(conn, table, _copy_of_b(world, table, both, column, world.instructor_a))
    conn.rollback()
    if not append_only:
        with pytest.raises(psycopg.errors.CheckViolation, match="another facility"):
            _set(conn, table, column, world.instructor_a, world.rows[(table, "B")])
        conn.rollback()
    # Once the instructor of A also works at B, B's rows may name them.
    with world.server.admin() as admin:
        admin.execute(
            "INSERT INTO staff_scopes (id, user_id, facility_id, created_at, updated_at,"
            " row_version) VALUES (gen_random_uuid(), %s, %s, now(), now(), 1)",
            (world.instructor_a, world.server.facility["B"]),
        )
    if append_only:
        _insert(conn, table, _copy_of_b(world, table, both, column, world.instructor_a))
    else:
        _set(conn, table, column, world.instructor_a, world.rows[(table, "B")])
    conn.commit()


def test_a_staff_login_of_b_cannot_mark_a_student_of_a(world: World) -> None:
    server = world.server
    instructor_b = server.staff("teacher_b", Role.INSTRUCTOR, "B")
    conn = world.connect(instructor_b)
    with pytest.raises(psycopg.errors.CheckViolation, match="another facility"):
        conn.execute(
            "INSERT INTO program_class_event_attendance (id, facility_id, event_id, user_id,"
            " date, attendance_status, needs_review, created_at, updated_at, row_version)"
            " VALUES (gen_random_uuid(), %s, %s, %s, '2026-09-15', 'present', false, now(),"
            " now(), 1)",
            (server.facility["B"], world.rows[("program_class_events", "B")], world.spare["users"]),
        )


def test_a_student_who_moves_keeps_their_rows_where_they_were_written(
    world: World, both: str
) -> None:
    server = world.server
    student = world.rows[("users", "A")]
    conn = world.connect(both)
    conn.execute("UPDATE users SET facility_id = %s WHERE id = %s", (server.facility["B"], student))
    conn.commit()
    # A's note about them stays A's, and stays editable there.
    note = world.rows[("case_notes", "A")]
    conn.execute("UPDATE case_notes SET body = 'still at A' WHERE id = %s", (note,))
    conn.commit()
    # A new row follows the student to B; one left behind at A is refused.
    _insert(conn, "case_notes", _row_of(world, "case_notes", "A") | {
        "id": str(uuid.uuid4()), "facility_id": str(server.facility["B"])})  # fmt: skip
    conn.commit()
    with pytest.raises(psycopg.errors.CheckViolation, match="another facility"):
        _insert(conn, "case_notes", _row_of(world, "case_notes", "A") | {"id": str(uuid.uuid4())})


# -- 4. disabling a login --------------------------------------------------------------------------


def test_disabling_a_login_ends_its_open_sessions(world: World) -> None:
    server = world.server
    admin = server.staff("boss", Role.FACILITY_ADMIN, "A")
    instructor = server.staff("leaver", Role.INSTRUCTOR, "A", by=admin)
    idle = world.connect(instructor, autocommit=True)
    busy = world.connect(instructor)
    busy.execute("INSERT INTO sync_devices (device_id) VALUES ('leaver-desk')")
    server_admin.disable_staff(server.as_(admin), instructor)
    for conn in (idle, busy):
        with pytest.raises(psycopg.OperationalError):
            conn.execute("UPDATE sync_devices SET last_seen_at = now()")
    with server.admin() as conn:
        left = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s",
                            (instructor,))  # fmt: skip
        assert left.fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM sync_devices").fetchone() == (0,)


def test_a_login_no_longer_live_cannot_write_its_device_or_push_issue_rows(world: World) -> None:
    server = world.server
    instructor = server.staff("gone", Role.INSTRUCTOR, "A")
    conn = world.connect(instructor, autocommit=True)
    conn.execute("INSERT INTO sync_devices (device_id) VALUES ('gone-desk')")
    # Deactivated while a session outlives it (one the disable could not reach, such as a
    # pooled connection): its device and push-issue rows are no longer its to write.
    with server.admin() as admin:
        admin.execute("UPDATE users SET deactivated_at = now() WHERE username = %s", (instructor,))
    updated = conn.execute("UPDATE sync_devices SET acked_seq = 99 WHERE device_id = 'gone-desk'")
    assert updated.rowcount == 0
    for statement in (
        "INSERT INTO sync_devices (device_id) VALUES ('gone-desk-2')",
        "INSERT INTO sync_push_issues (device_id, seq, table_name, row_id, kind, reason)"
        " VALUES ('gone-desk', 1, 'users', gen_random_uuid(), 'flag', 'forged')",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(statement)
    with server.admin() as admin:
        acked = admin.execute("SELECT acked_seq FROM sync_devices WHERE device_id = 'gone-desk'")
        assert acked.fetchone() == (0,)
