"""Programs, their types, the facilities that offer them and their attendance policy."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import select

from app.db.models import AttendancePolicyRow, FacilityProgram, Program, ProgramTypeLink
from app.domain.enums import ProgramType
from app.repositories.base import Repository


class ProgramRepository(Repository):
    """Programs and what hangs off them; soft-deleted rows are invisible unless asked for."""

    def add(self, row: Program | ProgramTypeLink | FacilityProgram | AttendancePolicyRow) -> None:
        self._session.add(row)

    def get(self, program_id: uuid.UUID) -> Program | None:
        return self._live(Program, program_id)

    def list_programs(
        self, facility_id: uuid.UUID | None, *, include_archived: bool
    ) -> Sequence[Program]:
        """All programs, or those the facility offers; by name."""
        stmt = select(Program).where(Program.deleted_at.is_(None))
        if facility_id is not None:
            offered = select(FacilityProgram.program_id).where(
                FacilityProgram.facility_id == facility_id, FacilityProgram.deleted_at.is_(None)
            )
            stmt = stmt.where(Program.id.in_(offered))
        if not include_archived:
            stmt = stmt.where(Program.archived_at.is_(None))
        return self._session.scalars(stmt.order_by(Program.name, Program.id)).all()

    def type_links_of(self, program_ids: Iterable[uuid.UUID]) -> Sequence[ProgramTypeLink]:
        """Type links of the programs, deleted ones included (re-adding a type revives them)."""
        ids = list(program_ids)
        if not ids:
            return []
        stmt = select(ProgramTypeLink).where(ProgramTypeLink.program_id.in_(ids))
        return self._session.scalars(stmt).all()

    def types_by_program(
        self, program_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, frozenset[ProgramType]]:
        found: dict[uuid.UUID, set[ProgramType]] = {}
        for link in self.type_links_of(program_ids):
            if link.deleted_at is None:
                found.setdefault(link.program_id, set()).add(link.program_type)
        return {pid: frozenset(types) for pid, types in found.items()}
