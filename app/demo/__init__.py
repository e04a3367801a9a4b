"""Deterministic demo data: facilities, staff, students, programs, schedules and attendance history.

``generate(engine, DemoSize.small(), today=date(2026, 11, 22))`` fills an empty database (SQLite
cache or PostgreSQL) with a term of realistic data that started ``size.weeks`` weeks before
``today`` and runs ``size.weeks_ahead`` weeks after it. The same seed, size and ``today`` give the
same rows, ids included: every random choice and every random id comes from one
``random.Random(seed)``; rows with a natural key use the uuid5 ids of ``app.domain.ids``.

Rows go in through SQLAlchemy Core ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) in chunks,
in one transaction, bypassing the unit of work: no audit-log rows are written, ``created_by`` and
``updated_by`` are ``demo``. Attendance is generated only on real occurrences of each series
(expanded by ``app.domain.recurrence`` in the facility's timezone, overrides applied), only for
occurrences that ended before "now" (noon UTC on ``today``) and only for students enrolled at the
time, keyed by the occurrence's original local date."""

from app.demo.generator import generate
from app.demo.sizes import DEMO_ACTOR, DemoSize, DemoSummary

__all__ = ["DEMO_ACTOR", "DemoSize", "DemoSummary", "generate"]
