"""Facility disruptions on SQLite and PostgreSQL (issue 18, part 2): a lockdown, a count, a storm
cancels the facility's sessions (or those of chosen rooms or programs) meeting a window of time,
with a reason, in one action; lifting it brings them back untouched. Marks already taken are kept
and set for review; the rate, hours and reports count disrupted sessions as not held."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import Engine, select, text

from app.cli import main
from app.db import migrate
from app.db.models import AttendanceRecord, AuditEntry, FacilityDisruption
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, Role
from app.domain.errors import NotAllowed, ValidationError
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.attendance_outcomes import AttendanceOutcomes
from app.services.disruptions import DisruptionService
from app.services.reports import ReportsService
from app.services.rosters import RosterService
from app.services.schedule import ScheduleService
from app.services.schedule_dto import OccurrenceView
from tests.integration.factories import NOW, World, add_series, enrol_all, schedule_world
from tests.integration.staffserver import Server

BEFORE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # enrolled the day before the first session
MONDAYS = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]  # NOW: Mon 16 March, 13:00
MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    return schedule_world(uow, students=2, second="Maths")


@pytest.fixture
def disruptions(uow: UnitOfWorkFactory) -> DisruptionService:
    return DisruptionService(uow, FixedClock(NOW))


@pytest.fixture
def series(uow: UnitOfWorkFactory, world: World) -> tuple[uuid.UUID, uuid.UUID]:
    """Welding I every Monday 09:00-10:00 in the first room and Maths every Monday 11:00-12:00
    in the second, from 2 March; both students on Welding's sheet, Ann present every Monday."""
    with uow() as u:
        welding = add_series(
            u,
            world.facility_id,
            world.classes[0],
            datetime(2026, 3, 2, 9, 0),
            room_id=world.room_id,
        )
        maths = add_series(
            u,
            world.facility_id,
            world.classes[1],
            datetime(2026, 3, 2, 11, 0),
            room_id=world.room2_id,
        )
        u.commit()
    enrol_all(RosterService(uow, FixedClock(BEFORE)), world.classes[0], world.students)
    attendance = AttendanceService(uow, FixedClock(NOW))
    for day in MONDAYS:
        attendance.mark(welding, day, world.students[0], AttendanceStatus.PRESENT)
    return welding, maths


def _monday(uow: UnitOfWorkFactory, world: World, day: date) -> dict[str, OccurrenceView]:
    views = ScheduleService(uow, FixedClock(NOW)).occurrences(world.facility_id, day, day)
    return {v.class_name: v for v in views}


def _marks(uow: UnitOfWorkFactory) -> list[tuple[object, ...]]:
    with uow() as u:
        rows = u.session.execute(
            select(AttendanceRecord.date, AttendanceRecord.needs_review)
            .where(AttendanceRecord.deleted_at.is_(None))
            .order_by(AttendanceRecord.date)
        ).all()
    return [tuple(r) for r in rows]


def test_a_disruption_cancels_the_sessions_of_its_window_and_lifting_it_restores_them(
    uow: UnitOfWorkFactory,
    world: World,
    disruptions: DisruptionService,
    series: tuple[uuid.UUID, uuid.UUID],
) -> None:
    declared = disruptions.declare(
        world.facility_id, datetime(2026, 3, 9, 8, 30), datetime(2026, 3, 9, 10, 30), " Lockdown "
    )
    assert (declared.sessions, declared.marks_for_review) == (1, 1)
    assert declared.disruption.reason == "Lockdown"
    assert declared.disruption.window_text == "Mon 9 Mar 2026 08:30 – 10:30"
    assert declared.disruption.scope_text == "every session"
    shown = _monday(uow, world, date(2026, 3, 9))
    welding, maths = shown["Welding I"], shown["Maths"]
    assert (welding.cancelled, welding.disrupted, welding.reason) == (True, True, "Lockdown")
    assert (maths.cancelled, maths.disrupted) == (False, False)  # 11:00: after the window
    assert not _monday(uow, world, date(2026, 3, 16))["Welding I"].cancelled
    assert _marks(uow) == [
        (date(2026, 3, 2), False),
        (date(2026, 3, 9), True),  # kept, set for review
        (date(2026, 3, 16), False),
    ]
    with uow() as u:
        audited = u.session.scalars(
            select(AuditEntry.table_name).where(AuditEntry.table_name == "facility_disruptions")
        ).all()
    assert audited  # written through the unit of work: audited
    # The other facility's sessions do not know of it.
    assert disruptions.disruptions(world.other_facility_id) == []

    lifted = disruptions.lift(declared.disruption.id)
    assert lifted.lifted
    welding = _monday(uow, world, date(2026, 3, 9))["Welding I"]
    assert (welding.cancelled, welding.disrupted, welding.reason) == (False, False, None)
    assert [d.lifted for d in disruptions.disruptions(world.facility_id)] == [True]
    assert _marks(uow)[1] == (date(2026, 3, 9), True)  # a person decides it
    with pytest.raises(ValidationError, match="lifted already"):
        disruptions.lift(declared.disruption.id)


