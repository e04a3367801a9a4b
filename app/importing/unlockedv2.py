"""UnlockEdv2 (seed 000): facilities, people, programs, classes, series, attendance, outcomes."""

from __future__ import annotations

from typing import Any

from app.domain import ids
from app.domain.enums import (
    AccountAction,
    AttendanceStatus,
    ClassStatus,
    CredentialKind,
    EnrollmentStatus,
    FundingType,
    PersonStatus,
    ProgramType,
    Role,
)
from app.importing import convert as cv
from app.importing.engine import Context, Entity, Row, Skip, System, gather
from app.importing.report import CHANGED
from app.importing.series import mark_review, occurrence_date, series_values
from app.importing.writer import Target

# ruff: noqa: S608  (every query below is a constant of this module)


def _facility(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("facilities", str(row["id"])),
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "timezone": cv.timezone(ctx, row["timezone"]),
        "created_at": cv.aware(row["created_at"]),
    }


def _user(row: Row, ctx: Context) -> dict[str, Any]:
    deactivated = cv.aware(row["deactivated_at"])
    return {
        "id": ctx.new_id("users", str(row["id"])),
        "facility_id": ctx.parent("facilities", row["facility_id"], "facility"),
        "role": cv.enum(ctx, Role, row["role"], "role"),
        **cv.person_name(ctx, row["name_first"], row["name_last"]),
        "email": cv.email(ctx, row["email"]),
        "doc_id": cv.code(ctx, row["doc_id"], "doc_id", 64),
        "status": PersonStatus.INACTIVE if deactivated else PersonStatus.ACTIVE,
        "deactivated_at": deactivated,
        "deleted_at": cv.aware(row["deleted_at"]),
        "created_at": cv.aware(row["created_at"]),
    }


def _instructor_key(facility_id: Any, name: Any) -> str:
    return f"{facility_id}:{name}"


def _instructor(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("instructors", ctx.source_id),
        "facility_id": ctx.parent("facilities", row["facility_id"], "facility"),
        "role": Role.INSTRUCTOR,
        **cv.split_name(ctx, row["instructor_name"]),
    }


def _program(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        **cv.program(ctx, row),
        "funding_type": cv.enum(
            ctx, FundingType, row["funding_type"], "funding_type", required=False
        ),
        "is_active": bool(row["is_active"]) if row["is_active"] is not None else True,
        "archived_at": cv.aware(row["archived_at"]),
        "created_at": cv.aware(row["created_at"]),
    }


def _program_type(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("program_types", ctx.source_id),
        "program_id": ctx.parent("programs", row["program_id"], "program"),
        "program_type": cv.enum(ctx, ProgramType, row["program_type"], "program_type"),
    }


def _offer(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("facilities_programs", ctx.source_id),
        "facility_id": ctx.parent("facilities", row["facility_id"], "facility"),
        "program_id": ctx.parent("programs", row["program_id"], "program"),
    }


def _class(row: Row, ctx: Context) -> dict[str, Any]:
    tz = cv.zone(cv.tz_name(row["timezone"]))
    start = cv.local_date(row["start_dt"], tz)
    end = cv.local_date(row["end_dt"], tz)
    if start is None:
        raise Skip("missing value", "start_dt is empty")
    if end is not None and end < start:
        ctx.note("invalid", f"end {end} is before start {start}: end left out", CHANGED)
        end = None
    capacity = row["capacity"]
    if capacity is not None and not 0 <= capacity <= 2**31 - 1:
        ctx.note("invalid", f"capacity {capacity} is out of range: left out", CHANGED)
        capacity = None
    instructor = None
    if row["instructor_name"] and str(row["instructor_name"]).strip():
        key = _instructor_key(row["facility_id"], row["instructor_name"])
        instructor = ctx.optional_parent("instructors", key)
    return {
        "id": ctx.new_id("program_classes", str(row["id"])),
        "program_id": ctx.parent("programs", row["program_id"], "program"),
        "facility_id": ctx.parent("facilities", row["facility_id"], "facility"),
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "description": cv.text(ctx, row["description"], "description", None),
        "instructor_id": instructor,
        "capacity": capacity,
        "status": cv.enum(ctx, ClassStatus, row["status"] or "Scheduled", "status"),
        "start_date": start,
        "end_date": end,
        "credit_hours": row["credit_hours"],
        "archived_at": cv.aware(row["archived_at"]),
        "created_at": cv.aware(row["created_at"]),
    }


def _room(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("rooms", ctx.source_id),
        "facility_id": ctx.parent("facilities", row["facility_id"], "facility"),
        "name": cv.text(ctx, row["room"], "room", cv.NAME, required=True),
    }


def _event(row: Row, ctx: Context) -> dict[str, Any]:
    timezone = cv.tz_name(row["timezone"])
    class_id, facility, series = gather(
        lambda: ctx.parent("program_classes", row["class_id"], "class"),
        lambda: ctx.parent("facilities", row["facility_id"], "facility"),
        lambda: series_values(row["recurrence_rule"], row["duration"], row["start_dt"], timezone),
    )
    room = None
    if row["room"] and str(row["room"]).strip():
        room = ctx.optional_parent("rooms", f"{row['facility_id']}:{row['room']}")
    return {
        "id": ctx.new_id("program_class_events", str(row["id"])),
        "facility_id": facility,
        "class_id": class_id,
        "room_id": room,
        **series,
        "created_at": cv.aware(row["created_at"]),
    }


