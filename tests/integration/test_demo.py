"""The demo generator: deterministic, identical on both engines, and true to the schedule."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from app.db.engine import make_local_engine
from app.db.models import (
    AttendanceRecord,
    Base,
    Enrollment,
    Facility,
    HoursLog,
    OccurrenceOverrideRow,
    SessionSeries,
    User,
)
from app.demo import DemoSize, DemoSummary, generate
from app.domain.enums import AttendanceStatus, EnrollmentStatus, Role
from app.domain.recurrence import Occurrence, OccurrenceOverride, SeriesSpec, compile_series
from app.repositories.people import search_key

TODAY = date(2026, 11, 22)
NOW = datetime.combine(TODAY, time(12, 0), tzinfo=UTC)
SIZE = DemoSize.small()
ROOT = Path(__file__).resolve().parents[2]


def _plain(value: Any) -> Any:
    """A value as text that is the same whichever engine it was read from."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return value


def content_digest(engine: Engine, summary: DemoSummary) -> dict[str, str]:
    """Per table the generator filled, a hash of every row (sorted), read through the models.

    Tables it does not fill (the audit log, change logs or outboxes that triggers may feed)
    are left out: they are not demo content.
    """
    digests = {}
    with engine.connect() as conn:
        for name in sorted(summary.counts):
            table = Base.metadata.tables[name]
            rows = sorted(
                repr(tuple(_plain(v) for v in row)) for row in conn.execute(select(table))
            )
            digests[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def _generate(engine: Engine) -> DemoSummary:
    return generate(engine, SIZE, today=TODAY)


def test_same_seed_gives_the_same_database(sqlite_engine: Engine, tmp_path: Path) -> None:
    other = make_local_engine(tmp_path / "other.sqlite3")
    try:
        first = _generate(sqlite_engine)
        second = _generate(other)
        assert first.counts == second.counts
        assert content_digest(sqlite_engine, first) == content_digest(other, second)
    finally:
        other.dispose()


def test_same_seed_gives_the_same_database_in_another_process(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    """Nothing depends on the per-process hash seed of strings (set iteration order)."""
    target = tmp_path / "child.sqlite3"
    script = (
        "from datetime import date\n"
        "from app.db.engine import make_local_engine\n"
        "from app.demo import DemoSize, generate\n"
        f"engine = make_local_engine({str(target)!r})\n"
        f"generate(engine, DemoSize.small(), today=date.fromisoformat({TODAY.isoformat()!r}))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=ROOT)
    child = make_local_engine(target)
    try:
        summary = _generate(sqlite_engine)
        assert content_digest(child, summary) == content_digest(sqlite_engine, summary)
    finally:
        child.dispose()


def test_another_seed_gives_other_data(sqlite_engine: Engine, tmp_path: Path) -> None:
    other = make_local_engine(tmp_path / "other.sqlite3")
    try:
        summary = _generate(sqlite_engine)
        generate(other, SIZE, today=TODAY, seed=7)
        ours, theirs = content_digest(sqlite_engine, summary), content_digest(other, summary)
        assert ours["users"] != theirs["users"]
    finally:
        other.dispose()


@pytest.mark.postgres
def test_postgres_gets_exactly_what_sqlite_gets(pg_engine: Engine, sqlite_engine: Engine) -> None:
    """COPY on PostgreSQL and executemany on SQLite store the same rows, ids included."""
    summary = _generate(pg_engine)
    assert summary.counts == _generate(sqlite_engine).counts
    assert content_digest(pg_engine, summary) == content_digest(sqlite_engine, summary)


def test_a_filled_database_is_refused(sqlite_engine: Engine) -> None:
    _generate(sqlite_engine)
    with pytest.raises(ValueError, match="empty database"):
        _generate(sqlite_engine)


def test_sizes_validate_and_can_be_overridden() -> None:
    assert DemoSize.bench().students == 100_000
    assert DemoSize.bench().classes_per_facility == 300
    assert replace(DemoSize.workstation(), students=500).students == 500
    assert DemoSize(classes_per_facility=11).instructors == 3
    with pytest.raises(ValueError):
        DemoSize(facilities=0)
    with pytest.raises(ValueError):
        DemoSize(facilities=3, students=2)


def _occurrences(engine: Engine) -> dict[uuid.UUID, dict[date, Occurrence]]:
    """Every occurrence of every series by original date, overrides applied."""
    with engine.connect() as conn:
        tz = {fid: name for fid, name in conn.execute(select(Facility.id, Facility.timezone))}
        overrides: dict[uuid.UUID, list[OccurrenceOverride]] = defaultdict(list)
        for ov in conn.execute(select(OccurrenceOverrideRow)):
            assert ov.reason, "every override says why"
            overrides[ov.event_id].append(
                OccurrenceOverride(
                    original_date=ov.original_date,
                    cancelled=ov.is_cancelled,
                    new_start_local=ov.new_start_local,
                    substitute_instructor_id=ov.substitute_instructor_id,
                    room_id=ov.room_id,
                    reason=ov.reason,
                )
            )
        result = {}
        for s in conn.execute(select(SessionSeries)):
            exdates = tuple(date.fromisoformat(d) for d in (s.exdates or "").split(",") if d)
            compiled = compile_series(
                SeriesSpec(
                    dtstart_local=s.dtstart_local,
                    duration_minutes=s.duration_minutes,
                    rrule=s.recurrence_rule,
                    timezone=tz[s.facility_id],
                    exdates=exdates,
                    until_local=s.until_local,
                    series_id=s.id,
                )
            )
            last = s.until_local or s.dtstart_local.date()
            occs = compiled.expand(s.dtstart_local.date(), last, overrides[s.id])
            result[s.id] = {o.original_date: o for o in occs}
    return result


def test_demo_content_is_complete_and_consistent(engine: Engine) -> None:
    summary = _generate(engine)
    with engine.connect() as conn:
        # Counts are what the summary says.
        for name, count in summary.counts.items():
            table = Base.metadata.tables[name]
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == count
        assert summary.rows == sum(summary.counts.values()) > 0

        facilities = conn.execute(select(Facility.id, Facility.timezone)).all()
        assert len(facilities) == SIZE.facilities
        assert len({tz for _, tz in facilities}) == len(facilities)
        tz_of = {fid: tz for fid, tz in facilities}
        assert "Africa/Douala" in tz_of.values()

        users = conn.execute(select(User)).all()
        students = [u for u in users if u.role is Role.STUDENT]
        assert len(students) == SIZE.students
        numbers = [u.student_number for u in students]
        assert all(re.fullmatch(r"STU-\d{4}-\d{4}", n or "") for n in numbers)
        assert len(set(numbers)) == len(numbers)
        assert {u.role for u in users} == set(Role)
        staff_names = [u.username for u in users if u.role is not Role.STUDENT]
        assert all(re.fullmatch(r"[a-z][a-z0-9_]{0,62}", n or "") for n in staff_names)
        for u in users:
            assert u.search_name == f"{search_key(u.name_last)} {search_key(u.name_first)}"
            assert u.search_first == search_key(u.name_first)
            assert u.created_by == "demo" and u.row_version == 1

        enrollments = conn.execute(select(Enrollment)).all()
        assert {e.enrollment_status for e in enrollments} == set(EnrollmentStatus)
        enrolled = Counter(
            e.class_id for e in enrollments if e.enrollment_status is EnrollmentStatus.ENROLLED
        )
        assert SIZE.big_class in enrolled.values(), "a full 40-student class for the sheet"
        by_key = {(e.class_id, e.user_id): e for e in enrollments}

        overrides = conn.execute(select(OccurrenceOverrideRow)).all()
        assert any(o.is_cancelled for o in overrides)
        assert any(o.new_start_local for o in overrides)
        assert any(o.substitute_instructor_id for o in overrides)
        assert any(o.room_id for o in overrides)

        verified = {h.verified for h in conn.execute(select(HoursLog))}
        assert verified == {True, False}

        series = conn.execute(
            select(SessionSeries.id, SessionSeries.class_id, SessionSeries.facility_id)
        ).all()
        class_of = {sid: class_id for sid, class_id, _ in series}
        facility_of = {sid: facility_id for sid, _, facility_id in series}
        marks = conn.execute(select(AttendanceRecord)).all()

    assert {m.attendance_status for m in marks} == set(AttendanceStatus)
    occurrences = _occurrences(engine)
    for m in marks:
        occ = occurrences[m.event_id].get(m.date)
        assert occ is not None, f"{m.date} is not an occurrence of series {m.event_id}"
        assert not occ.cancelled and occ.end_utc <= NOW
        assert m.facility_id == facility_of[m.event_id]
        enr = by_key[(class_of[m.event_id], m.user_id)]
        assert enr.enrollment_status not in (
            EnrollmentStatus.WAITLISTED,
            EnrollmentStatus.CANCELLED,
        )
        assert enr.enrolled_at is not None and enr.enrolled_at <= occ.start_utc
        assert enr.enrollment_ended_at is None or enr.enrollment_ended_at >= occ.end_utc
        if m.attendance_status is AttendanceStatus.PARTIAL:
            assert m.minutes is not None and 0 < m.minutes < occ.duration_minutes
        if m.attendance_status is AttendanceStatus.ABSENT_EXCUSED:
            assert m.absence_reason
