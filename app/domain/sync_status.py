"""What a workstation's sync state is, in the words the status bar and ``rollbook sync`` use.

Plain data and its wording, derived from persisted state only (DESIGN §3 rule 10): the sync
engine fills it in (``app.sync.status.read_status``), the desk and the command line show it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from app.domain.i18n import day_text, translate

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
            text = translate("SyncStatus", "never synced")
        elif self.state == "synced":
            text = translate("SyncStatus", "synced")
        elif self.state == "pending":
            since = self.pending_since.strftime("%Y-%m-%d %H:%M") if self.pending_since else "?"
            text = translate("SyncStatus", "pending {n} since {since} UTC").format(
                n=self.pending, since=since
            )
        else:
            text = translate("SyncStatus", "needs attention: {n} to review").format(n=self.issues)
            if self.pending:
                text += translate("SyncStatus", ", {n} pending").format(n=self.pending)
        if now is not None and self.last_sync_at is not None and self.state != "never":
            text += translate("SyncStatus", " · last sync {age}").format(
                age=_age(now - self.last_sync_at)
            )
        return text + self._skew()

    def _skew(self) -> str:
        if abs(self.clock_skew_seconds) <= CLOCK_SKEW_WARN_SECONDS:
            return ""
        minutes = f"{self.clock_skew_seconds / 60:+.0f}"
        return translate("SyncStatus", " · this computer's clock is {minutes} min off").format(
            minutes=minutes
        )

    def line(self, now: datetime, timezone: str) -> str:
        """The status bar's words: what waits to be sent, and when this workstation last
        synced, in the facility's ``timezone`` (named, so nobody guesses which clock)."""
        zone = ZoneInfo(timezone)
        if self.state == "never":
            parts = [translate("SyncStatus", "not synced yet")]
        elif self.state == "synced":
            parts = [translate("SyncStatus", "all changes sent")]
        else:
            parts = []
        if self.issues:
            parts.append(
                translate("SyncStatus", "{n} to review on the Sync screen").format(n=self.issues)
            )
        if self.pending == 1:
            parts.append(translate("SyncStatus", "1 change not sent yet"))
        elif self.pending:
            parts.append(translate("SyncStatus", "{n} changes not sent yet").format(n=self.pending))
        if self.last_sync_at is not None:
            when = _when(self.last_sync_at, now, zone)
            parts.append(translate("SyncStatus", "last synced {when}").format(when=when))
        text = " · ".join(parts)
        if self.last_sync_at is not None:
            text += f" ({timezone})"
        return text + self._skew()


def _when(at: datetime, now: datetime, zone: ZoneInfo) -> str:
    """``14:05`` today, ``Mon 16 Nov 14:05`` another day, in ``zone``."""
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    local, today = at.astimezone(zone), now.astimezone(zone).date()
    if local.date() == today:
        return local.strftime("%H:%M")
    return f"{day_text(local.date(), year=local.year != today.year)} {local:%H:%M}"


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
        return translate("SyncStatus", "just now")
    if seconds < 3600:
        return translate("SyncStatus", "{n} min ago").format(n=seconds // 60)
    if seconds < 86400:
        return translate("SyncStatus", "{n} h ago").format(n=seconds // 3600)
    return translate("SyncStatus", "{n} days ago").format(n=seconds // 86400)


def retry_countdown(remaining_s: float) -> tuple[int, int | None]:
    """The whole seconds to show until the next sync attempt, and the milliseconds until the
    number should next change (``None`` once the attempt is due).

    The next tick lands just after the shown number goes down by one, so the countdown never
    skips a second whatever phase the attempt was timed at, and a timer firing up to 5 % early
    only re-arms for the rest of the second.
    """
    left = math.ceil(remaining_s)
    if left <= 0:
        return 0, None
    return left, int((remaining_s - (left - 1)) * 1000) + 5
