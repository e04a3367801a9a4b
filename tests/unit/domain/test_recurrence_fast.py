"""Plain DAILY and WEEKLY rules are expanded by date arithmetic: the same sessions as dateutil."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr

from app.domain.recurrence import SeriesSpec, compile_series

RULES = [
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=2",
    "FREQ=DAILY;INTERVAL=5;BYDAY=MO,SA",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=SA,MO;WKST=SU",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=FR",
    "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270315T120000",
    "FREQ=DAILY;UNTIL=20261231",
]


@pytest.mark.parametrize("rule", RULES)
def test_fast_rules_give_dateutils_sessions(rule: str) -> None:
    rng = random.Random(rule)
    for _ in range(12):
        first = datetime.combine(
            date(2026, 1, 1) + timedelta(days=rng.randrange(0, 200)),
            time(rng.randrange(6, 20), rng.choice((0, 15, 30, 45))),
        )
        compiled = compile_series(
            SeriesSpec(dtstart_local=first, duration_minutes=60, rrule=rule, timezone="UTC")
        )
        assert compiled._fast is not None
        until = rule.replace("UNTIL=20261231", "UNTIL=20261231T235959")
        wkst = "" if "WKST" in rule else ";WKST=MO"
        every = list(
            rrulestr(until + wkst, dtstart=first).between(first, datetime(2028, 1, 1), inc=True)
        )
        for _ in range(8):
            lo = first.date() + timedelta(days=rng.randrange(-20, 500))
            hi = lo + timedelta(days=rng.randrange(0, 45))
            expected = [dt for dt in every if lo <= dt.date() <= hi]
            got = [o.start_local.replace(tzinfo=None) for o in compiled.expand(lo, hi)]
            assert got == expected, (first, lo, hi)


def test_rules_with_count_or_month_days_keep_dateutil() -> None:
    for rule in ("FREQ=WEEKLY;COUNT=10", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=WEEKLY;BYMONTH=1"):
        spec = SeriesSpec(datetime(2026, 1, 6, 9), 60, rule, "UTC")
        assert compile_series(spec)._fast is None
