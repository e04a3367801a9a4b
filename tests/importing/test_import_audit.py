"""The server's audit of an import (migration 0009): the rows a page creates are one entry naming
the run, the table, the count and the ids; a re-run's updates keep one entry per row with old and
new values; inserts outside an import stay one entry per row."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from app.domain.enums import Role
from app.importing.report import Problem
from app.importing.run import libpq
from app.importing.writer import BatchResult, Staged, Target, Writer
from tests.integration.staffserver import PASSWORD, Server

ROOMS = Target("rooms")


@dataclass
class Run:
    """One import run's writer over the server of the ``server`` fixture."""

    conn: psycopg.Connection[Any]
    writer: Writer
    run_id: uuid.UUID

    def rooms(self, *rows: tuple[str, uuid.UUID, str]) -> tuple[BatchResult, list[Problem]]:
        """Write rooms (source id, facility, name) as one page, and commit it."""
        staged = [
            Staged(
                source_id,
                {
                    "id": uuid.uuid4(),
                    "facility_id": facility,
                    "name": name,
                    "kind": "classroom",
                    "status": "active",
                },
            )
            for source_id, facility, name in rows
        ]
        found = self.writer.write("rooms", ROOMS, self.writer.prepare(ROOMS, staged))
        self.conn.commit()
        return found


@pytest.fixture
def runs(server: Server) -> Iterator[Any]:
    """``runs()``: a new import run (its own connection and run id) into ``server``."""
    opened: list[psycopg.Connection[Any]] = []

    def start() -> Run:
        conn = psycopg.connect(libpq(server.url))
        opened.append(conn)
        run_id = uuid.uuid4()
        writer = Writer(
            conn,
            system="test",
            source="here",
            run_id=run_id,
            actor="import:test",
            device=f"import {run_id}",
        )
        return Run(conn, writer, run_id)

    yield start
    for conn in opened:
        conn.close()


def _ids(server: Server, source_ids: tuple[str, ...]) -> dict[str, uuid.UUID]:
    with server.admin() as conn:
        return {
            str(k): v
            for k, v in conn.execute(
                "SELECT source_id, target_id FROM import_id_map WHERE source_table = 'rooms'"
                " AND source_id = ANY(%s)",
                (list(source_ids),),
            )
        }


def _entries(server: Server, where: str, *params: Any) -> list[tuple[Any, ...]]:
    with server.admin() as conn:
        return conn.execute(
            "SELECT table_name, row_id, facility_id, action, old_values, new_values, changed_by,"
            f" device_id FROM audit_log WHERE {where} ORDER BY id",
            params,
        ).fetchall()


def test_an_import_page_is_audited_as_one_entry_per_facility_naming_run_table_and_count(
    server: Server, runs: Any
) -> None:
    a, b = server.facility["A"], server.facility["B"]
    run = runs()
    result, problems = run.rooms(
        ("1", a, "Room 1"), ("2", a, "Room 2"), ("3", a, "Room 3"), ("4", b, "Room 4")
    )
    assert (result.created, problems) == (4, [])
    ids = _ids(server, ("1", "2", "3", "4"))

    # No entry per row created...
    assert _entries(server, "row_id = ANY(%s)", list(ids.values())) == []
    # ...but one per facility the page wrote to, naming the run, the table, the count and ids.
    summary = _entries(server, "row_id = %s", run.run_id)
    assert len(summary) == 2
    assert {(e[0], e[2], e[3], e[4], e[6], e[7]) for e in summary} == {
        ("rooms", f, "insert", None, "import:test", f"import {run.run_id}") for f in (a, b)
    }
    by_facility = {e[2]: e[5] for e in summary}
    assert by_facility[a]["import_run"] == str(run.run_id)
    assert by_facility[a]["count"] == 3
    assert sorted(by_facility[a]["ids"]) == sorted(str(ids[k]) for k in ("1", "2", "3"))
    assert (by_facility[b]["count"], by_facility[b]["ids"]) == (1, [str(ids["4"])])


