"""The one place errors reach people: domain errors as plain messages, the rest with details."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import DomainError

log = logging.getLogger(__name__)


def refusal(error: BaseException) -> str:
    """What a view says in its own message line when its background task failed: a rule's
    refusal in plain words, or a file that could not be written. Anything else is a bug: it is
    raised again, and the application's excepthook shows it through ``MessageBridge`` with its
    details. Every view's failure handler goes through here."""
    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, OSError):
        return QCoreApplication.translate("refusal", "The file could not be written: ") + str(error)
    raise error


class MessageBridge:
    """Shows errors to the user. ``quiet`` (tests, smoke runs) logs instead of opening dialogs."""

    def __init__(self, parent: QWidget | None = None, *, quiet: bool = False) -> None:
        self._parent = parent
        self.quiet = quiet
        self.last_message: str | None = None

    def set_parent(self, parent: QWidget) -> None:
        self._parent = parent

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            self.last_message = error.message
            log.info("refused: %s", error.message)
            if not self.quiet:
                QMessageBox.warning(self._parent, "Rollbook", error.message)
            return
        details = "".join(traceback.format_exception(error))
        self.last_message = f"Unexpected error: {error}"
        log.error("unexpected error\n%s", details)
        if not self.quiet:
            box = QMessageBox(
                QMessageBox.Icon.Critical, "Rollbook", self.last_message, parent=self._parent
            )
            box.setDetailedText(details)
            box.exec()
