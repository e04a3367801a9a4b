"""How the desk names tables, fields and values for people: one place, so a conflict, the
review queue and the audit trail read like the sheet ("Absence reason: —  → sick", not
``absence_reason``; "Thu 3 Dec 09:00" in the facility's timezone, not an ISO instant)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from app.db.base import Base
from app.domain import validation
from app.domain.enums import AttendanceStatus

EMPTY = "—"

STATUS_LABELS: dict[str, str] = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.LATE: "Late",
    AttendanceStatus.PARTIAL: "Partial",
    AttendanceStatus.ABSENT_EXCUSED: "Absent (excused)",
    AttendanceStatus.ABSENT_UNEXCUSED: "Absent",
}

TABLE_LABELS: dict[str, str] = {
    "program_class_event_attendance": "Attendance",
    "hours_logs": "Hours entry",
    "facilities": "Facility",
    "rooms": "Room",
    "users": "Person",
    "student_profiles": "Student profile",
    "student_medical": "Medical details",
    "guardians": "Guardian",
    "student_guardians": "Guardian link",
    "staff_scopes": "Staff scope",
    "programs": "Program",
    "program_types": "Program type",
    "facilities_programs": "Program at facility",
    "attendance_policies": "Attendance policy",
    "modules": "Module",
    "lessons": "Lesson",
    "lesson_progress": "Lesson progress",
    "program_classes": "Class",
    "program_class_enrollments": "Enrolment",
    "enrollment_history": "Enrolment history",
    "credentials": "Credential",
    "case_notes": "Case note",
    "user_account_history": "Account history",
    "program_class_events": "Session series",
    "program_class_event_overrides": "Session change",
    "instructor_availability": "Instructor hours",
    "instructor_time_off": "Time off",
    "facility_closures": "Closure",
    "facility_disruptions": "Disruption",
    "sync_devices": "This workstation",
}

FIELD_LABELS: dict[str, str] = {
    "attendance_status": "Status",
    "absence_reason": "Absence reason",
    "note": "Note",
    "notes": "Notes",
    "check_in_at": "Check-in",
    "check_out_at": "Check-out",
    "minutes": "Minutes",
    "marked_by": "Marked by",
    "marked_at": "Marked at",
    "device_id": "Workstation",
    "needs_review": "Set for review",
    "deleted_at": "Removed",
    "date": "Session date",
    "name_first": "First name",
    "name_last": "Last name",
    "student_number": "Student number",
    "doc_id": "Resident / DOC id",
    "date_of_birth": "Date of birth",
    "enrollment_date": "Enrolled since",
    "enrollment_status": "Enrolment status",
    "enrolled_at": "Enrolled",
    "enrollment_ended_at": "Ended",
    "change_reason": "Reason",
    "from_status": "From",
    "to_status": "To",
    "is_cancelled": "Cancelled",
    "new_start_local": "New start",
    "new_duration_minutes": "New length (minutes)",
    "dtstart_local": "First session",
    "duration_minutes": "Length (minutes)",
    "recurrence_rule": "Repeats",
    "until_local": "Last day",
    "exdates": "Skipped days",
    "original_date": "Session date",
    "cert_serial": "Serial",
    "issued_on": "Issued",
    "clock_in": "Clock-in",
    "clock_out": "Clock-out",
    "emergency_contact_name": "Emergency contact",
    "emergency_contact_phone": "Their phone",
    "emergency_contact_relationship": "Relationship",
    "medical_notes": "Medical notes",
    "deactivated_at": "Deactivated",
    "weekday": "Day of the week",
    "start_minute": "From",
    "end_minute": "Until",
    "valid_from": "Valid from",
    "valid_to": "Valid until",
    "starts_local": "Starts",
    "ends_local": "Ends",
    "reason": "Reason",
}

# Keys and bookkeeping a person never needs to read in a change.
HIDDEN_FIELDS = frozenset(
    {
        "id",
        "row_version",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "facility_id",
        "user_id",
        "student_id",
        "event_id",
        "class_id",
        "program_id",
        "enrollment_id",
        "search_name",
        "search_first",
        "marked_by",  # who marked is said by name where a change is shown, not as a login
        "marked_at",
        "device_id",
        "verified_by",
        "verified_at",
    }
)


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table.replace("_", " ").capitalize())


def field_label(field: str) -> str:
    """The label a screen shows for a column: the table above, else the domain's rule."""
    return FIELD_LABELS.get(field) or validation.field_label(field)


