"""What the records service returns: credentials, case notes, audit and marks as frozen DTOs."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from app.db.models import AuditEntry, CaseNote, Credential
from app.domain.enums import (
    AuditAction,
    CaseNoteCategory,
    CredentialKind,
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
    not_held: str | None = None  # the reason of a disruption that stopped its session


def _frozen(values: dict[str, Any] | None) -> Mapping[str, Any] | None:
    return None if values is None else MappingProxyType(dict(values))


def credential_dto(row: Credential) -> CredentialDTO:
    return from_row(CredentialDTO, row, student_id=row.user_id)


def case_note_dto(row: CaseNote) -> CaseNoteDTO:
    return from_row(CaseNoteDTO, row)


def audit_dto(row: AuditEntry) -> AuditEntryDTO:
    return from_row(
        AuditEntryDTO,
        row,
        old_values=_frozen(row.old_values),
        new_values=_frozen(row.new_values),
    )
