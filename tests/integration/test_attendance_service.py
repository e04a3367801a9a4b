"""AttendanceService on SQLite and PostgreSQL: sheets as of a date, marking, rates, missing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, select, update

from app.db.models import AttendanceRecord
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, EnrollmentStatus
from app.domain.errors import NotAllowed, NotFound, ValidationError
from app.domain.ids import attendance_id, enrollment_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.rosters import RosterService
from app.services.schedule import ScheduleService
from app.services.schedule_dto import NewSeries
from tests.integration.factories import (
    NOW,
    World,
    add_class,
    add_hours,
    add_person,
    build_world,
    change_whole_series,
    count_statements,
    enrol_all,
    series_of,
)

A = AttendanceStatus
MON_2 = date(2026, 3, 2)
MON_9 = date(2026, 3, 9)
MON_16 = date(2026, 3, 16)  # today: the 09:00 session is over at NOW (13:00 EDT)
MON_23 = date(2026, 3, 23)  # next week: not started


class Setup:
    """A weekly Monday class, four students enrolled before the first session."""

    def __init__(self, uow: UnitOfWorkFactory, world: World, clock: FixedClock) -> None:
        self.uow = uow
        self.world = world
        self.clock = clock
        self.rosters = RosterService(uow, clock)
        self.schedule = ScheduleService(uow, clock)
        self.attendance = AttendanceService(uow, clock)
        self.class_id = world.classes[0]
        clock.set(datetime(2026, 2, 20, 12, 0, tzinfo=UTC))
        enrol_all(self.rosters, self.class_id, world.students[:4])
        clock.set(NOW)
        self.series_id = self.schedule.create_series(
            NewSeries(
                class_id=self.class_id,
                dtstart_local=datetime(2026, 3, 2, 9, 0),
                duration_minutes=60,
                rrule="FREQ=WEEKLY;BYDAY=MO",
            )
        ).id


@pytest.fixture
def setup(uow: UnitOfWorkFactory) -> Setup:
    world = build_world(
        uow, students=6, required_hours=Decimal("20"), minimum_rate_pct=Decimal("75")
    )
    with uow() as u:
        world.classes = [
            add_class(
                u,
                world.facility_id,
                world.program_id,
                "Welding I",
                capacity=5,
                instructor_id=world.instructor_id,
                room_id=world.room_id,
            )
        ]
        u.commit()
    return Setup(uow, world, FixedClock(NOW))


def _marks(uow: UnitOfWorkFactory) -> list[AttendanceRecord]:
    with uow() as u:
        return list(u.session.scalars(select(AttendanceRecord).order_by(AttendanceRecord.id)))


def test_sheet_lists_enrolled_students_by_name(setup: Setup) -> None:
    s = setup
    s.rosters.enrol(s.class_id, s.world.students[4])  # enrolled now: not on past sheets
    sheet = s.attendance.sheet(s.series_id, MON_9)
    assert [r.display_name for r in sheet.rows] == [
        "adams, Ben",
        "Brooks, Dan",
        "Moreno, Cara",
        "Young, Ann",
    ]
    assert (sheet.class_name, sheet.facility_timezone) == ("Welding I", "America/New_York")
    assert (sheet.editable, sheet.refusal, sheet.marked_count) == (True, None, 0)
    assert sheet.occurrence.start_local.hour == 9
    assert sheet.rows[0].student_number == "STU-2026-0002"

    future = s.attendance.sheet(s.series_id, MON_23)
    assert (future.editable, future.refusal) == (False, "This session has not started yet.")
    assert len(future.rows) == 5  # the newcomer is on sheets from her enrolment on
    with pytest.raises(NotFound, match="no session on Tue 10 Mar 2026"):
        s.attendance.sheet(s.series_id, date(2026, 3, 10))


def test_waitlisted_students_are_not_on_the_sheet(uow: UnitOfWorkFactory, setup: Setup) -> None:
    s = setup
    s.clock.set(datetime(2026, 2, 20, 12, 0, tzinfo=UTC))
    s.rosters.enrol(s.class_id, s.world.students[4])
    waiting = s.rosters.enrol(s.class_id, s.world.students[5], allow_waitlist=True)
    s.clock.set(NOW)
    assert waiting.status is EnrollmentStatus.WAITLISTED
    ids = {r.student_id for r in s.attendance.sheet(s.series_id, MON_9).rows}
    assert ids == set(s.world.students[:5])
    with pytest.raises(ValidationError, match="not on the roster of this session"):
        s.attendance.mark(s.series_id, MON_9, s.world.students[5], A.PRESENT)
    assert _marks(uow) == []


def test_mark_records_who_when_and_minutes_and_replaces_an_earlier_mark(
    uow: UnitOfWorkFactory, setup: Setup
) -> None:
    s = setup
    sid = s.world.students[0]
    check_in = datetime(2026, 3, 9, 13, 5, tzinfo=UTC)
    row = s.attendance.mark(
        s.series_id,
        MON_9,
        sid,
        A.LATE,
        note=" Bus late ",
        check_in_at=check_in,
        check_out_at=check_in + timedelta(minutes=50),
    )
    assert (row.status, row.minutes, row.note) == (A.LATE, 50, "Bus late")
    assert (row.marked_by, row.marked_at) == ("test_admin", NOW)

    s.clock.set(NOW + timedelta(minutes=5))
    again = s.attendance.mark(
        s.series_id, MON_9, sid, A.ABSENT_EXCUSED, absence_reason="Court date"
    )
    assert (again.status, again.absence_reason, again.minutes, again.check_in_at) == (
        A.ABSENT_EXCUSED,
        "Court date",
        None,
        None,
    )
    [stored] = _marks(uow)
    assert stored.id == attendance_id(s.series_id, sid, MON_9)
    assert (stored.device_id, stored.marked_at) == ("test-device", NOW + timedelta(minutes=5))
    assert stored.facility_id == s.world.facility_id


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": A.PRESENT, "absence_reason": "Sick"}, "absence reason goes only with"),
        (
            {"status": A.ABSENT_UNEXCUSED, "check_in_at": datetime(2026, 3, 9, 13, tzinfo=UTC)},
            "go only with attendance",
        ),
        ({"status": A.PRESENT, "check_in_at": datetime(2026, 3, 9, 9, 0)}, "carry a timezone"),
        (
            {
                "status": A.PRESENT,
                "check_in_at": datetime(2026, 3, 9, 14, tzinfo=UTC),
                "check_out_at": datetime(2026, 3, 9, 13, tzinfo=UTC),
            },
            "check-out time is before",
        ),
        ({"status": A.PARTIAL, "minutes": -5}, "Minutes must be between"),
    ],
)
def test_incoherent_mark_is_refused(
    uow: UnitOfWorkFactory, setup: Setup, kwargs: dict[str, Any], message: str
) -> None:
    s = setup
    with pytest.raises(ValidationError, match=message):
        s.attendance.mark(s.series_id, MON_9, s.world.students[0], **kwargs)
    assert _marks(uow) == []


def test_future_and_cancelled_sessions_cannot_be_marked(
    uow: UnitOfWorkFactory, setup: Setup
) -> None:
    s = setup
    sid = s.world.students[0]
    with pytest.raises(NotAllowed, match="has not started yet"):
        s.attendance.mark(s.series_id, MON_23, sid, A.PRESENT)
    s.schedule.cancel_occurrence(s.series_id, MON_9, "Lockdown")
    with pytest.raises(NotAllowed, match="was cancelled"):
        s.attendance.mark(s.series_id, MON_9, sid, A.PRESENT)
    with pytest.raises(NotAllowed, match="was cancelled"):
        s.attendance.mark_present_rows(s.series_id, MON_9)
    sheet = s.attendance.sheet(s.series_id, MON_9)
    assert (sheet.editable, sheet.refusal) == (False, "This session was cancelled.")
    assert _marks(uow) == []
    with pytest.raises(NotAllowed, match="has not started yet"):
        s.attendance.mark(s.series_id, MON_16 + timedelta(days=7), uuid.uuid4(), A.PRESENT)


def test_sheet_as_of_its_date_keeps_a_student_who_left_later(setup: Setup) -> None:
    s = setup
    leaver = s.world.students[1]
    s.clock.set(datetime(2026, 3, 12, 15, 0, tzinfo=UTC))  # Thursday after the 9 March session
    s.rosters.change_status_many(
        [enrollment_id(s.class_id, leaver)], EnrollmentStatus.INCOMPLETE_WITHDRAWN, "Released"
    )
    s.clock.set(NOW)
    older = {r.student_id: r for r in s.attendance.sheet(s.series_id, MON_9).rows}
    newer = {r.student_id for r in s.attendance.sheet(s.series_id, MON_16).rows}
    assert leaver in older and leaver not in newer
    assert older[leaver].enrollment_status is EnrollmentStatus.INCOMPLETE_WITHDRAWN
    s.attendance.mark(s.series_id, MON_9, leaver, A.PRESENT)  # the old sheet can still be filled
    with pytest.raises(ValidationError, match="not on the roster"):
        s.attendance.mark(s.series_id, MON_16, leaver, A.PRESENT)


def test_rescheduled_session_keeps_its_attendance_under_the_original_date(setup: Setup) -> None:
    s = setup
    sid = s.world.students[0]
    s.attendance.mark(s.series_id, MON_9, sid, A.PRESENT)
    s.schedule.reschedule_occurrence(s.series_id, MON_9, datetime(2026, 3, 11, 9, 0), None, "Moved")
    sheet = s.attendance.sheet(s.series_id, MON_9)
    assert sheet.occurrence.start_local.date() == date(2026, 3, 11)
    assert sheet.occurrence.rescheduled
    assert {r.student_id: r.status for r in sheet.rows}[sid] is A.PRESENT
    with pytest.raises(NotFound):
        s.attendance.sheet(s.series_id, date(2026, 3, 11))  # the key is the original date


def test_all_future_split_is_refused_when_it_would_strand_attendance(setup: Setup) -> None:
    s = setup
    s.attendance.mark(s.series_id, MON_16, s.world.students[0], A.PRESENT)
    with pytest.raises(NotAllowed, match="already taken for the session of 16 Mar 2026"):
        s.schedule.change_room(s.series_id, MON_9, s.world.room2_id, scope="all_future")
    assert series_of(s.uow, s.series_id).until_local is None
    change = s.schedule.change_room(s.series_id, MON_23, s.world.room2_id, scope="all_future")
    assert change.new_series_id is not None
    assert s.attendance.sheet(s.series_id, MON_16).marked_count == 1


def test_mark_present_fills_only_the_gaps_unless_told(uow: UnitOfWorkFactory, setup: Setup) -> None:
    s = setup
    a, b = s.world.students[:2]
    s.attendance.mark(s.series_id, MON_9, a, A.ABSENT_EXCUSED, absence_reason="Medical")
    assert len(s.attendance.mark_present_rows(s.series_id, MON_9)) == 3
    rows = {r.student_id: r.status for r in s.attendance.sheet(s.series_id, MON_9).rows}
    assert rows[a] is A.ABSENT_EXCUSED and rows[b] is A.PRESENT
    assert s.attendance.mark_present_rows(s.series_id, MON_9) == []
    assert len(s.attendance.mark_present_rows(s.series_id, MON_9, overwrite=True)) == 1
    sheet = s.attendance.sheet(s.series_id, MON_9)
    assert {r.status for r in sheet.rows} == {A.PRESENT}
    assert all(r.absence_reason is None for r in sheet.rows)
    assert len(_marks(uow)) == 4


def test_cleared_mark_is_soft_deleted_and_can_be_marked_again(
    uow: UnitOfWorkFactory, setup: Setup
) -> None:
    s = setup
    sid = s.world.students[0]
    s.attendance.mark(s.series_id, MON_9, sid, A.PRESENT)
    s.attendance.clear_mark(s.series_id, MON_9, sid)
    assert s.attendance.sheet(s.series_id, MON_9).marked_count == 0
    [stored] = _marks(uow)
    assert stored.deleted_at == NOW
    with pytest.raises(NotFound, match="no mark to clear"):
        s.attendance.clear_mark(s.series_id, MON_9, sid)
    s.attendance.mark(s.series_id, MON_9, sid, A.LATE)
    [revived] = _marks(uow)
    assert (revived.id, revived.deleted_at, revived.attendance_status) == (stored.id, None, A.LATE)


def test_rate_counts_only_past_sessions_that_were_held(
    uow: UnitOfWorkFactory, setup: Setup
) -> None:
    s = setup
    sid = s.world.students[0]
    s.schedule.cancel_occurrence(s.series_id, MON_2, "Snow day")
    s.attendance.mark(s.series_id, MON_9, sid, A.PRESENT)
    s.attendance.mark(s.series_id, MON_16, sid, A.LATE)
    with uow() as u:
        add_hours(u, s.world.facility_id, sid, s.world.program_id, 120, verified=True)
        add_hours(u, s.world.facility_id, sid, s.world.program_id, 600, verified=False)
        u.commit()

    [summary] = s.attendance.student_summary(sid)
    # 2 March cancelled, 23 March onwards not yet held: 2 held, both attended.
    assert (summary.held, summary.attended, summary.tardies, summary.unmarked) == (2, 2, 1, 0)
    assert summary.rate == Decimal("100.00")
    assert summary.hours_earned == Decimal("4.00")  # 2 sessions of 1 h + 2 verified ledger hours
    assert (summary.hours_needed, summary.meets_minimum) == (Decimal("16.00"), True)
    assert (summary.class_name, summary.enrollment_status) == (
        "Welding I",
        EnrollmentStatus.ENROLLED,
    )

    [other] = s.attendance.student_summary(s.world.students[1])
    assert (other.held, other.attended, other.unmarked, other.rate) == (2, 0, 2, Decimal("0.00"))
    assert other.meets_minimum is False


def test_missing_attendance_lists_past_sessions_with_fewer_marks_than_students(
    setup: Setup,
) -> None:
    s = setup
    s.schedule.cancel_occurrence(s.series_id, MON_2, "Snow day")
    s.attendance.mark_present_rows(s.series_id, MON_9)
    s.attendance.mark(s.series_id, MON_16, s.world.students[0], A.PRESENT)
    missing = s.attendance.missing_attendance(
        s.world.facility_id, date(2026, 3, 1), date(2026, 3, 31)
    )
    assert [(m.original_date, m.expected, m.marked) for m in missing] == [(MON_16, 4, 1)]
    assert (missing[0].class_name, missing[0].instructor_name) == ("Welding I", "Iris Stone")

    s.clock.set(datetime(2026, 3, 16, 13, 30, tzinfo=UTC))  # 09:30 local: still in session
    assert s.attendance.missing_attendance(s.world.facility_id, MON_16, MON_16) == []


def test_sheet_of_forty_students_takes_two_queries(uow: UnitOfWorkFactory, setup: Setup) -> None:
    s = setup
    with uow() as u:
        big = add_class(u, s.world.facility_id, s.world.program_id, "Orientation")
        kids = [
            add_person(u, s.world.facility_id, f"Kid{i:02d}", f"Name{39 - i:02d}")
            for i in range(40)
        ]
        u.commit()
    s.clock.set(datetime(2026, 2, 20, 12, 0, tzinfo=UTC))
    enrol_all(s.rosters, big, kids)
    s.clock.set(NOW)
    series = s.schedule.create_series(
        NewSeries(big, datetime(2026, 3, 2, 14, 0), 60, "FREQ=WEEKLY", room_id=s.world.room2_id)
    )
    s.attendance.mark_present_rows(series.id, MON_9)
    with count_statements(uow) as queries:
        sheet = s.attendance.sheet(series.id, MON_9)
    assert len(queries) <= 2
    assert len(sheet.rows) == 40 and sheet.marked_count == 40
    assert [r.display_name for r in sheet.rows][:2] == ["Name00, Kid39", "Name01, Kid38"]


def test_marks_of_cancelled_or_vanished_sessions_are_kept_and_flagged(
    uow: UnitOfWorkFactory, setup: Setup
) -> None:
    s = setup
    a, b = s.world.students[:2]
    s.attendance.mark(s.series_id, MON_2, a, A.PRESENT)
    s.attendance.mark(s.series_id, MON_9, b, A.PRESENT)
    s.schedule.cancel_occurrence(s.series_id, MON_9, "Power cut")
    assert {m.user_id: m.needs_review for m in _marks(uow)} == {a: False, b: True}
    with pytest.raises(NotAllowed, match="restore it before moving"):
        s.schedule.reschedule_occurrence(s.series_id, MON_9, datetime(2026, 3, 10, 9, 0))
    # The series now starts on Tuesdays: the Monday marks have no session any more.
    change_whole_series(
        s.uow, s.series_id, dtstart_local=datetime(2026, 3, 3, 9, 0), rrule="FREQ=WEEKLY;BYDAY=TU"
    )
    kept = {(m.user_id, m.date): m for m in _marks(uow)}
    assert set(kept) == {(a, MON_2), (b, MON_9)}
    assert all(m.needs_review and m.deleted_at is None for m in kept.values())
    with pytest.raises(NotFound):
        s.attendance.sheet(s.series_id, MON_2)


@pytest.mark.postgres
def test_a_mark_whose_row_changes_while_saving_is_saved_on_the_fresh_row(
    pg_engine: Any,
) -> None:
    """A sync applying the server's copy between the mark's read and write: the mark still
    lands (it says what the status is), on top of the row as it now is."""
    uow = UnitOfWorkFactory(pg_engine, Actor("test_admin"))
    world = build_world(uow, students=2, required_hours=Decimal("20"))
    with uow() as u:
        world.classes = [add_class(u, world.facility_id, world.program_id, "Math", capacity=5)]
        u.commit()
    s = Setup(uow, world, FixedClock(NOW))
    sid = world.students[0]
    s.attendance.mark(s.series_id, MON_9, sid, A.PRESENT)
    record_id = attendance_id(s.series_id, sid, MON_9)
    interfered: list[int] = []

    def meanwhile(conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("UPDATE program_class_event_attendance") and not interfered:
            interfered.append(1)  # another connection rewrites the row first, as a pull would
            with pg_engine.connect() as other, other.begin():
                other.execute(
                    update(AttendanceRecord)
                    .where(AttendanceRecord.id == record_id)
                    .values(note="from the server", row_version=AttendanceRecord.row_version + 1)
                )

    event.listen(pg_engine, "before_cursor_execute", meanwhile)
    try:
        row = s.attendance.mark(s.series_id, MON_9, sid, A.ABSENT_EXCUSED, absence_reason="Ill")
    finally:
        event.remove(pg_engine, "before_cursor_execute", meanwhile)
    assert interfered and row.status is A.ABSENT_EXCUSED
    with pg_engine.connect() as conn:
        stored = conn.execute(
            select(AttendanceRecord.attendance_status).where(AttendanceRecord.id == record_id)
        ).scalar_one()
    assert stored is A.ABSENT_EXCUSED
