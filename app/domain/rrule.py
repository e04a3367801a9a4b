"""RRULE text read one way: the parse-and-normalise of a recurrence rule that every layer uses.

A rule is checked strictly here before python-dateutil's ``rrulestr`` reads it: dateutil accepts
much that other RFC 5545 readers of the shared schema refuse (INTERVAL=0, BYMONTH=13,
UNTIL=2026, BYEASTER). What people and other systems type is forgiven where it is harmless: an
``RRULE:`` prefix, lower case, spaces around the separators, a trailing or doubled ``;``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from app.domain.errors import InvalidRecurrence, ValidationError

__all__ = [
    "WEEKDAY_CODES",
    "RecurrenceRule",
    "normal_rule",
    "parse_rule",
    "rule_moved_to",
]

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SUB_DAILY = frozenset({"HOURLY", "MINUTELY", "SECONDLY"})
_FREQS = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
# Part name -> allowed absolute range of each (possibly negative) integer in its list.
_INT_LISTS = {
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
}
# Upper bounds that keep dateutil's C-int arithmetic safe and catch typing slips.
_MAX = {"COUNT": 100_000, "INTERVAL": 1000}
# RFC 5545 3.3.10: parts that only make sense for some frequencies.
_ONLY_FOR = {
    "BYWEEKNO": frozenset({"YEARLY"}),
    "BYYEARDAY": frozenset({"YEARLY"}),
    "BYMONTHDAY": frozenset({"DAILY", "MONTHLY", "YEARLY"}),
}
_LISTS = frozenset({"BYDAY", *_INT_LISTS})
_BYDAY_ITEM = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$", re.ASCII)
_UNTIL = re.compile(r"^(\d{8})(?:T(\d{6})(Z?))?$", re.ASCII)
# Parts that tie sessions to dates rather than to the weekday of the series start.
_DATE_PARTS = ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYMONTH")


def _bad_rule(text: str, why: str) -> InvalidRecurrence:
    return InvalidRecurrence(f"The recurrence rule “{text}” is not valid: {why}", field="rrule")


@dataclass(frozen=True, slots=True)
class RecurrenceRule:
    """A checked RRULE body: its parts, names and values upper-case, in the order given."""

    parts: tuple[tuple[str, str], ...]

    def __contains__(self, name: object) -> bool:
        return any(key == name for key, _ in self.parts)

    def __str__(self) -> str:
        return self.text

    def get(self, name: str, default: str | None = None) -> str | None:
        return next((value for key, value in self.parts if key == name), default)

    @property
    def text(self) -> str:
        """The normal form that is stored: ``FREQ=WEEKLY;BYDAY=MO,WE``."""
        return ";".join(f"{name}={value}" for name, value in self.parts)

    @property
    def freq(self) -> str:
        return self.get("FREQ") or ""

    @property
    def interval(self) -> int:
        return int(self.get("INTERVAL") or "1")

    @property
    def count(self) -> int | None:
        value = self.get("COUNT")
        return int(value) if value is not None else None

    @property
    def byday(self) -> tuple[str, ...]:
        value = self.get("BYDAY")
        return tuple(value.split(",")) if value else ()

    def replace(self, **changes: str | None) -> RecurrenceRule:
        """The rule with parts set (``None`` drops one); new parts go last. Not re-checked."""
        parts = [(k, changes.pop(k) if k in changes else v) for k, v in self.parts]
        parts += list(changes.items())
        return RecurrenceRule(tuple((k, v) for k, v in parts if v is not None))

    def until_local(self, tz: ZoneInfo) -> datetime | None:
        """UNTIL as naive local wall time (a bare date runs to the end of that local day)."""
        value = self.get("UNTIL")
        if value is None:
            return None
        m = _UNTIL.match(value)
        assert m is not None  # checked by parse_rule
        day, clock, zulu = m.groups()
        if clock is None:
            return datetime.strptime(day, "%Y%m%d").replace(hour=23, minute=59, second=59)
        moment = datetime.strptime(day + clock, "%Y%m%d%H%M%S")
        if zulu:
            return moment.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
        return moment

    def to_dateutil(self, dtstart: datetime, tz: ZoneInfo) -> rrule:
        """dateutil's rule from a naive local ``dtstart``, UNTIL read as local wall time.

        WKST defaults to MO as RFC 5545 says (dateutil's default is process-wide state).
        """
        until = self.until_local(tz)
        changes: dict[str, str | None] = {"WKST": self.get("WKST", "MO")}
        if until is not None:
            changes["UNTIL"] = until.strftime("%Y%m%dT%H%M%S")
        try:
            parsed = rrulestr(self.replace(**changes).text, dtstart=dtstart)
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            raise _bad_rule(self.text, str(exc)) from exc
        if not isinstance(parsed, rrule):  # a single RRULE line never gives a set
            raise _bad_rule(self.text, "it must be a single RRULE")
        return parsed


@lru_cache(maxsize=4096)
def parse_rule(text: str) -> RecurrenceRule:
    """The rule in ``text``, normalised; ``InvalidRecurrence`` (a ``ValidationError`` on the
    ``rrule`` field) names what is wrong in words a person can act on.

    Accepted: an ``RRULE:`` prefix in any case, lower case, spaces around ``;``, ``=`` and
    ``,``, a trailing or doubled ``;``. Refused: several lines, DTSTART or EXDATE inside the
    rule, unknown or repeated parts, values out of range, anything finer than daily.
    """
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:].strip()
    if "DTSTART" in body.upper():
        raise _bad_rule(text, "DTSTART does not belong in the rule; the series start is set apart")
    if any(ch.isspace() and ch not in " \t" for ch in body) or ":" in body:
        raise _bad_rule(text, "it must be a single RRULE line such as FREQ=WEEKLY;BYDAY=MO")
    parts: dict[str, str] = {}
    for raw in body.split(";"):
        item = raw.strip()
        if not item:  # a trailing or doubled ";" is harmless
            continue
        name, sep, value = (piece.strip() for piece in item.partition("="))
        if not sep or not name or not value:
            raise _bad_rule(text, f"“{item}” is not of the form NAME=VALUE")
        name = name.upper()
        value = ",".join(v.strip() for v in value.upper().split(","))
        if any(ch.isspace() for ch in name + value):
            raise _bad_rule(text, f"“{item}” has a space inside a name or value")
        if name in parts:
            raise _bad_rule(text, f"{name} is given twice")
        parts[name] = value
    if not parts:
        raise _bad_rule(text, "it is empty (for example FREQ=WEEKLY;BYDAY=MO)")
    _check_parts(text, parts)
    return RecurrenceRule(tuple(parts.items()))


def normal_rule(text: str | None) -> str | None:
    """The stored form of a rule typed or imported (``None`` or blank: one session)."""
    if text is None or not text.strip() or text.strip().upper() == "RRULE:":
        return None
    return parse_rule(text).text


def _check_parts(text: str, parts: Mapping[str, str]) -> None:
    freq = parts.get("FREQ")
    if freq is None:
        raise _bad_rule(text, "it has no FREQ (for example FREQ=WEEKLY)")
    if freq in _SUB_DAILY:
        raise _bad_rule(text, f"FREQ={freq} is not allowed: sessions repeat at most daily")
    if freq not in _FREQS:
        raise _bad_rule(text, f"FREQ={freq} is not one of DAILY, WEEKLY, MONTHLY, YEARLY")
    if "COUNT" in parts and "UNTIL" in parts:
        raise _bad_rule(text, "COUNT and UNTIL cannot both be given")
    for name, value in parts.items():
        if name == "FREQ":
            continue
        if name in _ONLY_FOR and freq not in _ONLY_FOR[name]:
            raise _bad_rule(text, f"{name} cannot be used with FREQ={freq}")
        if name == "UNTIL":
            _check_until(text, value)
        elif name in _MAX:
            if not _is_uint(value) or not 1 <= int(value) <= _MAX[name]:
                raise _bad_rule(text, f"{name} must be a whole number from 1 to {_MAX[name]}")
        elif name == "WKST":
            if value not in WEEKDAY_CODES:
                raise _bad_rule(text, f"WKST={value} is not a weekday (MO … SU)")
        elif name in _LISTS:
            _check_list(text, freq, name, value)
        elif name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            raise _bad_rule(
                text, f"{name} is not allowed: the time of day is the series start time"
            )
        else:
            raise _bad_rule(text, f"{name} is not a supported part")


def _check_list(text: str, freq: str, name: str, value: str) -> None:
    for item in value.split(","):
        if name == "BYDAY":
            m = _BYDAY_ITEM.match(item)
            if m is None or (m.group(2) is not None and not 1 <= int(m.group(2)) <= 53):
                raise _bad_rule(text, f"BYDAY value “{item}” is not a weekday like MO or 1MO")
            if m.group(2) is not None and freq not in ("MONTHLY", "YEARLY"):
                raise _bad_rule(text, f"BYDAY value “{item}” needs FREQ=MONTHLY or YEARLY")
            continue
        low, high, signed = _INT_LISTS[name]
        digits = item[1:] if signed and item[:1] in "+-" else item
        if not _is_uint(digits) or not low <= int(digits) <= high:
            raise _bad_rule(text, f"{name} value “{item}” is out of range")


def _check_until(text: str, value: str) -> None:
    m = _UNTIL.match(value)
    if m is None:
        raise _bad_rule(text, f"UNTIL={value} is not a date like 20261220 or 20261220T235959Z")
    day, clock, _ = m.groups()
    try:
        datetime.strptime(day + (clock or "000000"), "%Y%m%d%H%M%S")
    except ValueError:
        raise _bad_rule(text, f"UNTIL={value} is not a real date and time") from None


def _is_uint(text: str) -> bool:
    # str.isdigit alone accepts superscripts and other scripts' digits, which int() refuses.
    return text.isascii() and text.isdigit()


def rule_moved_to(text: str | None, old_day: date, new_day: date) -> str | None:
    """The rule of sessions moved from ``old_day``'s weekday to ``new_day``'s.

    Rules that take their day from the series start need nothing; a weekly rule on that one
    weekday gets the new weekday; anything else (several days, month days) is the whole
    series' to change: ``ValidationError`` on ``new_start_local``.
    """
    if text is None or old_day == new_day:
        return text
    rule = parse_rule(text)
    refuse = ValidationError(
        "Moving all future sessions to another day needs a new rule: edit the series instead.",
        field="new_start_local",
    )
    if any(name in rule for name in _DATE_PARTS):
        raise refuse
    if "BYDAY" in rule:
        if rule.freq != "WEEKLY" or rule.byday != (WEEKDAY_CODES[old_day.weekday()],):
            raise refuse
        rule = rule.replace(BYDAY=WEEKDAY_CODES[new_day.weekday()])
    return rule.text
