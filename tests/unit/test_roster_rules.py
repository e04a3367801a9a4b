"""RosterService's rules through the fake unit of work: capacity, waitlist, status changes,
re-enrolment, transfers and the all-or-nothing bulk actions, each allowed and refused, with the
message a person sees. No database (tests/integration/test_rosters_service.py runs both engines).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from app.domain.enums import ClassStatus, EnrollmentStatus, Role
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
from app.services.rosters import PROMOTION_REASON, RosterService
from app.services.rosters_dto import HistoryEntry
from tests.unit.fakes import FakeDatabase, FakeUnitOfWorkFactory

S = EnrollmentStatus
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def db() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def rosters(db: FakeDatabase) -> RosterService:
    return RosterService(FakeUnitOfWorkFactory(db), FixedClock(NOW))


def _students(db: FakeDatabase, *names: str) -> list[uuid.UUID]:
    return [db.add_person(name, "Smith") for name in names]


def _history(
    rosters: RosterService, student: uuid.UUID, enrollment: uuid.UUID
) -> tuple[HistoryEntry, ...]:
    """An enrollment's status changes, oldest first, as the student record shows them."""
    [found] = [e for e in rosters.enrollments_of_student(student) if e.enrollment_id == enrollment]
    return found.history


# -- capacity and the waitlist ----------------------------------------------------------------


