"""One session's sync for the desk: reconnect when needed, one cycle in the sync worker
process, then the persisted status, all said in plain words.

No Qt: the desk's scheduler (``app.ui.sync_scheduler``) calls ``cycle`` on a thread of its own
and knows this object only through ``app.services.facade.DeskSyncing``. The cycle itself runs in
a worker process (``app.sync.worker``), so a mark saved meanwhile never waits for this
process's interpreter lock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.domain.errors import DomainError
from app.domain.sync_status import Failure
from app.services.changes import EVERYTHING, Changes
from app.services.facade import SyncOutcome
from app.signin import Session, SignInService
from app.sync.engine import SyncReport
from app.sync.local import LocalStore
from app.sync.status import describe_failure, read_status
from app.sync.worker import SyncWorker, WorkerFailed, WorkerLost

log = logging.getLogger(__name__)


class DeskSync:
    """The background sync of one signed-in session, and its worker process."""

    def __init__(self, signin: SignInService, session: Session) -> None:
        self._signin = signin
        self._session = session
        self._worker = SyncWorker()

    @property
    def worker_pid(self) -> int | None:
        """The process id of the sync worker (None before its first cycle)."""
        return self._worker.pid

    def cycle(
        self, progress: Callable[[str, int, int], None], cancelled: Callable[[], bool]
    ) -> SyncOutcome:
        """Blocks on the network and the worker. Raises ``DomainError`` when the account was
        refused (disabled, or its password changed): sign out."""
        session = self._session
        changes, error, detail, online = None, None, None, False
        try:
            if not self._signin.reconnect(session):
                error = session.offline_reason or "the server cannot be reached"
            elif cancelled():
                error = "stopped"
            else:
                report = self._worker.cycle(session.sync_job(), progress=progress)
                changes, online = changes_of(report), True
        except DomainError:
            raise
        except (WorkerFailed, WorkerLost) as err:
            failure = err.failure
            log.warning("sync cycle failed: %s (%s)", failure.reason, failure.detail)
            if isinstance(err, WorkerFailed) and err.trace:
                log.info("in the sync worker: %s", err.trace)
            error, detail, online = failure.reason, failure.detail, not failure.offline
        except Exception as err:
            failure = describe_failure(err)
            log.warning("sync cycle failed: %s (%s)", failure.reason, failure.detail)
            error, detail, online = failure.reason, failure.detail, not failure.offline
        if cancelled():
            return SyncOutcome(changes, None, online, error, detail)
        return SyncOutcome(changes, read_status(LocalStore(session.cache)), online, error, detail)

    def failure(self, error: BaseException) -> Failure:
        """An error the cycle did not expect, in the status bar's words."""
        return describe_failure(error)

    def stop(self) -> None:
        """At once, from the GUI thread: the worker running a cycle is killed (nothing is
        lost: every step commits atomically) and the session's server connections are cut, so
        a reconnect blocked on a hung server fails now."""
        self._worker.close()
        self._session.interrupt()

    def wait(self, seconds: float) -> bool:
        """Block until the worker has ended; only at shutdown."""
        return self._worker.wait(seconds)


def changes_of(report: SyncReport) -> Changes | None:
    """What a cycle changed in the cache, for every open view (None: nothing)."""
    if report.rebaselined:
        return Changes.of(EVERYTHING, source="sync")
    applied = report.applied
    tables = {name for name, n in (*applied.upserted.items(), *applied.removed.items()) if n}
    if not tables:
        return None
    return Changes.of(*sorted(tables), source="sync")
