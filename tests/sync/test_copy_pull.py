"""The pull writes into the cache exactly what SQLAlchemy would store for the server's rows.

Rows with awkward values (NULLs, tabs, newlines, backslashes, quotes, non-ASCII, ``\\N`` as text,
instants with microseconds, dates, naive times, booleans, enums, numerics, JSON) are made in every
synced table on a real PostgreSQL; a workstation pulls them; a reference cache gets the same
rows read through SQLAlchemy and inserted through SQLAlchemy Core (the values the cache stores
with the models' own types). Both caches must hold the same values, with the same SQLite types.
"""

from __future__ import annotations

import gc
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Enum,
    Integer,
    Numeric,
    String,
    Table,
    Uuid,
    delete,
    insert,
    select,
    text,
    update,
)

from app.db import migrate
from app.db.engine import make_local_engine, make_server_engine
from app.db.types import UTCDateTime
from app.domain.enums import Role
from app.sync.engine import Cancelled, SyncConfig, SyncEngine, SyncReport
from app.sync.local import LocalStore
from app.sync.server import ServerStore
from app.sync.tables import facility_column, synced_tables
from tests.sync.conftest import KNOWN, Sites

pytestmark = pytest.mark.postgres

TRICKY = [
    "tab\there",
    "line\nbreak\r\nend",
    "back\\slash \\N \\t",
    "\\N",
    'quote\'s "double" `',
    "naïve – 日本語 😀",
    "",
    "  spaced  ",
    "NULL",
    "[1, 2]",
]
ROWS_PER_TABLE = 4  # row 1 has every nullable column NULL; row 3 belongs to facility B
LONDON = ZoneInfo("Europe/London")
ATTENDANCE = "program_class_event_attendance"


def _later(column: Column[Any]) -> bool:
    name = column.name
    return any(p in name for p in ("end", "until", "valid_to", "out"))


def _value(table: Table, column: Column[Any], k: int, unique: set[str]) -> Any:
    kind = column.type
    shift = 1 if _later(column) else 0
    if isinstance(kind, UTCDateTime):
        micro = (0, 1, 999_999, 123_456)[k % 4]
        # a later instant two hours on: one hour on from a wall time in the spring-forward gap
        # can be the same instant, and a window must end after it starts
        local = datetime(2026, 3, 29, 0, 59, 59, micro, tzinfo=LONDON) + timedelta(
            hours=2 * shift + k
        )
        return local.astimezone(UTC) if k % 2 else local
    if isinstance(kind, Uuid):
        return uuid.uuid4()
    if isinstance(kind, DateTime):
        return datetime(2026, 10, 25, 1, 30, 0, 7 * k) + timedelta(hours=shift)
    if isinstance(kind, Date):
        return date(2024, 2, 28) + timedelta(days=k + 10 * shift)
    if isinstance(kind, Boolean):
        return k % 2 == 0
    if isinstance(kind, JSON):
        return ({"a": "é\t\\N", "n": [1, 2.5, None], "x": {"b": True}}, None, "\\N", [])[k % 4]
    if isinstance(kind, Numeric):
        return (Decimal("3.25"), None, Decimal("0.10"), Decimal("3.00"))[k % 4]
    if isinstance(kind, Integer):
        if column.name == "end_minute":
            return 600
        return k % 3 + 1
    if isinstance(kind, Enum):
        return kind.enums[k % len(kind.enums)]
    if isinstance(kind, String):
        base = TRICKY[(k + len(column.name)) % len(TRICKY)]
        if column.name in unique:
            base = f"{base}-{table.name[:6]}-{k}"
        length = kind.length or 200
        return base[: length - 12] if column.name in unique else base[:length]
    raise AssertionError(f"no test value for {table.name}.{column.name}: {kind!r}")


def _unique_columns(table: Table) -> set[str]:
    found = {c.name for c in table.c if c.unique}
    for constraint in table.constraints:
        found |= {c.name for c in getattr(constraint, "columns", ()) if constraint.name}
    for index in table.indexes:
        if index.unique:
            found |= {c.name for c in index.columns}
    return found


def _make_rows(url: str, facilities: dict[str, uuid.UUID]) -> dict[str, list[uuid.UUID]]:
    """Rows of every synced table, parents not checked (``session_replication_role``)."""
    engine = make_server_engine(url)
    made: dict[str, list[uuid.UUID]] = {}
    try:
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for table in synced_tables():
                unique = _unique_columns(table)
                fac = facility_column(table)
                rows = []
                for k in range(ROWS_PER_TABLE):
                    row = {c.name: _value(table, c, k, unique) for c in table.c}
                    if k == 1:
                        row.update({c.name: None for c in table.c if c.nullable})
                    if fac is not None and fac != "id":
                        row[fac] = facilities["B" if k == 3 else "A"]
                    rows.append(row)
                conn.execute(insert(table), rows)
                made[table.name] = [r["id"] for r in rows]
    finally:
        engine.dispose()
    return made


