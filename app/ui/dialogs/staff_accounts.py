"""Staff accounts of a facility for admins: add, disable, enable, change scope, reset password."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.services.facade import DeskServices
from app.services.facilities import FacilityDTO
from app.services.people_dto import StaffDTO
from app.ui.accessible import name_from_labels
from app.ui.dialogs.parts import column, left_row, ok_cancel, row_table
from app.ui.messages import refusal
from app.ui.models.staff_table import StaffTableModel
from app.ui.tasks import TaskRunner

STAFF_ROLES = (Role.INSTRUCTOR, Role.FACILITY_ADMIN, Role.DEPARTMENT_ADMIN, Role.SYSTEM_ADMIN)


class StaffAccountsDialog(QDialog):
    """The staff of one facility and what an admin may do to their accounts, on the server."""

    sig_changed = Signal()  # the list was reloaded after a change

    def __init__(
        self,
        services: DeskServices,
        runner: TaskRunner,
        facilities: Sequence[FacilityDTO],
        facility_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Staff accounts"))
        self.resize(720, 420)
        self._services = services
        self._runner = runner
        self._facilities = list(facilities)
        self._facility_id = facility_id
        self.form: QDialog | None = None

        self.model = StaffTableModel(self)
        self.table = row_table(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()

        self.add_button = QPushButton(self.tr("&Add…"))
        self.disable_button = QPushButton(self.tr("&Disable"))
        self.enable_button = QPushButton(self.tr("&Enable"))
        self.scope_button = QPushButton(self.tr("&Scope…"))
        self.password_button = QPushButton(self.tr("Reset &password…"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.disable_button.clicked.connect(lambda: self._on_toggle(disable=True))
        self.enable_button.clicked.connect(lambda: self._on_toggle(disable=False))
        self.scope_button.clicked.connect(self._on_scope_clicked)
        self.password_button.clicked.connect(self._on_password_clicked)
        buttons = (
            self.add_button,
            self.disable_button,
            self.enable_button,
            self.scope_button,
            self.password_button,
        )
        for button in buttons:
            button.setAutoDefault(False)
        actions = left_row(*buttons)

        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.table.setAccessibleName(self.tr("Staff accounts"))
        name_from_labels(self)
        self.reload()

    def reload(self) -> None:
        facility = self._facility_id
        self._runner.run(
            lambda: self._services.staff_accounts.list_staff(facility),
            self._on_loaded,
            self._on_failed,
        )

    def _on_loaded(self, rows: list[StaffDTO]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.sig_changed.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.status.setText(refusal(error))

    def selected(self) -> StaffDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _run_change(self, work: Callable[[], Any], done_message: str) -> None:
        def done(_result: object) -> None:
            self.status.setText(done_message)
            self.reload()

        self._runner.run(work, done, self._on_failed)

    def _open_form(self, form: QDialog, on_accepted: Callable[[], None]) -> None:
        """Sub-forms are window-modal but never block the event loop (``open``, not ``exec``)."""
        self.form = form
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(on_accepted)
        form.open()

    def _on_add_clicked(self) -> None:
        form = NewStaffDialog(self._facility_id, self)

        def create() -> None:
            values = form.values or {}
            self._run_change(
                lambda: self._services.staff_accounts.create(**values),
                self.tr("Account created: {name}").format(name=values.get("username")),
            )

        self._open_form(form, create)

    def _on_toggle(self, *, disable: bool) -> None:
        staff = self.selected()
        if staff is None or not staff.username:
            return
        name = staff.username
        if disable:
            self._run_change(
                lambda: self._services.staff_accounts.disable(name),
                self.tr("Disabled: {name}").format(name=name),
            )
        else:
            self._run_change(
                lambda: self._services.staff_accounts.enable(name),
                self.tr("Enabled: {name}").format(name=name),
            )

    def _on_scope_clicked(self) -> None:
        staff = self.selected()
        if staff is None or not staff.username:
            return
        picker = ScopeDialog(self._facilities, {staff.facility_id, self._facility_id}, self)
        name = staff.username

        def rescope() -> None:
            chosen = picker.chosen()
            self._run_change(
                lambda: self._services.staff_accounts.rescope(name, chosen),
                self.tr("Scope changed: {name}").format(name=name),
            )

        self._open_form(picker, rescope)

    def _on_password_clicked(self) -> None:
        staff = self.selected()
        if staff is None or not staff.username:
            return
        form = PasswordDialog(self)
        name = staff.username

        def reset() -> None:
            password = form.password.text()
            self._run_change(
                lambda: self._services.staff_accounts.reset_password(name, password),
                self.tr("Password reset: {name}").format(name=name),
            )

        self._open_form(form, reset)


class NewStaffDialog(QDialog):
    """The form for a new staff account; checks what it can before anything is sent."""

    def __init__(self, facility_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New staff account"))
        self._facility_id = facility_id
        self.values: dict[str, Any] | None = None
        self.first = QLineEdit()
        self.last = QLineEdit()
        self.username = QLineEdit()
        self.email = QLineEdit()
        self.role = QComboBox()
        for role in STAFF_ROLES:
            self.role.addItem(role.value.replace("_", " "), role)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("First name"), self.first)
        form.addRow(self.tr("Last name"), self.last)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Email (optional)"), self.email)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.confirm)
        column(self, form, self.error, ok_cancel(self, self._on_ok))
        name_from_labels(self)

    def _on_ok(self) -> None:
        try:
            if self.password.text() != self.confirm.text():
                raise ValidationError("The two passwords differ.", field="confirm")
            self.values = {
                "username": self.username.text().strip(),
                "password": self.password.text(),
                "role": self.role.currentData(),
                "facility_id": self._facility_id,
                "name_first": self.first.text(),
                "name_last": self.last.text(),
                "email": self.email.text().strip() or None,
            }
        except ValidationError as err:
            self.error.setText(err.message)
            return
        self.accept()


class ScopeDialog(QDialog):
    """Tick the facilities a staff member works at (a short, static list)."""

    def __init__(
        self,
        facilities: Sequence[FacilityDTO],
        checked: set[uuid.UUID],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Facilities this person works at"))
        self.list = QListWidget()
        for facility in facilities:
            item = QListWidgetItem(facility.name)
            item.setData(Qt.ItemDataRole.UserRole, facility.id)
            item.setCheckState(
                Qt.CheckState.Checked if facility.id in checked else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        column(self, self.list, ok_cancel(self, self._on_ok))
        self.list.setAccessibleName(self.tr("Facilities and programs in scope"))
        name_from_labels(self)

    def chosen(self) -> list[uuid.UUID]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _on_ok(self) -> None:
        if not self.chosen():
            QMessageBox.warning(self, "Rollbook", self.tr("Tick at least one facility."))
            return
        self.accept()


class PasswordDialog(QDialog):
    """A new password, typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reset password"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Again"), self.confirm)
        column(self, form, self.error, ok_cancel(self, self._on_ok))
        name_from_labels(self)

    def _on_ok(self) -> None:
        if self.password.text() != self.confirm.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        self.accept()
