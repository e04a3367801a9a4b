"""Make-up credit on SQLite and PostgreSQL (issue 18, part 3): a make-up session linked to the
missed sessions of its class it makes up; attending it credits its hours and turns the absence
into "made up" in the rate, the hours, the student's summary, the trends and the reports."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import Engine, select, text

from app.cli import main
from app.db import migrate, urls
from app.db.engine import make_server_engine
from app.db.models import AuditEntry, MakeupLink, OccurrenceOverrideRow
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus as S
from app.domain.enums import Role
from app.domain.errors import NotFound, ValidationError
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.attendance_outcomes import AttendanceOutcomes
from app.services.makeups import MakeupService
from app.services.reports import ReportsService
from app.services.rosters import RosterService
from app.services.trends import TrendService
from tests.integration.factories import (
    NOW,
    World,
    add_class,
    add_series,
    enrol_all,
    schedule_world,
)
from tests.integration.staffserver import Server

BEFORE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
MISSED = date(2026, 3, 9)
SATURDAY = date(2026, 3, 14)  # the make-up: Sat 14 March 09:00-11:00


class Setup:
    def __init__(self, world: World, weekly: uuid.UUID, makeup: uuid.UUID, maths: uuid.UUID):
        self.world, self.weekly, self.makeup, self.maths = world, weekly, makeup, maths

    @property
    def ann(self) -> uuid.UUID:
        return self.world.students[0]

    @property
    def ben(self) -> uuid.UUID:
        return self.world.students[1]


@pytest.fixture
def setup(uow: UnitOfWorkFactory) -> Setup:
    """Welding I every Monday 09:00-10:00 from 2 March and a two-hour session on Saturday 14;
    Ann (Young) and Ben (adams) on its sheets. Ann is absent (excused) on the 9th and present
    at the Saturday session; Ben is present every Monday and absent on Saturday."""
    world = schedule_world(uow, students=2, second="Maths")
    with uow() as u:
        weekly = add_series(u, world.facility_id, world.classes[0], datetime(2026, 3, 2, 9, 0))
        makeup = add_series(
            u,
            world.facility_id,
            world.classes[0],
            datetime(2026, 3, 14, 9, 0),
            rrule=None,
            duration_minutes=120,
        )
        maths = add_series(u, world.facility_id, world.classes[1], datetime(2026, 3, 2, 11, 0))
        u.commit()
    enrol_all(RosterService(uow, FixedClock(BEFORE)), world.classes[0], world.students[:2])
    attendance = AttendanceService(uow, FixedClock(NOW))
    ann, ben = world.students[:2]
    for day in (date(2026, 3, 2), MISSED, date(2026, 3, 16)):
        attendance.mark(weekly, day, ben, S.PRESENT)
        attendance.mark(weekly, day, ann, S.ABSENT_EXCUSED if day == MISSED else S.PRESENT)
    attendance.mark(makeup, SATURDAY, ann, S.PRESENT)
    attendance.mark(makeup, SATURDAY, ben, S.ABSENT_UNEXCUSED)
    return Setup(world, weekly, makeup, maths)


@pytest.fixture
def makeups(uow: UnitOfWorkFactory) -> MakeupService:
    return MakeupService(uow, FixedClock(NOW))


def _standing(uow: UnitOfWorkFactory, student: uuid.UUID) -> tuple[object, ...]:
    (summary,) = AttendanceOutcomes(uow, FixedClock(NOW)).student_summary(student)
    return (
        summary.held,
        summary.attended,
        summary.absences,
        summary.excused,
        summary.made_up,
        summary.rate,
        summary.hours_earned,
    )


def test_linking_and_attending_a_makeup_turns_the_absence_into_made_up(
    uow: UnitOfWorkFactory, setup: Setup, makeups: MakeupService
) -> None:
    # Before: the Saturday session is one more scheduled session for everyone.
    assert _standing(uow, setup.ann) == (4, 3, 1, 1, 0, Decimal("75.00"), Decimal("4.00"))
    assert _standing(uow, setup.ben) == (4, 3, 1, 0, 0, Decimal("75.00"), Decimal("3.00"))

    view = makeups.link(setup.makeup, SATURDAY, [(setup.weekly, MISSED)])
    assert [m.label for m in view.missed] == ["Welding I, Mon 9 Mar 2026 09:00"]
    assert view.students == ("Young, Ann",)  # the make-up is for those who missed
    assert view.makeup.label == "Welding I, Sat 14 Mar 2026 09:00"

    # After: Ann's absence is made up and the two hours credited; the make-up is no
    # scheduled session for Ben, who missed nothing, so his absence there is none.
    assert _standing(uow, setup.ann) == (3, 3, 0, 0, 1, Decimal("100.00"), Decimal("4.00"))
    assert _standing(uow, setup.ben) == (3, 3, 0, 0, 0, Decimal("100.00"), Decimal("3.00"))

    with uow() as u:
        audited = u.session.scalars(
            select(AuditEntry.table_name).where(AuditEntry.table_name == "makeup_links")
        ).all()
    assert audited  # written through the unit of work: audited

    # Unlinking puts everything back.
    assert makeups.unlink(setup.makeup, SATURDAY) == 1
    assert makeups.of_session(setup.makeup, SATURDAY) is None
    assert _standing(uow, setup.ann) == (4, 3, 1, 1, 0, Decimal("75.00"), Decimal("4.00"))


def test_reports_and_trends_say_made_up(
    uow: UnitOfWorkFactory, setup: Setup, makeups: MakeupService
) -> None:
    reports = ReportsService(uow, FixedClock(NOW))
    fid = setup.world.facility_id

    def progress() -> dict[str, tuple[object, ...]]:
        report = reports.participant_progress(fid, *MARCH)
        return {
            r.display_name: (r.held, r.attended, r.excused, r.made_up, r.rate, r.hours)
            for r in report.rows
        }

    def summary() -> tuple[object, ...]:
        rows = reports.training_summary(fid, *MARCH).rows
        (row,) = [r for r in rows if r.class_name == "Welding I"]
        return (row.seats, row.attended, row.made_up, row.rate)

    def week_of_the_9th() -> tuple[int, int]:
        points = TrendService(uow, FixedClock(NOW)).student_weekly(setup.ann).weeks
        (point,) = [p for p in points if p.week_start == MISSED]
        return (point.held, point.attended)

    def class_week() -> tuple[int, int]:
        trend = TrendService(uow, FixedClock(NOW)).class_weekly(setup.world.classes[0])
        (point,) = [p for p in trend.weeks if p.week_start == MISSED]
        return (point.held, point.attended)

    assert progress() == {
        "Young, Ann": (4, 3, 1, 0, Decimal("75.00"), Decimal("4.00")),
        "adams, Ben": (4, 3, 0, 0, Decimal("75.00"), Decimal("3.00")),
    }
    assert summary() == (8, 6, 0, Decimal("75.00"))
    assert week_of_the_9th() == (2, 1)
    assert class_week() == (4, 2)

    makeups.link(setup.makeup, SATURDAY, [(setup.weekly, MISSED)])
    assert progress() == {
        "Young, Ann": (3, 3, 0, 1, Decimal("100.00"), Decimal("4.00")),
        "adams, Ben": (3, 3, 0, 0, Decimal("100.00"), Decimal("3.00")),
    }
    assert summary() == (6, 6, 1, Decimal("100.00"))
    assert week_of_the_9th() == (1, 1)
    assert class_week() == (2, 2)
    hours = {r.display_name: r.total_hours for r in reports.student_hours(fid, *MARCH).rows}
    assert hours == {"Young, Ann": Decimal("4.00"), "adams, Ben": Decimal("3.00")}


def test_a_makeup_not_attended_makes_up_nothing(
    uow: UnitOfWorkFactory, setup: Setup, makeups: MakeupService
) -> None:
    AttendanceService(uow, FixedClock(NOW)).mark(
        setup.makeup, SATURDAY, setup.ann, S.ABSENT_UNEXCUSED
    )
    makeups.link(setup.makeup, SATURDAY, [(setup.weekly, MISSED)])
    # Held: 2, 9 and 16 March; the absence on the 9th stands, the Saturday is no session.
    assert _standing(uow, setup.ann) == (3, 2, 1, 1, 0, Decimal("66.67"), Decimal("2.00"))


def test_choices_and_links_are_checked(
    uow: UnitOfWorkFactory, setup: Setup, makeups: MakeupService
) -> None:
    choices = makeups.choices(setup.makeup, SATURDAY)
    assert [(c.session.original_date, c.absent, c.linked) for c in choices] == [
        (MISSED, 1, False),
        (date(2026, 3, 2), 0, False),
    ]
    makeups.link(setup.makeup, SATURDAY, [(setup.weekly, MISSED)])
    assert [c.linked for c in makeups.choices(setup.makeup, SATURDAY)] == [True, False]
    # Linking again changes nothing; set_links replaces the set.
    makeups.link(setup.makeup, SATURDAY, [(setup.weekly, MISSED)])
    view = makeups.set_links(
        setup.makeup, SATURDAY, [(setup.weekly, date(2026, 3, 2)), (setup.weekly, MISSED)]
    )
    assert view is not None and len(view.missed) == 2
    with uow() as u:
        live = u.session.scalars(select(MakeupLink).where(MakeupLink.deleted_at.is_(None))).all()
    assert len(live) == 2
    assert [v.makeup.original_date for v in makeups.makeups(setup.world.facility_id)] == [SATURDAY]

    with pytest.raises(ValidationError, match="after the session it makes up"):
        makeups.link(setup.weekly, MISSED, [(setup.weekly, date(2026, 3, 16))])
    with pytest.raises(ValidationError, match="of its own class"):
        makeups.link(setup.makeup, SATURDAY, [(setup.maths, MISSED)])
    with pytest.raises(ValidationError, match="no session that day"):
        makeups.link(setup.makeup, date(2026, 3, 15), [(setup.weekly, MISSED)])
    with pytest.raises(ValidationError, match="not held"):
        makeups.link(setup.makeup, SATURDAY, [(setup.weekly, date(2026, 3, 10))])
    with pytest.raises(ValidationError, match="Choose the missed sessions"):
        makeups.link(setup.makeup, SATURDAY, [])
    with pytest.raises(NotFound):
        makeups.link(uuid.uuid4(), SATURDAY, [(setup.weekly, MISSED)])
    with pytest.raises(NotFound, match="not a make-up"):
        makeups.unlink(setup.maths, MISSED)
    with uow() as u:
        u.session.add(
            OccurrenceOverrideRow(
                id=uuid.uuid4(),
                facility_id=setup.world.facility_id,
                event_id=setup.makeup,
                original_date=SATURDAY,
                is_cancelled=True,
            )
        )
        u.commit()
    with pytest.raises(ValidationError, match="make-up session is cancelled"):
        makeups.link(setup.makeup, SATURDAY, [(setup.weekly, MISSED)])
    # A cancelled make-up credits nothing: Ann's absence stands again.
    assert _standing(uow, setup.ann)[4] == 0


def _makeup_objects(engine: Engine) -> tuple[bool, set[str]]:
    """Whether the table is there, and its triggers and policies."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            names = conn.execute(
                text("SELECT type, name FROM sqlite_master WHERE tbl_name = 'makeup_links'")
            ).all()
            return any(t == "table" for t, _ in names), {n for t, n in names if t == "trigger"}
        table = conn.execute(text("SELECT to_regclass('public.makeup_links')")).scalar()
        found = conn.execute(
            text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
                " AND tgrelid = to_regclass('public.makeup_links')"
                " UNION ALL SELECT polname FROM pg_policy"
                " WHERE polrelid = to_regclass('public.makeup_links')"
            )
        ).scalars()
        return table is not None, set(found)


