"""Session series expand in the facility's timezone, across DST, with overrides and exclusions."""

from __future__ import annotations

import calendar
import random
from datetime import UTC, date, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from app.domain.errors import InvalidRecurrence, UnknownTimezone, ValidationError
from app.domain.recurrence import (
    Occurrence,
    OccurrenceOverride,
    SeriesSpec,
    compile_series,
    expand,
    parse_duration,
    split_series_at,
    validate_series,
)

NY = "America/New_York"


def spec(
    rule: str | None = "FREQ=WEEKLY;BYDAY=MO",
    start: datetime = datetime(2026, 1, 5, 9, 0),
    tz: str = NY,
    minutes: int = 90,
    **kw: object,
) -> SeriesSpec:
    return SeriesSpec(
        dtstart_local=start,
        duration_minutes=minutes,
        rrule=rule,
        timezone=tz,
        **kw,  # type: ignore[arg-type]
    )


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def dates(occs: list[Occurrence]) -> list[date]:
    return [o.original_date for o in occs]


# -- DST -------------------------------------------------------------------------------------


def test_new_york_spring_forward_keeps_local_time_and_moves_utc() -> None:
    occs = expand(spec(), date(2026, 3, 1), date(2026, 3, 15))
    assert dates(occs) == [date(2026, 3, 2), date(2026, 3, 9)]
    before, after = occs
    assert (before.start_local.hour, after.start_local.hour) == (9, 9)
    assert before.start_utc == utc(2026, 3, 2, 14, 0)
    assert after.start_utc == utc(2026, 3, 9, 13, 0)
    assert before.start_local.utcoffset() == timedelta(hours=-5)
    assert after.start_local.utcoffset() == timedelta(hours=-4)
    assert after.end_utc == utc(2026, 3, 9, 14, 30)
    assert after.end_local.hour == 10 and after.end_local.minute == 30


def test_new_york_fall_back() -> None:
    occs = expand(spec(), date(2026, 10, 25), date(2026, 11, 8))
    assert [o.start_utc for o in occs] == [utc(2026, 10, 26, 13), utc(2026, 11, 2, 14)]
    assert all(o.start_local.hour == 9 for o in occs)


def test_london_both_changes() -> None:
    s = spec(tz="Europe/London")
    spring = expand(s, date(2026, 3, 23), date(2026, 3, 30))
    assert [o.start_utc for o in spring] == [utc(2026, 3, 23, 9), utc(2026, 3, 30, 8)]
    autumn = expand(s, date(2026, 10, 19), date(2026, 10, 26))
    assert [o.start_utc for o in autumn] == [utc(2026, 10, 19, 8), utc(2026, 10, 26, 9)]


def test_sydney_southern_hemisphere() -> None:
    s = spec(tz="Australia/Sydney")
    # DST ends on 2026-04-05: AEDT (+11) before, AEST (+10) after.
    april = expand(s, date(2026, 3, 30), date(2026, 4, 6))
    assert [o.start_utc for o in april] == [utc(2026, 3, 29, 22), utc(2026, 4, 5, 23)]
    # DST starts on 2026-10-04.
    october = expand(s, date(2026, 9, 28), date(2026, 10, 5))
    assert [o.start_utc for o in october] == [utc(2026, 9, 27, 23), utc(2026, 10, 4, 22)]
    assert all(o.start_local.hour == 9 for o in april + october)
    # The local date is the key, even when the UTC date is the day before.
    assert april[0].original_date == date(2026, 3, 30)
    assert april[0].start_utc.date() == date(2026, 3, 29)


def test_nonexistent_time_moves_forward_by_the_gap() -> None:
    s = spec("FREQ=DAILY", start=datetime(2026, 3, 6, 2, 30), minutes=60)
    occs = expand(s, date(2026, 3, 7), date(2026, 3, 9))
    assert dates(occs) == [date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9)]
    gap = occs[1]
    assert gap.start_local.replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)
    assert gap.start_utc == utc(2026, 3, 8, 7, 30)
    assert gap.end_utc - gap.start_utc == timedelta(minutes=60)
    assert gap.local_date == date(2026, 3, 8)
    assert occs[2].start_utc == utc(2026, 3, 9, 6, 30)
    assert not gap.rescheduled


