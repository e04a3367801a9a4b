"""What the status bar and ``rollbook sync`` say, derived from persisted state only (rule 10)."""

from __future__ import annotations

from datetime import datetime

from app.domain.sync_status import Failure, SyncStatus
from app.sync.engine import VersionMismatch
from app.sync.local import LocalStore

__all__ = ["Failure", "SyncStatus", "describe_failure", "read_status"]


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
