"""Conflicts and rejections from sync as things a person can act on (DESIGN §3 rule 5).

A conflict shows both sides of the fields changed here and on the server. *Keep theirs* accepts
the server's values (already in the cache). *Keep mine* or *edit* writes the chosen values into
the local row as a new change: it is queued like any edit and, being based on the server's
current row, wins cleanly at the next push. A rejected new record can be corrected and created
again the same way.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert, select, update

from app.domain.errors import NotFound, ValidationError
from app.infra.clock import Clock, SystemClock
from app.services.context import Actor
from app.sync.local import LocalStore
from app.sync.status import SyncStatus, read_status
from app.sync.tables import BOOKKEEPING, from_plain, table_named


@dataclass(frozen=True, slots=True)
class SyncIssueDTO:
    id: int
    kind: str  # conflict | rejection | flag
    table: str
    row_id: uuid.UUID
    reason: str
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None
    created_at: str


class SyncIssuesService:
    """Lists open sync issues of this workstation and resolves them locally."""

    def __init__(self, cache: Engine, actor: Actor, clock: Clock | None = None) -> None:
        self._local = LocalStore(cache)
        self._cache = cache
        self._actor = actor
        self._clock = clock or SystemClock()

    def status(self) -> SyncStatus:
        return read_status(self._local)

    def list_open(self) -> list[SyncIssueDTO]:
        return [
            SyncIssueDTO(
                id=int(r["id"]),
                kind=str(r["kind"]),
                table=str(r["table_name"]),
                row_id=uuid.UUID(str(r["row_id"])),
                reason=str(r["reason"]),
                mine=_load(r["mine"]),
                theirs=_load(r["theirs"]),
                created_at=str(r["created_at"]),
            )
            for r in self._local.open_issues()
        ]

    def keep_theirs(self, issue_id: int) -> None:
        self._get(issue_id)
        self._local.resolve_issue(issue_id, "kept theirs")

    def keep_mine(self, issue_id: int) -> None:
        issue = self._get(issue_id)
        if not issue.mine:
            raise ValidationError("This issue has no values of this workstation to keep.")
        self._write(issue, issue.mine)
        self._local.resolve_issue(issue_id, "kept mine")

    def edit(self, issue_id: int, values: dict[str, Any]) -> None:
        """Resolve with values a person typed (any fields of the row but its bookkeeping)."""
        issue = self._get(issue_id)
        self._write(issue, values)
        self._local.resolve_issue(issue_id, "edited")

    def _get(self, issue_id: int) -> SyncIssueDTO:
        for issue in self.list_open():
            if issue.id == issue_id:
                return issue
        raise NotFound("That sync issue is already resolved or does not exist.")

    def _write(self, issue: SyncIssueDTO, values: dict[str, Any]) -> None:
        table = table_named(issue.table)
        fields = {k: v for k, v in values.items() if k not in BOOKKEEPING and k in table.c}
        if not fields:
            raise ValidationError("Nothing to write: no field of this record was given.")
        typed = from_plain(table, fields)
        now = self._clock.now()
        with self._cache.begin() as conn:
            current = (
                conn.execute(select(table).where(table.c.id == issue.row_id))
                .mappings()
                .one_or_none()
            )
            if current is None and issue.kind == "rejection" and issue.mine:
                # A rejected new record: create it again with the corrections.
                row = from_plain(table, {k: v for k, v in issue.mine.items() if k in table.c})
                row.update(typed)
                row.update(id=issue.row_id, updated_at=now, updated_by=self._actor.username)
                row.setdefault("created_at", now)
                row.setdefault("created_by", self._actor.username)
                row["row_version"] = 1
                conn.execute(insert(table).values(**row))
                return
            if current is None:
                raise NotFound("The record is no longer on this workstation.")
            typed.update(
                row_version=int(current["row_version"]) + 1,
                updated_at=now,
                updated_by=self._actor.username,
            )
            conn.execute(update(table).where(table.c.id == issue.row_id).values(**typed))


def _load(raw: object) -> dict[str, Any] | None:
    if raw is None:
        return None
    value = json.loads(str(raw))
    return value if isinstance(value, dict) else {"value": value}
