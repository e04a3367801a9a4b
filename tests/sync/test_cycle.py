"""The sync cycle between real SQLite caches and a real PostgreSQL, as staff logins under RLS."""

from __future__ import annotations

import shutil
import threading
import uuid
from typing import Any

import pytest
from sqlalchemy import select, text, update

from app.db.models import User
from app.domain.enums import Role
from app.sync.engine import Cancelled, SyncConfig, SyncReport
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres


def _names(station: Station) -> dict[uuid.UUID, str]:
    with station.cache.connect() as conn:
        return {r.id: r.name_first for r in conn.execute(select(User.id, User.name_first))}


def _server_user(sites: Sites, user_id: uuid.UUID) -> dict[str, Any]:
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        row = conn.execute(select(User).where(User.id == user_id)).mappings().one()
    uow.engine.dispose()
    return dict(row)


def _rename(station: Station, user_id: uuid.UUID, first: str) -> None:
    with station.uow() as u:
        user = u.session.get(User, user_id)
        assert user is not None
        user.name_first = first
        u.commit()


def _outbox(station: Station) -> int:
    return station.local.outbox_count()[0]


def test_initial_pull_copies_exactly_the_slice(sites: Sites) -> None:
    login = sites.server.staff("ws", Role.INSTRUCTOR, "A")
    ws = sites.station("ws", login)
    report = ws.cycle()
    assert isinstance(report, SyncReport)
    names = _names(ws)
    assert set(sites.students["A"]) <= set(names)
    assert not set(sites.students["B"]) & set(names)
    assert ws.sync.digests_match()
    assert _outbox(ws) == 0  # applying the server's rows queues nothing


def test_a_local_edit_reaches_the_server_once_and_others_pull_it(sites: Sites) -> None:
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station("two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"))
    one.cycle()
    two.cycle()
    student = sites.students["A"][0]
    _rename(one, student, "Renamed")
    assert _outbox(one) == 1
    before = int(_server_user(sites, student)["row_version"])
    one.cycle()
    assert _outbox(one) == 0
    row = _server_user(sites, student)
    assert row["name_first"] == "Renamed" and int(row["row_version"]) == before + 1
    two.cycle()
    assert _names(two)[student] == "Renamed"
    assert one.sync.digests_match() and two.sync.digests_match()
    # The server's audit trail names the login and the workstation.
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        audit = conn.execute(
            text("SELECT changed_by, device_id FROM audit_log WHERE row_id = :r"), {"r": student}
        ).all()
    uow.engine.dispose()
    assert (one.login, one.sync.device_id) in [tuple(a) for a in audit]


def test_a_lost_response_after_the_commit_is_settled_not_applied_twice(sites: Sites) -> None:
    login = sites.server.staff("ws", Role.FACILITY_ADMIN, "A")
    lose = {"next": False}

    def after_commit() -> None:
        if lose["next"]:
            lose["next"] = False
            raise ConnectionError("response lost")

    ws = sites.station("ws", login, after_commit=after_commit)
    ws.cycle()
    student = sites.students["A"][1]
    _rename(ws, student, "Once")
    before = int(_server_user(sites, student)["row_version"])
    lose["next"] = True
    with pytest.raises(ConnectionError):
        ws.cycle()
    assert _outbox(ws) == 1  # not acknowledged locally
    ws.cycle()
    assert _outbox(ws) == 0
    assert int(_server_user(sites, student)["row_version"]) == before + 1
    assert ws.sync.digests_match()


def test_the_same_field_changed_on_both_sides_is_a_conflict_a_person_sees(sites: Sites) -> None:
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station("two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"))
    one.cycle()
    two.cycle()
    student = sites.students["A"][2]
    _rename(one, student, "FromOne")
    _rename(two, student, "FromTwo")
    with two.uow() as u:  # a field only two changes merges cleanly
        user = u.session.get(User, student)
        assert user is not None
        user.phone = "555-0102"
        u.commit()
    one.cycle()
    two.cycle()
    row = _server_user(sites, student)
    assert row["name_first"] == "FromOne" and row["phone"] == "555-0102"
    issues = two.local.open_issues()
    assert len(issues) == 1 and issues[0]["kind"] == "conflict"
    assert "name_first" in issues[0]["reason"]
    assert "FromTwo" in issues[0]["mine"] and "FromOne" in issues[0]["theirs"]
    assert _names(two)[student] == "FromOne"  # the server's version, mine kept in the issue
    assert one.local.open_issues() == []


