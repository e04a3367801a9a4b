"""Student records as the desk shows them: credentials, case notes, curriculum progress, the audit
trail and recent marks."""

from __future__ import annotations

import uuid
from datetime import date

from app.db.models import Facility, User
from app.domain.errors import (
    NotFound,
)
from app.domain.i18n import QT_TRANSLATE_NOOP, translate
from app.infra.clock import Clock, SystemClock
from app.repositories.audit import AuditRepository
from app.repositories.case_notes import CaseNoteRepository
from app.repositories.credentials import CredentialRepository
from app.repositories.facilities import FacilityRepository
from app.repositories.people import PeopleRepository
from app.repositories.review import ReviewRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.curriculum import ProgramProgressDTO, student_curriculum
from app.services.disruptions import not_held_sessions
from app.services.facilities import facility_zone
from app.services.labels import changes_text, instant_text, status_text, table_label
from app.services.lookup import require
from app.services.records_dto import (
    AuditEntryDTO,
    AuditLineDTO,
    CaseNoteDTO,
    CredentialDTO,
    StudentMarkDTO,
    audit_dto,
    case_note_dto,
    credential_dto,
)
from app.services.review import occurrence_of_mark, session_text

__all__ = [
    "AuditEntryDTO",
    "AuditLineDTO",
    "CaseNoteDTO",
    "CredentialDTO",
    "ProgramProgressDTO",
    "RecordsService",
    "StudentMarkDTO",
]

AUDIT_LIMIT = 500
MARKS_LIMIT = 200
ATTENDANCE = "program_class_event_attendance"


# What an audit entry did, as the record says it, each template whole for translation; a mark's
# names its class and day.
_AUDIT_WHAT = {
    "insert": QT_TRANSLATE_NOOP("audit", "{table} added"),
    "update": QT_TRANSLATE_NOOP("audit", "{table} changed"),
    "delete": QT_TRANSLATE_NOOP("audit", "{table} removed"),
}
_AUDIT_MARK = {
    "insert": QT_TRANSLATE_NOOP("audit", "{table} added — {klass}, {day}"),
    "update": QT_TRANSLATE_NOOP("audit", "{table} changed — {klass}, {day}"),
    "delete": QT_TRANSLATE_NOOP("audit", "{table} removed — {klass}, {day}"),
}


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


