"""Classes of programs at facilities, and the people, rooms and programs a class refers to."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Integer, Select, case, func, select
from sqlalchemy.orm import aliased

from app.db.models import Enrollment as EnrollmentRow
from app.db.models import Facility, Program, ProgramClass, Room, StaffScope, User
from app.domain.enums import ClassStatus, EnrollmentStatus
from app.repositories.base import RowRepository


class ClassListing(NamedTuple):
    """A class as lists show it: with program, instructor and room names and roster counts."""

    id: uuid.UUID
    name: str
    program_id: uuid.UUID
    program_name: str
    facility_id: uuid.UUID
    instructor_id: uuid.UUID | None
    instructor_first: str | None
    instructor_last: str | None
    room_id: uuid.UUID | None
    room_name: str | None
    capacity: int | None
    enrolled_count: int
    waitlisted_count: int
    status: ClassStatus
    start_date: date
    end_date: date | None
    description: str | None
    credit_hours: Decimal | None


class ClassRepository(RowRepository[ProgramClass]):
    """Reads and writes ``program_classes``; soft-deleted rows are invisible."""

    _model = ProgramClass

    def facility(self, facility_id: uuid.UUID) -> Facility | None:
        return self._live(Facility, facility_id)

    def room(self, room_id: uuid.UUID) -> Room | None:
        return self._live(Room, room_id)

    def person(self, user_id: uuid.UUID) -> User | None:
        return self._live(User, user_id)

    def works_at(self, user_id: uuid.UUID, facility_id: uuid.UUID) -> bool:
        """Whether a staff member's scope includes the facility (besides their home facility)."""
        stmt = (
            select(StaffScope.id)
            .where(
                StaffScope.user_id == user_id,
                StaffScope.facility_id == facility_id,
                StaffScope.deleted_at.is_(None),
            )
            .limit(1)
        )
        return self._session.scalar(stmt) is not None

    def listings(
        self,
        facility_id: uuid.UUID,
        *,
        status: ClassStatus | None = None,
        instructor_id: uuid.UUID | None = None,
    ) -> list[ClassListing]:
        stmt = self._listing().where(ProgramClass.facility_id == facility_id)
        if status is not None:
            stmt = stmt.where(ProgramClass.status == status)
        if instructor_id is not None:
            stmt = stmt.where(ProgramClass.instructor_id == instructor_id)
        stmt = stmt.order_by(ProgramClass.start_date, ProgramClass.name, ProgramClass.id)
        return [ClassListing(*row) for row in self._session.execute(stmt)]

    def _listing(self) -> Select[*tuple[Any, ...]]:
        instructor = aliased(User)
        active = EnrollmentRow.deleted_at.is_(None)
        counts = (
            select(
                EnrollmentRow.class_id.label("class_id"),
                func.sum(
                    case(
                        (EnrollmentRow.enrollment_status == EnrollmentStatus.ENROLLED, 1),
                        else_=0,
                    )
                ).label("enrolled"),
                func.sum(
                    case(
                        (EnrollmentRow.enrollment_status == EnrollmentStatus.WAITLISTED, 1),
                        else_=0,
                    )
                ).label("waitlisted"),
            )
            .where(active)
            .group_by(EnrollmentRow.class_id)
            .subquery()
        )
        return (
            select(
                ProgramClass.id,
                ProgramClass.name,
                ProgramClass.program_id,
                Program.name,
                ProgramClass.facility_id,
                ProgramClass.instructor_id,
                instructor.name_first,
                instructor.name_last,
                ProgramClass.room_id,
                Room.name,
                ProgramClass.capacity,
                func.coalesce(counts.c.enrolled, 0).cast(Integer),
                func.coalesce(counts.c.waitlisted, 0).cast(Integer),
                ProgramClass.status,
                ProgramClass.start_date,
                ProgramClass.end_date,
                ProgramClass.description,
                ProgramClass.credit_hours,
            )
            .join(Program, Program.id == ProgramClass.program_id)
            .outerjoin(instructor, instructor.id == ProgramClass.instructor_id)
            .outerjoin(Room, Room.id == ProgramClass.room_id)
            .outerjoin(counts, counts.c.class_id == ProgramClass.id)
            .where(ProgramClass.deleted_at.is_(None))
        )
