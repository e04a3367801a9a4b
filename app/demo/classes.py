"""Demo classes and their schedules: weekly series, orientations and overrides."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from app.db.models import OccurrenceOverrideRow, ProgramClass, SessionSeries
from app.demo.enrollments import _EnrollmentBuilder
from app.demo.model import _Class, _Facility, _holidays, _monday, _Room, _Series, _Staff
from app.demo.specs import (
    _CANCEL_REASONS,
    _DAY_CODES,
    _DURATIONS,
    _MOVE_REASONS,
    _PATTERNS,
    _ROOM_DEFAULT_CAPACITY,
    _ROOM_REASONS,
    _SLOTS,
    _SUB_REASONS,
)
from app.domain import ids
from app.domain.enums import ClassStatus, ProgramType, RoomKind
from app.domain.errors import InvalidRecurrence
from app.domain.recurrence import OccurrenceOverride, SeriesSpec, compile_series


class _ClassBuilder(_EnrollmentBuilder):
    """Builds classes with their rooms, instructors, session series and overrides."""

    def build_classes(self) -> None:
        for fac_index, fac in enumerate(self.facilities):
            for index in range(self.size.classes_per_facility):
                self._class(fac, self._variant(fac_index, index))
            self._orientations(fac)
            self._transfers(fac)
            for cls in fac.classes:
                self._class_rows(cls)

    def _variant(self, fac_index: int, index: int) -> str:
        weeks, ahead = self.size.weeks, self.size.weeks_ahead
        if index == 0:
            variant = "big" if fac_index == 0 else "full"
        elif index == 1:
            variant = "short"
        elif index == 2:
            variant = "forced"
        else:
            roll = self.rng.random()
            variant = (
                "full"
                if roll < 0.82
                else "short"
                if roll < 0.89
                else "upcoming"
                if roll < 0.94
                else "paused"
                if roll < 0.97
                else "cancelled"
            )
        if variant in ("short", "paused") and weeks < 3:
            return "full"
        if variant == "upcoming" and ahead < 2:
            return "full"
        return variant

    def _class(self, fac: _Facility, variant: str) -> None:
        rng = self.rng
        if variant == "big":
            classroom = [p for p in fac.programs if p.spec.room is RoomKind.CLASSROOM]
            program = (classroom or fac.programs)[0]
            capacity = min(self.size.big_class, len(fac.students))
        else:
            program = rng.choice(fac.programs)
            capacity = rng.choice((15, 18, 20, 24, 25, 28, 30, 32, 35))
            capacity = min(capacity, _ROOM_DEFAULT_CAPACITY[program.spec.room], len(fac.students))
        start, end = self.term_start, self.term_end
        status = ClassStatus.ACTIVE
        sessions_end = end
        if variant == "full" and rng.random() < 0.2:
            start += timedelta(weeks=1)
        elif variant == "short":
            end = start + timedelta(weeks=rng.randint(2, self.size.weeks - 1), days=-3)
            sessions_end, status = end, ClassStatus.COMPLETED
        elif variant == "upcoming":
            start = _monday(self.today) + timedelta(weeks=rng.randint(1, self.size.weeks_ahead - 1))
            status = ClassStatus.SCHEDULED
        elif variant == "paused":
            sessions_end = start + timedelta(weeks=rng.randint(2, self.size.weeks - 1), days=-1)
            status = ClassStatus.PAUSED
        elif variant == "cancelled":
            start += timedelta(weeks=1)
            status = ClassStatus.CANCELLED
        number = sum(1 for c in fac.classes if c.program is program) + 1
        cls = _Class(
            self.uid(), fac, program, f"{program.spec.name} – Section {number}", variant, status,
            start, end, capacity,
        )  # fmt: skip
        fac.classes.append(cls)
        if variant != "cancelled":
            self._weekly_series(cls, sessions_end)
        self._roster(cls, sessions_end)

    def _weekly_series(self, cls: _Class, sessions_end: date) -> None:
        rng = self.rng
        fac = cls.facility
        patterns = _PATTERNS["common"]
        if ProgramType.VOCATIONAL in cls.program.spec.types and rng.random() < 0.5:
            patterns = _PATTERNS["daily"]
        elif fac.spec.kind in _PATTERNS and rng.random() < 0.5:
            patterns = _PATTERNS[fac.spec.kind]
        days, interval = rng.choice(patterns)
        kind = cls.program.spec.room
        slots = list(range(len(_SLOTS)))
        rng.shuffle(slots)
        rooms = [r for r in fac.rooms if r.kind is kind and r.capacity >= cls.capacity]
        room: _Room | None = None
        teacher: _Staff | None = None
        for slot in slots:
            keys = {(d, slot) for d in days}
            teachers = [s for s in fac.instructors if not s.busy & keys]
            if not teachers:
                continue
            teacher = min(teachers, key=lambda s: s.load)
            room = next((r for r in rooms if not r.busy & keys), None)
            break
        else:
            # Every instructor is busy at every slot on these days: accept a clash.
            slot, keys = slots[0], {(d, slots[0]) for d in days}
            teacher = min(fac.instructors, key=lambda s: s.load)
            room = next((r for r in rooms if not r.busy & keys), None)
        if room is None:
            capacity = max(cls.capacity, _ROOM_DEFAULT_CAPACITY[kind])
            room = self._room(fac, kind, capacity)
        room.busy |= keys
        teacher.busy |= keys
        teacher.load += len(days)
        cls.room, cls.instructor = room, teacher
        first = cls.start
        while first.weekday() not in days:
            first += timedelta(days=1)
        if first > sessions_end:
            return
        byday = ",".join(_DAY_CODES[d] for d in days)
        rule = f"FREQ=WEEKLY;BYDAY={byday}"
        if interval > 1:
            rule = f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={byday}"
        holidays = tuple(
            d
            for d in _holidays(fac.spec.phone[:3], first.year, sessions_end.year)
            if first < d <= sessions_end and d.weekday() in days
        )
        dtstart = datetime.combine(first, _SLOTS[slot])
        duration = rng.choice(_DURATIONS)
        series = self._series(cls, dtstart, duration, rule, sessions_end, holidays, room, teacher)
        self._overrides(cls, series, days, slot)

    def _series(
        self,
        cls: _Class,
        dtstart: datetime,
        duration: int,
        rule: str | None,
        until: date | None,
        exdates: tuple[date, ...],
        room: _Room,
        teacher: _Staff,
    ) -> _Series:
        fac = cls.facility
        spec = SeriesSpec(
            dtstart_local=dtstart, duration_minutes=duration, rrule=rule,
            timezone=fac.spec.timezone, exdates=exdates, until_local=until,
            series_id=self.uid(), room_id=room.id, instructor_id=teacher.id,
        )  # fmt: skip
        try:
            compiled = compile_series(spec)
        except InvalidRecurrence:  # the holidays took every session: keep them
            spec = replace(spec, exdates=())
            compiled = compile_series(spec)
        assert spec.series_id is not None
        series = _Series(spec.series_id, compiled)
        cls.series.append(series)
        created = min(fac.at(cls.start - timedelta(days=21), time(10, 0)), self.now)
        self.add(SessionSeries, {
            "id": series.id, "facility_id": fac.id, "class_id": cls.id, "dtstart_local": dtstart,
            "duration_minutes": duration, "recurrence_rule": rule, "until_local": until,
            "exdates": ",".join(d.isoformat() for d in spec.exdates) or None,
            "room_id": room.id, "instructor_id": teacher.id, **self.audit(created),
        })  # fmt: skip
        return series

    def _orientations(self, fac: _Facility) -> None:
        """One-off orientation sessions (a series of one) for some classes, clash-free."""
        taken: set[tuple[date, int, uuid.UUID]] = set()
        for cls in fac.classes:
            if cls.variant != "full" or self.rng.random() >= 0.1:
                continue
            room, teacher = cls.room, cls.instructor
            if room is None or teacher is None or not cls.series:
                continue
            day = cls.start - timedelta(days=3)  # the Friday before the first week
            for slot in range(len(_SLOTS)):
                key = (day.weekday(), slot)
                if key in room.busy or key in teacher.busy:
                    continue
                if (day, slot, room.id) in taken or (day, slot, teacher.id) in taken:
                    continue
                taken.update({(day, slot, room.id), (day, slot, teacher.id)})
                dtstart = datetime.combine(day, _SLOTS[slot])
                self._series(cls, dtstart, 60, None, None, (), room, teacher)
                break

    def _overrides(self, cls: _Class, series: _Series, days: tuple[int, ...], slot: int) -> None:
        rng = self.rng
        fac = cls.facility
        spec = series.compiled.spec
        originals = series.compiled.expand(
            spec.dtstart_local.date(), spec.until_local or self.today
        )
        forced = ["cancel", "move", "substitute", "room"] if cls.variant == "forced" else []
        for index, occ in enumerate(originals):
            if forced and 1 <= index <= 4:
                kind = forced[index - 1]
            elif rng.random() < 0.03:
                kind = rng.choices(("cancel", "move", "substitute", "room"), (4, 2, 2.5, 1.5))[0]
            else:
                continue
            day = occ.original_date
            start = datetime.combine(day, _SLOTS[slot])
            ov_fields: dict[str, Any] = {"original_date": day}
            if kind == "cancel":
                ov_fields.update(cancelled=True, reason=rng.choice(_CANCEL_REASONS))
            elif kind == "move":
                nxt = day + timedelta(days=1)
                moved = start + timedelta(hours=2)
                if (
                    nxt.weekday() not in days
                    and nxt.weekday() < 5
                    and nxt <= (spec.until_local or nxt)
                ):
                    moved = start + timedelta(days=1)
                ov_fields.update(new_start_local=moved, reason=rng.choice(_MOVE_REASONS))
            elif kind == "substitute":
                subs = [s for s in fac.instructors if s.id != spec.instructor_id]
                if not subs:
                    continue
                ov_fields.update(
                    substitute_instructor_id=rng.choice(subs).id, reason=rng.choice(_SUB_REASONS)
                )
            else:
                rooms = [
                    r for r in fac.rooms if r.id != spec.room_id and r.kind is cls.program.spec.room
                ]
                rooms = rooms or [r for r in fac.rooms if r.id != spec.room_id]
                if not rooms:
                    continue
                ov_fields.update(room_id=rng.choice(rooms).id, reason=rng.choice(_ROOM_REASONS))
            override = OccurrenceOverride(**ov_fields)
            series.overrides[day] = override
            created = min(occ.start_utc - timedelta(hours=rng.randint(1, 72)), self.now)
            self.add(OccurrenceOverrideRow, {
                "id": ids.override_id(series.id, day), "facility_id": fac.id,
                "event_id": series.id, "original_date": day, "is_cancelled": override.cancelled,
                "new_start_local": override.new_start_local, "new_duration_minutes": None,
                "substitute_instructor_id": override.substitute_instructor_id,
                "room_id": override.room_id, "reason": override.reason, **self.audit(created),
            })  # fmt: skip

    def _class_rows(self, cls: _Class) -> None:
        fac = cls.facility
        created = min(fac.at(cls.start - timedelta(days=21), time(10, 0)), self.now)
        self.add(ProgramClass, {
            "id": cls.id, "program_id": cls.program.id, "facility_id": fac.id, "name": cls.name,
            "description": None, "instructor_id": cls.instructor.id if cls.instructor else None,
            "room_id": cls.room.id if cls.room else None, "capacity": cls.capacity,
            "status": cls.status.value, "start_date": cls.start, "end_date": cls.end,
            "credit_hours": cls.program.spec.credits, "archived_at": None, **self.audit(created),
        })  # fmt: skip
        for enr in cls.enrollments:
            self._enrollment_rows(cls, enr)
