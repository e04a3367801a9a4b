"""The demo builder's random source, row tables and small helpers."""

from __future__ import annotations

import math
import random
import uuid
from datetime import UTC, date, datetime, time, timedelta

from app.db.models import Base
from app.demo.model import _ascii, _Facility, _monday, _Program, _Staff
from app.demo.sizes import DEMO_ACTOR, DemoSize, Row
from app.demo.specs import _FIRST, _LAST


class _BuilderBase:
    """Holds the one random source and the rows built so far; small shared helpers."""

    def __init__(self, size: DemoSize, seed: int, today: date) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.today = today
        self.now = datetime.combine(today, time(12, 0), tzinfo=UTC)
        self.term_start = _monday(today) - timedelta(weeks=size.weeks)
        self.term_end = _monday(today) + timedelta(weeks=size.weeks_ahead, days=6)
        # Student numbers are STU-YYYY-NNNN: at most 9999 a year, so big sizes go back further.
        self.intake_years = max(3, math.ceil(size.students / 8000))
        self.founded = self.now - timedelta(days=366 * (self.intake_years + 1))
        self.tables: dict[str, list[Row]] = {}
        self.facilities: list[_Facility] = []
        self.programs: list[_Program] = []
        self.usernames: set[str] = set()
        self.sysadmin: _Staff | None = None
        self.serials: dict[str, int] = {}

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def add(self, model: type[Base], row: Row) -> None:
        self.tables.setdefault(model.__tablename__, []).append(row)

    @staticmethod
    def audit(at: datetime) -> Row:
        return {
            "created_at": at,
            "updated_at": at,
            "created_by": DEMO_ACTOR,
            "updated_by": DEMO_ACTOR,
            "deleted_at": None,
            "row_version": 1,
        }

    def ago(self, lo_days: int, hi_days: int) -> datetime:
        """A random instant between ``hi_days`` and ``lo_days`` days before now."""
        return self.now - timedelta(seconds=self.rng.randint(lo_days * 86400, hi_days * 86400))

    def name(self) -> tuple[str, str]:
        return self.rng.choice(_FIRST), self.rng.choice(_LAST)

    def phone(self, fac: _Facility) -> str:
        return f"{fac.spec.phone}{self.rng.randint(100, 199):03d}{self.rng.randint(0, 9)}"

    def username(self, first: str, last: str) -> str:
        base = (_ascii(first)[:1] + _ascii(last))[:40] or "staff"
        name, n = base, 1
        while name in self.usernames:
            n += 1
            name = f"{base}{n}"
        self.usernames.add(name)
        return name

    def serial(self, code: str, year: int) -> str:
        key = f"{code}-{year}"
        self.serials[key] = self.serials.get(key, 0) + 1
        return f"{key}-{self.serials[key]:05d}"