def test_ambiguous_time_is_the_first_one() -> None:
    s = spec("FREQ=DAILY", start=datetime(2026, 10, 31, 1, 30), minutes=30)
    occs = expand(s, date(2026, 11, 1), date(2026, 11, 2))
    assert occs[0].start_utc == utc(2026, 11, 1, 5, 30)  # EDT, the first 01:30
    assert occs[1].start_utc == utc(2026, 11, 2, 6, 30)  # EST


def test_duration_is_elapsed_time_across_a_change() -> None:
    s = spec(None, start=datetime(2026, 11, 1, 0, 30), minutes=120)
    (occ,) = expand(s, date(2026, 11, 1), date(2026, 11, 1))
    assert occ.end_utc - occ.start_utc == timedelta(hours=2)
    assert occ.end_local.replace(tzinfo=None) == datetime(2026, 11, 1, 1, 30)
    assert occ.end_local.utcoffset() == timedelta(hours=-5)


# -- rule parts -------------------------------------------------------------------------------


def test_until_in_utc_is_converted_to_local_time() -> None:
    # 09:00 EDT on 2026-03-10 is 13:00Z: an UNTIL one second before excludes it.
    inside = spec("FREQ=DAILY;UNTIL=20260310T130000Z", start=datetime(2026, 3, 8, 9))
    outside = spec("FREQ=DAILY;UNTIL=20260310T125959Z", start=datetime(2026, 3, 8, 9))
    window = (date(2026, 3, 1), date(2026, 3, 31))
    assert dates(expand(inside, *window))[-1] == date(2026, 3, 10)
    assert dates(expand(outside, *window))[-1] == date(2026, 3, 9)


def test_until_in_utc_late_at_night_ends_on_the_right_local_day() -> None:
    s = spec("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261220T235959Z")
    occs = expand(s, date(2026, 12, 1), date(2026, 12, 31))
    assert dates(occs)[-1] == date(2026, 12, 16)


def test_until_as_a_date_includes_that_day() -> None:
    s = spec("FREQ=DAILY;UNTIL=20260110", start=datetime(2026, 1, 5, 18))
    assert dates(expand(s, date(2026, 1, 1), date(2026, 1, 31)))[-1] == date(2026, 1, 10)


def test_count() -> None:
    s = spec("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5")
    assert dates(expand(s, date(2026, 1, 1), date(2027, 1, 1))) == [
        date(2026, 1, 5),
        date(2026, 1, 7),
        date(2026, 1, 12),
        date(2026, 1, 14),
        date(2026, 1, 19),
    ]


def test_exdates_remove_occurrences_and_count_still_counts_them() -> None:
    s = spec("FREQ=WEEKLY;COUNT=4", exdates=(date(2026, 1, 12),))
    assert dates(expand(s, date(2026, 1, 1), date(2026, 12, 31))) == [
        date(2026, 1, 5),
        date(2026, 1, 19),
        date(2026, 1, 26),
    ]


def test_until_local_ends_the_series() -> None:
    s = spec(until_local=date(2026, 1, 19))
    assert dates(expand(s, date(2026, 1, 1), date(2026, 2, 28)))[-1] == date(2026, 1, 19)


def test_rrule_prefix_and_lower_case_are_accepted() -> None:
    a = expand(spec("rrule:freq=weekly;byday=mo,we;"), date(2026, 1, 1), date(2026, 1, 31))
    b = expand(spec("FREQ=WEEKLY;BYDAY=MO,WE"), date(2026, 1, 1), date(2026, 1, 31))
    assert a == b and len(a) == 8


def test_single_session_when_no_rule() -> None:
    s = spec(None, start=datetime(2026, 2, 3, 14))
    assert dates(expand(s, date(2026, 2, 1), date(2026, 2, 28))) == [date(2026, 2, 3)]
    assert expand(s, date(2026, 2, 4), date(2026, 2, 28)) == []
    blank = spec("  ", start=datetime(2026, 2, 3))
    assert dates(expand(blank, date(2026, 1, 1), date(2026, 12, 31))) == [date(2026, 2, 3)]


def test_start_that_does_not_match_the_rule_is_not_a_session() -> None:
    s = spec("FREQ=WEEKLY;BYDAY=MO", start=datetime(2026, 1, 6, 9))  # a Tuesday
    assert dates(expand(s, date(2026, 1, 1), date(2026, 1, 13))) == [date(2026, 1, 12)]


