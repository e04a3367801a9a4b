"""Result Institute (seed 004): participants and trainers, trainings, dated sessions, attendance."""

from __future__ import annotations

from typing import Any

from app.domain import ids
from app.domain.enums import (
    AttendanceStatus,
    ClassStatus,
    CredentialKind,
    EnrollmentStatus,
    PersonStatus,
    Role,
)
from app.importing import convert as cv
from app.importing.engine import Context, Entity, Row, Skip, System, gather
from app.importing.report import CHANGED
from app.importing.series import mark_review
from app.importing.writer import Target

ROLES = {"admin": Role.FACILITY_ADMIN, "trainer": Role.INSTRUCTOR, "participant": Role.STUDENT}
USER_STATUS = {
    "active": PersonStatus.ACTIVE,
    "inactive": PersonStatus.INACTIVE,
    "suspended": PersonStatus.INACTIVE,
}
TRAINING_STATUS = {
    "draft": ClassStatus.SCHEDULED,
    "published": ClassStatus.ACTIVE,
    "archived": ClassStatus.COMPLETED,
}
ENROLLMENT_STATUS = {
    "active": EnrollmentStatus.ENROLLED,
    "completed": EnrollmentStatus.COMPLETED,
    "dropped": EnrollmentStatus.INCOMPLETE_DROPPED,
    "suspended": EnrollmentStatus.INCOMPLETE_WITHDRAWN,
}
ATTENDANCE = {
    "present": AttendanceStatus.PRESENT,
    "late": AttendanceStatus.LATE,
    "excused": AttendanceStatus.ABSENT_EXCUSED,
    "absent": AttendanceStatus.ABSENT_UNEXCUSED,
}


