"""What the trends service returns: weekly attendance, hours against requirements, a week's
sessions at a glance."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.domain.enums import EnrollmentStatus
from app.domain.i18n import date_text, decimal_text, translate

TREND_WEEKS = 12  # weeks a trend shows, the current one last


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part`` of ``whole`` in percent, two places, half up; ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _pct(value: Decimal | int | None) -> str:
    """A rate's number as the desk's locale writes it ("87.50", "87,50")."""
    return "" if value is None else decimal_text(value)


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
            return translate("trends", "{title}: no sessions held in the last {n} weeks.").format(
                title=self.title, n=len(self.weeks)
            )
        parts = [
            translate(
                "trends",
                "{title}: {rate}% attended over the last {n} weeks ({attended} of {held}).",
            ).format(
                title=self.title,
                rate=_pct(self.rate),
                n=len(self.weeks),
                attended=self.attended,
                held=self.held,
            )
        ]
        last = shown[-1]
        parts.append(
            translate("trends", "Week of {day}: {rate}%.").format(
                day=date_text(last.week_start, "dd MMM"), rate=_pct(last.rate)
            )
        )
        low = min(shown, key=lambda w: (w.rate or Decimal(0), w.week_start))
        if len(shown) > 1:
            parts.append(
                translate("trends", "Lowest: week of {day}, {rate}%.").format(
                    day=date_text(low.week_start, "dd MMM"), rate=_pct(low.rate)
                )
            )
        if self.minimum_rate_pct is not None:
            below = sum(1 for w in shown if (w.rate or 0) < self.minimum_rate_pct)
            parts.append(
                translate("trends", "{below} of {n} weeks below the {minimum}% minimum.").format(
                    below=below, n=len(shown), minimum=_pct(self.minimum_rate_pct)
                )
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
            return translate("trends", "{klass}: {earned} hours earned; no hours required.").format(
                klass=self.class_name, earned=self.earned
            )
        left = max(Decimal(0), self.required - self.earned)
        if not left:
            text = translate("trends", "{klass}: {earned} of {required} hours (requirement met).")
        else:
            text = translate(
                "trends", "{klass}: {earned} of {required} hours ({left} still needed)."
            )
        return text.format(
            klass=self.class_name, earned=self.earned, required=self.required, left=left
        )


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
        head = (
            translate("trends", "Week of {day} at {facility}: 1 session")
            if total == 1
            else translate("trends", "Week of {day} at {facility}: {n} sessions")
        ).format(
            day=date_text(self.week_start, "dd MMM yyyy"), facility=self.facility_name, n=total
        )
        if cancelled:
            head += translate("trends", " ({n} cancelled)").format(n=cancelled)
        if not total:
            return head + "."
        busiest = max(self.days, key=lambda d: (totals[d], -d.toordinal()))
        peak = max(self.slots, key=lambda s: (s.sessions, -s.day.toordinal(), -s.hour))
        days = ", ".join(f"{date_text(d, 'ddd')} {totals[d]}" for d in self.days)
        return translate(
            "trends",
            "{head}. {days}. Busiest day {day} ({n}); busiest hour {hour} ({sessions}).",
        ).format(
            head=head,
            days=days,
            day=date_text(busiest, "dddd"),
            n=totals[busiest],
            hour=f"{date_text(peak.day, 'ddd')} {peak.hour:02d}:00",
            sessions=peak.sessions,
        )
