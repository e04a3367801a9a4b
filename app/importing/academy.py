"""The academy of seed 001: staff with program assignments, programs and courses, students with
student numbers, profiles and medical details, spaces (its "facilities") and the curriculum."""

from __future__ import annotations

import json
from typing import Any

from app.domain.enums import (
    ClassStatus,
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
        **cv.person_name(ctx, row["username"], ""),
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
    }


def _program(row: Row, ctx: Context) -> dict[str, Any]:
    return {
        "id": ctx.new_id("programs", str(row["id"])),
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "description": cv.text(ctx, row["description"], "description", None),
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
    return json.dumps(value) if not isinstance(value, str) else value


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


def _medical(row: Row, ctx: Context) -> dict[str, Any]:
    facility, _ = cv.facility_of(ctx)
    contact = row["emergency_contact"] if isinstance(row["emergency_contact"], dict) else {}
    medical = row["medical_info"]
    return {
        "id": ctx.new_id("student_medical", str(row["id"])),
        "user_id": ctx.parent("students", row["id"], "student"),
        "facility_id": facility,
        "emergency_contact_name": cv.text(ctx, contact.get("name"), "contact name", cv.NAME),
        "emergency_contact_phone": cv.code(ctx, contact.get("phone"), "contact phone", 32),
        "emergency_contact_relationship": cv.text(
            ctx, contact.get("relationship"), "contact relationship", cv.NAME
        ),
        "medical_notes": _as_text(medical.get("notes") if isinstance(medical, dict) else medical),
        "allergies": _as_text(medical.get("allergies")) if isinstance(medical, dict) else None,
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
    return {
        "id": ctx.new_id("modules", str(row["id"])),
        "program_id": ctx.parent("programs", row["program_id"], "program"),
        "name": cv.text(ctx, row["name"], "name", cv.NAME, required=True),
        "description": cv.text(ctx, row["description"], "description", None),
        "sequence_order": (row["curriculum_order"] or 0) * 1000 + (row["sequence_order"] or 0),
    }


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
        Entity(
            "facilities_programs",
            Target("facilities_programs", match_on=("facility_id", "program_id")),
            "SELECT id FROM programs",
            ("id",),
            cv.program_offer,
        ),
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
            "SELECT id, user_id, program_id FROM user_program_assignments",
            ("id",),
            _scope,
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
