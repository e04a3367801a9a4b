"""Session series and their per-occurrence overrides, loaded a calendar window at a time."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import aliased

from app.db.models import (
    AttendanceRecord,
    Facility,
    OccurrenceOverrideRow,
    Program,
    ProgramClass,
    Room,
    SessionSeries,
    User,
)
from app.domain.enums import ClassStatus
from app.repositories.base import RowRepository
from app.repositories.closures import ClosureRepository


class SeriesLine(NamedTuple):
    """A series with what a calendar shows of it: class, timezone, room and instructor names."""

    id: uuid.UUID
    facility_id: uuid.UUID
    timezone: str
    class_id: uuid.UUID
    class_name: str
    dtstart_local: datetime
    duration_minutes: int
    recurrence_rule: str | None
    until_local: date | None
    exdates: str | None
    room_id: uuid.UUID | None
    room_name: str | None
    instructor_id: uuid.UUID | None
    instructor_first: str | None
    instructor_last: str | None
    program_id: uuid.UUID | None = None


class OverrideLine(NamedTuple):
    """An override with the names of its room and substitute instructor."""

    event_id: uuid.UUID
    original_date: date
    is_cancelled: bool
    new_start_local: datetime | None
    new_duration_minutes: int | None
    substitute_instructor_id: uuid.UUID | None
    substitute_first: str | None
    substitute_last: str | None
    room_id: uuid.UUID | None
    room_name: str | None
    reason: str | None


_SERIES_WIDTH = len(SeriesLine._fields)
# Named once per thread: a new alias per query would give every statement a new cache key, and
# SQLAlchemy would compile it again each time (most of the time of a saved mark went there).
# Keyed by the OS thread, not threading.local: a Qt pool thread gets a fresh Python thread
# state for every task, which would throw a threading.local away after each mark.
_BY_THREAD: dict[int, _Aliases] = {}
_MAX_THREADS = 64  # pool threads come and go; forget them all past this many


class _Aliases(NamedTuple):
    instructor: Any
    substitute: Any
    override_room: Any
    line_with_override: Select[*tuple[Any, ...]] | None


def _aliases() -> _Aliases:
    """This thread's aliases, named once. SQLAlchemy fills an alias's caches as queries use
    it, which is not safe from two threads at once: the background runner has two."""
    thread = threading.get_ident()
    found = _BY_THREAD.get(thread)
    if found is None:
        if len(_BY_THREAD) >= _MAX_THREADS:
            _BY_THREAD.clear()  # a live thread keeps its set by reference and makes a new one
        found = _BY_THREAD[thread] = _Aliases(
            aliased(User, name="instructor"),
            aliased(User, name="substitute"),
            aliased(Room, name="override_room"),
            None,
        )
    return found


def _series_select() -> Select[*tuple[Any, ...]]:
    instructor = _aliases().instructor
    return (
        select(
            SessionSeries.id,
            SessionSeries.facility_id,
            Facility.timezone,
            SessionSeries.class_id,
            ProgramClass.name,
            SessionSeries.dtstart_local,
            SessionSeries.duration_minutes,
            SessionSeries.recurrence_rule,
            SessionSeries.until_local,
            SessionSeries.exdates,
            SessionSeries.room_id,
            Room.name,
            SessionSeries.instructor_id,
            instructor.name_first,
            instructor.name_last,
            ProgramClass.program_id,
        )
        .join(ProgramClass, ProgramClass.id == SessionSeries.class_id)
        .join(Facility, Facility.id == SessionSeries.facility_id)
        .outerjoin(Room, Room.id == SessionSeries.room_id)
        .outerjoin(instructor, instructor.id == SessionSeries.instructor_id)
        .where(SessionSeries.deleted_at.is_(None), ProgramClass.deleted_at.is_(None))
    )


def _override_columns() -> tuple[Select[*tuple[Any, ...]], Any, Any]:
    substitute, room = _aliases().substitute, _aliases().override_room
    stmt = select(
        OccurrenceOverrideRow.event_id,
        OccurrenceOverrideRow.original_date,
        OccurrenceOverrideRow.is_cancelled,
        OccurrenceOverrideRow.new_start_local,
        OccurrenceOverrideRow.new_duration_minutes,
        OccurrenceOverrideRow.substitute_instructor_id,
        substitute.name_first,
        substitute.name_last,
        OccurrenceOverrideRow.room_id,
        room.name,
        OccurrenceOverrideRow.reason,
    )
    return stmt, substitute, room


def _line_with_override_select() -> Select[*tuple[Any, ...]]:
    """Built once per thread: the attendance sheet asks for it on every mark."""
    built = _aliases().line_with_override
    if built is None:
        built = _build_line_with_override()
        _BY_THREAD[threading.get_ident()] = _aliases()._replace(line_with_override=built)
    return built


def _build_line_with_override() -> Select[*tuple[Any, ...]]:
    return _series_with_overrides(
        OccurrenceOverrideRow.original_date == bindparam("original_date")
    ).where(SessionSeries.id == bindparam("series_id"))


def _series_with_overrides(which: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    """Series lines, each once per live override of it that meets ``which`` (with the names of
    its substitute and room), or once alone with empty override columns."""
    ov_cols, substitute, room = _override_columns()
    return (
        _series_select()
        .add_columns(*ov_cols.selected_columns)
        .outerjoin(
            OccurrenceOverrideRow,
            and_(
                OccurrenceOverrideRow.event_id == SessionSeries.id,
                which,
                OccurrenceOverrideRow.deleted_at.is_(None),
            ),
        )
        .outerjoin(substitute, substitute.id == OccurrenceOverrideRow.substitute_instructor_id)
        .outerjoin(room, room.id == OccurrenceOverrideRow.room_id)
    )


def _teaches(instructor_id: uuid.UUID) -> ColumnElement[bool]:
    """Series taught by the instructor, or with a session they substitute in."""
    substitutes = select(OccurrenceOverrideRow.event_id).where(
        OccurrenceOverrideRow.substitute_instructor_id == instructor_id,
        OccurrenceOverrideRow.deleted_at.is_(None),
    )
    return or_(SessionSeries.instructor_id == instructor_id, SessionSeries.id.in_(substitutes))


def _window_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


class ScheduleRepository(RowRepository[SessionSeries]):
    """Reads and writes ``program_class_events`` and ``program_class_event_overrides``.

    Series of cancelled classes are left out of calendar windows: they book no room and no one.
    """

    _model = SessionSeries

    def add_override(self, row: OccurrenceOverrideRow) -> None:
        self._session.add(row)

    def override_including_deleted(self, override_id: uuid.UUID) -> OccurrenceOverrideRow | None:
        """The row behind a deterministic override id, even soft-deleted, so it can be reused."""
        return self._session.get(OccurrenceOverrideRow, override_id)

    def as_stored(
        self, series_ids: Iterable[uuid.UUID]
    ) -> tuple[list[tuple[SessionSeries, str]], list[OccurrenceOverrideRow]]:
        """Series (removed ones included) with their facility's timezone, and their live
        overrides: what the schedule says of them, to tell which marks a change leaves
        without their session."""
        ids = list(set(series_ids))
        if not ids:
            return [], []
        series = [
            (row[0], str(row[1]))
            for row in self._session.execute(
                select(SessionSeries, Facility.timezone)
                .join(Facility, Facility.id == SessionSeries.facility_id)
                .where(SessionSeries.id.in_(ids))
            )
        ]
        overrides = self._session.scalars(
            select(OccurrenceOverrideRow).where(
                OccurrenceOverrideRow.event_id.in_(ids),
                OccurrenceOverrideRow.deleted_at.is_(None),
            )
        )
        return series, list(overrides)

    def overrides_of(self, series_id: uuid.UUID) -> list[OccurrenceOverrideRow]:
        stmt = select(OccurrenceOverrideRow).where(
            OccurrenceOverrideRow.event_id == series_id,
            OccurrenceOverrideRow.deleted_at.is_(None),
        )
        return list(self._session.scalars(stmt))

    def line(self, series_id: uuid.UUID) -> SeriesLine | None:
        row = self._session.execute(_series_select().where(SessionSeries.id == series_id)).first()
        return None if row is None else SeriesLine(*row)

    def line_with_override(
        self, series_id: uuid.UUID, original_date: date
    ) -> tuple[SeriesLine, OverrideLine | None] | None:
        """A series and its override for one date, in one query (what a sheet needs)."""
        stmt = _line_with_override_select()
        params = {"series_id": series_id, "original_date": original_date}
        # Columns only: run on the session's connection, without the ORM's execution (each
        # mark asks for it).
        row = self._session.connection().execute(stmt, params).first()
        if row is None:
            return None
        series = SeriesLine(*row[:_SERIES_WIDTH])
        override = OverrideLine(*row[_SERIES_WIDTH:])
        return series, (override if override.event_id is not None else None)

    def lines_of_classes(self, class_ids: Iterable[uuid.UUID]) -> list[SeriesLine]:
        ids = list(class_ids)
        if not ids:
            return []
        stmt = _series_select().where(SessionSeries.class_id.in_(ids))
        return [SeriesLine(*row) for row in self._session.execute(stmt)]

    def override_lines(self, series_ids: Iterable[uuid.UUID]) -> list[OverrideLine]:
        ids = list(series_ids)
        if not ids:
            return []
        stmt, substitute, room = _override_columns()
        stmt = (
            stmt.outerjoin(
                substitute, substitute.id == OccurrenceOverrideRow.substitute_instructor_id
            )
            .outerjoin(room, room.id == OccurrenceOverrideRow.room_id)
            .where(
                OccurrenceOverrideRow.event_id.in_(ids),
                OccurrenceOverrideRow.deleted_at.is_(None),
            )
        )
        return [OverrideLine(*row) for row in self._session.execute(stmt)]

    def window(
        self,
        facility_id: uuid.UUID,
        start: date,
        end: date,
        *,
        class_id: uuid.UUID | None = None,
        instructor_id: uuid.UUID | None = None,
        program_id: uuid.UUID | None = None,
    ) -> tuple[list[SeriesLine], list[OverrideLine]]:
        """Series that may have a session in ``[start, end]`` (local dates) and the overrides
        that matter there: one query, whatever the number of series.

        With ``instructor_id``, only series the instructor teaches or substitutes in (any
        session: the caller keeps the sessions that are theirs after expansion).
        """
        cond = self._window_condition(facility_id, start, end, class_id)
        if instructor_id is not None:
            cond = and_(cond, _teaches(instructor_id))
        if program_id is not None:
            cond = and_(cond, ProgramClass.program_id == program_id)
        lo, hi = _window_bounds(start, end)
        # One query: each series once per override that matters in the window (or once alone).
        stmt = _series_with_overrides(
            or_(
                OccurrenceOverrideRow.original_date.between(start, end),
                and_(
                    OccurrenceOverrideRow.new_start_local >= lo,
                    OccurrenceOverrideRow.new_start_local < hi,
                ),
            )
        ).where(cond)
        lines: dict[uuid.UUID, SeriesLine] = {}
        overrides: list[OverrideLine] = []
        for row in self._session.execute(stmt):
            series_id = row[0]
            if series_id not in lines:
                lines[series_id] = SeriesLine(*row[:_SERIES_WIDTH])
            if row[_SERIES_WIDTH] is not None:
                overrides.append(OverrideLine(*row[_SERIES_WIDTH:]))
        return list(lines.values()), overrides

    def _window_condition(
        self, facility_id: uuid.UUID, start: date, end: date, class_id: uuid.UUID | None
    ) -> ColumnElement[bool]:
        lo, hi = _window_bounds(start, end)
        # A session moved into the window from outside the series' own span must still show.
        moved_in = select(OccurrenceOverrideRow.event_id).where(
            OccurrenceOverrideRow.deleted_at.is_(None),
            OccurrenceOverrideRow.new_start_local >= lo,
            OccurrenceOverrideRow.new_start_local < hi,
        )
        cond = and_(
            SessionSeries.facility_id == facility_id,
            ProgramClass.status != ClassStatus.CANCELLED,
            or_(
                and_(
                    SessionSeries.dtstart_local < hi,
                    or_(SessionSeries.until_local.is_(None), SessionSeries.until_local >= start),
                ),
                SessionSeries.id.in_(moved_in),
            ),
        )
        if class_id is not None:
            cond = and_(cond, SessionSeries.class_id == class_id)
        return cond

    def closed_days(
        self, facility_id: uuid.UUID, start: date, end: date
    ) -> dict[uuid.UUID, dict[date, str]]:
        """The facility's closed days from ``start`` to ``end`` (``expand_lines``' ``closed``)."""
        return ClosureRepository(self._session).closed_days([facility_id], start, end)

    def programs(self, facility_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
        """(id, name) of the programs with session series at the facility, by name."""
        stmt = (
            select(Program.id, Program.name)
            .join(ProgramClass, ProgramClass.program_id == Program.id)
            .join(SessionSeries, SessionSeries.class_id == ProgramClass.id)
            .where(
                SessionSeries.facility_id == facility_id,
                SessionSeries.deleted_at.is_(None),
                ProgramClass.deleted_at.is_(None),
            )
            .distinct()
            .order_by(Program.name)
        )
        return [(row[0], row[1]) for row in self._session.execute(stmt)]

    def first_marked_date_from(self, series_id: uuid.UUID, from_date: date) -> date | None:
        """The first date on or after ``from_date`` with attendance taken, if any."""
        stmt = select(AttendanceRecord.date).where(
            AttendanceRecord.event_id == series_id,
            AttendanceRecord.date >= from_date,
            AttendanceRecord.deleted_at.is_(None),
        )
        return self._session.scalar(stmt.order_by(AttendanceRecord.date).limit(1))

    def mark_count(self, series_id: uuid.UUID, day: date, *, onwards: bool = False) -> int:
        """Marks (not deleted) of the session on ``day``, or of every session from it on."""
        on = AttendanceRecord.date >= day if onwards else AttendanceRecord.date == day
        stmt = select(func.count()).where(
            AttendanceRecord.event_id == series_id, on, AttendanceRecord.deleted_at.is_(None)
        )
        return int(self._session.scalar(stmt) or 0)
