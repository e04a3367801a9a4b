"""Rosters: enrol students, keep the waitlist, change and transfer enrollments with history."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from app.db.models import Enrollment, EnrollmentHistory, ProgramClass, User
from app.domain.enrollment import (
    REASON_MAX_LENGTH,
    admission_status,
    check_transition,
    next_waitlist_position,
    promotable,
    withdrawal_progress_pct,
)
from app.domain.enums import ClassStatus, EnrollmentStatus, Role
from app.domain.errors import (
    CapacityExceeded,
    DomainError,
    DuplicateError,
    NotAllowed,
    NotFound,
    ValidationError,
)
from app.domain.i18n import translate
from app.domain.ids import enrollment_id
from app.domain.validation import clean_text
from app.infra.clock import Clock, SystemClock
from app.repositories.classes import ClassRepository
from app.repositories.enrollments import EnrolledPeriod, EnrollmentRepository, RosterLine
from app.repositories.protocols import ClassReader, EnrollmentStore
from app.repositories.uow import UnitOfWork, UnitOfWorkFactory
from app.services.attendance_outcomes import enrollment_outcomes
from app.services.classes_dto import student_name
from app.services.from_row import from_row
from app.services.lookup import require
from app.services.rosters_dto import (
    HistoryEntry,
    Roster,
    RosterEntry,
    StatusChange,
    StudentEnrollment,
    TransferOutcome,
)

__all__ = [
    "HistoryEntry",
    "Roster",
    "RosterEntry",
    "RosterService",
    "StatusChange",
    "StudentEnrollment",
    "TransferOutcome",
]

PROMOTION_REASON = "A place came free on the class."
_CLOSED_CLASS = (ClassStatus.CANCELLED, ClassStatus.COMPLETED)


def _entry(
    row: Enrollment, first: str, last: str, number: str | None, doc: str | None
) -> RosterEntry:
    return from_row(
        RosterEntry,
        row,
        enrollment_id=row.id,
        student_id=row.user_id,
        display_name=student_name(first, last),
        student_number=number,
        doc_id=doc,
        status=row.enrollment_status,
        ended_at=row.enrollment_ended_at,
    )


def _line_entry(line: RosterLine) -> RosterEntry:
    return _entry(
        line.enrollment, line.name_first, line.name_last, line.student_number, line.doc_id
    )


def _person_entry(row: Enrollment, person: User) -> RosterEntry:
    return _entry(row, person.name_first, person.name_last, person.student_number, person.doc_id)


def _history(row: EnrollmentHistory) -> HistoryEntry:
    return from_row(HistoryEntry, row, changed_by=row.created_by)


def _enrollments(uow: UnitOfWork) -> EnrollmentStore:
    return uow.get(EnrollmentRepository)


def _classes(uow: UnitOfWork) -> ClassReader:
    return uow.get(ClassRepository)


@contextmanager
def _about(name: str) -> Iterator[None]:
    """Name the student in an error of a bulk action, so the person knows whom it concerns."""
    try:
        yield
    except DomainError as err:
        err.message = f"{name}: {err.message}"
        err.args = (err.message,)
        raise


class RosterService:
    """Enrolment, waitlist, status changes and transfers; every change leaves a history row.

    A place that frees up is not filled silently: ``promote_waitlist`` fills it, in waitlist
    order. Bulk actions are all-or-nothing.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    # -- reading --------------------------------------------------------------------------------

    def roster_for(self, class_id: uuid.UUID) -> Roster:
        with self._uow() as uow:
            klass = self._class(uow, class_id)
            lines = _enrollments(uow).roster_for(class_id)
        by_name = sorted(lines, key=lambda ln: (ln.name_last.casefold(), ln.name_first.casefold()))
        waiting = [
            ln for ln in lines if ln.enrollment.enrollment_status is EnrollmentStatus.WAITLISTED
        ]
        waiting.sort(
            key=lambda ln: (ln.enrollment.waitlist_position or 1 << 30, ln.enrollment.created_at)
        )
        return Roster(
            class_id=klass.id,
            class_name=klass.name,
            capacity=klass.capacity,
            enrolled=[
                _line_entry(ln)
                for ln in by_name
                if ln.enrollment.enrollment_status is EnrollmentStatus.ENROLLED
            ],
            waitlisted=[_line_entry(ln) for ln in waiting],
            others=[_line_entry(ln) for ln in by_name if ln.enrollment.enrollment_status.is_final],
        )

    def enrollments_of_student(self, student_id: uuid.UUID) -> list[StudentEnrollment]:
        """Every enrollment of a student with class, program and history, newest first."""
        with self._uow() as uow:
            if _classes(uow).person(student_id) is None:
                raise NotFound(translate("refusal", "The student does not exist or was deleted."))
            repo = _enrollments(uow)
            lines = repo.of_student(student_id)
            history: dict[uuid.UUID, list[HistoryEntry]] = {}
            for row in repo.history_of(line.enrollment.id for line in lines):
                history.setdefault(row.enrollment_id, []).append(_history(row))
        lines.sort(key=lambda ln: ln.enrollment.created_at, reverse=True)
        return [
            StudentEnrollment(
                enrollment_id=ln.enrollment.id,
                class_id=ln.enrollment.class_id,
                class_name=ln.class_name,
                program_id=ln.program_id,
                program_name=ln.program_name,
                status=ln.enrollment.enrollment_status,
                enrolled_at=ln.enrollment.enrolled_at,
                ended_at=ln.enrollment.enrollment_ended_at,
                waitlist_position=ln.enrollment.waitlist_position,
                change_reason=ln.enrollment.change_reason,
                progress_pct_at_withdrawal=ln.enrollment.progress_pct_at_withdrawal,
                transferred_to_class_id=ln.enrollment.transferred_to_class_id,
                history=tuple(history.get(ln.enrollment.id, ())),
            )
            for ln in lines
        ]

    # -- enrolling ------------------------------------------------------------------------------

    def enrol(
        self,
        class_id: uuid.UUID,
        student_id: uuid.UUID,
        *,
        allow_waitlist: bool = False,
        reason: str | None = None,
    ) -> RosterEntry:
        """Enrol a student, or waitlist them when the class is full and ``allow_waitlist``.

        A student whose enrollment in the class ended (completed, withdrawn, ...) is re-enrolled
        on the same record, which needs ``reason`` and a free place (never the waitlist).
        Raises ``DuplicateError`` when already enrolled or waitlisted, ``CapacityExceeded`` when
        full, ``ValidationError`` for a student of another facility.
        """
        with self._uow() as uow:
            klass = self._class(uow, class_id)
            student = self._student(uow, student_id)
            row, _ = self._admit(uow, klass, student, allow_waitlist, reason)
            uow.commit()
            return _person_entry(row, student)

    # -- changing -------------------------------------------------------------------------------

    def change_status_many(
        self,
        enrollment_ids: Sequence[uuid.UUID],
        new_status: EnrollmentStatus,
        reason: str | None = None,
    ) -> list[StatusChange]:
        """Change several enrollments in the given order: all of them, or on any error none."""
        ids = list(dict.fromkeys(enrollment_ids))
        with self._uow() as uow:
            lines = {ln.enrollment.id: ln for ln in _enrollments(uow).roster_lines(ids)}
            missing = [i for i in ids if i not in lines]
            if missing:
                raise NotFound(
                    f"{len(missing)} of the enrollments do not exist any more; nothing was changed."
                )
            changes = []
            for ident in ids:
                line = lines[ident]
                name = student_name(line.name_first, line.name_last)
                before = line.enrollment.enrollment_status
                with _about(name):
                    self._change(uow, line.enrollment, new_status, reason)
                    uow.flush()  # the next change counts this one against the capacity
                changes.append(
                    StatusChange(ident, line.enrollment.user_id, name, before, new_status)
                )
            uow.commit()
            return changes

    def promote_waitlist(self, class_id: uuid.UUID, reason: str | None = None) -> list[uuid.UUID]:
        """Enrol waitlisted students in order while places are free; the promoted enrollment ids."""
        with self._uow() as uow:
            klass = self._class(uow, class_id)
            if klass.status in _CLOSED_CLASS:
                raise NotAllowed(
                    f"{klass.name} is {klass.status.value.lower()}; no one can join it."
                )
            repo = _enrollments(uow)
            enrolled, waitlist = repo.counts(class_id)
            ids = promotable(klass.capacity, enrolled, waitlist)
            rows = repo.many(ids)
            for ident in ids:
                self._change(
                    uow, rows[ident], EnrollmentStatus.ENROLLED, reason or PROMOTION_REASON
                )
                uow.flush()
            uow.commit()
            return ids

    def transfer(
        self,
        enrollment_id: uuid.UUID,
        to_class_id: uuid.UUID,
        reason: str,
        *,
        allow_waitlist: bool = False,
    ) -> TransferOutcome:
        """Move an enrolled student to another class of the same facility.

        The old enrollment ends as ``Incomplete: Transfered`` (with the reason and the target);
        the student is admitted to the target like ``enrol`` does, capacity checked. A class of
        another facility is refused (``NotAllowed``): the student's facility must change first,
        which is a records decision, not a roster one.
        """
        with self._uow() as uow:
            repo = _enrollments(uow)
            old = require(
                repo.get(enrollment_id),
                translate("refusal", "The enrollment does not exist or was deleted."),
            )
            if old.class_id == to_class_id:
                raise ValidationError(
                    translate(
                        "refusal", "The student is already in this class; choose another class."
                    ),
                    field="to_class_id",
                )
            target = self._class(uow, to_class_id)
            if target.facility_id != old.facility_id:
                raise NotAllowed(
                    translate(
                        "refusal",
                        "{name} is at another facility. Transfer the student to that facility "
                        "first, then enrol them there.",
                    ).format(name=target.name)
                )
            student = self._student(uow, old.user_id)
            cleaned = check_transition(
                old.enrollment_status, EnrollmentStatus.INCOMPLETE_TRANSFERED, reason
            )
            new, _ = self._admit(uow, target, student, allow_waitlist, cleaned)
            self._change(uow, old, EnrollmentStatus.INCOMPLETE_TRANSFERED, cleaned)
            old.transferred_to_class_id = target.id
            uow.commit()
            return TransferOutcome(old=_person_entry(old, student), new=_person_entry(new, student))

    # -- helpers --------------------------------------------------------------------------------

    @staticmethod
    def _class(uow: UnitOfWork, class_id: uuid.UUID) -> ProgramClass:
        return require(
            _classes(uow).get(class_id),
            translate("refusal", "The class does not exist or was deleted."),
        )

    @staticmethod
    def _student(uow: UnitOfWork, student_id: uuid.UUID) -> User:
        person = require(
            _classes(uow).person(student_id),
            translate("refusal", "The student does not exist or was deleted."),
        )
        if person.role is not Role.STUDENT:
            name = f"{person.name_first} {person.name_last}"
            raise ValidationError(
                translate("refusal", "{name} is not a student.").format(name=name),
                field="student_id",
            )
        return person

    def _admit(
        self,
        uow: UnitOfWork,
        klass: ProgramClass,
        student: User,
        allow_waitlist: bool,
        reason: str | None,
    ) -> tuple[Enrollment, bool]:
        """Enrol or waitlist ``student`` in ``klass``; (the enrollment, whether it was reopened)."""
        if klass.status in _CLOSED_CLASS:
            if klass.status is ClassStatus.CANCELLED:
                template = translate("refusal", "{name} is cancelled; no one can join it.")
            else:
                template = translate("refusal", "{name} is completed; no one can join it.")
            raise NotAllowed(template.format(name=klass.name))
        if student.facility_id != klass.facility_id:
            raise ValidationError(
                translate("refusal", "{student} belongs to another facility than {name}.").format(
                    student=student_name(student.name_first, student.name_last), name=klass.name
                ),
                field="student_id",
            )
        repo = _enrollments(uow)
        row = repo.get_including_deleted(enrollment_id(klass.id, student.id))
        if row is not None and row.deleted_at is None:
            if row.enrollment_status is EnrollmentStatus.ENROLLED:
                raise DuplicateError(
                    translate("refusal", "The student is already on this roster."),
                    field="student_id",
                )
            if row.enrollment_status is EnrollmentStatus.WAITLISTED:
                raise DuplicateError(
                    translate("refusal", "The student is already on the waitlist of this class."),
                    field="student_id",
                )
            self._change(uow, row, EnrollmentStatus.ENROLLED, reason, klass)
            return row, True
        cleaned = clean_text(reason, field="reason", max_length=REASON_MAX_LENGTH)
        enrolled, waitlist = repo.counts(klass.id)
        status = self._admission(klass, enrolled, allow_waitlist)
        if row is None:
            row = Enrollment(
                id=enrollment_id(klass.id, student.id),
                facility_id=klass.facility_id,
                class_id=klass.id,
                user_id=student.id,
            )
            repo.add(row)
        now = self._clock.now()
        waiting = status is EnrollmentStatus.WAITLISTED
        self._assign(
            row,
            deleted_at=None,
            enrollment_status=status,
            enrolled_at=None if waiting else now,
            enrollment_ended_at=None,
            waitlist_position=next_waitlist_position(p for _, p in waitlist) if waiting else None,
            change_reason=cleaned,
            progress_pct_at_withdrawal=None,
            transferred_to_class_id=None,
        )
        self._record(uow, row, None, status, cleaned)
        return row, False

    def _change(
        self,
        uow: UnitOfWork,
        row: Enrollment,
        new: EnrollmentStatus,
        reason: str | None,
        klass: ProgramClass | None = None,
    ) -> None:
        """Apply one status change with its history row; validation before any assignment."""
        current = row.enrollment_status
        cleaned = check_transition(current, new, reason)
        now = self._clock.now()
        if new is EnrollmentStatus.ENROLLED:
            klass = klass or self._class(uow, row.class_id)
            if klass.status in _CLOSED_CLASS:
                raise NotAllowed(
                    f"{klass.name} is {klass.status.value.lower()}; no one can join it."
                )
            enrolled, _ = _enrollments(uow).counts(klass.id)
            # Neither a waitlisted nor an ended enrollment can (re)join the waitlist from here.
            self._admission(klass, enrolled, allow_waitlist=False, offer_waitlist=False)
            self._assign(
                row,
                enrolled_at=now,
                enrollment_ended_at=None,
                waitlist_position=None,
                progress_pct_at_withdrawal=None,
                transferred_to_class_id=None,
            )
        elif new.is_final:
            progress = None
            if new is EnrollmentStatus.INCOMPLETE_WITHDRAWN and row.enrolled_at is not None:
                progress = self._progress(uow, row, now)
            self._assign(
                row,
                enrollment_ended_at=now,
                waitlist_position=None,
                progress_pct_at_withdrawal=progress,
            )
        self._assign(row, enrollment_status=new, change_reason=cleaned)
        self._record(uow, row, current, new, cleaned)

    def _progress(self, uow: UnitOfWork, row: Enrollment, now: datetime) -> int | None:
        """Seed 002's progress at withdrawal: hours earned (as the attendance summary counts
        them: marked sessions and verified ledger hours) over the program's required hours.
        """
        klass = self._class(uow, row.class_id)
        assert row.enrolled_at is not None
        period = EnrolledPeriod(
            row.id, row.class_id, klass.program_id, row.user_id, row.enrollment_status,
            row.enrolled_at, None,
        )  # fmt: skip
        outcome, policy = enrollment_outcomes(uow, [period], now)[row.id]
        return withdrawal_progress_pct(outcome.hours_earned, policy.required_hours)

    @staticmethod
    def _admission(
        klass: ProgramClass, enrolled: int, allow_waitlist: bool, *, offer_waitlist: bool = True
    ) -> EnrollmentStatus:
        try:
            return admission_status(klass.capacity, enrolled, allow_waitlist=allow_waitlist)
        except CapacityExceeded:
            if offer_waitlist:
                template = translate(
                    "refusal",
                    "{name} is full ({taken} of {capacity} places taken). Put the student on the "
                    "waitlist instead.",
                )
            else:
                template = translate(
                    "refusal", "{name} is full ({taken} of {capacity} places taken)."
                )
            raise CapacityExceeded(
                template.format(name=klass.name, taken=enrolled, capacity=klass.capacity),
                field="capacity",
            ) from None

    def _record(
        self,
        uow: UnitOfWork,
        row: Enrollment,
        before: EnrollmentStatus | None,
        after: EnrollmentStatus,
        reason: str | None,
    ) -> None:
        # The models declare no relationships, so SQLAlchemy would not order a new enrollment's
        # INSERT before its history row's: the enrollment goes in first.
        uow.flush()
        _enrollments(uow).add_history(
            EnrollmentHistory(
                id=uuid.uuid4(),
                facility_id=row.facility_id,
                enrollment_id=row.id,
                from_status=before,
                to_status=after,
                reason=reason,
                changed_at=self._clock.now(),
            )
        )

    @staticmethod
    def _assign(row: Enrollment, **values: object) -> None:
        # Only real changes, so the audit trail shows what changed and nothing else.
        for key, value in values.items():
            if getattr(row, key, None) != value:
                setattr(row, key, value)
