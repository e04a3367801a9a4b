"""RecordsService on SQLite and PostgreSQL: the audit trail."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain.enums import (
    AuditAction,
)
from app.domain.errors import (
    NotFound,
)
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.people import NewStudent, PeopleService, StudentSummary
from app.services.records import RecordsService
from tests.integration.factories import add_case_note, new_facility

# 01:30 UTC on 2 June is still 1 June in Los Angeles.
NOW = datetime(2025, 6, 2, 1, 30, tzinfo=UTC)
T0 = datetime(2025, 6, 1, 15, 0, tzinfo=UTC)


def count(uow: UnitOfWorkFactory, model: type[Any]) -> int:
    with uow() as u:
        return int(u.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def records(uow: UnitOfWorkFactory, clock: FixedClock) -> RecordsService:
    return RecordsService(uow, clock)


@pytest.fixture
def people(uow: UnitOfWorkFactory, clock: FixedClock) -> PeopleService:
    return PeopleService(uow, clock)


@pytest.fixture
def ann(uow: UnitOfWorkFactory, people: PeopleService) -> StudentSummary:
    facility = new_facility(uow, "West", "America/Los_Angeles")
    return people.create_student(NewStudent(facility.id, "Ann", "Smith"))


# -- audit -------------------------------------------------------------------------------------


def test_student_audit_trail_shows_old_and_new_values_and_the_actor(
    records: RecordsService, people: PeopleService, ann: StudentSummary, uow: UnitOfWorkFactory
) -> None:
    people.update_student(ann.id, name_first="Anne", phone="555-0199")
    people.set_medical(
        ann.id,
        emergency_contact_name="Bea",
        emergency_contact_phone=None,
        emergency_contact_relationship=None,
        medical_notes=None,
        allergies="Latex",
    )
    other = people.create_student(NewStudent(ann.facility_id, "Bob", "Jones"))
    with uow() as u:
        note = add_case_note(u, ann.facility_id, ann.id, "Doing well", NOW)
        add_case_note(u, ann.facility_id, other.id, "Not Ann's", NOW)
        u.commit()

    trail = records.student_audit_trail(ann.id)
    update = next(e for e in trail if e.table_name == "users" and e.action is AuditAction.UPDATE)
    assert update.old_values == {
        "name_first": "Ann",
        "phone": None,
        "search_first": "ann",
        "search_name": "smith ann",
    }
    assert update.new_values is not None
    assert (update.new_values["name_first"], update.new_values["phone"]) == ("Anne", "555-0199")
    assert (update.changed_by, update.device_id, update.row_id) == (
        "test_admin",
        "test-device",
        ann.id,
    )
    tables = {e.table_name for e in trail}
    assert {"users", "student_profiles", "student_medical", "case_notes"} <= tables
    assert note in {e.row_id for e in trail}
    assert all(e.row_id != other.id for e in trail)
    changed = [e.changed_at for e in trail]
    assert changed == sorted(changed, reverse=True)  # newest first
    with pytest.raises(NotFound):
        records.student_audit_trail(uuid.uuid4())
