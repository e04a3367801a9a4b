"""Helpers for service arguments: checked enum values and whole numbers."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from app.domain.errors import ValidationError
from app.domain.validation import field_label

E = TypeVar("E", bound=Enum)


def as_enum(enum_cls: type[E], value: object, *, field: str) -> E:
    """``value`` as a member of ``enum_cls`` (members and their stored values accepted)."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except ValueError:
        raise ValidationError(
            f"{field_label(field)} “{value}” is not one of the allowed values", field=field
        ) from None


def check_whole(
    value: int | None, *, field: str, low: int, high: int, label: str | None = None
) -> int | None:
    """A whole number within [low, high] or ``None``; bools are refused (a UI slip, not a count)."""
    if value is None:
        return None
    shown = label or field_label(field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{shown} must be a whole number", field=field)
    if not low <= value <= high:
        raise ValidationError(f"{shown} must be between {low} and {high}", field=field)
    return value
