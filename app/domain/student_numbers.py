"""Student numbers of the form ``STU-YYYY-NNNN`` (seed 001), as imports read them."""

from __future__ import annotations

import re

from app.domain.errors import ValidationError

__all__ = ["PATTERN", "parse_student_number"]

# ASCII only: \d would otherwise also accept digits of other scripts.
PATTERN = re.compile(r"^STU-(\d{4})-(\d{4,})$", re.ASCII)

MIN_YEAR, MAX_YEAR = 1900, 2999


def _check(year: int, seq: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            f"The year of a student number must be between {MIN_YEAR} and {MAX_YEAR}, not {year}",
            field="student_number",
        )
    if seq < 1:
        raise ValidationError(
            "The sequence of a student number starts at 1", field="student_number"
        )


def parse_student_number(text: str | None) -> tuple[int, int]:
    """(year, sequence) of a student number; surrounding spaces and lower case are tolerated.

    Raises ``ValidationError`` for anything that is not ``STU-YYYY-NNNN``.
    """
    raw = (text or "").strip()
    m = PATTERN.match(raw.upper())
    if m is None:
        raise ValidationError(
            f"“{raw}” is not a student number (expected STU-YYYY-NNNN, e.g. STU-2026-0001)",
            field="student_number",
        )
    year, seq = int(m.group(1)), int(m.group(2))
    _check(year, seq)
    return year, seq