def test_migration_0013_upgrades_and_downgrades(engine: Engine) -> None:
    cfg = migrate.alembic_config()
    migrate.upgrade(engine, "0013")
    present, objects = _makeup_objects(engine)
    if engine.dialect.name == "sqlite":
        assert present and objects == {
            f"sync_outbox_{k}_makeup_links" for k in ("insert", "update", "delete")
        }
    else:
        assert present and objects == {
            "facility_rows",
            "rollbook_stamp",
            *(
                f"rollbook_{w}_{k}"
                for w in ("log", "audit")
                for k in ("insert", "update", "delete")
            ),
        }
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    assert migrate.current_revision(engine) == "0012"
    assert _makeup_objects(engine) == (False, set())
    migrate.upgrade(engine, "0013")
    assert _makeup_objects(engine) == (present, objects)


def test_the_command_line_links_lists_and_unlinks_as_the_login_may(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_server_engine(server.url)
    su = UnitOfWorkFactory(engine, Actor("postgres"))
    with su() as u:
        fid = server.facility["A"]
        klass = add_class(u, fid, server.program["P1"], "Welding I")
        add_series(u, fid, klass, datetime(2026, 3, 2, 9, 0))
        add_series(u, fid, klass, datetime(2026, 3, 14, 9, 0), rrule=None)
        u.commit()
    teacher = server.as_(server.staff("teach", Role.INSTRUCTOR, "A"))
    stranger = server.as_(server.staff("far", Role.FACILITY_ADMIN, "B"))
    base = ["--url", teacher, "--facility", "Facility A", "--class", "Welding I"]
    link = ["makeup", "link", *base, "--session", "2026-03-14"]
    assert main([*link, "--missed", "2026-03-09", "--missed", "2026-03-02T09:00"]) == 0
    assert capsys.readouterr().out == (
        "Welding I, Sat 14 Mar 2026 09:00: make-up for Welding I, Mon 2 Mar 2026 09:00;"
        " Welding I, Mon 9 Mar 2026 09:00 (for nobody absent)\n"
    )
    assert main([*link, "--missed", "2026-03-16"]) == 2
    assert "after the session it makes up" in capsys.readouterr().err
    assert main([*link, "--missed", "2026-03-10"]) == 2
    assert "no session on 2026-03-10" in capsys.readouterr().err
    assert main(["makeup", "list", "--url", teacher, "--facility", "Facility A"]) == 0
    assert capsys.readouterr().out.startswith("Welding I, Sat 14 Mar 2026 09:00: make-up for")
    assert main(["makeup", "list", "--url", stranger, "--facility", "Facility A"]) == 2
    assert "No facility 'Facility A' this login can see" in capsys.readouterr().err
    unlink = ["makeup", "unlink", *base, "--session", "2026-03-14"]
    assert main([*unlink, "--missed", "2026-03-02"]) == 0
    assert capsys.readouterr().out == "Unlinked 1 missed session(s).\n"
    assert main([*unlink]) == 0
    capsys.readouterr()
    assert main(["makeup", "list", "--url", teacher, "--facility", "Facility A"]) == 0
    assert capsys.readouterr().out == "No make-up sessions.\n"
    with engine.connect() as conn:
        trail = conn.execute(
            select(AuditEntry.changed_by).where(AuditEntry.table_name == "makeup_links")
        ).scalars()
        assert set(trail) == {urls.address(teacher).username}  # the login's own, audited
    engine.dispose()
