"""The status bar's "retrying in N s" shows every second down to the attempt (issue 12, item 14).

A retry due a hair over a whole number of seconds away, ticked every 1000 ms from there, showed
3, then 1: a second went missing when a coarse timer fired a little late. ``retry_countdown``
times each tick from the remaining time itself; here its ticks are played on a clock that fires
timers early, on time and late, from many phases.
"""

from __future__ import annotations

import pytest

from app.domain.sync_status import retry_countdown


def _played(retry_in_s: float, lateness: float) -> list[int]:
    """The numbers shown, ticking as a timer that fires ``lateness`` times its interval."""
    now = 0.0
    shown: list[int] = []
    while True:
        left, next_ms = retry_countdown(retry_in_s - now)
        if not shown or shown[-1] != left:
            shown.append(left)
        if next_ms is None:
            return shown
        assert next_ms >= 5  # never a busy loop
        now += next_ms / 1000 * lateness


@pytest.mark.parametrize("lateness", [0.95, 1.0, 1.05])
@pytest.mark.parametrize("retry_in_s", [2.0005, 3.0, 2.999, 0.4, 5.5, 30.25])
def test_every_second_is_shown_then_the_attempt(retry_in_s: float, lateness: float) -> None:
    first = retry_countdown(retry_in_s)[0]
    assert first == -int(-retry_in_s // 1)  # the whole seconds left, rounded up
    assert _played(retry_in_s, lateness) == [*range(first, 0, -1), 0]


def test_an_attempt_already_due_has_no_next_tick() -> None:
    assert retry_countdown(0.0) == (0, None)
    assert retry_countdown(-3.2) == (0, None)
