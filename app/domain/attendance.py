"""Attendance arithmetic: minutes, lateness, the attendance rate and a program's hours policy.

``attendance_rate`` is the one definition of the rate for the whole app (DESIGN §2): over the
occurrences that have already started and were not cancelled, the share that were attended
(present, late or partial). Unmarked past occurrences count as not attended, so missing
attendance lowers the rate instead of hiding. Excused absences stay in the denominator: the
session was held and missed (seed 004's participant-progress view counts them the same way);
the excuse shows on the record and in ``PolicyOutcome.excused``, not as a higher rate.

Make-up sessions (``app.domain.makeup``): a make-up session is not a scheduled session of the
rate (``OccurrenceRecord.makeup``: never held, never an absence), but the minutes attended there
count toward the hours; an absence it made up (``OccurrenceRecord.made_up``) counts as attended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal

from app.domain.enums import AttendanceStatus
from app.domain.errors import ValidationError
from app.domain.i18n import translate

__all__ = [
    "AttendancePolicy",
    "OccurrenceRecord",
    "PolicyOutcome",
    "attendance_rate",
    "classify_arrival",
    "evaluate",
    "minutes_between",
]

_CENT = Decimal("0.01")
# A fixed context so a caller's decimal.getcontext() changes cannot alter the rate.
_CTX = Context(prec=28, rounding=ROUND_HALF_UP)
_MINUTE = timedelta(minutes=1)


def _utc(value: datetime, what: str) -> datetime:
    """``value`` in UTC; arithmetic between two datetimes of one zone would ignore DST changes."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(f"{what} must carry a timezone")
    return value.astimezone(UTC)


def minutes_between(check_in: datetime | None, check_out: datetime | None) -> int | None:
    """Whole minutes from check-in to check-out (rounded down); ``None`` if either is missing.

    Raises ``ValidationError`` if either is naive or check-out is before check-in.
    """
    if check_in is None or check_out is None:
        return None
    start = _utc(check_in, "The check-in time")
    end = _utc(check_out, "The check-out time")
    if end < start:
        raise ValidationError(
            translate("refusal", "The check-out time is before the check-in time"),
            field="check_out",
        )
    return (end - start) // _MINUTE


def _pct(part: int, whole: int) -> Decimal:
    return _CTX.divide(Decimal(part * 100), Decimal(whole)).quantize(_CENT, context=_CTX)


def _hours(minutes: int) -> Decimal:
    return _CTX.divide(Decimal(minutes), Decimal(60)).quantize(_CENT, context=_CTX)


@dataclass(frozen=True, slots=True)
class AttendancePolicy:
    """A program's attendance rules (seeds 002 and 004)."""

    tardy_after_minutes: int = 10
    tardies_per_absence: int = 3  # 0: tardies never turn into absences
    required_hours: Decimal | None = None
    minimum_rate_pct: Decimal | None = None  # e.g. Decimal("80")

    def __post_init__(self) -> None:
        if self.tardy_after_minutes < 0:
            raise ValidationError(
                "The tardy threshold cannot be negative", field="tardy_after_minutes"
            )
        if self.tardies_per_absence < 0:
            raise ValidationError(
                "Tardies per absence cannot be negative", field="tardies_per_absence"
            )
        if self.required_hours is not None and (
            not self.required_hours.is_finite() or self.required_hours < 0
        ):
            raise ValidationError("Required hours must be zero or more", field="required_hours")
        if self.minimum_rate_pct is not None and (
            not self.minimum_rate_pct.is_finite() or not 0 <= self.minimum_rate_pct <= 100
        ):
            raise ValidationError(
                "The minimum attendance must be between 0 and 100 %", field="minimum_rate_pct"
            )


