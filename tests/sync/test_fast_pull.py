"""The fast initial pull: a copy page is written without its table's outbox triggers (made again
in the same transaction), and rows whose unique values clash are settled as before."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event, text

from app.domain.enums import Role
from app.sync.engine import READ_AHEAD, SyncConfig
from app.sync.local import (
    LOAD_CACHE_KIB,
    LOAD_CHECKPOINT_PAGES,
    SYNC_NORMAL,
    Applied,
    LocalStore,
)
from app.sync.server import ServerStore
from app.sync.wire import StoredRow, shape_of
from tests.integration.factories import add_person
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres

Upsert = Any  # LocalStore.upsert, unbound


def _triggers(conn: Connection, table: str | None = None) -> set[str]:
    query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_outbox_%'"
    if table is None:
        return {str(n) for (n,) in conn.exec_driver_sql(query)}
    return {str(n) for (n,) in conn.exec_driver_sql(query + " AND tbl_name = ?", (table,))}


def _all_triggers(cache: Engine) -> set[str]:
    with cache.connect() as conn:
        return _triggers(conn)


def _station(sites: Sites, commit_rows: int = SyncConfig().copy_commit_rows) -> Station:
    login = sites.server.staff("fa", Role.FACILITY_ADMIN, "A")
    config = SyncConfig(page_size=5, pull_chunk=50, copy_commit_rows=commit_rows)
    return sites.station("ws", login, config=config)


def _an_edit_is_queued(cache: Engine) -> bool:
    """A desk edit of a pulled row lands in the outbox (undone afterwards)."""
    with cache.connect() as conn, conn.begin() as tx:
        before = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()
        conn.execute(
            text("UPDATE users SET name_first = 'Edited' WHERE id = (SELECT min(id) FROM users)")
        )
        after = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()
        tx.rollback()
    return bool(after == before + 1)


def _before_each_upsert(
    monkeypatch: pytest.MonkeyPatch, see: Callable[[Connection, str], None]
) -> None:
    """``see(conn, table)`` before each page the pull writes, on the connection writing it."""
    upsert: Upsert = LocalStore.upsert

    def watching(
        self: LocalStore,
        conn: Connection,
        name: str,
        rows: Sequence[StoredRow],
        applied: Applied,
        **how: bool,
    ) -> None:
        see(conn, name)
        upsert(self, conn, name, rows, applied, **how)

    monkeypatch.setattr(LocalStore, "upsert", watching)


def test_a_copy_page_is_written_without_its_outbox_triggers_and_they_are_back_after(
    sites: Sites, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _station(sites)
    everything = _all_triggers(ws.cache)
    seen: list[tuple[str, set[str]]] = []
    _before_each_upsert(monkeypatch, lambda conn, name: seen.append((name, _triggers(conn, name))))
    ws.sync.initial_pull()

    assert [name for name, _ in seen].count("users") > 2  # several pages of users
    assert all(found == set() for _, found in seen), seen
    assert _all_triggers(ws.cache) == everything
    assert _an_edit_is_queued(ws.cache)


def test_a_failed_copy_page_leaves_the_outbox_triggers_in_place(
    sites: Sites, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _station(sites, commit_rows=5)  # a transaction a page: the first page of users stays
    everything = _all_triggers(ws.cache)
    upsert: Upsert = LocalStore.upsert
    pages: list[str] = []

    def failing(
        self: LocalStore,
        conn: Connection,
        name: str,
        rows: Sequence[StoredRow],
        applied: Applied,
        **how: bool,
    ) -> None:
        upsert(self, conn, name, rows, applied, **how)
        pages.append(name)
        if pages.count("users") == 2:
            raise OSError("disk full")

    monkeypatch.setattr(LocalStore, "upsert", failing)
    with pytest.raises(OSError, match="disk full"):
        ws.sync.initial_pull()
    assert "sync-read" not in {t.name for t in threading.enumerate()}  # the reader stopped
    assert _all_triggers(ws.cache) == everything
    assert _an_edit_is_queued(ws.cache)

    monkeypatch.setattr(LocalStore, "upsert", upsert)
    ws.cycle()  # the copy resumes after the last page committed
    assert _all_triggers(ws.cache) == everything
    assert ws.sync.digests_match()


def test_a_local_row_holding_a_pulled_rows_unique_value_gives_way_mid_batch(
    sites: Sites, caplog: pytest.LogCaptureFixture
) -> None:
    ws = _station(sites)
    ws.cycle()
    uow = sites.superuser()
    with uow() as u:
        made = [
            add_person(u, sites.server.facility["A"], f"New{i}", "Late", number=f"NEW-{i}")
            for i in range(5)
        ]
        u.commit()
    uow.engine.dispose()
    clash = made[2]
    stranger = uuid.uuid4().hex
    with ws.cache.begin() as conn:  # a rejected local creation, acknowledged: nothing pending
        conn.execute(text("INSERT INTO sync_applying (flag) VALUES (1)"))
        conn.execute(
            text(
                "CREATE TEMP TABLE mine AS SELECT * FROM users"
                " WHERE id = (SELECT min(id) FROM users)"
            )
        )
        conn.execute(
            text(
                "UPDATE mine SET id = :id, student_number = 'NEW-2', username = NULL,"
                " email = NULL, name_first = 'Mine'"
            ),
            {"id": stranger},
        )
        conn.execute(text("INSERT INTO users SELECT * FROM mine"))
        conn.execute(text("DROP TABLE mine"))
        conn.execute(text("DELETE FROM sync_applying"))

    with caplog.at_level(logging.WARNING, logger="app.sync.rows"):
        ws.cycle()

    assert any("give way" in r.getMessage() and stranger in r.getMessage() for r in caplog.records)
    with ws.cache.connect() as conn:
        held = {
            str(i)
            for (i,) in conn.execute(text("SELECT id FROM users WHERE student_number LIKE 'NEW-%'"))
        }
    assert held == {m.hex for m in made}
    assert clash.hex in held and stranger not in held
    assert ws.sync.digests_match()


def test_a_pulled_change_rewrites_indexed_columns_only_when_they_change(sites: Sites) -> None:
    ws = _station(sites)
    ws.cycle()
    kept, moved = sites.students["A"][0], sites.students["A"][1]
    uow = sites.superuser()
    with uow.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE users SET name_first = 'Kept', row_version = row_version + 1 WHERE id = :i"
            ),
            {"i": kept},
        )
        conn.execute(
            text(
                "UPDATE users SET search_name = 'moved person', row_version = row_version + 1"
                " WHERE id = :i"
            ),
            {"i": moved},
        )
    uow.engine.dispose()
    statements: list[str] = []

    @event.listens_for(ws.cache.pool, "checkout")
    def trace(dbapi_connection: Any, _record: object, _proxy: object) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    ws.cycle()
    event.remove(ws.cache.pool, "checkout", trace)

    with ws.cache.connect() as conn:
        assert (
            conn.execute(
                text("SELECT name_first FROM users WHERE id = :i"), {"i": kept.hex}
            ).scalar_one()
            == "Kept"
        )
        found = conn.execute(
            text("SELECT id FROM users INDEXED BY ix_users_search_name WHERE search_name = :s"),
            {"s": "moved person"},
        ).all()
    assert [str(i) for (i,) in found] == [moved.hex]
    writes = [s for s in statements if s.startswith('INSERT INTO "users"')]
    narrow = [s for s in writes if '"search_name" = excluded' not in s]
    full = [s for s in writes if '"search_name" = excluded' in s]
    assert any(kept.hex in s for s in narrow), writes
    assert any(moved.hex in s for s in full), writes
    assert ws.sync.digests_match()


def test_every_page_is_read_ahead_of_the_writes_across_tables(
    sites: Sites, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _station(sites)
    readers: list[tuple[str, str]] = []
    page: Any = ServerStore.page

    def reading(self: ServerStore, name: str, *args: Any) -> list[StoredRow]:
        readers.append((name, threading.current_thread().name))
        rows: list[StoredRow] = page(self, name, *args)
        return rows

    monkeypatch.setattr(ServerStore, "page", reading)
    ws.sync.initial_pull()

    tables = list(dict.fromkeys(name for name, _ in readers))
    assert len(tables) == len(ws.sync.tables)
    main = threading.main_thread().name
    assert [r for r in readers if r[1] == main] == []  # each table's first page too
    assert ws.sync.digests_match()


def _secondary_indexes(conn: Connection, table: str) -> set[str]:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
        " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
    )
    return {str(n) for (n,) in conn.exec_driver_sql(query, (table,))}


def test_a_copied_tables_indexes_are_built_before_the_next_tables_are_copied(
    sites: Sites, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finished table's indexes are built again at once (while the reader reads on), not all
    at the end; and the reader never runs more than ``READ_AHEAD`` pages ahead."""
    ws = _station(sites)
    with ws.cache.connect() as conn:
        users_indexes = _secondary_indexes(conn, "users")
    assert users_indexes
    page: Any = ServerStore.page
    seen: list[tuple[str, set[str]]] = []
    ahead: list[int] = []
    reads = [0]

    def reading(self: ServerStore, name: str, *args: Any) -> list[StoredRow]:
        reads[0] += 1
        rows: list[StoredRow] = page(self, name, *args)
        return rows

    def watching(conn: Connection, name: str) -> None:
        seen.append((name, _secondary_indexes(conn, "users")))
        ahead.append(reads[0] - len(seen))

    monkeypatch.setattr(ServerStore, "page", reading)
    _before_each_upsert(monkeypatch, watching)
    ws.sync.initial_pull()

    order = list(dict.fromkeys(name for name, _ in seen))
    later = order[order.index("users") + 1 :]
    assert later and [name for name, _ in seen].count("users") > 1
    assert all(found == set() for name, found in seen if name == "users")
    assert all(found == users_indexes for name, found in seen if name in later)
    assert max(ahead) <= READ_AHEAD + 1  # the queue's pages and the one being read
    assert "sync-read" not in {t.name for t in threading.enumerate()}
    assert ws.sync.digests_match()


