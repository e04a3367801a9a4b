"""Checks and clean-ups of what people type: names, emails, date ranges, timezone names."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.errors import UnknownTimezone, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP, translate

__all__ = [
    "check_email",
    "check_range",
    "check_timezone",
    "clean_name",
    "clean_text",
    "field_label",
]

_D = TypeVar("_D", bound=date)

# RFC 5321 limits: a whole address fits in a 254-octet path, a local part in 64.
_EMAIL_MAX = 254
_EMAIL_LOCAL_MAX = 64


def field_label(field: str) -> str:
    """The label shown for a field: ``name_first`` -> "First name", ``room_name`` -> "Room name"."""
    words = [w for w in field.split("_") if w]
    if not words:
        return "Value"
    # Seed 000 names person fields name_first/name_last; people read them the other way round.
    if words[0] == "name" and len(words) > 1:
        words = [*words[1:], "name"]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _reject_control_chars(text: str, label: str, field: str, allowed: str = "") -> None:
    # PostgreSQL refuses NUL in text and other control characters only cause grief in exports.
    for ch in text:
        if ch not in allowed and unicodedata.category(ch) == "Cc":
            raise ValidationError(
                translate("refusal", "{field} contains a control character").format(
                    field=_shown(label)
                ),
                field=field,
            )


def clean_name(
    value: str | None,
    *,
    field: str,
    max_length: int = 100,
    label: str | None = None,
) -> str:
    """A required one-line value: NFC-normalised, trimmed, inner whitespace runs made one space.

    Raises ``ValidationError`` (with ``field``) when it is empty or longer than ``max_length``.
    """
    shown = label or field_label(field)
    cleaned = _clean_line(value)
    if not cleaned:
        raise ValidationError(_required(shown), field=field)
    _check_line(cleaned, shown, field, max_length)
    return cleaned


def clean_text(
    value: str | None,
    *,
    field: str,
    max_length: int,
    label: str | None = None,
    required: bool = False,
) -> str | None:
    """Free text (notes, reasons): trimmed, line breaks kept as ``\\n``; blank gives ``None``."""
    shown = label or field_label(field)
    text = "" if value is None else unicodedata.normalize("NFC", value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        if required:
            raise ValidationError(_required(shown), field=field)
        return None
    _reject_control_chars(text, shown, field, allowed="\n\t")
    if len(text) > max_length:
        raise ValidationError(_too_long(shown, max_length), field=field)
    return text


def _shown(label: str) -> str:
    """A field's label in the desk's language when the labels know it ("Reason", "Note")."""
    return translate("labels", label)


def _required(label: str) -> str:
    return translate("refusal", "{field} is required").format(field=_shown(label))


def _too_long(label: str, most: int) -> str:
    return translate("refusal", "{field} is longer than {most} characters").format(
        field=_shown(label), most=most
    )


def _clean_line(value: str | None) -> str:
    if value is None:
        return ""
    # NFC so that "é" typed two ways compares (and searches) equal.
    return " ".join(unicodedata.normalize("NFC", value).split())


def _check_line(cleaned: str, label: str, field: str, max_length: int) -> None:
    _reject_control_chars(cleaned, label, field)
    if len(cleaned) > max_length:
        raise ValidationError(_too_long(label, max_length), field=field)


def check_email(value: str | None, *, field: str = "email") -> str | None:
    """A lower-cased email address, or ``None`` when blank; a sanity check, not RFC 5322."""
    if value is None or not value.strip():
        return None
    email = value.strip().lower()
    bad = ValidationError(f"“{value.strip()}” is not a valid email address", field=field)
    if len(email) > _EMAIL_MAX:
        raise ValidationError(
            f"The email address is longer than {_EMAIL_MAX} characters", field=field
        )
    if email.count("@") != 1 or any(ch.isspace() for ch in email):
        raise bad
    local, domain = email.split("@")
    if not local or len(local) > _EMAIL_LOCAL_MAX:
        raise bad
    labels = domain.split(".")
    if len(labels) < 2 or any(not part for part in labels):
        raise bad
    if any(part.startswith("-") or part.endswith("-") for part in labels):
        raise bad
    _reject_control_chars(email, "The email address", field)
    return email


def check_range(
    start: _D | None,
    end: _D | None,
    *,
    what: str,
    field: str | None = None,
) -> None:
    """Raise ``ValidationError`` when ``end`` is before ``start``; a missing bound is open.

    Works on dates and on datetimes (both naive or both aware: mixing them is a programming error
    and raises ``TypeError``). ``what`` names the thing: "The enrollment" -> "The enrollment ends
    before it starts".
    """
    if start is None or end is None:
        return
    # Two datetimes of one zone compare by wall time, wrong across a fall-back: compare in UTC.
    if (
        isinstance(start, datetime)
        and isinstance(end, datetime)
        and start.tzinfo is not None
        and end.tzinfo is not None
    ):
        if end.astimezone(UTC) < start.astimezone(UTC):
            raise ValidationError(_ends_before_it_starts(what), field=field)
        return
    if end < start:
        raise ValidationError(_ends_before_it_starts(what), field=field)


# Whole sentences, one per thing checked, so each language can word (and agree) them its way.
_ENDS_BEFORE_IT_STARTS = {
    "the calendar window": QT_TRANSLATE_NOOP(
        "refusal", "The calendar window ends before it starts"
    ),
    "a proposed session": QT_TRANSLATE_NOOP("refusal", "A proposed session ends before it starts"),
    "the period": QT_TRANSLATE_NOOP("refusal", "The period ends before it starts"),
    "the enrollment": QT_TRANSLATE_NOOP("refusal", "The enrollment ends before it starts"),
    "the time log": QT_TRANSLATE_NOOP("refusal", "The time log ends before it starts"),
}


def _ends_before_it_starts(what: str) -> str:
    known = _ENDS_BEFORE_IT_STARTS.get(what.lower())
    if known:
        return translate("refusal", known)
    return f"{_capital(what)} ends before it starts"  # a thing without its sentence: English


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def check_timezone(name: str | None) -> ZoneInfo:
    """The IANA zone called ``name``; ``UnknownTimezone`` for a blank or unknown name."""
    key = (name or "").strip()
    if not key:
        raise UnknownTimezone("A timezone is required", field="timezone")
    try:
        return ZoneInfo(key)
    # ZoneInfo reports a bad key in many ways: not found, a directory ("America"), a path
    # outside the database, a NUL byte, a name too long for the file system.
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise UnknownTimezone(
            f"“{key}” is not a known timezone (expected an IANA name such as America/New_York)",
            field="timezone",
        ) from exc


USERNAME_RE = re.compile(r"[a-z_][a-z0-9_]{0,62}", re.ASCII)
_RESERVED_USERNAMES = frozenset(
    {"public", "none", "user", "current_user", "current_role", "session_user", "system_user"}
)


def check_username(value: str) -> str:
    """A staff user name is a PostgreSQL role name: lower-case ASCII, digits and _, at most 63;
    PostgreSQL's own and Rollbook's internal role names are reserved."""
    name = (value or "").strip()
    if not USERNAME_RE.fullmatch(name):
        raise ValidationError(
            "A user name must start with a lower-case letter or _ and contain only lower-case "
            "letters, digits and _ (at most 63).",
            field="username",
        )
    if name.startswith(("pg_", "rollbook_")) or name in _RESERVED_USERNAMES:
        raise ValidationError(f"The user name “{name}” is reserved.", field="username")
    return name
