"""Building a frozen DTO that is mostly a copy of a row (an ORM row or a query's line)."""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["from_row"]

_D = TypeVar("_D", bound="DataclassInstance")


@cache
def _field_names(dto: type[DataclassInstance]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(dto))


def from_row(dto: type[_D], row: object, **given: Any) -> _D:
    """``dto`` with the fields in ``given`` as given and every other field the row's attribute of
    the same name; ``row=None`` makes those other fields None (a row that is not there yet).

    What a DTO renames or computes stands at the call; what it copies is not spelled out again
    field by field. A name in ``given`` that is not a field of ``dto`` raises ``TypeError``.
    """
    copied = {
        name: None if row is None else getattr(row, name)
        for name in _field_names(dto)
        if name not in given
    }
    return dto(**copied, **given)
