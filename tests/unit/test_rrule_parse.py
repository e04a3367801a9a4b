"""One RRULE parse-and-normalise for every layer: the form, the importers, the schedule's edits."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.errors import InvalidRecurrence, ValidationError
from app.domain.rrule import normal_rule, parse_rule, rule_moved_to
from app.importing.series import series_values
from app.services.schedule_dto import SeriesView
from app.services.series_edit import form_of

NY = ZoneInfo("America/New_York")
MONDAY = date(2026, 3, 2)
WEDNESDAY = date(2026, 3, 4)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("FREQ=WEEKLY;BYDAY=MO;", "FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=WEEKLY;;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("freq=weekly;byday=mo,we", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("  FREQ = WEEKLY ; BYDAY = MO, WE ;  ", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("RRULE:FREQ=DAILY;INTERVAL=2", "FREQ=DAILY;INTERVAL=2"),
        ("rrule: freq=daily", "FREQ=DAILY"),
        ("FREQ=MONTHLY;BYDAY=1MO,-1FR", "FREQ=MONTHLY;BYDAY=1MO,-1FR"),
    ],
)
def test_rules_are_read_in_one_normal_form(text: str, normal: str) -> None:
    assert parse_rule(text).text == normal
    assert normal_rule(text) == normal


def test_no_rule_is_one_session() -> None:
    assert normal_rule(None) is None
    assert normal_rule("   ") is None
    assert normal_rule("RRULE:") is None


def test_parts_are_read_by_name() -> None:
    rule = parse_rule("freq=weekly;interval=2;byday=mo,we,fr;count=10;")
    assert (rule.freq, rule.interval, rule.count) == ("WEEKLY", 2, 10)
    assert rule.byday == ("MO", "WE", "FR")
    assert "BYDAY" in rule and "UNTIL" not in rule
    assert (
        rule.replace(COUNT=None, WKST="SU").text == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;WKST=SU"
    )


@pytest.mark.parametrize(
    ("until", "local"),
    [
        ("20261220", datetime(2026, 12, 20, 23, 59, 59)),  # the whole local day
        ("20261220T170000", datetime(2026, 12, 20, 17, 0)),  # local wall time
        ("20261220T170000Z", datetime(2026, 12, 20, 12, 0)),  # UTC, read in New York
        ("20261220t170000z", datetime(2026, 12, 20, 12, 0)),
    ],
)
def test_until_forms(until: str, local: datetime) -> None:
    rule = parse_rule(f"FREQ=WEEKLY;UNTIL={until}")
    assert rule.until_local(NY) == local
    after = rule.to_dateutil(datetime(2026, 12, 14, 9, 0), NY)
    assert list(after) == [datetime(2026, 12, 14, 9, 0)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FREQ=WEEK LY", "has a space inside"),
        ("FREQ=WEEKLY;BYDAY", "“BYDAY” is not of the form NAME=VALUE"),
        ("FREQ=WEEKLY;BYDAY=MO,,WE", "BYDAY value “” is not a weekday"),
        ("FREQ=WEEKLY;BYDAY=MON", "BYDAY value “MON” is not a weekday"),
        ("BYDAY=MO;", "no FREQ"),
        (";", "it is empty"),
        ("FREQ=WEEKLY;UNTIL=2026-12-20", "UNTIL=2026-12-20 is not a date"),
        ("FREQ=WEEKLY;UNTIL=20261320", "not a real date"),
        ("FREQ=WEEKLY\nFREQ=DAILY", "single RRULE line"),
        ("freq=weekly;freq=daily", "FREQ is given twice"),
    ],
)
def test_invalid_rules_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidRecurrence, match=message) as err:
        parse_rule(text)
    assert isinstance(err.value, ValidationError)
    assert err.value.field == "rrule"
    assert str(err.value).startswith(f"The recurrence rule “{text}” is not valid: ")


# -- the callers that split rules by hand before --------------------------------------------


def _series(rule: str | None) -> SeriesView:
    return SeriesView(
        id=uuid.uuid4(),
        class_id=uuid.uuid4(),
        class_name="Welding",
        facility_id=uuid.uuid4(),
        timezone="America/New_York",
        dtstart_local=datetime(2026, 3, 2, 9, 0),
        duration_minutes=90,
        rrule=rule,
        until_local=None,
        exdates=(),
        room_id=None,
        room_name=None,
        instructor_id=None,
        instructor_name=None,
    )


@pytest.mark.parametrize(
    "rule", ["freq=weekly;byday=mo,we", "FREQ=WEEKLY;BYDAY=MO,WE;", "FREQ=WEEKLY; BYDAY=MO, WE"]
)
def test_the_series_form_reads_any_spelling_of_a_weekly_rule(rule: str) -> None:
    form = form_of(_series(rule), None, MONDAY)
    assert (form.repeat, form.weekdays, form.rule) == ("weekly", (0, 2), None)


def test_the_series_form_reads_a_lower_case_count() -> None:
    form = form_of(_series("freq=daily;interval=2;count=12"), None, MONDAY)
    assert (form.repeat, form.interval, form.end, form.count) == ("daily", 2, "count", 12)


def test_the_series_form_keeps_a_rule_it_cannot_show_in_normal_form() -> None:
    form = form_of(_series("freq=monthly;bymonthday=3;"), None, MONDAY)
    assert (form.repeat, form.rule) == ("rule", "FREQ=MONTHLY;BYMONTHDAY=3")


@pytest.mark.parametrize(
    ("rule", "moved"),
    [
        ("FREQ=WEEKLY;BYDAY=MO;", "FREQ=WEEKLY;BYDAY=WE"),
        ("freq=weekly;byday=mo", "FREQ=WEEKLY;BYDAY=WE"),
        ("FREQ=WEEKLY;COUNT=5;", "FREQ=WEEKLY;COUNT=5"),
    ],
)
def test_moving_all_future_sessions_to_another_weekday(rule: str, moved: str) -> None:
    assert rule_moved_to(rule, MONDAY, WEDNESDAY) == moved


def test_moving_a_rule_of_several_weekdays_is_refused() -> None:
    with pytest.raises(ValidationError, match="needs a new rule") as err:
        rule_moved_to("freq=weekly;byday=mo,we", MONDAY, WEDNESDAY)
    assert err.value.field == "new_start_local"


def test_an_imported_rule_is_stored_in_normal_form() -> None:
    values = series_values(
        "DTSTART:20260302T140000Z\\nRRULE:freq=weekly;byday=mo;", "90", None, "America/New_York"
    )
    assert values["recurrence_rule"] == "FREQ=WEEKLY;BYDAY=MO"
    assert values["dtstart_local"] == datetime(2026, 3, 2, 9, 0)