def test_a_genuine_unique_clash_becomes_a_visible_rejection(sites: Sites) -> None:
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station("two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"))
    one.cycle()
    two.cycle()
    from tests.integration.factories import add_person

    for station, first in ((one, "Ann"), (two, "Bea")):
        with station.uow() as u:
            add_person(u, sites.server.facility["A"], first, "Clash", number="STU-2026-0777")
            u.commit()
    _rename(two, sites.students["A"][5], "Lands")  # in the same push as the clash
    one.cycle()
    two.cycle()
    rejections = [i for i in two.local.open_issues() if i["kind"] == "rejection"]
    assert len(rejections) == 1
    assert "unique" in rejections[0]["reason"] and "Bea" in rejections[0]["mine"]
    assert _outbox(two) == 0  # stored as a rejection, not stuck in the outbox
    assert _server_user(sites, sites.students["A"][5])["name_first"] == "Lands"
    audit = sites.superuser()
    with audit.engine.connect() as conn:  # the rolled-back attempt left no audit rows behind
        inserted = conn.execute(
            text(
                "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.row_id"
                " WHERE u.name_last = 'Clash' AND a.action = 'insert'"
            )
        ).scalar_one()
    audit.engine.dispose()
    assert inserted == 1


def test_rescoping_removes_rows_that_left_the_slice(sites: Sites) -> None:
    login = sites.server.staff("ws", Role.FACILITY_ADMIN, "A")
    from app.db import server_admin

    server_admin.scope_staff(
        sites.server.url, login, [sites.server.facility["A"], sites.server.facility["B"]]
    )
    both = sites.station("ws", login, ("A", "B"))
    both.cycle()
    assert set(sites.students["B"]) <= set(_names(both))
    # A student moves from B to A: B's log tells both; the row stays, in its new facility.
    moved = sites.students["B"][0]
    uow = sites.superuser()
    with uow.engine.begin() as conn:
        conn.execute(
            update(User).where(User.id == moved).values(facility_id=sites.server.facility["A"])
        )
    uow.engine.dispose()
    only_b = sites.station("b", sites.server.staff("b", Role.FACILITY_ADMIN, "B"), ("B",))
    only_b.cycle()
    assert moved not in _names(only_b)
    both.cycle()
    assert moved in _names(both)


def test_the_pull_waits_for_a_long_transaction_holding_a_lower_position(sites: Sites) -> None:
    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"))
    ws.cycle()
    first, second = sites.students["A"][3], sites.students["A"][4]
    uow = sites.superuser()
    slow = uow.engine.connect()
    slow_tx = slow.begin()
    slow.execute(update(User).where(User.id == first).values(name_first="Slow"))
    with uow.engine.begin() as conn:  # commits after the slow one started
        conn.execute(update(User).where(User.id == second).values(name_first="Fast"))
    ws.cycle()
    names = _names(ws)
    assert names[first] != "Slow"
    assert names[second] != "Fast"  # fenced: it sits behind the open transaction
    slow_tx.commit()
    slow.close()
    ws.cycle()
    names = _names(ws)
    assert names[first] == "Slow" and names[second] == "Fast"
    uow.engine.dispose()


def test_an_initial_pull_cancelled_midway_resumes(sites: Sites) -> None:
    stop = threading.Event()
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 4 and not stop.is_set()

    login = sites.server.staff("ws", Role.FACILITY_ADMIN, "A")
    ws = sites.station("ws", login, cancel=cancel, config=SyncConfig(page_size=5))
    with pytest.raises(Cancelled):
        ws.cycle()
    stop.set()
    ws.cycle()
    assert ws.sync.digests_match()


def test_a_cache_restored_from_a_backup_syncs_as_a_new_device_and_says_so(sites: Sites) -> None:
    login = sites.server.staff("ws", Role.FACILITY_ADMIN, "A")
    ws = sites.station("ws", login)
    ws.cycle()
    path = sites.tmp / "ws.sqlite3"
    ws.cache.dispose()
    backup = sites.tmp / "backup.sqlite3"
    shutil.copy(path, backup)
    _rename(ws, sites.students["A"][5], "AfterBackup")
    ws.cycle()
    ws.cache.dispose()
    shutil.copy(backup, path)
    for suffix in ("-wal", "-shm"):
        (sites.tmp / f"ws.sqlite3{suffix}").unlink(missing_ok=True)
    restored = sites.station("ws2", login, cache_path=path)
    _rename(restored, sites.students["A"][6], "OnTheRestoredCopy")
    report = restored.cycle()
    assert isinstance(report, SyncReport) and report.rotated_device
    assert restored.sync.device_id != ws.sync.device_id
    flags = [i for i in restored.local.open_issues() if i["kind"] == "flag"]
    assert flags and "restored from a backup" in flags[0]["reason"]
    assert _server_user(sites, sites.students["A"][6])["name_first"] == "OnTheRestoredCopy"
    assert _names(restored)[sites.students["A"][5]] == "AfterBackup"  # pulled back


