"""Student records: credentials, case notes, the hours ledger, audit trail and account history."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.db.models import CaseNote, Credential, Facility, HoursLog, User
from app.domain.attendance import minutes_between
from app.domain.enums import CaseNoteCategory, CredentialKind, HoursKind
from app.domain.errors import (
    DuplicateError,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ValidationError,
)
from app.domain.validation import clean_name, clean_optional, clean_text
from app.infra.clock import Clock, SystemClock
from app.repositories.audit import AuditRepository
from app.repositories.case_notes import CaseNoteRepository
from app.repositories.credentials import CredentialRepository
from app.repositories.facilities import FacilityRepository
from app.repositories.hours import HoursRepository
from app.repositories.people import PeopleRepository
from app.repositories.programs import ProgramRepository
from app.repositories.review import ReviewRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.curriculum import ProgramProgressDTO, student_curriculum
from app.services.facilities import facility_zone
from app.services.inputs import as_enum, check_decimal
from app.services.labels import changes_text, instant_text, status_text, table_label
from app.services.lookup import require
from app.services.records_dto import (
    AccountHistoryDTO,
    AuditEntryDTO,
    AuditLineDTO,
    CaseNoteDTO,
    CredentialDTO,
    HoursEntryDTO,
    HoursSummaryDTO,
    StudentMarkDTO,
    audit_dto,
    case_note_dto,
    credential_dto,
    history_dto,
    hours_dto,
)
from app.services.review import occurrence_of_mark, session_text

__all__ = [
    "AccountHistoryDTO",
    "AuditEntryDTO",
    "AuditLineDTO",
    "CaseNoteDTO",
    "CredentialDTO",
    "HoursEntryDTO",
    "HoursSummaryDTO",
    "ProgramProgressDTO",
    "RecordsService",
    "StudentMarkDTO",
]

TITLE_MAX = 200
SERIAL_MAX = 100
VALUE_MAX = 200
SUBJECT_MAX = 100
NAME_MAX = 100
NOTE_MAX = 10_000
MAX_GPA = Decimal("4.00")
MAX_CREDITS = Decimal("9999.99")  # Numeric(6, 2)
AUDIT_LIMIT = 500
MARKS_LIMIT = 200
ATTENDANCE = "program_class_event_attendance"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _instant(value: datetime, *, field: str, what: str) -> datetime:
    if not isinstance(value, datetime):
        raise ValidationError(f"{what} must be a date and time", field=field)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(f"{what} must carry a timezone", field=field)
    return value


class RecordsService:
    """Credentials, case notes and hours of students; the audit trail and account history."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    # -- credentials ------------------------------------------------------------------------

    def issue_credential(
        self,
        student_id: uuid.UUID,
        kind: CredentialKind,
        title: str,
        *,
        program_id: uuid.UUID | None = None,
        cert_serial: str | None = None,
        value: str | None = None,
        gpa: Decimal | str | None = None,
        total_credits: Decimal | int | str | None = None,
        issued_on: date | None = None,
    ) -> CredentialDTO:
        """Record a credential; ``issued_on`` defaults to today at the student's facility.

        Raises ``ValidationError`` (GPA outside 0.00–4.00, a date in the future, ...),
        ``DuplicateError`` for a serial number already used, ``NotFound``.
        """
        kind = as_enum(CredentialKind, kind, field="kind")
        title = clean_name(title, field="title", max_length=TITLE_MAX, label="The title")
        serial = clean_optional(
            cert_serial, field="cert_serial", max_length=SERIAL_MAX, label="The serial number"
        )
        shown_value = clean_optional(value, field="value", max_length=VALUE_MAX)
        gpa_value = check_decimal(gpa, field="gpa", low=Decimal(0), high=MAX_GPA, label="GPA")
        credits = check_decimal(
            total_credits, field="total_credits", low=Decimal(0), high=MAX_CREDITS
        )
        if issued_on is not None and (
            isinstance(issued_on, datetime) or not isinstance(issued_on, date)
        ):
            raise ValidationError("The issue date must be a calendar date", field="issued_on")
        with self._uow() as uow:
            student = self._student(uow, student_id)
            today = self._today(uow, student)
            if issued_on is not None and issued_on > today:
                raise ValidationError("The issue date is in the future", field="issued_on")
            if program_id is not None and uow.get(ProgramRepository).get(program_id) is None:
                raise NotFound("That program does not exist or was removed.")
            repo = uow.get(CredentialRepository)
            if serial is not None and repo.find_by_serial(serial) is not None:
                raise DuplicateError(
                    "A credential with that serial number already exists.", field="cert_serial"
                )
            row = repo.add(
                Credential(
                    facility_id=student.facility_id,
                    user_id=student.id,
                    program_id=program_id,
                    kind=kind,
                    title=title,
                    cert_serial=serial,
                    value=shown_value,
                    gpa=gpa_value,
                    total_credits=credits,
                    issued_on=issued_on or today,
                )
            )
            uow.commit()
            return credential_dto(row)

    def credentials_of(self, student_id: uuid.UUID) -> list[CredentialDTO]:
        """Newest first."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            return [
                credential_dto(r) for r in uow.get(CredentialRepository).credentials_of(student.id)
            ]

    # -- case notes -------------------------------------------------------------------------

    def add_case_note(
        self,
        student_id: uuid.UUID,
        body: str,
        category: CaseNoteCategory = CaseNoteCategory.GENERAL,
        *,
        subject: str | None = None,
        author_id: uuid.UUID | None = None,
    ) -> CaseNoteDTO:
        """A note on a student; the author defaults to the signed-in staff member, if known."""
        text = clean_text(body, field="body", max_length=NOTE_MAX, required=True, label="The note")
        if text is None:  # required=True already refused it; this tells mypy
            raise ValidationError("The note is required", field="body")
        category = as_enum(CaseNoteCategory, category, field="category")
        subject = clean_optional(subject, field="subject", max_length=SUBJECT_MAX)
        with self._uow() as uow:
            student = self._student(uow, student_id)
            people = uow.get(PeopleRepository)
            if author_id is not None:
                if people.get_staff(author_id) is None:
                    raise NotFound("The author is not a known staff member.")
            else:
                me = people.find_by_username(uow.actor.username)
                author_id = me.id if me is not None else None
            row = uow.get(CaseNoteRepository).add(
                CaseNote(
                    facility_id=student.facility_id,
                    student_id=student.id,
                    author_id=author_id,
                    category=category,
                    subject=subject,
                    body=text,
                    created_at=self._clock.now(),
                )
            )
            uow.commit()
            return case_note_dto(row)

    def case_notes_of(self, student_id: uuid.UUID) -> list[CaseNoteDTO]:
        """Newest first."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            return [case_note_dto(r) for r in uow.get(CaseNoteRepository).notes_of(student.id)]

    def delete_case_note(self, note_id: uuid.UUID) -> None:
        """Soft delete: the note disappears from the record; the audit trail keeps it."""
        with self._uow() as uow:
            row = require(
                uow.get(CaseNoteRepository).get(note_id),
                "That case note does not exist or was deleted.",
            )
            row.deleted_at = self._clock.now()
            uow.commit()

    # -- hours ledger -----------------------------------------------------------------------

    def clock_in(
        self,
        student_id: uuid.UUID,
        kind: HoursKind,
        at: datetime,
        *,
        program_id: uuid.UUID | None = None,
        site_name: str | None = None,
        supervisor_name: str | None = None,
        notes: str | None = None,
    ) -> HoursEntryDTO:
        """Open an hours entry. A student has at most one open entry (``ValidationError``)."""
        kind = as_enum(HoursKind, kind, field="kind")
        at = _instant(at, field="clock_in", what="The clock-in time")
        details = self._details(site_name, supervisor_name, notes)
        with self._uow() as uow:
            student = self._student(uow, student_id)
            self._check_program(uow, program_id)
            hours = uow.get(HoursRepository)
            if hours.open_entry_of(student.id) is not None:
                raise ValidationError(
                    "The student is already clocked in. Clock out the open entry first.",
                    field="clock_in",
                )
            # A one-microsecond window: is the student inside an entry already logged?
            if hours.overlapping(student.id, at, at + timedelta(microseconds=1)) is not None:
                raise ValidationError(
                    "That time falls inside hours already logged for the student.",
                    field="clock_in",
                )
            row = self._new_entry(uow, student, kind, at, None, program_id, details)
            uow.commit()
            return hours_dto(row)

    def clock_out(self, entry_id: uuid.UUID, at: datetime) -> HoursEntryDTO:
        """Close an open entry; refuses a time before the clock-in and a second clock-out."""
        at = _instant(at, field="clock_out", what="The clock-out time")
        with self._uow() as uow:
            row = self._entry(uow, entry_id)
            if row.clock_out is not None:
                raise InvalidTransition("This entry is already clocked out.")
            minutes = minutes_between(row.clock_in, at)
            row.clock_out = at
            row.minutes = minutes
            uow.commit()
            return hours_dto(row)

    def log_hours(
        self,
        student_id: uuid.UUID,
        kind: HoursKind,
        clock_in: datetime,
        clock_out: datetime,
        *,
        program_id: uuid.UUID | None = None,
        site_name: str | None = None,
        supervisor_name: str | None = None,
        notes: str | None = None,
    ) -> HoursEntryDTO:
        """Record a past entry in one go; it may not overlap the student's other entries."""
        kind = as_enum(HoursKind, kind, field="kind")
        start = _instant(clock_in, field="clock_in", what="The clock-in time")
        end = _instant(clock_out, field="clock_out", what="The clock-out time")
        minutes_between(start, end)  # raises on an end before the start
        if end == start:
            raise ValidationError("The entry has no duration", field="clock_out")
        details = self._details(site_name, supervisor_name, notes)
        with self._uow() as uow:
            student = self._student(uow, student_id)
            self._check_program(uow, program_id)
            if uow.get(HoursRepository).overlapping(student.id, start, end) is not None:
                raise ValidationError(
                    "These hours overlap hours already logged for the student.",
                    field="clock_in",
                )
            row = self._new_entry(uow, student, kind, start, end, program_id, details)
            uow.commit()
            return hours_dto(row)

    def verify_hours(self, entry_id: uuid.UUID) -> HoursEntryDTO:
        """Mark a closed entry verified by the signed-in staff member."""
        with self._uow() as uow:
            row = self._entry(uow, entry_id)
            if row.clock_out is None:
                raise NotAllowed("Clock the entry out before verifying it.")
            if row.verified:
                raise InvalidTransition("This entry is already verified.")
            row.verified = True
            row.verified_by = uow.actor.username
            row.verified_at = self._clock.now()
            uow.commit()
            return hours_dto(row)

    def hours_of(
        self, student_id: uuid.UUID, program_id: uuid.UUID | None = None
    ) -> HoursSummaryDTO:
        """The student's entries (of one program if given), newest first, with totals."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            rows = uow.get(HoursRepository).entries_of(student.id, program_id)
            entries = tuple(hours_dto(r) for r in rows)
            return HoursSummaryDTO(
                student_id=student.id,
                program_id=program_id,
                entries=entries,
                verified_minutes=sum(e.minutes or 0 for e in entries if e.verified),
                unverified_minutes=sum(e.minutes or 0 for e in entries if not e.verified),
                open_entry_id=next((e.id for e in entries if e.is_open), None),
            )

    # -- curriculum progress ----------------------------------------------------------------

    def curriculum_of(self, student_id: uuid.UUID) -> list[ProgramProgressDTO]:
        """Per program the student is enrolled in: modules and lessons completed, the percent,
        the last activity (a date at the student's facility) and each lesson's status."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            zone = facility_zone(self._facility(uow, student))
            return student_curriculum(uow, student.id, zone)

    # -- audit ------------------------------------------------------------------------------

    def audit_trail(self, row_id: uuid.UUID, *, limit: int = AUDIT_LIMIT) -> list[AuditEntryDTO]:
        """Every recorded change of one row, newest first."""
        with self._uow() as uow:
            return [
                audit_dto(e) for e in uow.get(AuditRepository).entries_for_row(row_id, limit=limit)
            ]

    def student_audit_trail(
        self, student_id: uuid.UUID, *, limit: int = AUDIT_LIMIT
    ) -> list[AuditEntryDTO]:
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
        entries = self.student_audit_trail(student_id, limit=limit)
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
            verb = {"insert": "added", "update": "changed", "delete": "removed"}.get(
                str(e.action.value), str(e.action.value)
            )
            new, old = e.new_values, e.old_values
            if e.action.value == "update" and new and new.get("deleted_at") and len(new) <= 3:
                verb = "removed"
            what = f"{table_label(e.table_name)} {verb}"
            if e.table_name == ATTENDANCE and e.row_id in keys:
                series, day = keys[e.row_id]
                what += f" — {classes.get(series, 'a removed class')}, {_day(day)}"
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
                )
            )
        return result

    def account_history(self, user_id: uuid.UUID) -> list[AccountHistoryDTO]:
        """Account creation, deactivation, scope changes... of a person, newest first."""
        with self._uow() as uow:
            return [history_dto(r) for r in uow.get(AuditRepository).history_of(user_id)]

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _details(
        site_name: str | None, supervisor_name: str | None, notes: str | None
    ) -> tuple[str | None, str | None, str | None]:
        return (
            clean_optional(site_name, field="site_name", max_length=NAME_MAX),
            clean_optional(supervisor_name, field="supervisor_name", max_length=NAME_MAX),
            clean_text(notes, field="notes", max_length=NOTE_MAX),
        )

    @staticmethod
    def _new_entry(
        uow: UnitOfWork,
        student: User,
        kind: HoursKind,
        start: datetime,
        end: datetime | None,
        program_id: uuid.UUID | None,
        details: tuple[str | None, str | None, str | None],
    ) -> HoursLog:
        site, supervisor, notes = details
        facility = RecordsService._facility(uow, student)
        return uow.get(HoursRepository).add(
            HoursLog(
                facility_id=student.facility_id,
                user_id=student.id,
                program_id=program_id,
                kind=kind,
                clock_in=start,
                clock_out=end,
                minutes=minutes_between(start, end),
                site_name=site,
                supervisor_name=supervisor,
                notes=notes,
                verified=False,
                day=start.astimezone(facility_zone(facility)).date(),
            )
        )

    @staticmethod
    def _facility(uow: UnitOfWork, student: User) -> Facility:
        return require(
            uow.get(FacilityRepository).get(student.facility_id),
            "The student's facility does not exist or was removed.",
        )

    def _today(self, uow: UnitOfWork, student: User) -> date:
        return self._clock.now().astimezone(facility_zone(self._facility(uow, student))).date()

    @staticmethod
    def _check_program(uow: UnitOfWork, program_id: uuid.UUID | None) -> None:
        if program_id is not None and uow.get(ProgramRepository).get(program_id) is None:
            raise NotFound("That program does not exist or was removed.")

    @staticmethod
    def _entry(uow: UnitOfWork, entry_id: uuid.UUID) -> HoursLog:
        return require(
            uow.get(HoursRepository).get(entry_id),
            "That hours entry does not exist or was removed.",
        )

    @staticmethod
    def _student(uow: UnitOfWork, student_id: uuid.UUID) -> User:
        return require(
            uow.get(PeopleRepository).get_student(student_id),
            "That student does not exist or was removed.",
        )
