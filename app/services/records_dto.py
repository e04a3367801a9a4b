"""What the records service returns: credentials, case notes, hours and audit as frozen DTOs."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from app.db.models import AccountHistory, AuditEntry, CaseNote, Credential, HoursLog
from app.domain.enums import (
    AccountAction,
    AuditAction,
    CaseNoteCategory,
    CredentialKind,
    HoursKind,
)
from app.services.from_row import from_row


@dataclass(frozen=True, slots=True)
class CredentialDTO:
    id: uuid.UUID
    student_id: uuid.UUID
    facility_id: uuid.UUID
    program_id: uuid.UUID | None
    kind: CredentialKind
    title: str
    cert_serial: str | None
    value: str | None
    gpa: Decimal | None
    total_credits: Decimal | None
    issued_on: date | None


@dataclass(frozen=True, slots=True)
class CaseNoteDTO:
    id: uuid.UUID
    student_id: uuid.UUID
    facility_id: uuid.UUID
    author_id: uuid.UUID | None
    category: CaseNoteCategory
    subject: str | None
    body: str
    created_at: datetime
    created_by: str | None  # the staff role that wrote it


@dataclass(frozen=True, slots=True)
class HoursEntryDTO:
    id: uuid.UUID
    student_id: uuid.UUID
    facility_id: uuid.UUID
    program_id: uuid.UUID | None
    kind: HoursKind
    clock_in: datetime
    clock_out: datetime | None  # None: still clocked in
    minutes: int | None
    day: date | None  # the facility-local date of the clock-in
    site_name: str | None
    supervisor_name: str | None
    notes: str | None
    verified: bool
    verified_by: str | None
    verified_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.clock_out is None


@dataclass(frozen=True, slots=True)
class HoursSummaryDTO:
    """A student's hours ledger, newest first, with verified and unverified totals."""

    student_id: uuid.UUID
    program_id: uuid.UUID | None  # the filter asked for, if any
    entries: tuple[HoursEntryDTO, ...]
    verified_minutes: int
    unverified_minutes: int  # closed entries awaiting verification; open ones count nothing
    open_entry_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class AuditEntryDTO:
    id: int
    table_name: str
    row_id: uuid.UUID
    action: AuditAction
    old_values: Mapping[str, Any] | None
    new_values: Mapping[str, Any] | None
    changed_by: str | None
    changed_at: datetime
    device_id: str | None


@dataclass(frozen=True, slots=True)
class AuditLineDTO:
    """One audit entry as a person reads it: who, when in the facility's timezone, and what
    changed in words ("Status: Absent → Present")."""

    when: str  # "Thu 3 Dec 2026 09:00"
    who: str  # "Kim Lee", or the login when the person is not known here
    workstation: str
    what: str  # "Attendance changed — Welding I, Mon 16 Nov"
    changes: str


@dataclass(frozen=True, slots=True)
class StudentMarkDTO:
    """One of a student's marks, with the session it opens."""

    series_id: uuid.UUID
    original_date: date
    when: str  # "Mon 16 Nov 09:00"
    class_name: str
    status: str  # as the sheet names it
    marked_by: str
    needs_review: bool


@dataclass(frozen=True, slots=True)
class AccountHistoryDTO:
    id: uuid.UUID
    user_id: uuid.UUID
    action: AccountAction
    admin_username: str | None
    facility_id: uuid.UUID | None
    details: Mapping[str, Any] | None
    created_at: datetime


def _frozen(values: dict[str, Any] | None) -> Mapping[str, Any] | None:
    return None if values is None else MappingProxyType(dict(values))


def credential_dto(row: Credential) -> CredentialDTO:
    return from_row(CredentialDTO, row, student_id=row.user_id)


def case_note_dto(row: CaseNote) -> CaseNoteDTO:
    return from_row(CaseNoteDTO, row)


def hours_dto(row: HoursLog) -> HoursEntryDTO:
    return from_row(HoursEntryDTO, row, student_id=row.user_id)


def audit_dto(row: AuditEntry) -> AuditEntryDTO:
    return from_row(
        AuditEntryDTO,
        row,
        old_values=_frozen(row.old_values),
        new_values=_frozen(row.new_values),
    )


def history_dto(row: AccountHistory) -> AccountHistoryDTO:
    return from_row(AccountHistoryDTO, row, details=_frozen(row.details))
