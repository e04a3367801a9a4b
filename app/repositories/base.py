"""What repositories share: the unit of work's session, and a row read unless soft-deleted."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.db.base import Audited

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


class RowRepository(Repository, Generic[A]):
    """A repository of one synced table: adds its rows and reads a live one by id."""

    _model: type[A]

    def add(self, row: A) -> A:
        self._session.add(row)
        return row

    def get(self, row_id: uuid.UUID) -> A | None:
        return self._live(self._model, row_id)
