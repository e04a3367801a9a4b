"""Reading what the review queue and the student record's marks need, removed series included.

Marks set for review are read with their series even when the series was soft-deleted or the
class removed: a schedule change never hides attendance (DESIGN §3 rule 5).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, ColumnExpressionArgument, and_, inspect, select, text

from app.db.models import (
    AttendanceRecord,
    Facility,
    OccurrenceOverrideRow,
    ProgramClass,
    SessionSeries,
    User,
)
from app.domain.enums import AttendanceStatus
from app.repositories.base import Repository

ATTENDANCE = "program_class_event_attendance"


class MarkLine(NamedTuple):
    """A mark with its student, its series (deleted or not), class, timezone and override."""

    mark: AttendanceRecord
    name_first: str
    name_last: str
    student_number: str | None
    class_id: uuid.UUID | None
    class_name: str | None
    timezone: str
    dtstart_local: datetime | None
    duration_minutes: int | None
    recurrence_rule: str | None
    until_local: date | None
    exdates: str | None
    series_deleted: bool
    is_cancelled: bool | None  # None: no override for that day
    new_start_local: datetime | None
    new_duration_minutes: int | None


class IssueSides(NamedTuple):
    """This workstation's open conflict on a row: its values and the server's (JSON-decoded)."""

    mine: dict[str, Any]
    theirs: dict[str, Any]


def _marks_select() -> Any:
    return (
        select(
            AttendanceRecord,
            User.name_first,
            User.name_last,
            User.student_number,
            SessionSeries.class_id,
            ProgramClass.name,
            Facility.timezone,
            SessionSeries.dtstart_local,
            SessionSeries.duration_minutes,
            SessionSeries.recurrence_rule,
            SessionSeries.until_local,
            SessionSeries.exdates,
            SessionSeries.deleted_at.is_not(None),
            OccurrenceOverrideRow.is_cancelled,
            OccurrenceOverrideRow.new_start_local,
            OccurrenceOverrideRow.new_duration_minutes,
        )
        .join(User, User.id == AttendanceRecord.user_id)
        .join(Facility, Facility.id == AttendanceRecord.facility_id)
        .outerjoin(SessionSeries, SessionSeries.id == AttendanceRecord.event_id)
        .outerjoin(ProgramClass, ProgramClass.id == SessionSeries.class_id)
        .outerjoin(
            OccurrenceOverrideRow,
            and_(
                OccurrenceOverrideRow.event_id == AttendanceRecord.event_id,
                OccurrenceOverrideRow.original_date == AttendanceRecord.date,
                OccurrenceOverrideRow.deleted_at.is_(None),
            ),
        )
        .where(AttendanceRecord.deleted_at.is_(None))
    )


# A student's marks, newest session first.
_NEWEST = (AttendanceRecord.date.desc(), ProgramClass.name)


class ReviewRepository(Repository):
    """Marks set for review, a student's marks, names of staff and classes, local issues."""

    def flagged(self, facility_id: uuid.UUID) -> list[MarkLine]:
        """Every live mark of the facility with ``needs_review`` set, oldest session first."""
        return self._lines(
            AttendanceRecord.facility_id == facility_id,
            AttendanceRecord.needs_review.is_(True),
            order=(AttendanceRecord.date, User.name_last, User.name_first),
        )

    def mark(self, mark_id: uuid.UUID) -> MarkLine | None:
        stmt = _marks_select().where(AttendanceRecord.id == mark_id)
        row = self._session.execute(stmt).first()
        return None if row is None else MarkLine(*row)

    def marks_of_student(self, student_id: uuid.UUID, limit: int) -> list[MarkLine]:
        """The student's live marks, newest session first."""
        return self._lines(AttendanceRecord.user_id == student_id, order=_NEWEST, limit=limit)

    def flagged_of_student(self, student_id: uuid.UUID) -> list[MarkLine]:
        """The student's live marks set for review, however old, newest session first."""
        return self._lines(
            AttendanceRecord.user_id == student_id,
            AttendanceRecord.needs_review.is_(True),
            order=_NEWEST,
        )

    def _lines(
        self,
        *where: ColumnElement[bool],
        order: tuple[ColumnExpressionArgument[Any], ...],
        limit: int | None = None,
    ) -> list[MarkLine]:
        """Live marks meeting ``where`` as lines, in ``order``, at most ``limit`` of them."""
        stmt = _marks_select().where(*where).order_by(*order).limit(limit)
        return [MarkLine(*row) for row in self._session.execute(stmt)]

    def class_names_of_series(self, series_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Class name of each series, removed series and classes included."""
        ids = list(set(series_ids))
        if not ids:
            return {}
        stmt = (
            select(SessionSeries.id, ProgramClass.name)
            .join(ProgramClass, ProgramClass.id == SessionSeries.class_id)
            .where(SessionSeries.id.in_(ids))
        )
        return {row[0]: row[1] for row in self._session.execute(stmt)}

    def staff_names(self, usernames: Iterable[str | None]) -> dict[str, str]:
        """ "Kim Lee" for each login name known on this workstation."""
        names = sorted({u for u in usernames if u})
        if not names:
            return {}
        stmt = select(User.username, User.name_first, User.name_last).where(
            User.username.in_(names)
        )
        return {str(row[0]): f"{row[1]} {row[2]}".strip() for row in self._session.execute(stmt)}

    def mark_keys(self, mark_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, tuple[uuid.UUID, date]]:
        """(series, session date) of each mark, removed ones included, for the audit trail."""
        ids = list(set(mark_ids))
        if not ids:
            return {}
        stmt = select(AttendanceRecord.id, AttendanceRecord.event_id, AttendanceRecord.date)
        stmt = stmt.where(AttendanceRecord.id.in_(ids))
        return {row[0]: (row[1], row[2]) for row in self._session.execute(stmt)}

    # -- this workstation's open sync issues (a cache table; none on a server) -------------------

    def _has_issues_table(self) -> bool:
        return bool(inspect(self._session.connection()).has_table("sync_issues"))

    def open_conflicts(self) -> dict[uuid.UUID, IssueSides]:
        """Open conflicts on attendance rows of this workstation, by row id (the latest)."""
        if not self._has_issues_table():
            return {}
        found: dict[uuid.UUID, IssueSides] = {}
        rows = self._session.execute(
            text(
                "SELECT row_id, mine, theirs FROM sync_issues WHERE resolved_at IS NULL"
                " AND kind = 'conflict' AND table_name = :t ORDER BY id"
            ),
            {"t": ATTENDANCE},
        )
        for row_id, mine, theirs in rows:
            found[uuid.UUID(str(row_id))] = IssueSides(_load(mine), _load(theirs))
        return found

    def resolve_issues(self, row_id: uuid.UUID, resolution: str, at: datetime) -> None:
        """Close this workstation's open issues on an attendance row decided in the queue."""
        if not self._has_issues_table():
            return
        rows = self._session.execute(
            text(
                "SELECT id, row_id FROM sync_issues WHERE resolved_at IS NULL AND table_name = :t"
            ),
            {"t": ATTENDANCE},
        ).all()
        for issue_id, raw in rows:
            if uuid.UUID(str(raw)) == row_id:
                self._session.execute(
                    text(
                        "UPDATE sync_issues SET resolved_at = :at, resolution = :r WHERE id = :id"
                    ),
                    {"at": at.isoformat(), "r": resolution, "id": issue_id},
                )


def _load(raw: object) -> dict[str, Any]:
    if raw is None:
        return {}
    value = json.loads(str(raw))
    return value if isinstance(value, dict) else {}


def status_of(value: object) -> AttendanceStatus | None:
    try:
        return None if value is None else AttendanceStatus(str(value))
    except ValueError:
        return None
