"""Row-level security holds against hand-written SQL from real staff logins of facility A."""

from __future__ import annotations

import importlib.util
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine, Table, insert, text
from sqlalchemy.engine import make_url

from app.db import migrate, server_admin
from app.db.engine import make_server_engine
from app.db.models import (
    AccountHistory,
    AttendancePolicyRow,
    AttendanceRecord,
    AuditEntry,
    Base,
    CaseNote,
    Credential,
    Enrollment,
    EnrollmentHistory,
    Facility,
    FacilityClosure,
    FacilityDisruption,
    FacilityProgram,
    Guardian,
    HoursLog,
    InstructorAvailability,
    InstructorTimeOff,
    Lesson,
    LessonProgress,
    MakeupLink,
    Module,
    OccurrenceOverrideRow,
    Program,
    ProgramClass,
    ProgramTypeLink,
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
    AuditAction,
    CredentialKind,
    EnrollmentStatus,
    GuardianRelationship,
    HoursKind,
    ProgramType,
    Role,
)
from tests import pgserver

pytestmark = pytest.mark.postgres

TABLES = sorted(Base.metadata.tables)
CATALOGUE = ("attendance_policies", "lessons", "modules", "program_types", "programs")
# Rows reached through a class: a program-scoped admin sees only those of its programs.
CLASS_TABLES = (
    "program_class_enrollments",
    "program_class_event_attendance",
    "program_class_event_overrides",
    "program_class_events",
    "program_classes",
)
FACILITY_TABLES = tuple(t for t in TABLES if "facility_id" in Base.metadata.tables[t].c)
PASSWORD = "a-long-test-password"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@dataclass
class World:
    """Two facilities with a row in every table each, and staff logins of facility A."""

    url: str
    facility: dict[str, uuid.UUID] = field(default_factory=dict)
    program: dict[str, uuid.UUID] = field(default_factory=dict)
    # table -> "A" / "B" / "*" (catalogue) -> ids; class tables also by "A:P1" etc.
    rows: dict[str, dict[str, set[Any]]] = field(default_factory=dict)
    login: dict[str, str] = field(default_factory=dict)  # instr_A, fadmin_A, ... -> role name
    staff_id: dict[str, uuid.UUID] = field(default_factory=dict)
    conns: dict[str, psycopg.Connection[Any]] = field(default_factory=dict)

    def add(self, table: str, key: str, row_id: Any) -> None:
        self.rows.setdefault(table, {}).setdefault(key, set()).add(row_id)

    def ids(self, table: str, key: str) -> set[Any]:
        return self.rows.get(table, {}).get(key, set())

    def connect(self, who: str) -> psycopg.Connection[Any]:
        if who not in self.conns:
            self.conns[who] = psycopg.connect(login_url(self.url, self.login[who]))
        return self.conns[who]


