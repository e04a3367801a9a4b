"""The one backoff of the desk and the command line: it grows, it never stops, it is jittered."""

from __future__ import annotations

import random

from app.domain.retry import next_try_in


def test_the_wait_grows_after_failures_and_is_the_period_when_all_is_well() -> None:
    rng = random.Random(7)
    for failures, base in ((0, 60), (1, 5), (2, 15), (3, 60), (4, 300), (40, 300)):
        waits = [next_try_in(failures, 60, rng) for _ in range(200)]
        assert all(base * 0.8 <= w <= base * 1.2 for w in waits), (failures, min(waits))
        assert max(waits) - min(waits) > base * 0.2  # spread, not all PCs at one second
