"""One line of a CSV import made into our columns, a converter per kind of line: students,
guardians and families, programs, rooms, instructors, classes, enrolments, sessions and their
cancellations, attendance, curriculum and progress, weekly hours and time off."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app.domain import ids
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
from app.importing.csv_cells import (
    ATTENDANCE_WORDS,
    CANCELLED,
    ENROLLMENT_WORDS,
    HELD,
    bool_cell,
    clock_cell,
    date_cell,
    int_cell,
    local_time_cell,
    minute_cell,
    room_cell,
    staff_cell,
    stars_cell,
    wall_time_cell,
    weekday_cell,
    word_cell,
)
from app.importing.engine import Context, Row, Skip, gather
from app.importing.report import CHANGED
from app.importing.series import mark_review, occurrence_date, series_values
from app.repositories.people import code_key

__all__ = [
    "attendance_row",
    "cancellation_row",
    "class_row",
    "enrollment_row",
    "family_row",
    "guardian_row",
    "hours_row",
    "instructor_file_row",
    "instructor_row",
    "lesson_row",
    "location_row",
    "module_row",
    "offer_row",
    "profile_row",
    "program_row",
    "progress_row",
    "room_row",
    "session_row",
    "student_row",
    "time_off_row",
]


def student_row(row: Row, ctx: Context) -> dict[str, Any]:
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


def profile_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("student_profiles", ctx.source_id),
        "user_id": ctx.parent("students", row["id"], "student"),
        "facility_id": facility,
        "date_of_birth": date_cell(ctx, row["date_of_birth"], "date_of_birth"),
        "enrollment_date": date_cell(ctx, row["enrollment_date"], "enrollment_date"),
        "address": row["address"],
    }


def guardian_row(row: Row, ctx: Context) -> dict[str, Any]:
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


def family_row(row: Row, ctx: Context) -> dict[str, Any]:
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
        "is_primary": bool_cell(row["is_primary"], False),
        "can_pick_up": bool_cell(row["can_pick_up"], True),
    }


def program_row(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("programs", ctx.source_id),
        "name": cv.text(ctx, row["program"], "program", cv.NAME, required=True),
    }


def offer_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("facilities_programs", ctx.source_id),
        "facility_id": facility,
        "program_id": ctx.parent("programs", row["program"], "program"),
    }


room_row = cv.named_room("room")  # the rooms the other files name


def location_row(row: Row, ctx: Context) -> dict[str, Any]:
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
        "capacity": int_cell(ctx, row["capacity"], "capacity"),
        "status": cv.enum(ctx, RoomStatus, (row["status"] or "active").lower(), "status"),
    }


def instructor_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("instructors", ctx.source_id),
        "facility_id": facility,
        "role": Role.INSTRUCTOR,
        **cv.split_name(ctx, row["instructor"]),
    }


def instructor_file_row(row: Row, ctx: Context) -> dict[str, Any]:
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


def class_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    start = date_cell(ctx, row["start_date"], "start_date", required=True)
    end = date_cell(ctx, row["end_date"], "end_date")
    if start and end and end < start:
        ctx.note("invalid", f"end {end} is before start {start}: end left out", CHANGED)
        end = None
    return {
        "id": ctx.new_id("classes", ctx.source_id),
        "program_id": ctx.parent("programs", row["program"] or row["name"], "program"),
        "facility_id": facility,
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "description": row["description"],
        "instructor_id": staff_cell(ctx, row, "instructor"),
        "room_id": room_cell(ctx, row),
        "capacity": int_cell(ctx, row["capacity"], "capacity"),
        "status": cv.enum(ctx, ClassStatus, row["status"] or "Active", "status"),
        "start_date": start,
        "end_date": end,
    }


def enrollment_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    class_id, user_id, status = gather(
        lambda: ctx.parent("classes", row["class"], "class"),
        lambda: ctx.parent("students", row["student"], "student"),
        lambda: word_cell(
            ctx, EnrollmentStatus, row["status"] or "Enrolled", "status", ENROLLMENT_WORDS
        ),
    )
    given = int_cell(ctx, row["waitlist_position"], "waitlist_position")
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
        **cv.enrollment(facility, class_id, user_id, status),
        "change_reason": row["reason"],
        "enrolled_at": local_time_cell(ctx, row["enrolled_at"], "enrolled_at"),
        "enrollment_ended_at": local_time_cell(ctx, row["ended_at"], "ended_at"),
        "waitlist_position": place if status is EnrollmentStatus.WAITLISTED else None,
    }


def _session_start(ctx: Context, row: Row) -> datetime:
    """When the session (its first one) starts, at the facility: a date and time, or the
    ``date`` and a start time."""
    _, tz = cv.facility_of(ctx)
    if row["date"]:
        day = date_cell(ctx, row["date"], "date", required=True)
        assert day is not None  # required
        return datetime.combine(day, clock_cell(row["start"], "start"), tzinfo=cv.zone(tz))
    start = local_time_cell(ctx, row["start"], "start")
    if start is None:
        raise Skip("invalid", f"start {row['start']!r} is not a date and time")
    return start


def _duration(ctx: Context, row: Row, start: datetime) -> Any:
    """The duration as given, or from the session's end (a time that day, or a date and time)."""
    if row["duration"] or not row["end"]:
        return row["duration"]
    text = str(row["end"]).strip()
    if len(text) <= 8:
        end = datetime.combine(start.date(), clock_cell(text, "end"), tzinfo=start.tzinfo)
    else:
        found = local_time_cell(ctx, text, "end")
        if found is None:
            raise Skip("invalid duration", f"end {text!r} is not a time")
        end = found
    minutes = int((end - start).total_seconds() // 60)
    if minutes <= 0:
        raise Skip("invalid duration", f"the session ends ({text}) before it starts")
    return minutes


def session_row(row: Row, ctx: Context) -> dict[str, Any]:
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
        "room_id": room_cell(ctx, row),
        "instructor_id": staff_cell(ctx, row, "instructor"),
        "until_local": date_cell(ctx, row["until"], "until"),
        **values,
    }