def admin_url(url: str) -> str:
    """The test server's superuser URL in libpq form."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def login_url(url: str, username: str, password: str = PASSWORD) -> str:
    """A libpq URL to the same database and socket as ``url``, as another role."""
    return (
        make_url(url)
        .set(drivername="postgresql", username=username, password=password)
        .render_as_string(hide_password=False)
    )


def _uid() -> uuid.UUID:
    return uuid.uuid4()


def _put(conn: Any, world: World, model: type[Base], key: str, **values: Any) -> Any:
    table = model.__table__
    assert isinstance(table, Table)  # a mapped class's FromClause: its Table here
    if "id" not in values and table.name != "audit_log":
        values["id"] = _uid()
    if table.name == "audit_log":
        row_id = conn.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
    else:
        conn.execute(insert(table).values(**values))
        row_id = values["id"]
    world.add(table.name, key, row_id)
    return row_id


def seed(engine: Engine, world: World) -> None:
    """One row per table per facility (two classes per facility, one per program)."""
    with engine.begin() as conn:
        for name in ("P1", "P2"):
            pid = world.program[name] = _put(conn, world, Program, "*", name=f"Program {name}")
            _put(
                conn,
                world,
                ProgramTypeLink,
                "*",
                program_id=pid,
                program_type=ProgramType.EDUCATIONAL,
            )
            _put(conn, world, AttendancePolicyRow, "*", program_id=pid)
            mid = _put(conn, world, Module, "*", program_id=pid, name=f"M {name}", sequence_order=1)
            _put(conn, world, Lesson, "*", module_id=mid, title=f"L {name}", sequence_order=1)
        lesson = sorted(world.ids("lessons", "*"))[0]
        for fac in ("A", "B"):
            fid = world.facility[fac] = _put(conn, world, Facility, fac, name=f"Facility {fac}")

            def put(model: type[Base], key: str = fac, _fid: uuid.UUID = fid, **values: Any) -> Any:
                return _put(conn, world, model, key, facility_id=_fid, **values)

            room = put(Room, name=f"Room {fac}")
            student = put(
                User, role=Role.STUDENT, name_first="Stu", name_last=fac,
                search_name=f"{fac.lower()} stu", search_first="stu",
            )  # fmt: skip
            put(StudentProfile, user_id=student)
            put(StudentMedical, user_id=student, medical_notes=f"notes of {fac}")
            guardian = put(Guardian, name_first="Gua", name_last=fac)
            put(StudentGuardian, student_id=student, guardian_id=guardian,
                relationship=GuardianRelationship.MOTHER)  # fmt: skip
            put(LessonProgress, student_id=student, lesson_id=lesson)
            put(HoursLog, user_id=student, kind=HoursKind.LAB, clock_in=NOW)
            put(Credential, user_id=student, kind=CredentialKind.CERTIFICATE, title="Cert")
            put(CaseNote, student_id=student, body=f"note of {fac}")
            put(InstructorAvailability, instructor_id=student, weekday=0, start_minute=540,
                end_minute=1020)  # fmt: skip
            put(InstructorTimeOff, instructor_id=student, starts_local=datetime(2026, 9, 7),
                ends_local=datetime(2026, 9, 8))  # fmt: skip
            put(FacilityClosure, first_date=date(2026, 12, 24), last_date=date(2026, 12, 26),
                reason=f"Holidays at {fac}")  # fmt: skip
            put(FacilityDisruption, starts_at=datetime(2026, 9, 7, 13, tzinfo=UTC),
                ends_at=datetime(2026, 9, 7, 15, tzinfo=UTC), reason=f"Count at {fac}")  # fmt: skip
            put(AuditEntry, table_name="rooms", row_id=room, action=AuditAction.INSERT,
                changed_by="seed", changed_at=NOW)  # fmt: skip
            put(AccountHistory, user_id=student, action=AccountAction.ACCOUNT_CREATION,
                admin_username="seed", created_at=NOW)  # fmt: skip
            for prog in ("P1", "P2"):
                key = f"{fac}:{prog}"
                pid = world.program[prog]
                put(FacilityProgram, program_id=pid)
                cls = put(ProgramClass, key, program_id=pid, name=f"Class {key}",
                          start_date=date(2026, 9, 1), room_id=room)  # fmt: skip
                enr = put(Enrollment, key, class_id=cls, user_id=student,
                          enrollment_status=EnrollmentStatus.ENROLLED)  # fmt: skip
                put(EnrollmentHistory, enrollment_id=enr, to_status=EnrollmentStatus.ENROLLED,
                    changed_at=NOW)  # fmt: skip
                event = put(SessionSeries, key, class_id=cls, duration_minutes=60,
                            dtstart_local=datetime(2026, 9, 1, 9, 0))  # fmt: skip
                put(OccurrenceOverrideRow, key, event_id=event, original_date=date(2026, 9, 8),
                    is_cancelled=True)  # fmt: skip
                put(AttendanceRecord, key, event_id=event, user_id=student,
                    date=date(2026, 9, 1), attendance_status=AttendanceStatus.PRESENT)  # fmt: skip
                put(MakeupLink, makeup_event_id=event, makeup_date=date(2026, 9, 15),
                    missed_event_id=event, missed_date=date(2026, 9, 1))  # fmt: skip
    # Class-reached rows are also filed under their facility alone.
    for table in CLASS_TABLES:
        for fac in ("A", "B"):
            for prog in ("P1", "P2"):
                world.rows[table].setdefault(fac, set()).update(world.ids(table, f"{fac}:{prog}"))


STAFF = {
    "fadmin_A": (Role.FACILITY_ADMIN, "A", ()),
    "instr_A": (Role.INSTRUCTOR, "A", ()),
    "padmin_A": (Role.DEPARTMENT_ADMIN, "A", ("P1",)),
    # An instructor of A granted every privilege on every table by hand: what the policies
    # alone hold, without the help of the GRANT matrix.
    "probe_A": (Role.INSTRUCTOR, "A", ()),
    "fadmin_B": (Role.FACILITY_ADMIN, "B", ()),
    "instr_B": (Role.INSTRUCTOR, "B", ()),
}


def add_staff(world: World, engine: Engine) -> None:
    suffix = uuid.uuid4().hex[:10]
    for who, (role, fac, programs) in STAFF.items():
        name = world.login[who] = f"t_{who.lower()}_{suffix}"
        world.staff_id[who] = server_admin.create_staff(
            world.url,
            username=name,
            password=PASSWORD,
            role=role,
            facility_id=world.facility[fac],
            name_first=who,
            name_last="Staff",
            program_ids=[world.program[p] for p in programs],
        )
        world.add("users", fac, world.staff_id[who])
    with engine.begin() as conn:
        for table in ("staff_scopes", "user_account_history"):
            for fac in ("A", "B"):
                found = conn.execute(
                    text(f"SELECT id FROM {table} WHERE facility_id = :f AND user_id = ANY(:u)"),
                    {"f": world.facility[fac], "u": list(world.staff_id.values())},
                ).scalars()
                world.rows.setdefault(table, {}).setdefault(fac, set()).update(found)
        # The server audits every write (migration 0009): the seed's and the staff set-up's too.
        for fac in ("A", "B"):
            found = conn.execute(
                text("SELECT id FROM audit_log WHERE facility_id = :f"), {"f": world.facility[fac]}
            ).scalars()
            world.rows["audit_log"][fac].update(found)
    with psycopg.connect(admin_url(world.url)) as conn:
        conn.execute(
            sql.SQL(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}"
            ).format(sql.Identifier(world.login["probe_A"]))
        )


@pytest.fixture(scope="module")
def world(pg_template: str) -> Iterator[World]:
    url = pgserver.create_database(template=make_url(pg_template).database, prefix="rb_rls")
    state = World(url=url)
    engine = make_server_engine(url)
    try:
        server_admin.init_server(url)
        seed(engine, state)
        add_staff(state, engine)
        yield state
    finally:
        for conn in state.conns.values():
            conn.close()
        engine.dispose()
        pgserver.drop_database(url)
        with psycopg.connect(pgserver.server_url(), autocommit=True) as admin:
            for name in state.login.values():
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture(autouse=True)
def _rollback(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "world" in request.fixturenames:
        for conn in request.getfixturevalue("world").conns.values():
            conn.rollback()


def _select_ids(conn: psycopg.Connection[Any], table: str) -> set[Any]:
    query = sql.SQL("SELECT id FROM {}").format(sql.Identifier("public", table))
    return {row[0] for row in conn.execute(query).fetchall()}


def expected_rows(world: World, who: str, table: str) -> set[Any]:
    """What a login of facility A must see: exactly this, no more, no less."""
    if table in CATALOGUE:
        return world.ids(table, "*")
    if table == "student_medical" and who in ("instr_A", "probe_A"):
        return set()
    if table in CLASS_TABLES and who == "padmin_A":
        return world.ids(table, "A:P1")
    if table == "audit_log" and who in ("instr_A", "probe_A"):
        return set()  # only admins read the audit trail (and everyone their own entries)
    if table == "user_account_history" and who in ("instr_A", "probe_A"):
        return {h for h in world.ids(table, "A") if h in _history_of(world, world.staff_id[who])}
    return world.ids(table, "A")


def _history_of(world: World, user_id: uuid.UUID) -> set[Any]:
    with psycopg.connect(admin_url(world.url)) as conn:
        rows = conn.execute(
            "SELECT id FROM user_account_history WHERE user_id = %s", (user_id,)
        ).fetchall()
    return {r[0] for r in rows}


# -- the lists themselves ---------------------------------------------------------------------


def _migration_modules() -> list[Any]:
    modules = []
    for path in sorted((migrate.migrations_dir() / "versions").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"_rb_migration_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def test_every_model_table_gets_row_level_security_in_some_migration() -> None:
    listed: set[str] = set()
    for module in _migration_modules():
        listed |= set(getattr(module, "RLS_TABLES", ()))
        policies = getattr(module, "POLICIES", None)
        if policies is not None:
            assert set(policies) == set(module.RLS_TABLES), module.__name__
    assert listed == set(Base.metadata.tables), (
        "every table needs ENABLE/FORCE ROW LEVEL SECURITY and policies in a migration"
    )


def test_every_model_table_has_a_privilege_decision() -> None:
    sync_tables = {
        "sync_changes",
        "sync_devices",
        "sync_push_issues",
        "import_id_map",
        "import_runs",
    }  # Core tables of migrations 0003 and 0005
    assert set(server_admin.TABLE_GRANTS) == set(Base.metadata.tables) | sync_tables
    assert set(server_admin.ROLE_GROUPS) == {r for r in Role if r.is_staff}


# -- the catalogue of the live database -------------------------------------------------------


def test_catalogue_every_table_forced_with_policies_and_no_app_role_is_privileged(
    world: World,
) -> None:
    app_roles = [*server_admin.GROUP_ROLES, *world.login.values()]
    with psycopg.connect(admin_url(world.url)) as conn:
        flags: dict[str, bool] = dict(
            conn.execute(
                "SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity"
                " FROM pg_class AS c WHERE c.relnamespace = 'public'::regnamespace"
                " AND c.relkind IN ('r', 'p')"
            ).fetchall()
        )
        policies: dict[str, int] = dict(
            conn.execute(
                "SELECT c.relname, count(p.oid) FROM pg_class AS c"
                " LEFT JOIN pg_policy AS p ON p.polrelid = c.oid"
                " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')"
                " GROUP BY c.relname"
            ).fetchall()
        )
        for table in TABLES:
            assert flags.get(table) is True, f"{table}: row-level security not enabled and forced"
            assert policies.get(table, 0) >= 1, f"{table}: no policy"
        roles = conn.execute(
            "SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication,"
            " rolcanlogin FROM pg_roles WHERE rolname = ANY(%s) OR rolname = %s",
            (app_roles, server_admin.STAFF_MANAGER),
        ).fetchall()
        assert len(roles) == len(app_roles) + 1
        for name, superuser, bypass, createrole, createdb, replication, login in roles:
            assert not (superuser or bypass or createdb or replication), name
            if name == server_admin.STAFF_MANAGER:
                assert createrole and not login
            else:
                assert not createrole, name
        owners = conn.execute(
            "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class AS c"
            " WHERE c.relnamespace = 'public'::regnamespace"
            " AND pg_get_userbyid(c.relowner) = ANY(%s)",
            ([*app_roles, server_admin.STAFF_MANAGER],),
        ).fetchall()
        assert owners == []
        # No app role can act as the manager or as the owner of the tables, nor delete.
        owner = conn.execute("SELECT relowner FROM pg_class WHERE oid = 'public.users'::regclass")
        owner_oid = owner.fetchone()[0]  # type: ignore[index]
        for name in app_roles:
            memberships = conn.execute(
                "SELECT pg_has_role(%s, %s, 'MEMBER'), pg_has_role(%s, %s, 'MEMBER')",
                (name, server_admin.STAFF_MANAGER, name, owner_oid),
            ).fetchone()
            assert memberships == (False, False), name
            deletable = conn.execute(
                "SELECT c.relname FROM pg_class AS c WHERE c.relnamespace = 'public'::regnamespace"
                " AND c.relkind = 'r' AND has_table_privilege(%s, c.oid, 'DELETE, TRUNCATE')",
                (name,),
            ).fetchall()
            if name != world.login["probe_A"]:
                assert deletable == [], name


# -- reads -------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("who", ["instr_A", "fadmin_A", "padmin_A", "probe_A"])
def test_a_login_of_a_sees_exactly_its_rows_and_nothing_of_b(
    world: World, who: str, table: str
) -> None:
    conn = world.connect(who)
    if table == "student_medical" and who == "instr_A":
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _select_ids(conn, table)
        return
    seen = _select_ids(conn, table)
    assert not seen & world.ids(table, "B"), f"{who} sees rows of B in {table}"
    assert seen == expected_rows(world, who, table)


def test_student_medical_is_for_admins_only(world: World) -> None:
    query = "SELECT medical_notes FROM student_medical"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        world.connect("instr_A").execute(query)
    world.connect("instr_A").rollback()
    assert world.connect("probe_A").execute(query).fetchall() == []  # granted, still nothing
    assert world.connect("fadmin_A").execute(query).fetchall() == [("notes of A",)]
    assert world.connect("fadmin_B").execute(query).fetchall() == [("notes of B",)]


def test_a_program_scoped_admin_sees_only_its_programs_classes(world: World) -> None:
    conn = world.connect("padmin_A")
    names = {r[0] for r in conn.execute("SELECT name FROM program_classes").fetchall()}
    assert names == {"Class A:P1"}
    students = conn.execute("SELECT count(*) FROM users WHERE role = 'student'").fetchone()
    assert students == (1,)  # people are facility-wide; classes are per program


# -- writes ------------------------------------------------------------------------------------


def _row_json(world: World, table: str, row_id: Any) -> dict[str, Any]:
    with psycopg.connect(admin_url(world.url)) as conn:
        found = conn.execute(
            sql.SQL("SELECT to_jsonb(t) FROM {} AS t WHERE t.id = %s").format(
                sql.Identifier("public", table)
            ),
            (row_id,),
        ).fetchone()
    assert found is not None
    return dict(found[0])


def _insert_json(conn: psycopg.Connection[Any], table: str, row: dict[str, Any]) -> None:
    target = sql.Identifier("public", table)
    conn.execute(
        sql.SQL("INSERT INTO {} SELECT * FROM jsonb_populate_record(NULL::{}, %s::jsonb)").format(
            target, target
        ),
        (json.dumps(row),),
    )


def _aimed_at_b(world: World, who: str, table: str) -> dict[str, Any]:
    """A new row for facility B (or, for global and facility rows, one a non-admin may not add)."""
    key = "*" if table in CATALOGUE else "B"
    row = _row_json(world, table, sorted(world.ids(table, key), key=str)[0])
    row["id"] = 10**12 + uuid.uuid4().int % 10**9 if table == "audit_log" else str(_uid())
    if table == "facilities":
        row["name"] = f"Forged {uuid.uuid4().hex[:6]}"
    if table == "audit_log":
        row["changed_by"] = world.login[who]  # only the facility may make it fail
    if table == "user_account_history":
        row["admin_username"] = world.login[who]
    return row


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("who", ["instr_A", "probe_A"])
def test_insert_aimed_at_b_fails(world: World, who: str, table: str) -> None:
    row = _aimed_at_b(world, who, table)
    conn = world.connect(who)
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        _insert_json(conn, table, row)
    if who == "probe_A":  # every privilege granted: the policy is what refuses
        assert "row-level security" in str(refused.value)


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("who", ["instr_A", "probe_A"])
def test_update_and_delete_of_b_rows_touch_nothing(world: World, who: str, table: str) -> None:
    key = "*" if table in CATALOGUE else "B"  # catalogue rows: writable by admins only
    targets = list(world.ids(table, key))
    conn = world.connect(who)
    target = sql.Identifier("public", table)
    for statement in (
        sql.SQL("UPDATE {} SET id = id WHERE id = ANY(%s)").format(target),
        sql.SQL("DELETE FROM {} WHERE id = ANY(%s)").format(target),
    ):
        try:
            with conn.transaction():
                assert conn.execute(statement, (targets,)).rowcount == 0
        except psycopg.errors.InsufficientPrivilege:
            assert who != "probe_A", "the probe holds every privilege: policies must filter"


@pytest.mark.parametrize("table", FACILITY_TABLES)
def test_forging_b_facility_on_an_a_row_fails(world: World, table: str) -> None:
    conn = world.connect("probe_A")
    statement = sql.SQL("UPDATE {} SET facility_id = %s WHERE id = ANY(%s)").format(
        sql.Identifier("public", table)
    )
    params = (world.facility["B"], list(world.ids(table, "A")))
    if table in (
        "audit_log",
        "user_account_history",
        "staff_scopes",
        "student_medical",
        "facility_closures",
        "facility_disruptions",
    ):
        # Append-only logs, manager-only scopes, admin-only medical notes and closures: no
        # policy lets the probe (an instructor) update them at all.
        assert conn.execute(statement, params).rowcount == 0
        return
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        conn.execute(statement, params)


@pytest.mark.parametrize(
    ("table", "column", "parent"),
    [
        ("program_class_enrollments", "class_id", "program_classes"),
        ("program_class_events", "class_id", "program_classes"),
        ("program_class_event_overrides", "event_id", "program_class_events"),
        ("program_class_event_attendance", "event_id", "program_class_events"),
    ],
)
def test_pointing_an_a_row_at_a_class_of_b_fails(
    world: World, table: str, column: str, parent: str
) -> None:
    conn = world.connect("probe_A")
    statement = sql.SQL("UPDATE {} SET {} = %s WHERE id = ANY(%s)").format(
        sql.Identifier("public", table), sql.Identifier(column)
    )
    b_parent = sorted(world.ids(parent, "B"), key=str)[0]
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        conn.execute(statement, (b_parent, list(world.ids(table, "A"))))


def test_a_program_scoped_admin_cannot_move_a_class_to_another_program(world: World) -> None:
    conn = world.connect("padmin_A")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        conn.execute(
            "UPDATE program_classes SET program_id = %s WHERE name = 'Class A:P1'",
            (world.program["P2"],),
        )


def test_no_one_promotes_themselves_or_forges_the_audit_trail(world: World) -> None:
    conn = world.connect("probe_A")
    me = world.login["probe_A"]
    promoted = conn.execute("UPDATE users SET role = 'system_admin' WHERE username = current_user")
    assert promoted.rowcount == 0
    attempts = [
        (
            "INSERT INTO users (id, facility_id, role, name_first, name_last, search_name,"
            " search_first, username, status) VALUES (gen_random_uuid(), %s, 'system_admin',"
            " 'X', 'Y', 'y x', 'x', %s, 'active')",
            (world.facility["A"], me + "_2"),
        ),
        (
            "INSERT INTO staff_scopes (id, user_id, facility_id)"
            " VALUES (gen_random_uuid(), %s, %s)",
            (world.staff_id["probe_A"], world.facility["A"]),
        ),
        (
            "INSERT INTO audit_log (table_name, row_id, facility_id, action, changed_by,"
            " changed_at) VALUES ('rooms', gen_random_uuid(), %s, 'update', 'someone_else', now())",
            (world.facility["A"],),
        ),
    ]
    for statement, params in attempts:
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(statement, params)
    # Not even in its own name: the server writes the trail (migration 0009).
    with (
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
        conn.transaction(),
    ):
        conn.execute(
            "INSERT INTO audit_log (table_name, row_id, facility_id, action, changed_by,"
            " changed_at) VALUES ('rooms', gen_random_uuid(), %s, 'update', current_user, now())",
            (world.facility["A"],),
        )


def test_set_role_never_widens_what_a_login_sees(world: World) -> None:
    conn = world.connect("instr_A")
    for role in (server_admin.SYSTEM_ADMIN, server_admin.STAFF_MANAGER, "postgres"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
        conn.execute("SET SESSION AUTHORIZATION postgres")
    try:
        with conn.transaction():
            conn.execute(
                sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(server_admin.INSTRUCTOR))
            )
            # PostgreSQL 15 lets a member SET ROLE to its group: policies key on the login.
            for table in TABLES:
                if table != "student_medical":
                    assert not _select_ids(conn, table) & world.ids(table, "B"), table
    except psycopg.errors.InsufficientPrivilege:
        version = conn.execute("SHOW server_version_num").fetchone()
        assert version is not None and int(version[0]) >= 160000  # WITH SET FALSE


def test_closures_are_read_by_all_staff_and_written_by_admins_of_their_facility(
    world: World,
) -> None:
    insert_closure = (
        "INSERT INTO facility_closures (id, facility_id, first_date, last_date, reason)"
        " VALUES (%s, %s, '2027-04-05', '2027-04-05', 'Easter')"
    )
    instructor = world.connect("instr_A")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no INSERT privilege at all
        instructor.execute(insert_closure, (_uid(), world.facility["A"]))
    instructor.rollback()
    reasons = instructor.execute("SELECT reason FROM facility_closures").fetchall()
    assert reasons == [("Holidays at A",)]
    probe = world.connect("probe_A")  # every privilege: the admin-only policy refuses
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        probe.execute(insert_closure, (_uid(), world.facility["A"]))
    probe.rollback()
    admin = world.connect("fadmin_A")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        admin.execute(insert_closure, (_uid(), world.facility["B"]))
    admin.rollback()
    admin.execute(insert_closure, (_uid(), world.facility["A"]))
    admin.commit()
    assert admin.execute("SELECT count(*) FROM facility_closures").fetchone() == (2,)
    gone = admin.execute(
        "UPDATE facility_closures SET reason = 'x' WHERE facility_id = %s", (world.facility["B"],)
    )
    assert gone.rowcount == 0  # B's closures are not even seen
    admin.rollback()
    other = world.connect("fadmin_B")
    assert other.execute("SELECT reason FROM facility_closures").fetchall() == [("Holidays at B",)]


def test_makeup_links_are_read_and_written_by_the_staff_of_their_facility(world: World) -> None:
    """Instructors schedule make-ups as they record substitutes: the staff of the facility
    link sessions of it, and never see or write another facility's links."""
    event = sorted(world.ids("program_class_events", "A:P1"))[0]
    insert_link = (
        "INSERT INTO makeup_links (id, facility_id, makeup_event_id, makeup_date,"
        " missed_event_id, missed_date) VALUES (%s, %s, %s, '2026-09-22', %s, '2026-09-08')"
    )
    instructor = world.connect("instr_A")
    instructor.execute(insert_link, (_uid(), world.facility["A"], event, event))
    instructor.commit()
    assert instructor.execute("SELECT count(*) FROM makeup_links").fetchone() == (3,)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        instructor.execute(insert_link, (_uid(), world.facility["B"], event, event))
    instructor.rollback()
    gone = instructor.execute(
        "UPDATE makeup_links SET deleted_at = now() WHERE facility_id = %s",
        (world.facility["B"],),
    )
    assert gone.rowcount == 0  # B's links are not even seen
    instructor.rollback()
    other = world.connect("fadmin_B")
    assert other.execute("SELECT count(*) FROM makeup_links").fetchone() == (2,)


