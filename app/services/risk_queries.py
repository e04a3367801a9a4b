"""The at-risk queries: current enrolments tallied from their marks in SQL, a few rows out.

A repository (it speaks SQL and hands back plain tuples) kept beside the risk service that alone
uses it. Every query is bounded by the facility's current enrolments, never by its history:
``program_class_event_attendance`` is reached through its (event, user, date) and (user, date)
indexes from each enrolment.

A mark kept on a session that was not held counts for nothing here (neither absence nor
attendance): a session on a closed day of its facility (checked in SQL, by the day it was held
on when it was moved) or one of the ``not_held`` sessions (series, original date) the caller
found stopped by a disruption in force.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    AttendanceRecord,
    Enrollment,
    FacilityClosure,
    OccurrenceOverrideRow,
    ProgramClass,
    SessionSeries,
    User,
)
from app.domain.enums import AttendanceStatus, ClassStatus, EnrollmentStatus

ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.PARTIAL)
ABSENT = (AttendanceStatus.ABSENT_EXCUSED, AttendanceStatus.ABSENT_UNEXCUSED)
_OVER = (ClassStatus.CANCELLED, ClassStatus.COMPLETED)


class EnrolmentLine(NamedTuple):
    """A current enrolment with the names a list shows."""

    enrollment_id: uuid.UUID
    class_id: uuid.UUID
    class_name: str
    student_id: uuid.UUID
    name_first: str
    name_last: str
    student_number: str | None
    enrolled_at: datetime


class TallyLine(NamedTuple):
    """An enrolment's unexcused absences and its absences since the last attended mark."""

    line: EnrolmentLine
    unexcused: int
    absent_in_a_row: int
    last_marked: date | None


def _who() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Enrollment.id,
            Enrollment.class_id,
            ProgramClass.name,
            Enrollment.user_id,
            User.name_first,
            User.name_last,
            User.student_number,
            Enrollment.enrolled_at,
        )
        .join(ProgramClass, ProgramClass.id == Enrollment.class_id)
        .join(User, User.id == Enrollment.user_id)
    )


def _current(facility_id: uuid.UUID, instructor_id: uuid.UUID | None) -> ColumnElement[bool]:
    """Enrolled now in a class of the facility that still runs (taught by ``instructor_id``)."""
    cond = and_(
        Enrollment.facility_id == facility_id,
        Enrollment.deleted_at.is_(None),
        Enrollment.enrollment_status == EnrollmentStatus.ENROLLED,
        Enrollment.enrolled_at.is_not(None),
        ProgramClass.deleted_at.is_(None),
        ProgramClass.archived_at.is_(None),
        ProgramClass.status.not_in(_OVER),
        User.deleted_at.is_(None),
    )
    if instructor_id is not None:
        # A class is someone's when they teach it or any of its session series.
        taught = select(SessionSeries.class_id).where(
            SessionSeries.instructor_id == instructor_id, SessionSeries.deleted_at.is_(None)
        )
        cond = and_(
            cond,
            or_(ProgramClass.instructor_id == instructor_id, ProgramClass.id.in_(taught)),
        )
    return cond


def _held(
    mark: type[AttendanceRecord],
    series: type[SessionSeries],
    not_held: Collection[tuple[uuid.UUID, date]],
) -> ColumnElement[bool]:
    """The marked session was held: not on a closed day of its series' facility (the day it
    was moved to, if it was), and not one of ``not_held``."""
    moved = (
        select(func.date(OccurrenceOverrideRow.new_start_local))
        .where(
            OccurrenceOverrideRow.event_id == mark.event_id,
            OccurrenceOverrideRow.original_date == mark.date,
            OccurrenceOverrideRow.new_start_local.is_not(None),
            OccurrenceOverrideRow.deleted_at.is_(None),
        )
        .scalar_subquery()
    )
    day = func.coalesce(moved, mark.date)
    closed = (
        select(FacilityClosure.id)
        .where(
            FacilityClosure.facility_id == series.facility_id,
            FacilityClosure.deleted_at.is_(None),
            FacilityClosure.first_date <= day,
            FacilityClosure.last_date >= day,
        )
        .exists()
    )
    cond = ~closed
    if not_held:
        cond = and_(cond, tuple_(mark.event_id, mark.date).not_in(list(not_held)))
    return cond


