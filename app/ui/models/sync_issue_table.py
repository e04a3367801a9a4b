"""Open sync issues (conflicts, refusals, notices) as a table model, in the desk's words."""

from __future__ import annotations

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services.sync_issues import SyncIssueDTO
from app.ui.models.tuple_table import TupleTableModel


class SyncIssueTableModel(TupleTableModel[SyncIssueDTO]):
    """The service names everything; the tooltip adds what each action will do."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("columns", "Kind"),
        QT_TRANSLATE_NOOP("columns", "Record"),
        QT_TRANSLATE_NOOP("columns", "What happened"),
        QT_TRANSLATE_NOOP("columns", "Yours"),
        QT_TRANSLATE_NOOP("columns", "On the server"),
    )

    def cells(self, issue: SyncIssueDTO) -> tuple[str, ...]:
        return (issue.kind_text, issue.title, issue.summary, issue.mine_text, issue.theirs_text)

    def tooltip(self, issue: SyncIssueDTO, column: int) -> str | None:
        parts = (
            f"{issue.title} ({issue.when})",
            issue.summary,
            issue.keep_mine_effect,
            issue.keep_theirs_effect,
        )
        return "\n".join(part for part in parts if part)
