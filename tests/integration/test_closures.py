"""Facility closures on SQLite and PostgreSQL: declared by admins, skipped by recurring series,
never counted in the attendance rate and hours; marks already taken on a closed day are kept and
set for review."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import Engine, select, text

from app.cli import main
from app.db import migrate, urls
from app.db.engine import make_server_engine
from app.db.models import AttendanceRecord, AuditEntry, FacilityClosure
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus, Role
from app.domain.errors import NotAllowed, ValidationError
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.attendance_outcomes import AttendanceOutcomes
from app.services.closures import ClosureService
from app.services.reports import ReportsService
from app.services.review import ReviewService
from app.services.rosters import RosterService
from app.services.schedule import ScheduleService
from app.services.schedule_dto import NewSeries, ProposedSlot
from tests.integration.factories import NOW, World, add_series, enrol_all, schedule_world
from tests.integration.staffserver import Server

BEFORE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # enrolled the day before the first session
MONDAYS = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]  # NOW: Mon 16 March, 13:00


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    return schedule_world(uow, students=2, second="Maths")


@pytest.fixture
def closures(uow: UnitOfWorkFactory) -> ClosureService:
    return ClosureService(uow, FixedClock(NOW))


@pytest.fixture
def series_id(uow: UnitOfWorkFactory, world: World) -> uuid.UUID:
    """Welding I every Monday at 09:00 from 2 March, both students on its sheet, Ann present on
    every Monday so far."""
    with uow() as u:
        sid = add_series(u, world.facility_id, world.classes[0], datetime(2026, 3, 2, 9, 0))
        u.commit()
    enrol_all(RosterService(uow, FixedClock(BEFORE)), world.classes[0], world.students)
    attendance = AttendanceService(uow, FixedClock(NOW))
    for day in MONDAYS:
        attendance.mark(sid, day, world.students[0], AttendanceStatus.PRESENT)
    return sid


def _days(uow: UnitOfWorkFactory, world: World) -> list[date]:
    views = ScheduleService(uow, FixedClock(NOW)).occurrences(
        world.facility_id, date(2026, 3, 1), date(2026, 3, 31)
    )
    return [v.start_local.date() for v in views if v.class_id == world.classes[0]]


def test_a_closed_day_has_no_session_and_its_marks_are_kept_for_review(
    uow: UnitOfWorkFactory, world: World, closures: ClosureService, series_id: uuid.UUID
) -> None:
    assert _days(uow, world)[:4] == [*MONDAYS, date(2026, 3, 23)]
    added = closures.add(world.facility_id, date(2026, 3, 9), None, "  Staff training day ")
    assert added.marks_for_review == 1
    assert added.closure.reason == "Staff training day"
    assert added.closure.dates_text == "Mon 9 Mar 2026"
    assert _days(uow, world)[:3] == [date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 23)]
    assert closures.closed_days(world.facility_id, date(2026, 3, 1), date(2026, 3, 31)) == {
        date(2026, 3, 9): "Staff training day"
    }
    with uow() as u:
        marks = u.session.execute(
            select(AttendanceRecord.date, AttendanceRecord.needs_review)
            .where(AttendanceRecord.deleted_at.is_(None))
            .order_by(AttendanceRecord.date)
        ).all()
        audited = u.session.scalars(
            select(AuditEntry.table_name).where(AuditEntry.table_name == "facility_closures")
        ).all()
    assert [tuple(m) for m in marks] == [
        (date(2026, 3, 2), False),
        (date(2026, 3, 9), True),  # kept, set for review
        (date(2026, 3, 16), False),
    ]
    assert audited  # written through the unit of work: audited
    # The other facility is not closed.
    assert closures.closed_days(world.other_facility_id, date(2026, 3, 1), date(2026, 3, 31)) == {}


def test_the_rate_and_hours_never_count_a_closed_day(
    uow: UnitOfWorkFactory, world: World, closures: ClosureService, series_id: uuid.UUID
) -> None:
    outcomes = AttendanceOutcomes(uow, FixedClock(NOW))
    reports = ReportsService(uow, FixedClock(NOW))

    def standing() -> tuple[int, Decimal | None, int, Decimal | None, int]:
        ben = next(
            s for s in outcomes.student_summary(world.students[1]) if s.class_id == world.classes[0]
        )
        rows = reports.participant_progress(world.facility_id, date(2026, 3, 1), date(2026, 3, 16))
        ben_row = next(r for r in rows.rows if r.student_id == world.students[1])
        summary = reports.training_summary(world.facility_id, date(2026, 3, 1), date(2026, 3, 16))
        welding = next(r for r in summary.rows if r.class_id == world.classes[0])
        return ben.held, ben.rate, ben_row.held, ben_row.rate, welding.sessions_held

    before = standing()
    assert before[0] == 3 and before[2] == 3 and before[4] == 3
    closures.add(world.facility_id, date(2026, 3, 9), date(2026, 3, 13), "Spring break")
    after = standing()
    assert after[0] == 2 and after[2] == 2 and after[4] == 2


def test_admins_only_declare_and_remove_and_overlaps_are_refused(
    engine: object, uow: UnitOfWorkFactory, world: World, closures: ClosureService
) -> None:
    first = closures.add(world.facility_id, date(2026, 12, 24), date(2027, 1, 1), "Holidays")
    assert first.closure.days == 9
    with pytest.raises(ValidationError, match="Already closed: Thu 24 Dec 2026 – Fri 1 Jan 2027"):
        closures.add(world.facility_id, date(2026, 12, 31), None, "New Year")
    with pytest.raises(ValidationError, match="ends before it starts"):
        closures.add(world.facility_id, date(2026, 5, 2), date(2026, 5, 1), "Oops")
    with pytest.raises(ValidationError, match="reason"):
        closures.add(world.facility_id, date(2026, 5, 1), None, "   ")
    with pytest.raises(ValidationError, match="at most 366 days"):
        closures.add(world.facility_id, date(2025, 1, 1), date(2026, 1, 2), "A year off")
    instructor = ClosureService(
        UnitOfWorkFactory(uow.engine, Actor("iris", Role.INSTRUCTOR, "desk")), FixedClock(NOW)
    )
    assert not instructor.may_manage()
    assert [c.reason for c in instructor.closures(world.facility_id)] == ["Holidays"]
    with pytest.raises(NotAllowed):
        instructor.add(world.facility_id, date(2026, 5, 1), None, "Mine")
    with pytest.raises(NotAllowed):
        instructor.remove(first.closure.id)
    removed = closures.remove(first.closure.id)
    assert removed.reason == "Holidays"
    assert closures.closures(world.facility_id) == []
    with uow() as u:
        tomb = u.session.get(FacilityClosure, first.closure.id)
        assert tomb is not None and tomb.deleted_at is not None  # a tombstone, as every synced row
    # The days are open again: a new closure may take them.
    closures.add(world.facility_id, date(2026, 12, 31), None, "New Year")


def _closure_objects(engine: Engine) -> tuple[bool, set[str]]:
    """Whether the table is there, and its triggers (outbox on SQLite; change log, audit and
    stamp on PostgreSQL) and policies."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            names = conn.execute(
                text("SELECT type, name FROM sqlite_master WHERE tbl_name = 'facility_closures'")
            ).all()
            return any(t == "table" for t, _ in names), {n for t, n in names if t == "trigger"}
        table = conn.execute(text("SELECT to_regclass('public.facility_closures')")).scalar()
        found = conn.execute(
            text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
                " AND tgrelid = to_regclass('public.facility_closures')"
                " UNION ALL SELECT polname FROM pg_policy"
                " WHERE polrelid = to_regclass('public.facility_closures')"
            )
        ).scalars()
        return table is not None, set(found)


