"""RecordsService on SQLite and PostgreSQL: credentials, case notes, hours ledger, audit trail."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.models import CaseNote, Credential, HoursLog
from app.domain.enums import (
    AccountAction,
    AuditAction,
    CaseNoteCategory,
    CredentialKind,
    HoursKind,
    ProgramType,
    Role,
)
from app.domain.errors import (
    DuplicateError,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ValidationError,
)
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.facilities import FacilityService
from app.services.people import NewStudent, PeopleService, StudentSummary
from app.services.programs import ProgramService
from app.services.records import RecordsService

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
    facility = FacilityService(uow).create_facility("West", "America/Los_Angeles")
    return people.create_student(NewStudent(facility.id, "Ann", "Smith"))


# -- credentials -------------------------------------------------------------------------------


def test_issue_credentials(
    records: RecordsService, ann: StudentSummary, uow: UnitOfWorkFactory, clock: FixedClock
) -> None:
    program = ProgramService(uow, clock).create_program("Welding", types={ProgramType.VOCATIONAL})
    cert = records.issue_credential(
        ann.id,
        CredentialKind.CERTIFICATE,
        "AWS D1.1",
        program_id=program.id,
        cert_serial="W-0001",
        issued_on=date(2025, 5, 1),
    )
    transcript = records.issue_credential(
        ann.id, CredentialKind.TRANSCRIPT, "Transcript", gpa=Decimal("3.75"), total_credits=24
    )
    assert transcript.issued_on == date(2025, 6, 1)  # today at the facility, not in UTC
    assert (transcript.gpa, transcript.total_credits) == (Decimal("3.75"), Decimal("24.00"))
    assert [c.id for c in records.credentials_of(ann.id)] == [transcript.id, cert.id]
    assert cert.program_id == program.id and cert.cert_serial == "W-0001"


def test_bad_credentials_are_refused_and_store_nothing(
    records: RecordsService, ann: StudentSummary, uow: UnitOfWorkFactory
) -> None:
    records.issue_credential(ann.id, CredentialKind.CERTIFICATE, "First aid", cert_serial="FA-1")
    bad: list[tuple[dict[str, Any], type[Exception]]] = [
        ({"gpa": Decimal("5")}, ValidationError),
        ({"gpa": Decimal("-0.01")}, ValidationError),
        ({"gpa": Decimal("3.333")}, ValidationError),
        ({"title": ""}, ValidationError),
        ({"title": "t" * 201}, ValidationError),
        ({"issued_on": date(2025, 6, 2)}, ValidationError),  # tomorrow at the facility
        ({"cert_serial": "FA-1"}, DuplicateError),
        ({"cert_serial": "  FA-1 "}, DuplicateError),
        ({"kind": "diploma"}, ValidationError),
        ({"program_id": uuid.uuid4()}, NotFound),
    ]
    for changes, error in bad:
        values: dict[str, Any] = {"kind": CredentialKind.GRADE, "title": "Algebra", **changes}
        kind, title = values.pop("kind"), values.pop("title")
        with pytest.raises(error) as info:
            records.issue_credential(ann.id, kind, title, **values)
        assert str(info.value), changes
    assert count(uow, Credential) == 1


# -- case notes --------------------------------------------------------------------------------


def test_case_notes_newest_first_and_soft_deleted(
    records: RecordsService,
    people: PeopleService,
    ann: StudentSummary,
    clock: FixedClock,
    uow: UnitOfWorkFactory,
) -> None:
    me = people.create_staff(ann.facility_id, "Test", "Admin", Role.INSTRUCTOR, "test_admin")
    first = records.add_case_note(ann.id, "Settling in well.", subject="Intake")
    clock.set(NOW + timedelta(hours=1))
    second = records.add_case_note(
        ann.id, "  Missed two sessions.\r\nCalled home. ", CaseNoteCategory.ATTENDANCE
    )
    assert second.body == "Missed two sessions.\nCalled home."
    assert (first.author_id, first.created_by, first.subject) == (me.id, "test_admin", "Intake")
    assert [n.id for n in records.case_notes_of(ann.id)] == [second.id, first.id]

    for body in ("", "   ", "x" * 10_001):
        with pytest.raises(ValidationError):
            records.add_case_note(ann.id, body)
    with pytest.raises(ValidationError):
        records.add_case_note(ann.id, "ok", subject="s" * 101)
    with pytest.raises(NotFound):
        records.add_case_note(ann.id, "ok", author_id=ann.id)  # a student is not an author
    assert count(uow, CaseNote) == 2

    records.delete_case_note(first.id)
    assert [n.id for n in records.case_notes_of(ann.id)] == [second.id]
    assert count(uow, CaseNote) == 2  # soft delete
    with pytest.raises(NotFound):
        records.delete_case_note(first.id)
    trail = records.audit_trail(first.id)
    assert [e.action for e in trail] == [AuditAction.DELETE, AuditAction.INSERT]


# -- hours ledger ------------------------------------------------------------------------------


def test_clock_in_and_out_then_verify(
    records: RecordsService, ann: StudentSummary, uow: UnitOfWorkFactory
) -> None:
    entry = records.clock_in(ann.id, HoursKind.LAB, T0, site_name="Shop 2", supervisor_name="Kim")
    assert entry.is_open and entry.minutes is None
    assert entry.day == date(2025, 6, 1)  # 08:00 in Los Angeles
    with pytest.raises(ValidationError, match="already clocked in"):
        records.clock_in(ann.id, HoursKind.STUDY, T0 + timedelta(hours=1))
    with pytest.raises(NotAllowed):
        records.verify_hours(entry.id)
    with pytest.raises(ValidationError):
        records.clock_out(entry.id, T0 - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        records.clock_out(entry.id, datetime(2025, 6, 1, 18, 0))  # naive: which zone?
    assert records.hours_of(ann.id).open_entry_id == entry.id
    assert count(uow, HoursLog) == 1

    closed = records.clock_out(entry.id, T0 + timedelta(hours=2, minutes=30, seconds=59))
    assert (closed.minutes, closed.is_open) == (150, False)
    with pytest.raises(InvalidTransition, match="already clocked out"):
        records.clock_out(entry.id, T0 + timedelta(hours=3))
    verified = records.verify_hours(entry.id)
    assert (verified.verified, verified.verified_by, verified.verified_at) == (
        True,
        "test_admin",
        NOW,
    )
    with pytest.raises(InvalidTransition):
        records.verify_hours(entry.id)


def test_log_past_hours_and_totals(
    records: RecordsService, ann: StudentSummary, uow: UnitOfWorkFactory, clock: FixedClock
) -> None:
    program = ProgramService(uow, clock).create_program("Nursing", types={ProgramType.VOCATIONAL})
    day1 = records.log_hours(
        ann.id, HoursKind.EXTERNSHIP, T0, T0 + timedelta(hours=4), program_id=program.id
    )
    day2 = records.log_hours(
        ann.id, HoursKind.EXTERNSHIP, T0 + timedelta(days=1), T0 + timedelta(days=1, hours=3)
    )
    records.verify_hours(day1.id)
    bad: list[tuple[datetime, datetime]] = [
        (T0 + timedelta(hours=3), T0 + timedelta(hours=5)),  # overlaps day1
        (T0 - timedelta(hours=1), T0 + timedelta(hours=5)),  # contains day1
        (T0 + timedelta(hours=6), T0 + timedelta(hours=5)),  # ends before it starts
        (T0 + timedelta(hours=6), T0 + timedelta(hours=6)),  # no duration
    ]
    for start, end in bad:
        with pytest.raises(ValidationError):
            records.log_hours(ann.id, HoursKind.LAB, start, end)
    with pytest.raises(ValidationError):
        records.clock_in(ann.id, HoursKind.LAB, T0 + timedelta(hours=1))  # inside day1
    assert count(uow, HoursLog) == 2

    summary = records.hours_of(ann.id)
    assert [e.id for e in summary.entries] == [day2.id, day1.id]
    assert (summary.verified_minutes, summary.unverified_minutes) == (240, 180)
    assert summary.open_entry_id is None
    only = records.hours_of(ann.id, program.id)
    assert [e.id for e in only.entries] == [day1.id]


# -- audit -------------------------------------------------------------------------------------


def test_student_audit_trail_shows_old_and_new_values_and_the_actor(
    records: RecordsService, people: PeopleService, ann: StudentSummary
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
    note = records.add_case_note(ann.id, "Doing well")
    other = people.create_student(NewStudent(ann.facility_id, "Bob", "Jones"))
    records.add_case_note(other.id, "Not Ann's")

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
    assert note.id in {e.row_id for e in trail}
    assert all(e.row_id != other.id for e in trail)
    changed = [e.changed_at for e in trail]
    assert changed == sorted(changed, reverse=True)  # newest first
    assert records.audit_trail(ann.id)[0] == update
    with pytest.raises(NotFound):
        records.student_audit_trail(uuid.uuid4())


def test_account_history(
    records: RecordsService, people: PeopleService, ann: StudentSummary
) -> None:
    people.deactivate_student(ann.id, "Transferred out")
    history = records.account_history(ann.id)
    assert [(h.action, h.admin_username) for h in history] == [
        (AccountAction.USER_DEACTIVATED, "test_admin")
    ]
    assert history[0].details == {"reason": "Transferred out"}
