"""The CSV mapping without a database: our fields per kind of file, guesses, the mapping file.

Shared by the command line (``rollbook import csv --mapping``) and the app's column-mapping
dialog, which must not reach the database.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

FIELDS: dict[str, tuple[str, ...]] = {
    "students": (
        "id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "student_number",
        "doc_id",
        "date_of_birth",
        "status",
        "address",
        "enrollment_date",
    ),
    "guardians": (
        "id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "address",
        "student",
        "relationship",
        "is_primary",
        "can_pick_up",
    ),
    "classes": (
        "id",
        "name",
        "program",
        "description",
        "start_date",
        "end_date",
        "capacity",
        "status",
        "instructor",
        "room",
    ),
    "enrollments": ("student", "class", "status", "enrolled_at", "ended_at", "reason"),
    "sessions": ("id", "class", "start", "duration", "rrule", "until", "room"),
    "attendance": (
        "session",
        "student",
        "date",
        "status",
        "check_in",
        "check_out",
        "minutes",
        "note",
        "marked_by",
        "absence_reason",
    ),
    # Seed 003: an instructor's weekly hours (a weekday, times of day) or, on rows without a
    # weekday, time off (dates, or dates and times), in the facility's wall time.
    "availability": (
        "id",
        "instructor",
        "weekday",
        "start",
        "end",
        "valid_from",
        "valid_to",
        "reason",
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "students": ("id", "first_name", "last_name"),
    "guardians": ("id", "first_name", "last_name"),
    "classes": ("id", "name"),
    "enrollments": ("student", "class"),
    "sessions": ("id", "class", "start", "duration"),
    "attendance": ("session", "student", "date", "status"),
    "availability": ("id", "instructor", "start", "end"),
}
# Other names exports use for a field (compared without case, spaces or punctuation).
ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("first", "firstname", "given", "givenname", "forename"),
    "last_name": ("last", "lastname", "surname", "family", "familyname"),
    "student_number": ("studentnumber", "number", "memberno", "studentno", "studentid"),
    "date_of_birth": ("dob", "birthdate", "dateofbirth", "birthday"),
    "class": ("class", "classid", "course", "courseid", "courseuuid"),
    "student": ("student", "studentid", "studentuuid"),
    "session": ("session", "sessionid", "sessionuuid"),
    "start": ("start", "starts", "firstsession", "startdate"),
    "rrule": ("rrule", "repeats", "recurrence"),
    "instructor": ("instructor", "coach", "trainer", "teacher", "tutor"),
    "weekday": ("weekday", "day", "dayofweek"),
    "end": ("end", "ends", "until", "to", "enddate"),
    "reason": ("reason", "notes", "note"),
}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def headers(path: Path) -> list[str]:
    """The header row of a CSV file."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle), [])


def guess_columns(kind: str, found: list[str]) -> dict[str, str]:
    """A first mapping of our fields to ``found`` headers, by name; a person checks it."""
    by_key = {_key(h): h for h in found}
    guess: dict[str, str] = {}
    for name in FIELDS[kind]:
        for candidate in (_key(name), *ALIASES.get(name, ())):
            if candidate in by_key and by_key[candidate] not in guess.values():
                guess[name] = by_key[candidate]
                break
    return guess


def missing_fields(kind: str, columns: dict[str, str]) -> list[str]:
    return [f for f in REQUIRED[kind] if not columns.get(f)]


def mapping_document(
    files: dict[str, tuple[str, dict[str, str]]], options: dict[str, str]
) -> dict[str, Any]:
    """The mapping file's content: options, then per kind its file and columns."""
    doc: dict[str, Any] = {k: v for k, v in options.items() if v}
    for kind, (file, columns) in files.items():
        doc[kind] = {"file": file, "columns": {k: v for k, v in columns.items() if v}}
    return doc


def write_mapping(path: Path, document: dict[str, Any]) -> None:
    """Written as JSON (the command line reads JSON and TOML), complete or not at all."""
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
