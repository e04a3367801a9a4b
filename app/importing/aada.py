"""AADA LMS (seed 002): students, programs with modules and lessons, enrollments and withdrawals,
clock-in hours and externships, transcripts and credentials."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.enums import (
    ClassStatus,
    CredentialKind,
    EnrollmentStatus,
    HoursKind,
    LessonContentType,
    Role,
)
from app.importing import convert as cv
from app.importing.engine import Context, Entity, Row, Skip, System
from app.importing.report import CHANGED
from app.importing.writer import Target

ROLES = {"student": Role.STUDENT, "instructor": Role.INSTRUCTOR, "admin": Role.FACILITY_ADMIN}
STATUS = {
    "active": EnrollmentStatus.ENROLLED,
    "completed": EnrollmentStatus.COMPLETED,
    "withdrawn": EnrollmentStatus.INCOMPLETE_WITHDRAWN,
}


def _local(ctx: Context, value: datetime | None) -> datetime | None:
    """AADA stores wall-clock TIMESTAMPs: the facility's local time."""
    if value is None:
        return None
    _, tz = cv.facility_of(ctx)
    return value if value.tzinfo else value.replace(tzinfo=cv.zone(tz))


def _user(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("users", str(row["id"])),
        "facility_id": facility,
        "role": cv.lookup(ROLES, row["role"], "role"),
        **cv.split_name(ctx, row["full_name"]),
        "email": cv.email(ctx, row["email"]),
        "deleted_at": _local(ctx, row["deleted_at"]),
        "created_at": _local(ctx, row["created_at"]),
    }


def _program(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        **cv.program(ctx, row),
        "credit_hours": row["total_credits"],
        "duration_weeks": row["duration_weeks"],
    }


def _class(row: Row, ctx: Context) -> dict[str, Any]:
    """AADA enrolls students in a program: each program is one class at the facility."""
    facility, _ = cv.facility_of(ctx)
    start = row["first_enrolled"] or (row["created_at"] or datetime.now()).date()
    return {
        "id": ctx.new_id("classes", str(row["id"])),
        "program_id": ctx.parent("programs", row["id"], "program"),
        "facility_id": facility,
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "status": ClassStatus.ACTIVE,
        "start_date": start,
        "credit_hours": row["total_credits"],
    }


def _module(row: Row, ctx: Context) -> dict[str, Any]:
    return cv.module(ctx, row, row["order_num"])


def _lesson(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("lessons", str(row["id"])),
        "module_id": ctx.parent("modules", row["module_id"], "module"),
        "title": cv.text(ctx, row["title"], "title", cv.NAME, required=True),
        "content_type": cv.enum(ctx, LessonContentType, row["content_type"], "content_type"),
        "sequence_order": row["order_num"],
    }


