"""The server's change log (migration 0007): what one statement of many rows writes to it."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg

from app.importing.run import libpq


def _log(conn: psycopg.Connection[Any], since: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT table_name, row_id, facility_id, op FROM sync_changes WHERE seq > %s"
        " ORDER BY table_name, op, row_id",
        (since,),
    ).fetchall()


def _mark(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()
    assert row is not None
    return int(row[0])


def test_each_row_of_a_statement_is_logged_with_its_facility(pg_url: str) -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    rooms = sorted([uuid.uuid4(), uuid.uuid4(), uuid.uuid4()])
    program = uuid.uuid4()
    with psycopg.connect(libpq(pg_url), autocommit=True) as conn:
        start = _mark(conn)
        conn.execute(
            "INSERT INTO facilities (id, name, timezone) VALUES (%s, 'A', 'UTC'), (%s, 'B', 'UTC')",
            (a, b),
        )
        conn.execute(
            "INSERT INTO rooms (id, facility_id, name, kind, status)"
            " SELECT r, %s, 'Room ' || r::text, 'classroom', 'active' FROM unnest(%s::uuid[]) AS r",
            (a, rooms),
        )
        conn.execute(
            "INSERT INTO programs (id, name, is_active) VALUES (%s, 'Catalogue', true)", (program,)
        )
        assert _log(conn, start) == [
            *[("facilities", f, f, "I") for f in sorted([a, b])],
            ("programs", program, None, "I"),
            *[("rooms", r, a, "I") for r in rooms],
        ]

        # Two rooms move to B, one is renamed in place: the moved ones also tell A they left.
        start = _mark(conn)
        conn.execute(
            "UPDATE rooms SET facility_id = CASE WHEN id = %s THEN facility_id ELSE %s END,"
            " name = name || '!' WHERE id = ANY(%s)",
            (rooms[0], b, rooms),
        )
        assert _log(conn, start) == [
            *[("rooms", r, a, "M") for r in rooms[1:]],
            ("rooms", rooms[0], a, "U"),
            *[("rooms", r, b, "U") for r in rooms[1:]],
        ]

        start = _mark(conn)
        conn.execute("DELETE FROM rooms WHERE id = ANY(%s)", (rooms,))
        conn.execute("UPDATE programs SET name = 'Renamed' WHERE id = %s", (program,))
        assert _log(conn, start) == [
            ("programs", program, None, "U"),
            ("rooms", rooms[0], a, "D"),
            *[("rooms", r, b, "D") for r in rooms[1:]],
        ]


def test_an_upsert_logs_its_inserts_and_its_updates(pg_url: str) -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    with psycopg.connect(libpq(pg_url), autocommit=True) as conn:
        conn.execute("INSERT INTO facilities (id, name, timezone) VALUES (%s, 'A', 'UTC')", (a,))
        start = _mark(conn)
        conn.execute(
            "INSERT INTO facilities (id, name, timezone) VALUES (%s, 'A2', 'UTC'), (%s, 'B', 'UTC')"
            " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name",
            (a, b),
        )
        assert _log(conn, start) == [("facilities", b, b, "I"), ("facilities", a, a, "U")]
        one = conn.execute(
            "SELECT count(DISTINCT txid) FROM sync_changes WHERE seq > %s", (start,)
        ).fetchone()
        assert one == (1,)
