"""AvailabilityService on SQLite and PostgreSQL: an instructor's weekly hours and time off kept
in the facility's wall time, the hours a week grid shades, and the series and substitutes that
would put an instructor outside them."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from app.db.models import InstructorAvailability, InstructorTimeOff, SessionSeries
from app.domain.availability import Interval
from app.domain.errors import ValidationError
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.availability import AvailabilityService, find_unavailable
from app.services.availability_dto import HoursEntry, TimeOffEntry, UnavailableError
from app.services.schedule import ScheduleService
from app.services.series_edit import SeriesEditService, SeriesForm
from tests.integration.factories import NOW, World, add_series, schedule_world

MON, TUE = 0, 1
NINE, FIVE = 9 * 60, 17 * 60


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    return schedule_world(uow, students=1, second="Maths")


@pytest.fixture
def service(uow: UnitOfWorkFactory) -> AvailabilityService:
    return AvailabilityService(uow, FixedClock(NOW))


def _weekdays_nine_to_five(service: AvailabilityService, world: World) -> None:
    service.save(
        world.facility_id,
        world.instructor_id,
        [HoursEntry(day, NINE, FIVE) for day in range(5)],
        [TimeOffEntry(datetime(2026, 4, 6), datetime(2026, 4, 11), "Spring leave")],
    )


def _stored(uow: UnitOfWorkFactory) -> tuple[list[tuple[int, int, int, bool]], list[str | None]]:
    with uow() as u:
        hours = u.session.execute(
            select(
                InstructorAvailability.weekday,
                InstructorAvailability.start_minute,
                InstructorAvailability.end_minute,
                InstructorAvailability.deleted_at.is_not(None),
            ).order_by(InstructorAvailability.weekday, InstructorAvailability.start_minute)
        ).all()
        offs = u.session.scalars(
            select(InstructorTimeOff.reason).where(InstructorTimeOff.deleted_at.is_(None))
        ).all()
    return [tuple(r) for r in hours], list(offs)  # type: ignore[misc]


def test_hours_and_time_off_are_saved_changed_and_removed_as_tombstones(
    uow: UnitOfWorkFactory, service: AvailabilityService, world: World
) -> None:
    saved = service.save(
        world.facility_id,
        world.instructor_id,
        [HoursEntry(TUE, 13 * 60, 18 * 60), HoursEntry(MON, NINE, FIVE)],
        [TimeOffEntry(datetime(2026, 4, 6, 0, 0), datetime(2026, 4, 11), "  Spring leave ")],
    )
    assert saved.instructor_name == "Iris Stone"
    assert saved.timezone == "America/New_York"
    assert [h.text for h in saved.hours] == ["Mon 09:00–17:00", "Tue 13:00–18:00"]
    assert [(t.starts_local, t.reason) for t in saved.time_off] == [
        (datetime(2026, 4, 6), "Spring leave")
    ]
    monday, tuesday = saved.hours
    again = service.save(
        world.facility_id,
        world.instructor_id,
        [HoursEntry(MON, 8 * 60, FIVE, id=monday.id), HoursEntry(TUE, NINE, 24 * 60)],
        [],
    )
    assert [h.text for h in again.hours] == ["Mon 08:00–17:00", "Tue 09:00–24:00"]
    assert again.hours[0].id == monday.id
    assert again.time_off == ()
    assert service.of_instructor(world.facility_id, world.instructor_id) == again
    assert _stored(uow) == (
        [(MON, 480, FIVE, False), (TUE, NINE, 1440, False), (TUE, 780, 1080, True)],
        [],
    )
    assert tuesday.id not in {h.id for h in again.hours}


def test_what_cannot_be_is_refused_and_nothing_is_written(
    uow: UnitOfWorkFactory, service: AvailabilityService, world: World
) -> None:
    for hours, offs, field, words in (
        ([HoursEntry(MON, FIVE, NINE)], [], "hours", "Mon 17:00–09:00: the end must be after"),
        ([HoursEntry(7, NINE, FIVE)], [], "hours", "Monday to Sunday"),
        (
            [HoursEntry(MON, NINE, FIVE, date(2026, 5, 1), date(2026, 4, 1))],
            [],
            "hours",
            "before it is valid from",
        ),
        (
            [HoursEntry(MON, NINE, FIVE)],
            [TimeOffEntry(datetime(2026, 4, 6, 12), datetime(2026, 4, 6, 9))],
            "time_off",
            "the end must be after the start",
        ),
    ):
        with pytest.raises(ValidationError, match=words) as refused:
            service.save(world.facility_id, world.instructor_id, hours, offs)
        assert refused.value.field == field
    with pytest.raises(ValidationError, match="not a staff member"):
        service.save(world.facility_id, world.students[0], [HoursEntry(MON, NINE, FIVE)], [])
    with pytest.raises(ValidationError, match="does not work at this facility"):
        service.save(world.other_facility_id, world.instructor_id, [], [])
    assert _stored(uow) == ([], [])


def test_the_shaded_hours_of_a_week_stay_on_the_wall_clock_across_dst(
    service: AvailabilityService, world: World
) -> None:
    _weekdays_nine_to_five(service, world)
    # New York leaves daylight time on Sunday 1 November 2026: the Monday after is still 9 to 5.
    shaded = service.unavailable(world.facility_id, world.instructor_id, date(2026, 11, 1),
                                 date(2026, 11, 2))  # fmt: skip
    assert shaded == [
        Interval(datetime(2026, 11, 1), datetime(2026, 11, 2, 9)),
        Interval(datetime(2026, 11, 2, 17), datetime(2026, 11, 3)),
    ]
    # Time off is shaded whole, clipped to the days asked for.
    assert service.unavailable(
        world.facility_id, world.instructor_id, date(2026, 4, 7), date(2026, 4, 7)
    ) == [Interval(datetime(2026, 4, 7), datetime(2026, 4, 8))]
    # Someone with no hours recorded is shaded nowhere.
    assert (
        service.unavailable(
            world.facility_id, world.instructor2_id, date(2026, 4, 6), date(2026, 4, 12)
        )
        == []
    )


def test_hours_valid_for_a_term_say_nothing_outside_it(
    uow: UnitOfWorkFactory, service: AvailabilityService, world: World
) -> None:
    service.save(
        world.facility_id,
        world.instructor_id,
        [HoursEntry(MON, NINE, 12 * 60, date(2026, 6, 1), date(2026, 8, 31))],
        [],
    )
    summer = (datetime(2026, 7, 7, 10), datetime(2026, 7, 7, 11))  # a Tuesday in term
    autumn = (datetime(2026, 9, 8, 10), datetime(2026, 9, 8, 11))
    with uow() as u:  # what a new series' sessions are checked with
        found = find_unavailable(u, world.facility_id, world.instructor_id, [summer, autumn])
    assert [u.text for u in found] == [
        "Iris Stone is not available Tue 07 Jul 2026 10:00–11:00 (not working that day)"
    ]


def _form(world: World, start: time, **kw: object) -> SeriesForm:
    values: dict[str, object] = {
        "class_id": world.classes[0],
        "first_date": date(2026, 3, 23),
        "start_time": start,
        "duration_minutes": 60,
        "repeat": "weekly",
        "weekdays": (MON,),
        "room_id": world.room_id,
        "instructor_id": world.instructor_id,
    }
    values.update(kw)
    return SeriesForm(**values)  # type: ignore[arg-type]


def test_a_series_outside_the_instructors_hours_is_refused_unless_allowed(
    uow: UnitOfWorkFactory, service: AvailabilityService, world: World
) -> None:
    _weekdays_nine_to_five(service, world)
    series = SeriesEditService(uow, FixedClock(NOW))
    with pytest.raises(UnavailableError) as refused:
        series.create_from_form(_form(world, time(17, 30)))
    first = refused.value.unavailable[0]
    assert first.text == (
        "Iris Stone is not available Mon 23 Mar 2026 17:30–18:30 (works 09:00–17:00 that day)"
    )
    assert len(refused.value.unavailable) == 39  # every Monday to the class's end in December
    with uow() as u:
        assert u.session.scalars(select(SessionSeries)).all() == []
    # Mondays at 09:00 are inside the hours, before and after DST, except the Monday on leave.
    with pytest.raises(UnavailableError) as leave:
        series.create_from_form(_form(world, time(9, 0)))
    assert [u.outside.start_local for u in leave.value.unavailable] == [datetime(2026, 4, 6, 9)]
    assert "(time off: Spring leave)" in leave.value.message
    saved = series.create_from_form(_form(world, time(9, 0)), allow_unavailable=True)
    assert saved.first_session is not None
    # Changing it from a date on to the evening is refused in turn.
    with pytest.raises(UnavailableError):
        series.edit_from(saved.series_id, _form(world, time(18, 0), first_date=date(2026, 5, 4)))
    moved = series.edit_from(
        saved.series_id, _form(world, time(10, 0), first_date=date(2026, 5, 4))
    )
    assert moved.first_session is not None
    assert moved.first_session.start_local.hour == 10


def test_a_substitute_is_checked_for_the_session_or_all_future_ones_and_ranked(
    uow: UnitOfWorkFactory, service: AvailabilityService, world: World
) -> None:
    with uow() as u:  # Maths with Omar Reed, Tuesdays 18:00
        maths = add_series(u, world.facility_id, world.classes[1], datetime(2026, 3, 3, 18, 0),
                           instructor_id=world.instructor2_id)  # fmt: skip
        u.commit()
    _weekdays_nine_to_five(service, world)
    tuesday = date(2026, 3, 24)
    one = service.check_substitute(maths, tuesday, world.instructor_id)
    assert [u.text for u in one] == [
        "Iris Stone is not available Tue 24 Mar 2026 18:00–19:00 (works 09:00–17:00 that day)"
    ]
    later = service.check_substitute(maths, tuesday, world.instructor_id, scope="all_future")
    assert len(later) > 30 and later[0].outside.start_local == datetime(2026, 3, 24, 18)
    assert service.check_substitute(maths, tuesday, world.instructor2_id) == []
    # Moved into her hours, that one session is fine.
    ScheduleService(uow, FixedClock(NOW)).reschedule_occurrence(
        maths, tuesday, datetime(2026, 3, 24, 10, 0)
    )
    assert service.check_substitute(maths, tuesday, world.instructor_id) == []
    people = [(world.instructor_id, "Iris Stone"), (world.instructor2_id, "Omar Reed")]
    evening = service.candidates(
        world.facility_id, datetime(2026, 3, 24, 18), datetime(2026, 3, 24, 19), people
    )
    assert [(c.name, c.available) for c in evening] == [
        ("Omar Reed", True),
        ("Iris Stone", False),
    ]
    morning = service.candidates(
        world.facility_id, datetime(2026, 3, 24, 10), datetime(2026, 3, 24, 11), people
    )
    assert [(c.name, c.available) for c in morning] == [
        ("Iris Stone", True),
        ("Omar Reed", True),
    ]