def test_a_disruption_limited_to_rooms_or_programs_stops_only_those(
    uow: UnitOfWorkFactory,
    world: World,
    disruptions: DisruptionService,
    series: tuple[uuid.UUID, uuid.UUID],
) -> None:
    day = date(2026, 3, 9)
    start, end = datetime(2026, 3, 9, 0, 0), datetime(2026, 3, 10, 0, 0)
    choices = disruptions.choices(world.facility_id)
    assert {i for i, _ in choices.rooms} == {world.room_id, world.room2_id}
    assert [i for i, _ in choices.programs] == [world.program_id]
    flood = disruptions.declare(
        world.facility_id, start, end, "Flooded room", room_ids=[world.room2_id]
    )
    assert flood.sessions == 1 and flood.marks_for_review == 0
    assert flood.disruption.scope_text.startswith("rooms ")
    shown = _monday(uow, world, day)
    assert (shown["Maths"].cancelled, shown["Maths"].reason) == (True, "Flooded room")
    assert not shown["Welding I"].cancelled
    disruptions.lift(flood.disruption.id)
    count = disruptions.declare(
        world.facility_id, start, end, "Count", program_ids=[world.program_id]
    )
    assert count.sessions == 2
    assert {v.reason for v in _monday(uow, world, day).values()} == {"Count"}
    with pytest.raises(ValidationError, match="room chosen"):
        disruptions.declare(
            world.facility_id, start, end, "Elsewhere", room_ids=[world.other_room_id]
        )


def test_a_session_cancelled_by_its_own_change_keeps_it_through_a_disruption_and_its_lifting(
    uow: UnitOfWorkFactory,
    world: World,
    disruptions: DisruptionService,
    series: tuple[uuid.UUID, uuid.UUID],
) -> None:
    welding, _ = series
    schedule = ScheduleService(uow, FixedClock(NOW))
    schedule.cancel_occurrence(welding, date(2026, 3, 9), "Instructor ill")
    storm = disruptions.declare(
        world.facility_id, datetime(2026, 3, 9, 6, 0), datetime(2026, 3, 9, 18, 0), "Storm"
    )
    assert storm.sessions == 1  # Maths; Welding was not to be held anyway
    view = _monday(uow, world, date(2026, 3, 9))["Welding I"]
    assert (view.cancelled, view.disrupted, view.reason) == (True, False, "Instructor ill")
    disruptions.lift(storm.disruption.id)
    view = _monday(uow, world, date(2026, 3, 9))["Welding I"]
    assert (view.cancelled, view.reason) == (True, "Instructor ill")


def test_the_rate_hours_and_reports_count_a_disrupted_session_as_not_held(
    uow: UnitOfWorkFactory,
    world: World,
    disruptions: DisruptionService,
    series: tuple[uuid.UUID, uuid.UUID],
) -> None:
    outcomes = AttendanceOutcomes(uow, FixedClock(NOW))
    reports = ReportsService(uow, FixedClock(NOW))

    def standing() -> tuple[int, Decimal | None, int, int, int]:
        ben = next(
            s for s in outcomes.student_summary(world.students[1]) if s.class_id == world.classes[0]
        )
        rows = reports.participant_progress(world.facility_id, date(2026, 3, 1), date(2026, 3, 16))
        ben_row = next(r for r in rows.rows if r.student_id == world.students[1])
        summary = reports.training_summary(world.facility_id, date(2026, 3, 1), date(2026, 3, 16))
        welding = next(r for r in summary.rows if r.class_id == world.classes[0])
        return ben.held, ben.rate, ben_row.held, welding.sessions_held, ben.unmarked

    before = standing()
    assert before[0] == 3 and before[2] == 3 and before[3] == 3
    lockdown = disruptions.declare(
        world.facility_id, datetime(2026, 3, 9, 9, 30), datetime(2026, 3, 9, 9, 45), "Lockdown"
    )
    after = standing()
    assert after[0] == 2 and after[2] == 2 and after[3] == 2  # not held, not an absence
    assert after[4] == before[4] - 1
    disruptions.lift(lockdown.disruption.id)
    assert standing() == before


