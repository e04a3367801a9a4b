"""AttendanceService's marking rules through the fake unit of work: statuses, absence reasons,
check-in and out, minutes, which sessions can be marked, who is on a sheet, what a re-mark
replaces, clearing and undoing, each allowed and refused with the message a person sees, and
nothing stored on a refusal. No database (tests/integration/test_attendance_marks.py and
test_attendance_service.py run the same service over SQLite and PostgreSQL).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.enums import AttendanceStatus, EnrollmentStatus
from app.domain.errors import NotAllowed, NotFound, StaleRecord, ValidationError
from app.domain.ids import attendance_id
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWork
from app.services.attendance import AttendanceService
from tests.unit.fakes import FakeDatabase, FakeUnitOfWork, FakeUnitOfWorkFactory

A = AttendanceStatus
MONDAY = date(2026, 3, 2)
# Welding I meets on Mondays 09:00-10:00 in Chicago (CST, UTC-6): 15:00-16:00 UTC.
START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
NOW = START + timedelta(minutes=30)
ENROLLED_AT = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


@dataclasses.dataclass
class World:
    db: FakeDatabase
    clock: FixedClock
    service: AttendanceService
    series: uuid.UUID
    klass: uuid.UUID
    ann: uuid.UUID
    bob: uuid.UUID

    def stored(self, student: uuid.UUID, day: date = MONDAY) -> AttendanceStatus | None:
        """The committed, live status of a student's mark (``None``: no mark)."""
        row = self.db.mark_of(self.series, student, day)
        return None if row is None or row.deleted_at is not None else row.attendance_status


@pytest.fixture
def w() -> World:
    db = FakeDatabase()
    klass = db.add_class("Welding I", capacity=10)
    series = db.add_series(klass, datetime(2026, 1, 5, 9, 0))
    ann = db.add_person("Ann", "Adams")
    bob = db.add_person("Bob", "Baker")
    for student in (ann, bob):
        db.enrol(klass, student, enrolled_at=ENROLLED_AT)
    clock = FixedClock(NOW)
    service = AttendanceService(FakeUnitOfWorkFactory(db), clock)
    return World(db, clock, service, series, klass, ann, bob)


def _refused(w: World, error: type[Exception], **kwargs: object) -> str:
    """Mark Ann with ``kwargs`` (status present unless given), expect ``error``; its message.
    Checks that nothing was stored."""
    status = kwargs.pop("status", A.PRESENT)
    with pytest.raises(error) as refused:
        w.service.mark(w.series, MONDAY, w.ann, status, **kwargs)  # type: ignore[arg-type]
    assert w.db.marks == {}
    assert w.db.commits == 0
    return str(refused.value)


# -- statuses, reasons, times ---------------------------------------------------------------------


def test_a_mark_is_stored_under_its_natural_key_stamped_with_actor_device_and_clock(
    w: World,
) -> None:
    row = w.service.mark(w.series, MONDAY, w.ann, A.PRESENT, note="  front row  ")

    assert (row.student_id, row.status, row.note) == (w.ann, A.PRESENT, "front row")
    assert row.display_name == "Adams, Ann"
    rec = w.db.mark_of(w.series, w.ann, MONDAY)
    assert rec is not None
    assert rec.id == attendance_id(w.series, w.ann, MONDAY)
    assert (rec.attendance_status, rec.note, rec.needs_review) == (A.PRESENT, "front row", False)
    assert (rec.marked_by, rec.marked_at, rec.device_id) == ("fake_staff", NOW, "desk-7")
    assert w.stored(w.bob) is None


@pytest.mark.parametrize("status", [A.ABSENT_EXCUSED, A.ABSENT_UNEXCUSED])
def test_an_absence_keeps_its_reason_trimmed(w: World, status: AttendanceStatus) -> None:
    row = w.service.mark(w.series, MONDAY, w.ann, status, absence_reason="  Court date ")

    assert (row.status, row.absence_reason) == (status, "Court date")
    rec = w.db.mark_of(w.series, w.ann, MONDAY)
    assert rec is not None and rec.absence_reason == "Court date"


@pytest.mark.parametrize("status", [A.PRESENT, A.LATE, A.PARTIAL])
def test_a_reason_with_attendance_is_refused(w: World, status: AttendanceStatus) -> None:
    message = _refused(w, ValidationError, status=status, absence_reason="Illness")

    assert message == "An absence reason goes only with an absence."


