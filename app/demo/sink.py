"""The bulk writer of demo rows: executemany on SQLite, COPY on PostgreSQL, in chunks."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Uuid,
    insert,
    text,
)

from app.db.models import (
    AccountHistory,
    AttendancePolicyRow,
    AttendanceRecord,
    Base,
    CaseNote,
    Credential,
    Enrollment,
    EnrollmentHistory,
    Facility,
    FacilityProgram,
    Guardian,
    HoursLog,
    Lesson,
    LessonProgress,
    Module,
    OccurrenceOverrideRow,
    Program,
    ProgramClass,
    ProgramTypeLink,
    Room,
    SessionSeries,
    StaffScope,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.db.types import UTCDateTime
from app.demo.sizes import Progress, Row

_CHUNK = 10_000


# Tables that get at least this many rows are loaded without their secondary indexes.
_DEFER_INDEXES_FROM = 20_000


# Parents before children.
_ORDER: tuple[type[Base], ...] = (
    Facility,
    Program,
    ProgramTypeLink,
    FacilityProgram,
    AttendancePolicyRow,
    Module,
    Lesson,
    Room,
    User,
    StaffScope,
    StudentProfile,
    StudentMedical,
    Guardian,
    StudentGuardian,
    AccountHistory,
    ProgramClass,
    SessionSeries,
    OccurrenceOverrideRow,
    Enrollment,
    EnrollmentHistory,
    LessonProgress,
    HoursLog,
    Credential,
    CaseNote,
)


class _Sink:
    """Writes rows in chunks on one connection: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, conn: Connection, progress: Progress | None) -> None:
        self.conn = conn
        self.progress = progress
        self.counts: dict[str, int] = {}
        self._pg: Any = (
            conn.connection.driver_connection if conn.dialect.name == "postgresql" else None
        )
        self._deferred: list[Index] = []

    def defer_indexes(self, name: str) -> None:
        """Drop the table's secondary indexes until ``restore_indexes``: a bulk load followed by
        one index build is several times faster than maintaining them row by row (DESIGN §6).

        On PostgreSQL only the table's owner may drop them; anyone else loads with them in place.
        """
        table = Base.metadata.tables[name]
        if self._pg is not None:
            owned = self.conn.execute(
                text(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                    " AND tablename = :name AND tableowner = current_user"
                ),
                {"name": name},
            ).scalar_one()
            if not owned:
                return
        for index in sorted(table.indexes, key=lambda ix: str(ix.name)):
            index.drop(self.conn)
            self._deferred.append(index)

    def restore_indexes(self) -> None:
        for index in self._deferred:
            index.create(self.conn)
        self._deferred.clear()

    def write(self, name: str, rows: Sequence[Row]) -> None:
        table = Base.metadata.tables[name]
        self.counts.setdefault(name, 0)
        total = len(rows)
        for start in range(0, total, _CHUNK):
            chunk = rows[start : start + _CHUNK]
            if self._pg is not None:
                self._copy(table, chunk)
            elif self.conn.dialect.name == "sqlite":
                self._executemany(table, chunk)
            else:
                self.conn.execute(insert(table), list(chunk))
            self.counts[name] += len(chunk)
            if self.progress is not None and name != AttendanceRecord.__tablename__:
                self.progress(name, start + len(chunk), total)

    def _executemany(self, table: Table, rows: Sequence[Row]) -> None:
        """SQLite: values converted once to what SQLAlchemy stores, then the driver's executemany.

        SQLAlchemy's per-row parameter processing costs twice the insert itself at this volume.
        """
        columns = list(rows[0])
        compiled = insert(table).compile(dialect=self.conn.dialect, column_keys=columns)
        columns = [compiled.binds[name].key for name in compiled.positiontup or ()]
        converters = [
            (i, conv)
            for i, c in enumerate(columns)
            if (conv := _sqlite_converter(table.c[c].type, self.conn.dialect)) is not None
        ]
        params = []
        for row in rows:
            values = [row[c] for c in columns]
            for i, conv in converters:
                value = values[i]
                if value is not None:
                    values[i] = conv(value)
            params.append(tuple(values))
        self.conn.exec_driver_sql(compiled.string, params)

    def _copy(self, table: Table, rows: Sequence[Row]) -> None:
        from psycopg import sql
        from psycopg.types.json import Jsonb

        columns = list(rows[0])
        json_columns = [c for c in columns if isinstance(table.c[c].type, JSON)]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
        )
        with self._pg.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                if json_columns:
                    row = {**row, **{c: Jsonb(row[c]) for c in json_columns if row[c] is not None}}
                copy.write_row([row[c] for c in columns])


def _sqlite_instant(value: datetime) -> str:
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_wall(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


# The first that the column type is an instance of; None: stored as it is (Enum is a String: the
# rows already hold its stored values).
_SQLITE_CONVERTERS: tuple[tuple[type[Any], Callable[[Any], Any] | None], ...] = (
    (UTCDateTime, _sqlite_instant),
    (DateTime, _sqlite_wall),
    (Date, date.isoformat),
    (Uuid, attrgetter("hex")),
    (Boolean, int),
    (Numeric, float),
    (JSON, json.dumps),
    (String, None),
    (Integer, None),
)


def _sqlite_converter(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy would store a value of this column type on SQLite (``None``: as is).

    Mirrors ``UTCDateTime`` (naive UTC text), ``DateTime``/``Date`` (ISO text with a space and
    microseconds), ``Uuid`` (32 hex digits), ``Boolean`` (0/1), ``Numeric`` (float) and ``JSON``;
    any other type goes through its own SQLAlchemy bind processor.
    """
    for kind, convert in _SQLITE_CONVERTERS:
        if isinstance(type_, kind):
            return convert
    processor: Callable[[Any], Any] | None = type_.bind_processor(dialect)
    return processor


def _bypass_sync_log(conn: Connection) -> None:
    """Generated data is a starting state, not changes: keep it out of the outbox (SQLite) and,
    for a superuser, out of the change log (PostgreSQL; workstations get it by initial pull)."""
    if conn.dialect.name != "postgresql":
        conn.execute(text("INSERT INTO sync_applying (flag) VALUES (1)"))
        return
    superuser = conn.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    if superuser:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
