"""PeopleService on SQLite and PostgreSQL: students, search, staff and scope, guardians."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, update

from app.db.models import (
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.domain.enums import GuardianRelationship, PersonStatus
from app.domain.errors import DuplicateError, NotFound, ValidationError
from app.infra.clock import FixedClock
from app.repositories.people import PeopleRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.facilities import FacilityDTO
from app.services.people import NewStudent, PeopleService, StudentSummary
from tests.integration.factories import add_guardian, new_facility

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
    people: PeopleService, facility: FacilityDTO, first: str, last: str, **kw: Any
) -> StudentSummary:
    return people.create_student(NewStudent(facility.id, first, last, **kw))


# -- creating students -------------------------------------------------------------------------


def test_create_student_with_profile(people: PeopleService, north: FacilityDTO) -> None:
    created = student(
        people,
        north,
        " José ",
        "García  López",
        doc_id=" ab-123 ",
        email="Jose@Example.org",
        phone="555-0100",
        date_of_birth=date(2001, 4, 5),
        enrollment_date=date(2025, 6, 1),
        address="12 Elm St\nSpringfield",
    )
    assert created.display_name == "García López, José"
    assert created.student_number == "STU-2025-0001"
    assert created.doc_id == "AB-123"  # codes are stored upper-case for case-free search
    assert created.status is PersonStatus.ACTIVE
    detail = people.get_student(created.id)
    assert (detail.email, detail.phone) == ("jose@example.org", "555-0100")
    assert (detail.date_of_birth, detail.enrollment_date) == (date(2001, 4, 5), date(2025, 6, 1))
    assert detail.address == "12 Elm St\nSpringfield"


def test_student_numbers_are_sequential_within_the_year_and_restart_in_a_new_one(
    people: PeopleService, north: FacilityDTO, south: FacilityDTO, clock: FixedClock
) -> None:
    numbers = [
        student(people, f, "A", f"Student{i}").student_number
        for i, f in enumerate([north, south, north])
    ]
    assert numbers == ["STU-2025-0001", "STU-2025-0002", "STU-2025-0003"]  # unique schema-wide
    given = student(people, north, "B", "Given", student_number="stu-2025-0042")
    assert given.student_number == "STU-2025-0042"  # normalised
    assert student(people, north, "C", "After").student_number == "STU-2025-0043"

    # 03:00 UTC on New Year's Day is still 2025 in Chicago: the facility's year counts.
    clock.set(datetime(2026, 1, 1, 3, 0, tzinfo=UTC))
    assert student(people, north, "D", "Eve").student_number == "STU-2025-0044"
    assert student(people, south, "E", "Utc").student_number == "STU-2026-0001"
    clock.set(datetime(2026, 1, 1, 7, 0, tzinfo=UTC))
    assert student(people, north, "F", "Morning").student_number == "STU-2026-0002"


def test_a_number_taken_meanwhile_is_allocated_again(
    people: PeopleService, north: FacilityDTO, monkeypatch: pytest.MonkeyPatch
) -> None:
    student(people, north, "Ann", "First")
    real = PeopleRepository.student_numbers_with_prefix
    calls: list[str] = []

    def stale_once(self: PeopleRepository, prefix: str) -> list[str]:
        # The first look misses STU-2025-0001, as if another workstation had just taken it.
        calls.append(prefix)
        return [] if len(calls) == 1 else real(self, prefix)

    monkeypatch.setattr(PeopleRepository, "student_numbers_with_prefix", stale_once)
    assert student(people, north, "Bob", "Second").student_number == "STU-2025-0002"
    assert calls == ["STU-2025-", "STU-2025-"]


def test_duplicate_student_numbers_are_refused(
    people: PeopleService, north: FacilityDTO, south: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    auto = student(people, north, "Ann", "First")
    with pytest.raises(DuplicateError, match=r"^That student number is already in use\.$"):
        student(people, south, "Bob", "Second", student_number=auto.student_number)
    student(people, north, "Cy", "Third", student_number="STU-2024-0007")
    with pytest.raises(DuplicateError, match=r"^That student number is already in use\.$"):
        student(people, north, "Di", "Fourth", student_number="stu-2024-0007")
    assert count(uow, User) == 2
    assert count(uow, StudentProfile) == 2


BAD_STUDENTS: list[tuple[dict[str, Any], str]] = [
    ({"name_first": ""}, "name_first"),
    ({"name_first": "   "}, "name_first"),
    ({"name_last": ""}, "name_last"),
    ({"name_first": "x" * 101}, "name_first"),
    ({"name_last": "y" * 101}, "name_last"),
    ({"student_number": "STU-25-1"}, "student_number"),
    ({"student_number": "ABC-2025-0001"}, "student_number"),
    ({"student_number": "STU-2025-0000"}, "student_number"),
    ({"email": "not-an-email"}, "email"),
    ({"doc_id": "D" * 65}, "doc_id"),
    ({"date_of_birth": date(2030, 1, 1)}, "date_of_birth"),
]


def test_bad_student_input_is_refused_and_creates_nothing(
    people: PeopleService, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    for changes, field in BAD_STUDENTS:
        values: dict[str, Any] = {"name_first": "Ann", "name_last": "Smith", **changes}
        with pytest.raises(ValidationError) as info:
            people.create_student(NewStudent(north.id, **values))
        assert info.value.field == field, changes
        assert str(info.value)
    with pytest.raises(NotFound):
        people.create_student(NewStudent(uuid.uuid4(), "Ann", "Smith"))
    assert count(uow, User) == 0
    assert count(uow, StudentProfile) == 0


def test_a_duplicate_email_is_refused(
    people: PeopleService, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    ann = student(people, north, "Ann", "Smith", email="ann@example.org")
    with pytest.raises(DuplicateError, match="email address is already in use"):
        student(people, north, "Other", "Ann", email="ANN@example.org")
    bob = student(people, north, "Bob", "Jones", email="bob@example.org")
    with pytest.raises(DuplicateError, match="email address is already in use"):
        people.update_student(bob.id, email="ann@example.org", name_first="Robert")
    assert count(uow, User) == 2
    assert people.get_student(bob.id).email == "bob@example.org"
    assert people.get_student(bob.id).name_first == "Bob"
    assert people.get_student(ann.id).email == "ann@example.org"


def test_update_student_keeps_search_columns_in_step(
    people: PeopleService, north: FacilityDTO
) -> None:
    ann = student(people, north, "Ann", "Smith", address="Old road")
    changed = people.update_student(
        ann.id, name_last="Ölund", phone="555", address=None, date_of_birth=date(2000, 1, 2)
    )
    assert (changed.name_first, changed.name_last, changed.phone) == ("Ann", "Ölund", "555")
    assert (changed.address, changed.date_of_birth) == (None, date(2000, 1, 2))
    assert [s.id for s in people.search_students(north.id, "olund")] == [ann.id]
    assert people.search_students(north.id, "smith") == []
    with pytest.raises(ValidationError):
        people.update_student(ann.id, name_first="", phone="999")
    assert people.get_student(ann.id).phone == "555"


def test_inactive_students_are_hidden_from_search_unless_asked(
    people: PeopleService, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    ann = student(people, north, "Ann", "Smith")
    with uow() as u:  # the server or an import deactivates a student
        u.session.execute(
            update(User).where(User.id == ann.id).values(status=PersonStatus.INACTIVE)
        )
        u.commit()
    assert people.search_students(north.id, "smith") == []
    assert [s.id for s in people.search_students(north.id, "smith", include_inactive=True)] == [
        ann.id
    ]


def test_medical_record_is_kept_apart(
    people: PeopleService, north: FacilityDTO, uow: UnitOfWorkFactory
) -> None:
    ann = student(people, north, "Ann", "Smith")
    empty = people.get_medical(ann.id)
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
    saved = people.set_medical(ann.id, **values)
    assert people.get_medical(ann.id) == saved
    assert saved.allergies == "Peanuts"
    with pytest.raises(ValidationError):
        people.set_medical(
            ann.id, **{**values, "emergency_contact_phone": "5" * 33, "allergies": None}
        )
    assert people.get_medical(ann.id) == saved
    assert count(uow, StudentMedical) == 1
    with pytest.raises(NotFound):
        people.get_medical(uuid.uuid4())


# -- search ------------------------------------------------------------------------------------


@pytest.fixture
def roster(people: PeopleService, north: FacilityDTO, south: FacilityDTO) -> dict[str, uuid.UUID]:
    ids = {
        "jose": student(people, north, "José", "García", doc_id="a100"),
        "ann": student(people, north, "Ann", "Smith"),
        "johan": student(people, north, "Johan", "Smithers"),
        "john": student(people, north, "John", "Ansel"),
        "maryann": student(people, north, "Mary Ann", "de la Cruz"),
        "other": student(people, south, "Ann", "Smithfield"),
    }
    return {k: v.id for k, v in ids.items()}


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
    ann = student(people, north, "Ann", "Smith")
    tom = student(people, north, "Tom", "Smith")
    with uow() as u:
        mum = add_guardian(u, ann.id, north.id, "Bea", "Smith", GuardianRelationship.MOTHER)
        gran = add_guardian(
            u, ann.id, north.id, "Cat", "Jones", GuardianRelationship.GRANDPARENT, is_primary=True
        )
        add_guardian(
            u, tom.id, north.id, "Dan", "Smith", GuardianRelationship.FATHER, unlinked_at=NOW
        )
        u.commit()
    assert [(g.id, g.is_primary, g.relationship) for g in people.guardians_of(ann.id)] == [
        (gran, True, GuardianRelationship.GRANDPARENT),
        (mum, False, GuardianRelationship.MOTHER),
    ]
    assert people.guardians_of(tom.id) == []
    assert count(uow, StudentGuardian) == 3
