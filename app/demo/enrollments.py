"""Demo class rosters: enrollments, their fates, waitlists and transfers."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from app.db.models import Enrollment, EnrollmentHistory
from app.demo.model import _Class, _Enrollment, _Facility, _Student
from app.demo.people import _PeopleBuilder
from app.demo.specs import (
    _ATTENDANCE_PROFILES,
    _LEAVING,
    _REASONS,
    _RUNNING_FATES,
    _SEGREGATED,
    _SHORT_FATES,
    CORRECTIONAL,
)
from app.domain import ids
from app.domain.enums import EnrollmentStatus


class _EnrollmentBuilder(_PeopleBuilder):
    """Fills class rosters and writes enrollment rows with their history."""

    def _roster(self, cls: _Class, sessions_end: date) -> None:
        """Enrollments of a class: the initial roster and what became of each, late joiners
        taking freed seats, and a waitlist when the class is full."""
        rng = self.rng
        pool = cls.facility.students
        if cls.variant == "big":
            initial_n = cls.capacity
            waiting_n = min(rng.randint(2, 4), len(pool) - initial_n)
        else:
            full = rng.random() < 0.5
            shortfall = 0 if full else rng.randint(1, max(1, cls.capacity // 5))
            initial_n = max(1, cls.capacity - shortfall)
            waiting_n = rng.randint(0, 4) if full else 0
        picks = rng.sample(pool, min(len(pool), initial_n + waiting_n + 6))
        # Leaving mid-term needs sessions before the day of leaving.
        leave = (cls.start + timedelta(days=7), min(self.today - timedelta(days=2), sessions_end))
        can_leave = cls.variant in ("full", "forced", "paused", "short") and leave[0] <= leave[1]
        forced = self._forced_statuses(cls)
        leavers: list[date] = []
        for index, student in enumerate(picks[:initial_n]):
            status = forced[index] if index < len(forced) else self._fate(cls)
            if status in _LEAVING and not can_leave:
                status = (
                    EnrollmentStatus.COMPLETED
                    if cls.variant == "short"
                    else EnrollmentStatus.ENROLLED
                )
            enr = self._initial_enrollment(cls, student, status, sessions_end, leave)
            cls.enrollments.append(enr)
            if status in _LEAVING and status is not EnrollmentStatus.INCOMPLETE_TRANSFERED:
                assert enr.ended_at is not None
                leavers.append(enr.ended_at.astimezone(cls.facility.zone).date())
        if cls.variant == "upcoming" and cls.enrollments:
            enr = cls.enrollments[-1]  # signed up, then changed their mind
            enr.status = EnrollmentStatus.CANCELLED
            enr.ended_at = min(self.now - timedelta(minutes=30), enr.created_at + timedelta(days=1))
            enr.reason = "Student declined the seat"
        spare = picks[initial_n + waiting_n :]
        if cls.variant in ("full", "forced"):
            self._late_joiners(cls, leavers, spare, leave[1])
        if cls.variant not in ("cancelled", "short"):
            self._waitlist(cls, picks[initial_n : initial_n + waiting_n])
            for enr in cls.enrollments:
                if enr.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED):
                    enr.student.current = True

    def _forced_statuses(self, cls: _Class) -> list[EnrollmentStatus]:
        """Statuses the first students of some classes get, so that every status occurs."""
        if cls.variant == "short":
            return [EnrollmentStatus.COMPLETED, EnrollmentStatus.INCOMPLETE_FAILED_TO_COMPLETE]
        if cls.variant != "forced":
            return []
        correctional = cls.facility.spec.kind == CORRECTIONAL
        return [
            EnrollmentStatus.INCOMPLETE_WITHDRAWN,
            EnrollmentStatus.INCOMPLETE_DROPPED,
            EnrollmentStatus.INCOMPLETE_TRANSFERED,
            EnrollmentStatus.INCOMPLETE_SEGREGATED
            if correctional
            else EnrollmentStatus.INCOMPLETE_WITHDRAWN,
            EnrollmentStatus.CANCELLED,
        ]

    def _initial_enrollment(
        self,
        cls: _Class,
        student: _Student,
        status: EnrollmentStatus,
        sessions_end: date,
        leave: tuple[date, date],
    ) -> _Enrollment:
        rng = self.rng
        fac = cls.facility
        # Sign-up a few days before the start, at 07:00: before any session of that day.
        day = max(
            student.intake + timedelta(days=1), cls.start - timedelta(days=rng.randint(1, 14))
        )
        signup = min(fac.at(day, time(7, 0)), self.now - timedelta(hours=1))
        enr = _Enrollment(self._enrollment_id(cls, student), student, status, signup, signup)
        enr.profile = self._profile()
        if status is EnrollmentStatus.CANCELLED:
            enr.ended_at = signup + timedelta(minutes=30)
            enr.reason = (
                "Class cancelled before it started"
                if cls.variant == "cancelled"
                else rng.choice(_REASONS[status][:2])
            )
        elif status in (EnrollmentStatus.COMPLETED, EnrollmentStatus.INCOMPLETE_FAILED_TO_COMPLETE):
            enr.ended_at = fac.at(sessions_end, time(23, 30))
            enr.reason = rng.choice(_REASONS[status])
        elif status is not EnrollmentStatus.ENROLLED:
            last = leave[0] + timedelta(days=rng.randint(0, (leave[1] - leave[0]).days))
            enr.ended_at = fac.at(last, time(23, 30))
            enr.reason = rng.choice(_REASONS[status])
            span = max(1, (cls.end - cls.start).days)
            enr.progress_pct = min(100, round(100 * (last - cls.start).days / span))
        return enr

    def _late_joiners(
        self, cls: _Class, leavers: list[date], spare: list[_Student], last_day: date
    ) -> None:
        """About half the seats freed mid-term go to someone from the waitlist."""
        rng = self.rng
        fac = cls.facility
        for left in leavers:
            if not spare or rng.random() < 0.5:
                continue
            join = left + timedelta(days=rng.randint(1, 7))
            if join > last_day:
                continue
            student = spare.pop()
            at = fac.at(max(join, student.intake + timedelta(days=1)), time(7, 0))
            enr = _Enrollment(
                self._enrollment_id(cls, student),
                student,
                EnrollmentStatus.ENROLLED,
                at - timedelta(days=3),  # on the waitlist until then
                at,
            )
            enr.reason = "Joined from the waitlist"
            enr.profile = self._profile()
            cls.enrollments.append(enr)

    def _waitlist(self, cls: _Class, students: list[_Student]) -> None:
        for position, student in enumerate(students, start=1):
            day = cls.start - timedelta(days=self.rng.randint(0, 10))
            at = min(cls.facility.at(day, time(11, 0)), self.now - timedelta(hours=2))
            enr = _Enrollment(
                self._enrollment_id(cls, student), student, EnrollmentStatus.WAITLISTED, at
            )
            enr.waitlist_position = position
            enr.reason = "Class full"
            cls.enrollments.append(enr)

    def _fate(self, cls: _Class) -> EnrollmentStatus:
        roll = self.rng.random()
        if cls.variant == "big":
            return EnrollmentStatus.ENROLLED
        fates: tuple[tuple[float, EnrollmentStatus], ...]
        if cls.variant == "short":
            fates = _SHORT_FATES
        elif cls.variant == "cancelled":
            return EnrollmentStatus.CANCELLED
        elif cls.variant not in ("full", "forced", "paused"):
            return EnrollmentStatus.ENROLLED
        elif cls.facility.spec.kind == CORRECTIONAL:
            fates = (*_RUNNING_FATES, _SEGREGATED)
        else:
            fates = _RUNNING_FATES
        return next((status for bound, status in fates if roll < bound), EnrollmentStatus.ENROLLED)

    def _profile(self) -> tuple[float, float, float, float]:
        roll = self.rng.random()
        for share, thresholds in _ATTENDANCE_PROFILES:
            if roll < share:
                return thresholds
            roll -= share
        return _ATTENDANCE_PROFILES[-1][1]

    @staticmethod
    def _enrollment_id(cls: _Class, student: _Student) -> uuid.UUID:
        return ids.enrollment_id(cls.id, student.id)

    def _transfers(self, fac: _Facility) -> None:
        """A transferred student continues in another running section of the facility."""
        targets = [c for c in fac.classes if c.variant in ("full", "forced")]
        for cls in fac.classes:
            for enr in list(cls.enrollments):
                if enr.status is not EnrollmentStatus.INCOMPLETE_TRANSFERED or enr.ended_at is None:
                    continue
                day = enr.ended_at.astimezone(fac.zone).date() + timedelta(days=1)
                options = [
                    c for c in targets
                    if c is not cls and all(e.student is not enr.student for e in c.enrollments)
                ]  # fmt: skip
                if not options:
                    enr.status = EnrollmentStatus.INCOMPLETE_WITHDRAWN
                    enr.reason = _REASONS[enr.status][0]
                    continue
                target = self.rng.choice(options)
                enr.transferred_to = target.id
                at = fac.at(day, time(7, 0))
                moved = _Enrollment(
                    self._enrollment_id(target, enr.student),
                    enr.student,
                    EnrollmentStatus.ENROLLED,
                    at,
                    at,
                )
                moved.reason = f"Transferred in from {cls.name}"
                moved.profile = enr.profile
                target.enrollments.append(moved)
                enr.student.current = True

    def _enrollment_rows(self, cls: _Class, enr: _Enrollment) -> None:
        fac = cls.facility
        history: list[tuple[EnrollmentStatus | None, EnrollmentStatus, str | None, datetime]] = []
        if enr.status is EnrollmentStatus.WAITLISTED:
            history.append((None, EnrollmentStatus.WAITLISTED, "Class full", enr.created_at))
        else:
            assert enr.enrolled_at is not None
            if enr.created_at < enr.enrolled_at:
                history.append((None, EnrollmentStatus.WAITLISTED, "Class full", enr.created_at))
                history.append(
                    (
                        EnrollmentStatus.WAITLISTED,
                        EnrollmentStatus.ENROLLED,
                        enr.reason,
                        enr.enrolled_at,
                    )
                )
            else:
                reason = enr.reason if enr.status is EnrollmentStatus.ENROLLED else None
                history.append((None, EnrollmentStatus.ENROLLED, reason, enr.enrolled_at))
            if enr.status is not EnrollmentStatus.ENROLLED and enr.ended_at is not None:
                history.append((EnrollmentStatus.ENROLLED, enr.status, enr.reason, enr.ended_at))
        updated = min(history[-1][3], self.now)
        self.add(Enrollment, {
            "id": enr.id, "facility_id": fac.id, "class_id": cls.id, "user_id": enr.student.id,
            "enrollment_status": enr.status.value, "change_reason": enr.reason,
            "enrolled_at": enr.enrolled_at,
            "enrollment_ended_at": enr.ended_at if enr.status.is_final else None,
            "waitlist_position": enr.waitlist_position,
            "progress_pct_at_withdrawal": enr.progress_pct,
            "transferred_to_class_id": enr.transferred_to,
            **self.audit(enr.created_at), "updated_at": updated,
        })  # fmt: skip
        for before, after, reason, at in history:
            self.add(EnrollmentHistory, {
                "id": self.uid(), "facility_id": fac.id, "enrollment_id": enr.id,
                "from_status": before.value if before else None, "to_status": after.value,
                "reason": reason, "changed_at": at, **self.audit(min(at, self.now)),
            })  # fmt: skip