def test_a_reason_longer_than_its_column_is_refused(w: World) -> None:
    message = _refused(w, ValidationError, status=A.ABSENT_EXCUSED, absence_reason="x" * 201)

    assert message.endswith("is longer than 200 characters")
    w.service.mark(w.series, MONDAY, w.ann, A.ABSENT_EXCUSED, absence_reason="x" * 200)
    assert w.stored(w.ann) is A.ABSENT_EXCUSED


def test_something_that_is_not_a_status_is_refused(w: World) -> None:
    message = _refused(w, ValidationError, status="here")

    assert message == "“here” is not an attendance status."


def test_check_in_and_out_give_the_minutes(w: World) -> None:
    check_in, check_out = START + timedelta(minutes=5), START + timedelta(minutes=50, seconds=59)

    row = w.service.mark(
        w.series, MONDAY, w.ann, A.PARTIAL, check_in_at=check_in, check_out_at=check_out
    )

    assert (row.check_in_at, row.check_out_at, row.minutes) == (check_in, check_out, 45)
    rec = w.db.mark_of(w.series, w.ann, MONDAY)
    assert rec is not None and rec.minutes == 45


def test_minutes_that_match_the_times_or_stand_alone_are_kept(w: World) -> None:
    check_in, check_out = START, START + timedelta(minutes=40)
    w.service.mark(
        w.series, MONDAY, w.ann, A.LATE, check_in_at=check_in, check_out_at=check_out, minutes=40
    )
    w.service.mark(w.series, MONDAY, w.bob, A.PARTIAL, minutes=25)

    ann, bob = (w.db.mark_of(w.series, s, MONDAY) for s in (w.ann, w.bob))
    assert ann is not None and bob is not None
    assert (ann.minutes, bob.minutes) == (40, 25)


def test_minutes_that_contradict_the_times_are_refused(w: World) -> None:
    message = _refused(
        w,
        ValidationError,
        status=A.PARTIAL,
        check_in_at=START,
        check_out_at=START + timedelta(minutes=40),
        minutes=41,
    )

    assert message == "The minutes do not match the check-in and check-out times."


def test_a_check_out_before_the_check_in_is_refused(w: World) -> None:
    message = _refused(
        w, ValidationError, check_in_at=START + timedelta(minutes=10), check_out_at=START
    )

    assert message == "The check-out time is before the check-in time"


def test_a_time_without_a_timezone_is_refused(w: World) -> None:
    message = _refused(w, ValidationError, check_in_at=datetime(2026, 3, 2, 9, 0))

    assert message == "The check-in time must carry a timezone."


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (-1, "Minutes must be between 0 and 1440."),
        (1441, "Minutes must be between 0 and 1440."),
        (True, "Minutes must be a whole number."),
        (12.5, "Minutes must be a whole number."),
    ],
)
def test_minutes_out_of_a_day_or_not_whole_are_refused(
    w: World, minutes: object, expected: str
) -> None:
    assert _refused(w, ValidationError, status=A.PARTIAL, minutes=minutes) == expected


def test_the_bounds_of_a_day_are_allowed(w: World) -> None:
    w.service.mark(w.series, MONDAY, w.ann, A.PARTIAL, minutes=0)
    w.service.mark(w.series, MONDAY, w.bob, A.PRESENT, minutes=24 * 60)

    assert (w.stored(w.ann), w.stored(w.bob)) == (A.PARTIAL, A.PRESENT)


@pytest.mark.parametrize(
    "times",
    [{"check_in_at": START}, {"check_out_at": START}, {"minutes": 0}],
    ids=["check-in", "check-out", "minutes"],
)
def test_an_absence_with_times_or_minutes_is_refused(w: World, times: dict[str, object]) -> None:
    message = _refused(w, ValidationError, status=A.ABSENT_UNEXCUSED, **times)

    assert message == (
        "Check-in, check-out and minutes go only with attendance, not with an absence."
    )


# -- which sessions, which students ---------------------------------------------------------------


def test_a_session_not_started_is_refused_and_its_sheet_says_why(w: World) -> None:
    w.clock = FixedClock(START - timedelta(seconds=1))
    w.service = AttendanceService(FakeUnitOfWorkFactory(w.db), w.clock)

    message = _refused(w, NotAllowed)

    assert message == "This session has not started yet. Attendance cannot be taken for it."
    sheet = w.service.sheet(w.series, MONDAY)
    assert (sheet.editable, sheet.refusal) == (False, "This session has not started yet.")


def test_a_session_that_has_started_can_be_marked_from_its_first_second(w: World) -> None:
    service = AttendanceService(FakeUnitOfWorkFactory(w.db), FixedClock(START))

    service.mark(w.series, MONDAY, w.ann, A.PRESENT)

    assert w.stored(w.ann) is A.PRESENT


