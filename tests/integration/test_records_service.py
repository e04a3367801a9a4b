"""RecordsService on SQLite and PostgreSQL: the audit trail."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.models import User
from app.domain.enums import (
    AuditAction,
)
from app.domain.errors import (
    NotFound,
)
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.records import RecordsService
from tests.integration.factories import add_case_note, new_facility, new_medical, new_student

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
def facility(uow: UnitOfWorkFactory) -> uuid.UUID:
    return new_facility(uow, "West", "America/Los_Angeles").id


@pytest.fixture
def ann(uow: UnitOfWorkFactory, facility: uuid.UUID) -> uuid.UUID:
    return new_student(uow, facility, "Ann", "Smith")


# -- audit -------------------------------------------------------------------------------------


def test_student_audit_trail_shows_old_and_new_values_and_the_actor(
    records: RecordsService, ann: uuid.UUID, facility: uuid.UUID, uow: UnitOfWorkFactory
) -> None:
    with uow() as u:  # an edit on this workstation (a sync issue kept mine, an import)
        user = u.session.get(User, ann)
        assert user is not None
        user.name_first, user.search_first, user.search_name = "Anne", "anne", "smith anne"
        user.phone = "555-0199"
        u.commit()
    new_medical(uow, ann, facility, emergency_contact_name="Bea", allergies="Latex")
    other = new_student(uow, facility, "Bob", "Jones")
    with uow() as u:
        note = add_case_note(u, facility, ann, "Doing well", NOW)
        add_case_note(u, facility, other, "Not Ann's", NOW)
        u.commit()

    trail = records.student_audit_trail(ann)
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
        ann,
    )
    tables = {e.table_name for e in trail}
    assert {"users", "student_profiles", "student_medical", "case_notes"} <= tables
    assert note in {e.row_id for e in trail}
    assert all(e.row_id != other for e in trail)
    changed = [e.changed_at for e in trail]
    assert changed == sorted(changed, reverse=True)  # newest first
    with pytest.raises(NotFound):
        records.student_audit_trail(uuid.uuid4())