def test_a_page_travels_in_natural_key_order_and_the_next_starts_after_its_greatest_id(
    sites: Sites,
) -> None:
    uow = sites.superuser()
    with uow.engine.begin() as conn:
        for k in range(1, 8):  # ids ascending, names descending
            conn.execute(
                text("INSERT INTO programs (id, name, is_active) VALUES (:i, :n, true)"),
                {"i": uuid.UUID(int=k), "n": f"Program {'zyxwvut'[k - 1]}"},
            )
    uow.engine.dispose()
    login = sites.server.staff("fa", Role.FACILITY_ADMIN, "A")
    ws = sites.station("ws", login, config=SyncConfig(page_size=3))

    first = ws.sync.server.page("programs", None, ws.facilities, 3)
    names = shape_of("programs").names
    assert [r[names.index("name")] for r in first] == ["Program x", "Program y", "Program z"]
    assert [r[0] for r in first] == [uuid.UUID(int=k).hex for k in (3, 2, 1)]

    ws.cycle()
    with ws.cache.connect() as conn:
        held = conn.execute(text("SELECT count(*) FROM programs WHERE name LIKE 'Program _'"))
        assert held.scalar_one() == 7
    assert ws.sync.digests_match()


def test_a_copy_page_commits_lazily_and_the_cache_settings_come_back_after(
    sites: Sites, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _station(sites)
    upsert: Upsert = LocalStore.upsert
    during: set[tuple[int, int, int]] = set()

    def pragmas(conn: Connection) -> tuple[int, int, int]:
        return tuple(  # type: ignore[return-value]
            int(conn.exec_driver_sql(f"PRAGMA {p}").scalar_one())
            for p in ("synchronous", "wal_autocheckpoint", "cache_size")
        )

    def watching(
        self: LocalStore,
        conn: Connection,
        name: str,
        rows: Sequence[StoredRow],
        applied: Applied,
        **how: bool,
    ) -> None:
        during.add(pragmas(conn))
        upsert(self, conn, name, rows, applied, **how)

    monkeypatch.setattr(LocalStore, "upsert", watching)
    with ws.cache.connect() as conn:
        before = pragmas(conn)
    ws.sync.initial_pull()

    assert during == {(SYNC_NORMAL, LOAD_CHECKPOINT_PAGES, -LOAD_CACHE_KIB)}
    with ws.cache.connect() as conn:
        assert pragmas(conn) == before == (2, 0, before[2])  # the desk checkpoints on a thread
