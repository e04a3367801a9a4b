"""What the status bar and ``rollbook sync`` say, derived from persisted state only (rule 10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.sync.engine import CLOCK_SKEW_WARN_SECONDS
from app.sync.local import LocalStore


@dataclass(frozen=True, slots=True)
class SyncStatus:
    state: str  # "synced" | "pending" | "attention" | "never"
    pending: int
    pending_since: datetime | None
    issues: int
    last_sync_at: datetime | None
    clock_skew_seconds: float

    def describe(self, now: datetime | None = None) -> str:
        """One line for the status bar; with ``now``, the age of the last successful sync."""
        if self.state == "never":
            text = "never synced"
        elif self.state == "synced":
            text = "synced"
        elif self.state == "pending":
            since = self.pending_since.strftime("%Y-%m-%d %H:%M") if self.pending_since else "?"
            text = f"pending {self.pending} since {since} UTC"
        else:
            text = f"needs attention: {self.issues} to review"
            if self.pending:
                text += f", {self.pending} pending"
        if now is not None and self.last_sync_at is not None and self.state != "never":
            text += f" · last sync {_age(now - self.last_sync_at)}"
        if abs(self.clock_skew_seconds) > CLOCK_SKEW_WARN_SECONDS:
            text += f" · this computer's clock is {self.clock_skew_seconds / 60:+.0f} min off"
        return text


def _age(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def read_status(local: LocalStore) -> SyncStatus:
    pending, since = local.outbox_count()
    issues = len(local.open_issues())
    last = local.get("last_sync_at")
    skew = float(local.get("clock_skew_seconds", "0") or 0)
    if issues:
        state = "attention"
    elif pending:
        state = "pending"
    elif last is None:
        state = "never"
    else:
        state = "synced"
    return SyncStatus(
        state=state,
        pending=pending,
        pending_since=since,
        issues=issues,
        last_sync_at=datetime.fromisoformat(last) if last else None,
        clock_skew_seconds=skew,
    )
