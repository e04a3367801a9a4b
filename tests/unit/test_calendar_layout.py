"""Where the calendar grids put sessions: lanes, clashes, month weeks, what fits in a day, and
where the arrow keys go (plain functions, no Qt)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.services.schedule_dto import OccurrenceView
from app.ui.calendar import layout

TZ = ZoneInfo("America/New_York")
ROOM_A, ROOM_B = uuid.uuid4(), uuid.uuid4()
KIM, OMAR = uuid.uuid4(), uuid.uuid4()


def session(
    name: str,
    start: datetime,
    minutes: int = 60,
    *,
    room: uuid.UUID | None = None,
    who: uuid.UUID | None = None,
    cancelled: bool = False,
) -> OccurrenceView:
    local = start.replace(tzinfo=TZ)
    end = local + timedelta(minutes=minutes)
    return OccurrenceView(
        series_id=uuid.uuid5(uuid.NAMESPACE_DNS, name),
        class_id=uuid.uuid5(uuid.NAMESPACE_URL, name),
        class_name=name,
        original_date=start.date(),
        start_local=local,
        end_local=end,
        start_utc=local.astimezone(UTC),
        end_utc=end.astimezone(UTC),
        duration_minutes=minutes,
        room_id=room,
        room_name=None,
        instructor_id=who,
        instructor_name=None,
        cancelled=cancelled,
        rescheduled=False,
        reason=None,
    )


MON = datetime(2026, 11, 23)


def test_overlapping_sessions_share_their_day_in_lanes() -> None:
    a = session("A", MON.replace(hour=9), 120)
    b = session("B", MON.replace(hour=9, minute=30))
    c = session("C", MON.replace(hour=10, minute=30))  # B has ended: back to lane 1
    d = session("D", MON.replace(hour=13))  # alone
    found = layout.lanes([d, c, b, a])
    assert found[layout.key_of(a)] == layout.Lane(0, 2)
    assert found[layout.key_of(b)] == layout.Lane(1, 2)
    assert found[layout.key_of(c)] == layout.Lane(1, 2)
    assert found[layout.key_of(d)] == layout.Lane(0, 1)


def test_a_clash_is_the_same_room_or_instructor_at_once_and_never_a_cancelled_one() -> None:
    a = session("A", MON.replace(hour=9), room=ROOM_A, who=KIM)
    b = session("B", MON.replace(hour=9, minute=30), room=ROOM_A, who=OMAR)
    c = session("C", MON.replace(hour=9, minute=45), room=ROOM_B, who=KIM)
    d = session("D", MON.replace(hour=10), room=ROOM_A, who=OMAR)  # starts as A ends
    e = session("E", MON.replace(hour=9), room=ROOM_B, cancelled=True)
    found = layout.clashes([a, b, c, d, e])
    assert found == {
        layout.key_of(a): {"room", "instructor"},
        layout.key_of(b): {"room", "instructor"},
        layout.key_of(c): {"instructor"},
        layout.key_of(d): {"room", "instructor"},
    }


def test_month_weeks_cover_the_month_monday_to_sunday() -> None:
    weeks = layout.month_weeks(date(2026, 11, 17))
    assert weeks[0][0] == date(2026, 10, 26) and weeks[-1][-1] == date(2026, 12, 6)
    assert len(weeks) == 6 and all(len(w) == 7 for w in weeks)
    assert len(layout.month_weeks(date(2021, 2, 1))) == 4  # February 2021 starts on a Monday


def test_a_full_day_shows_more_and_keeps_the_selected_session() -> None:
    items = [session(f"S{i}", MON.replace(hour=8 + i)) for i in range(6)]
    assert layout.fit_day(items, 6) == (items, 0)
    assert layout.fit_day(items, 4) == (items[:3], 3)
    shown, more = layout.fit_day(items, 4, layout.key_of(items[5]))
    assert shown == [items[0], items[1], items[5]] and more == 3
    assert layout.fit_day(items, 0) == ([], 6)


def test_arrow_keys_go_within_a_day_and_across_days_to_the_nearest_time() -> None:
    mon9, mon13 = session("M9", MON.replace(hour=9)), session("M13", MON.replace(hour=13))
    wed12 = session("W12", MON.replace(day=25, hour=12))
    days = layout.by_day([wed12, mon13, mon9])
    key = layout.key_of
    assert layout.step(days, None, "down") is mon9
    assert layout.step(days, None, "end") is wed12
    assert layout.step(days, key(mon9), "down") is mon13
    assert layout.step(days, key(mon13), "down") is None
    assert layout.step(days, key(mon9), "up") is None
    assert layout.step(days, key(mon9), "right") is wed12
    assert layout.step(days, key(wed12), "left") is mon13  # 13:00 is nearer to 12:00
    assert layout.step(days, key(wed12), "right") is None
    assert layout.step({}, None, "down") is None


def test_the_hours_shown_widen_to_every_session() -> None:
    assert layout.hour_span([]) == (8, 18)
    early = session("E", MON.replace(hour=6, minute=30))
    late = session("L", MON.replace(hour=19, minute=15))
    assert layout.hour_span([early, late]) == (6, 21)
    overnight = session("N", MON.replace(hour=22), 180)
    assert layout.hour_span([overnight]) == (8, 24)


def test_colours_are_stable_and_from_the_palette() -> None:
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert layout.colour_of(ident) == layout.colour_of(uuid.UUID(str(ident)))
    assert layout.colour_of(ident) in layout.PALETTE
    assert layout.colour_of(None) == "#888888"