def test_window_bounds_are_inclusive_and_sorted() -> None:
    s = spec("FREQ=WEEKLY;BYDAY=FR,MO")
    occs = expand(s, date(2026, 1, 9), date(2026, 1, 12))
    assert dates(occs) == [date(2026, 1, 9), date(2026, 1, 12)]
    assert expand(s, date(2025, 1, 1), date(2026, 1, 4)) == []


def test_window_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        expand(spec(), date(2026, 2, 1), date(2026, 1, 1))


def test_ids_are_carried() -> None:
    sid, room, instructor = uuid4(), uuid4(), uuid4()
    s = spec(series_id=sid, room_id=room, instructor_id=instructor)
    (occ,) = expand(s, date(2026, 1, 5), date(2026, 1, 5))
    assert (occ.series_id, occ.room_id, occ.instructor_id) == (sid, room, instructor)
    assert not occ.cancelled and not occ.rescheduled and occ.reason is None


def test_wkst_defaults_to_monday_whatever_the_process_calendar_says() -> None:
    # With INTERVAL=2 the week start decides which Sunday belongs to an "on" week.
    s = spec("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU")
    explicit = spec("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=MO")
    sunday_start = spec("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU")
    window = (date(2026, 1, 1), date(2026, 2, 28))
    previous = calendar.firstweekday()
    calendar.setfirstweekday(calendar.SUNDAY)
    try:
        got = dates(compile_series(s).expand(*window))
    finally:
        calendar.setfirstweekday(previous)
    assert got == dates(compile_series(explicit).expand(*window))
    assert got != dates(compile_series(sunday_start).expand(*window))


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=WEEKLY;BYDAY=TU,TH",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,SA;WKST=SU",
        "FREQ=WEEKLY;BYDAY=MO;BYMONTH=1,2,3,9,10,11,12",
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=20310101T000000Z",
        "FREQ=MONTHLY;BYDAY=2TU",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=300",
    ],
)
def test_expansion_matches_plain_dateutil_in_far_windows(rule: str) -> None:
    """Windows years after DTSTART (where expansion restarts the rule) match a full expansion."""
    start = datetime(2025, 9, 3, 17, 45)  # a Wednesday
    compiled = compile_series(spec(rule, start=start, tz="Europe/London"))
    local_rule = rule.replace("UNTIL=20310101T000000Z", "UNTIL=20310101T000000")
    everything = [
        dt
        for dt in rrulestr(local_rule + ";WKST=MO" * ("WKST" not in rule), dtstart=start).between(
            start, datetime(2031, 12, 31), inc=True
        )
    ]
    rng = random.Random(rule)
    for _ in range(15):
        lo = date(2025, 9, 1) + timedelta(days=rng.randrange(0, 365 * 6))
        hi = lo + timedelta(days=rng.randrange(0, 60))
        expected = [dt.date() for dt in everything if lo <= dt.date() <= hi]
        assert dates(compiled.expand(lo, hi)) == expected, (lo, hi)


def test_expand_function_and_compiled_series_agree() -> None:
    s = spec("FREQ=WEEKLY;BYDAY=MO,TH")
    window = (date(2026, 4, 1), date(2026, 5, 1))
    assert expand(s, *window) == compile_series(s).expand(*window)
    assert expand(s, *window) == expand(s, *window)


def test_expand_accepts_an_unhashable_spec() -> None:
    s = spec(exdates=[date(2026, 1, 12)])  # a list, not the declared tuple
    assert dates(expand(s, date(2026, 1, 1), date(2026, 1, 19))) == [
        date(2026, 1, 5),
        date(2026, 1, 19),
    ]


def test_occurrence_on() -> None:
    compiled = compile_series(spec())
    occ = compiled.occurrence_on(date(2026, 3, 9))
    assert occ is not None and occ.start_utc == utc(2026, 3, 9, 13)
    assert compiled.occurrence_on(date(2026, 3, 10)) is None


# -- overrides --------------------------------------------------------------------------------