def _enrollment(row: Row, ctx: Context) -> dict[str, Any]:
    class_id = ctx.parent("program_classes", row["class_id"], "class")
    user_id = ctx.parent("users", row["user_id"], "user")
    return {
        **cv.enrollment(
            ctx.parent("facilities", row["facility_id"], "facility"),
            class_id,
            user_id,
            cv.enum(
                ctx, EnrollmentStatus, row["enrollment_status"] or "Enrolled", "enrollment_status"
            ),
        ),
        "change_reason": cv.text(ctx, row["change_reason"], "change_reason", None),
        "enrolled_at": cv.aware(row["enrolled_at"]),
        "enrollment_ended_at": cv.aware(row["enrollment_ended_at"]),
        "created_at": cv.aware(row["created_at"]),
    }


def _enrollment_history(row: Row, ctx: Context) -> dict[str, Any]:
    changed = row["enrollment_ended_at"] or row["enrolled_at"] or row["created_at"]
    return {
        "id": ctx.new_id("enrollment_history", ctx.source_id),
        "enrollment_id": ctx.parent("enrollments", row["id"], "enrollment"),
        "facility_id": ctx.parent("facilities", row["facility_id"], "facility"),
        "from_status": None,
        "to_status": cv.enum(
            ctx, EnrollmentStatus, row["enrollment_status"] or "Enrolled", "enrollment_status"
        ),
        "reason": cv.text(ctx, row["change_reason"], "change_reason", None),
        "changed_at": cv.aware(changed),
    }


def _attendance(row: Row, ctx: Context) -> dict[str, Any]:
    timezone = cv.tz_name(row["timezone"])
    event_id, user_id, day, status = gather(
        lambda: ctx.parent("program_class_events", row["event_id"], "session series"),
        lambda: ctx.parent("users", row["user_id"], "user"),
        lambda: occurrence_date(row["date"], cv.zone(timezone), timezone),
        lambda: cv.enum(
            ctx, AttendanceStatus, row["attendance_status"] or "absent_unexcused", "status"
        ),
    )
    return {
        "id": ids.attendance_id(event_id, user_id, day),
        "facility_id": ctx.parent("facilities", row["facility_id"], "facility"),
        "event_id": event_id,
        "user_id": user_id,
        "date": day,
        "attendance_status": status,
        "note": row["note"],
        "marked_at": cv.aware(row["updated_at"] or row["created_at"]),
        "created_at": cv.aware(row["created_at"]),
        "needs_review": mark_review(ctx, "program_class_events", event_id, day),
    }


def _history_key(row: Row) -> str:
    return f"{row['user_id']}:{row['action']}:{row['created_at'].isoformat()}"


def _history(row: Row, ctx: Context) -> dict[str, Any]:
    details = None
    if row["program_classes_history_id"] is not None:
        details = {"program_classes_history_id": row["program_classes_history_id"]}
    return {
        "id": ctx.new_id("account_history", ctx.source_id),
        "user_id": ctx.parent("users", row["user_id"], "user"),
        "admin_username": cv.code(ctx, row["admin_username"], "admin username", 63),
        "action": cv.enum(ctx, AccountAction, row["action"], "action"),
        "facility_id": ctx.optional_parent("facilities", row["facility_id"]),
        "details": details,
        "created_at": cv.aware(row["created_at"]),
    }


def _outcome(row: Row, ctx: Context) -> dict[str, Any]:
    kind = cv.enum(ctx, CredentialKind, row["type"], "type")
    title = row["course_name"] or str(kind).replace("_", " ")
    return {
        "id": ctx.new_id("credentials", str(row["id"])),
        "facility_id": ctx.parent("facilities", row["facility_id"], "facility"),
        "user_id": ctx.parent("users", row["user_id"], "user"),
        "kind": kind,
        "title": cv.text(ctx, title, "course name", 200, required=True),
        "value": cv.text(ctx, row["value"], "value", 200),
        "issued_on": row["created_at"].date() if row["created_at"] else None,
        "created_at": cv.aware(row["created_at"]),
    }


_CLASS_PLACE = (
    " LEFT JOIN program_classes AS c ON c.id = {}.class_id"
    " LEFT JOIN facilities AS f ON f.id = c.facility_id"
)

