"""Rows named by their natural key converge: offline enrolments and marks of the same thing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from app.db.models import AttendanceRecord, Enrollment
from app.domain.enums import AttendanceStatus, Role
from app.infra.clock import FixedClock
from app.services.attendance import AttendanceService
from app.services.rosters import RosterService
from tests.integration.factories import add_class, add_program, add_series
from tests.sync.conftest import Sites, Station

pytestmark = pytest.mark.postgres

MONDAY = date(2026, 3, 16)
CLOCK = FixedClock(datetime(2026, 3, 16, 18, 0, tzinfo=UTC))


def _class_with_series(sites: Sites) -> tuple[uuid.UUID, uuid.UUID]:
    uow = sites.superuser()
    with uow() as u:
        program = add_program(u, "Welding")
        u.flush()
        class_id = add_class(u, sites.server.facility["A"], program, "Welding I")
        u.flush()
        series = add_series(u, sites.server.facility["A"], class_id, datetime(2026, 1, 5, 9, 0))
        u.commit()
    uow.engine.dispose()
    return class_id, series


def _count(sites: Sites, model: type, **where: object) -> int:
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        n = int(conn.execute(query).scalar_one())
    uow.engine.dispose()
    return n


def _pair(sites: Sites) -> tuple[Station, Station]:
    one = sites.station("one", sites.server.staff("one", Role.FACILITY_ADMIN, "A"))
    two = sites.station("two", sites.server.staff("two", Role.FACILITY_ADMIN, "A"))
    one.cycle()
    two.cycle()
    return one, two


def test_two_offline_enrolments_of_the_same_student_are_one_enrolment(sites: Sites) -> None:
    class_id, _series = _class_with_series(sites)
    one, two = _pair(sites)
    student = sites.students["A"][0]
    for station in (one, two):
        RosterService(station.uow, CLOCK).enrol(class_id, student)
    one.cycle()
    two.cycle()
    one.cycle()
    assert _count(sites, Enrollment, class_id=class_id, user_id=student) == 1
    assert one.local.open_issues() == [] and two.local.open_issues() == []
    assert one.sync.digests_match() and two.sync.digests_match()


def test_the_same_occurrence_marked_offline_twice(sites: Sites) -> None:
    class_id, series = _class_with_series(sites)
    roster = RosterService(sites.superuser(), FixedClock(datetime(2026, 3, 1, tzinfo=UTC)))
    agree, differ = sites.students["A"][1], sites.students["A"][2]
    for student in (agree, differ):
        roster.enrol(class_id, student)
    one, two = _pair(sites)
    for station, status in (
        (one, AttendanceStatus.PRESENT),
        (two, AttendanceStatus.ABSENT_UNEXCUSED),
    ):
        sheet = AttendanceService(station.uow, CLOCK)
        sheet.mark(series, MONDAY, agree, AttendanceStatus.PRESENT)
        sheet.mark(
            series,
            MONDAY,
            differ,
            status,
            absence_reason=None if status.value == "present" else "sick",
        )
    one.cycle()
    two.cycle()
    one.cycle()
    assert _count(sites, AttendanceRecord, user_id=agree) == 1
    assert _count(sites, AttendanceRecord, user_id=differ) == 1
    issues = two.local.open_issues()
    assert [i["kind"] for i in issues] == ["conflict"]  # only the disagreement, for review
    assert "status" in issues[0]["reason"] and "absent" in issues[0]["mine"]
    assert one.sync.digests_match() and two.sync.digests_match()
    assert _count(sites, AttendanceRecord, user_id=differ, needs_review=True) == 1
    assert _count(sites, AttendanceRecord, user_id=agree, needs_review=True) == 0


def test_an_offline_edit_beats_a_delete_made_elsewhere_and_is_flagged(sites: Sites) -> None:
    from sqlalchemy import update

    from app.domain.enums import EnrollmentStatus

    class_id, _series = _class_with_series(sites)
    one, _two = _pair(sites)
    student = sites.students["A"][3]
    entry = RosterService(one.uow, CLOCK).enrol(class_id, student)
    one.cycle()
    uow = sites.superuser()
    with uow.engine.begin() as conn:  # deleted elsewhere (a tombstone)
        conn.execute(
            update(Enrollment)
            .where(Enrollment.id == entry.enrollment_id)
            .values(deleted_at=CLOCK.now(), row_version=Enrollment.row_version + 1)
        )
    uow.engine.dispose()
    RosterService(one.uow, CLOCK).change_status_many(
        [entry.enrollment_id], EnrollmentStatus.COMPLETED, reason="finished the course"
    )
    one.cycle()
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        row = conn.execute(
            select(Enrollment.deleted_at, Enrollment.enrollment_status).where(
                Enrollment.id == entry.enrollment_id
            )
        ).one()
    uow.engine.dispose()
    assert row.deleted_at is None and row.enrollment_status == EnrollmentStatus.COMPLETED
    flags = [i for i in one.local.open_issues() if i["kind"] == "flag"]
    assert flags and "deleted elsewhere" in flags[0]["reason"]
    assert one.sync.digests_match()


def test_a_mark_cleared_then_made_again_offline_is_one_live_row(sites: Sites) -> None:
    class_id, series = _class_with_series(sites)
    RosterService(sites.superuser(), FixedClock(datetime(2026, 3, 1, tzinfo=UTC))).enrol(
        class_id, sites.students["A"][6]
    )
    one, two = _pair(sites)
    student = sites.students["A"][6]
    sheet = AttendanceService(one.uow, CLOCK)
    sheet.mark(series, MONDAY, student, AttendanceStatus.PRESENT)
    one.cycle()
    sheet.clear_mark(series, MONDAY, student)  # deleted (a tombstone) ...
    one.cycle()
    assert _count(sites, AttendanceRecord, user_id=student, deleted_at=None) == 0
    sheet.mark(series, MONDAY, student, AttendanceStatus.LATE)  # ... and recreated offline
    one.cycle()
    two.cycle()
    assert _count(sites, AttendanceRecord, user_id=student) == 1
    assert _count(sites, AttendanceRecord, user_id=student, deleted_at=None) == 1
    rows = AttendanceService(two.uow, CLOCK).sheet(series, MONDAY).rows
    assert [r.status for r in rows if r.student_id == student] == [AttendanceStatus.LATE]
    assert one.sync.digests_match() and two.sync.digests_match()
