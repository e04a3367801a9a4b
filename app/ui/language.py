"""The desk's language: Rollbook's own translations, Qt's, and the locale dates and numbers follow.

A person picks English, Français or Español (main window, Language); the choice is kept per PC
in the settings file and applied at once: the translators are swapped, the default ``QLocale``
set, and the services' texts (``app.domain.i18n``) routed through the same translation.
Qt's own strings (standard buttons, dialogs) come from its ``qtbase_*.qm`` in the same language.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime, QTranslator

from app import resources
from app.domain import i18n

log = logging.getLogger(__name__)

# (code, name in that language, the locale dates and numbers follow). French is the French
# of the Cameroon facilities; Spanish is the one Qt and CLDR call Spanish.
LANGUAGES: tuple[tuple[str, str, str], ...] = (
    ("en", "English", "en_US"),
    ("fr", "Français", "fr_CM"),
    ("es", "Español", "es_ES"),
)
CODES = tuple(code for code, _name, _locale in LANGUAGES)

_installed: list[QTranslator] = []
_current = "en"


def translations_dir() -> str:
    return str(resources.resources_dir() / "translations")


def system_code() -> str:
    """The system's language when Rollbook speaks it, else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in CODES else "en"


def current() -> str:
    return _current


def locale_of(code: str) -> QLocale:
    return QLocale(next((loc for c, _n, loc in LANGUAGES if c == code), "en_US"))


def apply(code: str) -> str:
    """Make ``code`` (``""``: the system's) the desk's language; returns the code applied.

    A language whose translation file is missing falls back to English, logged."""
    global _current
    app = QCoreApplication.instance()
    code = code if code in CODES else system_code()
    if app is not None:
        for translator in _installed:
            app.removeTranslator(translator)
    _installed.clear()
    locale = locale_of(code)
    if code != "en" and app is not None:
        own = QTranslator(app)
        if own.load(f"rollbook_{code}", translations_dir()):
            app.installTranslator(own)
            _installed.append(own)
        else:
            log.warning("no translation file for %s in %s: English", code, translations_dir())
            code, locale = "en", locale_of("en")
        qt = QTranslator(app)
        if code != "en" and qt.load(locale, "qtbase", "_", str(resources.qt_translations_dir())):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(locale)
    i18n.install(QCoreApplication.translate if code != "en" else None, locale_date, locale_number)
    _current = code
    return code


# Dates and times as the chosen locale writes them (short day and month names, 24-hour times
# as the facilities keep them).


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def locale_date(day: date, pattern: str) -> str:
    """``day`` with a Qt date pattern in the chosen locale."""
    return QLocale().toString(qdate(day), pattern)


def locale_number(value: Decimal | float, decimals: int) -> str:
    """A number as the chosen locale writes it: "12,50" in French; no grouping of thousands."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    exact = round(value, decimals) if isinstance(value, Decimal) else value
    return locale.toString(float(exact), "f", decimals)


def locale_day(day: date, year: bool = False) -> str:
    """ "Thu 3 Dec", "jeu. 3 déc.", "jue 3 dic" (with the year at the end)."""
    return QLocale().toString(qdate(day), "ddd d MMM yyyy" if year else "ddd d MMM")


def long_day(day: date) -> str:
    """ "Thursday 3 December 2026", "jeudi 3 décembre 2026"."""
    return QLocale().toString(qdate(day), "dddd d MMMM yyyy")


def month_text(day: date) -> str:
    """ "December 2026", "décembre 2026"."""
    return QLocale().toString(qdate(day), "MMMM yyyy")


def hm(value: datetime) -> str:
    return QLocale().toString(QTime(value.hour, value.minute), "HH:mm")


def when(value: datetime, *, year: bool = False) -> str:
    """A wall-clock time with its day: "Thu 3 Dec 09:00"."""
    return f"{locale_day(value.date(), year)} {hm(value)}"


def number(value: float, decimals: int = 0) -> str:
    """A number as the locale writes it ("1,234.5", "1 234,5")."""
    if decimals == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", decimals)


def short_date(day: date) -> str:
    """ "02 Nov 2026", "02 nov. 2026": a day without its weekday."""
    return QLocale().toString(qdate(day), "dd MMM yyyy")


def table_when(value: datetime) -> str:
    """A session's start in a table, aligned ("Mon 09 Nov 09:00", "lun. 09 nov. 09:00")."""
    return f"{QLocale().toString(qdate(value.date()), 'ddd dd MMM')} {hm(value)}"


def day_month(day: date) -> str:
    """ "09 Nov", "09 nov.": a week's first day on a chart."""
    return QLocale().toString(qdate(day), "dd MMM")


def weekday(day: date, *, with_day: bool = False) -> str:
    """ "Mon" (with the day of the month: "Mon 09")."""
    return QLocale().toString(qdate(day), "ddd dd" if with_day else "ddd")