def cancellation_row(row: Row, ctx: Context) -> dict[str, Any]:
    """A cancelled session (seed 003 session status): its occurrence, cancelled, with why."""
    facility, tz = cv.facility_of(ctx)
    event = ctx.parent("sessions", row["id"], "session")
    day = _session_start(ctx, row).astimezone(cv.zone(tz)).date()
    why = cv.text(ctx, row["cancellation_reason"], "cancellation_reason", None)
    return cv.cancelled(facility, event, day, why or "cancelled in the export")


def attendance_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)

    def day() -> date:
        raw = row["date"]
        fmt = ctx.options.get("date_format")
        if fmt and raw and "T" not in raw:
            parsed = date_cell(ctx, raw, "date", required=True)
            raw = parsed.isoformat() if parsed else raw
        return occurrence_date(raw, cv.zone(tz), tz)

    event, user_id, when, status = gather(
        lambda: ctx.parent("sessions", row["session"], "session"),
        lambda: ctx.parent("students", row["student"], "student"),
        day,
        lambda: word_cell(ctx, AttendanceStatus, row["status"], "status", ATTENDANCE_WORDS),
    )
    check_in = local_time_cell(ctx, row["check_in"], "check_in")
    check_out = local_time_cell(ctx, row["check_out"], "check_out")
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
        "minutes": int_cell(ctx, row["minutes"], "minutes")
        or cv.minutes_between(check_in, check_out),
        "marked_by": cv.code(ctx, row["marked_by"], "marked_by", 63),
        "needs_review": mark_review(ctx, "sessions", event, when),
    }


def module_row(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("modules", ctx.source_id),
        "program_id": ctx.parent("programs", row["program"], "program"),
        "name": cv.text(ctx, row["module"], "module", cv.NAME, required=True),
        "sequence_order": int(row["first_line"]),
    }


def lesson_row(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("lessons", ctx.source_id),
        "module_id": ctx.parent(
            "modules", f"{row['program']}:{row['module'] or row['program']}", "module"
        ),
        "title": cv.text(ctx, row["title"], "title", cv.NAME, required=True),
        "duration_minutes": int_cell(ctx, row["duration"], "duration"),
        "sequence_order": int_cell(ctx, row["sequence"], "sequence") or int(row["_line"]),
    }


def progress_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    student, lesson = gather(
        lambda: ctx.parent("students", row["student"], "student"),
        lambda: ctx.parent("lessons", row["lesson"], "lesson"),
    )
    stars = stars_cell(ctx, row["stars"])
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
        "assessed_by": staff_cell(ctx, row, "assessed_by"),
        "assessed_at": local_time_cell(ctx, row["assessed_at"], "assessed_at"),
    }


def hours_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    start, end = minute_cell(row["start"], "start"), minute_cell(row["end"], "end")
    if end <= start:
        raise Skip("invalid", f"the hours end ({row['end']}) before they start ({row['start']})")
    valid_from = date_cell(ctx, row["valid_from"], "valid_from")
    valid_to = date_cell(ctx, row["valid_to"], "valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        ctx.note("invalid", f"valid_to {valid_to} is before valid_from: left out", CHANGED)
        valid_to = None
    return {
        "id": ctx.new_id("availability", ctx.source_id),
        "facility_id": facility,
        "instructor_id": ctx.parent(
            "instructors", row.get("instructor_ref", row["instructor"]), "instructor"
        ),
        "weekday": weekday_cell(row["weekday"]),
        "start_minute": start,
        "end_minute": end,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def time_off_row(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    starts = wall_time_cell(ctx, row["start"], "start", end=False)
    ends = wall_time_cell(ctx, row["end"], "end", end=True)
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