def _stored(engine: Engine, table: str) -> list[tuple[tuple[str, Any], ...]]:
    """Every row of ``table`` as SQLite holds it: each value with its Python (storage) type."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(f'SELECT * FROM "{table}" ORDER BY id')
        return [tuple((type(v).__name__, v) for v in row) for row in cur.fetchall()]
    finally:
        raw.close()


def _reference(tmp: Path, remote: Engine, facilities: frozenset[uuid.UUID]) -> Engine:
    """A cache holding the slice as read through ``remote`` and written by SQLAlchemy Core."""
    cache = make_local_engine(tmp / f"reference-{uuid.uuid4().hex[:6]}.sqlite3")
    migrate.upgrade(cache)
    local = LocalStore(cache)
    for table in synced_tables():
        query = select(table)
        fac = facility_column(table)
        if fac is not None:
            query = query.where(table.c[fac].in_(list(facilities)))
        with remote.connect() as conn:
            try:
                rows = [dict(r) for r in conn.execute(query).mappings()]
            except Exception:  # a table this role may not read: the pull skips it too
                continue
        with local.applying() as conn:
            conn.execute(delete(table))
            if rows:
                conn.execute(insert(table), rows)
    return cache


def _assert_same(cache: Engine, reference: Engine, tables: list[str]) -> None:
    assert tables
    for name in tables:
        assert _stored(cache, name) == _stored(reference, name), name


def _engine(
    sites: Sites, name: str, remote: Engine, config: SyncConfig | None = None, **kwargs: Any
) -> tuple[Engine, SyncEngine]:
    cache = make_local_engine(sites.tmp / f"{name}.sqlite3")
    migrate.upgrade(cache)
    sync = SyncEngine(
        LocalStore(cache),
        ServerStore(remote),
        device_id=f"{name}-{uuid.uuid4().hex[:6]}",
        facilities=frozenset({sites.server.facility["A"]}),
        client_revision=migrate.head_revision(),
        known_revisions=KNOWN,
        config=config or SyncConfig(batch_size=50, pull_chunk=7, page_size=3, apply_rows=2),
        **kwargs,
    )
    return cache, sync


def test_a_pull_stores_every_value_of_every_synced_table_as_sqlalchemy_would(
    sites: Sites,
) -> None:
    made = _make_rows(sites.server.url, sites.server.facility)
    remote = make_server_engine(sites.server.url)
    cache, sync = _engine(sites, "ws", remote)
    try:
        sync.cycle()
        names = [t.name for t in synced_tables()]
        with cache.connect() as conn:
            held = conn.execute(
                text("SELECT count(*) FROM program_class_event_attendance")
            ).scalar_one()
        assert held == ROWS_PER_TABLE - 1  # facility B's row stays on the server
        _assert_same(cache, _reference(sites.tmp, remote, sync.facilities), names)

        # Changes through the change log: new awkward values, a deleted row.
        admin = make_server_engine(sites.server.url)
        with admin.begin() as conn:
            for table in synced_tables():
                strings = [
                    c
                    for c in table.c
                    if isinstance(c.type, String)
                    and not isinstance(c.type, Enum)
                    and c.name not in _unique_columns(table)
                    and c.name not in ("created_by", "updated_by")
                ]
                values: dict[str, Any] = {c.name: "changed\t\\N\n«»" for c in strings}
                if "row_version" in table.c:
                    values["row_version"] = table.c.row_version + 1
                if values:
                    conn.execute(
                        update(table).where(table.c.id == made[table.name][0]).values(values)
                    )
            attendance = next(
                t for t in synced_tables() if t.name == "program_class_event_attendance"
            )
            conn.execute(delete(attendance).where(attendance.c.id == made[attendance.name][2]))
        admin.dispose()
        report = sync.cycle()
        assert report.applied.removed.get(attendance.name) == 1
        _assert_same(cache, _reference(sites.tmp, remote, sync.facilities), names)
        assert sync.digests_match()
    finally:
        cache.dispose()
        remote.dispose()


def test_an_initial_pull_cut_mid_table_resumes_from_its_last_commit_and_stores_the_same(
    sites: Sites,
) -> None:
    """A first copy commits whole pages in groups (``copy_commit_rows``), each with the mark of
    its last page: a cut inside a group undoes that group only, and the copy resumes after
    the mark."""
    _make_rows(sites.server.url, sites.server.facility)
    remote = make_server_engine(sites.server.url)
    pages: list[str] = []

    def progress(stage: str, _done: int, _total: int) -> None:
        pages.append(stage)

    def cancel() -> bool:  # the third page of users is written, in the second group
        return pages.count("copy users") == 3 and "resume" not in pages

    config = SyncConfig(batch_size=50, pull_chunk=7, page_size=1, copy_commit_rows=2)
    cache, sync = _engine(sites, "cut", remote, config=config, progress=progress, cancel=cancel)
    try:
        with pytest.raises(Cancelled):
            sync.cycle()
        with cache.connect() as conn:
            held = conn.execute(text("SELECT id FROM users ORDER BY id")).scalars().all()
        assert len(held) == 2  # the first group; the third page went with its group
        assert sync.local.get("snapshot:users") == str(uuid.UUID(hex=held[-1]))
        pages.append("resume")
        sync.cycle()
        assert sync.local.get("snapshot:users") == "done"
        assert pages.count("copy users") > 4  # there were more users after the cut
        names = [t.name for t in synced_tables()]
        _assert_same(cache, _reference(sites.tmp, remote, sync.facilities), names)
    finally:
        cache.dispose()
        remote.dispose()


def test_the_cyclic_collector_rests_while_a_copy_writes_and_is_back_after(
    sites: Sites,
) -> None:
    """A copy's pages hold no reference cycles: the collector only walked the process's
    objects, holding the interpreter lock both copy threads need. Paused while the copy
    writes, it is on again after, whether the copy finished or was cut."""
    _make_rows(sites.server.url, sites.server.facility)
    remote = make_server_engine(sites.server.url)
    during: set[bool] = set()
    cut = [True]

    def progress(stage: str, _done: int, _total: int) -> None:
        if stage.startswith("copy "):
            during.add(gc.isenabled())

    def cancel() -> bool:
        return cut[0] and len(during) > 0

    config = SyncConfig(batch_size=50, pull_chunk=7, page_size=1, copy_commit_rows=2)
    cache, sync = _engine(sites, "gc", remote, config=config, progress=progress, cancel=cancel)
    was = gc.isenabled()
    gc.enable()  # as in the sync worker's process (the tests' own collector keeps it off)
    try:
        with pytest.raises(Cancelled):
            sync.cycle()
        assert gc.isenabled()
        cut[0] = False
        sync.cycle()
        assert sync.local.get("snapshot:users") == "done"
        assert during == {False}
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
        cache.dispose()
        remote.dispose()


def test_a_row_with_a_pending_edit_is_set_aside_then_arrives(sites: Sites) -> None:
    made = _make_rows(sites.server.url, sites.server.facility)
    remote = make_server_engine(sites.server.url)
    cache, sync = _engine(sites, "pending", remote)
    table = next(t for t in synced_tables() if t.name == ATTENDANCE)
    row = made[table.name][0]
    try:
        sync.cycle()
        admin = make_server_engine(sites.server.url)
        with admin.begin() as conn:
            conn.execute(
                update(table)
                .where(table.c.id == row)
                .values(note="server\tnote \\N", row_version=table.c.row_version + 1)
            )
        admin.dispose()
        push = sync._push

        def push_then_edit(report: SyncReport) -> None:  # edited while the cycle pulls
            push(report)
            with cache.begin() as conn:
                conn.execute(update(table).where(table.c.id == row).values(note="mine"))

        sync._push = push_then_edit  # type: ignore[method-assign]
        first = sync.cycle()
        assert first.applied.skipped_pending == 1
        with cache.connect() as conn:
            assert conn.execute(select(table.c.note).where(table.c.id == row)).scalar() == "mine"
            deferred = conn.execute(text("SELECT table_name, row_id FROM sync_deferred")).all()
        assert [tuple(d) for d in deferred] == [(table.name, row.hex)]
        sync._push = push  # type: ignore[method-assign]
        sync.cycle()  # the edit is pushed (a conflict or a merge), then the row fetched again
        names = [t.name for t in synced_tables()]
        _assert_same(cache, _reference(sites.tmp, remote, sync.facilities), names)
    finally:
        cache.dispose()
        remote.dispose()


def test_a_staff_login_pulls_only_its_facility_as_it_may_read_it(sites: Sites) -> None:
    _make_rows(sites.server.url, sites.server.facility)
    login = sites.server.staff("fa", Role.FACILITY_ADMIN, "A")
    ws = sites.station("fa", login, config=SyncConfig(pull_chunk=7, page_size=3, apply_rows=2))
    ws.cycle()
    facility_b = sites.server.facility["B"]
    names = [t.name for t in ws.sync.tables]
    with ws.cache.connect() as conn:
        for table in synced_tables():
            fac = facility_column(table)
            if fac is not None and table.name in names:
                found = conn.execute(select(table.c.id).where(table.c[fac] == facility_b)).first()
                assert found is None, table.name
    _assert_same(ws.cache, _reference(sites.tmp, ws.remote, ws.facilities), names)
