"""What a workstation's sync state is, in the words the status bar and ``rollbook sync`` use.

Plain data and its wording, derived from persisted state only (DESIGN §3 rule 10): the sync
engine fills it in (``app.sync.status.read_status``), the desk and the command line show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

CLOCK_SKEW_WARN_SECONDS = 300  # this computer's clock this far off the server's is said


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

    def line(self, now: datetime, timezone: str) -> str:
        """The status bar's words: what waits to be sent, and when this workstation last
        synced, in the facility's ``timezone`` (named, so nobody guesses which clock)."""
        zone = ZoneInfo(timezone)
        if self.state == "never":
            parts = ["not synced yet"]
        elif self.state == "synced":
            parts = ["all changes sent"]
        else:
            parts = []
        if self.issues:
            parts.append(f"{self.issues} to review on the Sync screen")
        if self.pending:
            waiting = "1 change" if self.pending == 1 else f"{self.pending} changes"
            parts.append(f"{waiting} not sent yet")
        if self.last_sync_at is not None:
            parts.append(f"last synced {_when(self.last_sync_at, now, zone)}")
        text = " · ".join(parts)
        if self.last_sync_at is not None:
            text += f" ({timezone})"
        if abs(self.clock_skew_seconds) > CLOCK_SKEW_WARN_SECONDS:
            text += f" · this computer's clock is {self.clock_skew_seconds / 60:+.0f} min off"
        return text


def _when(at: datetime, now: datetime, zone: ZoneInfo) -> str:
    """``14:05`` today, ``Mon 16 Nov 14:05`` another day, in ``zone``."""
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    local, today = at.astimezone(zone), now.astimezone(zone).date()
    if local.date() == today:
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%a %d %b %H:%M")
    return local.strftime("%a %d %b %Y %H:%M")


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a sync attempt failed, in plain words, and whether it means the server is out of
    reach (offline) rather than reachable but refusing."""

    reason: str
    offline: bool
    detail: str  # the driver's own words: for the log and a tooltip, never the status line


def _age(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"
