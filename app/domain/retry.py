"""When to try the server again: the one backoff, with jitter, of the desk and the command line.

After a failure the wait grows (5 s, 15 s, 1 min, then every 5 min, never giving up); after a
success it is the normal period. Every wait is stretched or shrunk at random by up to a fifth,
so the PCs of a facility do not all call the server in the same second after an outage.
"""

from __future__ import annotations

import random

BACKOFF_SECONDS = (5, 15, 60, 300)
JITTER = 0.2


def next_try_in(failures: int, period_s: float, rng: random.Random) -> float:
    """Seconds until the next attempt after ``failures`` failures in a row (0: all is well)."""
    base = period_s if failures == 0 else BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS)) - 1]
    return float(base) * rng.uniform(1 - JITTER, 1 + JITTER)