def test_a_rerun_audits_its_updates_row_by_row_with_old_and_new_values(
    server: Server, runs: Any
) -> None:
    a = server.facility["A"]
    runs().rooms(("r1", a, "First name"))
    second = runs()
    result, _ = second.rooms(("r1", a, "Second name"), ("r2", a, "New room"))
    assert (result.created, result.updated) == (1, 1)
    ids = _ids(server, ("r1", "r2"))

    updated = _entries(server, "row_id = %s AND action = 'update'", ids["r1"])
    assert len(updated) == 1
    table, _row, facility, _action, old, new, who, device = updated[0]
    assert (table, facility, who, device) == ("rooms", a, "import:test", f"import {second.run_id}")
    assert (old, new) == ({"name": "First name"}, {"name": "Second name"})
    # The row the re-run created is in its run's summary, not an entry of its own.
    assert _entries(server, "row_id = %s", ids["r2"]) == []
    (summary,) = _entries(server, "row_id = %s", second.run_id)
    assert (summary[5]["count"], summary[5]["ids"]) == (1, [str(ids["r2"])])


def test_inserts_outside_an_import_stay_audited_row_by_row(server: Server, runs: Any) -> None:
    a = server.facility["A"]
    run = runs()
    run.rooms(("1", a, "Imported room"))
    assert len(_entries(server, "row_id = %s", run.run_id)) == 1

    # The superuser at the console, naming no run: an entry per row, with its values.
    console = uuid.uuid4()
    with server.admin() as conn:
        conn.execute(
            "INSERT INTO rooms (id, facility_id, name, kind, status, created_at, updated_at,"
            " row_version) VALUES (%s, %s, 'Console room', 'classroom', 'active', now(), now(),"
            " 1)",
            (console, a),
        )
    # A staff login naming a run: not heard, an entry per row too.
    login = server.staff("clerk", Role.FACILITY_ADMIN, "A")
    staff_room = uuid.uuid4()
    url = make_url(server.as_(login)).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        conn.execute("SELECT set_config('rollbook.import_run', %s, true)", (str(run.run_id),))
        conn.execute(
            "INSERT INTO rooms (id, facility_id, name, kind, status, created_at, updated_at,"
            " row_version) VALUES (%s, %s, 'Staff room', 'classroom', 'active', now(), now(),"
            " 1)",
            (staff_room, a),
        )

    for row_id, name, who in ((console, "Console room", None), (staff_room, "Staff room", login)):
        (entry,) = _entries(server, "row_id = %s", row_id)
        assert entry[3:5] == ("insert", None)
        assert entry[5]["name"] == name and entry[5]["id"] == str(row_id)
        if who is not None:
            assert entry[6] == who
    assert len(_entries(server, "row_id = %s", run.run_id)) == 1  # still only the import's


def test_the_tables_owner_may_name_its_run_too(server: Server) -> None:
    """An import may run as the owner of Rollbook's tables rather than a superuser: its run is
    heard (the owner could drop the trigger anyway), the rows it creates summarised."""
    owner = server.name("owner")
    with server.admin() as admin:
        table_owner = admin.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.rooms'::regclass"
        ).fetchone()
        assert table_owner is not None
        admin.execute(
            sql.SQL("CREATE ROLE {} LOGIN BYPASSRLS PASSWORD {}").format(
                sql.Identifier(owner), sql.Literal(PASSWORD)
            )
        )
        admin.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(table_owner[0]), sql.Identifier(owner))
        )
    run_id, room = uuid.uuid4(), uuid.uuid4()
    url = make_url(server.as_(owner)).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        assert conn.execute("SELECT current_setting('is_superuser')").fetchone() == ("off",)
        conn.execute("SELECT set_config('rollbook.import_run', %s, true)", (str(run_id),))
        conn.execute(
            "INSERT INTO rooms (id, facility_id, name, kind, status, created_at, updated_at,"
            " row_version) VALUES (%s, %s, 'Owner room', 'classroom', 'active', now(), now(),"
            " 1)",
            (room, server.facility["A"]),
        )

    assert _entries(server, "row_id = %s", room) == []
    (summary,) = _entries(server, "row_id = %s", run_id)
    assert summary[5] == {"import_run": str(run_id), "count": 1, "ids": [str(room)]}
    assert summary[6] == owner
