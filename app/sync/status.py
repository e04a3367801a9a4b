"""What the status bar and ``rollbook sync`` say, derived from persisted state only (rule 10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from app.sync.engine import CLOCK_SKEW_WARN_SECONDS, VersionMismatch
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


# (words in the driver's message, what a person is told, whether that means offline)
_FAILURES = (
    (
        ("did not answer", "timeout expired", "timed out", "statement timeout"),
        "the server did not answer",
        True,
    ),
    (("connection refused",), "the server refused the connection; is it running?", True),
    (("password authentication failed", "password rejected"), "the password was rejected", False),
    (
        ("could not translate host name", "name or service not known", "nodename nor servname"),
        "the server's name could not be found",
        True,
    ),
    (
        ("no route to host", "network is unreachable"),
        "there is no network path to the server",
        True,
    ),
    (
        (
            "server closed the connection",
            "terminating connection",
            "consuming input failed",
            "connection reset",
            "broken pipe",
            "session using this server connection has ended",
            "the connection is closed",
            "connection is lost",
            "eof detected",
        ),
        "the connection to the server was lost",
        True,
    ),
    (("ssl", "certificate"), "the secure (TLS) connection to the server failed", True),
    (("cannot be reached", "working offline"), "the server cannot be reached", True),
)


def describe_failure(error: BaseException) -> Failure:
    """Map a sync error (psycopg, SQLAlchemy, the engine's own) to words for the status bar."""
    seen: list[str] = []
    current: BaseException | None = error
    while current is not None and len(seen) < 5:
        seen.append(str(getattr(current, "orig", None) or current))
        current = current.__cause__ or current.__context__
    detail = next((text.strip() for text in seen if text.strip()), type(error).__name__)
    if isinstance(error, VersionMismatch):
        return Failure(str(error), False, detail)
    haystack = " ".join(seen).lower()
    for needles, reason, offline in _FAILURES:
        if any(needle in haystack for needle in needles):
            return Failure(reason, offline, detail)
    if isinstance(error, OSError) or "operationalerror" in type(error).__name__.lower():
        return Failure("the server cannot be reached", True, detail)
    return Failure("the sync stopped on an unexpected error (details in the log)", False, detail)


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
