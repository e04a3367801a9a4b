"""SeriesEditService on SQLite and PostgreSQL: the series dialog's form made into a series, and
a series changed from a date on without touching a session already marked."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from app.domain.enums import AttendanceStatus, ClassStatus
from app.domain.errors import NotAllowed, ValidationError
from app.infra.clock import FixedClock
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.rosters import RosterService
from app.services.schedule_dto import ClashError, NewSeries
from app.services.series_edit import SeriesEditService, SeriesForm, check_form
from tests.integration.factories import NOW, World, add_class, schedule_world

MONDAY = date(2026, 3, 2)  # NOW is Monday 16 March 2026, 13:00 in New York


@pytest.fixture
def world(uow: UnitOfWorkFactory) -> World:
    return schedule_world(uow, students=2, second="Maths")


@pytest.fixture
def series_edit(uow: UnitOfWorkFactory) -> SeriesEditService:
    return SeriesEditService(uow, FixedClock(NOW))


def _form(world: World, **kw: Any) -> SeriesForm:
    values: dict[str, Any] = {
        "class_id": world.classes[0],
        "first_date": MONDAY,
        "start_time": time(9, 0),
        "duration_minutes": 90,
        "repeat": "weekly",
        "weekdays": (0,),
        "room_id": world.room_id,
        "instructor_id": world.instructor_id,
    }
    values.update(kw)
    return SeriesForm(**values)


def _form_of(
    series_edit: SeriesEditService, world: World, series_id: uuid.UUID, day: date
) -> SeriesForm:
    """The form the series dialog shows to change a series from ``day`` on."""
    form = series_edit.choices(world.facility_id, series_id, day).form
    assert form is not None
    return form


def test_the_form_becomes_a_rule_or_says_what_is_wrong(world: World) -> None:
    assert check_form(_form(world, weekdays=(2, 0))) == ("FREQ=WEEKLY;BYDAY=MO,WE", None)
    assert check_form(_form(world, repeat="daily", interval=3, end="count", count=8)) == (
        "FREQ=DAILY;INTERVAL=3;COUNT=8",
        None,
    )
    assert check_form(_form(world, repeat="none", weekdays=())) == (None, None)
    ends = _form(world, end="date", until_local=date(2026, 6, 1))
    assert check_form(ends) == ("FREQ=WEEKLY;BYDAY=MO", date(2026, 6, 1))
    for bad, field, words in (
        (_form(world, weekdays=()), "weekdays", "at least one weekday"),
        (_form(world, end="date", until_local=date(2026, 2, 1)), "until_local", "is before"),
        (_form(world, end="count", count=0), "count", "from 1 to"),
        (_form(world, repeat="daily", interval=0), "interval", "every 1 to"),
        (_form(world, duration_minutes=0), "duration_minutes", "one minute"),
    ):
        with pytest.raises(ValidationError, match=words) as err:
            check_form(bad)
        assert err.value.field == field


def test_a_weekly_series_is_created_from_the_form(
    series_edit: SeriesEditService, world: World
) -> None:
    saved = series_edit.create_from_form(_form(world, weekdays=(0, 2), end="count", count=5))
    assert saved.class_name == "Welding I"
    assert saved.first_session is not None and saved.first_session.original_date == MONDAY
    sessions = series_edit.occurrences(world.facility_id, MONDAY, date(2026, 3, 31))
    assert [(o.original_date.day, o.start_local.time()) for o in sessions] == [
        (2, time(9, 0)),
        (4, time(9, 0)),
        (9, time(9, 0)),
        (11, time(9, 0)),
        (16, time(9, 0)),
    ]
    again = _form_of(series_edit, world, saved.series_id, date(2026, 3, 9))
    assert again == _form(
        world,
        first_date=date(2026, 3, 9),
        weekdays=(0, 2),
        end="count",
        count=5,
        until_local=date(2026, 12, 18),  # the class's end, as every series of the class
    )


def test_a_clash_refuses_the_series_unless_allowed(
    series_edit: SeriesEditService, world: World
) -> None:
    series_edit.create_from_form(_form(world))
    clashing = _form(world, class_id=world.classes[1], start_time=time(10, 0))
    with pytest.raises(ClashError) as err:
        series_edit.create_from_form(clashing)
    assert {c.kind for c in err.value.clashes} == {"room", "instructor"}
    assert err.value.clashes[0].other_class_name == "Welding I"
    assert len(series_edit.occurrences(world.facility_id, MONDAY, MONDAY)) == 1
    series_edit.create_from_form(clashing, allow_clash=True)
    assert len(series_edit.occurrences(world.facility_id, MONDAY, MONDAY)) == 2


def test_a_time_change_from_a_date_keeps_earlier_sessions_and_their_marks(
    series_edit: SeriesEditService, world: World, uow: UnitOfWorkFactory
) -> None:
    saved = series_edit.create_from_form(_form(world))
    enrolled_before = FixedClock(datetime(2026, 2, 20, 12, 0, tzinfo=UTC))
    RosterService(uow, enrolled_before).enrol(world.classes[0], world.students[0])
    attendance = AttendanceService(uow, FixedClock(NOW))
    for day in (2, 9, 16):
        attendance.mark(
            saved.series_id, date(2026, 3, day), world.students[0], AttendanceStatus.LATE
        )

    later = replace(_form(world), start_time=time(10, 30), duration_minutes=60)
    with pytest.raises(NotAllowed, match="Attendance was taken on Mon 16 Mar 2026") as err:
        series_edit.edit_from(saved.series_id, replace(later, first_date=date(2026, 3, 16)))
    assert err.value.field == "first_date"

    moved = series_edit.edit_from(saved.series_id, replace(later, first_date=date(2026, 3, 17)))
    assert moved.series_id != saved.series_id
    assert moved.first_session is not None
    assert moved.first_session.start_local.replace(tzinfo=None) == datetime(2026, 3, 23, 10, 30)
    march = series_edit.occurrences(world.facility_id, MONDAY, date(2026, 3, 31))
    assert [(o.original_date.day, o.start_local.time(), o.duration_minutes) for o in march] == [
        (2, time(9, 0), 90),
        (9, time(9, 0), 90),
        (16, time(9, 0), 90),
        (23, time(10, 30), 60),
        (30, time(10, 30), 60),
    ]
    for day in (2, 9, 16):
        sheet = attendance.sheet(saved.series_id, date(2026, 3, day))
        assert [(r.status, r.needs_review) for r in sheet.rows] == [(AttendanceStatus.LATE, False)]


def test_a_count_is_of_the_whole_series_and_the_first_session_changes_it_in_place(
    series_edit: SeriesEditService, world: World
) -> None:
    saved = series_edit.create_from_form(_form(world, end="count", count=6))
    moved = series_edit.edit_from(
        saved.series_id,
        _form(world, first_date=date(2026, 3, 16), weekdays=(1,), end="count", count=6),
    )
    sessions = series_edit.occurrences(world.facility_id, MONDAY, date(2026, 6, 30))
    assert [o.original_date for o in sessions] == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 17),  # Tuesdays from the 16th on
        date(2026, 3, 24),
        date(2026, 3, 31),
        date(2026, 4, 7),
    ]
    assert {o.series_id for o in sessions[2:]} == {moved.series_id}
    with pytest.raises(
        ValidationError, match="1 session of the series is before Mon 09 Mar"
    ) as err:
        series_edit.edit_from(
            saved.series_id, _form(world, first_date=date(2026, 3, 9), end="count", count=1)
        )
    assert err.value.field == "count"

    single = _form(world, first_date=date(2026, 3, 17), repeat="none", weekdays=())
    whole = series_edit.edit_from(moved.series_id, single)
    assert whole.series_id == moved.series_id  # from its first session: changed in place
    left = series_edit.occurrences(world.facility_id, MONDAY, date(2026, 6, 30))
    assert [o.original_date.day for o in left] == [2, 9, 17]


def test_rules_the_form_has_no_words_for_are_kept(
    series_edit: SeriesEditService, world: World
) -> None:
    monthly = series_edit.create_series(
        NewSeries(world.classes[0], datetime(2026, 3, 2, 9, 0), 60, "FREQ=MONTHLY;BYMONTHDAY=2")
    )
    form = _form_of(series_edit, world, monthly.id, date(2026, 4, 1))
    assert (form.repeat, form.rule, form.end) == ("rule", "FREQ=MONTHLY;BYMONTHDAY=2", "class")
    series_edit.edit_from(monthly.id, replace(form, start_time=time(11, 0)))
    sessions = series_edit.occurrences(world.facility_id, MONDAY, date(2026, 5, 31))
    assert [(o.original_date, o.start_local.hour) for o in sessions] == [
        (date(2026, 3, 2), 9),
        (date(2026, 4, 2), 11),
        (date(2026, 5, 2), 11),
    ]
    fortnightly = _form_of(
        series_edit,
        world,
        series_edit.create_series(
            NewSeries(world.classes[1], datetime(2026, 3, 3, 14, 0), 60, "FREQ=WEEKLY;INTERVAL=2")
        ).id,
        date(2026, 3, 3),
    )
    assert (fortnightly.repeat, fortnightly.interval, fortnightly.weekdays) == ("weekly", 2, (1,))


def test_choices_offer_the_classes_rooms_and_teachers_of_the_facility(
    series_edit: SeriesEditService, world: World, uow: UnitOfWorkFactory
) -> None:
    with uow() as u:
        add_class(u, world.facility_id, world.program_id, "Gone", status=ClassStatus.CANCELLED)
        u.commit()
    saved = series_edit.create_from_form(_form(world))
    offered = series_edit.choices(world.facility_id, saved.series_id, date(2026, 3, 20))
    assert [c.name for c in offered.classes] == ["Maths (Welding)", "Welding I (Welding)"]
    assert [r.name for r in offered.rooms] == ["Lab B", "Room 101"]
    # Neither instructor has a staff scope here: they teach its classes, so they are offered.
    assert [p.name for p in offered.instructors] == ["Iris Stone", "Omar Reed"]
    assert offered.form == _form(
        world, first_date=date(2026, 3, 20), until_local=date(2026, 12, 18)
    )
    assert series_edit.choices(world.other_facility_id).classes == ()