def test_admins_only_declare_and_lift_and_bad_windows_are_refused(
    uow: UnitOfWorkFactory, world: World, disruptions: DisruptionService
) -> None:
    fid = world.facility_id
    nine, ten = datetime(2026, 5, 4, 9, 0), datetime(2026, 5, 4, 10, 0)
    with pytest.raises(ValidationError, match="end after it starts"):
        disruptions.declare(fid, ten, nine, "Backwards")
    with pytest.raises(ValidationError, match="end after it starts"):
        disruptions.declare(fid, nine, nine, "Empty")
    with pytest.raises(ValidationError, match="reason"):
        disruptions.declare(fid, nine, ten, "   ")
    with pytest.raises(ValidationError, match="at most 14 days"):
        disruptions.declare(fid, nine, datetime(2026, 5, 18, 9, 1), "Too long")
    with pytest.raises(ValidationError, match="wall-clock"):
        disruptions.declare(fid, nine.replace(tzinfo=UTC), ten.replace(tzinfo=UTC), "Aware")
    first = disruptions.declare(fid, nine, ten, "Fire drill")
    instructor = DisruptionService(
        UnitOfWorkFactory(uow.engine, Actor("iris", Role.INSTRUCTOR, "desk")), FixedClock(NOW)
    )
    assert disruptions.may_manage() and not instructor.may_manage()
    assert [d.reason for d in instructor.disruptions(fid)] == ["Fire drill"]
    with pytest.raises(NotAllowed):
        instructor.declare(fid, nine, ten, "Mine")
    with pytest.raises(NotAllowed):
        instructor.lift(first.disruption.id)
    with uow() as u:
        row = u.session.get(FacilityDisruption, first.disruption.id)
        assert row is not None
        # Stored as instants: 09:00 in New York (EDT) is 13:00 UTC.
        assert row.starts_at == datetime(2026, 5, 4, 13, 0, tzinfo=UTC)
        assert row.lifted_at is None and row.room_ids is None


def _disruption_objects(engine: Engine) -> tuple[bool, set[str]]:
    """Whether the table is there, and its triggers and policies."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            names = conn.execute(
                text("SELECT type, name FROM sqlite_master WHERE tbl_name = 'facility_disruptions'")
            ).all()
            return any(t == "table" for t, _ in names), {n for t, n in names if t == "trigger"}
        table = conn.execute(text("SELECT to_regclass('public.facility_disruptions')")).scalar()
        found = conn.execute(
            text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
                " AND tgrelid = to_regclass('public.facility_disruptions')"
                " UNION ALL SELECT polname FROM pg_policy"
                " WHERE polrelid = to_regclass('public.facility_disruptions')"
            )
        ).scalars()
        return table is not None, set(found)


def test_migration_0012_upgrades_and_downgrades(engine: Engine) -> None:
    cfg = migrate.alembic_config()
    migrate.upgrade(engine, "0012")
    present, objects = _disruption_objects(engine)
    if engine.dialect.name == "sqlite":
        assert present and objects == {
            f"sync_outbox_{k}_facility_disruptions" for k in ("insert", "update", "delete")
        }
    else:
        assert present and objects == {
            "facility_read",
            "admin_write",
            "rollbook_stamp",
            *(
                f"rollbook_{w}_{k}"
                for w in ("log", "audit")
                for k in ("insert", "update", "delete")
            ),
        }
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    assert migrate.current_revision(engine) == "0011"
    assert _disruption_objects(engine) == (False, set())
    migrate.upgrade(engine, "0012")
    assert _disruption_objects(engine) == (present, objects)


def test_the_command_line_declares_lists_and_lifts_disruptions_as_the_login_may(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = server.as_(server.staff("boss", Role.FACILITY_ADMIN, "A"))
    teacher = server.as_(server.staff("teach", Role.INSTRUCTOR, "A"))
    stranger = server.as_(server.staff("far", Role.FACILITY_ADMIN, "B"))
    window = ["--from", "2026-12-07 09:00", "--to", "2026-12-07 11:30"]
    base = ["disruption", "add", "--url", admin, "--facility", "Facility A", *window]
    assert main([*base, "--reason", "Lockdown"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Disruption declared: Mon 7 Dec 2026 09:00 – 11:30, Lockdown,")
    assert out[1] == "0 sessions cancelled"
    assert main([*base, "--reason", "Flood", "--room", "Gym"]) == 2
    assert "No room 'Gym' at this facility." in capsys.readouterr().err
    assert main([*base, "--reason", "   "]) == 2
    assert "reason" in capsys.readouterr().err
    as_teacher = ["disruption", "add", "--url", teacher, "--facility", "Facility A", *window]
    assert main([*as_teacher, "--reason", "Mine"]) == 2
    assert "Only administrators" in capsys.readouterr().err
    assert main(["disruption", "list", "--url", teacher, "--facility", "Facility A"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and "  in force  Lockdown  (every session)" in listed[0]
    assert main(["disruption", "list", "--url", stranger, "--facility", "Facility A"]) == 2
    assert "No facility 'Facility A' this login can see" in capsys.readouterr().err
    lift = ["disruption", "lift", "--url", admin, "--facility", "Facility A"]
    assert main([*lift, "--id", listed[0].split("  ")[0]]) == 0
    assert capsys.readouterr().out == "Lifted: Mon 7 Dec 2026 09:00 – 11:30 (Lockdown)\n"
    assert main(["disruption", "list", "--url", admin, "--facility", "Facility A"]) == 0
    assert "  lifted  Lockdown" in capsys.readouterr().out
