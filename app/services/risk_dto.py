"""What the risk service returns: students at risk of dropping out of a class, and why."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.i18n import date_text, translate

UNEXCUSED_LIMIT = 3  # unexcused absences in one class that put a student at risk
CONSECUTIVE_LIMIT = 3  # absences in a row (excused or not) that put a student at risk


class RiskReason(StrEnum):
    """Why a student is on the at-risk list; several may hold at once."""

    NO_ATTENDANCE_YET = "no_attendance_yet"
    UNEXCUSED_ABSENCES = "unexcused_absences"
    CONSECUTIVE_ABSENCES = "consecutive_absences"


@dataclass(frozen=True, slots=True)
class StudentAtRisk:
    """One student's current enrolment in one class that needs a look.

    ``sessions_without_attendance`` counts the sessions since enrolment at which attendance was
    taken but the student has never attended (only for ``NO_ATTENDANCE_YET``); ``unexcused`` is
    every unexcused absence in the class; ``absent_in_a_row`` the absences among the latest
    marks, up to the first attended one.
    """

    student_id: uuid.UUID
    display_name: str
    student_number: str | None
    class_id: uuid.UUID
    class_name: str
    enrollment_id: uuid.UUID
    reasons: tuple[RiskReason, ...]
    sessions_without_attendance: int
    first_missed: date | None  # the first such session, for NO_ATTENDANCE_YET
    unexcused: int
    absent_in_a_row: int
    last_marked: date | None

    @property
    def why(self) -> str:
        """The reasons in words, most pressing first: "Absent 4 times in a row; 3 unexcused"."""
        parts = []
        for reason in self.reasons:
            if reason is RiskReason.NO_ATTENDANCE_YET:
                n, first = self.sessions_without_attendance, self.first_missed
                if first is None:
                    text = (
                        translate("risk", "Not attended yet: 1 session")
                        if n == 1
                        else translate("risk", "Not attended yet: {n} sessions")
                    )
                else:
                    text = (
                        translate("risk", "Not attended yet: 1 session since {day}")
                        if n == 1
                        else translate("risk", "Not attended yet: {n} sessions since {day}")
                    )
                day = date_text(first, "dd MMM") if first else ""
                parts.append(text.format(n=n, day=day))
            elif reason is RiskReason.CONSECUTIVE_ABSENCES:
                parts.append(
                    translate("risk", "Absent {n} times in a row").format(n=self.absent_in_a_row)
                )
            else:
                parts.append(translate("risk", "{n} unexcused absences").format(n=self.unexcused))
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class AtRiskList:
    """The at-risk students of a facility, or of one instructor's classes (``mine_only``)."""

    facility_id: uuid.UUID
    mine_only: bool
    students: tuple[StudentAtRisk, ...]