def test_disruptions_are_read_by_all_staff_and_written_by_admins_of_their_facility(
    world: World,
) -> None:
    insert = (
        "INSERT INTO facility_disruptions (id, facility_id, starts_at, ends_at, reason)"
        " VALUES (%s, %s, '2027-04-05 13:00+00', '2027-04-05 15:00+00', 'Lockdown')"
    )
    instructor = world.connect("instr_A")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no INSERT privilege at all
        instructor.execute(insert, (_uid(), world.facility["A"]))
    instructor.rollback()
    reasons = instructor.execute("SELECT reason FROM facility_disruptions").fetchall()
    assert reasons == [("Count at A",)]
    probe = world.connect("probe_A")  # every privilege: the admin-only policy refuses
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        probe.execute(insert, (_uid(), world.facility["A"]))
    probe.rollback()
    admin = world.connect("fadmin_A")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        admin.execute(insert, (_uid(), world.facility["B"]))
    admin.rollback()
    admin.execute(insert, (_uid(), world.facility["A"]))
    admin.execute("UPDATE facility_disruptions SET lifted_at = now() WHERE reason = 'Lockdown'")
    admin.commit()
    assert admin.execute("SELECT count(*) FROM facility_disruptions").fetchone() == (2,)
    gone = admin.execute(
        "UPDATE facility_disruptions SET lifted_at = now() WHERE facility_id = %s",
        (world.facility["B"],),
    )
    assert gone.rowcount == 0  # B's disruptions are not even seen
    admin.rollback()
    other = world.connect("fadmin_B")
    assert other.execute("SELECT reason FROM facility_disruptions").fetchall() == [("Count at B",)]
