"""RecordsService on SQLite and PostgreSQL: the audit trail."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.models import User
from app.domain import i18n
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
        add_case_note(u, facility, ann, "Doing well", NOW)
        add_case_note(u, facility, other, "Not Ann's", NOW)
        u.commit()

    lines = records.student_audit_lines(ann)
    changed = next(ln for ln in lines if ln.what == "Person changed")
    assert changed.changes == "First name: Ann → Anne; Phone: — → 555-0199"
    assert (changed.who, changed.workstation) == ("test_admin", "test-device")
    whats = [ln.what for ln in lines]
    assert {"Person added", "Student profile added", "Medical details added"} <= set(whats)
    assert whats.index("Case note added") < whats.index("Person changed")  # newest first
    notes = [ln.changes for ln in lines if ln.what == "Case note added"]
    assert len(notes) == 1  # Bob's note is not Ann's
    assert notes[0].startswith("Body: Doing well")  # the server's audit adds the default category
    medical = next(ln for ln in lines if ln.what == "Medical details added")
    assert medical.changes == "Emergency contact: Bea; Allergies: Latex"
    with pytest.raises(NotFound):
        records.student_audit_lines(uuid.uuid4())


def test_the_audit_lines_say_what_happened_in_the_desks_language(
    records: RecordsService, ann: uuid.UUID, uow: UnitOfWorkFactory
) -> None:
    with uow() as u:
        user = u.session.get(User, ann)
        assert user is not None
        user.phone = "555-0199"
        u.commit()
    french = {("audit", "{table} changed"): "{table} : modification"}
    i18n.install(lambda context, text: french.get((context, text), text))
    try:
        lines = records.student_audit_lines(ann)
    finally:
        i18n.install(None)
    assert "Person : modification" in [ln.what for ln in lines]  # the template, filled in
    assert "Person changed" in [ln.what for ln in records.student_audit_lines(ann)]
