"""Attendance rate, lateness, minutes and the hours policy, computed one way for the whole app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app.domain.attendance import (
    AttendancePolicy,
    OccurrenceRecord,
    attendance_rate,
    classify_arrival,
    evaluate,
    minutes_between,
)
from app.domain.enums import AttendanceStatus as S
from app.domain.errors import ValidationError

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def rec(
    days_ago: float,
    status: S | None,
    *,
    cancelled: bool = False,
    minutes: int | None = None,
    length: int = 120,
) -> OccurrenceRecord:
    start = NOW - timedelta(days=days_ago)
    return OccurrenceRecord(
        start_utc=start,
        end_utc=start + timedelta(minutes=length),
        cancelled=cancelled,
        status=status,
        minutes=minutes,
    )


# -- minutes and arrival ----------------------------------------------------------------------


def test_minutes_between_floors_and_handles_missing() -> None:
    t = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert minutes_between(t, t + timedelta(minutes=90, seconds=59)) == 90
    assert minutes_between(t, t) == 0
    assert minutes_between(None, t) is None
    assert minutes_between(t, None) is None


def test_minutes_between_across_dst_counts_real_time() -> None:
    ny = ZoneInfo("America/New_York")
    check_in = datetime(2026, 3, 8, 1, 30, tzinfo=ny)  # EST
    check_out = datetime(2026, 3, 8, 3, 30, tzinfo=ny)  # EDT: one real hour later
    assert minutes_between(check_in, check_out) == 60


def test_minutes_between_refuses_bad_input() -> None:
    t = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with pytest.raises(ValidationError, match="check-out time is before the check-in") as err:
        minutes_between(t, t - timedelta(seconds=1))
    assert err.value.field == "check_out"
    with pytest.raises(ValidationError, match="timezone"):
        minutes_between(datetime(2026, 3, 2, 9), t)
    with pytest.raises(ValidationError, match="timezone"):
        minutes_between(t, datetime(2026, 3, 2, 10))


@pytest.mark.parametrize(
    ("after", "expected"),
    [(-5, S.PRESENT), (0, S.PRESENT), (10, S.PRESENT), (10.5, S.LATE), (45, S.LATE)],
)
def test_classify_arrival(after: float, expected: S) -> None:
    start = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    check_in = start + timedelta(minutes=after)
    assert classify_arrival(start, check_in, AttendancePolicy()) is expected


def test_classify_arrival_uses_the_policy_threshold_and_any_timezone() -> None:
    start = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    local = datetime(2026, 3, 2, 9, 3, tzinfo=ZoneInfo("America/New_York"))
    assert classify_arrival(start, local, AttendancePolicy(tardy_after_minutes=0)) is S.LATE
    assert classify_arrival(start, local, AttendancePolicy(tardy_after_minutes=5)) is S.PRESENT


# -- the rate ---------------------------------------------------------------------------------


def test_rate_counts_present_late_and_partial_as_attended() -> None:
    records = [rec(4, S.PRESENT), rec(3, S.LATE), rec(2, S.PARTIAL), rec(1, S.ABSENT_UNEXCUSED)]
    assert attendance_rate(records, NOW) == Decimal("75.00")


def test_rate_excludes_future_and_cancelled_occurrences() -> None:
    records = [
        rec(2, S.PRESENT),
        rec(1, S.ABSENT_UNEXCUSED),
        rec(-1, None),  # tomorrow
        rec(-7, S.ABSENT_UNEXCUSED),  # next week, wrongly marked: still not counted
        rec(3, None, cancelled=True),
        rec(5, S.ABSENT_UNEXCUSED, cancelled=True),
    ]
    assert attendance_rate(records, NOW) == Decimal("50.00")


def test_rate_counts_unmarked_past_and_excused_as_not_attended() -> None:
    records = [rec(3, S.PRESENT), rec(2, None), rec(1, S.ABSENT_EXCUSED)]
    assert attendance_rate(records, NOW) == Decimal("33.33")


def test_rate_rounds_half_up() -> None:
    # 1/8 = 12.5 % exactly; 2/3 = 66.666… -> 66.67; 1/6 = 16.666… -> 16.67
    assert attendance_rate([rec(1, S.PRESENT)] + [rec(2, None)] * 7, NOW) == Decimal("12.50")
    assert attendance_rate([rec(1, S.PRESENT)] * 2 + [rec(2, None)], NOW) == Decimal("66.67")
    assert attendance_rate([rec(1, S.PRESENT)] + [rec(2, None)] * 5, NOW) == Decimal("16.67")
    # 1/16 = 6.25 exactly; 1/80 = 1.25 exactly (banker's rounding would give 1.2 at one place).
    assert attendance_rate([rec(1, S.PRESENT)] + [rec(2, None)] * 79, NOW) == Decimal("1.25")


def test_rate_of_an_occurrence_starting_now_counts() -> None:
    assert attendance_rate([rec(0, None)], NOW) == Decimal("0.00")
    assert attendance_rate([rec(0, S.PRESENT)], NOW - timedelta(seconds=1)) is None


def test_rate_is_none_without_held_occurrences() -> None:
    assert attendance_rate([], NOW) is None
    assert attendance_rate([rec(-1, None), rec(1, S.PRESENT, cancelled=True)], NOW) is None


def test_rate_needs_aware_times() -> None:
    with pytest.raises(ValidationError):
        attendance_rate([rec(1, S.PRESENT)], datetime(2026, 5, 1))
    with pytest.raises(ValidationError, match="occurrence start must carry a timezone"):
        OccurrenceRecord(datetime(2026, 5, 1), NOW, cancelled=False, status=None)


def test_rate_compares_instants_not_wall_times() -> None:
    ny = ZoneInfo("America/New_York")
    # 01:40 EST (fold=1, 06:40Z) has not started at 01:50 EDT (05:50Z): wall times mislead.
    start = datetime(2026, 11, 1, 1, 40, fold=1, tzinfo=ny)
    record = OccurrenceRecord(start, start + timedelta(hours=1), cancelled=False, status=None)
    assert attendance_rate([record], datetime(2026, 11, 1, 1, 50, tzinfo=ny)) is None
    assert attendance_rate([record], datetime(2026, 11, 1, 6, 40, tzinfo=UTC)) == Decimal("0.00")


# -- policy -----------------------------------------------------------------------------------


def test_policy_defaults_and_validation() -> None:
    p = AttendancePolicy()
    assert (p.tardy_after_minutes, p.tardies_per_absence) == (10, 3)
    AttendancePolicy(minimum_rate_pct=Decimal("100"), required_hours=Decimal("0"))
    bad: list[dict[str, object]] = [
        {"tardy_after_minutes": -1},
        {"tardies_per_absence": -1},
        {"required_hours": Decimal("-0.5")},
        {"required_hours": Decimal("NaN")},
        {"minimum_rate_pct": Decimal("100.01")},
        {"minimum_rate_pct": Decimal("-1")},
    ]
    for kwargs in bad:
        with pytest.raises(ValidationError) as err:
            AttendancePolicy(**kwargs)  # type: ignore[arg-type]
        assert err.value.field == next(iter(kwargs))


def test_tardies_convert_to_absences() -> None:
    policy = AttendancePolicy(tardies_per_absence=3, minimum_rate_pct=Decimal("80"))
    records = [rec(d, S.LATE) for d in range(1, 8)] + [rec(d, S.PRESENT) for d in range(8, 11)]
    out = evaluate(policy, records, NOW)
    assert (out.held, out.attended, out.tardies, out.absences) == (10, 10, 7, 0)
    assert out.effective_absences == 2  # 7 // 3
    assert out.rate == Decimal("100.00")
    assert out.effective_rate == Decimal("80.00")
    assert out.meets_minimum is True
    # One more tardy does not convert yet (8 // 3 == 2); a ninth does.
    out9 = evaluate(policy, [*records, rec(11, S.LATE), rec(12, S.LATE)], NOW)
    assert out9.effective_absences == 3
    assert out9.effective_rate == Decimal("75.00")
    assert out9.meets_minimum is False


def test_tardies_never_convert_when_policy_says_zero() -> None:
    policy = AttendancePolicy(tardies_per_absence=0, minimum_rate_pct=Decimal("100"))
    out = evaluate(policy, [rec(d, S.LATE) for d in range(1, 10)], NOW)
    assert out.tardies == 9 and out.effective_absences == 0
    assert out.effective_rate == out.rate == Decimal("100.00")
    assert out.meets_minimum is True


def test_evaluate_counts_absences_of_every_kind() -> None:
    records = [
        rec(1, S.ABSENT_EXCUSED),
        rec(2, S.ABSENT_UNEXCUSED),
        rec(3, None),
        rec(4, S.PRESENT),
        rec(-1, None),
        rec(5, None, cancelled=True),
    ]
    out = evaluate(AttendancePolicy(), records, NOW)
    assert (out.held, out.attended, out.absences) == (4, 1, 3)
    assert (out.excused, out.unmarked) == (1, 1)
    assert out.rate == attendance_rate(records, NOW) == Decimal("25.00")
    assert out.meets_minimum is None  # no minimum set


def test_hours_earned_and_needed() -> None:
    policy = AttendancePolicy(required_hours=Decimal("10"))
    records = [
        rec(1, S.PRESENT),  # scheduled 120 minutes
        rec(2, S.LATE, minutes=95),  # recorded minutes win
        rec(3, S.PARTIAL, minutes=40),
        rec(4, S.PARTIAL),  # partial without minutes earns nothing
        rec(5, S.ABSENT_UNEXCUSED, minutes=30),  # an absence earns nothing
        rec(6, S.PRESENT, cancelled=True),  # never held
        rec(-1, S.PRESENT),  # not yet held
    ]
    out = evaluate(policy, records, NOW, ledger_minutes=50)
    # 120 + 95 + 40 + 50 = 305 minutes = 5.0833 h
    assert out.hours_earned == Decimal("5.08")
    assert out.hours_needed == Decimal("4.92")


def test_hours_needed_never_negative_and_none_without_requirement() -> None:
    records = [rec(d, S.PRESENT, length=60) for d in range(1, 13)]
    out = evaluate(AttendancePolicy(required_hours=Decimal("10")), records, NOW)
    assert out.hours_earned == Decimal("12.00") and out.hours_needed == Decimal("0.00")
    assert evaluate(AttendancePolicy(), records, NOW).hours_needed is None


def test_evaluate_with_nothing_held() -> None:
    out = evaluate(AttendancePolicy(minimum_rate_pct=Decimal("80")), [rec(-1, None)], NOW, 90)
    assert (out.held, out.rate, out.effective_rate, out.meets_minimum) == (0, None, None, None)
    assert out.hours_earned == Decimal("1.50")


def test_evaluate_refuses_negative_ledger_minutes() -> None:
    with pytest.raises(ValidationError, match="Ledger minutes"):
        evaluate(AttendancePolicy(), [], NOW, ledger_minutes=-1)
