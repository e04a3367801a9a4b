"""``generate``: build the demo world in memory and write it in one transaction."""

from __future__ import annotations

import time as _time
from datetime import date

from sqlalchemy import Engine, func, select, text

from app.db import migrate
from app.db.models import AttendanceRecord, Facility
from app.demo.attendance import _Builder
from app.demo.sink import _DEFER_INDEXES_FROM, _ORDER, _bypass_sync_log, _Sink
from app.demo.sizes import DemoSize, DemoSummary, Progress


def generate(
    engine: Engine,
    size: DemoSize,
    *,
    seed: int = 20261122,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill the empty database behind ``engine`` with demo data; upgrades it to head first.

    ``today`` (default: the local date) anchors the term; "now" is noon UTC on that day.
    ``progress(stage, done, total)`` is called from this thread as work advances; ``stage`` is
    ``"preparing"`` (rows built in memory), a table name, ``"attendance series"`` or
    ``"indexes"``. All rows go in one transaction, so an error leaves the database as it was.
    Large tables are loaded with their secondary indexes dropped and rebuilt at the end (on
    PostgreSQL only when the caller owns them); PostgreSQL is ANALYZEd afterwards.

    Raises ``ValueError`` if the database already holds facilities.
    """
    started = _time.perf_counter()
    migrate.upgrade(engine)
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Facility)).scalar_one():
            raise ValueError("the database already holds data; demo data needs an empty database")
    builder = _Builder(size, seed, today or date.today())
    steps = (
        builder.build_catalogue,
        builder.build_staff,
        builder.build_students,
        builder.build_classes,
        builder.finish_students,
        builder.build_records,
    )
    for done, step in enumerate(steps, start=1):
        step()
        if progress is not None:
            progress("preparing", done, len(steps))
    with engine.begin() as conn:
        _bypass_sync_log(conn)
        sink = _Sink(conn, progress)
        for model in _ORDER:
            rows = builder.tables.pop(model.__tablename__, [])
            if len(rows) >= _DEFER_INDEXES_FROM:
                sink.defer_indexes(model.__tablename__)
            sink.write(model.__tablename__, rows)
        sink.defer_indexes(AttendanceRecord.__tablename__)
        builder.write_attendance(sink)
        if progress is not None:
            progress("indexes", 0, 1)
        sink.restore_indexes()
        if conn.dialect.name != "postgresql":
            conn.execute(text("DELETE FROM sync_applying"))
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    return DemoSummary(counts=dict(sink.counts), seconds=_time.perf_counter() - started)
