"""Student numbers STU-YYYY-NNNN: formatting, parsing and the next number of a year."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.domain.student_numbers import (
    PATTERN,
    format_student_number,
    next_student_number,
    parse_student_number,
)


@pytest.mark.parametrize(
    ("year", "seq", "text"),
    [
        (2026, 1, "STU-2026-0001"),
        (2026, 42, "STU-2026-0042"),
        (2026, 9999, "STU-2026-9999"),
        (2026, 10000, "STU-2026-10000"),
        (1900, 1, "STU-1900-0001"),
        (2999, 123456, "STU-2999-123456"),
    ],
)
def test_format_and_parse_round_trip(year: int, seq: int, text: str) -> None:
    assert format_student_number(year, seq) == text
    assert parse_student_number(text) == (year, seq)
    assert PATTERN.match(text)


@pytest.mark.parametrize(("year", "seq"), [(1899, 1), (3000, 1), (2026, 0), (2026, -4)])
def test_format_refuses_out_of_range(year: int, seq: int) -> None:
    with pytest.raises(ValidationError) as err:
        format_student_number(year, seq)
    assert err.value.field == "student_number"


def test_parse_tolerates_spaces_and_lower_case() -> None:
    assert parse_student_number("  stu-2025-0107 ") == (2025, 107)
    assert parse_student_number("Stu-2025-0107") == (2025, 107)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "STU-2026-001",  # too few digits
        "STU-26-0001",
        "STU2026-0001",
        "STU-2026-0001X",
        "XSTU-2026-0001",
        "STU-2026- 0001",
        "STU-2026-0000",  # sequences start at 1
        "STU-1776-0001",  # year out of range
        "STU-٢٠٢٦-0001",  # Arabic-Indic digits
        "STU-2026-0001\nSTU-2026-0002",
    ],
)
def test_parse_refuses_malformed(text: str | None) -> None:
    with pytest.raises(ValidationError) as err:
        parse_student_number(text)
    assert err.value.field == "student_number"


def test_parse_message_names_the_value_and_the_form() -> None:
    with pytest.raises(ValidationError, match=r"“ABC-1” is not a student number.*STU-YYYY-NNNN"):
        parse_student_number(" ABC-1 ")


def test_next_number_of_a_year() -> None:
    existing = [
        "STU-2026-0003",
        "stu-2026-0011",
        "STU-2025-0500",  # another year
        "STU-2027-0900",
        "STU-2026-12",  # malformed
        "garbage",
        "",
        "STU-2026-0007",
    ]
    assert next_student_number(2026, existing) == "STU-2026-0012"
    assert next_student_number(2025, existing) == "STU-2025-0501"
    assert next_student_number(2028, existing) == "STU-2028-0001"
    assert next_student_number(2026, []) == "STU-2026-0001"


def test_next_number_grows_past_four_digits() -> None:
    assert next_student_number(2026, ["STU-2026-9999"]) == "STU-2026-10000"
    assert next_student_number(2026, iter(["STU-2026-10000", "STU-2026-9999"])) == "STU-2026-10001"
