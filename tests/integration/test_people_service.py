"""PeopleService on SQLite and PostgreSQL: reading a student and the medical record, search,
guardians."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, update

from app.db.models import StudentGuardian, User
from app.domain.enums import GuardianRelationship, PersonStatus
from app.domain.errors import NotFound, ValidationError
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.facilities import FacilityDTO
from app.services.people import PeopleService, StudentSummary
from tests.integration.factories import add_guardian, new_facility, new_medical, new_student

NOW = datetime(2025, 6, 2, 15, 0, tzinfo=UTC)


def count(uow: UnitOfWorkFactory, model: type[Any]) -> int:
    with uow() as u:
        return int(u.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def people(uow: UnitOfWorkFactory, clock: FixedClock) -> PeopleService:
    return PeopleService(uow, clock)


@pytest.fixture
def north(uow: UnitOfWorkFactory) -> FacilityDTO:
    return new_facility(uow, "North", "America/Chicago")


@pytest.fixture
def south(uow: UnitOfWorkFactory) -> FacilityDTO:
    return new_facility(uow, "South", "UTC")


def student(
    uow: UnitOfWorkFactory, facility: FacilityDTO, first: str, last: str, **kw: Any
) -> uuid.UUID:
    """A student as the server or an import brings one (the desk does not create students)."""
    return new_student(uow, facility.id, first, last, **kw)


# -- reading a student -------------------------------------------------------------------------


def test_a_student_is_read_with_the_profile(
    people: PeopleService, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    created = student(
        uow,
        north,
        "José",
        "García López",
        number="STU-2025-0001",
        doc_id="AB-123",
        email="jose@example.org",
        phone="555-0100",
        date_of_birth=date(2001, 4, 5),
        enrollment_date=date(2025, 6, 1),
        address="12 Elm St\nSpringfield",
    )
    detail = people.get_student(created)
    assert detail.display_name == "García López, José"
    assert (detail.student_number, detail.doc_id) == ("STU-2025-0001", "AB-123")
    assert detail.status is PersonStatus.ACTIVE
    assert (detail.email, detail.phone) == ("jose@example.org", "555-0100")
    assert (detail.date_of_birth, detail.enrollment_date) == (date(2001, 4, 5), date(2025, 6, 1))
    assert detail.address == "12 Elm St\nSpringfield"
    with pytest.raises(NotFound):
        people.get_student(uuid.uuid4())


def test_inactive_students_are_hidden_from_search_unless_asked(
    people: PeopleService, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    ann = student(uow, north, "Ann", "Smith")
    with uow() as u:  # the server or an import deactivates a student
        u.session.execute(update(User).where(User.id == ann).values(status=PersonStatus.INACTIVE))
        u.commit()
    assert people.search_students(north.id, "smith") == []
    assert [s.id for s in people.search_students(north.id, "smith", include_inactive=True)] == [ann]


def test_the_medical_record_is_read_apart_by_admins(
    people: PeopleService, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    ann = student(uow, north, "Ann", "Smith")
    empty = people.get_medical(ann)
    assert (empty.medical_notes, empty.allergies, empty.emergency_contact_name) == (
        None,
        None,
        None,
    )
    values: dict[str, Any] = {
        "emergency_contact_name": "Bea Smith",
        "emergency_contact_phone": "555-0101",
        "emergency_contact_relationship": "Mother",
        "medical_notes": "Asthma",
        "allergies": "Peanuts",
    }
    new_medical(uow, ann, north.id, **values)
    medical = people.get_medical(ann)
    assert (medical.student_id, medical.allergies, medical.medical_notes) == (
        ann,
        "Peanuts",
        "Asthma",
    )
    assert people.get_student(ann).display_name == "Smith, Ann"  # the profile holds none of it
    with pytest.raises(NotFound):
        people.get_medical(uuid.uuid4())


# -- search ------------------------------------------------------------------------------------


@pytest.fixture
def roster(uow: UnitOfWorkFactory, north: FacilityDTO, south: FacilityDTO) -> dict[str, uuid.UUID]:
    people = [
        ("jose", north, "José", "García"),
        ("ann", north, "Ann", "Smith"),
        ("johan", north, "Johan", "Smithers"),
        ("john", north, "John", "Ansel"),
        ("maryann", north, "Mary Ann", "de la Cruz"),
        ("other", south, "Ann", "Smithfield"),
    ]
    return {
        key: student(
            uow,
            facility,
            first,
            last,
            number=f"STU-2025-{i:04d}",
            doc_id="A100" if key == "jose" else None,  # resident ids are stored upper-case
        )
        for i, (key, facility, first, last) in enumerate(people, start=1)
    }


def names(rows: list[StudentSummary]) -> list[str]:
    return [r.display_name for r in rows]


@pytest.mark.usefixtures("roster")
def test_search_by_names_in_either_order(people: PeopleService, north: FacilityDTO) -> None:
    def find(text: str) -> list[str]:
        return names(people.search_students(north.id, text))

    assert find("smi") == ["Smith, Ann", "Smithers, Johan"]  # last-name prefix, by name
    assert find("jo") == ["Ansel, John", "García, José", "Smithers, Johan"]  # first-name prefix
    assert find("john ans") == ["Ansel, John"]  # first last
    assert find("ansel jo") == ["Ansel, John"]  # last first
    assert find("smi jo") == ["Smithers, Johan"]  # a prefix of each
    assert find("  ANN   smith ") == ["Smith, Ann"]
    assert find("mary ann de") == ["de la Cruz, Mary Ann"]  # names of several words
    assert find("de la cruz m") == ["de la Cruz, Mary Ann"]
    assert find("zzz") == []
    assert find("%") == [] and find("_") == []  # no LIKE wildcards
    assert find("smi\x00") == find("smi")  # PostgreSQL would refuse a NUL
    assert find("smi\udc00") == find("smi")  # nor could a lone surrogate be encoded


@pytest.mark.usefixtures("roster")
def test_search_ignores_accents_and_case(people: PeopleService, north: FacilityDTO) -> None:
    for text in ("jose", "JOSÉ", "garcia", "García j", "GARCÍA"):
        assert names(people.search_students(north.id, text)) == ["García, José"], text


def test_search_by_student_number_and_resident_id(
    people: PeopleService, north: FacilityDTO, roster: dict[str, uuid.UUID]
) -> None:
    ann = people.get_student(roster["ann"])
    assert ann.student_number == "STU-2025-0002"
    assert [s.id for s in people.search_students(north.id, "stu-2025-0002")] == [ann.id]
    assert len(people.search_students(north.id, "STU-2025-000")) == 5
    assert [s.id for s in people.search_students(north.id, "A1")] == [roster["jose"]]
    assert [s.id for s in people.search_students(north.id, "a100")] == [roster["jose"]]


def test_search_filters_by_facility(
    people: PeopleService, north: FacilityDTO, south: FacilityDTO, roster: dict[str, uuid.UUID]
) -> None:
    assert names(people.search_students(south.id, "smith")) == ["Smithfield, Ann"]
    assert names(people.search_students(None, "smith")) == [
        "Smith, Ann",
        "Smithers, Johan",
        "Smithfield, Ann",
    ]
    assert people.count_students(north.id, "smith") == 2
    assert people.count_students(None, "smith") == 3


@pytest.mark.usefixtures("roster")
def test_empty_search_pages_through_everyone_by_name(
    people: PeopleService, north: FacilityDTO
) -> None:
    everyone = names(people.search_students(north.id, ""))
    assert everyone == [
        "Ansel, John",
        "de la Cruz, Mary Ann",
        "García, José",
        "Smith, Ann",
        "Smithers, Johan",
    ]
    pages = [names(people.search_students(north.id, "", limit=2, offset=o)) for o in (0, 2, 4)]
    assert pages == [everyone[0:2], everyone[2:4], everyone[4:]]
    assert names(people.search_students(north.id, "smi", limit=1, offset=1)) == ["Smithers, Johan"]
    assert people.count_students(north.id, "") == 5
    with pytest.raises(ValidationError):
        people.search_students(north.id, "", limit=0)
    with pytest.raises(ValidationError):
        people.search_students(north.id, "", offset=-1)


# -- guardians ---------------------------------------------------------------------------------


def test_guardians_of_a_student_primary_first_without_unlinked_ones(
    people: PeopleService, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    ann = student(uow, north, "Ann", "Smith")
    tom = student(uow, north, "Tom", "Smith")
    with uow() as u:
        mum = add_guardian(u, ann, north.id, "Bea", "Smith", GuardianRelationship.MOTHER)
        gran = add_guardian(
            u, ann, north.id, "Cat", "Jones", GuardianRelationship.GRANDPARENT, is_primary=True
        )
        add_guardian(u, tom, north.id, "Dan", "Smith", GuardianRelationship.FATHER, unlinked_at=NOW)
        u.commit()
    assert [(g.id, g.is_primary, g.relationship) for g in people.guardians_of(ann)] == [
        (gran, True, GuardianRelationship.GRANDPARENT),
        (mum, False, GuardianRelationship.MOTHER),
    ]
    assert people.guardians_of(tom) == []
    assert count(uow, StudentGuardian) == 3
