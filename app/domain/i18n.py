"""The one hook through which texts built below the desk are translated, and days are named.

Services and the domain may not import Qt, yet some of their texts reach the screens (labels,
refusals, day names). They write ``translate("context", "text")`` (or mark a literal kept in a
table with ``QT_TRANSLATE_NOOP("context", "text")`` and translate it where it is shown):
PySide6's ``lupdate`` reads both spellings. By default nothing is translated and days read in
English, as the command line and the server print them; the desk installs Qt's translation and
its chosen locale at start and whenever the language changes (``app.ui.language``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

Translate = Callable[[str, str], str]
DateFormat = Callable[[date, str], str]  # a day and a Qt date pattern ("ddd d MMM")
NumberFormat = Callable[[Decimal | float, int], str]  # a number and its decimals

_TOKEN = re.compile(r"dddd|ddd|dd|d|MMMM|MMM|yyyy")
_STRFTIME = {"dddd": "%A", "ddd": "%a", "dd": "%d", "MMMM": "%B", "MMM": "%b", "yyyy": "%Y"}


def _identity(_context: str, text: str) -> str:
    return text


def english_date(day: date, pattern: str) -> str:
    """``day`` written with a Qt date ``pattern`` in English: "ddd d MMM" gives "Thu 3 Dec"."""
    return _TOKEN.sub(
        lambda m: str(day.day) if m[0] == "d" else day.strftime(_STRFTIME[m[0]]), pattern
    )


def english_number(value: Decimal | float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals and a point: 12.50."""
    return f"{value:.{decimals}f}"


_translate: Translate = _identity
_date_format: DateFormat = english_date
_number_format: NumberFormat = english_number


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:  # lupdate reads this name
    """Marks ``text`` for translation where it is kept; ``translate`` it where it is shown."""
    return text


def translate(context: str, text: str) -> str:
    """``text`` in the desk's language (itself when no translation is installed)."""
    return _translate(context, text)


def date_text(day: date, pattern: str) -> str:
    """``day`` with a Qt date ``pattern`` ("dddd", "MMM", "yyyy"...) in the desk's locale."""
    return _date_format(day, pattern)


def day_text(day: date, *, year: bool = False) -> str:
    """A day as the desk's locale abbreviates it ("Thu 3 Dec", "jeu. 3 déc.")."""
    return _date_format(day, "ddd d MMM yyyy" if year else "ddd d MMM")


def number_text(value: Decimal | float, decimals: int) -> str:
    """A number as the desk's locale writes it ("12.50", "12,50")."""
    return _number_format(value, decimals)


def decimal_text(value: Decimal | int) -> str:
    """A stored number with the places it has (a rate's 87.50, a count's 3), as the locale
    writes it ("87.50", "87,50")."""
    if isinstance(value, int):
        return number_text(value, 0)
    exponent = value.as_tuple().exponent
    return number_text(value, max(0, -exponent) if isinstance(exponent, int) else 2)


def weekday_text(weekday: int) -> str:
    """Weekday ``weekday`` (0 is Monday) as the desk's locale abbreviates it ("Mon", "lun.")."""
    return _date_format(_A_MONDAY + timedelta(days=weekday), "ddd")


_A_MONDAY = date(2024, 1, 1)


def install(
    translate_with: Translate | None,
    date_format: DateFormat | None = None,
    number_format: NumberFormat | None = None,
) -> None:
    """Route every ``translate``, date and number through the desk; ``None`` puts English back."""
    global _translate, _date_format, _number_format
    _translate = translate_with or _identity
    _date_format = date_format or english_date
    _number_format = number_format or english_number