def test_a_cancelled_session_is_refused_and_its_sheet_says_why(w: World) -> None:
    w.db.cancel(w.series, MONDAY)

    message = _refused(w, NotAllowed)

    assert message == "This session was cancelled. Attendance cannot be taken for it."
    sheet = w.service.sheet(w.series, MONDAY)
    assert (sheet.editable, sheet.refusal) == (False, "This session was cancelled.")


def test_a_day_without_a_session_or_an_unknown_series_is_not_found(w: World) -> None:
    with pytest.raises(NotFound) as no_session:
        w.service.mark(w.series, MONDAY + timedelta(days=1), w.ann, A.PRESENT)
    with pytest.raises(NotFound) as no_series:
        w.service.mark(uuid.uuid4(), MONDAY, w.ann, A.PRESENT)

    assert str(no_session.value) == "Welding I has no session on Tue 03 Mar 2026."
    assert str(no_series.value) == "The session series does not exist or was deleted."
    assert w.db.marks == {}


def test_students_off_the_roster_of_the_session_are_refused(w: World) -> None:
    waiting = w.db.add_person("Wes", "Wait")
    w.db.enrol(w.klass, waiting, enrolled_at=ENROLLED_AT, status=EnrollmentStatus.WAITLISTED)
    late = w.db.add_person("Lee", "Later")
    w.db.enrol(w.klass, late, enrolled_at=START + timedelta(hours=1, minutes=1))
    gone = w.db.add_person("Gus", "Gone")
    w.db.enrol(
        w.klass,
        gone,
        enrolled_at=ENROLLED_AT,
        status=EnrollmentStatus.INCOMPLETE_WITHDRAWN,
        ended_at=datetime(2026, 3, 2, 5, 59, tzinfo=UTC),  # 23:59 on Sunday in Chicago
    )
    stranger = w.db.add_person("Sam", "Stranger")

    for student in (waiting, late, gone, stranger):
        with pytest.raises(ValidationError) as refused:
            w.service.mark(w.series, MONDAY, student, A.PRESENT)
        assert str(refused.value) == "This student is not on the roster of this session."
        assert refused.value.field == "student_id"
    assert w.db.marks == {}
    on_sheet = [row.student_id for row in w.service.sheet(w.series, MONDAY).rows]
    assert on_sheet == [w.ann, w.bob]


def test_a_student_who_left_that_day_or_was_marked_before_leaving_stays_markable(
    w: World,
) -> None:
    that_day = w.db.add_person("Dee", "Day")
    w.db.enrol(
        w.klass,
        that_day,
        enrolled_at=ENROLLED_AT,
        status=EnrollmentStatus.INCOMPLETE_WITHDRAWN,
        ended_at=datetime(2026, 3, 2, 6, 0, tzinfo=UTC),  # midnight on Monday in Chicago
    )
    w.service.mark(w.series, MONDAY, that_day, A.PRESENT)
    w.service.mark(w.series, MONDAY, w.ann, A.LATE)
    for row in w.db.enrollments.values():
        if row.user_id == w.ann:
            row.enrollment_status = EnrollmentStatus.INCOMPLETE_WITHDRAWN
            row.enrollment_ended_at = ENROLLED_AT + timedelta(days=1)

    w.service.mark(w.series, MONDAY, w.ann, A.PRESENT)

    assert (w.stored(that_day), w.stored(w.ann)) == (A.PRESENT, A.PRESENT)


# -- re-marking, clearing, undoing ----------------------------------------------------------------


def test_a_re_mark_replaces_the_whole_mark_and_the_review_flag(w: World) -> None:
    w.service.mark(
        w.series,
        MONDAY,
        w.ann,
        A.PARTIAL,
        note="left early",
        check_in_at=START,
        check_out_at=START + timedelta(minutes=20),
    )
    w.db.marks[attendance_id(w.series, w.ann, MONDAY)].needs_review = True  # a sync flagged it
    w.clock.set(NOW + timedelta(minutes=5))

    row = w.service.mark(w.series, MONDAY, w.ann, A.ABSENT_EXCUSED, absence_reason="Medical")

    rec = w.db.mark_of(w.series, w.ann, MONDAY)
    assert rec is not None
    assert (rec.attendance_status, rec.absence_reason, rec.note) == (
        A.ABSENT_EXCUSED,
        "Medical",
        None,
    )
    assert (rec.check_in_at, rec.check_out_at, rec.minutes) == (None, None, None)
    assert (rec.needs_review, row.needs_review) == (False, False)
    assert rec.marked_at == NOW + timedelta(minutes=5)


