"""Server set-up and staff accounts through the SECURITY DEFINER functions, on a real server."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from app.db import migrate, server_admin
from app.db.login import describe_login_failure
from app.domain.enums import Role
from app.domain.errors import DuplicateError, NotAllowed, NotFound, ValidationError
from tests.integration.staffserver import PASSWORD, Server

pytestmark = pytest.mark.postgres


def _scopes(server: Server, login: str) -> set[tuple[str, str | None]]:
    names = {v: k for k, v in server.facility.items()} | {v: k for k, v in server.program.items()}
    with server.admin() as conn:
        rows = conn.execute(
            "SELECT s.facility_id, s.program_id FROM staff_scopes AS s"
            " JOIN users AS u ON u.id = s.user_id"
            " WHERE u.username = %s AND s.deleted_at IS NULL",
            (login,),
        ).fetchall()
    return {(names[f], names.get(p) if p else None) for f, p in rows}


def _history(server: Server, login: str) -> list[tuple[str, str]]:
    with server.admin() as conn:
        rows = conn.execute(
            "SELECT h.action, h.admin_username FROM user_account_history AS h"
            " JOIN users AS u ON u.id = h.user_id WHERE u.username = %s ORDER BY h.created_at",
            (login,),
        ).fetchall()
    return [(str(a), str(b)) for a, b in rows]


# -- init_server -------------------------------------------------------------------------------


def test_init_server_is_idempotent_and_sets_up_owners_and_roles(server: Server) -> None:
    report = server_admin.init_server(server.url)
    assert report.roles_created == ()  # the fixture's run made (or found) them
    assert report.revision == migrate.head_revision()
    assert report.tables_secured == len(server_admin.TABLE_GRANTS)
    assert report.server_version >= server_admin.MIN_SERVER_VERSION
    with server.admin() as conn:
        owners = dict(
            conn.execute(
                "SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc AS p"
                " WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'rollbook%%'"
            ).fetchall()
        )
        table_owner = conn.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.users'::regclass"
        ).fetchone()
        groups = conn.execute(
            "SELECT rolname, rolcanlogin, rolinherit FROM pg_roles WHERE rolname = ANY(%s)",
            (list(server_admin.GROUP_ROLES),),
        ).fetchall()
    for name in server_admin.MANAGER_OWNED:
        assert owners[name] == server_admin.STAFF_MANAGER, name
    for name in (
        server_admin.POLICY_HELPERS + server_admin.MANAGER_HELPERS + server_admin.SYNC_FUNCTIONS
    ):
        assert table_owner is not None and owners[name] == table_owner[0], name
    assert sorted(g[0] for g in groups) == sorted(server_admin.GROUP_ROLES)
    assert not any(login for _, login, _ in groups)


def test_only_the_intended_roles_may_execute_each_function(server: Server) -> None:
    admins = {server_admin.FACILITY_ADMIN, server_admin.PROGRAM_ADMIN, server_admin.SYSTEM_ADMIN}
    allowed = (
        {name: set(server_admin.GROUP_ROLES) for name in server_admin.POLICY_HELPERS}
        | {name: admins for name in server_admin.ADMIN_FUNCTIONS}
        | {name: set(server_admin.GROUP_ROLES) for name in server_admin.SELF_SERVICE_FUNCTIONS}
    )
    with server.admin() as conn:
        rows = conn.execute(
            "SELECT p.proname, r.rolname, has_function_privilege(r.oid, p.oid, 'EXECUTE')"
            " FROM pg_proc AS p CROSS JOIN pg_roles AS r"
            " WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'rollbook%%'"
            " AND r.rolname = ANY(%s)",
            (list(server_admin.GROUP_ROLES),),
        ).fetchall()
        public = conn.execute(
            "SELECT count(*) FROM pg_proc AS p, aclexplode(p.proacl) AS a"
            " WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'rollbook%%'"
            " AND a.grantee = 0"
        ).fetchone()
    assert public == (0,)  # nothing executable by PUBLIC
    assert len(rows) == len(server_admin.GROUP_ROLES) * len(
        set(
            server_admin.POLICY_HELPERS
            + server_admin.MANAGER_HELPERS
            + server_admin.SYNC_FUNCTIONS
            + server_admin.MANAGER_OWNED
        )
    )
    for function, role, may in rows:
        assert may == (role in allowed.get(function, set())), (function, role)


def test_init_server_needs_a_superuser(server: Server) -> None:
    admin = server.staff("sys", Role.SYSTEM_ADMIN)
    with pytest.raises(NotAllowed, match="superuser"):
        server_admin.init_server(server.as_(admin))


# -- create_staff ------------------------------------------------------------------------------


def test_a_facility_admin_creates_instructors_of_its_own_facility_only(server: Server) -> None:
    fadmin = server.staff("fadmin", Role.FACILITY_ADMIN, "A")
    instr = server.staff("instr", Role.INSTRUCTOR, "A", by=fadmin)
    assert _scopes(server, instr) == {("A", None)}
    assert _history(server, instr) == [("account_creation", fadmin)]
    with server.admin() as conn:
        member = conn.execute(
            "SELECT pg_has_role(%s, %s, 'USAGE')", (instr, server_admin.INSTRUCTOR)
        ).fetchone()
    assert member == (True,)
    with pytest.raises(NotAllowed, match="facilities you administer"):
        server.staff("instr_b", Role.INSTRUCTOR, "B", by=fadmin)
    with pytest.raises(NotAllowed, match="system administrator"):
        server.staff("fadmin2", Role.FACILITY_ADMIN, "A", by=fadmin)
    with server.admin() as conn:
        leftovers = conn.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)",
            ([f"t_instr_b_{server.suffix}", f"t_fadmin2_{server.suffix}"],),
        ).fetchone()
    assert leftovers == (0,)  # a refused call leaves nothing behind


def test_an_instructor_cannot_create_staff(server: Server) -> None:
    instr = server.staff("instr", Role.INSTRUCTOR, "A")
    with pytest.raises(NotAllowed, match="may not manage staff"):
        server.staff("other", Role.INSTRUCTOR, "A", by=instr)


def test_a_program_admin_hands_out_only_its_own_programs(server: Server) -> None:
    padmin = server.staff("padmin", Role.DEPARTMENT_ADMIN, "A", programs=("P1",))
    instr = server.staff("instr", Role.INSTRUCTOR, "A", by=padmin, programs=("P1",))
    assert _scopes(server, instr) == {("A", "P1")}
    with pytest.raises(NotAllowed):
        server.staff("wide", Role.INSTRUCTOR, "A", by=padmin)  # the whole facility
    with pytest.raises(NotAllowed):
        server.staff("other", Role.INSTRUCTOR, "A", by=padmin, programs=("P2",))


def test_create_staff_validates_its_input_and_refuses_duplicates(server: Server) -> None:
    taken = server.staff("taken", Role.INSTRUCTOR, "A", email="taken@example.org")

    def create(**changes: Any) -> None:
        values: dict[str, Any] = {
            "username": server.name("new"),
            "password": PASSWORD,
            "role": Role.INSTRUCTOR,
            "facility_id": server.facility["A"],
            "name_first": "New",
            "name_last": "Person",
        }
        server_admin.create_staff(server.url, **(values | changes))

    bad = {
        "username": ['x"; DROP TABLE users; --', "Upper", "pg_monitor", "rollbook_staff_manager"],
        "password": ["short"],
        "role": [Role.STUDENT, "janitor"],
        "name_first": ["   "],
        "email": ["not-an-email"],
    }
    for key, values in bad.items():
        for value in values:
            with pytest.raises(ValidationError) as refused:
                create(**{key: value})
            assert refused.value.field == key, (key, value)
    with pytest.raises(DuplicateError, match="user name is already taken") as dup:
        create(username=taken)
    assert dup.value.field == "username"
    with pytest.raises(DuplicateError, match="email address is already in use"):
        create(email="Taken@Example.org")
    with pytest.raises(NotFound):
        create(facility_id=uuid.uuid4())
    # What the server itself checks when the function is called directly, not through Python.
    with server.admin() as conn, pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute(
            "SELECT rollbook_create_staff(%s, 'x', 'instructor', %s, 'A', 'B')",
            ("bad name", server.facility["A"]),
        )
    # Quotes in names are data, not SQL.
    odd = server.name("odd")
    create(username=odd, name_last="O'Brien); DROP ROLE postgres; --")
    with server.admin() as conn:
        stored = conn.execute("SELECT name_last FROM users WHERE username = %s", (odd,))
        assert stored.fetchone() == ("O'Brien); DROP ROLE postgres; --",)


def _scram_matches(verifier: str, password: str) -> bool:
    """RFC 5802/7677: does the stored SCRAM-SHA-256 verifier belong to ``password``?"""
    method, rest = verifier.split("$", 1)
    iterations_salt, keys = rest.split("$")
    iterations, salt = iterations_salt.split(":")
    stored_key, server_key = (base64.b64decode(k) for k in keys.split(":"))
    salted = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), base64.b64decode(salt), int(iterations)
    )
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    return (
        method == "SCRAM-SHA-256"
        and hashlib.sha256(client_key).digest() == stored_key
        and hmac.new(salted, b"Server Key", hashlib.sha256).digest() == server_key
    )


def test_passwords_are_stored_as_scram_verifiers_and_can_be_reset(server: Server) -> None:
    fadmin = server.staff("fadmin", Role.FACILITY_ADMIN, "A")
    instr = server.staff("instr", Role.INSTRUCTOR, "A", by=fadmin)

    def verifier() -> str:
        with server.admin() as conn:
            row = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (instr,))
            found = row.fetchone()
        assert found is not None
        return str(found[0])

    assert _scram_matches(verifier(), PASSWORD)
    server_admin.set_staff_password(server.as_(instr), instr, "my-own-new-password")
    assert _scram_matches(verifier(), "my-own-new-password")
    server_admin.set_staff_password(server.as_(fadmin), instr, "reset-by-my-admin")
    assert _scram_matches(verifier(), "reset-by-my-admin")
    assert [a for a, _ in _history(server, instr)] == [
        "account_creation",
        "set_password",
        "reset_password",
    ]
    other = server.staff("other", Role.INSTRUCTOR, "A")
    with pytest.raises(NotAllowed):
        server_admin.set_staff_password(server.as_(instr), other, "not-mine-to-change")


# -- disable / enable --------------------------------------------------------------------------


def test_a_disabled_account_cannot_log_in_and_its_open_session_ends(
    server: Server,
) -> None:
    fadmin = server.staff("fadmin", Role.FACILITY_ADMIN, "A")
    instr = server.staff("instr", Role.INSTRUCTOR, "A", by=fadmin)
    url = make_url(server.as_(instr)).set(drivername="postgresql")
    open_session = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
    try:
        assert open_session.execute("SELECT count(*) FROM facilities").fetchone() == (1,)
        server_admin.disable_staff(server.as_(fadmin), instr)
        server_admin.disable_staff(server.as_(fadmin), instr)  # idempotent
        with pytest.raises(psycopg.OperationalError, match="terminating connection"):
            open_session.execute("SELECT count(*) FROM facilities")
    finally:
        open_session.close()
    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect(url.render_as_string(hide_password=False))
    assert "not permitted to log in" in str(refused.value)
    reason = describe_login_failure(refused.value)
    assert isinstance(reason, NotAllowed) and "disabled" in str(reason)
    assert _history(server, instr)[-1] == ("user_deactivated", fadmin)

    server_admin.enable_staff(server.as_(fadmin), instr)
    with psycopg.connect(url.render_as_string(hide_password=False)) as again:
        assert again.execute("SELECT count(*) FROM facilities").fetchone() == (1,)


def test_a_facility_admin_manages_only_instructors_wholly_in_its_facilities(
    server: Server,
) -> None:
    fadmin_a = server.staff("fadmin_a", Role.FACILITY_ADMIN, "A")
    other_admin = server.staff("fadmin_a2", Role.FACILITY_ADMIN, "A")
    instr_b = server.staff("instr_b", Role.INSTRUCTOR, "B")
    both = server.staff("both", Role.INSTRUCTOR, "A")
    server_admin.scope_staff(server.url, both, [server.facility["A"], server.facility["B"]])
    as_a = server.as_(fadmin_a)
    with pytest.raises(NotFound):  # staff of B do not exist for an admin of A
        server_admin.disable_staff(as_a, instr_b)
    with pytest.raises(NotAllowed, match="no say"):
        server_admin.disable_staff(as_a, both)
    with pytest.raises(NotAllowed, match="administrator accounts"):
        server_admin.disable_staff(as_a, other_admin)
    with pytest.raises(NotAllowed, match="your own account"):
        server_admin.disable_staff(as_a, fadmin_a)
    with pytest.raises(NotFound):
        server_admin.disable_staff(as_a, "postgres")
    with server.admin() as conn:
        still = conn.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s) AND rolcanlogin",
            ([instr_b, both, other_admin, fadmin_a],),
        ).fetchone()
    assert still == (4,)


# -- scope_staff -------------------------------------------------------------------------------


def test_scope_staff_replaces_the_scope_within_what_the_caller_holds(server: Server) -> None:
    fadmin = server.staff("fadmin", Role.FACILITY_ADMIN, "A")
    instr = server.staff("instr", Role.INSTRUCTOR, "A", by=fadmin)
    a, b = server.facility["A"], server.facility["B"]
    p1, p2 = server.program["P1"], server.program["P2"]
    as_admin = server.as_(fadmin)

    server_admin.scope_staff(as_admin, instr, [a], [p1, p2])
    assert _scopes(server, instr) == {("A", "P1"), ("A", "P2")}
    server_admin.scope_staff(as_admin, instr, [a], [p2])
    assert _scopes(server, instr) == {("A", "P2")}
    with pytest.raises(NotAllowed):
        server_admin.scope_staff(as_admin, instr, [a, b])
    assert _scopes(server, instr) == {("A", "P2")}  # a refused change changes nothing
    server_admin.scope_staff(as_admin, instr, [a])
    assert _scopes(server, instr) == {("A", None)}
    with server.admin() as conn:
        tombstones = conn.execute(
            "SELECT count(*) FROM staff_scopes AS s JOIN users AS u ON u.id = s.user_id"
            " WHERE u.username = %s AND s.deleted_at IS NOT NULL",
            (instr,),
        ).fetchone()
    assert tombstones == (3,)  # the original row, P1 and P2: kept for sync as "left scope"
    assert [a for a, _ in _history(server, instr)].count("scope_change") == 3

    instr_login = server.as_(instr)
    with pytest.raises(NotAllowed, match="may not manage staff"):
        server_admin.scope_staff(instr_login, instr, [a, b])
