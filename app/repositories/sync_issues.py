"""The workstation's sync issues and the writes that resolve them, in the unit of work.

Issues (conflicts, refusals, flags) live in the cache's own bookkeeping; resolving one writes
the chosen values into the record through the session like any edit, so the unit of work
stamps and audits it, the cache's outbox trigger queues it, and the issue is marked resolved in
the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Mapper, Session

from app.db.base import Audited, Base
from app.sync.local import LocalStore
from app.sync.status import SyncStatus, read_status
from app.sync.tables import BOOKKEEPING, from_plain, table_named


@cache
def _mapper_of(table_name: str) -> Mapper[Any]:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table_name:  # type: ignore[attr-defined]
            return mapper
    raise KeyError(table_name)


class SyncIssueRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def connection(self) -> Connection:
        """The unit of work's connection, for reading names of records around an issue."""
        return self.session.connection()

    def status(self) -> SyncStatus:
        engine = self.session.get_bind()
        return read_status(LocalStore(engine))  # type: ignore[arg-type]

    def open_issues(self) -> list[dict[str, Any]]:
        rows = self.session.execute(
            text("SELECT * FROM sync_issues WHERE resolved_at IS NULL ORDER BY id")
        ).mappings()
        return [dict(r) for r in rows]

    def resolve(self, issue_id: int, resolution: str, at: datetime) -> None:
        self.session.execute(
            text("UPDATE sync_issues SET resolved_at = :at, resolution = :r WHERE id = :id"),
            {"at": at.isoformat(), "r": resolution, "id": issue_id},
        )

    def typed(self, table_name: str, values: dict[str, Any]) -> dict[str, Any]:
        """Plain values of a record (as an issue keeps them, or as typed) with their column
        types again, the bookkeeping columns and unknown names left out."""
        table = table_named(table_name)
        return from_plain(
            table, {k: v for k, v in values.items() if k not in BOOKKEEPING and k in table.c}
        )

    def record(self, table_name: str, row_id: uuid.UUID) -> Audited | None:
        """The record an issue is about, as the cache holds it now."""
        found = self.session.get(_mapper_of(table_name).class_, row_id)
        return found if isinstance(found, Audited) else None

    def rewrite(self, record: Audited, values: dict[str, Any]) -> None:
        """Set ``values`` (by column name) on ``record``; its version moves on at the flush."""
        mapper = _mapper_of(type(record).__tablename__)  # type: ignore[attr-defined]
        for name, value in values.items():
            column = mapper.local_table.c[name]
            setattr(record, mapper.get_property_by_column(column).key, value)

    def recreate(self, table_name: str, row_id: uuid.UUID, values: dict[str, Any]) -> Audited:
        """A refused new record, made again (a new change to push)."""
        mapper = _mapper_of(table_name)
        record = mapper.class_()
        assert isinstance(record, Audited)
        record.id = row_id
        self.rewrite(record, values)
        self.session.add(record)
        return record