def test_cancelled_occurrence_is_kept_and_flagged() -> None:
    ov = OccurrenceOverride(date(2026, 1, 12), cancelled=True, reason="Lockdown")
    occs = expand(spec(), date(2026, 1, 1), date(2026, 1, 31), [ov])
    assert dates(occs) == [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 19),
        date(2026, 1, 26),
    ]
    assert [o.cancelled for o in occs] == [False, True, False, False]
    assert occs[1].reason == "Lockdown" and occs[1].override == ov
    assert not occs[1].rescheduled


def test_rescheduled_occurrence_keeps_its_key() -> None:
    ov = OccurrenceOverride(date(2026, 1, 12), new_start_local=datetime(2026, 1, 13, 15, 0))
    occs = expand(spec(), date(2026, 1, 1), date(2026, 1, 31), {ov.original_date: ov})
    moved = occs[1]
    assert moved.original_date == date(2026, 1, 12)
    assert moved.local_date == date(2026, 1, 13)
    assert moved.start_utc == utc(2026, 1, 13, 20, 0)
    assert moved.end_utc == utc(2026, 1, 13, 21, 30)
    assert moved.rescheduled and not moved.cancelled


def test_reschedule_reorders_by_new_start() -> None:
    ov = OccurrenceOverride(date(2026, 1, 12), new_start_local=datetime(2026, 1, 20, 8, 0))
    occs = expand(spec(), date(2026, 1, 1), date(2026, 1, 31), [ov])
    assert dates(occs) == [
        date(2026, 1, 5),
        date(2026, 1, 19),
        date(2026, 1, 12),
        date(2026, 1, 26),
    ]


def test_occurrence_moved_into_the_window_is_found() -> None:
    ov = OccurrenceOverride(date(2026, 2, 2), new_start_local=datetime(2026, 1, 30, 9, 0))
    occs = expand(spec(), date(2026, 1, 27), date(2026, 1, 31), [ov])
    assert dates(occs) == [date(2026, 2, 2)]
    assert occs[0].local_date == date(2026, 1, 30)


def test_occurrence_moved_out_of_the_window_is_gone() -> None:
    ov = OccurrenceOverride(date(2026, 1, 26), new_start_local=datetime(2026, 2, 3, 9, 0))
    assert expand(spec(), date(2026, 1, 20), date(2026, 1, 31), [ov]) == []
    later = expand(spec(), date(2026, 2, 1), date(2026, 2, 7), [ov])
    assert dates(later) == [date(2026, 2, 2), date(2026, 1, 26)]  # by new start


def test_new_duration_substitute_and_room() -> None:
    sub, room = uuid4(), uuid4()
    s = spec(instructor_id=uuid4(), room_id=uuid4())
    overrides = [
        OccurrenceOverride(date(2026, 1, 5), new_duration_minutes=45),
        OccurrenceOverride(date(2026, 1, 12), substitute_instructor_id=sub),
        OccurrenceOverride(date(2026, 1, 19), room_id=room, reason="Flooded"),
    ]
    short, substituted, moved_room, plain = expand(
        s, date(2026, 1, 1), date(2026, 1, 31), overrides
    )
    assert short.duration_minutes == 45 and short.end_utc - short.start_utc == timedelta(minutes=45)
    assert short.rescheduled
    assert substituted.instructor_id == sub and substituted.room_id == s.room_id
    assert not substituted.rescheduled
    assert moved_room.room_id == room and moved_room.instructor_id == s.instructor_id
    assert moved_room.reason == "Flooded"
    assert (plain.room_id, plain.instructor_id) == (s.room_id, s.instructor_id)


def test_reschedule_into_a_dst_gap_lands_after_it() -> None:
    ov = OccurrenceOverride(date(2026, 3, 9), new_start_local=datetime(2026, 3, 8, 2, 15))
    (occ,) = expand(spec(), date(2026, 3, 8), date(2026, 3, 8), [ov])
    assert occ.start_local.replace(tzinfo=None) == datetime(2026, 3, 8, 3, 15)


def test_overrides_for_dates_that_are_not_occurrences_are_ignored() -> None:
    s = spec(exdates=(date(2026, 1, 19),))
    overrides = [
        OccurrenceOverride(date(2026, 1, 13), cancelled=True),  # a Tuesday
        OccurrenceOverride(date(2026, 1, 14), new_start_local=datetime(2026, 1, 15, 9)),
        OccurrenceOverride(date(2026, 1, 19), new_start_local=datetime(2026, 1, 20, 9)),
    ]
    occs = expand(s, date(2026, 1, 1), date(2026, 1, 31), overrides)
    assert dates(occs) == [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 26)]
    assert not any(o.cancelled or o.rescheduled for o in occs)