class RecordsService:
    """Reads a student's credentials, case notes, progress, audit trail and marks."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    # -- credentials ------------------------------------------------------------------------

    def credentials_of(self, student_id: uuid.UUID) -> list[CredentialDTO]:
        """Newest first."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            return [
                credential_dto(r) for r in uow.get(CredentialRepository).credentials_of(student.id)
            ]

    # -- case notes -------------------------------------------------------------------------

    def case_notes_of(self, student_id: uuid.UUID) -> list[CaseNoteDTO]:
        """Newest first."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            return [case_note_dto(r) for r in uow.get(CaseNoteRepository).notes_of(student.id)]

    # -- curriculum progress ----------------------------------------------------------------

    def curriculum_of(self, student_id: uuid.UUID) -> list[ProgramProgressDTO]:
        """Per program the student is enrolled in: modules and lessons completed, the percent,
        the last activity (a date at the student's facility) and each lesson's status."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            zone = facility_zone(self._facility(uow, student))
            return student_curriculum(uow, student.id, zone)

    # -- audit ------------------------------------------------------------------------------

    def _audit_entries(self, student_id: uuid.UUID, *, limit: int) -> list[AuditEntryDTO]:
        """Changes to the student and every row about them (profile, medical, enrollments,
        attendance, credentials, case notes, hours, guardian links, progress), newest first."""
        with self._uow() as uow:
            audit = uow.get(AuditRepository)
            row_ids = audit.student_row_ids(student_id)
            # The users row itself, deleted or not: an unknown id is a mistake worth saying.
            if student_id not in row_ids.get("users", []):
                raise NotFound("That student does not exist.")
            return [audit_dto(e) for e in audit.entries_for_rows(row_ids, limit=limit)]

    def student_audit_lines(
        self, student_id: uuid.UUID, *, limit: int = AUDIT_LIMIT
    ) -> list[AuditLineDTO]:
        """The student's audit trail in words: staff named, times in the facility's timezone,
        field labels and values as the screens show them, attendance named by class and date."""
        entries = self._audit_entries(student_id, limit=limit)
        with self._uow() as uow:
            student = self._student(uow, student_id)
            zone = facility_zone(self._facility(uow, student))
            repo = uow.get(ReviewRepository)
            names = repo.staff_names(e.changed_by for e in entries)
            keys = repo.mark_keys(e.row_id for e in entries if e.table_name == ATTENDANCE)
            classes = repo.class_names_of_series(series for series, _ in keys.values())
        this_year = self._clock.now().astimezone(zone).year
        lines = []
        for e in entries:
            new, old = e.new_values, e.old_values
            action = str(e.action.value)
            if action == "update" and new and new.get("deleted_at") and len(new) <= 3:
                action = "delete"
            table = table_label(e.table_name)
            if e.table_name == ATTENDANCE and e.row_id in keys:
                series, day = keys[e.row_id]
                klass = classes.get(series) or translate("audit", "a removed class")
                template = _AUDIT_MARK.get(action, "{table} {action} — {klass}, {day}")
                what = translate("audit", template).format(
                    table=table, action=action, klass=klass, day=_day(day)
                )
            else:
                template = _AUDIT_WHAT.get(action, "{table} {action}")
                what = translate("audit", template).format(table=table, action=action)
            when = e.changed_at.astimezone(zone)
            lines.append(
                AuditLineDTO(
                    when=instant_text(when, None, year=when.year != this_year),
                    who=names.get(e.changed_by or "", e.changed_by or "—"),
                    workstation=e.device_id or "",
                    what=what,
                    changes=changes_text(
                        None if e.action.value == "insert" else old,
                        None if e.action.value == "delete" else new,
                        zone,
                        e.table_name,
                    ),
                )
            )
        return lines

    def recent_marks(
        self, student_id: uuid.UUID, *, limit: int = MARKS_LIMIT
    ) -> list[StudentMarkDTO]:
        """The student's newest marks, newest session first, each with the session it opens;
        with every mark set for review however old, so that none is out of reach (one whose
        session a schedule change removed or moved included)."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            repo = uow.get(ReviewRepository)
            lines = repo.marks_of_student(student.id, limit)
            shown = {ln.mark.id for ln in lines}
            older = [ln for ln in repo.flagged_of_student(student.id) if ln.mark.id not in shown]
            if older:
                lines = sorted(
                    lines + older,
                    key=lambda ln: (-ln.mark.date.toordinal(), ln.class_name or ""),
                )
            names = repo.staff_names(ln.mark.marked_by for ln in lines)
            days = [ln.mark.date for ln in lines]
            not_held = (
                not_held_sessions(uow, {ln.mark.facility_id for ln in lines}, min(days), max(days))
                if days
                else {}
            )
        result = []
        for line in lines:
            occ, _ = occurrence_of_mark(line)
            rec = line.mark
            result.append(
                StudentMarkDTO(
                    series_id=rec.event_id,
                    original_date=rec.date,
                    when=session_text(line, occ),
                    class_name=line.class_name or "A removed class",
                    status=status_text(rec.attendance_status),
                    marked_by=names.get(rec.marked_by or "", rec.marked_by or ""),
                    needs_review=rec.needs_review,
                    not_held=not_held.get((rec.event_id, rec.date)),
                )
            )
        return result

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _facility(uow: UnitOfWork, student: User) -> Facility:
        return require(
            uow.get(FacilityRepository).get(student.facility_id),
            "The student's facility does not exist or was removed.",
        )

    @staticmethod
    def _student(uow: UnitOfWork, student_id: uuid.UUID) -> User:
        return require(
            uow.get(PeopleRepository).get_student(student_id),
            "That student does not exist or was removed.",
        )
