"""The one table of what a person is told when a unique constraint fires.

Keyed by the columns the constraint guards (table, *columns), so a violation reads the same
whether PostgreSQL names its constraint or SQLite lists its columns, on the desk's cache, the
server, or an admin command.
"""

from __future__ import annotations

import re

from app.domain.errors import DuplicateError
from app.domain.i18n import QT_TRANSLATE_NOOP, translate

UNIQUE_MESSAGES: dict[tuple[str, ...], str] = {
    ("users", "student_number"): QT_TRANSLATE_NOOP(
        "refusal", "That student number is already in use."
    ),
    ("users", "email"): QT_TRANSLATE_NOOP("refusal", "That email address is already in use."),
    ("users", "username"): QT_TRANSLATE_NOOP("refusal", "That user name is already taken."),
    ("facilities", "name"): QT_TRANSLATE_NOOP(
        "refusal", "A facility with that name already exists."
    ),
    ("programs", "name"): QT_TRANSLATE_NOOP("refusal", "A program with that name already exists."),
    ("rooms", "facility_id", "name"): QT_TRANSLATE_NOOP(
        "refusal", "This facility already has a room with that name."
    ),
    ("program_class_enrollments", "class_id", "user_id"): QT_TRANSLATE_NOOP(
        "refusal", "The student is already on this roster."
    ),
    ("credentials", "cert_serial"): QT_TRANSLATE_NOOP(
        "refusal", "A credential with that serial number already exists."
    ),
    ("program_class_event_attendance", "event_id", "user_id", "date"): (
        QT_TRANSLATE_NOOP("refusal", "Attendance for this student and session is already recorded.")
    ),
}
ALREADY_EXISTS = QT_TRANSLATE_NOOP("refusal", "That record already exists.")

_CONSTRAINT_COLUMNS: dict[str, tuple[str, ...]] = {}


def constraint_columns() -> dict[str, tuple[str, ...]]:
    """Every unique constraint or index of the schema by name, as (table, *columns)."""
    if not _CONSTRAINT_COLUMNS:
        from app.db.models import Base

        for table in Base.metadata.tables.values():
            for constraint in table.constraints:
                cols = tuple(c.name for c in getattr(constraint, "columns", ()))
                if constraint.name and cols:
                    _CONSTRAINT_COLUMNS[str(constraint.name)] = (table.name, *cols)
            for index in table.indexes:
                if index.unique and index.name:
                    cols = tuple(c.name for c in index.columns)
                    _CONSTRAINT_COLUMNS[str(index.name)] = (table.name, *cols)
    return _CONSTRAINT_COLUMNS


def unique_key(constraint: str | None, text: str = "") -> tuple[str, ...] | None:
    """What a violation guards: from PostgreSQL's constraint name, or SQLite's message
    ("UNIQUE constraint failed: users.email")."""
    if constraint:
        return constraint_columns().get(constraint)
    match = re.search(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)", text)
    if match is None:
        return None
    parts = [p.strip().split(".") for p in match.group(1).split(",")]
    return (parts[0][0], *(p[1] for p in parts))


def duplicate_error(constraint: str | None, text: str = "") -> DuplicateError:
    """A unique violation in words, naming the field it concerns when known."""
    key = unique_key(constraint, text)
    message = translate("refusal", UNIQUE_MESSAGES.get(key or ()) or ALREADY_EXISTS)
    return DuplicateError(message, field=(key[-1] if key else None))
