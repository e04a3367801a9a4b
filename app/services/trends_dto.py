"""What the trends service returns: weekly attendance, hours against requirements, a week's
sessions at a glance."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.domain.enums import EnrollmentStatus

TREND_WEEKS = 12  # weeks a trend shows, the current one last


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part`` of ``whole`` in percent, two places, half up; ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """One week (Monday to Sunday, local): student-sessions held and attended in it.

    ``held`` counts each student once per session held (started, not cancelled) that they were
    on the sheet of or marked for; unmarked ones count as not attended, as in the app's one
    definition of the attendance rate.
    """

    week_start: date
    held: int
    attended: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.attended, self.held)


@dataclass(frozen=True, slots=True)
class WeeklyTrend:
    """Attendance of a class or a student by week, oldest week first."""

    title: str
    weeks: tuple[WeekPoint, ...]
    minimum_rate_pct: Decimal | None = None  # the program's minimum, when there is one

    @property
    def held(self) -> int:
        return sum(w.held for w in self.weeks)

    @property
    def attended(self) -> int:
        return sum(w.attended for w in self.weeks)

    @property
    def rate(self) -> Decimal | None:
        return percent(self.attended, self.held)

    def summary(self) -> str:
        """The chart in words, for tooltips and screen readers."""
        shown = [w for w in self.weeks if w.held]
        if not shown:
            return f"{self.title}: no sessions held in the last {len(self.weeks)} weeks."
        parts = [
            f"{self.title}: {self.rate}% attended over the last {len(self.weeks)} weeks "
            f"({self.attended} of {self.held})."
        ]
        last = shown[-1]
        parts.append(f"Week of {last.week_start:%d %b}: {last.rate}%.")
        low = min(shown, key=lambda w: (w.rate or Decimal(0), w.week_start))
        if len(shown) > 1:
            parts.append(f"Lowest: week of {low.week_start:%d %b}, {low.rate}%.")
        if self.minimum_rate_pct is not None:
            below = sum(1 for w in shown if (w.rate or 0) < self.minimum_rate_pct)
            parts.append(
                f"{below} of {len(shown)} weeks below the {self.minimum_rate_pct}% minimum."
            )
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class HoursProgress:
    """Hours a student has earned in one class against what the program requires."""

    enrollment_id: uuid.UUID
    class_id: uuid.UUID
    class_name: str
    program_name: str
    enrollment_status: EnrollmentStatus
    earned: Decimal
    required: Decimal | None  # None: the program requires no hours

    @property
    def share(self) -> Decimal | None:
        """Earned of required in percent (may pass 100); ``None`` without a requirement."""
        return None if self.required is None else percent(self.earned, self.required)

    def summary(self) -> str:
        if self.required is None:
            return f"{self.class_name}: {self.earned} hours earned; no hours required."
        left = max(Decimal(0), self.required - self.earned)
        tail = "requirement met" if not left else f"{left} still needed"
        return f"{self.class_name}: {self.earned} of {self.required} hours ({tail})."


@dataclass(frozen=True, slots=True)
class GlanceSlot:
    """The sessions of a facility starting in one local hour of one day."""

    day: date
    hour: int
    sessions: int  # held or still to come
    cancelled: int
    classes: tuple[str, ...]  # class names of the sessions (cancelled ones marked)


@dataclass(frozen=True, slots=True)
class WeekGlance:
    """A facility's week (Monday to Sunday, local) as sessions per day and hour."""

    facility_name: str
    timezone: str
    week_start: date
    today: date
    slots: tuple[GlanceSlot, ...]

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(date.fromordinal(self.week_start.toordinal() + i) for i in range(7))

    def per_day(self) -> dict[date, int]:
        totals = dict.fromkeys(self.days, 0)
        for slot in self.slots:
            totals[slot.day] += slot.sessions
        return totals

    def summary(self) -> str:
        totals = self.per_day()
        total = sum(totals.values())
        cancelled = sum(s.cancelled for s in self.slots)
        head = f"Week of {self.week_start:%d %b %Y} at {self.facility_name}: {total} session"
        head += "s" * (total != 1)
        if cancelled:
            head += f" ({cancelled} cancelled)"
        if not total:
            return head + "."
        busiest = max(self.days, key=lambda d: (totals[d], -d.toordinal()))
        peak = max(self.slots, key=lambda s: (s.sessions, -s.day.toordinal(), -s.hour))
        days = ", ".join(f"{d:%a} {totals[d]}" for d in self.days)
        return (
            f"{head}. {days}. Busiest day {busiest:%A} ({totals[busiest]}); busiest hour "
            f"{peak.day:%a} {peak.hour:02d}:00 ({peak.sessions})."
        )
