"""The desk's writes, each returning what it changed.

``Writes.run`` runs a use case's write and records every row its units of work commit
(``UnitOfWorkFactory.recording``), so the change set a screen publishes is what was written, not
what the screen expected to write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.infra.clock import Clock
from app.repositories.uow import UnitOfWorkFactory
from app.services.changes import Written, changes_written

T = TypeVar("T")


class Writes:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow

    def run(self, work: Callable[[], T], *, source: str) -> Written[T]:
        """``work()`` with what it committed; ``source`` names who wrote ("sheet", "rosters"…)."""
        with self._uow.recording() as touched:
            value = work()
        return Written(value, changes_written(touched, source))
