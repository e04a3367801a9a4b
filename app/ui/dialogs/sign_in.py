"""The sign-in dialog: which server, who you are; also the way to the demo workstation."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ValidationError
from app.domain.i18n import translate
from app.domain.server_profile import DEFAULT_PORT, TLS_MODES, ServerProfile
from app.services.facade import DeskSession, SignIn
from app.ui.accessible import name_from_labels
from app.ui.dialogs.parts import form_error
from app.ui.settings import AppSettings
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class SignInDialog(QDialog):
    """Collects a server and credentials and signs in off the GUI thread.

    Emits ``sig_signed_in(DeskSession)`` and accepts on success; ``sig_demo_requested`` when the
    person picks the demo workstation. A refusal is shown in the dialog; what was typed stays.
    """

    sig_signed_in = Signal(object)
    sig_demo_requested = Signal()

    def __init__(
        self,
        signin: SignIn[Any],
        runner: TaskRunner,
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to Rollbook"))
        self.setMinimumWidth(460)
        self._signin = signin
        self._runner = runner
        self.session: DeskSession | None = None

        server = settings.server
        self.host = QLineEdit(server.host if server else "")
        self.host.setPlaceholderText("db.example.org")
        self.port = QLineEdit(str(server.port if server else DEFAULT_PORT))
        self.port.setMaxLength(5)
        self.database = QLineEdit(server.database if server else "rollbook")
        self.tls = QComboBox()
        for mode, label in TLS_MODES.items():
            self.tls.addItem(translate("server", label), mode)
        self.tls.setCurrentIndex(self.tls.findData(server.tls if server else "prefer"))
        self.username = QLineEdit(settings.last_username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember my password on this computer"))
        status = signin.keyring_status()
        self.remember.setChecked(settings.remember_password and status.available)
        self.remember.setEnabled(status.available)
        self.keyring_note = QLabel(self.tr(status.reason or ""))
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not status.available)

        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("Encryption (TLS)"), self.tls)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)

        self.error = form_error(selectable=True)
        self.busy = QLabel(self.tr("Signing in…"))
        self.busy.hide()

        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Open demo workstation"))
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Enter always means "Sign in", whichever button focus passed through while busy.
        for button in (self.demo_button, cancel):
            button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.demo_button.clicked.connect(self._on_demo_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self._fields: dict[str, QWidget] = {
            "host": self.host,
            "port": self.port,
            "database": self.database,
            "tls": self.tls,
            "username": self.username,
            "password": self.password,
        }
        name_from_labels(self)
        self._initial_focus().setFocus()
        self.username.editingFinished.connect(self._on_username_editing_finished)

    def _initial_focus(self) -> QWidget:
        if not self.host.text():
            return self.host
        if not self.username.text():
            return self.username
        return self.password

    def profile(self) -> ServerProfile:
        """The server as typed; raises ``ValidationError`` naming the field."""
        return ServerProfile.parse(
            self.host.text(), self.port.text(), self.database.text(), str(self.tls.currentData())
        )

    def _on_username_editing_finished(self) -> None:
        """Offer a password remembered in the keyring for this server and user."""
        if self.password.text():
            return
        try:
            profile = self.profile()
        except ValidationError:
            return
        remembered = self._signin.remembered_password(profile, self.username.text())
        if remembered:
            self.password.setText(remembered)

    def _on_sign_in_clicked(self) -> None:
        try:
            profile = self.profile()
        except ValidationError as err:
            self._show_error(err)
            return
        username = self.username.text().strip()
        password = self.password.text()
        remember = self.remember.isChecked()
        self._set_busy(True)
        self._runner.run(
            lambda: self._signin.sign_in(profile, username, password, remember=remember),
            self._on_signed_in,
            self._on_failed,
        )

    def _on_signed_in(self, session: DeskSession) -> None:
        self._set_busy(False)
        self.session = session
        self.sig_signed_in.emit(session)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, DomainError):
            self._show_error(error)
            return
        log.error("sign-in failed unexpectedly", exc_info=error)
        self._show_error(
            DomainError(self.tr("Sign-in failed unexpectedly: {error}").format(error=error))
        )

    def _show_error(self, error: DomainError) -> None:
        self.error.setText(error.message)
        self.error.show()
        field = self._fields.get(error.field or "", self.password)
        field.setFocus()
        if isinstance(field, QLineEdit):
            field.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.error.hide()
        for widget in (*self._fields.values(), self.remember, self.sign_in_button):
            widget.setEnabled(not busy)
        self.remember.setEnabled(not busy and self._signin.keyring_status().available)
        self.demo_button.setEnabled(not busy)
        if not busy:
            # Disabling the button while busy costs it its default role: Enter must sign in again.
            self.sign_in_button.setDefault(True)

    def _on_demo_clicked(self) -> None:
        self.sig_demo_requested.emit()
        self.reject()

    def form_settings(self, previous: AppSettings) -> AppSettings:
        """What to remember of this dialog (never the password)."""
        try:
            server: ServerProfile | None = self.profile()
        except ValidationError:
            server = previous.server
        return AppSettings(
            server=server,
            last_username=self.username.text().strip(),
            remember_password=self.remember.isChecked(),
        )