def _enrollment(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    class_id = ctx.parent("classes", row["program_id"], "program")
    user_id = ctx.parent("users", row["user_id"], "user")
    status = cv.lookup(STATUS, row["status"], "status")
    ended = row["completed_at"] or (row["requested_at"].date() if row["requested_at"] else None)
    return {
        **cv.enrollment(facility, class_id, user_id, status),
        "change_reason": cv.text(ctx, row["reason"], "reason", None),
        "enrolled_at": _local(ctx, datetime.combine(row["enrolled_at"], datetime.min.time())),
        "enrollment_ended_at": _local(
            ctx, datetime.combine(ended, datetime.min.time()) if ended else None
        ),
        "progress_pct_at_withdrawal": row["progress_pct_at_withdrawal"],
    }


def _withdrawal(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("withdrawals", str(row["id"])),
        "facility_id": facility,
        "enrollment_id": ctx.parent("enrollments", row["enrollment_id"], "enrollment"),
        "from_status": EnrollmentStatus.ENROLLED,
        "to_status": EnrollmentStatus.INCOMPLETE_WITHDRAWN,
        "reason": cv.text(ctx, row["reason"], "reason", None),
        "changed_at": _local(ctx, row["admin_processed_at"] or row["requested_at"]),
    }


VERIFIER = "import:aada"
VERIFIED = (
    "AADA's clock-in/out rows are its record of hours for state reporting (GNPEC): each closed"
    f" one (with a clock-out) is imported as verified, by {VERIFIER!r} at its clock-out;"
    " open ones stay unverified, for staff to close and verify"
)


def _hours(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    clock_in, clock_out = _local(ctx, row["clock_in"]), _local(ctx, row["clock_out"])
    minutes = row["total_minutes"]
    if clock_in and clock_out and clock_out < clock_in:
        ctx.note("invalid", "clocked out before clocking in: clock-out left out", CHANGED)
        clock_out, minutes = None, None
    if minutes is None and clock_in and clock_out:
        # A source that does not compute the total (the seed's is a generated column).
        minutes = cv.minutes_between(clock_in, clock_out)
    enrollment = ctx.optional_parent("enrollments", row["enrollment_id"])
    if row["enrollment_id"] is not None and enrollment is None:
        raise Skip("orphan", f"enrollment {row['enrollment_id']} was not imported")
    return {
        "id": ctx.new_id("attendance", str(row["id"])),
        "facility_id": facility,
        "user_id": ctx.parent("users", row["user_id"], "user"),
        "program_id": ctx.optional_parent("programs", row["program_id"]),
        "enrollment_id": enrollment,
        "kind": HoursKind.LAB,
        "clock_in": clock_in,
        "clock_out": clock_out,
        "minutes": minutes,
        "notes": row["notes"],
        "day": cv.local_date(clock_in, cv.zone(tz)),
        "verified": clock_out is not None,
        "verified_by": VERIFIER if clock_out is not None else None,
        "verified_at": clock_out,
    }


def _externship(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    start = _local(ctx, row["created_at"]) or _local(ctx, row["verified_at"])
    if start is None:
        raise Skip("missing value", "the externship has no date")
    return {
        "id": ctx.new_id("externships", str(row["id"])),
        "facility_id": facility,
        "user_id": ctx.parent("users", row["user_id"], "user"),
        "kind": HoursKind.EXTERNSHIP,
        "clock_in": start,
        "minutes": (row["total_hours"] or 0) * 60,
        "site_name": cv.text(ctx, row["site_name"], "site_name", cv.NAME),
        "supervisor_name": cv.text(ctx, row["supervisor_name"], "supervisor_name", cv.NAME),
        "notes": cv.text(ctx, row["site_address"], "site_address", None),
        "verified": bool(row["verified"]),
        "verified_at": _local(ctx, row["verified_at"]),
        "day": cv.local_date(start, cv.zone(tz)),
    }


def _transcript(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("transcripts", str(row["id"])),
        "facility_id": facility,
        "user_id": ctx.parent("users", row["user_id"], "user"),
        "program_id": ctx.optional_parent("programs", row["program_id"]),
        "kind": CredentialKind.TRANSCRIPT,
        "title": cv.text(ctx, f"Transcript: {row['program_name'] or ''}", "title", 200),
        "value": cv.code(ctx, row["pdf_url"], "pdf_url", 200),
        "gpa": row["gpa"],
        "total_credits": row["total_credits"],
        "issued_on": row["generated_at"].date(),
    }


def _credential(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("credentials", str(row["id"])),
        "facility_id": facility,
        "user_id": ctx.parent("users", row["user_id"], "user"),
        "program_id": ctx.optional_parent("programs", row["program_id"]),
        "kind": CredentialKind.CERTIFICATE,
        "title": cv.text(ctx, row["credential_type"], "credential_type", 200, required=True),
        "cert_serial": cv.code(ctx, row["cert_serial"], "cert_serial", 100),
        "issued_on": row["issued_at"],
    }


SYSTEM = System(
    name="aada",
    required=("users", "programs", "enrollments", "attendance"),
    no_home=("refunds", "scorm_data", "xapi_statements"),
    remarks=(VERIFIED,),
    entities=(
        cv.one_facility("AADA"),
        Entity(
            "users",
            Target("users", clear_on_clash=("email",)),
            "SELECT id, email, full_name, role::text AS role, created_at, deleted_at FROM users",
            ("id",),
            _user,
        ),
        Entity(
            "programs",
            Target("programs", match_on=("name",)),
            "SELECT id, name, description, total_credits, duration_weeks FROM programs",
            ("id",),
            _program,
        ),
        cv.program_offers(),
        Entity(
            "classes",
            Target("program_classes"),
            "SELECT p.id, p.name, p.total_credits, p.created_at, (SELECT min(e.enrolled_at)"
            " FROM enrollments AS e WHERE e.program_id = p.id) AS first_enrolled"
            " FROM programs AS p",
            ("id",),
            _class,
        ),
        Entity(
            "modules",
            Target("modules"),
            "SELECT id, program_id, name, description, order_num FROM modules",
            ("id",),
            _module,
        ),
        Entity(
            "lessons",
            Target("lessons"),
            "SELECT id, module_id, title, content_type::text AS content_type, order_num"
            " FROM lessons",
            ("id",),
            _lesson,
        ),
        Entity(
            "enrollments",
            Target("program_class_enrollments"),
            "SELECT e.id, e.user_id, e.program_id, e.status::text AS status, e.enrolled_at,"
            " e.completed_at, w.reason, w.requested_at, w.progress_pct_at_withdrawal"
            " FROM enrollments AS e LEFT JOIN LATERAL (SELECT x.reason, x.requested_at,"
            " x.progress_pct_at_withdrawal FROM withdrawals AS x WHERE x.enrollment_id = e.id"
            " ORDER BY x.requested_at DESC LIMIT 1) AS w ON TRUE",
            ("id",),
            _enrollment,
        ),
        Entity(
            "withdrawals",
            Target("enrollment_history"),
            "SELECT id, enrollment_id, reason, requested_at, admin_processed_at FROM withdrawals",
            ("id",),
            _withdrawal,
        ),
        Entity(
            "attendance",
            Target("hours_logs"),
            "SELECT a.id, a.user_id, a.enrollment_id, a.clock_in, a.clock_out,"
            " a.total_minutes, a.notes, e.program_id FROM attendance AS a"
            " LEFT JOIN enrollments AS e ON e.id = a.enrollment_id",
            ("id",),
            _hours,
        ),
        Entity(
            "externships",
            Target("hours_logs"),
            "SELECT id, user_id, site_name, site_address, supervisor_name, total_hours,"
            " verified, verified_at, created_at FROM externships",
            ("id",),
            _externship,
        ),
        Entity(
            "transcripts",
            Target("credentials"),
            "SELECT t.id, t.user_id, t.program_id, t.gpa, t.total_credits, t.generated_at,"
            " t.pdf_url, p.name AS program_name FROM transcripts AS t"
            " LEFT JOIN programs AS p ON p.id = t.program_id",
            ("id",),
            _transcript,
        ),
        Entity(
            "credentials",
            Target("credentials", clear_on_clash=("cert_serial",)),
            "SELECT id, user_id, program_id, credential_type, cert_serial, issued_at"
            " FROM credentials",
            ("id",),
            _credential,
        ),
    ),
)
