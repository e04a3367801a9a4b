"""Enrollment rules: which status changes are allowed, which need a reason, capacity and waitlist.

The life cycle (statuses of seed 000 plus the waitlist of seeds 003 and 004):

- Waitlisted -> Enrolled (a place came free) or Cancelled (taken off the waitlist);
- Enrolled -> Completed, Cancelled, or any ``Incomplete: *`` (withdrawn, dropped, failed to
  complete, transferred, segregated);
- a final state (Completed, Cancelled, ``Incomplete: *``) -> Enrolled only: re-enrolment, which
  needs a reason because it reopens a closed record. A final state never goes back to the
  waitlist: someone re-enrolling into a full class is a new admission decision.

A reason is required for Cancelled, every ``Incomplete: *`` and re-enrolment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from types import MappingProxyType
from uuid import UUID

from app.domain.enums import EnrollmentStatus
from app.domain.errors import CapacityExceeded, InvalidTransition, ReasonRequired, ValidationError
from app.domain.validation import clean_text

__all__ = [
    "ALLOWED_TRANSITIONS",
    "INCOMPLETE",
    "REASON_MAX_LENGTH",
    "REASON_REQUIRED",
    "admission_status",
    "check_transition",
    "next_waitlist_position",
    "promotable",
    "reason_required",
    "withdrawal_progress_pct",
]

REASON_MAX_LENGTH = 500

_S = EnrollmentStatus
INCOMPLETE: frozenset[EnrollmentStatus] = frozenset(
    s for s in EnrollmentStatus if s.value.startswith("Incomplete:")
)
_FINAL: frozenset[EnrollmentStatus] = frozenset(s for s in EnrollmentStatus if s.is_final)

ALLOWED_TRANSITIONS: Mapping[EnrollmentStatus, frozenset[EnrollmentStatus]] = MappingProxyType(
    {
        _S.WAITLISTED: frozenset({_S.ENROLLED, _S.CANCELLED}),
        _S.ENROLLED: frozenset({_S.COMPLETED, _S.CANCELLED}) | INCOMPLETE,
        **{final: frozenset({_S.ENROLLED}) for final in _FINAL},
    }
)

REASON_REQUIRED: frozenset[EnrollmentStatus] = frozenset({_S.CANCELLED}) | INCOMPLETE


def reason_required(current: EnrollmentStatus, new: EnrollmentStatus) -> bool:
    """Whether moving from ``current`` to ``new`` needs a reason (see the module docstring)."""
    return new in REASON_REQUIRED or (current.is_final and new is _S.ENROLLED)


def check_transition(
    current: EnrollmentStatus, new: EnrollmentStatus, reason: str | None
) -> str | None:
    """The cleaned reason for an allowed change (``None`` if none given and none needed).

    Raises ``InvalidTransition`` for a change the life cycle does not allow (including no change),
    ``ReasonRequired`` when a needed reason is blank, ``ValidationError`` when it is too long.
    """
    if new is current:
        raise InvalidTransition(f"The enrollment is already {current.value}", field="status")
    if new not in ALLOWED_TRANSITIONS[current]:
        raise InvalidTransition(
            f"Cannot change an enrollment from {current.value} to {new.value}", field="status"
        )
    cleaned = clean_text(reason, field="reason", max_length=REASON_MAX_LENGTH)
    if cleaned is None and reason_required(current, new):
        if new is _S.ENROLLED:
            message = f"A reason is required to re-enroll from {current.value}"
        else:
            message = f"A reason is required to mark an enrollment {new.value}"
        raise ReasonRequired(message, field="reason")
    return cleaned


def admission_status(
    capacity: int | None, enrolled_count: int, *, allow_waitlist: bool
) -> EnrollmentStatus:
    """Enrolled while there is a place (``None`` capacity: unlimited), else Waitlisted if allowed.

    Raises ``CapacityExceeded`` when the class is full and there is no waitlist.
    """
    if capacity is not None and capacity < 0:
        raise ValidationError("The capacity cannot be negative", field="capacity")
    if enrolled_count < 0:
        raise ValidationError("The enrolled count cannot be negative", field="enrolled_count")
    if capacity is None or enrolled_count < capacity:
        return _S.ENROLLED
    if allow_waitlist:
        return _S.WAITLISTED
    raise CapacityExceeded(f"The class is full ({enrolled_count} of {capacity} places taken)")


def next_waitlist_position(positions: Iterable[int | None]) -> int:
    """One past the last position in use; 1 for an empty waitlist."""
    return max((p for p in positions if p is not None), default=0) + 1


def promotable(
    capacity: int | None, enrolled_count: int, waitlist: Sequence[tuple[UUID, int]]
) -> list[UUID]:
    """Who moves up from the waitlist now, in waitlist order, as far as free places go.

    ``waitlist`` pairs enrollment (or student) ids with positions; equal positions keep their
    given order.
    """
    ordered = [ident for ident, _ in sorted(waitlist, key=lambda item: item[1])]
    if capacity is None:
        return ordered
    free = capacity - enrolled_count
    return ordered[:free] if free > 0 else []


def withdrawal_progress_pct(attended_hours: Decimal, required_hours: Decimal | None) -> int | None:
    """Seed 002's progress at withdrawal: attended over required hours, 0..100, rounded down.

    Rounded down so 100 % means the requirement was really met. ``None`` when the program has
    no hours requirement (``None`` or zero).
    """
    if required_hours is None or required_hours == 0:
        return None
    if required_hours < 0:
        raise ValidationError("Required hours cannot be negative", field="required_hours")
    pct = (attended_hours * 100 / required_hours).to_integral_value(rounding=ROUND_DOWN)
    return max(0, min(100, int(pct)))
