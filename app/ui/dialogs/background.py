"""The dialogs that load and write through the background runner, and those of them that list a
facility's entries (closures, disruptions) with a form that adds one and a button that ends the
selected one, each written at once."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.domain.errors import DomainError
from app.ui.dialogs.parts import action, close_only, column, form_error, right_row, wrapped
from app.ui.messages import refusal
from app.ui.tasks import Runs

T = TypeVar("T")


class _Listed(Protocol):
    @property
    def id(self) -> uuid.UUID: ...


V = TypeVar("V", bound=_Listed)


class BackgroundDialog(QDialog):
    """A dialog whose loads and writes run on the runner; it is busy (and must outlive them)
    until each has answered. A failure goes to ``_on_failed``, once the dialog is counted free
    of it."""

    sig_saved = Signal(str)  # what was done
    sig_loaded = Signal()

    def __init__(self, runner: Runs, *, width: int, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(width)
        self._runner = runner
        self._pending = 0
        self.message = wrapped()

    @property
    def busy(self) -> bool:
        """True while a load or a write still has to answer (the dialog must outlive it)."""
        return self._pending > 0

    def _run(self, work: Callable[[], T], on_done: Callable[[T], None]) -> None:
        """Runs ``work`` off the GUI thread; ``on_done`` gets its result once it is counted."""
        self._pending += 1
        self._runner.run(work, self._counted(on_done), self._failed)

    def _write(self, work: Callable[[], T], on_done: Callable[[T], None], saying: str) -> None:
        """Runs the write ``work`` as ``_run`` does, saying ``saying`` and the buttons off
        meanwhile."""
        self._pending += 1
        self._update_buttons()
        self.message.setText(saying)
        self._runner.run(work, self._counted(on_done), self._failed)

    def _counted(self, on_done: Callable[[T], None]) -> Callable[[T], None]:
        def done(result: T) -> None:
            self._pending -= 1
            on_done(result)

        return done

    def _failed(self, error: BaseException) -> None:
        self._pending -= 1
        self._on_failed(error)

    def _update_buttons(self) -> None:
        """Enables the buttons as the dialog's state allows (none to update by default)."""

    def _on_failed(self, error: BaseException) -> None:
        self._update_buttons()
        self.message.setText(refusal(error))


class FacilityListDialog(BackgroundDialog, Generic[V]):
    """Lists a facility's entries under a form that adds one, with a button (Delete too) that
    ends the selected one. The subclass makes the form's fields and says every text; a refusal
    of a field shows under the form, that field focused."""

    def __init__(
        self,
        runner: Runs,
        facility_id: uuid.UUID,
        *,
        width: int,
        parent: QWidget | None,
    ) -> None:
        super().__init__(runner, width=width, parent=parent)
        self._facility_id = facility_id
        self._shown: list[V] = []
        self.form_error = form_error()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._field_focus: dict[str, QWidget] = {}

    def _lay_out(
        self,
        *,
        note: str,
        form: QFormLayout,
        add: tuple[QPushButton, Callable[[], None]],
        listed: str,
        end: tuple[QPushButton, Callable[[], None]],
        closing: str,
    ) -> None:
        """The dialog's contents: the note, the form and its button, the list with its label and
        the button ending the selected entry (Delete too), the message line, Close (named
        ``closing``). ``add`` and ``end`` pair each button with what it calls."""
        (add_button, on_add), (end_button, on_end) = add, end
        action(add_button, on_add)
        action(end_button, on_end).setEnabled(False)
        label = QLabel(listed)
        label.setBuddy(self.list)
        self.buttons = close_only(self, closing)
        layout = column(
            self,
            wrapped(QLabel(note)),
            form,
            self.form_error,
            right_row(add_button),
            label,
            self.list,
            right_row(end_button),
            self.message,
            self.buttons,
        )
        layout.setStretchFactor(self.list, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list, on_end)

    def _reason_field(self, placeholder: str, name: str, on_enter: Callable[[], None]) -> QLineEdit:
        """The form's reason (200 characters at most); Enter in it calls ``on_enter``."""
        reason = QLineEdit(placeholderText=placeholder)
        reason.setAccessibleName(name)
        reason.setMaxLength(200)
        reason.returnPressed.connect(on_enter)
        return reason

    def _submit(self, work: Callable[[], T], on_done: Callable[[T], None], saying: str) -> None:
        """Writes what the form says (``work``) unless busy, its last refusal hidden."""
        if self.busy:
            return
        self.form_error.hide()
        self._write(work, on_done, saying)

    def _end_selected(
        self,
        refused: str,
        work: Callable[[V], T],
        on_done: Callable[[T], None],
        saying: str,
        *,
        may: Callable[[V], bool] = lambda _entry: True,
    ) -> None:
        """Ends the selected entry (``work``) unless busy; ``refused`` is said when none is
        selected, or one that ``may`` not be ended."""
        chosen = self._selected()
        if self.busy:
            return
        if chosen is None or not may(chosen):
            self.message.setText(refused)
            return
        self._write(lambda: work(chosen), on_done, saying)

    def _show(self, entries: list[V], texts: Sequence[str], empty: str) -> None:
        """Lists ``entries`` as ``texts`` (``empty`` alone, unselectable, when there are none)."""
        self._shown = entries
        self.list.clear()
        for entry, text in zip(entries, texts, strict=True):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        if not entries:
            self.list.addItem(QListWidgetItem(empty))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._update_buttons()
        self.sig_loaded.emit()

    def _selected(self) -> V | None:
        row = self.list.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def _done(self, text: str) -> None:
        """Says what a write did, tells the calendar, and lists the entries again."""
        self.message.setText(text)
        self.sig_saved.emit(text)
        self.load()

    def load(self) -> None:
        raise NotImplementedError

    def _on_failed(self, error: BaseException) -> None:
        self._update_buttons()
        text = refusal(error)
        self.message.clear()
        fields = self._field_focus
        if isinstance(error, DomainError) and error.field in fields:
            self.form_error.setText(text)
            self.form_error.show()
            fields[error.field or ""].setFocus()
        else:
            self.message.setText(text)
