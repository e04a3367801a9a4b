"""The academy of seed 001: staff with program assignments, programs and courses, students with
student numbers, profiles and medical details, spaces (its "facilities") and the curriculum."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any

from app.domain.enums import (
    AccountAction,
    ClassStatus,
    EnrollmentStatus,
    PersonStatus,
    Role,
    RoomKind,
    RoomStatus,
)
from app.domain.errors import DomainError
from app.domain.student_numbers import parse_student_number
from app.importing import convert as cv
from app.importing.engine import Context, Entity, Row, Skip, System
from app.importing.report import CHANGED
from app.importing.writer import Target
from app.repositories.people import code_key

ROLES = {
    "super_admin": Role.SYSTEM_ADMIN,
    "program_admin": Role.DEPARTMENT_ADMIN,
    "program_coordinator": Role.FACILITY_ADMIN,
    "tutor": Role.INSTRUCTOR,
}


def _staff(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    if row["role"] not in ROLES:
        raise Skip("unknown value", f"role {row['role']!r} is not one of {', '.join(ROLES)}")
    return {
        "id": ctx.new_id("users", str(row["id"])),
        "facility_id": facility,
        "role": ROLES[row["role"]],
        **cv.person_name(ctx, row["username"], "", whole_name=True),
        "email": cv.email(ctx, row["email"]),
        "status": PersonStatus.ACTIVE if row["is_active"] is not False else PersonStatus.INACTIVE,
        "created_at": cv.aware(row["created_at"]),
    }


def _scope(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("scopes", str(row["id"])),
        "user_id": ctx.parent("users", row["user_id"], "user"),
        "facility_id": facility,
        "program_id": ctx.parent("programs", row["program_id"], "program"),
        **({"created_at": cv.aware(row["assigned_at"])} if row["assigned_at"] else {}),
    }


def _assignment(row: Row, ctx: Context) -> dict[str, Any]:
    """Who gave a staff member a program, and when: the staff's account history, as the app
    writes it when an administrator changes someone's scope."""
    facility, _ = cv.facility_of(ctx)
    user_id = ctx.parent("users", row["user_id"], "user")
    program_id = ctx.parent("programs", row["program_id"], "program")
    if row["assigned_by"] is not None and row["assigned_by_name"] is None:
        ctx.note(
            "orphan",
            f"assigned by user {row['assigned_by']}, who does not exist: imported without who",
            CHANGED,
        )
    return {
        "id": ctx.new_id("staff_assignments", str(row["id"])),
        "user_id": user_id,
        "admin_username": cv.code(ctx, row["assigned_by_name"], "assigned_by", 63),
        "action": AccountAction.SCOPE_CHANGE,
        "facility_id": facility,
        "details": {"added": {"facility_id": str(facility), "program_id": str(program_id)}},
        **({"created_at": cv.aware(row["assigned_at"])} if row["assigned_at"] else {}),
    }


def _program(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        **cv.program(ctx, row),
        "is_active": row["is_active"] is not False,
    }


def _course(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("courses", str(row["id"])),
        "program_id": ctx.parent("programs", row["program_id"], "program"),
        "facility_id": facility,
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "description": cv.text(ctx, row["description"], "description", None),
        "status": ClassStatus.ACTIVE if row["is_active"] is not False else ClassStatus.COMPLETED,
        "start_date": row["created_at"].date(),
    }


def _number(ctx: Context, value: Any) -> str | None:
    if value is None or not str(value).strip():
        return None
    number = code_key(str(value))
    try:
        parse_student_number(number)
    except DomainError:
        ctx.note("invalid", f"student number {value!r} is not STU-YYYY-NNNN: left out", CHANGED)
        return None
    return number


def _student(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    status = cv.enum(ctx, PersonStatus, row["status"] or "active", "status")
    return {
        "id": ctx.new_id("students", str(row["id"])),
        "facility_id": facility,
        "role": Role.STUDENT,
        **cv.person_name(ctx, row["first_name"], row["last_name"]),
        "email": cv.email(ctx, row["email"]),
        "phone": cv.code(ctx, row["phone"], "phone", 32),
        "student_number": _number(ctx, row["student_id"]),
        "status": status,
        "created_at": cv.aware(row["created_at"]),
    }


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v)
    if isinstance(value, list):
        return ", ".join(_readable(v) for v in value)
    return json.dumps(value) if not isinstance(value, str) else value


