"""The entities of a CSV import: students, guardians and who they are to whom, instructors,
rooms, classes, enrollments (and waitlists), sessions (and cancelled ones), attendance,
instructors' availability (weekly hours and time off), lessons and progress with star ratings.

Every value arrives as text; these converters parse it (ISO dates, or the mapping's
``date_format``), check it against our enumerations and limits, and report what they refuse.
Two lines for the same thing (a student's enrolment in a class, a mark of a student at a
session, an id) are never merged silently: the first is imported, each later one reported.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from app.domain import ids
from app.domain.availability import parse_minute
from app.domain.enums import (
    AttendanceStatus,
    ClassStatus,
    EnrollmentStatus,
    GuardianRelationship,
    PersonStatus,
    ProgressStatus,
    Role,
    RoomKind,
    RoomStatus,
)
from app.importing import convert as cv
from app.importing.engine import Context, Entity, Row, Skip, System, gather
from app.importing.report import CHANGED
from app.importing.series import mark_review, occurrence_date, series_values
from app.importing.writer import Target
from app.repositories.people import code_key

# ruff: noqa: S608  (every query below is built from this module's constants and FIELDS' names)

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


E = TypeVar("E", bound=StrEnum)

# Words seed 003's own files use for our values, tried (without case) after the enumeration's
# own values and the mapping's ``values``.
ENROLLMENT_WORDS = {
    "active": EnrollmentStatus.ENROLLED,
    "enrolled": EnrollmentStatus.ENROLLED,
    "waitlist": EnrollmentStatus.WAITLISTED,
    "waitlisted": EnrollmentStatus.WAITLISTED,
    "completed": EnrollmentStatus.COMPLETED,
    "cancelled": EnrollmentStatus.CANCELLED,
    "dropped": EnrollmentStatus.INCOMPLETE_DROPPED,
    "withdrawn": EnrollmentStatus.INCOMPLETE_WITHDRAWN,
}
ATTENDANCE_WORDS = {
    "absent": AttendanceStatus.ABSENT_UNEXCUSED,
    "unexcused": AttendanceStatus.ABSENT_UNEXCUSED,
    "excused": AttendanceStatus.ABSENT_EXCUSED,
    "tardy": AttendanceStatus.LATE,
}
CANCELLED = ("cancelled", "canceled")
HELD = ("scheduled", "confirmed", "active", "ongoing", "in_progress", "completed", "held", "done")


def _word(ctx: Context, kind: type[E], value: Any, field: str, words: dict[str, E]) -> E | None:
    """An enumeration value, or a word the seed's files use for it; unknown skips the row."""
    if value and str(value).strip().lower() in words:
        return words[str(value).strip().lower()]
    return cv.enum(ctx, kind, value, field)


def _staff(ctx: Context, row: Row, field: str) -> uuid.UUID | None:
    """The instructor a row names (by the instructors file's id or name, or by name when there
    is no such file); one that is not there is left out and reported."""
    value = row[field]
    if not value:
        return None
    found = ctx.optional_parent("instructors", row.get(f"{field}_ref", value))
    if found is None:
        ctx.note("orphan", f"{field} {value!r} is not among the instructors: left out", CHANGED)
    return found


