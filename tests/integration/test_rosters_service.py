"""RosterService on SQLite and PostgreSQL: enrolment, waitlist, status changes, transfers."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from app.domain.enums import AttendanceStatus, ClassStatus, EnrollmentStatus
from app.domain.errors import (
    CapacityExceeded,
    DuplicateError,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ReasonRequired,
    ValidationError,
)
from app.domain.ids import enrollment_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.rosters import RosterService
from app.services.rosters_dto import HistoryEntry, Roster, RosterEntry
from tests.integration.factories import NOW, World, add_class, add_series, build_world

S = EnrollmentStatus


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    w = build_world(uow, students=5, required_hours=Decimal("10"))
    with uow() as u:
        w.classes = [
            add_class(u, w.facility_id, w.program_id, "Welding I", capacity=2),
            add_class(u, w.facility_id, w.program_id, "Welding II", capacity=1),
            add_class(u, w.other_facility_id, w.program_id, "Far Welding"),
        ]
        u.commit()
    return w


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def rosters(uow: UnitOfWorkFactory, clock: FixedClock) -> RosterService:
    return RosterService(uow, clock)


def _statuses(roster: Roster) -> dict[uuid.UUID, EnrollmentStatus]:
    entries = [*roster.enrolled, *roster.waitlisted, *roster.others]
    return {e.student_id: e.status for e in entries}


def history_of(rosters: RosterService, entry: RosterEntry) -> list[HistoryEntry]:
    """An enrollment's status changes, oldest first, as the student record shows them."""
    [found] = [
        e
        for e in rosters.enrollments_of_student(entry.student_id)
        if e.enrollment_id == entry.enrollment_id
    ]
    return list(found.history)


def test_enrol_writes_a_deterministic_enrollment_and_its_history(
    rosters: RosterService, world: World
) -> None:
    cid, sid = world.classes[0], world.students[0]
    entry = rosters.enrol(cid, sid)
    assert entry.enrollment_id == enrollment_id(cid, sid)
    assert (entry.status, entry.enrolled_at, entry.display_name) == (S.ENROLLED, NOW, "Young, Ann")
    roster = rosters.roster_for(cid)
    assert [e.student_id for e in roster.enrolled] == [sid]
    assert roster.places_left == 1
    [created] = history_of(rosters, entry)
    assert (created.from_status, created.to_status, created.changed_at) == (None, S.ENROLLED, NOW)
    assert created.changed_by == "test_admin"


def test_duplicate_enrolment_is_refused_and_changes_nothing(
    rosters: RosterService, world: World
) -> None:
    cid, sid = world.classes[0], world.students[0]
    entry = rosters.enrol(cid, sid)
    with pytest.raises(DuplicateError, match="already on this roster"):
        rosters.enrol(cid, sid)
    assert rosters.roster_for(cid).enrolled == [entry]
    assert len(history_of(rosters, entry)) == 1


def test_full_class_refuses_or_waitlists_in_order(rosters: RosterService, world: World) -> None:
    cid = world.classes[0]
    a, b, c, d, _ = world.students
    rosters.enrol(cid, a)
    rosters.enrol(cid, b)
    before = rosters.roster_for(cid)
    with pytest.raises(CapacityExceeded, match=r"Welding I is full \(2 of 2.*waitlist instead"):
        rosters.enrol(cid, c)
    assert rosters.roster_for(cid) == before

    first = rosters.enrol(cid, d, allow_waitlist=True)
    second = rosters.enrol(cid, c, allow_waitlist=True)
    assert (first.status, first.waitlist_position, first.enrolled_at) == (S.WAITLISTED, 1, None)
    assert second.waitlist_position == 2
    with pytest.raises(DuplicateError, match="already on the waitlist"):
        rosters.enrol(cid, d, allow_waitlist=True)
    roster = rosters.roster_for(cid)
    assert [e.student_id for e in roster.waitlisted] == [d, c]
    assert {e.student_id for e in roster.enrolled} == {a, b}


def test_student_of_another_facility_or_a_staff_member_cannot_be_enrolled(
    rosters: RosterService, world: World
) -> None:
    cid = world.classes[0]
    with pytest.raises(ValidationError, match="Far, Otto belongs to another facility"):
        rosters.enrol(cid, world.outsider_id)
    with pytest.raises(ValidationError, match="is not a student"):
        rosters.enrol(cid, world.instructor_id)
    with pytest.raises(NotFound):
        rosters.enrol(cid, uuid.uuid4())
    assert _statuses(rosters.roster_for(cid)) == {}


