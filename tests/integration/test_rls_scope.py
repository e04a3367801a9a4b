"""Migration 0010: row-level security looks the login's facility scope up once per statement
(``facility_id = ANY ((SELECT rollbook_scope())::uuid[])``, an InitPlan), not in a sub-plan per
policy; what each login sees stays exactly what it was (tests/integration/test_rls.py)."""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest
from alembic import command
from psycopg import sql
from sqlalchemy.engine import make_url

from app.db import migrate
from app.db.engine import make_server_engine
from app.domain.enums import Role
from tests import pgserver
from tests.integration.staffserver import Server

pytestmark = pytest.mark.postgres


def _connect(url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))


def _policies(url: str) -> list[tuple[str, str, str | None, str | None]]:
    with _connect(url) as conn:
        return [
            (r[0], r[1], r[2], r[3])
            for r in conn.execute(
                "SELECT tablename, policyname, qual, with_check FROM pg_policies"
                " WHERE schemaname = 'public' ORDER BY tablename, policyname"
            )
        ]


def _plans(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node]
    for child in node.get("Plans", ()):
        found += _plans(child)
    return found


def test_every_facility_policy_reads_the_scope_array_once_per_statement(server: Server) -> None:
    policies = _policies(server.url)
    texts = " ".join(f"{q or ''} {c or ''}" for _, _, q, c in policies)
    assert "rollbook_visible_facilities()" not in texts
    scoped = {t for t, _, q, c in policies if "rollbook_scope()" in f"{q} {c}"}
    assert {"users", "rooms", "program_class_event_attendance", "sync_changes"} <= scoped

    login = server.staff("scoped", Role.FACILITY_ADMIN, "A")
    with server.admin() as admin:  # count the helper's calls in the login's sessions
        admin.execute(
            sql.SQL("ALTER ROLE {} SET track_functions = 'all'").format(sql.Identifier(login))
        )
    with _connect(server.as_(login)) as conn:  # one transaction, rolled back
        conn.execute(
            "INSERT INTO rooms (id, facility_id, name, kind, status, capacity)"
            " SELECT gen_random_uuid(), %s, 'Room ' || i, 'classroom', 'active', 10"
            " FROM generate_series(1, 40) AS i",
            (server.facility["A"],),
        )
        calls_before = conn.execute(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions"
            " WHERE funcname = 'rollbook_scope'"
        ).fetchone()
        plan = conn.execute(
            "EXPLAIN (ANALYZE, FORMAT JSON) UPDATE rooms SET capacity = capacity + 1"
        ).fetchone()
        calls_after = conn.execute(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions"
            " WHERE funcname = 'rollbook_scope'"
        ).fetchone()
        conn.rollback()
    assert plan is not None and calls_before is not None and calls_after is not None
    root = (plan[0] if isinstance(plan[0], list) else json.loads(plan[0]))[0]["Plan"]
    nodes = _plans(root)
    assert sum(n.get("Actual Rows", 0) for n in nodes if n.get("Relation Name") == "rooms") >= 40
    inits = [n for n in nodes if str(n.get("Subplan Name", "")).startswith("InitPlan")]
    assert inits and all(n["Actual Loops"] == 1 for n in inits)
    # 40 rooms updated, the scope read once for the rows' USING and once for WITH CHECK.
    assert 1 <= int(calls_after[0]) - int(calls_before[0]) <= 2


def test_the_scope_is_the_visible_facilities_of_each_kind_of_login(server: Server) -> None:
    one = server.staff("one_fac", Role.INSTRUCTOR, "A")
    sysadmin = server.staff("sys", Role.SYSTEM_ADMIN, "A")
    for login, expected in (
        (one, {server.facility["A"]}),
        (sysadmin, {server.facility["A"], server.facility["B"]}),
    ):
        with _connect(server.as_(login)) as conn:
            scope = conn.execute("SELECT public.rollbook_scope()").fetchone()
            visible = conn.execute("SELECT public.rollbook_visible_facilities()").fetchall()
        assert scope is not None and set(scope[0]) == {r[0] for r in visible} == expected


def test_0010_upgrades_and_downgrades_to_exactly_the_policies_before() -> None:
    url = pgserver.create_database(prefix="rb_scope")
    engine = make_server_engine(url)
    cfg = migrate.alembic_config()
    try:
        migrate.upgrade(engine, "0009")
        before = _policies(url)
        migrate.upgrade(engine, "0010")
        assert migrate.current_revision(engine) == "0010"
        upgraded = _policies(url)
        assert upgraded != before and len(upgraded) == len(before)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0009")
        assert _policies(url) == before
        with _connect(url) as conn:
            gone = conn.execute("SELECT to_regprocedure('public.rollbook_scope()')").fetchone()
        assert gone is not None and gone[0] is None
        migrate.upgrade(engine, "0010")
        assert _policies(url) == upgraded
    finally:
        engine.dispose()
        pgserver.drop_database(url)
