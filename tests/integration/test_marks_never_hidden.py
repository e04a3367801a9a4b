"""No mark is ever hidden, on SQLite and PostgreSQL: a schedule change that removes or moves a
marked session keeps its marks, sets them for review with a reason a person can read, and they
are listed by the review queue and the student's record (DESIGN §3 rule 5)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

import pytest

from app.domain.enums import AttendanceStatus
from app.infra.clock import FixedClock
from app.repositories.attendance import AttendanceRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.records import RecordsService
from app.services.review import ReviewService
from app.services.rosters import RosterService
from app.services.series_edit import SeriesEditService, SeriesForm
from tests.integration.factories import NOW, World, change_whole_series, schedule_world

MONDAY = date(2026, 3, 2)  # NOW is Monday 16 March 2026, 13:00 in New York
DAYS = (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16))


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    return schedule_world(uow, students=1, second="Maths")


@pytest.fixture
def edit(uow: UnitOfWorkFactory) -> SeriesEditService:
    return SeriesEditService(uow, FixedClock(NOW))


def _marked_series(edit: SeriesEditService, world: World, uow: UnitOfWorkFactory) -> uuid.UUID:
    """Welding I on Mondays at 09:00 from 2 March, its one student marked on 2, 9 and 16 March."""
    saved = edit.create_from_form(
        SeriesForm(
            class_id=world.classes[0],
            first_date=MONDAY,
            start_time=time(9, 0),
            duration_minutes=90,
            weekdays=(0,),
        )
    )
    RosterService(uow, FixedClock(datetime(2026, 2, 20, tzinfo=UTC))).enrol(
        world.classes[0], world.students[0]
    )
    sheet = AttendanceService(uow, FixedClock(NOW))
    for day in DAYS:
        sheet.mark(saved.series_id, day, world.students[0], AttendanceStatus.PRESENT)
    return saved.series_id


def _review(uow: UnitOfWorkFactory) -> ReviewService:
    return ReviewService(uow, AttendanceService(uow, FixedClock(NOW)), FixedClock(NOW))


def _flagged(uow: UnitOfWorkFactory, world: World) -> dict[date, str]:
    return {i.original_date: i.why for i in _review(uow).queue(world.facility_id)}


def test_a_session_moved_to_another_day_sets_its_marks_for_review(
    edit: SeriesEditService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = _marked_series(edit, world, uow)
    # Moved within its day, or given a substitute: the marks still belong to it.
    edit.reschedule_occurrence(series, date(2026, 3, 16), datetime(2026, 3, 16, 11, 0))
    edit.substitute_instructor(series, date(2026, 3, 2), world.instructor2_id)
    assert _flagged(uow, world) == {}

    edit.reschedule_occurrence(series, date(2026, 3, 9), datetime(2026, 3, 11, 9, 0))
    assert _flagged(uow, world) == {
        date(2026, 3, 9): "That session of Mon 9 Mar was moved to Wed 11 Mar 09:00.",
    }
    marks = RecordsService(uow, FixedClock(NOW)).recent_marks(world.students[0])
    assert [(m.original_date, m.needs_review) for m in marks] == [
        (date(2026, 3, 16), False),
        (date(2026, 3, 9), True),
        (date(2026, 3, 2), False),
    ]


def test_a_mark_kept_in_review_is_not_set_again_by_a_later_change_elsewhere(
    edit: SeriesEditService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = _marked_series(edit, world, uow)
    edit.reschedule_occurrence(series, date(2026, 3, 9), datetime(2026, 3, 10, 9, 0))
    review = _review(uow)
    (item,) = review.queue(world.facility_id)
    review.keep(item.mark_id)
    # Another session of the series changes: the mark a person kept stays kept…
    edit.cancel_occurrence(series, date(2026, 3, 2), "Boiler broken")
    change_whole_series(uow, series, duration_minutes=60)
    assert set(_flagged(uow, world)) == {date(2026, 3, 2)}
    # … and moving its session again is a new change to it: back to review.
    edit.reschedule_occurrence(series, date(2026, 3, 9), datetime(2026, 3, 12, 9, 0))
    assert _flagged(uow, world) == {
        date(2026, 3, 2): "That session was cancelled after the mark was taken.",
        date(2026, 3, 9): "That session of Mon 9 Mar was moved to Thu 12 Mar 09:00.",
    }


def test_the_record_lists_every_mark_set_for_review_past_its_newest(
    edit: SeriesEditService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = _marked_series(edit, world, uow)
    edit.cancel_occurrence(series, date(2026, 3, 2), "Boiler broken")
    marks = RecordsService(uow, FixedClock(NOW)).recent_marks(world.students[0], limit=2)
    assert [(m.original_date, m.needs_review) for m in marks] == [
        (date(2026, 3, 16), False),
        (date(2026, 3, 9), False),
        (date(2026, 3, 2), True),  # older than the newest two, listed because it needs review
    ]


def test_a_session_moved_within_its_day_is_not_given_as_the_reason(
    edit: SeriesEditService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = _marked_series(edit, world, uow)
    edit.reschedule_occurrence(series, date(2026, 3, 16), datetime(2026, 3, 16, 11, 0))
    with uow() as u:  # two desks disagreed on the mark: the server's merge set it for review
        (mark,) = [
            m
            for m in AttendanceRepository(u.session).marks([series])
            if m.date == date(2026, 3, 16)
        ]
        mark.needs_review = True
        u.commit()
    (item,) = _review(uow).queue(world.facility_id)
    assert item.why.startswith("Marked differently on two workstations")
    assert item.when == "Mon 16 Mar 11:00" and item.held
