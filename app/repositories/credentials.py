"""Credentials: certificates, grades, completions and transcripts of students."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from app.db.models import Credential
from app.repositories.base import RowRepository


class CredentialRepository(RowRepository[Credential]):
    """Credentials of students; soft-deleted ones are invisible (except to the serial check)."""

    _model = Credential

    def credentials_of(self, student_id: uuid.UUID) -> Sequence[Credential]:
        """Newest first; credentials without an issue date after the dated ones."""
        return self._rows(
            Credential.user_id == student_id,
            order_by=(
                Credential.issued_on.is_(None),
                Credential.issued_on.desc(),
                Credential.created_at.desc(),
                Credential.id,
            ),
        )
