"""The entities of a CSV import: students, guardians, classes, enrollments, sessions, attendance,
instructors' availability (weekly hours and time off).

Every value arrives as text; these converters parse it (ISO dates, or the mapping's
``date_format``), check it against our enumerations and limits, and report what they refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from app.domain import ids
from app.domain.availability import parse_minute
from app.domain.enums import (
    AttendanceStatus,
    ClassStatus,
    EnrollmentStatus,
    GuardianRelationship,
    PersonStatus,
    Role,
)
from app.importing import convert as cv
from app.importing.engine import Context, Entity, Row, Skip, System
from app.importing.report import CHANGED
from app.importing.series import occurrence_date, series_values
from app.importing.writer import Target
from app.repositories.people import code_key

Converter = Callable[[Row, Context], dict[str, Any]]


def _date(ctx: Context, value: Any, field: str, *, required: bool = False) -> date | None:
    if not value:
        if required:
            raise Skip("missing value", f"{field} is empty")
        return None
    fmt = ctx.options.get("date_format")
    try:
        if fmt:
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                pass
        return date.fromisoformat(value[:10])
    except ValueError:
        if required:
            raise Skip("invalid", f"{field} {value!r} is not a date") from None
        ctx.note("invalid", f"{field} {value!r} is not a date: left out", CHANGED)
        return None


def _local_time(ctx: Context, value: Any, field: str) -> datetime | None:
    """A wall-clock time at the facility, or an instant with its offset, as an aware instant."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        ctx.note("invalid", f"{field} {value!r} is not a date and time: left out", CHANGED)
        return None
    if moment.tzinfo is None:
        _, tz = cv.facility_of(ctx)
        moment = moment.replace(tzinfo=cv.zone(tz))
    return moment


def _int(ctx: Context, value: Any, field: str) -> int | None:
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        ctx.note("invalid", f"{field} {value!r} is not a whole number: left out", CHANGED)
        return None
    if not 0 <= number <= 2**31 - 1:
        ctx.note("invalid", f"{field} {number} is out of range: left out", CHANGED)
        return None
    return number


def _bool(value: Any, default: bool) -> bool:
    if not value:
        return default
    return str(value).strip().lower() in ("1", "true", "yes", "y", "x")


