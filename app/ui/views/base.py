"""What every screen of the desk starts from.

A screen runs its loads and writes on the window's one ``TaskRunner``, listens to and publishes
on the window's one change hub, and shows the services and facility of the current context
(``set_context``; ``None`` before the first and after a sign-out).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.services.facade import DeskServices
from app.ui.changes import ChangeHub
from app.ui.messages import refusal
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


class SayingScreen(Screen):
    """A screen with a message line: what it did, or why it was refused (then also
    ``sig_refused``, with the text shown)."""

    sig_refused = Signal(str)

    def __init__(
        self, runner: TaskRunner, changes: ChangeHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, changes, parent)
        self.message = QLabel()
        self.message.setWordWrap(True)

    def refuse(self, text: str) -> None:
        self.message.setText(text)
        self.sig_refused.emit(text)

    def failed(self, error: BaseException) -> None:
        """A background task's failure: a refusal said in the message line (anything else is a
        bug, raised again for the one error presenter)."""
        self.refuse(refusal(error))
