"""One workstation sync cycle in a process of its own, stopping at every point of its push.

Used by ``test_faults.py`` to kill a workstation with SIGKILL at exact, seeded points. The parent
writes one JSON line on stdin (cache file, the login's server URL, device id, slice, config);
the child then runs ``SyncEngine.cycle()`` on that cache. During the push it announces every
point where a crash is interesting on stdout (``point <label>``) and waits for the parent's
``go`` before going on; the parent either answers or kills the process there. At the end it
prints ``done <json report>``. Labels:

- ``server-sql``: before each statement to PostgreSQL (inside the push transaction or not),
- ``server-commit``: before PostgreSQL's COMMIT is sent,
- ``answer``: the server committed; its answer is not yet acknowledged locally,
- ``local-sql``: before each statement to the SQLite cache (reading a batch, acknowledging it),
- ``local-commit``: before the cache's COMMIT.

Run as ``python -m tests.sync._sync_child`` from the repository root.
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any

from sqlalchemy import event

from app.db.engine import make_local_engine, make_server_engine
from app.sync.engine import SyncConfig, SyncEngine, SyncReport
from app.sync.local import LocalStore
from app.sync.server import ServerStore


class Points:
    """Announces a point on stdout and waits for ``go`` on stdin, while the push runs."""

    def __init__(self) -> None:
        self.active = False

    def __call__(self, label: str) -> None:
        if not self.active:
            return
        sys.stdout.write(f"point {label}\n")
        sys.stdout.flush()
        reply = sys.stdin.readline().strip()
        if reply != "go":
            sys.stderr.write(f"unexpected answer from the parent: {reply!r}\n")
            sys.exit(3)


def main() -> int:
    spec: dict[str, Any] = json.loads(sys.stdin.readline())
    points = Points()
    cache = make_local_engine(spec["cache"])
    remote = make_server_engine(spec["server"])

    @event.listens_for(remote, "before_cursor_execute")
    def _server_sql(*_args: object) -> None:
        points("server-sql")

    @event.listens_for(remote, "commit")
    def _server_commit(_conn: object) -> None:
        points("server-commit")

    @event.listens_for(cache, "before_cursor_execute")
    def _local_sql(*_args: object) -> None:
        points("local-sql")

    @event.listens_for(cache, "commit")
    def _local_commit(_conn: object) -> None:
        points("local-commit")

    sync = SyncEngine(
        LocalStore(cache),
        ServerStore(remote, after_commit=lambda: points("answer")),
        device_id=spec["device_id"],
        facilities=frozenset(uuid.UUID(f) for f in spec["facilities"]),
        client_revision=spec["client_revision"],
        known_revisions=frozenset(spec["known_revisions"]),
        config=SyncConfig(**spec["config"]),
    )
    push = sync._push

    def pausing_push(report: SyncReport) -> None:
        points.active = True
        try:
            push(report)
        finally:
            points.active = False

    sync._push = pausing_push  # type: ignore[method-assign]
    report = sync.cycle()
    summary = {
        "device_id": sync.device_id,
        "pushed_rows": report.pushed_rows,
        "issues": report.issues,
        "rotated_device": report.rotated_device,
    }
    sys.stdout.write(f"done {json.dumps(summary)}\n")
    sys.stdout.flush()
    cache.dispose()
    remote.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
