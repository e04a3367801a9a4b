"""Enrollment status changes, reasons, capacity, the waitlist and progress at withdrawal."""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from uuid import uuid4

import pytest

from app.domain.enrollment import (
    ALLOWED_TRANSITIONS,
    INCOMPLETE,
    REASON_REQUIRED,
    admission_status,
    check_transition,
    next_waitlist_position,
    promotable,
    reason_required,
    withdrawal_progress_pct,
)
from app.domain.enums import EnrollmentStatus as E
from app.domain.errors import CapacityExceeded, InvalidTransition, ReasonRequired, ValidationError

FINAL = [s for s in E if s.is_final]
EXPECTED_ALLOWED = (
    {(E.WAITLISTED, E.ENROLLED), (E.WAITLISTED, E.CANCELLED)}
    | {(E.ENROLLED, E.COMPLETED), (E.ENROLLED, E.CANCELLED)}
    | {(E.ENROLLED, s) for s in INCOMPLETE}
    | {(s, E.ENROLLED) for s in FINAL}
)


def test_incomplete_statuses_are_all_five() -> None:
    assert len(INCOMPLETE) == 5
    assert all(s.value.startswith("Incomplete: ") for s in INCOMPLETE)


def test_transition_table_is_exactly_the_life_cycle() -> None:
    table = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}
    assert table == EXPECTED_ALLOWED
    assert set(ALLOWED_TRANSITIONS) == set(E)
    with pytest.raises(TypeError):
        ALLOWED_TRANSITIONS[E.ENROLLED] = frozenset()  # type: ignore[index]


def test_reason_required_set() -> None:
    assert frozenset({E.CANCELLED, *INCOMPLETE}) == REASON_REQUIRED


@pytest.mark.parametrize(("current", "new"), sorted(EXPECTED_ALLOWED))
def test_every_allowed_transition_passes_with_a_reason(current: E, new: E) -> None:
    assert check_transition(current, new, "  Moved to another unit  ") == "Moved to another unit"


@pytest.mark.parametrize(
    ("current", "new"), sorted(t for t in EXPECTED_ALLOWED if not reason_required(*t))
)
def test_transitions_that_need_no_reason(current: E, new: E) -> None:
    assert check_transition(current, new, None) is None
    assert check_transition(current, new, "   ") is None


def test_exactly_which_transitions_need_a_reason() -> None:
    needing = {t for t in EXPECTED_ALLOWED if reason_required(*t)}
    assert needing == (
        {(E.WAITLISTED, E.CANCELLED), (E.ENROLLED, E.CANCELLED)}
        | {(E.ENROLLED, s) for s in INCOMPLETE}
        | {(s, E.ENROLLED) for s in FINAL}
    )


@pytest.mark.parametrize(
    ("current", "new"), sorted(t for t in EXPECTED_ALLOWED if reason_required(*t))
)
@pytest.mark.parametrize("reason", [None, "", " \n\t "])
def test_missing_reason_is_refused(current: E, new: E, reason: str | None) -> None:
    with pytest.raises(ReasonRequired) as err:
        check_transition(current, new, reason)
    assert err.value.field == "reason"
    if new is E.ENROLLED:
        assert str(err.value) == f"A reason is required to re-enroll from {current.value}"
    else:
        assert str(err.value) == f"A reason is required to mark an enrollment {new.value}"


def test_reason_message_matches_the_house_wording() -> None:
    with pytest.raises(ReasonRequired, match=r"^A reason is required to mark an enrollment "):
        check_transition(E.ENROLLED, E.INCOMPLETE_WITHDRAWN, None)
    with pytest.raises(ReasonRequired) as err:
        check_transition(E.ENROLLED, E.INCOMPLETE_WITHDRAWN, None)
    assert str(err.value) == "A reason is required to mark an enrollment Incomplete: Withdrawn"


@pytest.mark.parametrize(
    ("current", "new"),
    sorted((a, b) for a, b in product(E, E) if a is not b and (a, b) not in EXPECTED_ALLOWED),
)
def test_disallowed_transitions(current: E, new: E) -> None:
    with pytest.raises(InvalidTransition) as err:
        check_transition(current, new, "a reason does not help")
    assert not isinstance(err.value, ReasonRequired)
    assert str(err.value) == f"Cannot change an enrollment from {current.value} to {new.value}"