def test_cancelled_class_takes_no_one(
    uow: UnitOfWorkFactory, rosters: RosterService, world: World
) -> None:
    with uow() as u:
        cid = add_class(
            u, world.facility_id, world.program_id, "Gone", status=ClassStatus.CANCELLED
        )
        u.commit()
    with pytest.raises(NotAllowed, match="cancelled"):
        rosters.enrol(cid, world.students[0])


def test_status_change_needs_its_reason_and_records_history(
    rosters: RosterService, world: World, clock: FixedClock
) -> None:
    entry = rosters.enrol(world.classes[0], world.students[0])
    with pytest.raises(ReasonRequired, match="reason is required"):
        rosters.change_status_many([entry.enrollment_id], S.INCOMPLETE_DROPPED, "   ")
    assert rosters.roster_for(world.classes[0]).enrolled == [entry]

    clock.set(NOW + timedelta(days=1))
    rosters.change_status_many([entry.enrollment_id], S.INCOMPLETE_DROPPED, " Moved units ")
    [dropped] = rosters.roster_for(world.classes[0]).others
    assert (dropped.status, dropped.change_reason) == (S.INCOMPLETE_DROPPED, "Moved units")
    assert dropped.ended_at == NOW + timedelta(days=1)
    history = history_of(rosters, entry)
    assert [(h.from_status, h.to_status, h.reason) for h in history] == [
        (None, S.ENROLLED, None),
        (S.ENROLLED, S.INCOMPLETE_DROPPED, "Moved units"),
    ]
    roster = rosters.roster_for(world.classes[0])
    assert roster.enrolled == [] and [e.status for e in roster.others] == [S.INCOMPLETE_DROPPED]


def test_invalid_transition_is_refused(rosters: RosterService, world: World) -> None:
    entry = rosters.enrol(world.classes[0], world.students[0])
    rosters.change_status_many([entry.enrollment_id], S.COMPLETED)
    with pytest.raises(InvalidTransition, match="from Completed to Incomplete: Withdrawn"):
        rosters.change_status_many([entry.enrollment_id], S.INCOMPLETE_WITHDRAWN, "left")
    assert [h.to_status for h in history_of(rosters, entry)] == [
        S.ENROLLED,
        S.COMPLETED,
    ]


def test_freed_place_is_offered_not_filled_until_promoted(
    rosters: RosterService, world: World
) -> None:
    cid = world.classes[0]
    a, b, c, d, _ = world.students
    first = rosters.enrol(cid, a)
    rosters.enrol(cid, b)
    waiting_c = rosters.enrol(cid, c, allow_waitlist=True)
    rosters.enrol(cid, d, allow_waitlist=True)

    rosters.change_status_many([first.enrollment_id], S.CANCELLED, "Released")
    assert [e.student_id for e in rosters.roster_for(cid).waitlisted] == [c, d]  # no silent fill

    assert rosters.promote_waitlist(cid) == [waiting_c.enrollment_id]
    roster = rosters.roster_for(cid)
    assert {e.student_id for e in roster.enrolled} == {b, c}
    assert [e.student_id for e in roster.waitlisted] == [d]
    promoted = next(e for e in roster.enrolled if e.student_id == c)
    assert (promoted.waitlist_position, promoted.enrolled_at) == (None, NOW)
    assert rosters.promote_waitlist(cid) == []


def test_ended_enrollment_is_reopened_with_a_reason(rosters: RosterService, world: World) -> None:
    cid, sid = world.classes[0], world.students[0]
    entry = rosters.enrol(cid, sid)
    rosters.change_status_many(
        [entry.enrollment_id], S.INCOMPLETE_SEGREGATED, "Moved to housing unit"
    )
    with pytest.raises(ReasonRequired, match="re-enroll"):
        rosters.enrol(cid, sid)
    back = rosters.enrol(cid, sid, reason="Back from housing unit")
    assert (back.enrollment_id, back.status, back.ended_at) == (
        entry.enrollment_id,
        S.ENROLLED,
        None,
    )
    assert [h.to_status for h in history_of(rosters, entry)][-1] is S.ENROLLED


