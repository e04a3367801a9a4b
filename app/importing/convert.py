"""Checks shared by the importers: lengths, enumerations, timezones, names, dates."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain import ids
from app.importing.engine import Context, Entity, Skip
from app.importing.report import CHANGED
from app.importing.writer import Target
from app.repositories.people import search_key

E = TypeVar("E", bound=StrEnum)

NAME = 100


def text(
    ctx: Context, value: Any, field: str, limit: int | None, *, required: bool = False
) -> str | None:
    """Trimmed text; a missing required value skips the row, one too long is cut and reported."""
    cleaned = (
        None if value is None else " ".join(str(value).split()) if limit else str(value).strip()
    )
    if not cleaned:
        if required:
            raise Skip("missing value", f"{field} is empty")
        return None
    if limit is not None and len(cleaned) > limit:
        ctx.note("too long", f"{field} has {len(cleaned)} characters, cut to {limit}", CHANGED)
        cleaned = cleaned[:limit].rstrip()
    return cleaned


def code(ctx: Context, value: Any, field: str, limit: int) -> str | None:
    """An identifier (email, document id): one too long cannot be cut, so it is left out."""
    cleaned = None if value is None else str(value).strip()
    if not cleaned:
        return None
    if len(cleaned) > limit:
        ctx.note(
            "too long", f"{field} {cleaned[:40]!r}... is longer than {limit}: left out", CHANGED
        )
        return None
    return cleaned


def email(ctx: Context, value: Any) -> str | None:
    found = code(ctx, value, "email", 254)
    if found is None:
        return None
    if "@" not in found or found.startswith("@") or found.endswith("@") or " " in found:
        ctx.note("invalid", f"email {found!r} is not an address: left out", CHANGED)
        return None
    return found.lower()


def lookup(table: dict[str, Any], value: Any, field: str) -> Any:
    """A source value as ours through ``table``; one the table lacks skips the row."""
    if value not in table:
        raise Skip("unknown value", f"{field} {value!r} is not one of {', '.join(table)}")
    return table[value]


def enum(ctx: Context, kind: type[E], value: Any, field: str, *, required: bool = True) -> E | None:
    """A source enumeration value as ours; an unknown value skips the row (or is left out)."""
    if value is None:
        if required:
            raise Skip("unknown value", f"{field} is empty")
        return None
    found: E | None = _member(kind, str(value))
    if found is not None:
        return found
    if required:
        raise Skip("unknown value", f"{field} {value!r} is not one of {', '.join(kind)}")
    ctx.note(
        "unknown value", f"{field} {value!r} is not one of {', '.join(kind)}: left out", CHANGED
    )
    return None


@lru_cache(maxsize=1024)
def _member(kind: type[E], value: str) -> E | None:
    """The member of ``kind`` with this value (looked up once per kind and value)."""
    try:
        return kind(value)
    except ValueError:
        return None


def timezone(ctx: Context, name: Any) -> str:
    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        ctx.note(
            "unknown value", f"timezone {name!r} is not an IANA zone: imported as UTC", CHANGED
        )
        return "UTC"
    return str(name)


@lru_cache(maxsize=256)
def tz_name(name: Any) -> str:
    """The zone a facility got on import: its own, or UTC when it had none we know."""
    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return str(name)


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def person_name(ctx: Context, first: Any, last: Any, *, whole_name: bool = False) -> dict[str, Any]:
    """A person's names; one of the two missing is imported empty and reported (unless
    ``whole_name``: the source keeps a single name, so an empty last name loses nothing)."""
    name_first = text(ctx, first, "first name", NAME) or ""
    name_last = text(ctx, last, "last name", NAME) or ""
    if not name_first and not name_last:
        raise Skip("missing value", "the person has no name")
    if not whole_name:
        for field, value in (("first name", name_first), ("last name", name_last)):
            if not value:
                ctx.note("missing value", f"{field} is empty: imported without one", CHANGED)
    return {
        "name_first": name_first,
        "name_last": name_last,
        "search_first": search_key(name_first),
        "search_name": f"{search_key(name_last)} {search_key(name_first)}".strip(),
    }


def split_name(ctx: Context, full: Any) -> dict[str, Any]:
    parts = str(full or "").split()
    if not parts:
        raise Skip("missing value", "the person has no name")
    return person_name(
        ctx,
        " ".join(parts[:-1]) or parts[0],
        parts[-1] if len(parts) > 1 else "",
        whole_name=True,
    )


def local_date(value: datetime | date | None, tz: ZoneInfo) -> date | None:
    """The facility's local date of an instant (a naive timestamp is taken as UTC)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(tz).date()
    return value


def aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def one_facility(default_name: str) -> Entity:
    """The facility of a source that has none: named by ``--facility``, zoned by ``--timezone``."""

    def convert(row: dict[str, Any], ctx: Context) -> dict[str, Any]:
        name = ctx.options.get("facility") or default_name
        return {
            "id": ctx.new_id("facility", "1"),
            "name": text(ctx, name, "facility name", NAME, required=True),
            "timezone": timezone(ctx, ctx.options.get("timezone") or "UTC"),
        }

    return Entity(
        "facility", Target("facilities", match_on=("name",)), "SELECT 1 AS id", ("id",), convert
    )


def program_offers() -> Entity:
    """A single-facility source offers each of its programs at its facility."""
    return Entity(
        "facilities_programs",
        Target("facilities_programs", match_on=("facility_id", "program_id")),
        "SELECT id FROM programs",
        ("id",),
        program_offer,
    )


def named_room(column: str) -> Callable[[dict[str, Any], Context], dict[str, Any]]:
    """The converter of a room a single-facility source only names, in ``column``."""

    def convert(row: dict[str, Any], ctx: Context) -> dict[str, Any]:
        facility, _ = facility_of(ctx)
        return {
            "id": ctx.new_id("rooms", ctx.source_id),
            "facility_id": facility,
            "name": text(ctx, row[column], column, NAME, required=True),
        }

    return convert


def enrollment(
    facility_id: uuid.UUID, class_id: uuid.UUID, user_id: uuid.UUID, status: StrEnum | None
) -> dict[str, Any]:
    """The columns every source's enrolment starts with; its id comes from the class and the
    student (``ids.enrollment_id``), as the desk's own enrolments do, so one never doubles."""
    return {
        "id": ids.enrollment_id(class_id, user_id),
        "facility_id": facility_id,
        "class_id": class_id,
        "user_id": user_id,
        "enrollment_status": status,
    }


def program(ctx: Context, row: dict[str, Any], name_column: str = "name") -> dict[str, Any]:
    """The columns every database source's program starts with: its id, its name (in
    ``name_column``) and its description."""
    return {
        "id": ctx.new_id("programs", str(row["id"])),
        "name": text(ctx, row[name_column], name_column, NAME, required=True),
        "description": text(ctx, row["description"], "description", None),
    }


def module(ctx: Context, row: dict[str, Any], sequence_order: int) -> dict[str, Any]:
    """A module of a database source that keeps modules by id under their program, with a
    name and a description; ``sequence_order`` as the source orders them."""
    return {
        "id": ctx.new_id("modules", str(row["id"])),
        "program_id": ctx.parent("programs", row["program_id"], "program"),
        "name": text(ctx, row["name"], "name", NAME, required=True),
        "description": text(ctx, row["description"], "description", None),
        "sequence_order": sequence_order,
    }


def program_offer(row: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """A single-facility source offers each of its programs at its facility."""
    facility, _ = facility_of(ctx)
    return {
        "id": ctx.new_id("facilities_programs", str(row["id"])),
        "facility_id": facility,
        "program_id": ctx.parent("programs", row["id"], "program"),
    }


def facility_of(ctx: Context) -> tuple[uuid.UUID, str]:
    """Our id and zone of the one facility of such a source."""
    found = ctx.cache.get("facility")
    if found is None:
        fid = ctx.parent("facility", "1", "facility")
        rows = ctx.target_rows("SELECT timezone FROM public.facilities WHERE id = %s", (fid,))
        found = (fid, str(rows[0][0]) if rows else "UTC")
        ctx.cache["facility"] = found
    return found


def minutes_between(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None or end < start:
        return None
    return int((end - start).total_seconds() // 60)


def cancelled(facility: uuid.UUID, event: uuid.UUID, day: date, reason: str) -> dict[str, Any]:
    """The override that cancels the session of series ``event`` on ``day``, saying why."""
    return {
        "id": ids.override_id(event, day),
        "facility_id": facility,
        "event_id": event,
        "original_date": day,
        "is_cancelled": True,
        "reason": reason,
    }