def _student(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    number = cv.code(ctx, row["student_number"], "student number", 32)
    return {
        "id": ctx.new_id("students", ctx.source_id),
        "facility_id": facility,
        "role": Role.STUDENT,
        **cv.person_name(ctx, row["first_name"], row["last_name"]),
        "email": cv.email(ctx, row["email"]),
        "phone": cv.code(ctx, row["phone"], "phone", 32),
        "student_number": code_key(number) if number else None,
        "doc_id": cv.code(ctx, row["doc_id"], "doc_id", 64),
        "status": cv.enum(ctx, PersonStatus, row["status"] or "active", "status"),
    }


def _profile(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("student_profiles", ctx.source_id),
        "user_id": ctx.parent("students", row["id"], "student"),
        "facility_id": facility,
        "date_of_birth": _date(ctx, row["date_of_birth"], "date_of_birth"),
        "enrollment_date": _date(ctx, row["enrollment_date"], "enrollment_date"),
        "address": row["address"],
    }


def _guardian(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    names = cv.person_name(ctx, row["first_name"], row["last_name"])
    return {
        "id": ctx.new_id("guardians", ctx.source_id),
        "facility_id": facility,
        "name_first": names["name_first"],
        "name_last": names["name_last"],
        "email": cv.email(ctx, row["email"]),
        "phone": cv.code(ctx, row["phone"], "phone", 32),
        "address": row["address"],
    }


def _family(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    relationship = row["relationship"] or "guardian"
    return {
        "id": ctx.new_id("student_guardians", ctx.source_id),
        "facility_id": facility,
        "student_id": ctx.parent("students", row["student"], "student"),
        "guardian_id": ctx.parent("guardians", row["id"], "guardian"),
        "relationship": cv.enum(ctx, GuardianRelationship, relationship.lower(), "relationship"),
        "is_primary": _bool(row["is_primary"], False),
        "can_pick_up": _bool(row["can_pick_up"], True),
    }


def _program(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("programs", ctx.source_id),
        "name": cv.text(ctx, row["program"], "program", cv.NAME, required=True),
    }


def _offer(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("facilities_programs", ctx.source_id),
        "facility_id": facility,
        "program_id": ctx.parent("programs", row["program"], "program"),
    }


def _room(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("rooms", ctx.source_id),
        "facility_id": facility,
        "name": cv.text(ctx, row["room"], "room", cv.NAME, required=True),
    }


def _instructor(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("instructors", ctx.source_id),
        "facility_id": facility,
        "role": Role.INSTRUCTOR,
        **cv.split_name(ctx, row["instructor"]),
    }


def _class(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    start = _date(ctx, row["start_date"], "start_date", required=True)
    end = _date(ctx, row["end_date"], "end_date")
    if start and end and end < start:
        ctx.note("invalid", f"end {end} is before start {start}: end left out", CHANGED)
        end = None
    return {
        "id": ctx.new_id("classes", ctx.source_id),
        "program_id": ctx.parent("programs", row["program"] or row["name"], "program"),
        "facility_id": facility,
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "description": row["description"],
        "instructor_id": ctx.optional_parent("instructors", row["instructor"]),
        "room_id": ctx.optional_parent("rooms", row["room"]),
        "capacity": _int(ctx, row["capacity"], "capacity"),
        "status": cv.enum(ctx, ClassStatus, row["status"] or "Active", "status"),
        "start_date": start,
        "end_date": end,
    }


def _enrollment(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    class_id = ctx.parent("classes", row["class"], "class")
    user_id = ctx.parent("students", row["student"], "student")
    return {
        "id": ids.enrollment_id(class_id, user_id),
        "facility_id": facility,
        "class_id": class_id,
        "user_id": user_id,
        "enrollment_status": cv.enum(ctx, EnrollmentStatus, row["status"] or "Enrolled", "status"),
        "change_reason": row["reason"],
        "enrolled_at": _local_time(ctx, row["enrolled_at"], "enrolled_at"),
        "enrollment_ended_at": _local_time(ctx, row["ended_at"], "ended_at"),
    }


def _session(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    start = _local_time(ctx, row["start"], "start")
    if start is None:
        raise Skip("invalid", f"start {row['start']!r} is not a date and time")
    return {
        "id": ctx.new_id("sessions", ctx.source_id),
        "facility_id": facility,
        "class_id": ctx.parent("classes", row["class"], "class"),
        "room_id": ctx.optional_parent("rooms", row["room"]),
        "until_local": _date(ctx, row["until"], "until"),
        **series_values(row["rrule"], row["duration"], start, tz),
    }


def _attendance(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    event = ctx.parent("sessions", row["session"], "session")
    user_id = ctx.parent("students", row["student"], "student")
    raw = row["date"]
    fmt = ctx.options.get("date_format")
    if fmt and raw and "T" not in raw:
        parsed = _date(ctx, raw, "date", required=True)
        raw = parsed.isoformat() if parsed else raw
    day = occurrence_date(raw, cv.zone(tz), tz)
    check_in = _local_time(ctx, row["check_in"], "check_in")
    check_out = _local_time(ctx, row["check_out"], "check_out")
    if check_in and check_out and check_out < check_in:
        ctx.note("invalid", "checked out before checking in: check-out left out", CHANGED)
        check_out = None
    return {
        "id": ids.attendance_id(event, user_id, day),
        "facility_id": facility,
        "event_id": event,
        "user_id": user_id,
        "date": day,
        "attendance_status": cv.enum(ctx, AttendanceStatus, row["status"], "status"),
        "absence_reason": cv.text(ctx, row["absence_reason"], "absence_reason", 200),
        "note": row["note"],
        "check_in_at": check_in,
        "check_out_at": check_out,
        "minutes": _int(ctx, row["minutes"], "minutes") or cv.minutes_between(check_in, check_out),
        "marked_by": cv.code(ctx, row["marked_by"], "marked_by", 63),
    }


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday(value: Any) -> int:
    """``Mon``, ``monday``, or ISO ``1`` (Monday) to ``7`` as 0 (Monday) to 6."""
    text = str(value).strip().lower()
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text) - 1
    for index, name in enumerate(_WEEKDAYS):
        if text.startswith(name):
            return index
    raise Skip("invalid", f"weekday {value!r} is not a day of the week")


def _minute(value: Any, field: str) -> int:
    try:
        return parse_minute(str(value or ""))
    except ValueError:
        raise Skip("invalid", f"{field} {value!r} is not a time of day (09:00)") from None


def _hours(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    start, end = _minute(row["start"], "start"), _minute(row["end"], "end")
    if end <= start:
        raise Skip("invalid", f"the hours end ({row['end']}) before they start ({row['start']})")
    valid_from = _date(ctx, row["valid_from"], "valid_from")
    valid_to = _date(ctx, row["valid_to"], "valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        ctx.note("invalid", f"valid_to {valid_to} is before valid_from: left out", CHANGED)
        valid_to = None
    return {
        "id": ctx.new_id("availability", ctx.source_id),
        "facility_id": facility,
        "instructor_id": ctx.parent("instructors", row["instructor"], "instructor"),
        "weekday": _weekday(row["weekday"]),
        "start_minute": start,
        "end_minute": end,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def _wall_time(ctx: Context, value: Any, field: str, *, end: bool) -> datetime:
    """A time off's start or end: a date (its start; an end date is the whole day) or a date
    and time, as the facility's naive wall time."""
    text = str(value or "").strip()
    if len(text) > 10 or "T" in text:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise Skip("invalid", f"{field} {value!r} is not a date and time") from None
        if moment.tzinfo is not None:
            _, tz = cv.facility_of(ctx)
            moment = moment.astimezone(cv.zone(tz)).replace(tzinfo=None)
        return moment
    day = _date(ctx, text, field, required=True)
    assert day is not None  # required
    return datetime.combine(day + timedelta(days=1) if end else day, time())


def _time_off(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    starts = _wall_time(ctx, row["start"], "start", end=False)
    ends = _wall_time(ctx, row["end"], "end", end=True)
    if ends <= starts:
        raise Skip("invalid", f"the time off ends ({row['end']}) before it starts")
    return {
        "id": ctx.new_id("time_off", ctx.source_id),
        "facility_id": facility,
        "instructor_id": ctx.parent("instructors", row["instructor"], "instructor"),
        "starts_local": starts,
        "ends_local": ends,
        "reason": cv.text(ctx, row["reason"], "reason", 500),
    }


def _by_id(row: Row) -> str:
    return str(row["id"]) if row["id"] else f"line {row['_line']}"


def _needs_id(convert: Converter) -> Converter:
    """Rows without an id cannot be found again by a second run: reported, not imported."""

    def checked(row: Row, ctx: Context) -> dict[str, Any]:
        if not row["id"]:
            raise Skip("missing value", "the row has no id")
        return convert(row, ctx)

    return checked


def build_system(kinds: set[str]) -> System:
    """The entities for the kinds of file the mapping names, parents first."""
    rooms = " UNION ".join(
        f"SELECT room FROM csv_{k} WHERE room IS NOT NULL"  # noqa: S608  (constant names)
        for k in ("classes", "sessions")
        if k in kinds
    )
    entities: list[Entity] = [cv.one_facility("CSV import")]
    if "students" in kinds:
        entities += [
            Entity(
                "students",
                Target("users", clear_on_clash=("email", "student_number")),
                "SELECT * FROM csv_students",
                ("_line",),
                _needs_id(_student),
                _by_id,
            ),
            Entity(
                "student_profiles",
                Target("student_profiles"),
                "SELECT * FROM csv_students WHERE id IS NOT NULL",
                ("_line",),
                _profile,
                _by_id,
            ),
        ]
    if "guardians" in kinds:
        entities += [
            Entity(
                "guardians",
                Target("guardians"),
                "SELECT DISTINCT ON (id) * FROM csv_guardians ORDER BY id, _line",
                ("_line",),
                _needs_id(_guardian),
                _by_id,
            ),
            Entity(
                "student_guardians",
                Target("student_guardians", match_on=("student_id", "guardian_id")),
                "SELECT * FROM csv_guardians WHERE id IS NOT NULL AND student IS NOT NULL",
                ("_line",),
                _family,
                lambda r: f"{r['id']}:{r['student']}",
            ),
        ]
    # Instructors are named (the classes' instructor column, the availability's): one per name.
    instructors = " UNION ".join(
        f"SELECT instructor FROM csv_{k} WHERE instructor IS NOT NULL"  # noqa: S608
        for k in ("classes", "availability")
        if k in kinds
    )
    if rooms:
        entities.append(
            Entity(
                "rooms",
                Target("rooms", match_on=("facility_id", "name")),
                rooms,
                ("room",),
                _room,
                lambda r: str(r["room"]),
            )
        )
    if instructors:
        entities.append(
            Entity(
                "instructors",
                Target("users"),
                instructors,
                ("instructor",),
                _instructor,
                lambda r: str(r["instructor"]),
            )
        )
    if "classes" in kinds:
        entities += [
            Entity(
                "programs",
                Target("programs", match_on=("name",)),
                "SELECT DISTINCT coalesce(program, name) AS program FROM csv_classes"
                " WHERE coalesce(program, name) IS NOT NULL",
                ("program",),
                _program,
                lambda r: str(r["program"]),
            ),
            Entity(
                "facilities_programs",
                Target("facilities_programs", match_on=("facility_id", "program_id")),
                "SELECT DISTINCT coalesce(program, name) AS program FROM csv_classes"
                " WHERE coalesce(program, name) IS NOT NULL",
                ("program",),
                _offer,
                lambda r: str(r["program"]),
            ),
            Entity(
                "classes",
                Target("program_classes"),
                "SELECT * FROM csv_classes",
                ("_line",),
                _needs_id(_class),
                _by_id,
            ),
        ]
    if "enrollments" in kinds:
        entities.append(
            Entity(
                "enrollments",
                Target("program_class_enrollments"),
                "SELECT * FROM csv_enrollments",
                ("_line",),
                _enrollment,
                lambda r: f"{r['student']}:{r['class']}",
            )
        )
    if "sessions" in kinds:
        entities.append(
            Entity(
                "sessions",
                Target("program_class_events"),
                "SELECT * FROM csv_sessions",
                ("_line",),
                _needs_id(_session),
                _by_id,
            )
        )
    if "attendance" in kinds:
        entities.append(
            Entity(
                "attendance",
                Target("program_class_event_attendance"),
                "SELECT * FROM csv_attendance",
                ("_line",),
                _attendance,
                lambda r: f"{r['session']}:{r['student']}:{r['date']}",
            )
        )
    if "availability" in kinds:
        entities += [
            Entity(
                "availability",
                Target("instructor_availability"),
                "SELECT * FROM csv_availability WHERE weekday IS NOT NULL",
                ("_line",),
                _needs_id(_hours),
                _by_id,
            ),
            Entity(
                "time_off",
                Target("instructor_time_off"),
                "SELECT * FROM csv_availability WHERE weekday IS NULL",
                ("_line",),
                _needs_id(_time_off),
                _by_id,
            ),
        ]
    return System(name="csv", entities=tuple(entities))