def test_transfer_closes_the_old_enrollment_and_opens_one_in_the_target(
    rosters: RosterService, world: World
) -> None:
    welding1, welding2, far = world.classes
    a, b = world.students[:2]
    entry = rosters.enrol(welding1, a)
    moved = rosters.transfer(entry.enrollment_id, welding2, "Schedule conflict")
    assert (moved.old.status, moved.old.transferred_to_class_id) == (
        S.INCOMPLETE_TRANSFERED,
        welding2,
    )
    assert moved.old.change_reason == "Schedule conflict"
    assert (moved.new.class_id, moved.new.status) == (welding2, S.ENROLLED)

    other = rosters.enrol(welding1, b)
    with pytest.raises(CapacityExceeded, match="Welding II is full"):
        rosters.transfer(other.enrollment_id, welding2, "Wants to move")
    with pytest.raises(NotAllowed, match="another facility"):
        rosters.transfer(other.enrollment_id, far, "Wants to move")
    with pytest.raises(ReasonRequired):
        rosters.transfer(other.enrollment_id, welding2, "")
    assert rosters.roster_for(welding1).enrolled == [other]  # nothing changed
    assert [e.student_id for e in rosters.roster_for(welding2).enrolled] == [a]


def test_change_status_many_is_all_or_nothing(rosters: RosterService, world: World) -> None:
    cid = world.classes[0]
    a, b, c = world.students[:3]
    ids = [rosters.enrol(cid, sid, allow_waitlist=True).enrollment_id for sid in (a, b, c)]
    with pytest.raises(InvalidTransition, match=r"^Moreno, Cara: .*Waitlisted to Completed"):
        rosters.change_status_many(ids, S.COMPLETED)
    assert _statuses(rosters.roster_for(cid)) == {a: S.ENROLLED, b: S.ENROLLED, c: S.WAITLISTED}
    with pytest.raises(NotFound, match="nothing was changed"):
        rosters.change_status_many([ids[0], uuid.uuid4()], S.COMPLETED)

    done = rosters.change_status_many(ids[:2], S.COMPLETED)
    assert [(d.student_id, d.from_status, d.to_status) for d in done] == [
        (a, S.ENROLLED, S.COMPLETED),
        (b, S.ENROLLED, S.COMPLETED),
    ]


def test_withdrawal_records_progress_toward_required_hours(
    uow: UnitOfWorkFactory, rosters: RosterService, world: World, clock: FixedClock
) -> None:
    cid, sid = world.classes[0], world.students[0]
    with uow() as u:
        series = add_series(
            u, world.facility_id, cid, datetime(2026, 3, 2, 9, 0), duration_minutes=90
        )
        u.commit()
    clock.set(NOW - timedelta(days=20))
    entry = rosters.enrol(cid, sid)
    clock.set(NOW)
    attendance = AttendanceService(uow, clock)
    attendance.mark(series, date(2026, 3, 2), sid, AttendanceStatus.PRESENT)  # 1.5 h
    attendance.mark(series, date(2026, 3, 9), sid, AttendanceStatus.PARTIAL, minutes=30)  # 0.5 h
    attendance.mark(series, date(2026, 3, 16), sid, AttendanceStatus.ABSENT_UNEXCUSED)

    rosters.change_status_many([entry.enrollment_id], S.INCOMPLETE_WITHDRAWN, "Released")
    [withdrawn] = rosters.roster_for(cid).others
    assert withdrawn.progress_pct_at_withdrawal == 20  # 2 of 10 required hours


def test_enrollments_of_student_name_class_program_and_history(
    rosters: RosterService, world: World, clock: FixedClock
) -> None:
    sid = world.students[0]
    first = rosters.enrol(world.classes[0], sid)
    clock.set(NOW + timedelta(hours=1))
    rosters.transfer(first.enrollment_id, world.classes[1], "Level up")
    found = rosters.enrollments_of_student(sid)
    assert [(e.class_name, e.program_name, e.status) for e in found] == [
        ("Welding II", "Welding", S.ENROLLED),
        ("Welding I", "Welding", S.INCOMPLETE_TRANSFERED),
    ]
    assert [(h.from_status, h.to_status) for h in found[1].history] == [
        (None, S.ENROLLED),
        (S.ENROLLED, S.INCOMPLETE_TRANSFERED),
    ]
    assert found[1].transferred_to_class_id == world.classes[1]
