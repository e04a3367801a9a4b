"""One student's curriculum in three bounded queries: the programs they are enrolled in, those
programs' lessons in order, and the student's progress on them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select

from app.db.models import Enrollment, Lesson, LessonProgress, Module, Program, ProgramClass
from app.domain.enums import EnrollmentStatus, ProgressStatus
from app.repositories.base import Repository

# Waitlisted and cancelled enrolments never put the student in front of the curriculum.
NOT_TAKEN = (EnrollmentStatus.WAITLISTED, EnrollmentStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class LessonLine:
    program_id: uuid.UUID
    module_id: uuid.UUID
    module_name: str
    module_order: int
    lesson_id: uuid.UUID
    title: str
    lesson_order: int


@dataclass(frozen=True, slots=True)
class ProgressLine:
    lesson_id: uuid.UUID
    status: ProgressStatus
    at: datetime  # when the status was last set: the assessment, else the row's last change


def _live_lessons_of(program_ids: list[uuid.UUID]) -> tuple[ColumnElement[bool], ...]:
    """Where a query joining lessons to their modules keeps the live lessons of live modules
    of the programs."""
    return (
        Module.program_id.in_(program_ids),
        Module.deleted_at.is_(None),
        Lesson.deleted_at.is_(None),
    )


class StudentCurriculumRepository(Repository):
    """Read-only: live rows only; each method is one query, whatever the number of lessons."""

    def programs_of(self, student_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
        """(id, name) of the programs of the student's live enrolments, waitlist and
        cancelled ones aside, by name."""
        stmt = (
            select(Program.id, Program.name)
            .join(ProgramClass, ProgramClass.program_id == Program.id)
            .join(Enrollment, Enrollment.class_id == ProgramClass.id)
            .where(
                Enrollment.user_id == student_id,
                Enrollment.deleted_at.is_(None),
                Enrollment.enrollment_status.not_in(NOT_TAKEN),
                ProgramClass.deleted_at.is_(None),
                Program.deleted_at.is_(None),
            )
            .group_by(Program.id, Program.name)
            .order_by(Program.name, Program.id)
        )
        return [(pid, name) for pid, name in self._session.execute(stmt)]

    def lessons_of(self, program_ids: Iterable[uuid.UUID]) -> list[LessonLine]:
        """Every live lesson of the programs, in program, module then lesson order."""
        ids = list(program_ids)
        if not ids:
            return []
        stmt = (
            select(
                Module.program_id,
                Module.id,
                Module.name,
                Module.sequence_order,
                Lesson.id,
                Lesson.title,
                Lesson.sequence_order,
            )
            .join(Lesson, Lesson.module_id == Module.id)
            .where(*_live_lessons_of(ids))
            .order_by(
                Module.program_id,
                Module.sequence_order,
                Module.id,
                Lesson.sequence_order,
                Lesson.id,
            )
        )
        return [LessonLine(*row) for row in self._session.execute(stmt)]

    def progress_on(
        self, student_id: uuid.UUID, program_ids: Iterable[uuid.UUID]
    ) -> list[ProgressLine]:
        """The student's live progress rows on live lessons of the programs."""
        ids = list(program_ids)
        if not ids:
            return []
        lp = LessonProgress
        stmt = (
            select(lp.lesson_id, lp.status, lp.assessed_at, lp.updated_at)
            .join(Lesson, Lesson.id == lp.lesson_id)
            .join(Module, Module.id == Lesson.module_id)
            .where(lp.student_id == student_id, lp.deleted_at.is_(None), *_live_lessons_of(ids))
        )
        return [
            ProgressLine(lesson, status, assessed if assessed is not None else updated)
            for lesson, status, assessed, updated in self._session.execute(stmt)
        ]
