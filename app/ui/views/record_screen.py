"""A screen that opens students' records (the student list, the at-risk list of Today)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal

from app.ui.dialogs.student_record import StudentRecordDialog
from app.ui.views.base import Screen


class RecordScreen(Screen):
    """Opens a student's record over itself and hands on the record's requests: a session's
    sheet, a mark in review."""

    sig_record_opened = Signal(object)  # the StudentRecordDialog
    sig_open_sheet = Signal(object, object)  # series id, original date: a session from a record
    sig_open_review = Signal(object, object, object)  # series id, date, student: a mark in review

    def open_record(self, student_id: uuid.UUID) -> None:
        """The record of the student (nothing before a facility is shown)."""
        if self._services is None:
            return
        dialog = StudentRecordDialog(self._services, self._runner, student_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_open_session.connect(self.sig_open_sheet)
        dialog.sig_open_review.connect(self.sig_open_review)
        dialog.open()
        self.sig_record_opened.emit(dialog)
