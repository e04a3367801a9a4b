"""Look-ups that turn a missing or removed row into ``NotFound`` with a message for a person."""

from __future__ import annotations

from typing import TypeVar

from app.domain.errors import NotFound

__all__ = ["require"]

_T = TypeVar("_T")


def require(row: _T | None, message: str) -> _T:
    """``row``, or ``NotFound(message)`` when there is none."""
    if row is None:
        raise NotFound(message)
    return row