def _readable(value: Any) -> str:
    """A JSON value as a person reads it: lists joined, objects as ``key: value``."""
    if isinstance(value, list):
        return ", ".join(_readable(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_readable(v)}" for k, v in value.items())
    return str(value)


def _label(key: Any) -> str:
    return str(key).replace("_", " ").strip()


def _profile(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    return {
        "id": ctx.new_id("student_profiles", str(row["id"])),
        "user_id": ctx.parent("students", row["id"], "student"),
        "facility_id": facility,
        "date_of_birth": row["date_of_birth"],
        "enrollment_date": row["enrollment_date"],
        "address": _as_text(row["address"]),
    }


CONTACT_KEYS = ("name", "phone", "relationship")
MEDICAL_KEYS = ("notes", "allergies")


def _medical(row: Row, ctx: Context) -> dict[str, Any]:
    """The emergency contact and medical details; JSON keys with no column of their own
    (conditions, medications, blood type, a second phone...) are kept in the medical notes as
    ``key: value`` lines, and reported."""
    facility, _ = cv.facility_of(ctx)
    raw_contact, medical = row["emergency_contact"], row["medical_info"]
    contact = raw_contact if isinstance(raw_contact, dict) else {}
    notes: list[str] = []
    if isinstance(medical, dict):
        if medical.get("notes"):
            notes.append(_readable(medical["notes"]))
        extra = {k: v for k, v in medical.items() if k not in MEDICAL_KEYS and v not in (None, "")}
        notes += [f"{_label(k)}: {_readable(v)}" for k, v in extra.items()]
        kept = [f"medical_info.{k}" for k in extra]
    else:
        if medical not in (None, ""):
            notes.append(_readable(medical))
        kept = []
    if isinstance(raw_contact, dict):
        extra = {k: v for k, v in contact.items() if k not in CONTACT_KEYS and v not in (None, "")}
        notes += [f"emergency contact {_label(k)}: {_readable(v)}" for k, v in extra.items()]
        kept += [f"emergency_contact.{k}" for k in extra]
    elif raw_contact not in (None, ""):
        notes.append(f"emergency contact: {_readable(raw_contact)}")
        kept.append("emergency_contact (not an object)")
    if kept:
        ctx.note(
            "unknown key",
            f"{', '.join(kept)} kept in the medical notes as 'key: value' lines",
            CHANGED,
        )
    return {
        "id": ctx.new_id("student_medical", str(row["id"])),
        "user_id": ctx.parent("students", row["id"], "student"),
        "facility_id": facility,
        "emergency_contact_name": cv.text(ctx, contact.get("name"), "contact name", cv.NAME),
        "emergency_contact_phone": cv.code(ctx, contact.get("phone"), "contact phone", 32),
        "emergency_contact_relationship": cv.text(
            ctx, contact.get("relationship"), "contact relationship", cv.NAME
        ),
        "medical_notes": "\n".join(notes) or None,
        "allergies": _as_text(medical.get("allergies")) if isinstance(medical, dict) else None,
    }


STUDENT_STATUS = {
    "active": EnrollmentStatus.ENROLLED,
    "inactive": EnrollmentStatus.ENROLLED,
    "graduated": EnrollmentStatus.COMPLETED,
    "withdrawn": EnrollmentStatus.INCOMPLETE_WITHDRAWN,
}


def _program_roll(row: Row, ctx: Context) -> dict[str, Any]:
    """The academy enrols a student in a program, not a course: each program with students
    gets a class of its own name holding them, so that staff scoped to the program (who see
    its classes and their rosters) see its students."""
    facility, tz = cv.facility_of(ctx)
    start = row["first_enrolled"] or cv.local_date(row["created_at"], cv.zone(tz))
    return {
        "id": ctx.new_id("program_rolls", str(row["id"])),
        "program_id": ctx.parent("programs", row["id"], "program"),
        "facility_id": facility,
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "description": "The program's students, as the academy enrolled them.",
        "status": ClassStatus.ACTIVE if row["is_active"] is not False else ClassStatus.COMPLETED,
        "start_date": start,
    }


def _program_enrollment(row: Row, ctx: Context) -> dict[str, Any]:
    facility, tz = cv.facility_of(ctx)
    class_id = ctx.parent("program_rolls", row["program_id"], "program")
    user_id = ctx.parent("students", row["id"], "student")
    day = row["enrollment_date"]
    return {
        **cv.enrollment(
            facility,
            class_id,
            user_id,
            STUDENT_STATUS.get(str(row["status"] or "active"), EnrollmentStatus.ENROLLED),
        ),
        "enrolled_at": (
            datetime.combine(day, time(), tzinfo=cv.zone(tz))
            if day
            else cv.aware(row["created_at"])
        ),
    }


def _space(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    capacity = row["capacity"]
    if capacity is not None and capacity < 0:
        ctx.note("invalid", f"capacity {capacity} is negative: left out", CHANGED)
        capacity = None
    return {
        "id": ctx.new_id("spaces", str(row["id"])),
        "facility_id": facility,
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "kind": cv.enum(ctx, RoomKind, row["facility_type"] or "other", "facility_type"),
        "capacity": capacity,
        "status": cv.enum(ctx, RoomStatus, row["status"] or "active", "status"),
    }


def _module(row: Row, ctx: Context) -> dict[str, Any]:
    order = (row["curriculum_order"] or 0) * 1000 + (row["sequence_order"] or 0)
    return cv.module(ctx, row, order)


def _lesson(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("lessons", str(row["id"])),
        "module_id": ctx.parent("modules", row["module_id"], "module"),
        "title": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "duration_minutes": row["duration_minutes"],
        "sequence_order": row["sequence_order"] or 0,
    }


SYSTEM = System(
    name="academy",
    required=("users", "programs", "students"),
    # Curricula are flattened: their modules keep the program and the curriculum's order.
    no_home=("curricula",),
    entities=(
        cv.one_facility("Academy"),
        Entity(
            "programs",
            Target("programs", match_on=("name",)),
            "SELECT id, name, description, is_active FROM programs",
            ("id",),
            _program,
        ),
        cv.program_offers(),
        Entity(
            "users",
            Target("users", clear_on_clash=("email",)),
            "SELECT id, username, email, role::text AS role, is_active, created_at FROM users",
            ("id",),
            _staff,
        ),
        Entity(
            "staff_scopes",
            Target("staff_scopes"),
            "SELECT id, user_id, program_id, assigned_at FROM user_program_assignments",
            ("id",),
            _scope,
        ),
        Entity(
            "staff_assignments",
            Target("user_account_history"),
            "SELECT a.id, a.user_id, a.program_id, a.assigned_at, a.assigned_by,"
            " b.username AS assigned_by_name FROM user_program_assignments AS a"
            " LEFT JOIN users AS b ON b.id = a.assigned_by",
            ("id",),
            _assignment,
        ),
        Entity(
            "courses",
            Target("program_classes"),
            "SELECT id, program_id, name, description, is_active, created_at FROM courses",
            ("id",),
            _course,
        ),
        Entity(
            "students",
            Target("users", clear_on_clash=("email", "student_number")),
            "SELECT id, student_id, first_name, last_name, email, phone, status::text AS status,"
            " created_at FROM students",
            ("id",),
            _student,
        ),
        Entity(
            "program_rolls",
            Target("program_classes"),
            "SELECT p.id, p.name, p.is_active, p.created_at, (SELECT min(s.enrollment_date)"
            " FROM students AS s WHERE s.program_id = p.id) AS first_enrolled FROM programs AS p"
            " WHERE EXISTS (SELECT 1 FROM students AS s WHERE s.program_id = p.id)",
            ("id",),
            _program_roll,
        ),
        Entity(
            "program_enrollments",
            Target("program_class_enrollments"),
            "SELECT id, program_id, status::text AS status, enrollment_date, created_at"
            " FROM students WHERE program_id IS NOT NULL",
            ("id",),
            _program_enrollment,
        ),
        Entity(
            "student_profiles",
            Target("student_profiles"),
            "SELECT id, date_of_birth, enrollment_date, address FROM students",
            ("id",),
            _profile,
        ),
        Entity(
            "student_medical",
            Target("student_medical"),
            "SELECT id, emergency_contact, medical_info FROM students"
            " WHERE emergency_contact IS NOT NULL OR medical_info IS NOT NULL",
            ("id",),
            _medical,
        ),
        Entity(
            "spaces",
            Target("rooms", match_on=("facility_id", "name")),
            "SELECT id, name, facility_type::text AS facility_type, capacity,"
            " status::text AS status FROM facilities",
            ("id",),
            _space,
        ),
        Entity(
            "modules",
            Target("modules"),
            "SELECT m.id, m.program_id, m.name, m.description, m.sequence_order,"
            " c.sequence_order AS curriculum_order FROM modules AS m"
            " LEFT JOIN curricula AS c ON c.id = m.curriculum_id",
            ("id",),
            _module,
        ),
        Entity(
            "lessons",
            Target("lessons"),
            "SELECT id, module_id, name, duration_minutes, sequence_order FROM lessons",
            ("id",),
            _lesson,
        ),
    ),
)