def test_override_validation() -> None:
    with pytest.raises(InvalidRecurrence, match="at least one minute"):
        OccurrenceOverride(date(2026, 1, 5), new_duration_minutes=0)
    with pytest.raises(InvalidRecurrence, match="without a timezone"):
        OccurrenceOverride(date(2026, 1, 5), new_start_local=datetime(2026, 1, 5, tzinfo=UTC))


# -- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("garbage", "“garbage” is not of the form NAME=VALUE"),
        ("BYDAY=MO", "no FREQ"),
        ("FREQ=FORTNIGHTLY", "not one of DAILY"),
        ("FREQ=HOURLY", "FREQ=HOURLY is not allowed: sessions repeat at most daily"),
        ("FREQ=MINUTELY;INTERVAL=30", "at most daily"),
        ("FREQ=SECONDLY", "at most daily"),
        ("DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY", "DTSTART does not belong"),
        ("FREQ=WEEKLY;DTSTART=20260105", "DTSTART does not belong"),
        ("FREQ=WEEKLY\nEXDATE:20260112", "single RRULE line"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY value “XX”"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be a whole number from 1 to 1000"),
        ("FREQ=WEEKLY;INTERVAL=99999999999", "INTERVAL must be a whole number"),
        ("FREQ=WEEKLY;COUNT=-1", "COUNT must be a whole number"),
        ("FREQ=WEEKLY;COUNT=100001", "COUNT must be a whole number from 1 to 100000"),
        ("FREQ=WEEKLY;COUNT=²", "COUNT must be a whole number"),
        ("FREQ=WEEKLY;BYWEEKNO=3", "BYWEEKNO cannot be used with FREQ=WEEKLY"),
        ("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY cannot be used with FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYYEARDAY=3", "BYYEARDAY cannot be used with FREQ=MONTHLY"),
        ("FREQ=WEEKLY;BYDAY=1MO", "BYDAY value “1MO” needs FREQ=MONTHLY or YEARLY"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20261231", "COUNT and UNTIL"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH value “13” is out of range"),
        ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY value “-32”"),
        ("FREQ=WEEKLY;UNTIL=2026", "UNTIL=2026 is not a date"),
        ("FREQ=WEEKLY;UNTIL=20260230", "not a real date"),
        ("FREQ=DAILY;BYHOUR=9,14", "BYHOUR is not allowed"),
        ("FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice"),
        ("FREQ=YEARLY;BYEASTER=0", "BYEASTER is not a supported part"),
        ("FREQ=WEEKLY;WKST=XY", "WKST=XY"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS value “0”"),
        ("FREQ=MONTHLY;BYDAY=+54MO", "BYDAY value “\\+54MO”"),
    ],
)
def test_bad_rules_are_named(rule: str, message: str) -> None:
    with pytest.raises(InvalidRecurrence, match=message) as err:
        validate_series(spec(rule))
    assert err.value.field == "rrule"
    assert "is not valid" in str(err.value)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;UNTIL=20251231T000000Z",  # ends before it starts
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",  # never happens
        "FREQ=WEEKLY;BYDAY=MO;COUNT=1",  # its only session is excluded below
    ],
)
def test_rule_that_yields_nothing_is_refused(rule: str) -> None:
    with pytest.raises(InvalidRecurrence, match="no session"):
        validate_series(spec(rule, exdates=(date(2026, 1, 5),)))


def test_single_session_that_is_excluded_is_refused() -> None:
    with pytest.raises(InvalidRecurrence, match="no session"):
        validate_series(spec(None, exdates=(date(2026, 1, 5),)))


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "America", "../etc/passwd", "utc"])
def test_unknown_timezone(name: str) -> None:
    with pytest.raises(UnknownTimezone):
        validate_series(spec(tz=name))


