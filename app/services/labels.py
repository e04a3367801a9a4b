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
from app.domain import i18n, validation, value_labels
from app.domain.enums import AttendanceStatus
from app.domain.i18n import QT_TRANSLATE_NOOP, translate

EMPTY = "—"

STATUS_LABELS: dict[str, str] = {
    AttendanceStatus.PRESENT: QT_TRANSLATE_NOOP("labels", "Present"),
    AttendanceStatus.LATE: QT_TRANSLATE_NOOP("labels", "Late"),
    AttendanceStatus.PARTIAL: QT_TRANSLATE_NOOP("labels", "Partial"),
    AttendanceStatus.ABSENT_EXCUSED: QT_TRANSLATE_NOOP("labels", "Absent (excused)"),
    AttendanceStatus.ABSENT_UNEXCUSED: QT_TRANSLATE_NOOP("labels", "Absent"),
}

TABLE_LABELS: dict[str, str] = {
    "program_class_event_attendance": QT_TRANSLATE_NOOP("labels", "Attendance"),
    "hours_logs": QT_TRANSLATE_NOOP("labels", "Hours entry"),
    "facilities": QT_TRANSLATE_NOOP("labels", "Facility"),
    "rooms": QT_TRANSLATE_NOOP("labels", "Room"),
    "users": QT_TRANSLATE_NOOP("labels", "Person"),
    "student_profiles": QT_TRANSLATE_NOOP("labels", "Student profile"),
    "student_medical": QT_TRANSLATE_NOOP("labels", "Medical details"),
    "guardians": QT_TRANSLATE_NOOP("labels", "Guardian"),
    "student_guardians": QT_TRANSLATE_NOOP("labels", "Guardian link"),
    "staff_scopes": QT_TRANSLATE_NOOP("labels", "Staff scope"),
    "programs": QT_TRANSLATE_NOOP("labels", "Program"),
    "program_types": QT_TRANSLATE_NOOP("labels", "Program type"),
    "facilities_programs": QT_TRANSLATE_NOOP("labels", "Program at facility"),
    "attendance_policies": QT_TRANSLATE_NOOP("labels", "Attendance policy"),
    "modules": QT_TRANSLATE_NOOP("labels", "Module"),
    "lessons": QT_TRANSLATE_NOOP("labels", "Lesson"),
    "lesson_progress": QT_TRANSLATE_NOOP("labels", "Lesson progress"),
    "program_classes": QT_TRANSLATE_NOOP("labels", "Class"),
    "program_class_enrollments": QT_TRANSLATE_NOOP("labels", "Enrolment"),
    "enrollment_history": QT_TRANSLATE_NOOP("labels", "Enrolment history"),
    "credentials": QT_TRANSLATE_NOOP("labels", "Credential"),
    "case_notes": QT_TRANSLATE_NOOP("labels", "Case note"),
    "user_account_history": QT_TRANSLATE_NOOP("labels", "Account history"),
    "program_class_events": QT_TRANSLATE_NOOP("labels", "Session series"),
    "program_class_event_overrides": QT_TRANSLATE_NOOP("labels", "Session change"),
    "instructor_availability": QT_TRANSLATE_NOOP("labels", "Instructor hours"),
    "instructor_time_off": QT_TRANSLATE_NOOP("labels", "Time off"),
    "facility_closures": QT_TRANSLATE_NOOP("labels", "Closure"),
    "facility_disruptions": QT_TRANSLATE_NOOP("labels", "Disruption"),
    "makeup_links": QT_TRANSLATE_NOOP("labels", "Make-up link"),
    "sync_devices": QT_TRANSLATE_NOOP("labels", "This workstation"),
}

