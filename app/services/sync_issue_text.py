"""A sync issue as a person reads it: the record named by its student, class and session
("Attendance — Solange Eto'o, Welding I, Thu 3 Dec 09:00"), fields by their labels, values as the
screens show them, the other staff member by name, and what each action will do. Names are read
from this workstation's cache; resolving an issue is ``app.services.sync_issues``'s.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, and_, select

from app.db.base import Base
from app.domain.i18n import QT_TRANSLATE_NOOP, translate
from app.repositories.review import MarkLine
from app.services.labels import (
    day_text,
    field_label,
    instant_text,
    shown_fields,
    status_text,
    table_label,
    values_text,
)
from app.services.review import occurrence_of_mark

log = logging.getLogger(__name__)

ATTENDANCE = "program_class_event_attendance"
KIND_TEXT = {
    "conflict": QT_TRANSLATE_NOOP("sync", "Conflict"),
    "rejection": QT_TRANSLATE_NOOP("sync", "Refused by the server"),
    "flag": QT_TRANSLATE_NOOP("sync", "Please check"),
}


def _kind_text(kind: str) -> str:
    label = KIND_TEXT.get(kind)
    return translate("sync", label) if label else kind


@dataclass(frozen=True, slots=True)
class SyncIssueDTO:
    id: int
    kind: str  # conflict | rejection | flag
    table: str
    row_id: uuid.UUID
    reason: str  # as the sync recorded it
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None
    created_at: str
    # As a person reads it:
    kind_text: str = ""  # "Conflict"
    title: str = ""  # "Attendance — Solange Eto'o, Welding I, Thu 3 Dec 09:00"
    summary: str = ""  # "you marked Present, Kim Lee marked Absent"
    mine_text: str = ""  # "Status: Present"
    theirs_text: str = ""  # "Status: Absent"
    keep_mine_effect: str = ""  # what Keep mine will do, in words
    keep_theirs_effect: str = ""
    when: str = ""  # when it was found, in the facility's timezone


def _first_name_last(first: object, last: object) -> str:
    return f"{first or ''} {last or ''}".strip()


class Describer:
    """Names an issue's record, fields, values and people from the cache (one connection)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._t = Base.metadata.tables
        self._people: dict[str, str] = {}

    def __call__(self, issue: SyncIssueDTO) -> SyncIssueDTO:
        try:
            return self._describe(issue)
        except Exception:  # a description must never hide the issue itself
            log.exception("sync issue %s could not be described", issue.id)
            return replace(issue, kind_text=_kind_text(issue.kind))

    # -- lookups ------------------------------------------------------------------------------

    def _row(self, table: str, row_id: uuid.UUID) -> dict[str, Any] | None:
        if table not in self._t:
            return None
        t = self._t[table]
        found = self._conn.execute(select(t).where(t.c.id == row_id)).mappings().first()
        return None if found is None else dict(found)

    def _zone(self, values: dict[str, Any]) -> ZoneInfo:
        facilities = self._t["facilities"]
        query = select(facilities.c.timezone)
        facility = values.get("facility_id")
        if facility is not None:
            query = query.where(facilities.c.id == _uuid(facility))
        found = self._conn.execute(query.limit(1)).scalar()
        try:
            return ZoneInfo(str(found)) if found else ZoneInfo("UTC")
        except Exception:
            return ZoneInfo("UTC")

    def _person(self, user_id: object) -> str | None:
        if user_id is None:
            return None
        users = self._t["users"]
        found = self._conn.execute(
            select(users.c.name_first, users.c.name_last).where(users.c.id == _uuid(user_id))
        ).first()
        return None if found is None else _first_name_last(found[0], found[1])

    def _staff(self, login: object) -> str:
        """ "Kim Lee" for a login known here; the login itself otherwise."""
        if not login:
            return translate("sync", "someone on another workstation")
        key = str(login)
        if key not in self._people:
            users = self._t["users"]
            found = self._conn.execute(
                select(users.c.name_first, users.c.name_last).where(users.c.username == key)
            ).first()
            self._people[key] = key if found is None else _first_name_last(found[0], found[1])
        return self._people[key]

    def _class(self, class_id: object) -> str | None:
        if class_id is None:
            return None
        classes = self._t["program_classes"]
        return self._conn.execute(
            select(classes.c.name).where(classes.c.id == _uuid(class_id))
        ).scalar()

    def _series_class(self, series_id: object) -> str | None:
        if series_id is None:
            return None
        events = self._t["program_class_events"]
        found = self._conn.execute(
            select(events.c.class_id).where(events.c.id == _uuid(series_id))
        ).scalar()
        return self._class(found)

    def _session(self, values: dict[str, Any]) -> str:
        """ "Welding I, Thu 3 Dec 09:00" for an attendance row's values."""
        events, classes = self._t["program_class_events"], self._t["program_classes"]
        facilities, overrides = self._t["facilities"], self._t["program_class_event_overrides"]
        day = _date(values.get("date"))
        series = values.get("event_id")
        if series is None or day is None:
            return ""
        found = self._conn.execute(
            select(
                events.c.dtstart_local,
                events.c.duration_minutes,
                events.c.recurrence_rule,
                events.c.until_local,
                events.c.exdates,
                events.c.deleted_at,
                classes.c.id,
                classes.c.name,
                facilities.c.timezone,
                overrides.c.is_cancelled,
                overrides.c.new_start_local,
                overrides.c.new_duration_minutes,
            )
            .join(classes, classes.c.id == events.c.class_id)
            .join(facilities, facilities.c.id == events.c.facility_id)
            .outerjoin(
                overrides,
                and_(
                    overrides.c.event_id == events.c.id,
                    overrides.c.original_date == day,
                    overrides.c.deleted_at.is_(None),
                ),
            )
            .where(events.c.id == _uuid(series))
        ).first()
        if found is None:
            return day_text(day)
        mark = _MarkStub(day)
        line = MarkLine(
            mark,  # type: ignore[arg-type]  # only .date is read
            "",
            "",
            None,
            found[6],
            found[7],
            found[8],
            found[0],
            found[1],
            found[2],
            found[3],
            found[4],
            found[5] is not None,
            found[9],
            found[10],
            found[11],
        )
        occ, _ = occurrence_of_mark(line)
        when = (
            instant_text(occ.start_local, None)
            if occ is not None
            else translate("sync", "{day} {time}").format(
                day=day_text(day), time=f"{found[0]:%H:%M}"
            )
        )
        return translate("sync", "{class_name}, {when}").format(class_name=found[7], when=when)

    # -- the description ----------------------------------------------------------------------

    def _subject(self, table: str, values: dict[str, Any]) -> str:
        if table == ATTENDANCE:
            student = self._person(values.get("user_id")) or translate("sync", "a student")
            session = self._session(values)
            if not session:
                return student
            return translate("sync", "{student}, {session}").format(
                student=student, session=session
            )
        if table == "users":
            return _first_name_last(values.get("name_first"), values.get("name_last"))
        for key in ("user_id", "student_id"):
            if values.get(key) is not None:
                person = self._person(values[key])
                klass = self._class(values.get("class_id"))
                return ", ".join(p for p in (person, klass) if p)
        if table == "program_class_event_overrides":
            klass = self._series_class(values.get("event_id")) or translate("sync", "a class")
            day = _date(values.get("original_date"))
            if not day:
                return klass
            return translate("sync", "{class_name}, {day}").format(
                class_name=klass, day=day_text(day)
            )
        if table == "program_class_events":
            return self._class(values.get("class_id")) or ""
        if values.get("class_id") is not None:
            return self._class(values["class_id"]) or ""
        return str(values.get("name") or values.get("title") or "")

    def _describe(self, issue: SyncIssueDTO) -> SyncIssueDTO:
        current = self._row(issue.table, issue.row_id)
        values: dict[str, Any] = dict(issue.mine or {})
        values.update(current or {})
        tz = self._zone(values)
        subject = self._subject(issue.table, values)
        title = table_label(issue.table)
        if subject:
            title = translate("sync", "{record} — {subject}").format(record=title, subject=subject)
        mine = issue.mine or {}
        theirs = issue.theirs or {}
        who = self._staff(
            theirs.get("marked_by")
            or theirs.get("updated_by")
            or (current or {}).get("marked_by" if issue.table == ATTENDANCE else "updated_by")
        )
        if issue.kind == "conflict":
            mine_text = values_text(mine, tz, issue.table)
            theirs_text = values_text(theirs, tz, issue.table)
            fields = [field_label(f) for f in shown_fields(mine)]
            if issue.table == ATTENDANCE and "attendance_status" in mine:
                yours_mark = status_text(mine.get("attendance_status"))
                other = status_text(theirs.get("attendance_status"))
                summary = translate("sync", "you marked {mine}, {who} marked {theirs}").format(
                    mine=yours_mark, who=who, theirs=other
                )
                keep_mine = translate(
                    "sync", "Keep mine: your mark {mine} replaces {who}'s {theirs} on the server."
                ).format(mine=yours_mark, who=who, theirs=other)
                keep_theirs = translate(
                    "sync", "Keep theirs: {who}'s {theirs} stays; your mark {mine} is dropped."
                ).format(mine=yours_mark, who=who, theirs=other)
            else:
                if fields:
                    summary = translate("sync", "you changed {fields}; so did {who}").format(
                        fields=translate("sync", ", ").join(fields), who=who
                    )
                else:
                    summary = translate("sync", "you changed it; so did {who}").format(who=who)
                if mine_text and theirs_text:
                    keep_mine = translate(
                        "sync", "Keep mine: your {mine} replaces {who}'s {theirs} on the server."
                    )
                    keep_theirs = translate(
                        "sync", "Keep theirs: {who}'s {theirs} stays; your {mine} is dropped."
                    )
                elif mine_text:
                    keep_mine = translate(
                        "sync", "Keep mine: your {mine} replaces {who}'s version on the server."
                    )
                    keep_theirs = translate(
                        "sync", "Keep theirs: {who}'s version stays; your {mine} is dropped."
                    )
                elif theirs_text:
                    keep_mine = translate(
                        "sync", "Keep mine: your change replaces {who}'s {theirs} on the server."
                    )
                    keep_theirs = translate(
                        "sync", "Keep theirs: {who}'s {theirs} stays; your change is dropped."
                    )
                else:
                    keep_mine = translate(
                        "sync", "Keep mine: your change replaces {who}'s version on the server."
                    )
                    keep_theirs = translate(
                        "sync", "Keep theirs: {who}'s version stays; your change is dropped."
                    )
                keep_mine = keep_mine.format(mine=mine_text, who=who, theirs=theirs_text)
                keep_theirs = keep_theirs.format(mine=mine_text, who=who, theirs=theirs_text)
        elif issue.kind == "rejection":
            mine_text = values_text(mine, tz, issue.table)
            theirs_text = ""
            summary = _refusal_text(issue.table, issue.reason)
            keep_mine = translate(
                "sync",
                "Keep mine: your version is written again here and sent at the next sync "
                "(correct it first if the server's reason says so).",
            )
            keep_theirs = translate(
                "sync", "Keep theirs: your refused change is set aside; the server's stands."
            )
        else:
            mine_text = "" if issue.table == "sync_devices" else values_text(mine, tz, issue.table)
            theirs_text = values_text(theirs, tz, issue.table)
            summary = _flag_text(issue.reason)
            keep_mine = translate(
                "sync", "Keep mine: this workstation's version is written again and sent."
            )
            keep_theirs = translate(
                "sync", "Keep theirs: the record stays as it is now; the notice is dismissed."
            )
        return replace(
            issue,
            kind_text=_kind_text(issue.kind),
            title=title,
            summary=summary,
            mine_text=mine_text,
            theirs_text=theirs_text,
            keep_mine_effect=keep_mine,
            keep_theirs_effect=keep_theirs,
            when=_when(issue.created_at, tz),
        )