@dataclass(frozen=True, slots=True)
class OccurrenceRecord:
    """One student's attendance at one occurrence, as the policy sees it."""

    start_utc: datetime
    end_utc: datetime
    cancelled: bool
    status: AttendanceStatus | None  # None: not marked
    minutes: int | None = None  # minutes attended, when recorded
    check_in: datetime | None = None
    makeup: bool = False  # a make-up session: not in the rate, its minutes earn hours
    made_up: bool = False  # absent here, made up at a make-up session: counts as attended

    def __post_init__(self) -> None:
        _utc(self.start_utc, "The occurrence start")
        _utc(self.end_utc, "The occurrence end")

    @property
    def scheduled_minutes(self) -> int:
        return max(0, (self.end_utc.astimezone(UTC) - self.start_utc.astimezone(UTC)) // _MINUTE)

    def held_by(self, now: datetime) -> bool:
        """Whether the occurrence counts: it has started by ``now`` and was not cancelled."""
        return not self.cancelled and self.start_utc.astimezone(UTC) <= now.astimezone(UTC)

    @property
    def attended(self) -> bool:
        return self.status is not None and self.status.attended

    @property
    def counts_attended(self) -> bool:
        """Attended, or absent and made up: what the rate counts as attended."""
        return self.attended or self.made_up

    @property
    def minutes_earned(self) -> int:
        """Minutes toward required hours: recorded minutes, else the schedule if present/late."""
        if self.status is None or not self.status.attended:
            return 0
        if self.minutes is not None:
            return max(0, self.minutes)
        # A partial attendance without recorded minutes earns nothing: we do not know how much.
        return 0 if self.status is AttendanceStatus.PARTIAL else self.scheduled_minutes


def classify_arrival(
    scheduled_start: datetime, check_in: datetime, policy: AttendancePolicy
) -> AttendanceStatus:
    """LATE when checking in more than ``tardy_after_minutes`` after the start, else PRESENT."""
    start = _utc(scheduled_start, "The scheduled start")
    arrival = _utc(check_in, "The check-in time")
    if arrival - start > timedelta(minutes=policy.tardy_after_minutes):
        return AttendanceStatus.LATE
    return AttendanceStatus.PRESENT


def attendance_rate(records: Iterable[OccurrenceRecord], now: datetime) -> Decimal | None:
    """Attended share of held occurrences in percent (2 places, half up); ``None`` if none held.

    See the module docstring for what counts; this is the only definition in the app.
    """
    now = _utc(now, "The reference time")
    held = attended = 0
    for rec in records:
        if rec.held_by(now) and not rec.makeup:
            held += 1
            attended += rec.counts_attended
    return _pct(attended, held) if held else None


@dataclass(frozen=True, slots=True)
class PolicyOutcome:
    """Where a student stands against an attendance policy at a given moment."""

    held: int  # occurrences started by now and not cancelled
    attended: int  # present, late or partial
    tardies: int
    absences: int  # excused + unexcused + unmarked
    effective_absences: int  # absences + tardies // tardies_per_absence
    rate: Decimal | None  # = attendance_rate
    effective_rate: Decimal | None  # with tardies turned into absences
    hours_earned: Decimal
    hours_needed: Decimal | None
    meets_minimum: bool | None  # effective_rate against minimum_rate_pct; None if either is
    excused: int = 0
    unmarked: int = 0
    made_up: int = 0  # absences made up at a make-up session (counted in ``attended``)


def evaluate(
    policy: AttendancePolicy,
    records: Iterable[OccurrenceRecord],
    now: datetime,
    ledger_minutes: int = 0,
) -> PolicyOutcome:
    """Apply ``policy`` to one student's occurrence records as of ``now``.

    ``ledger_minutes`` are hours-ledger minutes outside sessions (labs, externships) that count
    toward required hours. The minimum rate is checked against the effective rate, so that the
    tardies-per-absence rule has the consequence programs set it for.
    """
    now = _utc(now, "The reference time")
    if ledger_minutes < 0:
        raise ValidationError("Ledger minutes cannot be negative", field="ledger_minutes")
    held = attended = tardies = excused = unmarked = minutes = made_up = 0
    for rec in records:
        if not rec.held_by(now):
            continue
        if rec.makeup:  # not a scheduled session: only the minutes attended count
            minutes += rec.minutes_earned
            continue
        held += 1
        if rec.made_up:
            made_up += 1
        elif rec.status is None:
            unmarked += 1
        elif rec.status is AttendanceStatus.ABSENT_EXCUSED:
            excused += 1
        elif rec.status is AttendanceStatus.LATE:
            tardies += 1
        attended += rec.counts_attended
        minutes += rec.minutes_earned
    absences = held - attended
    converted = tardies // policy.tardies_per_absence if policy.tardies_per_absence else 0
    effective_rate = _pct(attended - converted, held) if held else None
    earned = _hours(minutes + ledger_minutes)
    needed = None
    if policy.required_hours is not None:
        needed = max(Decimal(0), policy.required_hours - earned).quantize(_CENT, context=_CTX)
    meets = None
    if policy.minimum_rate_pct is not None and effective_rate is not None:
        meets = effective_rate >= policy.minimum_rate_pct
    return PolicyOutcome(
        held=held,
        attended=attended,
        tardies=tardies,
        absences=absences,
        effective_absences=absences + converted,
        rate=_pct(attended, held) if held else None,
        effective_rate=effective_rate,
        hours_earned=earned,
        hours_needed=needed,
        meets_minimum=meets,
        excused=excused,
        unmarked=unmarked,
        made_up=made_up,
    )
