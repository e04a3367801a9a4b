"""The one table of what a person is told when a unique constraint fires.

Keyed by the columns the constraint guards (table, *columns), so a violation reads the same
whether PostgreSQL names its constraint or SQLite lists its columns, on the desk's cache, the
server, or an admin command.
"""

from __future__ import annotations

import re

from app.domain.errors import DuplicateError

UNIQUE_MESSAGES: dict[tuple[str, ...], str] = {
    ("users", "student_number"): "That student number is already in use.",
    ("users", "email"): "That email address is already in use.",
    ("users", "username"): "That user name is already taken.",
    ("facilities", "name"): "A facility with that name already exists.",
    ("programs", "name"): "A program with that name already exists.",
    ("rooms", "facility_id", "name"): "This facility already has a room with that name.",
    ("program_class_enrollments", "class_id", "user_id"): "The student is already on this roster.",
    ("credentials", "cert_serial"): "A credential with that serial number already exists.",
    ("program_class_event_attendance", "event_id", "user_id", "date"): (
        "Attendance for this student and session is already recorded."
    ),
}
ALREADY_EXISTS = "That record already exists."

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
    message = UNIQUE_MESSAGES.get(key or ()) or ALREADY_EXISTS
    return DuplicateError(message, field=(key[-1] if key else None))