def _room_of(ctx: Context, row: Row) -> uuid.UUID | None:
    value = row["room"]
    if not value:
        return None
    found = ctx.optional_parent("rooms", row.get("room_ref", value))
    if found is None:
        ctx.note("orphan", f"room {value!r} is not among the rooms: left out", CHANGED)
    return found


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
    student, guardian, kind = gather(
        lambda: ctx.parent("students", row["student"], "student"),
        lambda: ctx.parent("guardians", row["guardian"], "guardian"),
        lambda: cv.enum(ctx, GuardianRelationship, relationship.lower(), "relationship"),
    )
    return {
        "id": ctx.new_id("student_guardians", ctx.source_id),
        "facility_id": facility,
        "student_id": student,
        "guardian_id": guardian,
        "relationship": kind,
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


def _location(row: Row, ctx: Context) -> dict[str, Any]:
    """A room from its own file (seed 003 ``locations``)."""
    facility, _ = cv.facility_of(ctx)
    kind = str(row["kind"] or "classroom").strip().lower()
    if kind not in RoomKind.__members__.values():
        ctx.note("unknown value", f"kind {row['kind']!r} is not a kind of room: other", CHANGED)
        kind = RoomKind.OTHER
    return {
        "id": ctx.new_id("rooms", ctx.source_id),
        "facility_id": facility,
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "kind": RoomKind(kind),
        "capacity": _int(ctx, row["capacity"], "capacity"),
        "status": cv.enum(ctx, RoomStatus, (row["status"] or "active").lower(), "status"),
    }


def _instructor(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("instructors", ctx.source_id),
        "facility_id": facility,
        "role": Role.INSTRUCTOR,
        **cv.split_name(ctx, row["instructor"]),
    }


def _instructor_file(row: Row, ctx: Context) -> dict[str, Any]:
    """An instructor from their own file (seed 003 ``instructors``)."""
    facility, _ = cv.facility_of(ctx)
    names = (
        cv.person_name(ctx, row["first_name"], row["last_name"])
        if row["first_name"] or row["last_name"]
        else cv.split_name(ctx, row["name"])
    )
    return {
        "id": ctx.new_id("instructors", ctx.source_id),
        "facility_id": facility,
        "role": Role.INSTRUCTOR,
        **names,
        "email": cv.email(ctx, row["email"]),
        "phone": cv.code(ctx, row["phone"], "phone", 32),
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
        "instructor_id": _staff(ctx, row, "instructor"),
        "room_id": _room_of(ctx, row),
        "capacity": _int(ctx, row["capacity"], "capacity"),
        "status": cv.enum(ctx, ClassStatus, row["status"] or "Active", "status"),
        "start_date": start,
        "end_date": end,
    }


def _enrollment(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    class_id, user_id, status = gather(
        lambda: ctx.parent("classes", row["class"], "class"),
        lambda: ctx.parent("students", row["student"], "student"),
        lambda: _word(
            ctx, EnrollmentStatus, row["status"] or "Enrolled", "status", ENROLLMENT_WORDS
        ),
    )
    given = _int(ctx, row["waitlist_position"], "waitlist_position")
    place = row["_place"]
    if status is EnrollmentStatus.WAITLISTED:
        if given is not None and given != place:
            ctx.note(
                "renumbered",
                f"waitlist position {given} is number {place} of the class's waitlist in order",
                CHANGED,
            )
    elif given is not None:
        ctx.note(
            "invalid",
            f"waitlist position {given} given to an enrolment that is not waitlisted: left out",
            CHANGED,
        )
        place = None
    return {
        "id": ids.enrollment_id(class_id, user_id),
        "facility_id": facility,
        "class_id": class_id,
        "user_id": user_id,
        "enrollment_status": status,
        "change_reason": row["reason"],
        "enrolled_at": _local_time(ctx, row["enrolled_at"], "enrolled_at"),
        "enrollment_ended_at": _local_time(ctx, row["ended_at"], "ended_at"),
        "waitlist_position": place if status is EnrollmentStatus.WAITLISTED else None,
    }


def _clock(value: Any, field: str) -> time:
    """A time of day (``17:00``), or the time of a date and time."""
    text = str(value or "").strip()
    try:
        if len(text) <= 8:
            return time.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).time()
    except ValueError:
        raise Skip("invalid", f"{field} {value!r} is not a time of day") from None


def _session_start(ctx: Context, row: Row) -> datetime:
    """When the session (its first one) starts, at the facility: a date and time, or the
    ``date`` and a start time."""
    _, tz = cv.facility_of(ctx)
    if row["date"]:
        day = _date(ctx, row["date"], "date", required=True)
        assert day is not None  # required
        return datetime.combine(day, _clock(row["start"], "start"), tzinfo=cv.zone(tz))
    start = _local_time(ctx, row["start"], "start")
    if start is None:
        raise Skip("invalid", f"start {row['start']!r} is not a date and time")
    return start


def _duration(ctx: Context, row: Row, start: datetime) -> Any:
    """The duration as given, or from the session's end (a time that day, or a date and time)."""
    if row["duration"] or not row["end"]:
        return row["duration"]
    text = str(row["end"]).strip()
    if len(text) <= 8:
        end = datetime.combine(start.date(), _clock(text, "end"), tzinfo=start.tzinfo)
    else:
        found = _local_time(ctx, text, "end")
        if found is None:
            raise Skip("invalid duration", f"end {text!r} is not a time")
        end = found
    minutes = int((end - start).total_seconds() // 60)
    if minutes <= 0:
        raise Skip("invalid duration", f"the session ends ({text}) before it starts")
    return minutes


def _session(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)

    def series() -> dict[str, Any]:
        start = _session_start(ctx, row)
        return series_values(row["rrule"], _duration(ctx, row, start), start, tz)

    class_id, values = gather(lambda: ctx.parent("classes", row["class"], "class"), series)
    status = str(row["status"] or "").strip().lower()
    if status and status not in (*CANCELLED, *HELD):
        ctx.note(
            "unknown value",
            f"status {row['status']!r} is neither cancelled nor one of {', '.join(HELD)}:"
            " imported as held",
            CHANGED,
        )
    if status in CANCELLED and values["recurrence_rule"]:
        ctx.note(
            "cancelled series",
            "the row is cancelled but repeats: its first session is imported cancelled, the"
            " others as held",
            CHANGED,
        )
    if row["cancellation_reason"] and status not in CANCELLED:
        ctx.note(
            "invalid",
            f"cancellation reason {row['cancellation_reason']!r} on a session that is not"
            " cancelled: left out",
            CHANGED,
        )
    return {
        "id": ctx.new_id("sessions", ctx.source_id),
        "facility_id": facility,
        "class_id": class_id,
        "room_id": _room_of(ctx, row),
        "instructor_id": _staff(ctx, row, "instructor"),
        "until_local": _date(ctx, row["until"], "until"),
        **values,
    }


def _cancellation(row: Row, ctx: Context) -> dict[str, Any]:
    """A cancelled session (seed 003 session status): its occurrence, cancelled, with why."""
    facility, tz = cv.facility_of(ctx)
    event = ctx.parent("sessions", row["id"], "session")
    day = _session_start(ctx, row).astimezone(cv.zone(tz)).date()
    return {
        "id": ids.override_id(event, day),
        "facility_id": facility,
        "event_id": event,
        "original_date": day,
        "is_cancelled": True,
        "reason": cv.text(ctx, row["cancellation_reason"], "cancellation_reason", None)
        or "cancelled in the export",
    }


def _attendance(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)

    def day() -> date:
        raw = row["date"]
        fmt = ctx.options.get("date_format")
        if fmt and raw and "T" not in raw:
            parsed = _date(ctx, raw, "date", required=True)
            raw = parsed.isoformat() if parsed else raw
        return occurrence_date(raw, cv.zone(tz), tz)

    event, user_id, when, status = gather(
        lambda: ctx.parent("sessions", row["session"], "session"),
        lambda: ctx.parent("students", row["student"], "student"),
        day,
        lambda: _word(ctx, AttendanceStatus, row["status"], "status", ATTENDANCE_WORDS),
    )
    check_in = _local_time(ctx, row["check_in"], "check_in")
    check_out = _local_time(ctx, row["check_out"], "check_out")
    if check_in and check_out and check_out < check_in:
        ctx.note("invalid", "checked out before checking in: check-out left out", CHANGED)
        check_out = None
    return {
        "id": ids.attendance_id(event, user_id, when),
        "facility_id": facility,
        "event_id": event,
        "user_id": user_id,
        "date": when,
        "attendance_status": status,
        "absence_reason": cv.text(ctx, row["absence_reason"], "absence_reason", 200),
        "note": row["note"],
        "check_in_at": check_in,
        "check_out_at": check_out,
        "minutes": _int(ctx, row["minutes"], "minutes") or cv.minutes_between(check_in, check_out),
        "marked_by": cv.code(ctx, row["marked_by"], "marked_by", 63),
        "needs_review": mark_review(ctx, "sessions", event, when),
    }


def _module(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("modules", ctx.source_id),
        "program_id": ctx.parent("programs", row["program"], "program"),
        "name": cv.text(ctx, row["module"], "module", cv.NAME, required=True),
        "sequence_order": int(row["first_line"]),
    }


def _lesson(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("lessons", ctx.source_id),
        "module_id": ctx.parent(
            "modules", f"{row['program']}:{row['module'] or row['program']}", "module"
        ),
        "title": cv.text(ctx, row["title"], "title", cv.NAME, required=True),
        "duration_minutes": _int(ctx, row["duration"], "duration"),
        "sequence_order": _int(ctx, row["sequence"], "sequence") or int(row["_line"]),
    }


def _stars(ctx: Context, value: Any) -> int | None:
    """A 0-3 star rating: a number, or stars drawn (``★★☆``)."""
    text = str(value or "").strip()
    if not text:
        return None
    if set(text) <= set("★☆*"):
        number = text.count("★") + text.count("*")
    else:
        try:
            number = int(float(text))
        except ValueError:
            ctx.note("invalid", f"stars {value!r} is not a rating of 0 to 3: left out", CHANGED)
            return None
    if not 0 <= number <= 3:
        ctx.note("invalid", f"stars {number} is not a rating of 0 to 3: left out", CHANGED)
        return None
    return number


def _progress(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    student, lesson = gather(
        lambda: ctx.parent("students", row["student"], "student"),
        lambda: ctx.parent("lessons", row["lesson"], "lesson"),
    )
    stars = _stars(ctx, row["stars"])
    # Without a status: a lesson rated or assessed is under way, else not started.
    status = (
        cv.enum(ctx, ProgressStatus, str(row["status"]).strip().lower(), "status")
        if row["status"]
        else ProgressStatus.IN_PROGRESS
        if row["stars"] or row["assessed_at"]
        else ProgressStatus.NOT_STARTED
    )
    return {
        "id": ids.lesson_progress_id(student, lesson),
        "facility_id": facility,
        "student_id": student,
        "lesson_id": lesson,
        "status": status,
        "stars": stars,
        "assessed_by": _staff(ctx, row, "assessed_by"),
        "assessed_at": _local_time(ctx, row["assessed_at"], "assessed_at"),
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
        "instructor_id": ctx.parent(
            "instructors", row.get("instructor_ref", row["instructor"]), "instructor"
        ),
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
        "instructor_id": ctx.parent(
            "instructors", row.get("instructor_ref", row["instructor"]), "instructor"
        ),
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


def _once(convert: Converter, what: str) -> Converter:
    """A line for something an earlier line already gave (``_nth`` > 1 of its natural key) is
    reported and skipped: the first line is imported, a later one never overwrites it."""

    def checked(row: Row, ctx: Context) -> dict[str, Any]:
        if (row.get("_nth") or 1) > 1:
            raise Skip(
                "duplicate",
                f"line {row['_line']} repeats {what} of line {row['_first']}: the first is"
                " imported, this one skipped",
            )
        return convert(row, ctx)

    return checked


def _numbered(
    table: str, keys: tuple[str, ...], *, extra: str = "", alike: tuple[str, ...] = ()
) -> str:
    """The lines of a loaded file, each with its rank among the lines of its natural key
    (``_nth``, none when a key is empty) and the first of them (``_first``). With ``alike``,
    later lines that repeat the first one's values of those columns are left out (a joined
    export repeats a parent on each child's line)."""
    part = ", ".join(f"t.{k}" for k in keys)
    given = " AND ".join(f"t.{k} IS NOT NULL" for k in keys)
    same = ""
    if alike:
        cols = ", ".join(f"t.{c}" for c in alike)
        same = f", ROW({cols}) IS NOT DISTINCT FROM first_value(ROW({cols})) OVER w AS _same"
    query = (
        f"SELECT t.*, CASE WHEN {given} THEN row_number() OVER w END AS _nth,"
        f" first_value(t._line) OVER w AS _first{same}{extra} FROM {table} AS t"
        f" WINDOW w AS (PARTITION BY {part} ORDER BY t._line)"
    )
    if alike:
        query = f"SELECT * FROM ({query}) AS n WHERE n._nth IS NULL OR n._nth = 1 OR NOT n._same"
    return query


def _staff_ref(kinds: set[str], column: str) -> str:
    """``, <the instructors file's id of t.column> AS column_ref`` when there is such a file:
    a row names an instructor by that file's id or by name."""
    if "instructors" not in kinds:
        return ""
    return (
        f", (SELECT i.id FROM csv_instructors AS i WHERE i.id IS NOT NULL AND t.{column} IN"
        f" (i.id, i.name, concat_ws(' ', i.first_name, i.last_name)) ORDER BY i._line LIMIT 1)"
        f" AS {column}_ref"
    )


def _room_ref(kinds: set[str]) -> str:
    if "rooms" not in kinds:
        return ""
    return (
        ", (SELECT r.id FROM csv_rooms AS r WHERE r.id IS NOT NULL AND t.room IN (r.id, r.name)"
        " ORDER BY r._line LIMIT 1) AS room_ref"
    )


def build_system(kinds: set[str], not_read: dict[str, int] | None = None) -> System:
    """The entities for the kinds of file the mapping names, parents first; ``not_read`` is
    what the folder holds that the mapping leaves unused."""
    entities: list[Entity] = [cv.one_facility("CSV import")]
    if "students" in kinds:
        students = _numbered("csv_students", ("id",))
        entities += [
            Entity(
                "students",
                Target("users", clear_on_clash=("email", "student_number")),
                students,
                ("_line",),
                _needs_id(_once(_student, "the student")),
                _by_id,
            ),
            Entity(
                "student_profiles",
                Target("student_profiles"),
                f"SELECT * FROM ({students}) AS s WHERE s.id IS NOT NULL AND s._nth = 1",
                ("_line",),
                _profile,
                _by_id,
            ),
        ]
    if "guardians" in kinds:
        entities.append(
            Entity(
                "guardians",
                Target("guardians"),
                _numbered(
                    "csv_guardians",
                    ("id",),
                    alike=("first_name", "last_name", "email", "phone", "address"),
                ),
                ("_line",),
                _needs_id(_once(_guardian, "the parent, with other details,")),
                _by_id,
            )
        )
    links = []
    if "guardians" in kinds:
        links.append(
            "SELECT 1 AS _file, _line, id AS guardian, student, relationship, is_primary,"
            " can_pick_up FROM csv_guardians WHERE id IS NOT NULL AND student IS NOT NULL"
        )
    if "guardian_links" in kinds:
        links.append(
            "SELECT 2 AS _file, _line, guardian, student, relationship, is_primary, can_pick_up"
            " FROM csv_guardian_links"
        )
    if links:
        union = " UNION ALL ".join(links)
        entities.append(
            Entity(
                "student_guardians",
                Target("student_guardians", match_on=("student_id", "guardian_id")),
                f"SELECT t.*, CASE WHEN t.guardian IS NOT NULL AND t.student IS NOT NULL"
                f" THEN row_number() OVER w END AS _nth, first_value(t._line) OVER w AS _first"
                f" FROM ({union}) AS t"
                f" WINDOW w AS (PARTITION BY t.guardian, t.student ORDER BY t._file, t._line)",
                ("_file", "_line"),
                _once(_family, "the parent and student"),
                lambda r: f"{r['guardian']}:{r['student']}",
            )
        )
    if "rooms" in kinds:
        entities.append(
            Entity(
                "rooms",
                Target("rooms", match_on=("facility_id", "name")),
                _numbered("csv_rooms", ("id",)),
                ("_line",),
                _needs_id(_once(_location, "the room")),
                _by_id,
            )
        )
    else:
        rooms = " UNION ".join(
            f"SELECT room FROM csv_{k} WHERE room IS NOT NULL"
            for k in ("classes", "sessions")
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
    staff_columns = {
        "classes": ("instructor",),
        "sessions": ("instructor",),
        "availability": ("instructor",),
        "lesson_progress": ("assessed_by",),
    }
    if "instructors" in kinds:
        entities.append(
            Entity(
                "instructors",
                Target("users", clear_on_clash=("email",)),
                _numbered("csv_instructors", ("id",)),
                ("_line",),
                _needs_id(_once(_instructor_file, "the instructor")),
                _by_id,
            )
        )
    else:
        # Instructors are named (the classes' instructor column, the availability's...): one
        # per name.
        named = " UNION ".join(
            f"SELECT {c} AS instructor FROM csv_{k} WHERE {c} IS NOT NULL"
            for k, columns in staff_columns.items()
            if k in kinds
            for c in columns
        )
        if named:
            entities.append(
                Entity(
                    "instructors",
                    Target("users"),
                    named,
                    ("instructor",),
                    _instructor,
                    lambda r: str(r["instructor"]),
                )
            )
    programs = " UNION ".join(
        query
        for kind, query in (
            (
                "classes",
                "SELECT coalesce(program, name) AS program FROM csv_classes"
                " WHERE coalesce(program, name) IS NOT NULL",
            ),
            ("lessons", "SELECT program FROM csv_lessons WHERE program IS NOT NULL"),
        )
        if kind in kinds
    )
    if programs:
        entities += [
            Entity(
                "programs",
                Target("programs", match_on=("name",)),
                programs,
                ("program",),
                _program,
                lambda r: str(r["program"]),
            ),
            Entity(
                "facilities_programs",
                Target("facilities_programs", match_on=("facility_id", "program_id")),
                programs,
                ("program",),
                _offer,
                lambda r: str(r["program"]),
            ),
        ]
    if "classes" in kinds:
        entities.append(
            Entity(
                "classes",
                Target("program_classes"),
                _numbered(
                    "csv_classes", ("id",), extra=_staff_ref(kinds, "instructor") + _room_ref(kinds)
                ),
                ("_line",),
                _needs_id(_once(_class, "the class")),
                _by_id,
            )
        )
    if "enrollments" in kinds:
        numbered = _numbered("csv_enrollments", ("student", "class"))
        # The waitlist of each class in order: the positions given (then the file's order).
        waiting = "lower(btrim(e.status)) IN ('waitlisted', 'waitlist') AND e._nth = 1"
        entities.append(
            Entity(
                "enrollments",
                Target("program_class_enrollments"),
                f"SELECT e.*, CASE WHEN {waiting} THEN row_number() OVER (PARTITION BY e.class,"
                f" ({waiting}) ORDER BY CASE WHEN e.waitlist_position ~ '^\\s*[0-9]{{1,9}}\\s*$'"
                f" THEN btrim(e.waitlist_position)::integer END NULLS LAST, e._line) END"
                f" AS _place FROM ({numbered}) AS e",
                ("_line",),
                _once(_enrollment, "the student's enrolment in the class"),
                lambda r: f"{r['student']}:{r['class']}",
            )
        )
    if "sessions" in kinds:
        sessions = _numbered(
            "csv_sessions", ("id",), extra=_staff_ref(kinds, "instructor") + _room_ref(kinds)
        )
        entities += [
            Entity(
                "sessions",
                Target("program_class_events"),
                sessions,
                ("_line",),
                _needs_id(_once(_session, "the session")),
                _by_id,
            ),
            Entity(
                "cancelled_sessions",
                Target("program_class_event_overrides"),
                f"SELECT * FROM ({sessions}) AS s WHERE s.id IS NOT NULL AND s._nth = 1"
                " AND lower(btrim(s.status)) IN ('cancelled', 'canceled')",
                ("_line",),
                _cancellation,
                _by_id,
            ),
        ]
    if "attendance" in kinds:
        entities.append(
            Entity(
                "attendance",
                Target("program_class_event_attendance"),
                _numbered("csv_attendance", ("session", "student", "date")),
                ("_line",),
                _once(_attendance, "the student's mark at the session that day"),
                lambda r: f"{r['session']}:{r['student']}:{r['date']}",
            )
        )
    if "availability" in kinds:
        availability = _numbered("csv_availability", ("id",), extra=_staff_ref(kinds, "instructor"))
        entities += [
            Entity(
                "availability",
                Target("instructor_availability"),
                f"SELECT * FROM ({availability}) AS a WHERE a.weekday IS NOT NULL",
                ("_line",),
                _needs_id(_once(_hours, "the row")),
                _by_id,
            ),
            Entity(
                "time_off",
                Target("instructor_time_off"),
                f"SELECT * FROM ({availability}) AS a WHERE a.weekday IS NULL",
                ("_line",),
                _needs_id(_once(_time_off, "the row")),
                _by_id,
            ),
        ]
    if "lessons" in kinds:
        entities += [
            Entity(
                "modules",
                Target("modules"),
                "SELECT program, coalesce(module, program) AS module, min(_line) AS first_line"
                " FROM csv_lessons WHERE program IS NOT NULL"
                " GROUP BY program, coalesce(module, program)",
                ("program", "module"),
                _module,
                lambda r: f"{r['program']}:{r['module']}",
            ),
            Entity(
                "lessons",
                Target("lessons"),
                _numbered("csv_lessons", ("id",)),
                ("_line",),
                _needs_id(_once(_lesson, "the lesson")),
                _by_id,
            ),
        ]
    if "lesson_progress" in kinds:
        entities.append(
            Entity(
                "lesson_progress",
                Target("lesson_progress"),
                _numbered(
                    "csv_lesson_progress",
                    ("student", "lesson"),
                    extra=_staff_ref(kinds, "assessed_by"),
                ),
                ("_line",),
                _once(_progress, "the student's progress on the lesson"),
                lambda r: f"{r['student']}:{r['lesson']}",
            )
        )
    return System(name="csv", entities=tuple(entities), not_read=not_read)
