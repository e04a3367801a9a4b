"""Programs: their types and funding, where they are offered, and their attendance policy; the
program service the desk calls, with the curriculum it inherits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal

from app.db.models import (
    AttendancePolicyRow,
    FacilityProgram,
    Program,
    ProgramTypeLink,
)
from app.domain.attendance import AttendancePolicy
from app.domain.enums import FundingType, ProgramType
from app.domain.errors import (
    DuplicateError,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ValidationError,
)
from app.domain.validation import clean_name, clean_text
from app.repositories.facilities import FacilityRepository
from app.repositories.programs import ProgramRepository
from app.services.inputs import (
    KEEP,
    Keep,
    as_enum,
    check_decimal,
    check_whole,
    new_name,
    rename,
)
from app.services.lookup import require
from app.services.program_curriculum import DESCRIPTION_MAX, NAME_MAX, ProgramCurriculum
from app.services.programs_dto import (
    LessonDTO,
    LessonProgressDTO,
    ModuleDTO,
    ProgramDTO,
    ProgramPolicyDTO,
    ProgressDTO,
)

__all__ = [
    "LessonDTO",
    "LessonProgressDTO",
    "ModuleDTO",
    "ProgramDTO",
    "ProgramPolicyDTO",
    "ProgramService",
    "ProgressDTO",
]

MAX_WEEKS = 520
MAX_TARDY_MINUTES = 24 * 60
MAX_TARDIES_PER_ABSENCE = 100
MAX_CREDIT_HOURS = Decimal("9999.99")  # Numeric(6, 2)
MAX_REQUIRED_HOURS = Decimal("99999.99")  # Numeric(7, 2)
PROGRAM_TAKEN = "A program with that name already exists."
_TYPE_ORDER = {t: i for i, t in enumerate(ProgramType)}


def _types(values: Iterable[ProgramType | str]) -> frozenset[ProgramType]:
    # Seed 000 gives every program one or more types; a program of no type is a form left blank.
    types = frozenset(as_enum(ProgramType, v, field="types") for v in values)
    if not types:
        raise ValidationError("Choose at least one program type.", field="types")
    return types


def _funding(value: FundingType | None) -> FundingType | None:
    return None if value is None else as_enum(FundingType, value, field="funding_type")


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


def _policy_dto(program_id: uuid.UUID, row: AttendancePolicyRow | None) -> ProgramPolicyDTO:
    if row is None:
        return ProgramPolicyDTO(program_id=program_id, policy=AttendancePolicy(), is_default=True)
    policy = AttendancePolicy(
        tardy_after_minutes=row.tardy_after_minutes,
        tardies_per_absence=row.tardies_per_absence,
        required_hours=row.required_hours,
        minimum_rate_pct=row.minimum_rate_pct,
    )
    return ProgramPolicyDTO(program_id=program_id, policy=policy, is_default=False)


class ProgramService(ProgramCurriculum):
    """Programs, their offers at facilities and attendance policy; curriculum and progress are
    ``ProgramCurriculum``'s."""

    # -- programs ---------------------------------------------------------------------------

    def create_program(
        self,
        name: str,
        description: str | None = None,
        funding_type: FundingType | None = None,
        types: Iterable[ProgramType] = (),
        credit_hours: Decimal | int | None = None,
        duration_weeks: int | None = None,
    ) -> ProgramDTO:
        """A new program; it needs at least one type (seed 000 programs always have one)."""
        name = clean_name(name, field="name", max_length=NAME_MAX, label="The program name")
        desc = clean_text(description, field="description", max_length=DESCRIPTION_MAX)
        funding = _funding(funding_type)
        kinds = _types(types)
        credits = check_decimal(
            credit_hours, field="credit_hours", low=Decimal(0), high=MAX_CREDIT_HOURS
        )
        weeks = check_whole(duration_weeks, field="duration_weeks", low=1, high=MAX_WEEKS)
        with self._uow() as uow:
            repo = uow.get(ProgramRepository)
            if repo.name_taken(name):
                raise DuplicateError(PROGRAM_TAKEN, field="name")
            row = Program(
                id=uuid.uuid4(),
                name=name,
                description=desc,
                funding_type=funding,
                credit_hours=credits,
                duration_weeks=weeks,
                is_active=True,
            )
            repo.add(row)
            uow.flush()  # the program before its type links: no ORM relationship orders them
            for kind in kinds:
                repo.add(ProgramTypeLink(program_id=row.id, program_type=kind))
            uow.commit()
            return _program_dto(row, kinds)

    def get_program(self, program_id: uuid.UUID) -> ProgramDTO:
        with self._uow() as uow:
            repo = uow.get(ProgramRepository)
            row = self._program(repo, program_id)
            return _program_dto(row, repo.types_by_program([row.id]).get(row.id, ()))

    def list_programs(
        self, facility_id: uuid.UUID | None = None, *, include_archived: bool = False
    ) -> list[ProgramDTO]:
        """Every program, or those offered at ``facility_id``; archived ones only if asked."""
        with self._uow() as uow:
            repo = uow.get(ProgramRepository)
            rows = repo.list_programs(facility_id, include_archived=include_archived)
            types = repo.types_by_program(r.id for r in rows)
            return [_program_dto(r, types.get(r.id, ())) for r in rows]

    def update_program(
        self,
        program_id: uuid.UUID,
        *,
        name: str | Keep = KEEP,
        description: str | Keep | None = KEEP,
        funding_type: FundingType | Keep | None = KEEP,
        types: Iterable[ProgramType] | Keep = KEEP,
        credit_hours: Decimal | int | Keep | None = KEEP,
        duration_weeks: int | Keep | None = KEEP,
    ) -> ProgramDTO:
        """Change the given fields (``None`` clears an optional one)."""
        named = new_name(name)
        kinds = None if isinstance(types, Keep) else _types(types)
        with self._uow() as uow:
            repo = uow.get(ProgramRepository)
            row = self._program(repo, program_id)
            rename(row, named, repo.name_taken, PROGRAM_TAKEN)
            if not isinstance(description, Keep):
                row.description = clean_text(
                    description, field="description", max_length=DESCRIPTION_MAX
                )
            if not isinstance(funding_type, Keep):
                row.funding_type = _funding(funding_type)
            if not isinstance(credit_hours, Keep):
                row.credit_hours = check_decimal(
                    credit_hours, field="credit_hours", low=Decimal(0), high=MAX_CREDIT_HOURS
                )
            if not isinstance(duration_weeks, Keep):
                row.duration_weeks = check_whole(
                    duration_weeks, field="duration_weeks", low=1, high=MAX_WEEKS
                )
            if kinds is not None:
                self._set_types(repo, row.id, kinds)
            uow.commit()
            return _program_dto(row, repo.types_by_program([row.id]).get(row.id, ()))

    def archive_program(self, program_id: uuid.UUID) -> ProgramDTO:
        """Retire a program: kept with its history, no longer listed or offered."""
        with self._uow() as uow:
            repo = uow.get(ProgramRepository)
            row = self._program(repo, program_id)
            if row.archived_at is not None:
                raise InvalidTransition("This program is already archived.")
            row.archived_at = self._clock.now()
            row.is_active = False
            uow.commit()
            return _program_dto(row, repo.types_by_program([row.id]).get(row.id, ()))

    def offer_program(self, facility_id: uuid.UUID, program_id: uuid.UUID) -> None:
        with self._uow() as uow:
            if uow.get(FacilityRepository).get(facility_id) is None:
                raise NotFound("That facility does not exist or was removed.")
            repo = uow.get(ProgramRepository)
            program = self._program(repo, program_id)
            if program.archived_at is not None:
                raise NotAllowed("An archived program cannot be offered.")
            offer = repo.find_offer(facility_id, program_id, include_deleted=True)
            if offer is not None and offer.deleted_at is None:
                raise DuplicateError("The facility already offers this program.")
            if offer is None:
                # The unique index also covers a withdrawn offer, which is revived instead.
                repo.add(FacilityProgram(facility_id=facility_id, program_id=program_id))
            else:
                offer.deleted_at = None
            uow.commit()

    def withdraw_offer(self, facility_id: uuid.UUID, program_id: uuid.UUID) -> None:
        with self._uow() as uow:
            offer = require(
                uow.get(ProgramRepository).find_offer(facility_id, program_id),
                "The facility does not offer this program.",
            )
            offer.deleted_at = self._clock.now()
            uow.commit()

    # -- attendance policy ------------------------------------------------------------------

    def get_policy(self, program_id: uuid.UUID) -> ProgramPolicyDTO:
        """The program's policy, or the default policy when it has none of its own."""
        with self._uow() as uow:
            repo = uow.get(ProgramRepository)
            program = self._program(repo, program_id)
            return _policy_dto(program.id, repo.policy_of(program.id))

    def set_policy(
        self,
        program_id: uuid.UUID,
        *,
        tardy_after_minutes: int = 10,
        tardies_per_absence: int = 3,
        required_hours: Decimal | int | None = None,
        minimum_rate_pct: Decimal | int | None = None,
    ) -> ProgramPolicyDTO:
        """Replace the program's attendance policy (``tardies_per_absence=0``: never)."""
        policy = AttendancePolicy(
            tardy_after_minutes=check_whole(
                tardy_after_minutes,
                field="tardy_after_minutes",
                low=0,
                high=MAX_TARDY_MINUTES,
                label="The tardy threshold (minutes)",
            )
            or 0,
            tardies_per_absence=check_whole(
                tardies_per_absence,
                field="tardies_per_absence",
                low=0,
                high=MAX_TARDIES_PER_ABSENCE,
                label="Tardies per absence",
            )
            or 0,
            required_hours=check_decimal(
                required_hours, field="required_hours", low=Decimal(0), high=MAX_REQUIRED_HOURS
            ),
            minimum_rate_pct=check_decimal(
                minimum_rate_pct,
                field="minimum_rate_pct",
                low=Decimal(0),
                high=Decimal(100),
                label="The minimum attendance (%)",
            ),
        )
        with self._uow() as uow:
            repo = uow.get(ProgramRepository)
            program = self._program(repo, program_id)
            row = repo.policy_of(program.id, include_deleted=True)
            if row is None:
                row = AttendancePolicyRow(program_id=program.id)
                repo.add(row)
            row.deleted_at = None
            row.tardy_after_minutes = policy.tardy_after_minutes
            row.tardies_per_absence = policy.tardies_per_absence
            row.required_hours = policy.required_hours
            row.minimum_rate_pct = policy.minimum_rate_pct
            uow.commit()
            return ProgramPolicyDTO(program_id=program.id, policy=policy, is_default=False)

    # -- helpers ----------------------------------------------------------------------------

    def _set_types(
        self, repo: ProgramRepository, program_id: uuid.UUID, kinds: frozenset[ProgramType]
    ) -> None:
        # The unique index covers removed links too: revive them rather than insert twice.
        existing = {link.program_type: link for link in repo.type_links_of([program_id])}
        now = self._clock.now()
        for kind, link in existing.items():
            if kind in kinds and link.deleted_at is not None:
                link.deleted_at = None
            elif kind not in kinds and link.deleted_at is None:
                link.deleted_at = now
        for kind in kinds - existing.keys():
            repo.add(ProgramTypeLink(program_id=program_id, program_type=kind))

    @staticmethod
    def _program(repo: ProgramRepository, program_id: uuid.UUID) -> Program:
        return require(repo.get(program_id), "That program does not exist or was removed.")
