"""A staff login's push finds the rows it updates by their key: row-level security never turns
the push's UPDATE into a scan of the facility's whole table (issue 16: joined only on the
pushed arrays, the policy's subquery made the planner scan 53,415 attendance rows a statement
at the bench's 50k scale, 40-50 ms each, where the superuser's went by key)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import event, text

from app.db.engine import make_server_engine
from app.domain.enums import Role
from app.sync.push import ATTENDANCE, _update_many
from app.sync.tables import table_named
from tests.integration.factories import add_class, add_program, add_series
from tests.sync.conftest import Sites

pytestmark = pytest.mark.postgres

DAYS = 1_700  # x 12 students: about 20,000 marks, enough for the planner to weigh a scan


def _marks_in_volume(sites: Sites) -> list[uuid.UUID]:
    """A class of facility A with a mark per student per day over ``DAYS`` days, analysed."""
    facility = sites.server.facility["A"]
    uow = sites.superuser()
    with uow() as u:
        program = add_program(u, "Volume")
        u.flush()
        class_id = add_class(u, facility, program, "Volume I")
        u.flush()
        series = add_series(u, facility, class_id, datetime(2026, 1, 5, 9, 0), rrule="FREQ=DAILY")
        u.commit()
    with uow.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO program_class_event_attendance"
                " (id, facility_id, event_id, user_id, date, attendance_status, needs_review)"
                " SELECT gen_random_uuid(), :facility, :series, s, DATE '2020-01-01' + d,"
                " 'present', false FROM unnest(CAST(:students AS uuid[])) AS s,"
                " generate_series(0, :days - 1) AS d"
            ),
            {
                "facility": facility,
                "series": series,
                "students": sites.students["A"],
                "days": DAYS,
            },
        )
        conn.execute(text("ANALYZE program_class_event_attendance"))
        ids = list(
            conn.execute(
                text(
                    "SELECT id FROM program_class_event_attendance WHERE event_id = :s"
                    " ORDER BY id LIMIT 500"
                ),
                {"s": series},
            ).scalars()
        )
    uow.engine.dispose()
    return ids


def _scans(plan: Any) -> list[str]:
    """The relations a plan (EXPLAIN's JSON) reads by a sequential scan."""
    found: list[str] = []
    if isinstance(plan, dict):
        if plan.get("Node Type") == "Seq Scan":
            found.append(str(plan.get("Relation Name")))
        for value in plan.values():
            found += _scans(value)
    elif isinstance(plan, list):
        for item in plan:
            found += _scans(item)
    return found


def test_a_staff_push_updates_marks_through_their_key(sites: Sites) -> None:
    ids = _marks_in_volume(sites)
    login = sites.server.staff("Planner", Role.FACILITY_ADMIN)
    engine = make_server_engine(sites.server.as_(login))
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        if statement.startswith("UPDATE"):
            sent.append((statement, params))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        with engine.connect() as conn, conn.begin():
            rows = [{"id": i, "note": f"pushed {n}"} for n, i in enumerate(ids)]
            _update_many(conn, table_named(ATTENDANCE), rows, ["note"])
            updated = conn.execute(
                text(
                    "SELECT count(*) FROM program_class_event_attendance WHERE note LIKE 'pushed %'"
                )
            ).scalar_one()
            [(statement, params)] = sent
            plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, params).scalar_one()
    finally:
        engine.dispose()
    assert updated == len(ids) == 500
    assert ATTENDANCE not in _scans(plan), plan
