"""Student numbers STU-YYYY-NNNN as imports parse them."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.domain.student_numbers import PATTERN, parse_student_number


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
def test_parse(year: int, seq: int, text: str) -> None:
    assert parse_student_number(text) == (year, seq)
    assert PATTERN.match(text)


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
        "STU-3000-0001",
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