def test_a_free_place_enrols_and_records_the_history(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding I", capacity=2)
    (ann,) = _students(db, "Ann")

    entry = rosters.enrol(klass, ann)

    assert entry.status is S.ENROLLED
    assert entry.enrollment_id == enrollment_id(klass, ann)
    assert db.status_of(entry.enrollment_id) is S.ENROLLED
    assert db.enrollments[entry.enrollment_id].enrolled_at == NOW
    [history] = _history(rosters, ann, entry.enrollment_id)
    assert (history.from_status, history.to_status) == (None, S.ENROLLED)


def test_a_full_class_refuses_with_the_count_and_offers_the_waitlist(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding II", capacity=1)
    ann, bob = _students(db, "Ann", "Bob")
    rosters.enrol(klass, ann)

    with pytest.raises(CapacityExceeded) as refused:
        rosters.enrol(klass, bob)

    assert refused.value.message == (
        "Welding II is full (1 of 1 places taken). Put the student on the waitlist instead."
    )
    assert db.status_of(enrollment_id(klass, bob)) is None


def test_a_full_class_waitlists_in_order_when_allowed(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding II", capacity=1)
    ann, bob, cy = _students(db, "Ann", "Bob", "Cy")
    rosters.enrol(klass, ann)

    second = rosters.enrol(klass, bob, allow_waitlist=True)
    third = rosters.enrol(klass, cy, allow_waitlist=True)

    assert (second.status, third.status) == (S.WAITLISTED, S.WAITLISTED)
    positions = [db.enrollments[e.enrollment_id].waitlist_position for e in (second, third)]
    assert positions == [1, 2]
    assert db.enrollments[second.enrollment_id].enrolled_at is None
    roster = rosters.roster_for(klass)
    assert [e.student_id for e in roster.enrolled] == [ann]
    assert [e.student_id for e in roster.waitlisted] == [bob, cy]


def test_an_unlimited_class_never_fills(rosters: RosterService, db: FakeDatabase) -> None:
    klass = db.add_class("Open Shop", capacity=None)
    ids = _students(db, "Ann", "Bob", "Cy", "Di")

    entries = [rosters.enrol(klass, sid) for sid in ids]

    assert {e.status for e in entries} == {S.ENROLLED}


def test_a_freed_place_is_offered_then_filled_in_waitlist_order(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding II", capacity=1)
    ann, bob, cy = _students(db, "Ann", "Bob", "Cy")
    first = rosters.enrol(klass, ann)
    bob_entry = rosters.enrol(klass, bob, allow_waitlist=True)
    rosters.enrol(klass, cy, allow_waitlist=True)

    rosters.change_status_many([first.enrollment_id], S.COMPLETED)

    assert db.status_of(bob_entry.enrollment_id) is S.WAITLISTED  # offered, not filled
    assert rosters.promote_waitlist(klass) == [bob_entry.enrollment_id]
    promoted = db.enrollments[bob_entry.enrollment_id]
    assert (promoted.enrollment_status, promoted.waitlist_position) == (S.ENROLLED, None)
    assert promoted.change_reason == PROMOTION_REASON
    assert rosters.promote_waitlist(klass) == []


@pytest.mark.parametrize("status", [ClassStatus.CANCELLED, ClassStatus.COMPLETED])
def test_a_closed_class_takes_no_one(
    rosters: RosterService, db: FakeDatabase, status: ClassStatus
) -> None:
    klass = db.add_class("Welding I", capacity=5, status=status)
    (ann,) = _students(db, "Ann")
    closed = f"Welding I is {status.value.lower()}; no one can join it."

    with pytest.raises(NotAllowed, match=closed):
        rosters.enrol(klass, ann)
    with pytest.raises(NotAllowed, match=closed):
        rosters.promote_waitlist(klass)
    assert db.enrollments == {}


# -- who can be enrolled ----------------------------------------------------------------------


def test_an_enrolled_or_waitlisted_student_is_not_enrolled_twice(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding II", capacity=1)
    ann, bob = _students(db, "Ann", "Bob")
    rosters.enrol(klass, ann)
    rosters.enrol(klass, bob, allow_waitlist=True)
    commits = db.commits

    with pytest.raises(DuplicateError, match="already on this roster"):
        rosters.enrol(klass, ann)
    with pytest.raises(DuplicateError, match="already on the waitlist of this class"):
        rosters.enrol(klass, bob, allow_waitlist=True)
    assert db.commits == commits


def test_a_staff_member_a_student_elsewhere_or_no_one_cannot_be_enrolled(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding I", capacity=5)
    staff = db.add_person("Tess", "Teacher", role=Role.FACILITY_ADMIN)
    far = db.add_person("Far", "Away", facility_id=uuid.uuid4())

    with pytest.raises(ValidationError, match="Tess Teacher is not a student"):
        rosters.enrol(klass, staff)
    with pytest.raises(ValidationError, match="belongs to another facility than Welding I"):
        rosters.enrol(klass, far)
    with pytest.raises(NotFound, match="The student does not exist or was deleted"):
        rosters.enrol(klass, uuid.uuid4())
    with pytest.raises(NotFound, match="The class does not exist or was deleted"):
        rosters.enrol(uuid.uuid4(), far)
    assert db.enrollments == {}


# -- status changes ---------------------------------------------------------------------------


def test_a_status_change_needs_its_reason_and_leaves_history(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding I", capacity=5)
    (ann,) = _students(db, "Ann")
    entry = rosters.enrol(klass, ann)

    with pytest.raises(ReasonRequired, match="A reason is required to mark an enrollment"):
        rosters.change_status_many([entry.enrollment_id], S.CANCELLED, "   ")
    assert db.status_of(entry.enrollment_id) is S.ENROLLED

    [changed] = rosters.change_status_many([entry.enrollment_id], S.CANCELLED, "  Moved away ")

    assert changed.to_status is S.CANCELLED
    row = db.enrollments[entry.enrollment_id]
    assert (row.change_reason, row.enrollment_ended_at) == ("Moved away", NOW)
    steps = [(h.from_status, h.to_status, h.reason) for h in _history(rosters, ann, row.id)]
    assert steps == [(None, S.ENROLLED, None), (S.ENROLLED, S.CANCELLED, "Moved away")]


def test_a_change_the_life_cycle_does_not_allow_is_refused(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding II", capacity=1)
    ann, bob = _students(db, "Ann", "Bob")
    enrolled = rosters.enrol(klass, ann).enrollment_id
    waiting = rosters.enrol(klass, bob, allow_waitlist=True).enrollment_id

    with pytest.raises(InvalidTransition, match="The enrollment is already Enrolled"):
        rosters.change_status_many([enrolled], S.ENROLLED)
    with pytest.raises(InvalidTransition, match="from Waitlisted to Completed"):
        rosters.change_status_many([waiting], S.COMPLETED)
    with pytest.raises(NotFound, match="do not exist any more; nothing was changed"):
        rosters.change_status_many([uuid.uuid4()], S.COMPLETED)
    assert (db.status_of(enrolled), db.status_of(waiting)) == (S.ENROLLED, S.WAITLISTED)


def test_a_waitlisted_student_takes_only_a_free_place(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding II", capacity=1)
    ann, bob = _students(db, "Ann", "Bob")
    rosters.enrol(klass, ann)
    waiting = rosters.enrol(klass, bob, allow_waitlist=True).enrollment_id

    with pytest.raises(CapacityExceeded) as refused:
        rosters.change_status_many([waiting], S.ENROLLED)

    assert refused.value.message == "Smith, Bob: Welding II is full (1 of 1 places taken)."
    assert db.status_of(waiting) is S.WAITLISTED


def test_an_ended_enrollment_reopens_on_its_record_with_a_reason(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding I", capacity=5)
    (ann,) = _students(db, "Ann")
    ident = rosters.enrol(klass, ann).enrollment_id
    rosters.change_status_many([ident], S.COMPLETED)

    with pytest.raises(ReasonRequired, match="A reason is required to re-enroll from Completed"):
        rosters.enrol(klass, ann)
    again = rosters.enrol(klass, ann, reason="Retaking the course")

    assert (again.enrollment_id, again.status) == (ident, S.ENROLLED)
    row = db.enrollments[ident]
    assert (row.enrollment_ended_at, row.change_reason) == (None, "Retaking the course")


# -- transfers --------------------------------------------------------------------------------


def test_a_transfer_ends_the_old_enrollment_and_opens_the_target(
    rosters: RosterService, db: FakeDatabase
) -> None:
    here = db.add_class("Welding I", capacity=5)
    there = db.add_class("Welding II", capacity=5)
    (ann,) = _students(db, "Ann")
    old = rosters.enrol(here, ann).enrollment_id

    outcome = rosters.transfer(old, there, "Evening shift")

    assert outcome.old.status is S.INCOMPLETE_TRANSFERED
    assert outcome.new.status is S.ENROLLED
    assert db.enrollments[old].transferred_to_class_id == there
    assert db.enrollments[outcome.new.enrollment_id].change_reason == "Evening shift"


def test_a_transfer_is_refused_to_the_same_class_another_facility_or_a_full_class(
    rosters: RosterService, db: FakeDatabase
) -> None:
    here = db.add_class("Welding I", capacity=5)
    far = db.add_class("Far Welding", capacity=5, facility_id=uuid.uuid4())
    full = db.add_class("Welding II", capacity=1)
    ann, bob = _students(db, "Ann", "Bob")
    old = rosters.enrol(here, ann).enrollment_id
    rosters.enrol(full, bob)

    with pytest.raises(ValidationError, match="already in this class"):
        rosters.transfer(old, here, "Why not")
    with pytest.raises(NotAllowed, match="Far Welding is at another facility"):
        rosters.transfer(old, far, "Moving")
    with pytest.raises(ReasonRequired):
        rosters.transfer(old, full, " ")
    with pytest.raises(CapacityExceeded, match="Welding II is full"):
        rosters.transfer(old, full, "Evening shift")
    assert db.status_of(old) is S.ENROLLED
    assert db.status_of(enrollment_id(full, ann)) is None


# -- bulk actions: all or nothing -------------------------------------------------------------


def test_change_status_many_keeps_none_when_one_is_refused(
    rosters: RosterService, db: FakeDatabase
) -> None:
    klass = db.add_class("Welding II", capacity=1)
    ann, bob = _students(db, "Ann", "Bob")
    enrolled = rosters.enrol(klass, ann).enrollment_id
    waiting = rosters.enrol(klass, bob, allow_waitlist=True).enrollment_id
    history = len(db.history)

    with pytest.raises(InvalidTransition) as refused:
        rosters.change_status_many([enrolled, waiting], S.COMPLETED)

    assert refused.value.message.startswith("Smith, Bob: Cannot change")
    assert (db.status_of(enrolled), db.status_of(waiting)) == (S.ENROLLED, S.WAITLISTED)
    assert len(db.history) == history
    with pytest.raises(NotFound, match="1 of the enrollments do not exist any more"):
        rosters.change_status_many([enrolled, uuid.uuid4()], S.COMPLETED)

    changes = rosters.change_status_many([enrolled, waiting], S.CANCELLED, "Class moved")

    assert [(c.from_status, c.to_status) for c in changes] == [
        (S.ENROLLED, S.CANCELLED),
        (S.WAITLISTED, S.CANCELLED),
    ]
