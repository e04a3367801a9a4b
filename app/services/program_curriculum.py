"""Program curriculum: modules and lessons in order, and each student's progress through the
lessons (status and stars, assessed by whom and when)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from app.db.models import Lesson, LessonProgress, Module, Program, User
from app.domain.enums import ProgressStatus
from app.domain.errors import ValidationError
from app.domain.ids import lesson_progress_id
from app.infra.clock import Clock, SystemClock
from app.repositories.curriculum import CurriculumRepository
from app.repositories.people import PeopleRepository
from app.repositories.programs import ProgramRepository
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.from_row import from_row
from app.services.inputs import as_enum, check_whole
from app.services.lookup import require
from app.services.programs_dto import LessonDTO, LessonProgressDTO, ModuleDTO, ProgressDTO

__all__ = ["DESCRIPTION_MAX", "NAME_MAX", "ProgramCurriculum"]

NAME_MAX = 100
DESCRIPTION_MAX = 10_000
MAX_STARS = 3


def _lesson_dto(row: Lesson) -> LessonDTO:
    return from_row(LessonDTO, row, position=row.sequence_order)


def _module_dto(row: Module, lessons: Iterable[Lesson] = ()) -> ModuleDTO:
    return from_row(
        ModuleDTO,
        row,
        position=row.sequence_order,
        lessons=tuple(_lesson_dto(lesson) for lesson in lessons),
    )


class ProgramCurriculum:
    """Adds and orders a program's modules and lessons; records students' lesson progress."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def curriculum_of(self, program_id: uuid.UUID) -> list[ModuleDTO]:
        """The program's modules in order, each with its lessons in order."""
        with self._uow() as uow:
            program = self._program(uow.get(ProgramRepository), program_id)
            return self._curriculum(uow.get(CurriculumRepository), program.id)

    # -- progress ---------------------------------------------------------------------------

    def set_progress(
        self,
        student_id: uuid.UUID,
        lesson_id: uuid.UUID,
        status: ProgressStatus,
        stars: int | None = None,
    ) -> LessonProgressDTO:
        """Record a student's status on a lesson with an optional 0–3 star assessment."""
        status = as_enum(ProgressStatus, status, field="status")
        stars = check_whole(stars, field="stars", low=0, high=MAX_STARS, label="Stars")
        if stars is not None and status is ProgressStatus.NOT_STARTED:
            raise ValidationError("A lesson not started cannot have stars.", field="stars")
        with self._uow() as uow:
            student = self._student(uow, student_id)
            curriculum = uow.get(CurriculumRepository)
            lesson = require(
                curriculum.get_lesson(lesson_id), "That lesson does not exist or was removed."
            )
            assessor = uow.get(PeopleRepository).find_by_username(uow.actor.username)
            progress_id = lesson_progress_id(student.id, lesson.id)
            row = curriculum.get_progress(progress_id)
            if row is None:
                row = LessonProgress(
                    id=progress_id,
                    facility_id=student.facility_id,
                    student_id=student.id,
                    lesson_id=lesson.id,
                )
                curriculum.add(row)
            row.deleted_at = None
            row.status = status
            row.stars = stars
            row.assessed_by = assessor.id if assessor is not None else None
            row.assessed_at = self._clock.now()
            uow.commit()
            return self._progress_dto(student.id, lesson, row)

    def progress_of(self, student_id: uuid.UUID, program_id: uuid.UUID) -> ProgressDTO:
        """Every lesson of the program in curriculum order with the student's status on it."""
        with self._uow() as uow:
            student = self._student(uow, student_id)
            program = self._program(uow.get(ProgramRepository), program_id)
            curriculum = uow.get(CurriculumRepository)
            modules = curriculum.modules_of(program.id)
            grouped = self._lessons_by_module(curriculum, modules)
            lessons = [lesson for m in modules for lesson in grouped[m.id]]
            rows = curriculum.progress_of(student.id, [x.id for x in lessons])
            marks = {p.lesson_id: p for p in rows}
            items = tuple(self._progress_dto(student.id, x, marks.get(x.id)) for x in lessons)
            completed = sum(1 for i in items if i.status is ProgressStatus.COMPLETED)
            pct = None
            if items:
                pct = (Decimal(completed * 100) / Decimal(len(items))).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP
                )
            return ProgressDTO(
                student_id=student.id,
                program_id=program.id,
                lessons=items,
                completed=completed,
                total=len(items),
                pct=pct,
            )

    @staticmethod
    def _progress_dto(
        student_id: uuid.UUID, lesson: Lesson, row: LessonProgress | None
    ) -> LessonProgressDTO:
        return LessonProgressDTO(
            student_id=student_id,
            lesson_id=lesson.id,
            module_id=lesson.module_id,
            title=lesson.title,
            status=row.status if row is not None else ProgressStatus.NOT_STARTED,
            stars=row.stars if row is not None else None,
            assessed_at=row.assessed_at if row is not None else None,
            assessed_by=row.assessed_by if row is not None else None,
        )

    @staticmethod
    def _lessons_by_module(
        curriculum: CurriculumRepository, modules: Sequence[Module]
    ) -> dict[uuid.UUID, list[Lesson]]:
        """Each module's live lessons, in order (one query for the whole curriculum)."""
        grouped: dict[uuid.UUID, list[Lesson]] = {m.id: [] for m in modules}
        for lesson in curriculum.lessons_of(grouped):
            grouped[lesson.module_id].append(lesson)
        return grouped

    def _curriculum(
        self, curriculum: CurriculumRepository, program_id: uuid.UUID
    ) -> list[ModuleDTO]:
        modules = curriculum.modules_of(program_id)
        grouped = self._lessons_by_module(curriculum, modules)
        return [_module_dto(m, grouped[m.id]) for m in modules]

    @staticmethod
    def _program(repo: ProgramRepository, program_id: uuid.UUID) -> Program:
        return require(repo.get(program_id), "That program does not exist or was removed.")

    @staticmethod
    def _module(curriculum: CurriculumRepository, module_id: uuid.UUID) -> Module:
        found = curriculum.get_module(module_id)
        return require(found, "That module does not exist or was removed.")

    @staticmethod
    def _student(uow: UnitOfWork, student_id: uuid.UUID) -> User:
        found = uow.get(PeopleRepository).get_student(student_id)
        return require(found, "That student does not exist or was removed.")
