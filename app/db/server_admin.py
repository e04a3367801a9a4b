"""Server set-up and staff accounts: group roles, privileges and the staff-management functions."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Unpack

import psycopg
from psycopg import sql
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from app.db import migrate, urls
from app.db.engine import connect_server, make_server_engine
from app.db.unique import duplicate_error
from app.domain.enums import Role
from app.domain.errors import DomainError, DuplicateError, NotAllowed, NotFound, ValidationError
from app.domain.staff import NewStaff
from app.domain.validation import check_email, check_username, clean_name

log = logging.getLogger(__name__)

MIN_SERVER_VERSION = 150000  # DESIGN §4: PostgreSQL 15 and newer
MIN_PASSWORD_LENGTH = 12

INSTRUCTOR = "rollbook_instructor"
FACILITY_ADMIN = "rollbook_facility_admin"
PROGRAM_ADMIN = "rollbook_program_admin"
SYSTEM_ADMIN = "rollbook_system_admin"
GROUP_ROLES = (INSTRUCTOR, FACILITY_ADMIN, PROGRAM_ADMIN, SYSTEM_ADMIN)
# Owns the staff-management functions and holds CREATEROLE. No login, granted to nobody: no app
# role holds CREATEROLE (up to PostgreSQL 15 it lets a role grant itself any non-superuser role).
STAFF_MANAGER = "rollbook_staff_manager"

ROLE_GROUPS: dict[Role, str] = {
    Role.INSTRUCTOR: INSTRUCTOR,
    Role.FACILITY_ADMIN: FACILITY_ADMIN,
    Role.DEPARTMENT_ADMIN: PROGRAM_ADMIN,
    Role.SYSTEM_ADMIN: SYSTEM_ADMIN,
}

_S, _SI, _SU, _SIU = "S", "SI", "SU", "SIU"
_PRIVILEGES = {"S": "SELECT", "I": "INSERT", "U": "UPDATE"}

# What each group role may do per table: (instructor, facility admin, program admin, system
# admin). Row-level security then decides *which rows*. Nobody gets DELETE, TRUNCATE or TRIGGER:
# removal is a tombstone (an UPDATE of deleted_at, DESIGN §3), the audit trail and the account
# history are append-only, and staff rows and scopes change only through the management
# functions. Instructors take attendance and keep class records; admins keep people and classes;
# program admins and system admins keep the global catalogue. A table missing here makes
# init_server fail: every new table needs a decision.
TABLE_GRANTS: dict[str, tuple[str, str, str, str]] = {
    "facilities": (_S, _SU, _S, _SIU),
    "rooms": (_S, _SIU, _S, _SIU),
    "users": (_S, _SIU, _SIU, _SIU),
    "student_profiles": (_S, _SIU, _SIU, _SIU),
    "student_medical": ("", _SIU, _SIU, _SIU),
    "guardians": (_S, _SIU, _SIU, _SIU),
    "student_guardians": (_S, _SIU, _SIU, _SIU),
    "staff_scopes": (_S, _S, _S, _S),
    "programs": (_S, _S, _SIU, _SIU),
    "program_types": (_S, _S, _SIU, _SIU),
    "attendance_policies": (_S, _S, _SIU, _SIU),
    "modules": (_S, _S, _SIU, _SIU),
    "lessons": (_S, _S, _SIU, _SIU),
    "facilities_programs": (_S, _SIU, _SIU, _SIU),
    "program_classes": (_S, _SIU, _SIU, _SIU),
    "program_class_events": (_S, _SIU, _SIU, _SIU),
    "program_class_event_overrides": (_SIU, _SIU, _SIU, _SIU),
    "program_class_event_attendance": (_SIU, _SIU, _SIU, _SIU),
    "program_class_enrollments": (_SIU, _SIU, _SIU, _SIU),
    "enrollment_history": (_SIU, _SIU, _SIU, _SIU),
    "lesson_progress": (_SIU, _SIU, _SIU, _SIU),
    "hours_logs": (_SIU, _SIU, _SIU, _SIU),
    "credentials": (_SIU, _SIU, _SIU, _SIU),
    "case_notes": (_SIU, _SIU, _SIU, _SIU),
    # Instructor availability (migration 0008): instructors record their own hours and time
    # off at the classroom desk, as they record substitutes; the facility policy bounds it.
    "instructor_availability": (_SIU, _SIU, _SIU, _SIU),
    "instructor_time_off": (_SIU, _SIU, _SIU, _SIU),
    # Facility closures (migration 0011): admins declare them, every staff member reads them.
    "facility_closures": (_S, _SIU, _SIU, _SIU),
    # Facility disruptions (migration 0012): as closures, admins declare and lift them.
    "facility_disruptions": (_S, _SIU, _SIU, _SIU),
    # Make-up links (migration 0013): whoever may change the schedule (instructors too, as they
    # record substitutes) links a make-up session to the sessions it makes up.
    "makeup_links": (_SIU, _SIU, _SIU, _SIU),
    # The trail is written by the server's triggers (migration 0009), as the owner: staff read it.
    "audit_log": (_S, _S, _S, _S),
    "user_account_history": (_S, _SI, _SI, _SI),
    # Sync (migration 0003): the change log is read, never written, by staff (its trigger
    # writes as the owner); a device row is its login's own (RLS).
    "sync_changes": (_S, _S, _S, _S),
    "sync_devices": (_SIU, _SIU, _SIU, _SIU),
    "sync_push_issues": (_SI, _SI, _SI, _SI),
    # Import bookkeeping (migration 0005): for the importing owner only, no app role.
    "import_id_map": ("", "", "", ""),
    "import_runs": ("", "", "", ""),
}
# What the management functions touch, as their owner (the policies still key on the caller).
MANAGER_GRANTS: dict[str, str] = {
    "users": _SIU,
    "staff_scopes": _SIU,
    "user_account_history": _SI,
    "facilities": _S,
    "programs": _S,
}

# The functions of migration 0002, by who may execute them. A rollbook_* function in the schema
# that is not classified here makes init_server fail rather than stay silently unusable.
POLICY_HELPERS = (
    "rollbook_current_staff_id",
    "rollbook_is_system_admin",
    "rollbook_is_admin",
    "rollbook_visible_facilities",
    "rollbook_visible_staff",
    "rollbook_program_allowed",
    "rollbook_my_scopes",  # migration 0006
    "rollbook_scope",  # migration 0010
)
# Stay with the RLS-exempt (superuser) schema owner; the manager's functions call them. Ending a
# disabled login's sessions (migration 0009) needs the owner's right to signal any backend.
MANAGER_HELPERS = ("rollbook_staff_scope_rows", "rollbook_end_sessions")
# The change-log triggers (migrations 0003 and 0007) and their helper, and the triggers that keep
# the record (0009: audit, provenance, same-facility references), run for everyone.
SYNC_FUNCTIONS = (
    "rollbook_log_change",
    "rollbook_log_changes",
    "rollbook_row_facility",
    "rollbook_audit_changes",
    "rollbook_stamp_row",
    "rollbook_check_references",
)
ADMIN_FUNCTIONS = (
    "rollbook_create_staff",
    "rollbook_disable_staff",
    "rollbook_enable_staff",
    "rollbook_scope_staff",
)
SELF_SERVICE_FUNCTIONS = ("rollbook_set_staff_password",)
INTERNAL_FUNCTIONS = (
    "rollbook_search_key",
    "rollbook_staff_group",
    "rollbook_staff_require_admin",
    "rollbook_staff_check_username",
    "rollbook_staff_check_grant",
    "rollbook_staff_target",
    "rollbook_staff_grant_group",
    "rollbook_staff_history",
)
MANAGER_OWNED = ADMIN_FUNCTIONS + SELF_SERVICE_FUNCTIONS + INTERNAL_FUNCTIONS


@dataclass(frozen=True)
class InitReport:
    """What ``init_server`` found and did."""

    server_version: int
    revision: str | None
    roles_created: tuple[str, ...]
    tables_secured: int


def init_server(admin_url: str) -> InitReport:
    """Bring a server to head and set up roles and privileges. Idempotent; safe to run again.

    ``admin_url`` must connect as a superuser: it creates roles, re-owns functions and runs the
    migrations whose helpers must read past row-level security. Raises ``NotAllowed`` for a
    non-superuser, ``ValidationError`` for a server older than 15, ``RuntimeError`` when a
    table lacks row-level security or a privilege decision (nothing is granted then).
    """
    conninfo = urls.conninfo(admin_url)
    with connect_server(conninfo, statement_timeout_s=None, autocommit=True) as conn:
        row = conn.execute(
            "SELECT current_setting('server_version_num')::int, r.rolsuper"
            " FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user"
        ).fetchone()
    assert row is not None
    version, superuser = int(row[0]), bool(row[1])
    if not superuser:
        raise NotAllowed("Setting up the server needs a PostgreSQL superuser connection.")
    if version < MIN_SERVER_VERSION:
        raise ValidationError("Rollbook needs PostgreSQL 15 or newer on the server.")

    engine = make_server_engine(admin_url, statement_timeout_s=None, poolclass=NullPool)
    try:
        migrate.upgrade(engine)
        revision = migrate.current_revision(engine)
    finally:
        engine.dispose()

    with connect_server(conninfo, statement_timeout_s=None) as conn, conn.transaction():
        # Role creation is cluster-wide: serialise concurrent set-ups of several databases.
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('rollbook init_server'))")
        created = _ensure_roles(conn, version)
        secured = _check_tables(conn)
        _grant_database(conn)
        _grant_tables(conn)
        _grant_functions(conn)
    log.info("server initialised: revision %s, roles created %s", revision, created or "none")
    return InitReport(version, revision, created, secured)


def _role_exists(conn: psycopg.Connection[Any], name: str) -> bool:
    found = conn.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (name,))
    return found.fetchone() is not None


def _ensure_roles(conn: psycopg.Connection[Any], version: int) -> tuple[str, ...]:
    created: list[str] = []
    plain = "NOLOGIN NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS"
    wanted = {name: f"{plain} NOCREATEROLE INHERIT" for name in GROUP_ROLES}
    wanted[STAFF_MANAGER] = f"{plain} CREATEROLE NOINHERIT"
    for name, attributes in wanted.items():
        if not _role_exists(conn, name):
            conn.execute(sql.SQL("CREATE ROLE {} " + attributes).format(sql.Identifier(name)))
            created.append(name)
        # Also on an existing role: whatever someone changed by hand, these are the attributes.
        conn.execute(sql.SQL("ALTER ROLE {} " + attributes).format(sql.Identifier(name)))
    if version >= 160000:
        # PostgreSQL 16+: CREATEROLE alone no longer lets the manager grant the group roles; it
        # needs ADMIN OPTION on them, without inheriting their privileges or SET ROLE to them.
        for group in GROUP_ROLES:
            conn.execute(
                sql.SQL("GRANT {} TO {} WITH ADMIN OPTION, INHERIT FALSE, SET FALSE").format(
                    sql.Identifier(group), sql.Identifier(STAFF_MANAGER)
                )
            )
    return tuple(created)


def _check_tables(conn: psycopg.Connection[Any]) -> int:
    rows = conn.execute(
        "SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity"
        " FROM pg_catalog.pg_class AS c"
        " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')"
        " AND c.relname <> 'alembic_version'"
    ).fetchall()
    tables = {str(name): bool(forced) for name, forced in rows}
    unsecured = sorted(name for name, forced in tables.items() if not forced)
    if unsecured:
        raise RuntimeError(f"tables without forced row-level security: {', '.join(unsecured)}")
    undecided = sorted(set(tables) ^ set(TABLE_GRANTS))
    if undecided:
        raise RuntimeError(f"no privilege decision for (or no such) tables: {', '.join(undecided)}")
    return len(tables)


def _idents(*names: str) -> sql.Composed:
    return sql.SQL(", ").join(sql.Identifier(n) for n in names)


def _grant_database(conn: psycopg.Connection[Any]) -> None:
    database = sql.Identifier(str(conn.info.dbname))
    groups = _idents(*GROUP_ROLES)
    # Only staff connect; nobody but the owner creates objects, not even temporary ones that
    # could shadow what the functions look up.
    conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(database))
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, groups))
    conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    conn.execute(
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(_idents(*GROUP_ROLES, STAFF_MANAGER))
    )


def _grant(conn: psycopg.Connection[Any], table: str, letters: str, role: str) -> None:
    if letters:
        privileges = sql.SQL(", ").join(sql.SQL(_PRIVILEGES[c]) for c in letters)
        conn.execute(
            sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                privileges, sql.Identifier("public", table), sql.Identifier(role)
            )
        )


def _grant_tables(conn: psycopg.Connection[Any]) -> None:
    everyone = _idents(*GROUP_ROLES, STAFF_MANAGER)
    # Start from nothing so that a privilege taken out of the matrix is taken away here too.
    conn.execute(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(everyone))
    conn.execute(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {}").format(everyone))
    for table, letters in TABLE_GRANTS.items():
        for role, granted in zip(GROUP_ROLES, letters, strict=True):
            _grant(conn, table, granted, role)
    for table, granted in MANAGER_GRANTS.items():
        _grant(conn, table, granted, STAFF_MANAGER)
    groups = _idents(*GROUP_ROLES)
    # The schema version, for the client's version handshake (DESIGN §3 rule 7); read-only.
    conn.execute(sql.SQL("GRANT SELECT ON TABLE public.alembic_version TO {}").format(groups))
    # sync_push_issues' bigserial: nextval only. Sequences hold counters, never facility data.
    conn.execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(groups))


def _grant_functions(conn: psycopg.Connection[Any]) -> None:
    rows = conn.execute(
        "SELECT p.proname, p.oid::regprocedure::text FROM pg_catalog.pg_proc AS p"
        " WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'rollbook\\_%'"
    ).fetchall()
    known = set(POLICY_HELPERS + MANAGER_HELPERS + SYNC_FUNCTIONS + MANAGER_OWNED)
    unknown = sorted(str(name) for name, _ in rows if name not in known)
    if unknown:
        raise RuntimeError(f"functions without a privilege decision: {', '.join(unknown)}")
    everyone = sql.SQL("PUBLIC, ") + _idents(*GROUP_ROLES, STAFF_MANAGER)
    for name, signature in rows:
        # ``signature`` comes from regprocedure output: already quoted by the server.
        function = sql.SQL(signature)
        conn.execute(sql.SQL("REVOKE ALL ON FUNCTION {} FROM {}").format(function, everyone))
        if name in MANAGER_OWNED:
            conn.execute(
                sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(
                    function, sql.Identifier(STAFF_MANAGER)
                )
            )
        # The manager calls all of them: policies run their helpers as the querying role, and
        # an owner's own EXECUTE goes with the REVOKE above too.
        grantees: tuple[str, ...] = (STAFF_MANAGER,)
        if name in POLICY_HELPERS:
            grantees += GROUP_ROLES
        elif name in ADMIN_FUNCTIONS:
            grantees += (FACILITY_ADMIN, PROGRAM_ADMIN, SYSTEM_ADMIN)
        elif name in SELF_SERVICE_FUNCTIONS:
            grantees += GROUP_ROLES
        conn.execute(
            sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(function, _idents(*grantees))
        )


# -- staff accounts ------------------------------------------------------------------------------

StaffTarget = str | Engine | Connection
"""A server URL or an engine (a transaction of its own, committed on success), or an open
SQLAlchemy ``Connection`` (the call joins its transaction; the caller commits or rolls back)."""


def create_staff(target: StaffTarget, **staff: Unpack[NewStaff]) -> uuid.UUID:
    """Create a staff member's login role, users row, scope and account history; return the id.

    The caller (the signed-in login) must administer ``facility_id`` (and ``program_ids``): a
    facility or program admin creates instructors there, a system admin anyone. The password is
    turned into a SCRAM verifier on this side, so the server never sees or logs it in clear.
    Raises ``ValidationError``, ``DuplicateError``, ``NotAllowed`` or ``NotFound``.
    """
    login = check_username(staff["username"])
    password = staff["password"]
    check_password(password)
    staff_role = _staff_role(staff["role"])
    first = clean_name(staff["name_first"], field="name_first")
    last = clean_name(staff["name_last"], field="name_last")
    mail = check_email(staff.get("email"))
    with _translated(target) as conn:
        created = conn.execute(
            text(
                "SELECT public.rollbook_create_staff(:username, :password, :role, :facility_id,"
                " :name_first, :name_last, :email, CAST(:program_ids AS uuid[]))"
            ),
            {
                "username": login,
                "password": _verifier(conn, login, password),
                "role": staff_role.value,
                "facility_id": staff["facility_id"],
                "name_first": first,
                "name_last": last,
                "email": mail,
                "program_ids": list(staff.get("program_ids", ())),
            },
        ).scalar_one()
    return uuid.UUID(str(created))


def disable_staff(target: StaffTarget, username: str) -> None:
    """Deactivate the staff member, make their role NOLOGIN and end their open sessions.

    Idempotent. Raises ``NotAllowed`` outside the caller's scope, ``NotFound`` for an unknown
    (or invisible) staff member.
    """
    _call(target, "SELECT public.rollbook_disable_staff(:username)", username=username)


def enable_staff(target: StaffTarget, username: str) -> None:
    """Undo ``disable_staff``: the account may log in and sees its scope again."""
    _call(target, "SELECT public.rollbook_enable_staff(:username)", username=username)


def scope_staff(
    target: StaffTarget,
    username: str,
    facility_ids: Sequence[uuid.UUID],
    program_ids: Sequence[uuid.UUID] = (),
) -> None:
    """Replace the staff member's scope: every facility given, limited to ``program_ids`` if any.

    Rows no longer wanted become tombstones. The caller must hold every scope it hands out.
    """
    _call(
        target,
        "SELECT public.rollbook_scope_staff(:username,"
        " CAST(:facility_ids AS uuid[]), CAST(:program_ids AS uuid[]))",
        username=username,
        facility_ids=list(facility_ids),
        program_ids=list(program_ids),
    )


def set_staff_password(target: StaffTarget, username: str, password: str) -> None:
    """Set one's own password, or reset that of a staff member one manages."""
    check_password(password)
    with _translated(target) as conn:
        conn.execute(
            text("SELECT public.rollbook_set_staff_password(:username, :password)"),
            {"username": username, "password": _verifier(conn, username, password)},
        )


