"""Names, emails, date ranges and timezone names are checked with messages fit for people."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.errors import UnknownTimezone, ValidationError
from app.domain.validation import (
    check_email,
    check_range,
    check_timezone,
    clean_name,
    clean_text,
    field_label,
)


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("name_first", "First name"),
        ("name_last", "Last name"),
        ("room_name", "Room name"),
        ("title", "Title"),
        ("name", "Name"),
        ("_", "Value"),
    ],
)
def test_field_label(field: str, label: str) -> None:
    assert field_label(field) == label


def test_clean_name_trims_and_collapses_whitespace() -> None:
    assert clean_name("  Ada \t  Lovelace\n", field="name_first") == "Ada Lovelace"
    assert clean_name("Zoë", field="name_first") == "Zoë"


def test_clean_name_normalises_unicode() -> None:
    decomposed = "Zoe\u0308"
    assert clean_name(decomposed, field="name_first") == "Zo\u00eb"


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_clean_name_required(value: str | None) -> None:
    with pytest.raises(ValidationError) as err:
        clean_name(value, field="name_first")
    assert str(err.value) == "First name is required"
    assert err.value.field == "name_first"


def test_clean_name_length() -> None:
    assert clean_name("x" * 100, field="name_first") == "x" * 100
    assert clean_name(" " + "x" * 100 + " ", field="name_first") == "x" * 100
    with pytest.raises(ValidationError) as err:
        clean_name("x" * 101, field="name_first")
    assert str(err.value) == "First name is longer than 100 characters"
    with pytest.raises(ValidationError, match=r"^Class title is longer than 5 characters$"):
        clean_name("abcdef", field="title", max_length=5, label="Class title")


def test_clean_name_refuses_control_characters() -> None:
    with pytest.raises(ValidationError, match="control character"):
        clean_name("Ada\x00", field="name_first")


def test_clean_text_keeps_lines() -> None:
    assert clean_text("  one\r\ntwo\rthree\t ", field="note", max_length=50) == "one\ntwo\nthree"
    assert clean_text("  ", field="note", max_length=50) is None
    with pytest.raises(ValidationError, match=r"^Note is required$"):
        clean_text(None, field="note", max_length=50, required=True)
    with pytest.raises(ValidationError, match="control character"):
        clean_text("bell\x07", field="note", max_length=50)
    with pytest.raises(ValidationError, match="longer than 3"):
        clean_text("abcd", field="note", max_length=3)


# -- email ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Ada@Example.ORG ", "ada@example.org"),
        ("a.b+tag@mail.example.co.uk", "a.b+tag@mail.example.co.uk"),
        (None, None),
        ("   ", None),
    ],
)
def test_check_email_accepts(value: str | None, expected: str | None) -> None:
    assert check_email(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "ada",
        "ada@",
        "@example.org",
        "ada@example",
        "ada@@example.org",
        "a@b@example.org",
        "ada lovelace@example.org",
        "ada@.example.org",
        "ada@example.org.",
        "ada@example..org",
        "ada@-example.org",
        "x" * 65 + "@example.org",
    ],
)
def test_check_email_refuses(value: str) -> None:
    with pytest.raises(ValidationError, match="is not a valid email address") as err:
        check_email(value)
    assert err.value.field == "email"


def test_check_email_length() -> None:
    ok = "a@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + "." + "e" * 60 + ".org"
    assert len(ok) == 249
    assert check_email(ok) == ok
    with pytest.raises(ValidationError, match="longer than 254"):
        check_email("a@" + "b" * 250 + ".org")


# -- ranges -----------------------------------------------------------------------------------


def test_check_range_dates() -> None:
    check_range(date(2026, 1, 1), date(2026, 1, 1), what="the enrollment")
    check_range(date(2026, 1, 1), None, what="the enrollment")
    check_range(None, date(2026, 1, 1), what="the enrollment")
    with pytest.raises(ValidationError) as err:
        check_range(date(2026, 1, 2), date(2026, 1, 1), what="the enrollment", field="end_date")
    assert str(err.value) == "The enrollment ends before it starts"
    assert err.value.field == "end_date"


def test_check_range_datetimes() -> None:
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    check_range(start, start, what="The time log")
    local = datetime(2026, 1, 1, 8, 30, tzinfo=ZoneInfo("America/New_York"))  # 13:30Z
    check_range(start, local, what="The time log")
    with pytest.raises(ValidationError, match=r"^The time log ends before it starts$"):
        check_range(local, start, what="The time log")


def test_check_range_compares_instants_across_fall_back() -> None:
    ny = ZoneInfo("America/New_York")
    first = datetime(2026, 11, 1, 1, 30, tzinfo=ny)  # 05:30Z (EDT)
    second = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=ny)  # 06:10Z (EST), later
    check_range(first, second, what="The time log")
    with pytest.raises(ValidationError):
        check_range(second, first, what="The time log")


def test_check_range_mixing_naive_and_aware_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        check_range(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 2), what="x")


# -- timezones --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["America/New_York", "Europe/London", "UTC", " Australia/Sydney "])
def test_check_timezone_known(name: str) -> None:
    assert check_timezone(name) == ZoneInfo(name.strip())


@pytest.mark.parametrize(
    "name",
    ["Mars/Olympus", "America", "../etc/passwd", "/etc/localtime", "utc", "Europe/Lon\x00don"],
)
def test_check_timezone_unknown(name: str) -> None:
    with pytest.raises(UnknownTimezone) as err:
        check_timezone(name)
    assert "is not a known timezone" in str(err.value)
    assert name.strip() in str(err.value)
    assert err.value.field == "timezone"


@pytest.mark.parametrize("name", [None, "", "  "])
def test_check_timezone_required(name: str | None) -> None:
    with pytest.raises(UnknownTimezone, match="A timezone is required"):
        check_timezone(name)