@pytest.mark.parametrize(
    ("minutes", "ok"), [(0, False), (-5, False), (1, True), (1440, True), (1441, False)]
)
def test_duration_bounds(minutes: int, ok: bool) -> None:
    if ok:
        validate_series(spec(minutes=minutes))
    else:
        with pytest.raises(InvalidRecurrence, match=r"at least one minute|more than 24 hours"):
            validate_series(spec(minutes=minutes))


def test_end_date_before_start_is_refused() -> None:
    with pytest.raises(InvalidRecurrence, match="ends before it starts") as err:
        validate_series(spec(until_local=date(2026, 1, 4)))
    assert err.value.field == "until_local"


def test_aware_start_is_refused() -> None:
    with pytest.raises(InvalidRecurrence, match="without a timezone"):
        validate_series(spec(start=datetime(2026, 1, 5, 9, tzinfo=ZoneInfo(NY))))


def test_unbounded_and_long_counted_rules_are_fine() -> None:
    validate_series(spec("FREQ=DAILY"))
    validate_series(spec("FREQ=DAILY;COUNT=5000"))
    occs = expand(spec("FREQ=DAILY"), date(2046, 1, 1), date(2046, 1, 31))
    assert len(occs) == 31 and all(o.start_local.hour == 9 for o in occs)


def test_errors_are_validation_errors() -> None:
    assert issubclass(InvalidRecurrence, ValidationError)
    assert issubclass(UnknownTimezone, ValidationError)


# -- splitting a series -----------------------------------------------------------------------


def test_split_with_count_keeps_every_session() -> None:
    s = spec("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10", series_id=uuid4(), exdates=(date(2026, 1, 7),))
    old, new = split_series_at(s, date(2026, 1, 20))  # a Tuesday: the new part starts Wednesday
    assert old.until_local == date(2026, 1, 19)
    assert old.series_id == s.series_id and new.series_id is None
    assert new.dtstart_local == datetime(2026, 1, 21, 9, 0)
    assert new.rrule == "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5"  # 5, 7 (excluded), 12, 14, 19 went
    assert old.exdates == (date(2026, 1, 7),) and new.exdates == ()
    window = (date(2025, 12, 1), date(2026, 12, 31))
    whole = [o.start_utc for o in expand(s, *window)]
    parts = [o.start_utc for o in expand(old, *window) + expand(new, *window)]
    assert parts == whole and len(whole) == 9


def test_split_with_until_keeps_the_rule_and_exclusions() -> None:
    rule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630T235959Z"
    s = spec(rule, start=datetime(2026, 1, 6, 18), exdates=(date(2026, 2, 3), date(2026, 4, 7)))
    old, new = split_series_at(s, date(2026, 3, 10))
    assert new.rrule == rule and new.dtstart_local == datetime(2026, 3, 10, 18)
    assert old.exdates == (date(2026, 2, 3),) and new.exdates == (date(2026, 4, 7),)
    window = (date(2026, 1, 1), date(2026, 12, 31))
    assert expand(old, *window) + expand(new, *window) == expand(s, *window)


def test_split_of_an_endless_series_and_of_a_series_with_an_end_date() -> None:
    s = spec(until_local=date(2026, 6, 1))
    old, new = split_series_at(s, date(2026, 3, 1))
    assert (old.until_local, new.until_local) == (date(2026, 2, 28), date(2026, 6, 1))
    assert new.dtstart_local == datetime(2026, 3, 2, 9)


def test_split_refusals() -> None:
    s = spec("FREQ=WEEKLY;COUNT=3")
    with pytest.raises(ValidationError, match="no session on or after 2026-01-20"):
        split_series_at(s, date(2026, 1, 20))
    with pytest.raises(ValidationError, match="first session"):
        split_series_at(s, date(2026, 1, 5))
    with pytest.raises(ValidationError, match="first session"):
        split_series_at(s, date(2025, 12, 1))


# -- durations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1h30m", 90),
        ("90m", 90),
        ("2h", 120),
        ("90", 90),
        (" 1H 30M ", 90),
        ("1h30m0s", 90),
        ("PT1H15M", 75),
        ("120s", 2),
    ],
)
def test_parse_duration(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "abc", "1.5h", "h", "30m1h", "-30", "0", "0h0m", "90s", "PT"])
def test_parse_duration_refuses_garbage(text: str) -> None:
    with pytest.raises(InvalidRecurrence):
        parse_duration(text)
