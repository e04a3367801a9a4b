"""Seats of held sessions: one per student on a session's sheet (or marked for it), counted in SQL.

Sessions are not rows (they are expanded from RRULEs in Python), so the held sessions of a
report go to the database as one JSON parameter, read back as a table: ``json_each`` on SQLite,
``jsonb_to_recordset`` on PostgreSQL. Every count and sum is then one ``GROUP BY`` in the
database, whatever the number of students, in one statement. (A ``VALUES`` list would do the
same in portable SQL, but costs SQLAlchemy a second to compile for a term of a large facility,
and passes the drivers' limits on bound parameters.)
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Date,
    Dialect,
    FromClause,
    Integer,
    Select,
    String,
    Uuid,
    and_,
    bindparam,
    case,
    cast,
    column,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeEngine

from app.db.models import AttendanceRecord, Enrollment, User
from app.db.types import UTCDateTime
from app.domain.enums import AttendanceStatus
from app.repositories.base import Repository
from app.repositories.enrollments import on_sheets_during

__all__ = ["HeldSession", "SeatRepository", "SeatTotals", "StudentSeatLine"]

_ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.PARTIAL)
_SCHEDULED_EARN = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class HeldSession(NamedTuple):
    """A session that counts: started by now and not cancelled (``ended`` once it is over)."""

    series_id: uuid.UUID
    class_id: uuid.UUID
    original_date: date
    end_utc: datetime
    day_start_utc: datetime  # the start of ``original_date`` in the facility's timezone
    minutes: int  # scheduled length: what a present or late mark without minutes earns
    ended: bool


class SeatTotals(NamedTuple):
    """Counts over seats: one seat per student on a held session's sheet (or marked for it)."""

    seats: int = 0
    attended: int = 0
    excused: int = 0
    unmarked: int = 0
    missing: int = 0  # unmarked seats of sessions that are over
    minutes: int = 0  # minutes earned by attending (see ``domain.attendance.minutes_earned``)


class StudentSeatLine(NamedTuple):
    user_id: uuid.UUID
    name_first: str
    name_last: str
    student_number: str | None
    totals: SeatTotals


_HELD_COLUMNS: tuple[tuple[str, TypeEngine[Any]], ...] = (
    ("series_id", Uuid()),
    ("class_id", Uuid()),
    ("d", Date()),
    ("end_utc", UTCDateTime()),
    ("day_start", UTCDateTime()),
    ("minutes", Integer()),
    ("ended", Integer()),
)


def _held_relation(dialect: Dialect, sessions: Sequence[HeldSession]) -> FromClause:
    """The sessions as a table with the columns of ``_HELD_COLUMNS``, from one parameter.

    On SQLite the values are written as SQLAlchemy stores them there (hex UUIDs, naive UTC
    text), so they compare with stored columns; PostgreSQL casts them by the column list.
    """
    raw = [
        (
            s.series_id,
            s.class_id,
            s.original_date,
            s.end_utc,
            s.day_start_utc,
            s.minutes,
            int(s.ended),
        )
        for s in sessions
    ]
    if dialect.name == "postgresql":
        payload = json.dumps(
            [
                dict(zip((n for n, _ in _HELD_COLUMNS), map(_pg_json, row), strict=True))
                for row in raw
            ]
        )
        records = func.jsonb_to_recordset(cast(bindparam("held", payload, String()), JSONB))
        return records.table_valued(
            *(column(name, type_) for name, type_ in _HELD_COLUMNS)
        ).render_derived(name="held", with_types=True)
    processors = [_processor(type_, dialect) for _, type_ in _HELD_COLUMNS]
    payload = json.dumps([[p(v) for p, v in zip(processors, row, strict=True)] for row in raw])
    items = func.json_each(bindparam("held", payload, String())).table_valued("value")
    # Materialized: each element is parsed once, not again on every join that reads it.
    return (
        select(
            *(
                type_coerce(func.json_extract(items.c.value, f"$[{i}]"), type_).label(name)
                for i, (name, type_) in enumerate(_HELD_COLUMNS)
            )
        )
        .cte("held")
        .prefix_with("MATERIALIZED")
    )