def test_a_mark_after_a_clear_revives_the_same_row(w: World) -> None:
    w.service.mark(w.series, MONDAY, w.ann, A.PRESENT)
    w.service.clear_mark(w.series, MONDAY, w.ann)
    cleared = w.db.mark_of(w.series, w.ann, MONDAY)
    assert cleared is not None and cleared.deleted_at == NOW
    assert w.service.sheet(w.series, MONDAY).rows[0].status is None

    w.service.mark(w.series, MONDAY, w.ann, A.LATE)

    assert list(w.db.marks) == [attendance_id(w.series, w.ann, MONDAY)]
    assert w.stored(w.ann) is A.LATE


def test_clearing_what_is_not_marked_is_not_found(w: World) -> None:
    with pytest.raises(NotFound) as refused:
        w.service.clear_mark(w.series, MONDAY, w.ann)

    assert str(refused.value) == "There is no mark to clear for this student and session."
    assert w.db.commits == 0


def test_an_undo_writes_earlier_states_back_whole(w: World) -> None:
    w.service.mark(w.series, MONDAY, w.ann, A.ABSENT_EXCUSED, absence_reason="Work", note="n")
    w.db.marks[attendance_id(w.series, w.ann, MONDAY)].needs_review = True
    before = {row.student_id: row for row in w.service.sheet(w.series, MONDAY).rows}
    w.clock.set(NOW + timedelta(minutes=10))
    w.service.mark(w.series, MONDAY, w.ann, A.PRESENT)
    w.service.mark(w.series, MONDAY, w.bob, A.LATE)

    restored = w.service.restore(w.series, MONDAY, [before[w.ann], before[w.bob]])

    assert [(r.student_id, r.status) for r in restored] == [
        (w.ann, A.ABSENT_EXCUSED),
        (w.bob, None),
    ]
    ann = w.db.mark_of(w.series, w.ann, MONDAY)
    assert ann is not None
    assert (ann.attendance_status, ann.absence_reason, ann.note, ann.needs_review) == (
        A.ABSENT_EXCUSED,
        "Work",
        "n",
        True,
    )
    assert (ann.marked_by, ann.marked_at) == ("fake_staff", NOW)  # as they were
    bob = w.db.mark_of(w.series, w.bob, MONDAY)
    assert bob is not None and bob.deleted_at == NOW + timedelta(minutes=10)
    assert w.stored(w.bob) is None


def test_an_undo_for_someone_off_the_sheet_undoes_nothing(w: World) -> None:
    before = {row.student_id: row for row in w.service.sheet(w.series, MONDAY).rows}
    w.service.mark(w.series, MONDAY, w.ann, A.PRESENT)
    commits = w.db.commits
    stranger = dataclasses.replace(before[w.bob], student_id=uuid.uuid4())

    with pytest.raises(ValidationError) as refused:
        w.service.restore(w.series, MONDAY, [before[w.ann], stranger])

    assert str(refused.value) == (
        "A student is no longer on the roster of this session; nothing was undone."
    )
    assert (w.stored(w.ann), w.db.commits) == (A.PRESENT, commits)


def test_an_undo_on_a_cancelled_session_is_refused(w: World) -> None:
    before = w.service.sheet(w.series, MONDAY).rows
    w.service.mark(w.series, MONDAY, w.ann, A.PRESENT)
    w.db.cancel(w.series, MONDAY)

    with pytest.raises(NotAllowed) as refused:
        w.service.restore(w.series, MONDAY, before)

    assert str(refused.value) == "This session was cancelled. Attendance cannot be taken for it."
    assert w.stored(w.ann) is A.PRESENT


# -- a write that meets a concurrent change -----------------------------------------------------


class _StaleOnce(FakeUnitOfWorkFactory):
    """The first commit meets a row changed under it (as a sync applying the server's copy)."""

    stale = 1

    @contextmanager
    def __call__(self) -> Iterator[UnitOfWork]:
        factory = self

        class _Uow(FakeUnitOfWork):
            def commit(self) -> None:
                if factory.stale:
                    factory.stale -= 1
                    raise StaleRecord("The record was changed elsewhere.")
                super().commit()

        yield _Uow(self.db, self.actor)


def test_a_mark_meeting_a_concurrent_change_is_made_once_more(w: World) -> None:
    factory = _StaleOnce(w.db)
    service = AttendanceService(factory, w.clock)

    row = service.mark(w.series, MONDAY, w.ann, A.LATE)

    assert (row.status, w.stored(w.ann), factory.stale, w.db.commits) == (A.LATE, A.LATE, 0, 1)
