"""A student's progress through the curricula of the programs they are enrolled in.

Three queries whatever the size of the curricula (``StudentCurriculumRepository``); the counting
is done here, over the rows they return.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime, tzinfo

from app.domain.enums import ProgressStatus
from app.repositories.student_curriculum import (
    LessonLine,
    ProgressLine,
    StudentCurriculumRepository,
)
from app.repositories.uow import UnitOfWork
from app.services.curriculum_dto import LessonStatusDTO, ProgramProgressDTO
from app.services.reports_dto import rate_pct

__all__ = ["LessonStatusDTO", "ProgramProgressDTO", "student_curriculum"]


def student_curriculum(
    uow: UnitOfWork, student_id: uuid.UUID, zone: tzinfo
) -> list[ProgramProgressDTO]:
    """Per program of the student's enrolments (by name): modules and lessons completed out of
    the curriculum, the percent, the last activity as a date in ``zone``, every lesson in order
    with its status. Runs inside the caller's unit of work; reads only."""
    repo = uow.get(StudentCurriculumRepository)
    programs = repo.programs_of(student_id)
    ids = [pid for pid, _ in programs]
    lessons: dict[uuid.UUID, list[LessonLine]] = defaultdict(list)
    for line in repo.lessons_of(ids):
        lessons[line.program_id].append(line)
    marks = {p.lesson_id: p for p in repo.progress_on(student_id, ids)}
    return [_program(pid, name, lessons.get(pid, []), marks, zone) for pid, name in programs]


def _local(at: datetime | None, zone: tzinfo) -> date | None:
    return None if at is None else at.astimezone(zone).date()


def _program(
    program_id: uuid.UUID,
    name: str,
    lines: list[LessonLine],
    marks: dict[uuid.UUID, ProgressLine],
    zone: tzinfo,
) -> ProgramProgressDTO:
    positions: dict[uuid.UUID, int] = {}
    module_done: dict[uuid.UUID, bool] = {}
    items: list[LessonStatusDTO] = []
    latest: datetime | None = None
    for line in lines:
        position = positions.setdefault(line.module_id, len(positions) + 1)
        mark = marks.get(line.lesson_id)
        status = mark.status if mark is not None else ProgressStatus.NOT_STARTED
        if mark is not None and (latest is None or mark.at > latest):
            latest = mark.at
        done = status is ProgressStatus.COMPLETED
        module_done[line.module_id] = module_done.get(line.module_id, True) and done
        items.append(
            LessonStatusDTO(
                module_id=line.module_id,
                module_name=line.module_name,
                module_position=position,
                lesson_id=line.lesson_id,
                title=line.title,
                status=status,
                last_activity=_local(mark.at if mark is not None else None, zone),
            )
        )
    completed = sum(1 for i in items if i.status is ProgressStatus.COMPLETED)
    return ProgramProgressDTO(
        program_id=program_id,
        program_name=name,
        modules_completed=sum(module_done.values()),
        modules_total=len(module_done),
        lessons_completed=completed,
        lessons_in_progress=sum(1 for i in items if i.status is ProgressStatus.IN_PROGRESS),
        lessons_total=len(items),
        pct=rate_pct(completed, len(items)),
        last_activity=_local(latest, zone),
        lessons=tuple(items),
    )