def _processor(type_: TypeEngine[Any], dialect: Dialect) -> Any:
    found = type_.dialect_impl(dialect).bind_processor(dialect)
    return found if found is not None else (lambda value: value)


def _pg_json(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date):  # datetimes too: ISO 8601 with their UTC offset
        return value.isoformat()
    return value


def _seat_select(held: FromClause, keys: Sequence[Any]) -> Select[*tuple[Any, ...]]:
    """Seat totals grouped by ``keys``: the sheet rule of ``AttendanceRepository.sheet_lines``
    (enrolled by the session's end, not ended before its local day, or marked) over ``held``."""
    e, a = Enrollment, AttendanceRecord
    marked = a.id.is_not(None)
    attended = a.attendance_status.in_(_ATTENDED)
    on_sheet = on_sheets_during(held.c.day_start, held.c.end_utc)
    earned = case(
        (and_(attended, a.minutes.is_not(None)), a.minutes),
        (a.attendance_status.in_(_SCHEDULED_EARN), held.c.minutes),
        else_=0,
    )

    def count(cond: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    return (
        select(
            *keys,
            func.count().label("seats"),
            count(attended).label("attended"),
            count(a.attendance_status == AttendanceStatus.ABSENT_EXCUSED).label("excused"),
            count(~marked).label("unmarked"),
            count(and_(~marked, held.c.ended == 1)).label("missing"),
            func.coalesce(func.sum(earned), 0).label("minutes"),
        )
        .select_from(held)
        .join(e, and_(e.class_id == held.c.class_id, e.deleted_at.is_(None)))
        .outerjoin(
            a,
            and_(
                a.event_id == held.c.series_id,
                a.user_id == e.user_id,
                a.date == held.c.d,
                a.deleted_at.is_(None),
            ),
        )
        .where(or_(marked, on_sheet), e.user_id.not_in(_deleted_people()))
        .group_by(*keys)
    )


def _deleted_people() -> Select[*tuple[Any, ...]]:
    # A short list read once, where a join would look up every seat's student.
    return select(User.id).where(User.deleted_at.is_not(None))


def _totals(row: Sequence[Any]) -> SeatTotals:
    return SeatTotals(*(int(v) for v in row))


class SeatRepository(Repository):
    """Seat totals over a list of held sessions, grouped as a report needs them."""

    def _seats(
        self, sessions: Sequence[HeldSession], keys: Sequence[str]
    ) -> Iterable[tuple[tuple[Any, ...], SeatTotals]]:
        if not sessions:
            return
        width = len(keys)
        held = _held_relation(self._session.get_bind().dialect, sessions)
        cols = {
            "enrollment": Enrollment.id,
            "class": Enrollment.class_id,
            "user": Enrollment.user_id,
            "series": held.c.series_id,
            "date": held.c.d,
        }
        stmt = _seat_select(held, [cols[k] for k in keys])
        for row in self._session.execute(stmt):
            yield tuple(row[:width]), _totals(row[width:])

    def seats_by(self, sessions: Sequence[HeldSession], key: str) -> dict[Any, SeatTotals]:
        """Seat totals by ``enrollment``, ``class``, ``user`` or ``session`` ((series id,
        date))."""
        if key == "session":
            return dict(self._seats(sessions, ("series", "date")))
        return {found[0]: totals for found, totals in self._seats(sessions, (key,))}

    def seats_by_student(self, sessions: Sequence[HeldSession]) -> list[StudentSeatLine]:
        """Seat totals of each student over every class, with the student's names (looked up
        once per student, after the counting)."""
        if not sessions:
            return []
        held = _held_relation(self._session.get_bind().dialect, sessions)
        per = _seat_select(held, [Enrollment.user_id.label("user_id")]).subquery("per_student")
        stmt = select(
            User.id,
            User.name_first,
            User.name_last,
            User.student_number,
            *(per.c[name] for name in SeatTotals._fields),
        ).join(per, per.c.user_id == User.id)
        return [
            StudentSeatLine(uid, first, last, number, _totals(rest))
            for uid, first, last, number, *rest in self._session.execute(stmt)
        ]
