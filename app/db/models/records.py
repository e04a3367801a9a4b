"""Credentials and outcomes, case notes, the audit trail and account history."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, Numeric, String, Text, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Audited, Base, utcnow
from app.db.models.org import NAME
from app.db.types import enum_column_type
from app.domain.enums import AccountAction, AuditAction, CaseNoteCategory, CredentialKind

JSONType = JSON().with_variant(JSONB(), "postgresql")


class Credential(Audited, Base):
    """A certificate, grade, completion or transcript (seed 000 outcomes, seed 002 credentials)."""

    __tablename__ = "credentials"
    __table_args__ = (Index("ix_credentials_user_id_issued_on", "user_id", "issued_on"),)

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    program_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("programs.id"))
    kind: Mapped[CredentialKind] = mapped_column(enum_column_type(CredentialKind, "outcome_type"))
    title: Mapped[str] = mapped_column(String(200))
    cert_serial: Mapped[str | None] = mapped_column(String(100), unique=True)
    value: Mapped[str | None] = mapped_column(String(200))
    gpa: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    total_credits: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    issued_on: Mapped[date | None]


class CaseNote(Audited, Base):
    """A staff note on a student (seed 000)."""

    __tablename__ = "case_notes"
    __table_args__ = (Index("ix_case_notes_student_id_created_at", "student_id", "created_at"),)

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facilities.id"), index=True)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    category: Mapped[CaseNoteCategory] = mapped_column(
        enum_column_type(CaseNoteCategory, "case_note_category"), default=CaseNoteCategory.GENERAL
    )
    subject: Mapped[str | None] = mapped_column(String(NAME))
    body: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """Who changed what: old and new values, when, from which device. Append-only."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_table_name_row_id", "table_name", "row_id"),
        Index("ix_audit_log_facility_id_changed_at", "facility_id", "changed_at"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    table_name: Mapped[str] = mapped_column(String(63))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid(as_uuid=True))
    facility_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(as_uuid=True))
    action: Mapped[AuditAction] = mapped_column(enum_column_type(AuditAction, "audit_action"))
    old_values: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    new_values: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    changed_by: Mapped[str | None] = mapped_column(String(63))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    device_id: Mapped[str | None] = mapped_column(String(64))


class AccountHistory(Base):
    """Seed 000 ``user_account_history``: account creation, transfers, deactivation, scope."""

    __tablename__ = "user_account_history"
    __table_args__ = (Index("ix_user_account_history_user_id_action", "user_id", "action"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    admin_username: Mapped[str | None] = mapped_column(String(63))
    action: Mapped[AccountAction] = mapped_column(
        enum_column_type(AccountAction, "activity_history_action")
    )
    facility_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("facilities.id"))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