def day_text(day: date, *, year: bool = False) -> str:
    """ "Thu 3 Dec" (with the year: "Thu 3 Dec 2026")."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


def instant_text(value: datetime, tz: ZoneInfo | None, *, year: bool = False) -> str:
    """An instant in the facility's timezone ("Thu 3 Dec 09:00"); a naive one is local already."""
    if value.tzinfo is not None and tz is not None:
        value = value.astimezone(tz)
    return f"{day_text(value.date(), year=year)} {value:%H:%M}"


def status_text(value: object) -> str:
    if value is None:
        return EMPTY
    return STATUS_LABELS.get(str(getattr(value, "value", value)), str(value))


def _python_type(table: str | None, field: str) -> type | None:
    if table is None or table not in Base.metadata.tables:
        return None
    column = Base.metadata.tables[table].c.get(field)
    if column is None:
        return None
    try:
        found: type = column.type.python_type
    except NotImplementedError:
        return None
    return found


def value_text(field: str, value: Any, tz: ZoneInfo | None, table: str | None = None) -> str:
    """A stored value as the screens show it; ``value`` may be typed or as JSON left it."""
    if value is None or value == "":
        return EMPTY
    if field == "attendance_status":
        return status_text(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ").capitalize()
    kind = _python_type(table, field)
    if isinstance(value, str) and kind in (datetime, date):
        raw = str(value)
        try:
            value = datetime.fromisoformat(raw) if kind is datetime else date.fromisoformat(raw)
        except ValueError:
            return raw
    if isinstance(value, datetime):
        return instant_text(value, tz)
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, uuid.UUID):
        return str(value)[:8]
    if kind is not None and issubclass(kind, Enum) and isinstance(value, str):
        return value.replace("_", " ").capitalize()
    if isinstance(value, (dict, list)):
        return ", ".join(str(v) for v in (value.values() if isinstance(value, dict) else value))
    return str(value)


def shown_fields(fields: Iterable[str]) -> list[str]:
    """The fields worth reading, in a stable order: status first, as on the sheet."""
    order = list(FIELD_LABELS)
    wanted = [f for f in fields if f not in HIDDEN_FIELDS]
    return sorted(wanted, key=lambda f: (order.index(f) if f in order else len(order), f))


def values_text(
    values: Mapping[str, Any] | None,
    tz: ZoneInfo | None,
    table: str | None = None,
    *,
    given_only: bool = False,
) -> str:
    """ "Status: Present; Note: late bus"; ``given_only`` leaves out empty values and "No"
    (a new record says what it holds, not every column it leaves blank)."""
    if not values:
        return ""
    fields = shown_fields(values)
    if given_only:
        fields = [f for f in fields if values[f] not in (None, "", False)]
    return "; ".join(f"{field_label(f)}: {value_text(f, values[f], tz, table)}" for f in fields)


def changes_text(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    tz: ZoneInfo | None,
    table: str | None = None,
) -> str:
    """What changed in words: "Status: Absent → Present; Note: — → late bus".

    Without ``old`` (a new record) the new values; without ``new`` (a removal) the old ones."""
    if old is None:
        return values_text(new, tz, table, given_only=True)
    if new is None:
        return values_text(old, tz, table, given_only=True)
    parts = []
    for f in shown_fields(set(old) | set(new)):
        before = value_text(f, old.get(f), tz, table)
        after = value_text(f, new.get(f), tz, table)
        if f == "deleted_at":
            parts.append("Removed" if new.get(f) is not None else "Restored")
        elif before != after:
            parts.append(f"{field_label(f)}: {before} → {after}")
    return "; ".join(parts)