def test_completed_to_waitlisted_message() -> None:
    with pytest.raises(InvalidTransition, match=r"^Cannot change an enrollment from Completed to "):
        check_transition(E.COMPLETED, E.WAITLISTED, "x")


@pytest.mark.parametrize("status", list(E))
def test_same_status_is_not_a_transition(status: E) -> None:
    with pytest.raises(InvalidTransition, match=f"already {status.value}"):
        check_transition(status, status, "reason")


def test_reason_length_limit() -> None:
    assert check_transition(E.ENROLLED, E.CANCELLED, "x" * 500) == "x" * 500
    with pytest.raises(ValidationError, match="longer than 500") as err:
        check_transition(E.ENROLLED, E.CANCELLED, "x" * 501)
    assert err.value.field == "reason"
    assert not isinstance(err.value, InvalidTransition)


def test_reason_keeps_its_lines() -> None:
    got = check_transition(E.ENROLLED, E.INCOMPLETE_TRANSFERED, " Transferred.\r\nTo unit B ")
    assert got == "Transferred.\nTo unit B"


# -- admission and waitlist -------------------------------------------------------------------


def test_admission_with_room_or_unlimited() -> None:
    assert admission_status(20, 19, allow_waitlist=False) is E.ENROLLED
    assert admission_status(None, 10_000, allow_waitlist=False) is E.ENROLLED
    assert admission_status(20, 0, allow_waitlist=True) is E.ENROLLED


def test_full_class_waitlists_or_refuses() -> None:
    assert admission_status(20, 20, allow_waitlist=True) is E.WAITLISTED
    assert admission_status(0, 0, allow_waitlist=True) is E.WAITLISTED
    with pytest.raises(CapacityExceeded) as err:
        admission_status(20, 20, allow_waitlist=False)
    assert str(err.value) == "The class is full (20 of 20 places taken)"
    with pytest.raises(CapacityExceeded, match=r"\(22 of 20 places taken\)"):
        admission_status(20, 22, allow_waitlist=False)


def test_admission_refuses_negative_numbers() -> None:
    with pytest.raises(ValidationError):
        admission_status(-1, 0, allow_waitlist=True)
    with pytest.raises(ValidationError):
        admission_status(5, -1, allow_waitlist=True)


def test_next_waitlist_position() -> None:
    assert next_waitlist_position([]) == 1
    assert next_waitlist_position([None, None]) == 1
    assert next_waitlist_position([3, None, 1, 7]) == 8
    assert next_waitlist_position(iter([2])) == 3


def test_promotable_in_waitlist_order() -> None:
    a, b, c, d = uuid4(), uuid4(), uuid4(), uuid4()
    waitlist = [(c, 3), (a, 1), (d, 4), (b, 2)]
    assert promotable(10, 8, waitlist) == [a, b]
    assert promotable(10, 10, waitlist) == []
    assert promotable(10, 12, waitlist) == []
    assert promotable(10, 0, waitlist) == [a, b, c, d]
    assert promotable(None, 500, waitlist) == [a, b, c, d]
    assert promotable(10, 5, []) == []


def test_promotable_keeps_given_order_for_equal_positions() -> None:
    a, b = uuid4(), uuid4()
    assert promotable(1, 0, [(b, 1), (a, 1)]) == [b]


# -- progress at withdrawal -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attended", "required", "pct"),
    [
        ("0", "40", 0),
        ("10", "40", 25),
        ("39.9", "40", 99),  # rounded down: 100 only when met
        ("40", "40", 100),
        ("55", "40", 100),  # clamped
        ("-3", "40", 0),
        ("1", "3", 33),
        ("2", "3", 66),
    ],
)
def test_withdrawal_progress(attended: str, required: str, pct: int) -> None:
    assert withdrawal_progress_pct(Decimal(attended), Decimal(required)) == pct


def test_withdrawal_progress_without_requirement() -> None:
    assert withdrawal_progress_pct(Decimal("12"), None) is None
    assert withdrawal_progress_pct(Decimal("12"), Decimal("0")) is None
    with pytest.raises(ValidationError):
        withdrawal_progress_pct(Decimal("12"), Decimal("-1"))