def test_a_client_behind_the_server_pushes_a_thousand_pending_changes_once_and_pulls_nothing(
    sites: Sites,
) -> None:
    ws = sites.station(
        "ws",
        sites.server.staff("ws", Role.FACILITY_ADMIN, "A"),
        config=SyncConfig(batch_size=200, pull_chunk=200, page_size=200),
    )
    ws.cycle()
    uow = sites.superuser()
    with uow.engine.begin() as conn:  # the server moved on to a schema this client does not know
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    students = sites.students["A"]
    with ws.uow() as u:  # a thousand edits made offline, each its own outbox entry
        for i in range(1000):
            user = u.session.get(User, students[i % len(students)])
            assert user is not None
            user.name_first = f"Old{i:04d}"
            u.flush()
        u.commit()
    assert _outbox(ws) == 1000
    _set_server_surname(sites, students[0], "ChangedOnServer")  # not pulled while behind
    report = ws.cycle()
    assert isinstance(report, SyncReport) and report.push_only and report.issues == 0
    assert _outbox(ws) == 0
    expected = {
        s: f"Old{i:04d}" for i, s in enumerate(students) for i in range(i, 1000, len(students))
    }
    assert {s: _server_user(sites, s)["name_first"] for s in students} == expected
    with uow.engine.connect() as conn:
        audited = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE device_id = :d AND action = 'update'"),
            {"d": ws.sync.device_id},
        ).scalar_one()
    uow.engine.dispose()
    assert audited == len(students) * (1000 // 200)  # once per row and batch, never twice
    with ws.cache.connect() as conn:
        surname = conn.execute(select(User.name_last).where(User.id == students[0])).scalar()
    assert surname != "ChangedOnServer"


def test_a_student_transferred_away_while_edited_offline_is_a_visible_rejection(
    sites: Sites,
) -> None:
    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"))
    ws.cycle()
    student = sites.students["A"][8]
    _rename(ws, student, "EditedOffline")
    uow = sites.superuser()
    with uow.engine.begin() as conn:  # meanwhile the student moves to facility B
        conn.execute(
            update(User)
            .where(User.id == student)
            .values(facility_id=sites.server.facility["B"], row_version=User.row_version + 1)
        )
    uow.engine.dispose()
    ws.cycle()
    (issue,) = ws.local.open_issues()
    assert issue["kind"] == "rejection" and "no longer yours to change" in issue["reason"]
    assert "EditedOffline" in issue["mine"]
    assert student not in _names(ws)  # it left this slice
    assert _server_user(sites, student)["name_first"] != "EditedOffline"
    assert _outbox(ws) == 0 and ws.sync.digests_match()


def test_a_clock_a_day_off_is_reported_and_changes_nothing(sites: Sites) -> None:
    from datetime import UTC, datetime, timedelta

    from app.sync.status import read_status

    login = sites.server.staff("ws", Role.FACILITY_ADMIN, "A")
    # This PC's clock is a day ahead.
    ws = sites.station("ws", login, now=lambda: datetime.now(UTC) + timedelta(days=1))
    report = ws.cycle()
    assert isinstance(report, SyncReport)
    assert -86_400 - 600 < report.clock_skew_seconds < -86_400 + 600
    status = read_status(ws.local)
    assert "clock is" in status.describe() and "min off" in status.describe()
    _rename(ws, sites.students["A"][9], "SkewedClock")
    ws.cycle()
    assert _server_user(sites, sites.students["A"][9])["name_first"] == "SkewedClock"
    assert ws.sync.digests_match()


def test_pulls_keep_their_order_across_transaction_ids_of_more_digits(sites: Sites) -> None:
    """A regression: xid8 sorted as text on the test server's PostgreSQL build (1016 < 987), so
    a cursor skipped changes. Transaction ids are kept as bigint."""
    import psycopg

    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"))
    ws.cycle()
    with psycopg.connect(sites.server.url.replace("+psycopg", ""), autocommit=True) as conn:
        current = int(conn.execute("SELECT pg_current_xact_id()::text").fetchone()[0])  # type: ignore[index]
        boundary = 10 ** len(str(current))
        students = sites.students["A"]
        conn.execute("UPDATE users SET phone = 'before' WHERE id = %s", (students[10],))
        while int(conn.execute("SELECT pg_current_xact_id()::text").fetchone()[0]) < boundary:  # type: ignore[index]
            pass  # each autocommit statement above takes a new transaction id
        conn.execute("UPDATE users SET phone = 'after' WHERE id = %s", (students[11],))
    ws.cycle()
    phones = {r.id: r.phone for r in ws.cache.connect().execute(select(User.id, User.phone))}
    assert phones[students[10]] == "before" and phones[students[11]] == "after"
    assert ws.sync.digests_match()


def test_a_cloned_cache_is_detected_and_both_copies_keep_their_edits(sites: Sites) -> None:
    login = sites.server.staff("ws", Role.FACILITY_ADMIN, "A")
    original = sites.station("orig", login)
    original.cycle()
    original.cache.dispose()
    clone_path = sites.tmp / "clone.sqlite3"
    shutil.copy(sites.tmp / "orig.sqlite3", clone_path)
    clone = sites.station("clone", login, cache_path=clone_path)
    assert clone.sync.device_id == original.sync.device_id  # a copied file: same identity
    a, b, c = sites.students["A"][:3]
    _rename(original, a, "FromOriginal")
    _rename(original, b, "AlsoOriginal")
    original.cycle()
    _rename(clone, c, "FromClone")
    report = clone.cycle()
    assert isinstance(report, SyncReport) and report.rotated_device
    assert clone.sync.device_id != original.sync.device_id
    assert any(i["kind"] == "flag" for i in clone.local.open_issues())
    assert _server_user(sites, c)["name_first"] == "FromClone"
    assert _server_user(sites, a)["name_first"] == "FromOriginal"
    original.cycle()
    clone.cycle()
    assert _names(original)[c] == "FromClone" and _names(clone)[a] == "FromOriginal"
    assert original.sync.digests_match() and clone.sync.digests_match()


def _set_server_surname(sites: Sites, user_id: uuid.UUID, last: str) -> None:
    uow = sites.superuser()
    with uow() as u:
        user = u.session.get(User, user_id)
        assert user is not None
        user.name_last = last
        u.commit()
    uow.engine.dispose()


def test_a_server_change_set_aside_for_a_pending_edit_arrives_when_the_edit_comes_to_nothing(
    sites: Sites,
) -> None:
    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"))
    ws.cycle()
    student = sites.students["A"][3]
    _set_server_surname(sites, student, "Corrected")
    push = ws.sync._push

    def push_then_edit(report: SyncReport) -> None:  # someone edits while the cycle pulls
        push(report)
        _rename(ws, student, "Typo")
        _rename(ws, student, "S3")  # ... and puts it back: nothing to merge on the server

    ws.sync._push = push_then_edit  # type: ignore[method-assign]
    first = ws.cycle()
    assert isinstance(first, SyncReport) and first.applied.skipped_pending >= 1
    with ws.cache.connect() as conn:
        assert conn.execute(select(User.name_last).where(User.id == student)).scalar() != (
            "Corrected"
        )  # set aside while the edit waits
    ws.sync._push = push  # type: ignore[method-assign]
    ws.cycle()
    assert _outbox(ws) == 0
    with ws.cache.connect() as conn:
        assert conn.execute(select(User.name_last).where(User.id == student)).scalar() == (
            "Corrected"
        )
    assert ws.sync.digests_match()


def test_an_offline_edit_equal_to_the_servers_value_leaves_both_sides_identical(
    sites: Sites,
) -> None:
    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"))
    ws.cycle()
    student = sites.students["A"][4]
    _set_server_surname(sites, student, "Same")
    with ws.uow() as u:  # the same correction made offline, before the pull brought it
        user = u.session.get(User, student)
        assert user is not None
        user.name_last = "Same"
        u.commit()
    before = int(_server_user(sites, student)["row_version"])
    report = ws.cycle()
    assert isinstance(report, SyncReport) and report.issues == 0
    assert int(_server_user(sites, student)["row_version"]) == before  # nothing to write
    assert _outbox(ws) == 0
    assert ws.sync.digests_match()