def test_migration_0011_upgrades_and_downgrades(engine: Engine) -> None:
    cfg = migrate.alembic_config()
    present, objects = _closure_objects(engine)  # at head
    if engine.dialect.name == "sqlite":
        expected = {f"sync_outbox_{k}_facility_closures" for k in ("insert", "update", "delete")}
    else:
        expected = {
            "facility_read",
            "admin_write",
            "rollbook_stamp",
            *(
                f"rollbook_{w}_{k}"
                for w in ("log", "audit")
                for k in ("insert", "update", "delete")
            ),
        }
    assert present and objects == expected
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    assert migrate.current_revision(engine) == "0010"
    assert _closure_objects(engine) == (False, set())
    migrate.upgrade(engine, "0011")
    assert migrate.current_revision(engine) == "0011"
    assert _closure_objects(engine) == (True, expected)
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_the_command_line_adds_lists_and_removes_closures_as_the_login_may(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = server.as_(server.staff("boss", Role.FACILITY_ADMIN, "A"))
    teacher = server.as_(server.staff("teach", Role.INSTRUCTOR, "A"))
    stranger = server.as_(server.staff("far", Role.FACILITY_ADMIN, "B"))
    base = ["closures", "add", "--url", admin, "--facility", "Facility A"]
    assert main([*base, "--from", "2026-12-24", "--to", "2026-12-26", "--reason", "Holidays"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Closed Thu 24 Dec 2026 – Sat 26 Dec 2026: Holidays (")
    assert main([*base, "--from", "2027-01-01", "--reason", "New Year"]) == 0
    capsys.readouterr()
    assert main([*base, "--from", "2026-12-25", "--reason", "Again"]) == 2
    assert "Already closed: Thu 24 Dec 2026 – Sat 26 Dec 2026 (Holidays)" in capsys.readouterr().err
    assert main(["closures", "list", "--url", teacher, "--facility", "Facility A"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [
        "2026-12-24  2026-12-26  Holidays",
        "2027-01-01  2027-01-01  New Year",
    ]
    # An instructor reads them but may not declare one; another facility's admin sees none.
    add_as_teacher = ["closures", "add", "--url", teacher, "--facility", "Facility A"]
    assert main([*add_as_teacher, "--from", "2027-02-01", "--reason", "Mine"]) == 2
    assert "Only administrators" in capsys.readouterr().err
    assert main(["closures", "list", "--url", stranger, "--facility", "Facility A"]) == 2
    assert "No facility 'Facility A' this login can see" in capsys.readouterr().err
    remove = ["closures", "remove", "--url", admin, "--facility", "Facility A"]
    assert main([*remove, "--date", "2026-12-25"]) == 0
    assert capsys.readouterr().out == "Open again: Thu 24 Dec 2026 – Sat 26 Dec 2026 (Holidays)\n"
    assert main([*remove, "--id", lines[1].split("  ")[0]]) == 0
    capsys.readouterr()
    assert main(["closures", "list", "--url", admin, "--facility", str(server.facility["A"])]) == 0
    assert capsys.readouterr().out == "No closures: the facility is open.\n"
    assert main([*remove, "--date", "2026-12-25"]) == 2
    assert "not closed on 2026-12-25" in capsys.readouterr().err
    engine = make_server_engine(server.url)
    with engine.connect() as conn:
        trail = conn.execute(
            select(AuditEntry.changed_by).where(AuditEntry.table_name == "facility_closures")
        ).scalars()
        assert set(trail) == {urls.address(admin).username}  # the admin's own login, audited
    engine.dispose()


def test_series_edits_respect_closed_days(
    uow: UnitOfWorkFactory, world: World, closures: ClosureService
) -> None:
    schedule = ScheduleService(uow, FixedClock(NOW))
    with uow() as u:
        monday = datetime(2026, 3, 2, 9, 0)
        add_series(u, world.facility_id, world.classes[0], monday, room_id=world.room_id)
        u.commit()
    closures.add(world.facility_id, date(2026, 3, 30), date(2026, 4, 3), "Spring break")
    # A single session on a closed day cannot be held; the day after the break it can.
    one_off = NewSeries(world.classes[1], datetime(2026, 4, 1, 14, 0), 60, None)
    with pytest.raises(ValidationError, match=r"closed on Wed 1 Apr 2026 \(Spring break\)"):
        schedule.create_series(one_off)
    later = schedule.create_series(replace(one_off, dtstart_local=datetime(2026, 4, 6, 14, 0)))
    assert later.dtstart_local == datetime(2026, 4, 6, 14, 0)

    # No session is held on a closed day, so the room is free then: nothing clashes.
    def at_half_past_nine(day: date) -> ProposedSlot:  # 09:30 in New York (EDT)
        start = datetime.combine(day, datetime.min.time()).replace(hour=13, minute=30, tzinfo=UTC)
        return ProposedSlot(start, start + timedelta(minutes=30), world.room_id)

    open_day = schedule.clashes_for(world.facility_id, [at_half_past_nine(date(2026, 3, 23))])
    assert [c.other_class_name for c in open_day] == ["Welding I"]
    assert schedule.clashes_for(world.facility_id, [at_half_past_nine(date(2026, 3, 30))]) == []
    # A weekly series across the break skips it.
    made = schedule.create_series(
        NewSeries(world.classes[1], datetime(2026, 3, 25, 16, 0), 60, "FREQ=WEEKLY;COUNT=3")
    )
    days = [
        v.start_local.date()
        for v in schedule.occurrences(world.facility_id, date(2026, 3, 1), date(2026, 4, 30))
        if v.series_id == made.id
    ]
    assert days == [date(2026, 3, 25), date(2026, 4, 8)]  # 1 April is closed


def test_the_review_queue_says_a_mark_is_on_a_closed_day_and_offers_no_closed_session(
    uow: UnitOfWorkFactory, world: World, closures: ClosureService, series_id: uuid.UUID
) -> None:
    review = ReviewService(uow, AttendanceService(uow, FixedClock(NOW)), FixedClock(NOW))
    closures.add(world.facility_id, date(2026, 3, 9), None, "Staff training day")
    [item] = review.queue(world.facility_id)
    assert item.original_date == date(2026, 3, 9)
    assert (
        item.why
        == "The facility is closed on Mon 9 Mar (Staff training day): no session is held then."
    )
    assert not item.held
    # Moving the mark offers the sessions held around it, never one on a closed day.
    closures.add(world.facility_id, date(2026, 3, 2), None, "Inspection")
    offered = [t.original_date for t in review.targets(item.mark_id)]
    assert offered == [date(2026, 3, 16)]
