"""A push of many rows is merged set-based on the server: a few statements per table, whatever
the batch's size, with every rule's result as before — new rows, clean merges, conflicts,
rejections, deletes, replays, issues stored with their first outbox seq, provenance and the
audit trail written by the server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, text, update

from app.db.models import User
from app.domain.enums import Role
from app.sync.engine import SyncConfig
from tests.integration.factories import add_person
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres

ONE_BATCH = SyncConfig(batch_size=1000, pull_chunk=500, page_size=500)


def _students(sites: Sites, count: int) -> list[uuid.UUID]:
    """``count`` more students of facility A on the server, before any station pulls."""
    uow = sites.superuser()
    with uow() as u:
        ids = [
            add_person(u, sites.server.facility["A"], f"Many{i}", "Push", number=f"STU-M-{i:04d}")
            for i in range(count)
        ]
        u.commit()
    uow.engine.dispose()
    return ids


def _edit(station: Station, ids: list[uuid.UUID], **values: Any) -> None:
    with station.uow() as u:
        for i, ident in enumerate(ids):
            user = u.session.get(User, ident)
            assert user is not None
            for name, value in values.items():
                setattr(user, name, value.format(i=i) if isinstance(value, str) else value)
        u.commit()


def _server_rows(sites: Sites, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        rows = conn.execute(select(User).where(User.id.in_(ids))).mappings().all()
    uow.engine.dispose()
    return {r["id"]: dict(r) for r in rows}


def _superuser_sql(sites: Sites, sql: str, **params: Any) -> list[Any]:
    uow = sites.superuser()
    with uow.engine.begin() as conn:
        result = conn.execute(text(sql), params)
        rows = list(result) if result.returns_rows else []
    uow.engine.dispose()
    return rows


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements sent through ``engine`` inside the block."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _pushes(seen: list[str]) -> list[str]:
    """The statements of the push transactions (the device's ack read starts one, its ack
    write ends it)."""
    out: list[str] = []
    inside = False
    for statement in seen:
        if "FROM sync_devices WHERE device_id" in statement and "FOR UPDATE" in statement:
            inside = True
        if inside:
            out.append(statement)
        if statement.startswith("UPDATE sync_devices SET acked_lo"):
            inside = False
    return out


def test_a_mixed_push_of_many_rows_is_merged_by_the_rules_in_a_few_statements(
    sites: Sites,
) -> None:
    many = _students(sites, 150)
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station(
        "two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"), config=ONE_BATCH
    )
    one.cycle()
    two.cycle()
    conflicted, clean, deleted = many[:40], many[40:120], many[120:135]
    _edit(one, conflicted, name_first="One{i}")
    one.cycle()
    before = _server_rows(sites, many)

    _edit(two, conflicted, name_first="Two{i}", phone="555-{i:04d}")
    _edit(two, clean, name_first="Clean{i}")
    removed_at = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    _edit(two, deleted, deleted_at=removed_at)
    with two.uow() as u:
        new = [
            add_person(u, sites.server.facility["A"], f"New{i}", "Push", number=f"STU-N-{i:04d}")
            for i in range(60)
        ]
        u.commit()
    batch = two.local.next_batch(1000)
    assert batch is not None and len(batch.rows) == 195
    first_seq = {r.row_id: r.first_seq for r in batch.rows}

    with _statements(two.remote) as seen:
        two.cycle()
    pushed = _pushes(seen)
    # One locking read, one INSERT, one UPDATE and one statement for the 40 issues (row by
    # row it was a statement per issue and per set of changed columns).
    assert len(pushed) <= 10, pushed
    assert sum("sync_push_issues" in s for s in pushed) == 1

    after = _server_rows(sites, many + new)
    for i, ident in enumerate(conflicted):  # the server's name stands, the phone merges
        row = after[ident]
        assert row["name_first"] == f"One{i}" and row["phone"] == f"555-{i:04d}"
        assert row["row_version"] == before[ident]["row_version"] + 1
        assert row["updated_by"] == two.login
    for i, ident in enumerate(clean):
        row = after[ident]
        assert row["name_first"] == f"Clean{i}"
        assert row["row_version"] == before[ident]["row_version"] + 1
        assert row["created_by"] == before[ident]["created_by"]  # provenance kept
    for ident in deleted:
        assert after[ident]["deleted_at"] == removed_at
        assert after[ident]["name_first"] == before[ident]["name_first"]
    for i, ident in enumerate(new):
        row = after[ident]
        assert row["name_first"] == f"New{i}" and row["row_version"] == 1
        assert row["created_by"] == two.login and row["facility_id"] == sites.server.facility["A"]

    issues = two.local.open_issues()
    assert sorted(i["kind"] for i in issues) == ["conflict"] * 40
    by_row = {uuid.UUID(str(i["row_id"])): i for i in issues}
    assert set(by_row) == set(conflicted)
    for i, ident in enumerate(conflicted):
        issue = by_row[ident]
        assert issue["reason"] == "Changed here and on the server since the last sync: name_first."
        assert f"Two{i}" in issue["mine"] and f"One{i}" in issue["theirs"]
    stored = _superuser_sql(
        sites,
        "SELECT row_id, seq, kind FROM sync_push_issues WHERE device_id = :d ORDER BY id",
        d=two.sync.device_id,
    )
    assert {r[0]: r[1] for r in stored} == {i: first_seq[i] for i in conflicted}
    # The server wrote the audit trail: one entry per changed row, naming login and desk.
    audit = _superuser_sql(
        sites,
        "SELECT row_id, action, changed_by, device_id FROM audit_log"
        " WHERE row_id = ANY(:ids) AND changed_by = :who",
        ids=many + new,
        who=two.login,
    )
    actions = {r[0]: r[1] for r in audit}
    assert len(audit) == 40 + 80 + 15 + 60
    assert {r[3] for r in audit} == {two.sync.device_id}
    assert all(actions[i] == "delete" for i in deleted)
    assert all(actions[i] == "insert" for i in new)
    assert all(actions[i] == "update" for i in conflicted + clean)
    assert two.local.outbox_count()[0] == 0 and two.sync.digests_match()


def test_refused_rows_among_many_are_rejections_found_without_a_savepoint_per_row(
    sites: Sites,
) -> None:
    many = _students(sites, 200)
    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"), config=ONE_BATCH)
    ws.cycle()
    before = _server_rows(sites, many)
    _edit(ws, many, name_first="Edited{i}")
    gone = [many[17], many[101], many[180]]
    # Meanwhile these students move to facility B: out of this login's scope.
    _superuser_sql(
        sites,
        "UPDATE users SET facility_id = :b, row_version = row_version + 1 WHERE id = ANY(:ids)",
        b=sites.server.facility["B"],
        ids=gone,
    )
    with _statements(ws.remote) as seen:
        ws.cycle()
    pushed = _pushes(seen)
    savepoints = sum(s.startswith("SAVEPOINT") for s in pushed)
    # Halved down to the refused rows: a few savepoints per refusal, not one per row.
    assert savepoints <= 3 * 2 * 9, savepoints
    issues = ws.local.open_issues()
    assert sorted(uuid.UUID(str(i["row_id"])) for i in issues) == sorted(gone)
    assert all(
        i["kind"] == "rejection" and "no longer yours to change" in i["reason"] for i in issues
    )
    after = _server_rows(sites, many)
    for i, ident in enumerate(many):
        if ident in gone:
            assert after[ident]["name_first"] == before[ident]["name_first"]
        else:
            assert after[ident]["name_first"] == f"Edited{i}"
            assert after[ident]["row_version"] == before[ident]["row_version"] + 1
    assert ws.local.outbox_count()[0] == 0


def test_a_replayed_push_changes_nothing_and_stores_no_issue_twice(sites: Sites) -> None:
    many = _students(sites, 30)
    lose = {"next": False}

    def after_commit() -> None:
        if lose["next"]:
            lose["next"] = False
            raise ConnectionError("response lost")

    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station(
        "two",
        sites.server.staff("two", Role.FACILITY_ADMIN, "A"),
        config=ONE_BATCH,
        after_commit=after_commit,
    )
    one.cycle()
    two.cycle()
    _edit(one, many[:5], name_first="One{i}")
    one.cycle()
    _edit(two, many, name_first="Two{i}")
    lose["next"] = True
    with pytest.raises(ConnectionError):
        two.cycle()
    landed = _server_rows(sites, many)
    two.cycle()  # the same batch again: acknowledged already, a no-op on the server
    assert _server_rows(sites, many) == landed
    stored = _superuser_sql(
        sites,
        "SELECT count(*) FROM sync_push_issues WHERE device_id = :d",
        d=two.sync.device_id,
    )
    assert stored[0][0] == 5
    assert sorted(i["kind"] for i in two.local.open_issues()) == ["conflict"] * 5
    assert two.local.outbox_count()[0] == 0 and two.sync.digests_match()


def test_a_push_whose_row_left_the_scope_after_the_lock_read_is_still_exact(
    sites: Sites,
) -> None:
    """Rows of other tables and a moved student in one batch: the refused student becomes a
    rejection, the rest land, and the audit trail holds no entry of the rolled-back attempt."""
    many = _students(sites, 12)
    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"), config=ONE_BATCH)
    ws.cycle()
    _edit(ws, many, name_first="Kept{i}")
    uow = sites.superuser()
    with uow.engine.begin() as conn:
        conn.execute(
            update(User)
            .where(User.id == many[3])
            .values(facility_id=sites.server.facility["B"], row_version=User.row_version + 1)
        )
    uow.engine.dispose()
    ws.cycle()
    (issue,) = ws.local.open_issues()
    assert issue["kind"] == "rejection" and uuid.UUID(str(issue["row_id"])) == many[3]
    audit = _superuser_sql(
        sites,
        "SELECT row_id, count(*) FROM audit_log WHERE row_id = ANY(:ids) AND changed_by = :who"
        " GROUP BY row_id",
        ids=many,
        who=ws.login,
    )
    assert {r[0]: r[1] for r in audit} == {i: 1 for i in many if i != many[3]}
