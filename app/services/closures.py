"""Facility closures: the days a facility is closed (holidays, planned shutdowns).

No session is held on a closed day: the calendar, reports, outcomes, trends and risk expand
sessions through ``app.services.occurrences.expand_lines`` with the facility's closed days, so
recurring series skip them and the attendance rate and hours never count them. Declaring a
closure sets for review the marks already taken on its days (never deleted); removing one
gives the days back to the schedule. Admins declare and remove closures; every staff member of
the facility sees them (row-level security on the server says the same).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from app.db.models import FacilityClosure
from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP, day_text, translate
from app.repositories.closures import ClosureRepository
from app.repositories.facilities import FacilityRepository
from app.repositories.uow import UnitOfWork
from app.services.facility_admin import AdminActions
from app.services.lookup import require

__all__ = [
    "CLOSURES",
    "MAX_CLOSURE_DAYS",
    "ClosureAdded",
    "ClosureService",
    "ClosureView",
    "closed_days_of",
]

CLOSURES = "facility_closures"  # the table, as change sets name it
MAX_CLOSURE_DAYS = 366
_NOT_ADMIN = QT_TRANSLATE_NOOP("refusal", "Only administrators declare or remove closures.")


@dataclass(frozen=True, slots=True)
class ClosureView:
    id: uuid.UUID
    facility_id: uuid.UUID
    first_date: date
    last_date: date
    reason: str

    @property
    def days(self) -> int:
        return (self.last_date - self.first_date).days + 1

    @property
    def dates_text(self) -> str:
        """``Thu 24 Dec 2026`` or ``Thu 24 Dec 2026 – Fri 1 Jan 2027``."""
        first = day_text(self.first_date, year=True)
        if self.first_date == self.last_date:
            return first
        last = day_text(self.last_date, year=True)
        return translate("messages", "{first} – {last}").format(first=first, last=last)


@dataclass(frozen=True, slots=True)
class ClosureAdded:
    """The closure declared, and how many marks already taken on its days were set for review."""

    closure: ClosureView
    marks_for_review: int


def _view(row: FacilityClosure) -> ClosureView:
    return ClosureView(row.id, row.facility_id, row.first_date, row.last_date, row.reason)


def closed_days_of(
    uow: UnitOfWork, facility_ids: set[uuid.UUID] | frozenset[uuid.UUID], start: date, end: date
) -> dict[uuid.UUID, dict[date, str]]:
    """Each facility's closed local dates from ``start`` to ``end`` with the reason (what
    ``expand_lines`` takes as ``closed``). Reads in ``uow``."""
    return uow.get(ClosureRepository).closed_days(facility_ids, start, end)


class ClosureService(AdminActions):
    """Declares, lists and removes a facility's closures."""

    not_admin = _NOT_ADMIN

    def closures(self, facility_id: uuid.UUID) -> list[ClosureView]:
        """The facility's closures, earliest first."""
        with self._uow() as uow:
            return [_view(r) for r in uow.get(ClosureRepository).of_facility(facility_id)]

    def closed_days(self, facility_id: uuid.UUID, start: date, end: date) -> dict[date, str]:
        """The facility's closed local dates between ``start`` and ``end``, with the reason."""
        with self._uow() as uow:
            found = closed_days_of(uow, {facility_id}, start, end)
        return found.get(facility_id, {})

    def add(
        self, facility_id: uuid.UUID, first_date: date, last_date: date | None, reason: str
    ) -> ClosureAdded:
        """Close the facility from ``first_date`` to ``last_date`` (one day when ``None``).

        Raises ``NotAllowed`` for staff who are not admins, ``ValidationError`` for dates out
        of order, a stretch longer than a year, a blank reason or days already closed. Marks
        already taken on those days are kept and set for review."""
        self._require_admin()
        last = first_date if last_date is None else last_date
        if last < first_date:
            raise ValidationError(
                translate("refusal", "The closure ends before it starts."), field="last_date"
            )
        if (last - first_date).days >= MAX_CLOSURE_DAYS:
            raise ValidationError(
                translate("refusal", "A closure can span at most {most} days.").format(
                    most=MAX_CLOSURE_DAYS
                ),
                field="last_date",
            )
        text = self._reason(reason)
        with self._uow() as uow:
            require(
                uow.get(FacilityRepository).get(facility_id),
                translate("refusal", "The facility does not exist or was deleted."),
            )
            repo = uow.get(ClosureRepository)
            clash = repo.overlapping([facility_id], first_date, last)
            if clash:
                raise ValidationError(
                    translate("refusal", "Already closed: {dates} ({reason}).").format(
                        dates=_view(clash[0]).dates_text, reason=clash[0].reason
                    ),
                    field="first_date",
                )
            row = repo.add(
                FacilityClosure(
                    id=uuid.uuid4(),
                    facility_id=facility_id,
                    first_date=first_date,
                    last_date=last,
                    reason=text,
                )
            )
            marks = repo.review_marks_between(facility_id, first_date, last)
            uow.commit()
            return ClosureAdded(_view(row), marks)

    def remove(self, closure_id: uuid.UUID) -> ClosureView:
        """Open the days again (the closure becomes a tombstone, as every synced row). Marks
        set for review when it was declared stay so: a person decides them."""
        self._require_admin()
        with self._uow() as uow:
            repo = uow.get(ClosureRepository)
            row = require(
                repo.get(closure_id),
                translate("refusal", "The closure does not exist or was removed."),
            )
            row.deleted_at = self._clock.now()
            view = _view(row)
            uow.commit()
            return view
