"""What repositories share: the unit of work's session, a row read unless soft-deleted, the live
rows of some facilities, and marks set for review."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db.base import Audited
from app.db.models import AttendanceRecord

A = TypeVar("A", bound=Audited)


class Repository:
    """Holds the session of the unit of work that made it (``uow.get(SomeRepository)``)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _live(self, model: type[A], row_id: uuid.UUID) -> A | None:
        """The row with that id; a soft-deleted one is as invisible as a missing one."""
        row = self._session.get(model, row_id)
        return None if row is None or row.deleted_at is not None else row

    def _live_rows(
        self, model: type[A], *where: ColumnElement[bool], order_by: tuple[Any, ...]
    ) -> Sequence[A]:
        """The rows of ``model`` that match ``where`` and are not soft-deleted, in that order."""
        stmt = select(model).where(*where, model.deleted_at.is_(None)).order_by(*order_by)
        return self._session.scalars(stmt).all()

    def _review_marks(self, facility_id: uuid.UUID, *where: ColumnElement[bool]) -> int:
        """Set for review every live mark of the facility that matches ``where`` (never
        deleted); how many were not set for review already."""
        marks = self._session.scalars(
            select(AttendanceRecord).where(
                AttendanceRecord.facility_id == facility_id,
                *where,
                AttendanceRecord.deleted_at.is_(None),
                AttendanceRecord.needs_review.is_(False),
            )
        ).all()
        for mark in marks:
            mark.needs_review = True
        return len(marks)


class RowRepository(Repository, Generic[A]):
    """A repository of one synced table: adds its rows and reads a live one by id."""

    _model: type[A]

    def add(self, row: A) -> A:
        self._session.add(row)
        return row

    def get(self, row_id: uuid.UUID) -> A | None:
        return self._live(self._model, row_id)

    def _rows(self, *where: ColumnElement[bool], order_by: tuple[Any, ...]) -> Sequence[A]:
        """``_live_rows`` of this repository's table."""
        return self._live_rows(self._model, *where, order_by=order_by)

    def _live_rows_of(
        self,
        facility: InstrumentedAttribute[uuid.UUID],
        facility_ids: Collection[uuid.UUID],
        *where: ColumnElement[bool],
        order_by: tuple[Any, ...],
    ) -> Sequence[A]:
        """``_live_rows`` of this table whose ``facility`` column names one of ``facility_ids``
        (none: no rows, and no query)."""
        if not facility_ids:
            return []
        return self._rows(facility.in_(list(facility_ids)), *where, order_by=order_by)
