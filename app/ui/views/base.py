"""What every screen of the desk starts from.

A screen runs its loads and writes on the window's one ``TaskRunner``, listens to and publishes
on the window's one change hub, and shows the services and facility of the current context
(``set_context``; ``None`` before the first and after a sign-out).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from app.services.facade import DeskServices
from app.ui.changes import ChangeHub
from app.ui.tasks import Failed, TaskRunner

T = TypeVar("T")


class Screen(QWidget):
    """A screen over the current facility."""

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._changes = changes
        self._services: DeskServices | None = None
        self._facility_id: uuid.UUID | None = None

    def write(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
        *,
        source: str,
    ) -> None:
        """Run a write of this screen off the GUI thread; what it changed is published to
        every screen (``ChangeHub.write``), then ``on_done`` gets its value."""
        services = self._services
        if services is not None:
            self._changes.write(
                self._runner, services.writes, work, on_done, on_error, source=source
            )