FIELD_LABELS: dict[str, str] = {
    "attendance_status": QT_TRANSLATE_NOOP("labels", "Status"),
    "absence_reason": QT_TRANSLATE_NOOP("labels", "Absence reason"),
    "note": QT_TRANSLATE_NOOP("labels", "Note"),
    "notes": QT_TRANSLATE_NOOP("labels", "Notes"),
    "check_in_at": QT_TRANSLATE_NOOP("labels", "Check-in"),
    "check_out_at": QT_TRANSLATE_NOOP("labels", "Check-out"),
    "minutes": QT_TRANSLATE_NOOP("labels", "Minutes"),
    "marked_by": QT_TRANSLATE_NOOP("labels", "Marked by"),
    "marked_at": QT_TRANSLATE_NOOP("labels", "Marked at"),
    "device_id": QT_TRANSLATE_NOOP("labels", "Workstation"),
    "needs_review": QT_TRANSLATE_NOOP("labels", "Set for review"),
    "deleted_at": QT_TRANSLATE_NOOP("labels", "Removed"),
    "date": QT_TRANSLATE_NOOP("labels", "Session date"),
    "name_first": QT_TRANSLATE_NOOP("labels", "First name"),
    "name_last": QT_TRANSLATE_NOOP("labels", "Last name"),
    "student_number": QT_TRANSLATE_NOOP("labels", "Student number"),
    "doc_id": QT_TRANSLATE_NOOP("labels", "Resident / DOC id"),
    "date_of_birth": QT_TRANSLATE_NOOP("labels", "Date of birth"),
    "enrollment_date": QT_TRANSLATE_NOOP("labels", "Enrolled since"),
    "enrollment_status": QT_TRANSLATE_NOOP("labels", "Enrolment status"),
    "enrolled_at": QT_TRANSLATE_NOOP("labels", "Enrolled"),
    "enrollment_ended_at": QT_TRANSLATE_NOOP("labels", "Ended"),
    "change_reason": QT_TRANSLATE_NOOP("labels", "Reason"),
    "from_status": QT_TRANSLATE_NOOP("labels", "From"),
    "to_status": QT_TRANSLATE_NOOP("labels", "To"),
    "is_cancelled": QT_TRANSLATE_NOOP("labels", "Cancelled"),
    "new_start_local": QT_TRANSLATE_NOOP("labels", "New start"),
    "new_duration_minutes": QT_TRANSLATE_NOOP("labels", "New length (minutes)"),
    "dtstart_local": QT_TRANSLATE_NOOP("labels", "First session"),
    "duration_minutes": QT_TRANSLATE_NOOP("labels", "Length (minutes)"),
    "recurrence_rule": QT_TRANSLATE_NOOP("labels", "Repeats"),
    "until_local": QT_TRANSLATE_NOOP("labels", "Last day"),
    "exdates": QT_TRANSLATE_NOOP("labels", "Skipped days"),
    "original_date": QT_TRANSLATE_NOOP("labels", "Session date"),
    "cert_serial": QT_TRANSLATE_NOOP("labels", "Serial"),
    "issued_on": QT_TRANSLATE_NOOP("labels", "Issued"),
    "clock_in": QT_TRANSLATE_NOOP("labels", "Clock-in"),
    "clock_out": QT_TRANSLATE_NOOP("labels", "Clock-out"),
    "emergency_contact_name": QT_TRANSLATE_NOOP("labels", "Emergency contact"),
    "emergency_contact_phone": QT_TRANSLATE_NOOP("labels", "Their phone"),
    "emergency_contact_relationship": QT_TRANSLATE_NOOP("labels", "Relationship"),
    "medical_notes": QT_TRANSLATE_NOOP("labels", "Medical notes"),
    "deactivated_at": QT_TRANSLATE_NOOP("labels", "Deactivated"),
    "weekday": QT_TRANSLATE_NOOP("labels", "Day of the week"),
    "start_minute": QT_TRANSLATE_NOOP("labels", "From"),
    "end_minute": QT_TRANSLATE_NOOP("labels", "Until"),
    "valid_from": QT_TRANSLATE_NOOP("labels", "Valid from"),
    "valid_to": QT_TRANSLATE_NOOP("labels", "Valid until"),
    "starts_local": QT_TRANSLATE_NOOP("labels", "Starts"),
    "ends_local": QT_TRANSLATE_NOOP("labels", "Ends"),
    "reason": QT_TRANSLATE_NOOP("labels", "Reason"),
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
    label = TABLE_LABELS.get(table)
    return translate("labels", label) if label else table.replace("_", " ").capitalize()


def field_label(field: str) -> str:
    """The label a screen shows for a column: the table above, else the domain's rule."""
    label = FIELD_LABELS.get(field)
    return translate("labels", label) if label else validation.field_label(field)


def day_text(day: date, *, year: bool = False) -> str:
    """ "Thu 3 Dec" (with the year: "Thu 3 Dec 2026"), in the desk's locale."""
    return i18n.day_text(day, year=year)


def instant_text(value: datetime, tz: ZoneInfo | None, *, year: bool = False) -> str:
    """An instant in the facility's timezone ("Thu 3 Dec 09:00"); a naive one is local already."""
    if value.tzinfo is not None and tz is not None:
        value = value.astimezone(tz)
    return f"{day_text(value.date(), year=year)} {value:%H:%M}"


def status_text(value: object) -> str:
    if value is None:
        return EMPTY
    label = STATUS_LABELS.get(str(getattr(value, "value", value)))
    return translate("labels", label) if label else str(value)


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
        return translate("labels", "Yes") if value else translate("labels", "No")
    if isinstance(value, Enum):
        return _stored_value_text(str(value.value))
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
        return _stored_value_text(value)
    if isinstance(value, (dict, list)):
        return ", ".join(str(v) for v in (value.values() if isinstance(value, dict) else value))
    return str(value)


def _stored_value_text(raw: str) -> str:
    """A stored value in the desk's words, capitalised as a value in a list ("Classroom")."""
    if raw in value_labels.LABELS:
        text = value_labels.value_text(raw)
        return text[:1].upper() + text[1:]
    return raw.replace("_", " ").capitalize()


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
            removed = new.get(f) is not None
            parts.append(translate("labels", "Removed" if removed else "Restored"))
        elif before != after:
            parts.append(f"{field_label(f)}: {before} → {after}")
    return "; ".join(parts)