SYSTEM = System(
    name="unlockedv2",
    required=("facilities", "users", "programs", "program_classes"),
    no_home=(
        "provider_platforms",
        "courses",
        "user_enrollments",
        "activities",
        "milestones",
        "open_content_providers",
        "libraries",
        "videos",
        "helpful_links",
        "open_content_activities",
        "feature_flags",
        "cron_jobs",
        "runnable_tasks",
    ),
    entities=(
        Entity(
            "facilities",
            Target("facilities", match_on=("name",)),
            "SELECT id, name, timezone, created_at FROM facilities",
            ("id",),
            _facility,
        ),
        Entity(
            "users",
            Target("users", clear_on_clash=("email",)),
            "SELECT id, facility_id, role::text AS role, name_first, name_last, email, doc_id,"
            " deactivated_at, deleted_at, created_at FROM users",
            ("id",),
            _user,
        ),
        Entity(
            "instructors",
            Target("users"),
            "SELECT DISTINCT facility_id, instructor_name FROM program_classes"
            " WHERE btrim(coalesce(instructor_name, '')) <> ''",
            ("facility_id", "instructor_name"),
            _instructor,
            lambda r: _instructor_key(r["facility_id"], r["instructor_name"]),
        ),
        Entity(
            "programs",
            Target("programs", match_on=("name",)),
            "SELECT id, name, description, funding_type::text AS funding_type, is_active,"
            " archived_at, created_at FROM programs",
            ("id",),
            _program,
        ),
        Entity(
            "program_types",
            Target("program_types", match_on=("program_id", "program_type")),
            "SELECT program_id, program_type::text AS program_type FROM program_types",
            ("program_id", "program_type"),
            _program_type,
            lambda r: f"{r['program_id']}:{r['program_type']}",
        ),
        Entity(
            "facilities_programs",
            Target("facilities_programs", match_on=("facility_id", "program_id")),
            "SELECT DISTINCT facility_id, program_id FROM program_classes",
            ("facility_id", "program_id"),
            _offer,
            lambda r: f"{r['facility_id']}:{r['program_id']}",
        ),
        Entity(
            "program_classes",
            Target("program_classes"),
            "SELECT c.id, c.program_id, c.facility_id, c.capacity, c.name, c.instructor_name,"
            " c.description, c.archived_at, c.start_dt, c.end_dt, c.status::text AS status,"
            " c.credit_hours, c.created_at, f.timezone FROM program_classes AS c"
            " LEFT JOIN facilities AS f ON f.id = c.facility_id",
            ("id",),
            _class,
        ),
        Entity(
            "rooms",
            Target("rooms", match_on=("facility_id", "name")),
            "SELECT DISTINCT c.facility_id, e.room FROM program_class_events AS e"
            " JOIN program_classes AS c ON c.id = e.class_id"
            " WHERE btrim(coalesce(e.room, '')) <> ''",
            ("facility_id", "room"),
            _room,
            lambda r: f"{r['facility_id']}:{r['room']}",
        ),
        Entity(
            "program_class_events",
            Target("program_class_events"),
            "SELECT e.id, e.class_id, e.duration, e.recurrence_rule, e.room, e.created_at,"
            " c.facility_id, c.start_dt, f.timezone FROM program_class_events AS e"
            + _CLASS_PLACE.format("e"),
            ("id",),
            _event,
        ),
        Entity(
            "enrollments",
            Target("program_class_enrollments"),
            "SELECT en.id, en.class_id, en.user_id, en.enrollment_status::text"
            " AS enrollment_status, en.change_reason, en.enrolled_at, en.enrollment_ended_at,"
            " en.created_at, c.facility_id FROM program_class_enrollments AS en"
            + _CLASS_PLACE.format("en"),
            ("id",),
            _enrollment,
        ),
        Entity(
            "enrollment_history",
            Target("enrollment_history"),
            "SELECT en.id, en.enrollment_status::text AS enrollment_status, en.change_reason,"
            " en.enrolled_at, en.enrollment_ended_at, en.created_at, c.facility_id"
            " FROM program_class_enrollments AS en" + _CLASS_PLACE.format("en"),
            ("id",),
            _enrollment_history,
        ),
        Entity(
            "attendance",
            Target("program_class_event_attendance"),
            "SELECT a.id, a.event_id, a.user_id, a.date, a.attendance_status::text"
            " AS attendance_status, a.note, a.created_at, a.updated_at, c.facility_id,"
            " f.timezone FROM program_class_event_attendance AS a"
            " LEFT JOIN program_class_events AS e ON e.id = a.event_id" + _CLASS_PLACE.format("e"),
            ("id",),
            _attendance,
        ),
        Entity(
            "account_history",
            Target("user_account_history"),
            "SELECT h.user_id, h.admin_id, h.action::text AS action,"
            " h.program_classes_history_id, h.facility_id, h.created_at,"
            " a.username AS admin_username FROM user_account_history AS h"
            " LEFT JOIN users AS a ON a.id = h.admin_id",
            ("user_id", "action", "created_at"),
            _history,
            _history_key,
        ),
        Entity(
            "outcomes",
            Target("credentials"),
            "SELECT o.id, o.type::text AS type, o.user_id, o.value, o.created_at,"
            " co.name AS course_name, u.facility_id FROM outcomes AS o"
            " LEFT JOIN courses AS co ON co.id = o.course_id"
            " LEFT JOIN users AS u ON u.id = o.user_id",
            ("id",),
            _outcome,
        ),
    ),
)
