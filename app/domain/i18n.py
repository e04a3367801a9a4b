"""The one hook through which texts built below the desk are translated, and days are named.

Services and the domain may not import Qt, yet some of their texts reach the screens (labels,
refusals, day names). They write ``translate("context", "text")`` (or mark a literal kept in a
table with ``QT_TRANSLATE_NOOP("context", "text")`` and translate it where it is shown):
PySide6's ``lupdate`` reads both spellings. By default nothing is translated and days read in
English, as the command line and the server print them; the desk installs Qt's translation and
its chosen locale at start and whenever the language changes (``app.ui.language``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

Translate = Callable[[str, str], str]
DayFormat = Callable[[date, bool], str]


def _identity(_context: str, text: str) -> str:
    return text


def english_day(day: date, year: bool) -> str:
    """ "Thu 3 Dec" (with the year: "Thu 3 Dec 2026")."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


_translate: Translate = _identity
_day_format: DayFormat = english_day


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:  # lupdate reads this name
    """Marks ``text`` for translation where it is kept; ``translate`` it where it is shown."""
    return text


def translate(context: str, text: str) -> str:
    """``text`` in the desk's language (itself when no translation is installed)."""
    return _translate(context, text)


def day_text(day: date, *, year: bool = False) -> str:
    """A day as the desk's locale abbreviates it ("Thu 3 Dec", "jeu. 3 déc.")."""
    return _day_format(day, year)


def install(translate_with: Translate | None, day_format: DayFormat | None = None) -> None:
    """Route every ``translate`` and ``day_text`` through the desk; ``None`` puts English back."""
    global _translate, _day_format
    _translate = translate_with or _identity
    _day_format = day_format or english_day
