"""Conflicts and rejections from sync as things a person can act on (DESIGN §3 rule 5).

A conflict shows both sides of the fields changed here and on the server. *Keep theirs* accepts
the server's values (already in the cache). *Keep mine* writes this workstation's values into
the local row as a new change: it is queued like any edit and, being based on the server's
current row, wins cleanly at the next push. *Keep mine* on a rejected new record creates it
again, to be pushed again (once whatever refused it is fixed on the server).

Each issue comes back named the way the desk names things (``app.services.sync_issue_text``).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from app.domain.errors import NotFound, ValidationError
from app.domain.i18n import translate
from app.domain.sync_status import SyncStatus
from app.infra.clock import Clock, SystemClock
from app.repositories.sync_issues import SyncIssueRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.sync_issue_text import Describer
from app.services.sync_issue_text import SyncIssueDTO as SyncIssueDTO  # the desk's import


class SyncIssuesService:
    """Lists open sync issues of this workstation and resolves them locally, through the unit
    of work: the record's new values and the issue's resolution are one transaction."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def status(self) -> SyncStatus:
        with self._uow() as uow:
            return uow.get(SyncIssueRepository).status()

    def list_open(self) -> list[SyncIssueDTO]:
        with self._uow() as uow:
            return self._open(uow.get(SyncIssueRepository))

    def keep_theirs(self, issue_id: int) -> None:
        with self._uow() as uow:
            issues = uow.get(SyncIssueRepository)
            self._get(issues, issue_id)
            issues.resolve(issue_id, "kept theirs", self._clock.now())
            uow.commit()

    def keep_mine(self, issue_id: int) -> None:
        with self._uow() as uow:
            issues = uow.get(SyncIssueRepository)
            issue = self._get(issues, issue_id)
            if not issue.mine:
                raise ValidationError(
                    translate("refusal", "This issue has no values of this workstation to keep.")
                )
            self._write(issues, issue, issue.mine)
            issues.resolve(issue_id, "kept mine", self._clock.now())
            uow.commit()

    def _open(self, issues: SyncIssueRepository) -> list[SyncIssueDTO]:
        raw = [
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
            for r in issues.open_issues()
        ]
        describe = Describer(issues.connection()) if raw else None
        return [describe(issue) for issue in raw] if describe else []

    def _get(self, issues: SyncIssueRepository, issue_id: int) -> SyncIssueDTO:
        for issue in self._open(issues):
            if issue.id == issue_id:
                return issue
        raise NotFound(
            translate("refusal", "That sync issue is already resolved or does not exist.")
        )

    def _write(
        self, issues: SyncIssueRepository, issue: SyncIssueDTO, values: dict[str, Any]
    ) -> None:
        typed = issues.typed(issue.table, values)
        if not typed:
            raise ValidationError(
                translate("refusal", "Nothing to write: no field of this record was given.")
            )
        typed["updated_at"] = self._clock.now()
        record = issues.record(issue.table, issue.row_id)
        if record is None and issue.kind == "rejection":
            # A refused new record: create it again, to be pushed again.
            issues.recreate(issue.table, issue.row_id, typed)
            return
        if record is None:
            raise NotFound(translate("refusal", "The record is no longer on this workstation."))
        issues.rewrite(record, typed)


def _load(raw: object) -> dict[str, Any] | None:
    if raw is None:
        return None
    value = json.loads(str(raw))
    return value if isinstance(value, dict) else {"value": value}
