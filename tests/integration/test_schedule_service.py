"""ScheduleService on SQLite and PostgreSQL: series, overrides, splits, clashes, calendars."""

from __future__ import annotations

import time as timer
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from app.domain.errors import InvalidRecurrence, NotFound, ValidationError
from app.infra.clock import FixedClock
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.schedule import ScheduleService
from app.services.schedule_dto import ClashError, NewSeries, ProposedSlot
from tests.integration.factories import (
    NOW,
    World,
    add_series,
    count_statements,
    occurrence_of,
    schedule_world,
    series_of,
    series_of_class,
)


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    return schedule_world(uow, students=0, second="Math")


@pytest.fixture
def schedule(uow: UnitOfWorkFactory) -> ScheduleService:
    return ScheduleService(uow, FixedClock(NOW))


def _weekly(world: World, **kw: Any) -> NewSeries:
    values: dict[str, Any] = {
        "class_id": world.classes[0],
        "dtstart_local": datetime(2026, 3, 2, 9, 0),
        "duration_minutes": 90,
        "rrule": "FREQ=WEEKLY;BYDAY=MO",
    }
    values.update(kw)
    return NewSeries(**values)


def test_series_defaults_from_its_class_and_expands_in_local_time(
    schedule: ScheduleService, world: World
) -> None:
    series = schedule.create_series(_weekly(world, rrule="RRULE:freq=weekly;byday=mo"))
    assert (series.room_name, series.instructor_name) == ("Room 101", "Iris Stone")
    assert series.until_local == date(2026, 12, 18)  # the class's end
    assert series.rrule == "FREQ=WEEKLY;BYDAY=MO"

    march = schedule.occurrences(world.facility_id, date(2026, 3, 1), date(2026, 3, 31))
    assert [o.original_date.day for o in march] == [2, 9, 16, 23, 30]
    assert {o.start_local.time() for o in march} == {time(9, 0)}
    # DST began on 8 March: 09:00 EST is 14:00 UTC, 09:00 EDT is 13:00 UTC.
    assert [o.start_utc.hour for o in march[:2]] == [14, 13]
    assert march[0].end_local - march[0].start_local == timedelta(minutes=90)
    assert schedule.occurrences(world.other_facility_id, date(2026, 3, 1), date(2026, 3, 31)) == []


def test_occurrences_keep_local_time_across_the_fall_dst_change(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = schedule.create_series(_weekly(world))
    autumn = schedule.occurrences(world.facility_id, date(2026, 10, 26), date(2026, 11, 2))
    assert [(o.original_date, o.start_local.hour, o.start_utc.hour) for o in autumn] == [
        (date(2026, 10, 26), 9, 13),
        (date(2026, 11, 2), 9, 14),
    ]
    assert occurrence_of(uow, series.id, date(2026, 11, 2)).start_utc == datetime(
        2026, 11, 2, 14, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"rrule": "FREQ=SOMETIMES"}, InvalidRecurrence, "not one of DAILY"),
        ({"rrule": "FREQ=HOURLY"}, InvalidRecurrence, "at most daily"),
        ({"duration_minutes": 0}, InvalidRecurrence, "at least one minute"),
        (
            {"dtstart_local": datetime(2025, 12, 1, 9, 0)},
            ValidationError,
            "before the class starts",
        ),
        ({"until_local": date(2027, 1, 1)}, ValidationError, "past the end of the class"),
        ({"until_local": date(2026, 2, 1)}, InvalidRecurrence, "ends before it starts"),
        ({"room_id": "other"}, ValidationError, "room of another facility"),
    ],
)
def test_bad_series_is_refused_and_nothing_is_created(
    schedule: ScheduleService,
    world: World,
    changes: dict[str, Any],
    error: type[Exception],
    message: str,
    uow: UnitOfWorkFactory,
) -> None:
    if changes.get("room_id") == "other":
        changes = {**changes, "room_id": world.other_room_id}
    with pytest.raises(error, match=message):
        schedule.create_series(_weekly(world, **changes))
    assert series_of_class(uow, world.classes[0]) == []