def _user(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    status = cv.lookup(USER_STATUS, row["status"] or "active", "status")
    return {
        "id": ctx.new_id("users", str(row["id"])),
        "facility_id": facility,
        "role": cv.lookup(ROLES, row["role"], "role"),
        **cv.person_name(ctx, row["first_name"], row["last_name"]),
        "email": cv.email(ctx, row["email"]),
        "phone": cv.code(ctx, row["phone"], "phone", 32),
        "status": status,
        "deactivated_at": cv.aware(row["updated_at"]) if row["status"] == "suspended" else None,
        "created_at": cv.aware(row["created_at"]),
    }


def _program(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        **cv.program(ctx, row, "title"),
        "is_active": row["status"] != "archived",
        "created_at": cv.aware(row["created_at"]),
    }


def _class(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    start = (
        row["start_date"] or row["first_session"] or cv.local_date(row["created_at"], cv.zone(tz))
    )
    end = row["end_date"]
    if end is not None and end < start:
        ctx.note("invalid", f"end {end} is before start {start}: end left out", CHANGED)
        end = None
    status = cv.lookup(TRAINING_STATUS, row["status"] or "draft", "status")
    return {
        "id": ctx.new_id("classes", str(row["id"])),
        "program_id": ctx.parent("programs", row["id"], "program"),
        "facility_id": facility,
        "name": cv.text(ctx, row["title"], "title", cv.NAME, required=True),
        "description": cv.text(ctx, row["description"], "description", None),
        "instructor_id": ctx.optional_parent("users", row["trainer_id"]),
        "room_id": ctx.optional_parent("rooms", row["location"]),
        "capacity": row["max_participants"],
        "status": status,
        "start_date": start,
        "end_date": end,
        "credit_hours": row["duration_hours"],
        "archived_at": cv.aware(row["updated_at"]) if row["status"] == "archived" else None,
        "created_at": cv.aware(row["created_at"]),
    }


def _minutes(row: Row) -> int:
    minutes = 120 if row["duration_minutes"] is None else int(row["duration_minutes"])
    if not 0 < minutes <= 1440:
        raise Skip("invalid duration", f"duration_minutes {minutes} is not within one day")
    return minutes


def _series(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    minutes, class_id = gather(
        lambda: _minutes(row), lambda: ctx.parent("classes", row["training_id"], "training")
    )
    start = row["session_date"].astimezone(cv.zone(tz)).replace(tzinfo=None)
    return {
        "id": ctx.new_id("sessions", str(row["id"])),
        "facility_id": facility,
        "class_id": class_id,
        "dtstart_local": start,
        "duration_minutes": minutes,
        "recurrence_rule": None,
        "room_id": ctx.optional_parent("rooms", row["location"]),
        "created_at": cv.aware(row["created_at"]),
    }


def _cancellation(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    event = ctx.parent("sessions", row["id"], "session")
    day = row["session_date"].astimezone(cv.zone(tz)).date()
    why = cv.text(ctx, row["notes"], "notes", None)
    return cv.cancelled(facility, event, day, why or "cancelled in Result Institute")


def _enrollment(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    class_id = ctx.parent("classes", row["training_id"], "training")
    user_id = ctx.parent("users", row["user_id"], "user")
    status = cv.lookup(ENROLLMENT_STATUS, row["status"] or "active", "status")
    reason = cv.text(ctx, row["notes"], "notes", None)
    if row["status"] == "suspended":
        reason = "suspended" + (f": {reason}" if reason else "")
    return {
        **cv.enrollment(facility, class_id, user_id, status),
        "change_reason": reason,
        "enrolled_at": cv.aware(row["enrollment_date"]),
        "enrollment_ended_at": None,
        "progress_pct_at_withdrawal": row["progress"] if status.is_final else None,
        "created_at": cv.aware(row["created_at"]),
    }


def _certificate(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("certificates", str(row["id"])),
        "facility_id": facility,
        "user_id": ctx.parent("users", row["user_id"], "user"),
        "program_id": ctx.parent("programs", row["training_id"], "program"),
        "kind": CredentialKind.CERTIFICATE,
        "title": cv.text(ctx, row["title"], "title", 200, required=True),
        "issued_on": row["completion_date"],
    }


def _attendance(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    event, user_id, status = gather(
        lambda: ctx.parent("sessions", row["session_id"], "session"),
        lambda: ctx.parent("users", row["user_id"], "user"),
        lambda: cv.lookup(ATTENDANCE, row["status"], "status"),
    )
    if row["session_date"] is None:
        raise Skip("orphan", f"session {row['session_id']} does not exist")
    day = row["session_date"].astimezone(cv.zone(tz)).date()
    check_in, check_out = cv.aware(row["checked_in_at"]), cv.aware(row["checked_out_at"])
    if check_in and check_out and check_out < check_in:
        ctx.note("invalid", "checked out before checking in: check-out left out", CHANGED)
        check_out = None
    marker = cv.code(ctx, row["marker_email"], "marked by", 63)
    return {
        "id": ids.attendance_id(event, user_id, day),
        "facility_id": facility,
        "event_id": event,
        "user_id": user_id,
        "date": day,
        "attendance_status": status,
        "note": row["notes"],
        "check_in_at": check_in,
        "check_out_at": check_out,
        "minutes": cv.minutes_between(check_in, check_out),
        "marked_by": marker,
        "marked_at": cv.aware(row["updated_at"] or row["created_at"]),
        "created_at": cv.aware(row["created_at"]),
        "needs_review": mark_review(ctx, "sessions", event, day),
    }


SYSTEM = System(
    name="result-institute",
    required=("users", "trainings", "sessions", "enrollments", "attendance"),
    no_home=("blog_posts", "projects", "tasks", "activity_logs", "refresh_tokens"),
    entities=(
        cv.one_facility("Result Institute"),
        Entity(
            "users",
            Target("users", clear_on_clash=("email",)),
            "SELECT id, email, first_name, last_name, role, phone, status, created_at,"
            " updated_at FROM users",
            ("id",),
            _user,
        ),
        Entity(
            "programs",
            Target("programs", match_on=("name",)),
            "SELECT id, title, description, status, created_at FROM trainings",
            ("id",),
            _program,
        ),
        Entity(
            "rooms",
            Target("rooms", match_on=("facility_id", "name")),
            "SELECT location FROM trainings WHERE btrim(coalesce(location, '')) <> ''"
            " UNION SELECT location FROM sessions WHERE btrim(coalesce(location, '')) <> ''",
            ("location",),
            cv.named_room("location"),
            lambda r: str(r["location"]),
        ),
        Entity(
            "classes",
            Target("program_classes"),
            "SELECT t.id, t.title, t.description, t.status, t.duration_hours,"
            " t.max_participants, t.start_date, t.end_date, t.location, t.created_at,"
            " t.updated_at, CASE WHEN u.role = 'trainer' THEN u.id END AS trainer_id,"
            " (SELECT min(s.session_date)::date FROM sessions AS s"
            "  WHERE s.training_id = t.id) AS first_session"
            " FROM trainings AS t LEFT JOIN users AS u ON u.id = t.created_by",
            ("id",),
            _class,
        ),
        Entity(
            "sessions",
            Target("program_class_events"),
            "SELECT id, training_id, session_date, location, duration_minutes, created_at"
            " FROM sessions",
            ("id",),
            _series,
        ),
        Entity(
            "cancelled_sessions",
            Target("program_class_event_overrides"),
            "SELECT id, session_date, notes FROM sessions WHERE status = 'cancelled'",
            ("id",),
            _cancellation,
        ),
        Entity(
            "enrollments",
            Target("program_class_enrollments"),
            "SELECT id, user_id, training_id, enrollment_date, status, progress, notes,"
            " created_at FROM enrollments",
            ("id",),
            _enrollment,
        ),
        Entity(
            "certificates",
            Target("credentials"),
            "SELECT e.id, e.user_id, e.training_id, e.completion_date, t.title"
            " FROM enrollments AS e JOIN trainings AS t ON t.id = e.training_id"
            " WHERE e.certificate_issued",
            ("id",),
            _certificate,
        ),
        Entity(
            "attendance",
            Target("program_class_event_attendance"),
            "SELECT a.id, a.session_id, a.user_id, a.status, a.checked_in_at,"
            " a.checked_out_at, a.notes, a.created_at, a.updated_at, s.session_date,"
            " m.email AS marker_email FROM attendance AS a"
            " LEFT JOIN sessions AS s ON s.id = a.session_id"
            " LEFT JOIN users AS m ON m.id = a.marked_by",
            ("id",),
            _attendance,
        ),
    ),
)