@dataclass(frozen=True, slots=True)
class _MarkStub:
    date: date


def _uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _when(created_at: str, tz: ZoneInfo) -> str:
    try:
        found = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    except ValueError:
        return created_at
    if found.tzinfo is None:
        found = found.replace(tzinfo=UTC)
    return instant_text(found, tz)


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _dates_in_words(text: str) -> str:
    """ "Attendance of 2026-12-03 kept…" → "Attendance of Thu 3 Dec kept…" """

    def one(match: re.Match[str]) -> str:
        try:
            return day_text(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return match[0]

    return _ISO_DAY.sub(one, text)


# The notices the sync records (in English, as stored), in the desk's words when shown.
_FLAGS = {
    "This cache was restored from a backup or copied from another computer. It now syncs as a "
    "new workstation; check the conflicts that follow.": QT_TRANSLATE_NOOP(
        "sync",
        "This cache was restored from a backup or copied from another computer. It now syncs as "
        "a new workstation; check the conflicts that follow.",
    ),
    "Edited here after it was deleted elsewhere: kept, please check.": QT_TRANSLATE_NOOP(
        "sync", "Edited here after it was deleted elsewhere: kept, please check."
    ),
}
_WHY = {
    "its sessions were removed from the schedule": QT_TRANSLATE_NOOP(
        "sync", "Attendance of {day} kept for review: its sessions were removed from the schedule."
    ),
    "the schedule no longer has a session that day": QT_TRANSLATE_NOOP(
        "sync",
        "Attendance of {day} kept for review: the schedule no longer has a session that day.",
    ),
    "that session was cancelled": QT_TRANSLATE_NOOP(
        "sync", "Attendance of {day} kept for review: that session was cancelled."
    ),
}
_ORPHAN = re.compile(r"Attendance of (\d{4}-\d{2}-\d{2}) kept for review: (.*)\.")
_MOVED = re.compile(r"that session was moved to \w+ (\d{1,2}) (\w{3}) (\d{2}:\d{2})")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _flag_text(reason: str) -> str:
    """A notice of the sync in the desk's words; one it does not know with its dates in words."""
    known = _FLAGS.get(reason)
    if known:
        return translate("sync", known)
    found = _ORPHAN.fullmatch(reason)
    day = _date(found[1]) if found else None
    if found is None or day is None:
        return _dates_in_words(reason)
    why = _WHY.get(found[2])
    if why:
        return translate("sync", why).format(day=day_text(day))
    moved = _MOVED.fullmatch(found[2])
    month = _MONTHS.index(moved[2].lower()) + 1 if moved and moved[2].lower() in _MONTHS else 0
    if moved is None or not month:
        return _dates_in_words(reason)
    try:
        candidates = [date(day.year + y, month, int(moved[1])) for y in (-1, 0, 1)]
    except ValueError:
        return _dates_in_words(reason)
    to = min(candidates, key=lambda d: abs((d - day).days))
    return translate(
        "sync", "Attendance of {day} kept for review: that session was moved to {to} {time}."
    ).format(day=day_text(day), to=day_text(to), time=moved[3])


_CONSTRAINT = re.compile(r'constraint "(\w+)"')


def _refusal_text(table: str, reason: str) -> str:
    """The server's refusal without the driver's wording: a taken unique value names its field."""
    found = _CONSTRAINT.search(reason)
    if found and found[1].startswith(f"uq_{table}_"):
        field = found[1][len(f"uq_{table}_") :]
        return translate("sync", "The server already has a record with this {field}.").format(
            field=field_label(field)
        )
    head, _, _ = reason.partition(": ")
    return head if head.endswith(".") else f"{head}."