def test_room_and_instructor_clashes_are_refused_unless_allowed(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    welding = schedule.create_series(_weekly(world))
    math = world.classes[1]
    same_room = _weekly(
        world, class_id=math, dtstart_local=datetime(2026, 3, 9, 10, 0), room_id=world.room_id
    )
    with pytest.raises(ClashError, match="Room 101 is already booked for Welding I") as caught:
        schedule.create_series(same_room)
    first = caught.value.clashes[0]
    assert (first.kind, first.other_series_id, first.other_original_date) == (
        "room",
        welding.id,
        date(2026, 3, 16),  # the clash check starts today, not at the series' first session
    )
    assert len(caught.value.clashes) > 30  # every Monday up to the class's end
    assert series_of_class(uow, math) == []

    same_person = _weekly(
        world,
        class_id=math,
        dtstart_local=datetime(2026, 3, 2, 10, 29),
        room_id=world.room2_id,
        instructor_id=world.instructor_id,
    )
    with pytest.raises(ClashError, match="Iris Stone is already teaching") as caught:
        schedule.create_series(same_person)
    assert {c.kind for c in caught.value.clashes} == {"instructor"}

    back_to_back = _weekly(world, class_id=math, dtstart_local=datetime(2026, 3, 2, 10, 30))
    assert schedule.create_series(back_to_back).instructor_id == world.instructor2_id
    assert schedule.create_series(same_room, allow_clash=True).room_id == world.room_id
    assert len(series_of_class(uow, math)) == 2


def test_clashes_for_proposed_slots(schedule: ScheduleService, world: World) -> None:
    welding = schedule.create_series(_weekly(world))
    start = datetime(2026, 3, 23, 14, 0, tzinfo=UTC)  # 10:00 EDT, during Welding I
    found = schedule.clashes_for(
        world.facility_id,
        [ProposedSlot(start, start + timedelta(hours=1), world.room_id, world.instructor_id)],
    )
    assert sorted(c.kind for c in found) == ["instructor", "room"]
    assert {c.other_series_id for c in found} == {welding.id}
    ignored = schedule.clashes_for(
        world.facility_id,
        [(start, start + timedelta(hours=1), world.room_id, None)],
        ignore_series_id=welding.id,
    )
    assert ignored == []
    elsewhere = schedule.clashes_for(
        world.facility_id, [(start, start + timedelta(hours=1), world.room2_id, None)]
    )
    assert elsewhere == []


def test_cancel_one_session_needs_a_reason_and_can_be_restored(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = schedule.create_series(_weekly(world))
    day = date(2026, 3, 23)
    with pytest.raises(ValidationError, match="reason is required"):
        schedule.cancel_occurrence(series.id, day, "  ")
    assert not occurrence_of(uow, series.id, day).cancelled

    change = schedule.cancel_occurrence(series.id, day, "Lockdown")
    assert change.occurrence is not None
    assert (change.occurrence.cancelled, change.occurrence.reason) == (True, "Lockdown")
    shown = schedule.occurrences(world.facility_id, day, day)
    assert [(o.original_date, o.cancelled) for o in shown] == [(day, True)]

    with pytest.raises(ValidationError, match="no session on Tue 24 Mar 2026"):
        schedule.cancel_occurrence(series.id, date(2026, 3, 24), "Lockdown")

    restored = schedule.restore_occurrence(series.id, day)
    assert restored.occurrence is not None and not restored.occurrence.cancelled
    with pytest.raises(NotFound, match="no changes to undo"):
        schedule.restore_occurrence(series.id, day)
    again = schedule.cancel_occurrence(series.id, day, "Fire drill")  # revives the override row
    assert again.occurrence is not None and again.occurrence.reason == "Fire drill"


def test_reschedule_one_session_moves_it_and_checks_clashes(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = schedule.create_series(_weekly(world))
    math = schedule.create_series(
        _weekly(world, class_id=world.classes[1], dtstart_local=datetime(2026, 3, 3, 9, 0),
                rrule="FREQ=WEEKLY;BYDAY=TU", room_id=world.room2_id)
    )  # fmt: skip
    day = date(2026, 3, 23)
    change = schedule.reschedule_occurrence(
        series.id, day, datetime(2026, 3, 25, 13, 0), 60, "Trip on Monday"
    )
    moved = change.occurrence
    assert moved is not None
    assert (moved.original_date, moved.start_local.date(), moved.rescheduled) == (
        day,
        date(2026, 3, 25),
        True,
    )
    week = schedule.occurrences(world.facility_id, date(2026, 3, 23), date(2026, 3, 29))
    assert [(o.class_name, o.start_local.day) for o in week] == [("Math", 24), ("Welding I", 25)]

    schedule.change_room(math.id, date(2026, 3, 24), world.room_id, "Projector")
    with pytest.raises(ClashError, match="Room 101 is already booked for Math"):
        schedule.reschedule_occurrence(series.id, day, datetime(2026, 3, 24, 9, 30))
    assert occurrence_of(uow, series.id, day).start_local.day == 25  # unchanged
    with pytest.raises(InvalidRecurrence, match="at least one minute"):
        schedule.reschedule_occurrence(series.id, day, datetime(2026, 3, 26, 9, 0), 0)
    assert occurrence_of(uow, series.id, day).start_local.day == 25


def test_substitute_instructor_shows_under_the_substitute(
    schedule: ScheduleService, world: World
) -> None:
    series = schedule.create_series(_weekly(world))
    day = date(2026, 3, 23)
    change = schedule.substitute_instructor(series.id, day, world.instructor2_id, "Sick leave")
    assert change.occurrence is not None
    assert (change.occurrence.instructor_name, change.occurrence.substitute) == ("Omar Reed", True)
    window = (world.facility_id, date(2026, 3, 16), date(2026, 3, 29))
    by_omar = schedule.occurrences(*window, instructor_id=world.instructor2_id)
    by_iris = schedule.occurrences(*window, instructor_id=world.instructor_id)
    assert [o.original_date for o in by_omar] == [day]
    assert [o.original_date for o in by_iris] == [date(2026, 3, 16)]
    with pytest.raises(ValidationError, match="not a staff member"):
        schedule.substitute_instructor(series.id, day, world.outsider_id)


def test_all_future_change_ends_the_old_series_and_starts_a_new_one(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = schedule.create_series(_weekly(world))
    schedule.cancel_occurrence(series.id, date(2026, 4, 6), "Holiday")
    change = schedule.change_room(
        series.id, date(2026, 3, 23), world.room2_id, "Renovation", scope="all_future"
    )
    assert change.new_series_id is not None and change.new_series_id != series.id
    old = series_of(uow, series.id)
    new = series_of(uow, change.new_series_id)
    assert old.until_local == date(2026, 3, 22)
    assert (new.dtstart_local, new.room_name, new.until_local) == (
        datetime(2026, 3, 23, 9, 0),
        "Lab B",
        date(2026, 12, 18),
    )
    assert new.class_id == old.class_id
    spring = schedule.occurrences(world.facility_id, date(2026, 3, 9), date(2026, 4, 13))
    assert [(o.original_date.day, o.room_name, o.cancelled) for o in spring] == [
        (9, "Room 101", False),
        (16, "Room 101", False),
        (23, "Lab B", False),
        (30, "Lab B", False),
        (6, "Lab B", True),  # the cancellation moved with the sessions
        (13, "Lab B", False),
    ]
    assert {o.series_id for o in spring[2:]} == {change.new_series_id}


def test_all_future_reschedule_moves_the_weekday(schedule: ScheduleService, world: World) -> None:
    series = schedule.create_series(_weekly(world))
    change = schedule.reschedule_occurrence(
        series.id, date(2026, 3, 23), datetime(2026, 3, 25, 14, 0), scope="all_future"
    )
    assert change.occurrence is not None and change.occurrence.start_local.day == 25
    days = schedule.occurrences(world.facility_id, date(2026, 3, 16), date(2026, 4, 5))
    assert [(o.start_local.strftime("%a %d %H:%M")) for o in days] == [
        "Mon 16 09:00",
        "Wed 25 14:00",
        "Wed 01 14:00",
    ]


def test_cancel_all_future_from_the_first_session_removes_the_series(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    series = schedule.create_series(_weekly(world))
    change = schedule.cancel_occurrence(
        series.id, date(2026, 3, 2), "Class moved online", scope="all_future"
    )
    assert change.occurrence is None and change.new_series_id is None
    assert series_of_class(uow, world.classes[0]) == []


def test_a_month_of_300_series_takes_two_queries(
    uow: UnitOfWorkFactory, schedule: ScheduleService, world: World
) -> None:
    with uow() as u:
        for i in range(300):
            add_series(
                u,
                world.facility_id,
                world.classes[i % 2],
                datetime(2025, 9, 1 + i % 7, 8 + i % 9, 0),
                room_id=world.room_id if i % 3 else None,
                instructor_id=world.instructor_id,
            )
        u.commit()
    window = (world.facility_id, date(2026, 3, 1), date(2026, 3, 31))
    schedule.occurrences(*window)  # warm the parsed-rule cache, as a calendar refresh would
    with count_statements(uow) as queries:
        started = timer.perf_counter()
        month = schedule.occurrences(*window)
        elapsed = timer.perf_counter() - started
    assert len(queries) <= 3
    # March 2026 has five Sundays, Mondays and Tuesdays; series i starts on weekday i % 7 (Mon=0).
    assert len(month) == sum(5 if i % 7 in (0, 1, 6) else 4 for i in range(300))
    assert month == sorted(month, key=lambda o: o.start_utc)
    print(f"month of 300 series: {len(month)} sessions in {elapsed * 1000:.0f} ms")


def test_unknown_series_and_dates_are_reported(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    with pytest.raises(NotFound):
        occurrence_of(uow, uuid.uuid4(), date(2026, 3, 2))
    series = schedule.create_series(_weekly(world))
    with pytest.raises(NotFound, match="no session"):
        occurrence_of(uow, series.id, date(2026, 3, 3))
    with pytest.raises(ValidationError, match="at most a year"):
        schedule.occurrences(world.facility_id, date(2026, 1, 1), date(2027, 6, 1))


def test_an_instructor_filter_loads_only_their_series_and_substitutions(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    welding = schedule.create_series(_weekly(world))  # Iris, Mondays 09:00
    math = schedule.create_series(  # Omar, Tuesdays 11:00
        _weekly(
            world,
            class_id=world.classes[1],
            dtstart_local=datetime(2026, 3, 3, 11, 0),
            rrule="FREQ=WEEKLY;BYDAY=TU",
        )
    )
    schedule.substitute_instructor(welding.id, date(2026, 3, 23), world.instructor2_id, "Ill")
    lo, hi = date(2026, 3, 16), date(2026, 3, 29)
    with uow() as u:
        sched = u.get(ScheduleRepository)
        iris, iris_overrides = sched.window(
            world.facility_id, lo, hi, instructor_id=world.instructor_id
        )
        omar, _ = sched.window(world.facility_id, lo, hi, instructor_id=world.instructor2_id)
        nobody, _ = sched.window(world.facility_id, lo, hi, instructor_id=world.outsider_id)
    assert [line.id for line in iris] == [welding.id]  # Math is not even loaded
    assert [o.original_date for o in iris_overrides] == [date(2026, 3, 23)]
    assert {line.id for line in omar} == {welding.id, math.id}
    assert nobody == []

    with count_statements(uow) as queries:
        by_omar = schedule.occurrences(
            world.facility_id, lo, hi, instructor_id=world.instructor2_id
        )
    assert len(queries) <= 3
    assert [(o.class_name, o.original_date, o.substitute) for o in by_omar] == [
        ("Math", date(2026, 3, 17), False),
        ("Welding I", date(2026, 3, 23), True),
        ("Math", date(2026, 3, 24), False),
    ]
    by_iris = schedule.occurrences(world.facility_id, lo, hi, instructor_id=world.instructor_id)
    assert [o.original_date for o in by_iris] == [date(2026, 3, 16)]


def test_a_substitute_who_teaches_then_is_refused_unless_allowed(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    welding = schedule.create_series(_weekly(world))  # Iris, Mondays 09:00-10:30, Room 101
    schedule.create_series(  # Omar, Mondays 10:00 in Lab B
        _weekly(
            world,
            class_id=world.classes[1],
            dtstart_local=datetime(2026, 3, 2, 10, 0),
            room_id=world.room2_id,
        )
    )
    day = date(2026, 3, 23)
    with pytest.raises(ClashError, match="Omar Reed is already teaching Math") as caught:
        schedule.substitute_instructor(welding.id, day, world.instructor2_id, "Iris ill")
    assert [(c.kind, c.other_original_date) for c in caught.value.clashes] == [("instructor", day)]
    assert occurrence_of(uow, welding.id, day).instructor_name == "Iris Stone"  # nothing saved

    change = schedule.substitute_instructor(
        welding.id, day, world.instructor2_id, "Iris ill", allow_clash=True
    )
    assert change.occurrence is not None
    saved = occurrence_of(uow, welding.id, day)
    assert (saved.instructor_name, saved.substitute, saved.reason) == (
        "Omar Reed",
        True,
        "Iris ill",
    )
    next_week = occurrence_of(uow, welding.id, date(2026, 3, 30))
    assert (next_week.instructor_name, next_week.substitute) == ("Iris Stone", False)

    # All future sessions: every Monday clashes, so the whole tail is refused, then allowed.
    with pytest.raises(ClashError) as caught:
        schedule.substitute_instructor(welding.id, day, world.instructor2_id, scope="all_future")
    assert len(caught.value.clashes) > 1
    assert series_of_class(uow, world.classes[0])[0].instructor_name == "Iris Stone"


def test_all_future_sessions_get_the_substitute(
    schedule: ScheduleService, world: World, uow: UnitOfWorkFactory
) -> None:
    welding = schedule.create_series(_weekly(world))
    day = date(2026, 3, 30)
    change = schedule.substitute_instructor(
        welding.id, day, world.instructor2_id, "Iris leaves", scope="all_future"
    )
    assert change.new_series_id is not None and change.new_series_id != welding.id
    assert change.occurrence is not None and change.occurrence.original_date == day
    series = series_of_class(uow, world.classes[0])
    assert [(s.instructor_name, s.until_local) for s in series] == [
        ("Iris Stone", date(2026, 3, 29)),
        ("Omar Reed", date(2026, 12, 18)),
    ]
    by_omar = schedule.occurrences(
        world.facility_id, date(2026, 3, 16), date(2026, 4, 12), instructor_id=world.instructor2_id
    )
    assert [o.original_date for o in by_omar] == [day, date(2026, 4, 6)]
    # A series' own instructor is not a substitute.
    assert not any(o.substitute for o in by_omar)
