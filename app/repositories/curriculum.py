"""Curriculum modules and lessons in order, and students' progress on lessons."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import select

from app.db.models import Lesson, LessonProgress, Module
from app.repositories.base import Repository


class CurriculumRepository(Repository):
    """Modules, lessons and lesson progress; soft-deleted rows are invisible."""

    def add(self, row: Module | Lesson | LessonProgress) -> None:
        self._session.add(row)

    def get_module(self, module_id: uuid.UUID) -> Module | None:
        return self._live(Module, module_id)

    def get_lesson(self, lesson_id: uuid.UUID) -> Lesson | None:
        return self._live(Lesson, lesson_id)

    def modules_of(self, program_id: uuid.UUID) -> Sequence[Module]:
        return self._live_rows(
            Module, Module.program_id == program_id, order_by=(Module.sequence_order, Module.id)
        )

    def lessons_of(self, module_ids: Iterable[uuid.UUID]) -> Sequence[Lesson]:
        """Live lessons of the modules, in module then lesson order of ``sequence_order``."""
        ids = list(module_ids)
        if not ids:
            return []
        return self._live_rows(
            Lesson,
            Lesson.module_id.in_(ids),
            order_by=(Lesson.module_id, Lesson.sequence_order, Lesson.id),
        )

    def get_progress(self, progress_id: uuid.UUID) -> LessonProgress | None:
        """Deleted rows included: the id is deterministic, so a new mark must revive the row."""
        return self._session.get(LessonProgress, progress_id)

    def progress_of(
        self, student_id: uuid.UUID, lesson_ids: Iterable[uuid.UUID]
    ) -> Sequence[LessonProgress]:
        ids = list(lesson_ids)
        if not ids:
            return []
        stmt = select(LessonProgress).where(
            LessonProgress.student_id == student_id,
            LessonProgress.lesson_id.in_(ids),
            LessonProgress.deleted_at.is_(None),
        )
        return self._session.scalars(stmt).all()
