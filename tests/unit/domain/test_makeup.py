"""The make-up rules: an absence made up counts as attended, a make-up session is never an extra
scheduled session, and its minutes are credited to the hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.domain.attendance import (
    AttendancePolicy,
    OccurrenceRecord,
    PolicyOutcome,
    attendance_rate,
    evaluate,
)
from app.domain.enums import AttendanceStatus as S
from app.domain.makeup import credit_makeups, makeup_for

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


def _rec(
    day: int, status: S | None, *, hours: int = 1, cancelled: bool = False
) -> OccurrenceRecord:
    start = datetime(2026, 3, day, 9, 0, tzinfo=UTC)
    return OccurrenceRecord(start, start + timedelta(hours=hours), cancelled, status)


def _outcome(records: dict[str, OccurrenceRecord], links: list[tuple[str, str]]) -> PolicyOutcome:
    return evaluate(AttendancePolicy(), credit_makeups(records, links, NOW).values(), NOW)


def test_an_absence_made_up_counts_as_attended_and_the_makeup_minutes_as_hours() -> None:
    records = {
        "mon2": _rec(2, S.PRESENT),
        "mon9": _rec(9, S.ABSENT_EXCUSED),
        "sat14": _rec(14, S.PRESENT, hours=2),
    }
    before = evaluate(AttendancePolicy(), records.values(), NOW)
    assert (before.held, before.attended, before.rate) == (3, 3 - 1, Decimal("66.67"))
    after = evaluate(
        AttendancePolicy(), credit_makeups(records, [("sat14", "mon9")], NOW).values(), NOW
    )
    assert (after.held, after.attended, after.absences, after.excused) == (2, 2, 0, 0)
    assert after.made_up == 1 and after.rate == Decimal("100.00")
    assert after.hours_earned == Decimal("3.00")  # one hour on the 2nd, two at the make-up
    rate = attendance_rate(credit_makeups(records, [("sat14", "mon9")], NOW).values(), NOW)
    assert rate == Decimal("100.00")


def test_a_makeup_is_not_an_extra_session_for_a_student_who_missed_nothing() -> None:
    records = {
        "mon2": _rec(2, S.PRESENT),
        "mon9": _rec(9, S.PRESENT),
        "sat14": _rec(14, S.ABSENT_UNEXCUSED),
    }
    out = _outcome(records, [("sat14", "mon9")])
    assert (out.held, out.attended, out.absences, out.made_up) == (2, 2, 0, 0)


def test_staying_away_from_the_makeup_leaves_the_absence() -> None:
    records = {"mon9": _rec(9, S.ABSENT_UNEXCUSED), "sat14": _rec(14, S.ABSENT_UNEXCUSED)}
    out = _outcome(records, [("sat14", "mon9")])
    assert (out.held, out.attended, out.absences, out.made_up) == (1, 0, 1, 0)


def test_unmarked_cancelled_or_later_sessions_are_not_made_up() -> None:
    links = [("sat14", "mon9")]
    unmarked = {"mon9": _rec(9, None), "sat14": _rec(14, S.PRESENT)}
    assert makeup_for(unmarked, links, NOW) == {}
    cancelled = {"mon9": _rec(9, S.ABSENT_EXCUSED), "sat14": _rec(14, S.PRESENT, cancelled=True)}
    assert makeup_for(cancelled, links, NOW) == {}
    before = {"mon9": _rec(9, S.ABSENT_EXCUSED), "sat14": _rec(14, S.PRESENT)}
    assert makeup_for(before, links, datetime(2026, 3, 13, tzinfo=UTC)) == {}  # not held yet
    backwards = {"mon9": _rec(16, S.ABSENT_EXCUSED), "sat14": _rec(14, S.PRESENT)}
    assert makeup_for(backwards, links, NOW) == {}  # the make-up came first


def test_one_makeup_makes_up_one_absence_per_student_the_earliest_first() -> None:
    records = {
        "mon2": _rec(2, S.ABSENT_UNEXCUSED),
        "mon9": _rec(9, S.ABSENT_EXCUSED),
        "sat14": _rec(14, S.PRESENT),
        "sat21": _rec(21, S.LATE),
    }
    one = [("sat14", "mon2"), ("sat14", "mon9")]
    assert makeup_for(records, one, NOW) == {"mon2": "sat14"}
    two = [*one, ("sat21", "mon2"), ("sat21", "mon9")]
    assert makeup_for(records, two, NOW) == {"mon2": "sat14", "mon9": "sat21"}
    out = _outcome(records, two)
    assert (out.held, out.attended, out.made_up, out.rate) == (2, 2, 2, Decimal("100.00"))


def test_a_partial_attendance_makes_up_and_earns_its_recorded_minutes() -> None:
    partial = OccurrenceRecord(
        datetime(2026, 3, 14, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 14, 11, 0, tzinfo=UTC),
        False,
        S.PARTIAL,
        minutes=45,
    )
    records = {"mon9": _rec(9, S.ABSENT_UNEXCUSED), "sat14": partial}
    out = _outcome(records, [("sat14", "mon9")])
    assert (out.made_up, out.hours_earned) == (1, Decimal("0.75"))


def test_a_link_to_a_session_the_student_was_not_on_changes_nothing() -> None:
    records = {"mon9": _rec(9, S.ABSENT_UNEXCUSED)}
    credited = credit_makeups(records, [("sat14", "mon9"), ("mon9", "mon9")], NOW)
    assert credited == records
