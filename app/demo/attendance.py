"""Demo attendance, streamed occurrence by occurrence to the bulk writer."""

from __future__ import annotations

import uuid
from datetime import timedelta

from app.db.models import AttendanceRecord
from app.demo.model import _Enrollment, _Facility
from app.demo.records import _RecordsBuilder
from app.demo.sink import _CHUNK, _Sink
from app.demo.sizes import DEMO_ACTOR, Row
from app.demo.specs import _EXCUSED, _STATUSES, CORRECTIONAL
from app.domain import ids
from app.domain.enums import AttendanceStatus, EnrollmentStatus
from app.domain.recurrence import Occurrence


class _Builder(_RecordsBuilder):
    """Builds every row in memory (attendance excepted: it is streamed) from one random source."""

    def write_attendance(self, sink: _Sink) -> None:
        """Generate and write attendance series by series, in chunks (it is most of the rows)."""
        rng = self.rng
        now = self.now
        settle = timedelta(minutes=30)
        buffer: list[Row] = []
        usernames = {s.id: s.username for f in self.facilities for s in f.instructors}
        forced = list(reversed(_STATUSES))
        series_total = sum(len(c.series) for f in self.facilities for c in f.classes)
        series_done = 0
        for fac in self.facilities:
            excused = _EXCUSED[CORRECTIONAL if fac.spec.kind == CORRECTIONAL else "other"]
            devices = [f"{fac.spec.code.lower()}-ws{n:02d}" for n in range(1, 7)]
            local_today = now.astimezone(fac.zone).date()
            for cls in fac.classes:
                roster = [
                    (e, e.enrolled_at, e.ended_at)
                    for e in cls.enrollments
                    if e.enrolled_at is not None
                    and e.status not in (EnrollmentStatus.CANCELLED, EnrollmentStatus.WAITLISTED)
                ]
                for series in cls.series:
                    series_done += 1
                    spec = series.compiled.spec
                    first = spec.dtstart_local.date()
                    last = (spec.until_local or first) + timedelta(days=2)
                    for occ in series.compiled.expand(first, last, series.overrides):
                        if occ.cancelled or occ.end_utc + settle > now:
                            continue
                        if rng.random() < (0.5 if occ.local_date == local_today else 0.02):
                            continue  # attendance still missing: the Today screen shows it
                        teacher = occ.instructor_id
                        marker = usernames.get(teacher) if teacher is not None else None
                        # Only students enrolled for the whole session: the sheet's roster.
                        for enr, since, until in roster:
                            if since > occ.start_utc or (until is not None and until < occ.end_utc):
                                continue
                            status = forced.pop() if forced else None
                            buffer.append(self._mark(fac, series.id, occ, enr, status, marker,
                                                     excused, devices))  # fmt: skip
                        if len(buffer) >= _CHUNK:
                            sink.write(AttendanceRecord.__tablename__, buffer)
                            buffer = []
                    if sink.progress is not None:
                        sink.progress("attendance series", series_done, series_total)
        sink.write(AttendanceRecord.__tablename__, buffer)

    def _mark(
        self,
        fac: _Facility,
        series_id: uuid.UUID,
        occ: Occurrence,
        enr: _Enrollment,
        forced: AttendanceStatus | None,
        marker: str | None,
        excused: tuple[str, ...],
        devices: list[str],
    ) -> Row:
        rng = self.rng
        if forced is not None:
            status = forced
        else:
            roll = rng.random()
            p = enr.profile
            status = (
                AttendanceStatus.PRESENT
                if roll < p[0]
                else AttendanceStatus.LATE
                if roll < p[1]
                else AttendanceStatus.PARTIAL
                if roll < p[2]
                else AttendanceStatus.ABSENT_EXCUSED
                if roll < p[3]
                else AttendanceStatus.ABSENT_UNEXCUSED
            )
        start, end, duration = occ.start_utc, occ.end_utc, occ.duration_minutes
        check_in = check_out = None
        minutes = reason = note = None
        if status is AttendanceStatus.PRESENT:
            minutes = duration
            if rng.random() < 0.35:
                check_in = start - timedelta(minutes=rng.randint(0, 10))
                check_out = end + timedelta(minutes=rng.randint(-5, 5))
        elif status is AttendanceStatus.LATE:
            late = rng.randint(6, 30)
            minutes = duration - late
            check_in = start + timedelta(minutes=late)
            check_out = end if rng.random() < 0.35 else None
            note = f"Arrived {late} min late" if rng.random() < 0.3 else None
        elif status is AttendanceStatus.PARTIAL:
            minutes = rng.randint(duration // 4, duration * 3 // 4)
            check_in = start
            check_out = start + timedelta(minutes=minutes)
            note = rng.choice(("Left early: called for count", "Left early: medical", "Left early"))
        elif status is AttendanceStatus.ABSENT_EXCUSED:
            reason = rng.choice(excused)
        elif rng.random() < 0.2:
            note = "No show"
        marked = end + timedelta(minutes=rng.randint(0, 40))
        if rng.random() < 0.1:
            marked += timedelta(hours=rng.randint(12, 30))
        marked = min(marked, self.now - timedelta(minutes=1))
        return {
            "id": ids.attendance_id(series_id, enr.student.id, occ.original_date),
            "facility_id": fac.id, "event_id": series_id, "user_id": enr.student.id,
            "date": occ.original_date, "attendance_status": status.value,
            "absence_reason": reason, "note": note, "check_in_at": check_in,
            "check_out_at": check_out, "minutes": minutes, "marked_by": marker,
            "marked_at": marked, "device_id": rng.choice(devices),
            "needs_review": rng.random() < 0.001,
            "created_at": marked, "updated_at": marked, "created_by": DEMO_ACTOR,
            "updated_by": DEMO_ACTOR, "deleted_at": None, "row_version": 1,
        }  # fmt: skip
