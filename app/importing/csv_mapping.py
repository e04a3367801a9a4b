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
    # Seed 003 ``parents``; an export joined with the students may also say whose parent each
    # line is (student, relationship, ...), otherwise ``guardian_links`` does.
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
    # Seed 003 ``student_parent_relationships``: which parent is whose, and how.
    "guardian_links": ("student", "guardian", "relationship", "is_primary", "can_pick_up"),
    # Seed 003 ``instructors`` and ``locations`` in files of their own: classes, sessions,
    # availability and progress then name them by id (or by name).
    "instructors": ("id", "first_name", "last_name", "name", "email", "phone"),
    "rooms": ("id", "name", "kind", "capacity", "status"),
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
    "enrollments": (
        "student",
        "class",
        "status",
        "enrolled_at",
        "ended_at",
        "reason",
        "waitlist_position",
    ),
    # A session: a start date and time (or a ``date`` and a start time), a duration (or an end),
    # an optional rule; ``status`` cancelled makes its (first) session a cancelled one.
    "sessions": (
        "id",
        "class",
        "start",
        "duration",
        "rrule",
        "until",
        "room",
        "date",
        "end",
        "status",
        "cancellation_reason",
        "instructor",
    ),
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
    # Seed 003's curriculum, flattened: lessons with their module and program (modules are
    # made from the names), and a student's progress on a lesson with its 0-3 star rating.
    "lessons": ("id", "title", "module", "program", "sequence", "duration"),
    "lesson_progress": ("student", "lesson", "stars", "status", "assessed_by", "assessed_at"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "students": ("id", "first_name", "last_name"),
    "guardians": ("id", "first_name", "last_name"),
    "guardian_links": ("student", "guardian"),
    "instructors": ("id",),
    "rooms": ("id", "name"),
    "classes": ("id", "name"),
    "enrollments": ("student", "class"),
    "sessions": ("id", "class", "start"),
    "attendance": ("session", "student", "date", "status"),
    "availability": ("id", "instructor", "start", "end"),
    "lessons": ("id", "title", "program"),
    "lesson_progress": ("student", "lesson"),
}
# Other names exports use for a field (compared without case, spaces or punctuation), among
# them the column names of seed 003's own tables (``student_id``, ``location_id``, ...).
ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("first", "firstname", "given", "givenname", "forename"),
    "last_name": ("last", "lastname", "surname", "family", "familyname"),
    "name": ("name", "fullname", "title"),
    "student_number": ("studentnumber", "number", "memberno", "studentno", "studentid"),
    "date_of_birth": ("dob", "birthdate", "dateofbirth", "birthday"),
    "class": ("class", "classid", "course", "courseid", "courseuuid"),
    "student": ("student", "studentid", "studentuuid"),
    "guardian": ("guardian", "guardianid", "parent", "parentid", "parentuuid"),
    "session": ("session", "sessionid", "sessionuuid"),
    "lesson": ("lesson", "lessonid", "lessonuuid"),
    "program": ("program", "programid", "programme", "programname"),
    "module": ("module", "moduleid", "modulename", "section", "level"),
    "title": ("title", "name", "lessonname", "lessontitle"),
    "start": ("start", "starts", "firstsession", "startdate", "starttime", "startsat"),
    "end": ("end", "ends", "until", "to", "enddate", "endtime", "endsat"),
    "date": ("date", "sessiondate", "attendancedate"),
    "duration": ("duration", "durationminutes", "length", "minutes"),
    "rrule": ("rrule", "repeats", "recurrence", "recurrencerule"),
    "room": ("room", "roomid", "location", "locationid", "venue"),
    "instructor": ("instructor", "instructorid", "coach", "trainer", "teacher", "tutor"),
    "weekday": ("weekday", "day", "dayofweek"),
    "reason": ("reason", "notes", "note"),
    "note": ("note", "notes", "comment", "comments"),
    "status": (
        "status",
        "enrollmentstatus",
        "enrolmentstatus",
        "attendancestatus",
        "sessionstatus",
        "progressstatus",
    ),
    "kind": ("kind", "type", "locationtype", "roomtype", "facilitytype"),
    "capacity": ("capacity", "maxstudents", "maxcapacity", "maxparticipants"),
    "relationship": ("relationship", "relationshiptype", "relation"),
    "is_primary": ("isprimary", "primary", "primarycontact", "isprimarycontact"),
    "can_pick_up": ("canpickup", "pickup", "authorizedpickup", "canpickupstudent"),
    "waitlist_position": ("waitlistposition", "position", "waitlistrank", "queueposition"),
    "cancellation_reason": ("cancellationreason", "cancelreason", "reasoncancelled"),
    "enrolled_at": ("enrolledat", "enrolledon", "enrollmentdate", "enrolmentdate"),
    "check_in": ("checkin", "checkintime", "checkedinat", "arrived", "arrival"),
    "check_out": ("checkout", "checkouttime", "checkedoutat", "left", "departure"),
    "marked_by": ("markedby", "recordedby", "takenby"),
    "stars": ("stars", "starrating", "rating", "score", "assessment"),
    "assessed_by": ("assessedby", "assessor", "instructorid", "instructor"),
    "assessed_at": ("assessedat", "assessedon", "assessmentdate", "date"),
    "sequence": ("sequence", "sequenceorder", "order", "ordernum", "position"),
    "valid_from": ("validfrom", "effectivefrom", "from"),
    "valid_to": ("validto", "effectiveto", "to"),
}
# Which kind a file holds, by its name: seed 003's table names first, then other usual ones.
FILE_NAMES: dict[str, tuple[str, ...]] = {
    "students": ("students", "student", "pupils", "members"),
    "guardians": ("parents", "guardians", "parent", "guardian"),
    "guardian_links": (
        "studentparentrelationships",
        "studentparents",
        "studentguardians",
        "parentlinks",
        "family",
    ),
    "instructors": ("instructors", "coaches", "trainers", "tutors"),
    "rooms": ("locations", "rooms", "venues", "spaces"),
    "classes": ("courses", "classes", "class", "course"),
    "enrollments": ("studentenrollments", "enrollments", "enrolments", "studentenrolments"),
    "sessions": ("sessions", "session", "schedule"),
    "attendance": ("studentattendance", "attendance", "register", "registers"),
    "availability": ("instructoravailability", "availability", "coachavailability"),
    "lessons": ("lessons", "lesson"),
    "lesson_progress": ("studentprogress", "lessonprogress", "progress", "assessments"),
}


def guess_files(names: list[str]) -> dict[str, str]:
    """Which file of a folder holds each kind, by the file's name (a person checks it)."""
    by_key = {_key(Path(n).stem): n for n in names}
    found: dict[str, str] = {}
    for kind, candidates in FILE_NAMES.items():
        for candidate in (_key(kind), *candidates):
            if candidate in by_key and by_key[candidate] not in found.values():
                found[kind] = by_key[candidate]
                break
    return found


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
            if name != "id" and candidate == "id":
                continue
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
