"""Column mapping for a CSV import: which column of which file holds each of Rollbook's fields.

The dialog writes the mapping file that ``rollbook import csv --mapping FILE`` reads, and shows
that command: an import writes to the server as its owner, which the app never signs in as.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.importing.csv_mapping import (
    FIELDS,
    REQUIRED,
    guess_columns,
    guess_files,
    headers,
    mapping_document,
    missing_fields,
    write_mapping,
)
from app.ui.accessible import name_from_labels

NOT_MAPPED = ""


class CsvImportDialog(QDialog):
    """Choose a folder, then per kind of row a file and the column of each field; save."""

    sig_saved = Signal(str)  # the path of the mapping file written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from CSV files"))
        self.resize(640, 560)
        self._folder: Path | None = None
        self._headers: dict[str, list[str]] = {}  # file name -> its header row
        self._files: dict[str, tuple[str, dict[str, str]]] = {}  # kind -> (file, columns)
        self._loading = False

        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("folder with the CSV files; Enter reads it"))
        self.folder_edit.returnPressed.connect(self._on_folder_edit_return)
        self.kind_box = QComboBox()
        self.kind_box.addItems(list(FIELDS))
        self.kind_box.currentTextChanged.connect(self._on_kind_box_changed)
        self.file_box = QComboBox()
        self.file_box.currentTextChanged.connect(self._on_file_box_changed)
        self.facility_edit = QLineEdit()
        self.timezone_edit = QLineEdit()
        self.timezone_edit.setPlaceholderText("Europe/London")
        self.date_format_edit = QLineEdit()
        self.date_format_edit.setPlaceholderText(self.tr("ISO dates, or e.g. %d/%m/%Y"))
        self.mapping_edit = QLineEdit()

        top = QFormLayout()
        for label, widget in (
            (self.tr("&Folder"), self.folder_edit),
            (self.tr("Facilit&y"), self.facility_edit),
            (self.tr("&Timezone"), self.timezone_edit),
            (self.tr("&Date format"), self.date_format_edit),
            (self.tr("&Kind of rows"), self.kind_box),
            (self.tr("F&ile"), self.file_box),
        ):
            top.addRow(label, widget)
        self.fields_group = QGroupBox(self.tr("Columns"))
        self.fields_form = QFormLayout(self.fields_group)
        self.field_boxes: dict[str, QComboBox] = {}
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.command_label = QLabel()
        self.command_label.setWordWrap(True)
        self.command_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.save_button = QPushButton(self.tr("Save mapping (Alt+S)"))
        self.save_button.clicked.connect(self.save)
        # An explicit shortcut: it works from every field, a combo box's popup aside.
        self.save_shortcut = QShortcut(QKeySequence("Alt+S"), self)
        self.save_shortcut.activated.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Enter reads the folder; it must not also press a button and close the dialog.
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.fields_group, 1)
        mapping_row = QFormLayout()
        mapping_row.addRow(self.tr("&Mapping file"), self.mapping_edit)
        layout.addLayout(mapping_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.command_label)
        layout.addWidget(buttons)
        self._show_fields()
        name_from_labels(self)

    # -- reading the folder -----------------------------------------------------------------

    def load_folder(self, folder: Path) -> None:
        """Read the header row of every CSV file of ``folder`` and guess a first mapping."""
        self._folder = folder
        self._headers = {}
        self._files = {}
        try:
            for path in sorted(folder.glob("*.csv")):
                self._headers[path.name] = headers(path)
        except (OSError, UnicodeDecodeError) as err:
            self.status_label.setText(
                self.tr("The folder cannot be read: %1").replace("%1", str(err))
            )
            return
        # Files named as the seed's tables are (parents, student_enrollments, ...) or as ours.
        for kind, guess in guess_files(list(self._headers)).items():
            self._files[kind] = (guess, guess_columns(kind, self._headers[guess]))
        self.mapping_edit.setText(str(folder / "rollbook-mapping.json"))
        self.status_label.setText(
            self.tr("%1 CSV files read.").replace("%1", str(len(self._headers)))
        )
        self._show_fields()

    def _on_folder_edit_return(self) -> None:
        folder = Path(self.folder_edit.text().strip()).expanduser()
        if not folder.is_dir():
            self.status_label.setText(self.tr("There is no such folder."))
            return
        self.load_folder(folder)
        self.kind_box.setFocus()

    # -- one kind at a time -----------------------------------------------------------------

    def _on_kind_box_changed(self, _kind: str) -> None:
        self._show_fields()

    def _on_file_box_changed(self, name: str) -> None:
        if self._loading:
            return
        kind = self.kind_box.currentText()
        if name == NOT_MAPPED:
            self._files.pop(kind, None)
        else:
            self._files[kind] = (name, guess_columns(kind, self._headers.get(name, [])))
        self._show_fields()

    def _on_field_changed(self) -> None:
        if self._loading:
            return
        kind = self.kind_box.currentText()
        if kind in self._files:
            columns = {f: box.currentText() for f, box in self.field_boxes.items()}
            self._files[kind] = (self._files[kind][0], columns)
        self._update_command()

    def _show_fields(self) -> None:
        self._loading = True
        kind = self.kind_box.currentText()
        file, columns = self._files.get(kind, (NOT_MAPPED, {}))
        self.file_box.clear()
        self.file_box.addItems([NOT_MAPPED, *self._headers])
        self.file_box.setCurrentText(file)
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self.field_boxes = {}
        options = [NOT_MAPPED, *self._headers.get(file, [])]
        for name in FIELDS[kind]:
            box = QComboBox()
            box.addItems(options)
            box.setCurrentText(columns.get(name, NOT_MAPPED))
            box.setEnabled(bool(file))
            box.currentTextChanged.connect(self._on_field_changed)
            label = name.replace("_", " ") + (" *" if name in REQUIRED[kind] else "")
            self.fields_form.addRow(label, box)
            self.field_boxes[name] = box
        name_from_labels(self.fields_group)
        self._loading = False
        self._update_command()

    # -- the result ---------------------------------------------------------------------------

    def problems(self) -> list[str]:
        found = []
        if not self._files:
            found.append(self.tr("No file is mapped yet."))
        for kind, (_file, columns) in self._files.items():
            missing = missing_fields(kind, columns)
            if missing:
                found.append(
                    self.tr("%1: no column for %2")
                    .replace("%1", kind)
                    .replace("%2", ", ".join(missing))
                )
        return found

    def document(self) -> dict[str, object]:
        options = {
            "facility": self.facility_edit.text().strip(),
            "timezone": self.timezone_edit.text().strip(),
            "date_format": self.date_format_edit.text().strip(),
        }
        return mapping_document(self._files, options)

    def command(self) -> str:
        folder = str(self._folder or "FOLDER")
        mapping = self.mapping_edit.text().strip() or "MAPPING.json"
        return shlex.join(
            [
                "rollbook",
                "import",
                "csv",
                "--from",
                folder,
                "--into",
                "SERVER_OWNER_URL",
                "--mapping",
                mapping,
                "--dry-run",
            ]
        )

    def _update_command(self) -> None:
        self.command_label.setText(
            self.tr("Then, as the server's owner: %1 (without --dry-run to keep the rows)").replace(
                "%1", self.command()
            )
        )

    def save(self) -> Path | None:
        """Write the mapping file; refuses (and says why) while a required column is missing."""
        found = self.problems()
        if found:
            self.status_label.setText(" ".join(found))
            return None
        path = Path(self.mapping_edit.text().strip()).expanduser()
        try:
            write_mapping(path, self.document())
        except OSError as err:
            self.status_label.setText(
                self.tr("The mapping could not be saved: %1").replace("%1", str(err))
            )
            return None
        self.status_label.setText(self.tr("Mapping saved to %1.").replace("%1", str(path)))
        self.sig_saved.emit(str(path))
        return path
