"""Helpers for service arguments: the ``KEEP`` default of updates and checked enum values."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Final, Protocol, TypeVar

from app.domain.errors import DuplicateError, ValidationError
from app.domain.validation import clean_name, field_label

E = TypeVar("E", bound=Enum)


class Keep(Enum):
    """A one-value type so that mypy can tell "not given" apart from ``None``."""

    KEEP = "keep"


# Update methods default to KEEP ("leave as it is"); None clears an optional field. The one
# "not given" marker of every partial update.
KEEP: Final = Keep.KEEP


class _Named(Protocol):
    id: uuid.UUID
    name: str


class _NameTaken(Protocol):
    def __call__(self, name: str, *, other_than: uuid.UUID | None = None) -> bool: ...


def new_name(name: str | Keep) -> str | None:
    """The cleaned name an update gives, or ``None`` when it keeps the name."""
    return None if isinstance(name, Keep) else clean_name(name, field="name")


def rename(row: _Named, name: str | None, taken: _NameTaken, message: str) -> None:
    """Give ``row`` a new ``name`` (from ``new_name``) if no other row has it (``taken``):
    ``DuplicateError`` with ``message`` if one has; no change for ``None`` or the same name."""
    if name is not None and name != row.name:
        if taken(name, other_than=row.id):
            raise DuplicateError(message, field="name")
        row.name = name


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


def check_decimal(
    value: Decimal | int | float | str | None,
    *,
    field: str,
    low: Decimal,
    high: Decimal,
    places: int = 2,
    label: str | None = None,
) -> Decimal | None:
    """A decimal within [low, high] with at most ``places`` decimals, or ``None``.

    A float goes through its shortest repr (what a spin box shows), so 0.1 + 0.2 is refused
    for its decimals rather than stored as 0.30000000000000004.
    """
    if value is None:
        return None
    shown = label or field_label(field)
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise ValidationError(f"{shown} must be a number", field=field)
    try:
        number = Decimal(str(value).strip() if isinstance(value, str | float) else value)
    except InvalidOperation:
        raise ValidationError(f"{shown} must be a number", field=field) from None
    if not number.is_finite():
        raise ValidationError(f"{shown} must be a number", field=field)
    if not low <= number <= high:
        raise ValidationError(f"{shown} must be between {low} and {high}", field=field)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise ValidationError(f"{shown} has more than {places} decimals", field=field)
    return number.quantize(Decimal(1).scaleb(-places))
