"""A schedule changed while a workstation marked attendance offline: no mark lost, flagged."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select, update

from app.db.models import AttendanceRecord, OccurrenceOverrideRow, SessionSeries
from app.domain.enums import AttendanceStatus, Role
from app.infra.clock import FixedClock
from app.services.attendance import AttendanceService
from app.services.rosters import RosterService
from tests.sync.conftest import Sites
from tests.sync.test_natural_keys import _class_with_series

pytestmark = pytest.mark.postgres


def test_marks_on_dropped_or_cancelled_sessions_are_kept_and_flagged(sites: Sites) -> None:
    class_id, series = _class_with_series(sites)
    early = FixedClock(datetime(2026, 3, 1, tzinfo=UTC))
    student = sites.students["A"][4]
    RosterService(sites.superuser(), early).enrol(class_id, student)
    ws = sites.station("ws", sites.server.staff("ws", Role.FACILITY_ADMIN, "A"))
    ws.cycle()
    clock = FixedClock(datetime(2026, 3, 24, 12, 0, tzinfo=UTC))
    sheet = AttendanceService(ws.uow, clock)
    kept = sheet.mark(series, date(2026, 3, 9), student, AttendanceStatus.PRESENT)
    dropped = sheet.mark(series, date(2026, 3, 23), student, AttendanceStatus.PRESENT)
    cancelled = sheet.mark(series, date(2026, 3, 16), student, AttendanceStatus.LATE)

    uow = sites.superuser()  # meanwhile, on the server: the series ends early, one session off
    with uow.engine.begin() as conn:
        conn.execute(
            update(SessionSeries)
            .where(SessionSeries.id == series)
            .values(until_local=date(2026, 3, 20), row_version=SessionSeries.row_version + 1)
        )
        conn.execute(
            insert(OccurrenceOverrideRow).values(
                id=uuid.uuid4(),
                facility_id=sites.server.facility["A"],
                event_id=series,
                original_date=date(2026, 3, 16),
                is_cancelled=True,
                reason="snow day",
                row_version=1,
            )
        )
    ws.cycle()
    with uow.engine.connect() as conn:
        rows = {
            r.date: r.needs_review
            for r in conn.execute(
                select(AttendanceRecord.date, AttendanceRecord.needs_review).where(
                    AttendanceRecord.user_id == student
                )
            )
        }
    uow.engine.dispose()
    assert rows == {date(2026, 3, 9): False, date(2026, 3, 23): True, date(2026, 3, 16): True}
    flags = {i["reason"] for i in ws.local.open_issues() if i["kind"] == "flag"}
    assert any("2026-03-23" in f and "no longer has a session" in f for f in flags)
    assert any("2026-03-16" in f and "cancelled" in f for f in flags)
    assert len(flags) == 2
    assert kept.student_id == dropped.student_id == cancelled.student_id == student
    assert ws.sync.digests_match()


def test_marks_across_a_dst_change_converge_on_local_dates(sites: Sites) -> None:
    from app.db.models import Facility

    uow = sites.superuser()
    with uow.engine.begin() as conn:  # facility A keeps New York time (DST ends 1 Nov 2026)
        conn.execute(
            update(Facility)
            .where(Facility.id == sites.server.facility["A"])
            .values(timezone="America/New_York", row_version=Facility.row_version + 1)
        )
    uow.engine.dispose()
    class_id, series = _class_with_series(sites)
    student = sites.students["A"][5]
    RosterService(sites.superuser(), FixedClock(datetime(2026, 3, 1, tzinfo=UTC))).enrol(
        class_id, student
    )
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station("two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"))
    one.cycle()
    two.cycle()
    clock = FixedClock(datetime(2026, 11, 3, 12, 0, tzinfo=UTC))
    before, after = date(2026, 10, 26), date(2026, 11, 2)
    sheet = AttendanceService(one.uow, clock)
    sheet.mark(series, before, student, AttendanceStatus.PRESENT)
    sheet.mark(series, after, student, AttendanceStatus.LATE)
    one.cycle()
    two.cycle()
    theirs = AttendanceService(two.uow, clock)
    edt, est = theirs.sheet(series, before), theirs.sheet(series, after)
    assert edt.occurrence.start_local.hour == est.occurrence.start_local.hour == 9
    assert edt.occurrence.start_utc.hour == 13 and est.occurrence.start_utc.hour == 14
    assert [r.status for r in edt.rows if r.student_id == student] == [AttendanceStatus.PRESENT]
    assert [r.status for r in est.rows if r.student_id == student] == [AttendanceStatus.LATE]
    assert one.sync.digests_match() and two.sync.digests_match()