class RiskRepository:
    """Reads enrolments and marks for the at-risk list; writes nothing."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def tallies(
        self,
        facility_id: uuid.UUID,
        *,
        instructor_id: uuid.UUID | None,
        unexcused_limit: int,
        in_a_row_limit: int,
        not_held: Collection[tuple[uuid.UUID, date]] = (),
    ) -> list[TallyLine]:
        """Current enrolments with at least ``unexcused_limit`` unexcused absences or at least
        ``in_a_row_limit`` absences after their last attended mark, in one query.

        One pass over the marks of current enrolments tallies unexcused absences and the last
        attended and marked days; only enrolments whose latest mark is no attendance are
        looked at again. Marks of deleted series do not count (as in the attendance
        summaries), nor marks of sessions not held; unmarked sessions and sessions not held
        neither break nor lengthen a run of absences.
        """
        mark = AttendanceRecord
        last_attended = func.max(case((mark.attendance_status.in_(ATTENDED), mark.date)))
        last_marked = func.max(mark.date)
        unexcused = func.sum(
            case((mark.attendance_status == AttendanceStatus.ABSENT_UNEXCUSED, 1), else_=0)
        )
        tally = (
            select(
                Enrollment.id.label("enrollment_id"),
                Enrollment.class_id.label("class_id"),
                Enrollment.user_id.label("user_id"),
                unexcused.label("unexcused"),
                last_attended.label("last_attended"),
                last_marked.label("last_marked"),
            )
            .select_from(Enrollment)
            .join(ProgramClass, ProgramClass.id == Enrollment.class_id)
            .join(User, User.id == Enrollment.user_id)
            .join(
                SessionSeries,
                and_(
                    SessionSeries.class_id == Enrollment.class_id,
                    SessionSeries.deleted_at.is_(None),
                ),
            )
            .join(
                mark,
                and_(
                    mark.event_id == SessionSeries.id,
                    mark.user_id == Enrollment.user_id,
                    mark.deleted_at.is_(None),
                ),
            )
            .where(_current(facility_id, instructor_id), _held(mark, SessionSeries, not_held))
            .group_by(Enrollment.id, Enrollment.class_id, Enrollment.user_id)
            .having(
                or_(
                    unexcused >= unexcused_limit,
                    last_attended.is_(None),
                    last_marked > last_attended,
                )
            )
            .subquery()
        )
        series = aliased(SessionSeries)
        later = aliased(AttendanceRecord)
        in_a_row = (
            select(func.count())
            .select_from(later)
            .join(series, series.id == later.event_id)
            .where(
                series.class_id == tally.c.class_id,
                series.deleted_at.is_(None),
                later.user_id == tally.c.user_id,
                later.deleted_at.is_(None),
                later.attendance_status.in_(ABSENT),
                or_(tally.c.last_attended.is_(None), later.date > tally.c.last_attended),
                _held(later, series, not_held),
            )
            .scalar_subquery()
        )
        counted = select(
            tally.c.enrollment_id,
            tally.c.unexcused,
            in_a_row.label("in_a_row"),
            tally.c.last_marked,
        ).subquery()
        stmt = (
            _who()
            .add_columns(counted.c.unexcused, counted.c.in_a_row, counted.c.last_marked)
            .join(counted, counted.c.enrollment_id == Enrollment.id)
            .where(
                or_(
                    counted.c.unexcused >= unexcused_limit,
                    counted.c.in_a_row >= in_a_row_limit,
                )
            )
        )
        return [
            TallyLine(EnrolmentLine(*row[:8]), int(row[8]), int(row[9]), row[10])
            for row in self._session.execute(stmt)
        ]

    def never_attended(
        self,
        facility_id: uuid.UUID,
        *,
        instructor_id: uuid.UUID | None,
        not_held: Collection[tuple[uuid.UUID, date]] = (),
    ) -> list[EnrolmentLine]:
        """Current enrolments without a single attended mark in the class (any series) on a
        session that was held."""
        mark = AttendanceRecord
        attended = (
            select(mark.id)
            .join(SessionSeries, SessionSeries.id == mark.event_id)
            .where(
                mark.user_id == Enrollment.user_id,
                mark.deleted_at.is_(None),
                mark.attendance_status.in_(ATTENDED),
                SessionSeries.class_id == Enrollment.class_id,
                SessionSeries.deleted_at.is_(None),
                _held(mark, SessionSeries, not_held),
            )
            .exists()
        )
        stmt = _who().where(_current(facility_id, instructor_id), ~attended)
        return [EnrolmentLine(*row) for row in self._session.execute(stmt)]

    def taken_sessions(
        self,
        class_ids: Iterable[uuid.UUID],
        since: date,
        not_held: Collection[tuple[uuid.UUID, date]] = (),
    ) -> set[tuple[uuid.UUID, date]]:
        """(series, original date) of the classes' sessions since ``since`` that have a mark and
        were held."""
        ids = list(set(class_ids))
        if not ids:
            return set()
        stmt = (
            select(AttendanceRecord.event_id, AttendanceRecord.date)
            .join(SessionSeries, SessionSeries.id == AttendanceRecord.event_id)
            .where(
                SessionSeries.class_id.in_(ids),
                AttendanceRecord.date >= since,
                AttendanceRecord.deleted_at.is_(None),
                _held(AttendanceRecord, SessionSeries, not_held),
            )
            .distinct()
        )
        return {(event, day) for event, day in self._session.execute(stmt)}
