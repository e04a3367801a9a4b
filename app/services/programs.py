"""Programs: their types and funding, where they are offered, and their attendance policy; the
program service the desk calls, with the curriculum it inherits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from app.db.models import (
    Program,
)
from app.domain.enums import ProgramType
from app.repositories.programs import ProgramRepository
from app.services.program_curriculum import ProgramCurriculum
from app.services.programs_dto import (
    LessonDTO,
    LessonProgressDTO,
    ModuleDTO,
    ProgramDTO,
    ProgressDTO,
)

__all__ = [
    "LessonDTO",
    "LessonProgressDTO",
    "ModuleDTO",
    "ProgramDTO",
    "ProgramService",
    "ProgressDTO",
]

MAX_WEEKS = 520
_TYPE_ORDER = {t: i for i, t in enumerate(ProgramType)}


def _program_dto(row: Program, types: Iterable[ProgramType]) -> ProgramDTO:
    return ProgramDTO(
        id=row.id,
        name=row.name,
        description=row.description,
        funding_type=row.funding_type,
        types=tuple(sorted(types, key=_TYPE_ORDER.__getitem__)),
        credit_hours=row.credit_hours,
        duration_weeks=row.duration_weeks,
        is_active=row.is_active,
        archived_at=row.archived_at,
    )


class ProgramService(ProgramCurriculum):
    """Lists programs; curriculum and progress are ``ProgramCurriculum``'s. (Programs, their
    offers at facilities and attendance policies are made on the server and by imports.)"""

    # -- programs ---------------------------------------------------------------------------

    def list_programs(
        self, facility_id: uuid.UUID | None = None, *, include_archived: bool = False
    ) -> list[ProgramDTO]:
        """Every program, or those offered at ``facility_id``; archived ones only if asked."""
        with self._uow() as uow:
            repo = uow.get(ProgramRepository)
            rows = repo.list_programs(facility_id, include_archived=include_archived)
            types = repo.types_by_program(r.id for r in rows)
            return [_program_dto(r, types.get(r.id, ())) for r in rows]