def check_password(value: str) -> None:
    if len(value or "") < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters.", field="password"
        )


def _staff_role(role: Role | str) -> Role:
    try:
        value = Role(role)
    except ValueError:
        value = Role.STUDENT
    if not value.is_staff:
        raise ValidationError(
            "Choose a staff role: instructor, facility_admin, department_admin or system_admin.",
            field="role",
        )
    return value


def _verifier(conn: Connection, username: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password``, computed by libpq on this machine."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    return driver.pgconn.encrypt_password(
        password.encode(), username.encode(), b"scram-sha-256"
    ).decode()


def _call(target: StaffTarget, statement: str, **params: object) -> None:
    with _translated(target) as conn:
        conn.execute(text(statement), params)


@contextmanager
def _translated(target: StaffTarget) -> Iterator[Connection]:
    """A connection to run one management call on; database refusals leave as domain errors."""
    try:
        if isinstance(target, Connection):
            yield target
            return
        if isinstance(target, Engine):
            with target.begin() as conn:
                yield conn
            return
        engine = make_server_engine(target, poolclass=NullPool)
        try:
            with engine.begin() as conn:
                yield conn
        finally:
            engine.dispose()
    except DBAPIError as err:
        domain = _domain_error(err)
        if domain is None:
            raise
        raise domain from err


def _domain_error(err: DBAPIError) -> DomainError | None:
    orig = err.orig
    if not isinstance(orig, psycopg.Error):
        return None
    state = orig.sqlstate
    message = orig.diag.message_primary or str(orig)
    field = orig.diag.column_name
    if state == "42501":
        if message.startswith("permission denied for function"):
            # Only the admin group roles may execute the management functions.
            return NotAllowed("Your account may not manage staff accounts. Ask an administrator.")
        if message.startswith("permission denied"):
            # E.g. PostgreSQL 16+ refusing to alter a login the manager did not create.
            return NotAllowed(f"The server refused the change: {message}.")
        return NotAllowed(message, field=field)
    if state == "23505":
        return duplicate_error(orig.diag.constraint_name, message)
    if state == "42710":
        return DuplicateError(message, field=field)
    if state == "P0002":
        return NotFound(message, field=field)
    if state in ("22023", "22001", "23514", "23502", "23503"):
        return ValidationError(message, field=field)
    return None
