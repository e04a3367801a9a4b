"""Attendance marking: the sheet of one session, marks taken, changed and cleared, and what a
sheet offers (the session to open, absence reasons)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.db.models import AttendanceRecord
from app.domain.attendance import (
    minutes_between,
)
from app.domain.enums import AttendanceStatus
from app.domain.errors import NotAllowed, NotFound, StaleRecord, ValidationError
from app.domain.i18n import translate
from app.domain.ids import attendance_id
from app.domain.recurrence import compile_series
from app.domain.validation import clean_text
from app.repositories.attendance import AttendanceRepository, SheetLine
from app.repositories.people import PeopleRepository
from app.repositories.protocols import MarkStore, SessionReader
from app.repositories.schedule import ScheduleRepository, SeriesLine
from app.repositories.uow import UnitOfWork
from app.services.attendance_dto import (
    AttendanceSheet,
    ClassAttendanceSummary,
    MissingAttendance,
    SheetRow,
    Teaching,
    paper_order,
)
from app.services.attendance_outcomes import AttendanceOutcomes
from app.services.classes_dto import student_name
from app.services.from_row import from_row
from app.services.lookup import require
from app.services.occurrences import (
    local_day_start,
    occurrence_of,
    override_of,
    spec_of,
)
from app.services.schedule_dto import OccurrenceView

__all__ = [
    "AttendanceService",
    "AttendanceSheet",
    "ClassAttendanceSummary",
    "MissingAttendance",
    "SheetRow",
    "Teaching",
    "session_to_open",
]

ABSENCE_REASON_MAX = 200  # the column's length
NOTE_MAX = 2000
MAX_MINUTES = 24 * 60
# Offered for every absence before a facility has recorded its own; typed ones join them.
BUILT_IN_REASONS = (
    "Illness",
    "Court date",
    "Medical",
    "Family",
    "Work",
    "Transport",
    "Lockdown",
    "Other",
)
REASON_LOOKBACK_DAYS = 365  # reasons given in the last year are offered


@dataclass(frozen=True, slots=True)
class _Mark:
    """A validated mark, ready to write."""

    status: AttendanceStatus
    absence_reason: str | None
    note: str | None
    check_in_at: datetime | None
    check_out_at: datetime | None
    minutes: int | None


@dataclass(frozen=True, slots=True)
class _Session:
    """The occurrence a sheet is for, with what is needed to find its students."""

    line: SeriesLine
    view: OccurrenceView
    tz: ZoneInfo

    @property
    def day_start_utc(self) -> datetime:
        return local_day_start(self.view.original_date, self.tz)


def _aware(value: datetime | None, label: str, field: str) -> datetime | None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValidationError(f"{label} must carry a timezone.", field=field)
    return value


def _clean_mark(
    status: AttendanceStatus,
    absence_reason: str | None,
    note: str | None,
    check_in_at: datetime | None,
    check_out_at: datetime | None,
    minutes: int | None,
) -> _Mark:
    try:
        status = AttendanceStatus(status)
    except ValueError:
        raise ValidationError(f"“{status}” is not an attendance status.", field="status") from None
    reason = clean_text(absence_reason, field="absence_reason", max_length=ABSENCE_REASON_MAX)
    if reason is not None and status.attended:
        raise ValidationError(
            translate("refusal", "An absence reason goes only with an absence."),
            field="absence_reason",
        )
    cleaned_note = clean_text(note, field="note", max_length=NOTE_MAX)
    _aware(check_in_at, "The check-in time", "check_in_at")
    _aware(check_out_at, "The check-out time", "check_out_at")
    if not status.attended and (check_in_at or check_out_at or minutes is not None):
        raise ValidationError(
            translate(
                "refusal",
                "Check-in, check-out and minutes go only with attendance, not with an absence.",
            ),
            field="check_in_at",
        )
    timed = minutes_between(check_in_at, check_out_at)
    if minutes is not None:
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise ValidationError(
                translate("refusal", "Minutes must be a whole number."), field="minutes"
            )
        if not 0 <= minutes <= MAX_MINUTES:
            raise ValidationError(
                translate("refusal", "Minutes must be between 0 and {most}.").format(
                    most=MAX_MINUTES
                ),
                field="minutes",
            )
        if timed is not None and timed != minutes:
            raise ValidationError(
                translate("refusal", "The minutes do not match the check-in and check-out times."),
                field="minutes",
            )
    return _Mark(
        status, reason, cleaned_note, check_in_at, check_out_at, minutes if timed is None else timed
    )


def _refusal(view: OccurrenceView, now: datetime) -> str | None:
    if view.cancelled:
        return translate("refusal", "This session was cancelled.")
    if view.start_utc > now:
        return translate("refusal", "This session has not started yet.")
    return None


def _marks(uow: UnitOfWork) -> MarkStore:
    return uow.get(AttendanceRepository)


def _sessions(uow: UnitOfWork) -> SessionReader:
    return uow.get(ScheduleRepository)


def _row(line: SheetLine, rec: AttendanceRecord | None) -> SheetRow:
    """The student's line with their mark's fields (``None`` while unmarked)."""
    return from_row(
        SheetRow,
        rec,
        student_id=line.user_id,
        display_name=student_name(line.name_first, line.name_last),
        student_number=line.student_number,
        doc_id=line.doc_id,
        enrollment_status=line.enrollment_status,
        status=rec.attendance_status if rec else None,
        needs_review=bool(rec.needs_review) if rec else False,
        name_key=(line.name_last.casefold(), line.name_first.casefold()),
    )


def _by_name(lines: Iterable[SheetLine]) -> list[SheetLine]:
    # Sorted here, not in SQL: PostgreSQL and SQLite collate differently.
    return sorted(
        lines, key=lambda ln: (ln.name_last.casefold(), ln.name_first.casefold(), ln.user_id)
    )


def session_to_open(
    sessions: Sequence[OccurrenceView], now: datetime, teaching: Teaching
) -> OccurrenceView | None:
    """The session a sheet opens on for a day: the signed-in staff member's own sessions if
    they have any that day (else everyone's); of those, the one happening ``now`` (the latest
    started), else the next to start, else the day's last. Cancelled ones only if all are."""
    held = [s for s in sessions if not s.cancelled] or list(sessions)
    pool = [s for s in held if teaching.teaches(s)] or held
    if not pool:
        return None
    running = [s for s in pool if s.start_utc <= now < s.end_utc]
    if running:
        return max(running, key=lambda s: s.start_utc)
    upcoming = [s for s in pool if s.start_utc > now]
    if upcoming:
        return min(upcoming, key=lambda s: s.start_utc)
    return max(pool, key=lambda s: (s.end_utc, s.start_utc))


def merged_reasons(recorded: Sequence[tuple[str, int]]) -> list[str]:
    """Built-in reasons and recorded ones (with how often each was given) as one list, most
    used first, built-in ones first among equals. Reasons differing only in case are one: a
    built-in one keeps its spelling, another is offered as most often typed."""
    built_in = {reason.casefold(): i for i, reason in enumerate(BUILT_IN_REASONS)}
    counts = dict.fromkeys(built_in, 0)
    shown = {reason.casefold(): reason for reason in BUILT_IN_REASONS}
    best: dict[str, int] = {}  # how often the spelling shown of a typed reason was given
    for reason, n in recorded:
        text = reason.strip()
        key = text.casefold()
        if not key:
            continue
        counts[key] = counts.get(key, 0) + n
        if key not in built_in and n > best.get(key, -1):
            shown[key], best[key] = text, n
    order = sorted(
        counts, key=lambda k: (-counts[k], built_in.get(k, len(built_in)), shown[k].casefold())
    )
    return [shown[key] for key in order]


class AttendanceService(AttendanceOutcomes):
    """Takes attendance on one session's sheet; summarises attendance against policies (the
    summaries are ``AttendanceOutcomes``').

    Marks are written with the actor and device of the unit of work and the clock's time; a mark
    is keyed by (series, original date, student), so a moved session keeps its marks.
    """

    # -- the sheet ------------------------------------------------------------------------------

    def sheet(self, series_id: uuid.UUID, occurrence_date: date) -> AttendanceSheet:
        """The sheet of one occurrence in two queries; ``NotFound`` if there is no such session."""
        with self._uow() as uow:
            session = self._session(uow, series_id, occurrence_date)
            lines = self._lines(uow, session)
        refusal = _refusal(session.view, self._clock.now())
        return AttendanceSheet(
            series_id=series_id,
            class_id=session.line.class_id,
            class_name=session.line.class_name,
            occurrence=session.view,
            facility_timezone=session.line.timezone,
            editable=refusal is None,
            refusal=refusal,
            rows=paper_order(_row(line, line.record) for line in lines),
        )

    def mark(
        self,
        series_id: uuid.UUID,
        occurrence_date: date,
        student_id: uuid.UUID,
        status: AttendanceStatus,
        *,
        absence_reason: str | None = None,
        note: str | None = None,
        check_in_at: datetime | None = None,
        check_out_at: datetime | None = None,
        minutes: int | None = None,
    ) -> SheetRow:
        """Record one student's attendance (replacing an earlier mark).

        Raises ``NotAllowed`` for a session not started or cancelled, ``ValidationError`` for a
        student not on the sheet or a mark that does not hold together.
        """
        clean = _clean_mark(status, absence_reason, note, check_in_at, check_out_at, minutes)
        try:
            return self._mark_once(series_id, occurrence_date, student_id, clean)
        except StaleRecord:
            # The row changed between reading and writing it, usually a sync applying the
            # server's copy. A mark says what the status is, not how to change it: once more.
            return self._mark_once(series_id, occurrence_date, student_id, clean)

    def _mark_once(
        self, series_id: uuid.UUID, occurrence_date: date, student_id: uuid.UUID, clean: _Mark
    ) -> SheetRow:
        with self._uow() as uow:
            session = self._editable_session(uow, series_id, occurrence_date)
            lines = self._lines(uow, session, [student_id])
            if not lines:
                raise ValidationError(
                    translate("refusal", "This student is not on the roster of this session."),
                    field="student_id",
                )
            rec = self._write(uow, session, lines[0], clean)
            uow.commit()
            return _row(lines[0], rec)

    def mark_present_rows(
        self, series_id: uuid.UUID, occurrence_date: date, *, overwrite: bool = False
    ) -> list[SheetRow]:
        """Mark present every student without a mark (everyone with ``overwrite``): the rows it
        marked, as saved (one transaction).

        Only students without a mark when the transaction reads them are marked, so a mark
        made elsewhere since the sheet was shown is kept."""
        with self._uow() as uow:
            session = self._editable_session(uow, series_id, occurrence_date)
            written: list[SheetRow] = []
            for line in _by_name(self._lines(uow, session)):
                rec = line.record
                if rec is not None and not overwrite:
                    continue
                if rec is not None and rec.attendance_status is AttendanceStatus.PRESENT:
                    continue
                keep = rec is not None and rec.attendance_status.attended
                mark = _Mark(
                    AttendanceStatus.PRESENT,
                    None,
                    rec.note if rec else None,
                    rec.check_in_at if rec and keep else None,
                    rec.check_out_at if rec and keep else None,
                    rec.minutes if rec and keep else None,
                )
                written.append(_row(line, self._write(uow, session, line, mark)))
            uow.commit()
            return written

    def restore(
        self, series_id: uuid.UUID, occurrence_date: date, states: Sequence[SheetRow]
    ) -> list[SheetRow]:
        """Write earlier states of students' marks back whole, in one transaction (an undo).

        Each state is a row as a sheet showed it: an unmarked one clears the mark (stamped with
        this actor, as a clear is); a marked one gets back its status, reason, note, check-in and
        out, minutes, review flag and who marked it when, as they were. Written through the unit
        of work like any mark, so it is audited and pushed. Raises ``NotAllowed`` for a session
        that cannot be marked, ``ValidationError`` for a student not on its sheet.
        """
        with self._uow() as uow:
            session = self._editable_session(uow, series_id, occurrence_date)
            wanted = [state.student_id for state in states]
            lines = {ln.user_id: ln for ln in self._lines(uow, session, wanted)}
            if any(sid not in lines for sid in wanted):
                raise ValidationError(
                    translate(
                        "refusal",
                        "A student is no longer on the roster of this session; nothing was undone.",
                    ),
                    field="student_id",
                )
            repo = _marks(uow)
            now = self._clock.now()
            restored: list[SheetRow] = []
            for state in states:
                line = lines[state.student_id]
                key = attendance_id(session.line.id, line.user_id, session.view.original_date)
                rec = line.record or repo.get_including_deleted(key)
                if state.status is None:
                    if rec is not None and rec.deleted_at is None:
                        rec.deleted_at = now
                        rec.marked_by = uow.actor.username
                        rec.marked_at = now
                        rec.device_id = uow.actor.device_id
                    restored.append(_row(line, None))
                    continue
                mark = _Mark(
                    state.status,
                    state.absence_reason,
                    state.note,
                    state.check_in_at,
                    state.check_out_at,
                    state.minutes,
                )
                rec = self._write(uow, session, line, mark)
                rec.needs_review = state.needs_review
                rec.marked_by = state.marked_by
                rec.marked_at = state.marked_at
                restored.append(_row(line, rec))
            uow.commit()
            return restored

    def clear_mark(
        self, series_id: uuid.UUID, occurrence_date: date, student_id: uuid.UUID
    ) -> None:
        """Remove a mark (a soft delete, so the removal syncs); ``NotFound`` if there is none."""
        with self._uow() as uow:
            repo = _marks(uow)
            rec = repo.get_including_deleted(attendance_id(series_id, student_id, occurrence_date))
            if rec is None or rec.deleted_at is not None:
                raise NotFound("There is no mark to clear for this student and session.")
            rec.deleted_at = self._clock.now()
            rec.marked_by = uow.actor.username
            rec.marked_at = self._clock.now()
            rec.device_id = uow.actor.device_id
            uow.commit()

    # -- what a sheet offers -----------------------------------------------------------------------

    def teaching(self, facility_id: uuid.UUID) -> Teaching:
        """The signed-in staff member (the unit of work's actor, by login name) as a teacher at
        a facility: whose sessions a sheet opens on first."""
        with self._uow() as uow:
            me = uow.get(PeopleRepository).find_by_username(uow.actor.username)
            if me is None:
                return Teaching(None, frozenset())
            classes = uow.get(AttendanceRepository).classes_taught_by(facility_id, me.id)
        return Teaching(me.id, frozenset(classes))

    def reasons(self, facility_id: uuid.UUID) -> list[str]:
        """The absence reasons a sheet offers: the built-in ones and every reason recorded at
        the facility in the last year (so one typed at any desk is offered at all of them after
        a sync), most used first. See ``merged_reasons``."""
        since = self._clock.now().date() - timedelta(days=REASON_LOOKBACK_DAYS)
        with self._uow() as uow:
            recorded = uow.get(AttendanceRepository).reason_counts(facility_id, since)
        return merged_reasons(recorded)

    # -- helpers --------------------------------------------------------------------------------

    @staticmethod
    def _session(uow: UnitOfWork, series_id: uuid.UUID, occurrence_date: date) -> _Session:
        found = require(
            _sessions(uow).line_with_override(series_id, occurrence_date),
            "The session series does not exist or was deleted.",
        )
        line, ov = found
        compiled = compile_series(spec_of(line))
        occ = require(
            compiled.occurrence_on(occurrence_date, override_of(ov) if ov else None),
            f"{line.class_name} has no session on {occurrence_date:%a %d %b %Y}.",
        )
        return _Session(line, occurrence_of(line, occ, ov), compiled.tz)

    def _editable_session(
        self, uow: UnitOfWork, series_id: uuid.UUID, occurrence_date: date
    ) -> _Session:
        session = self._session(uow, series_id, occurrence_date)
        refusal = _refusal(session.view, self._clock.now())
        if refusal is not None:
            raise NotAllowed(
                translate("refusal", "{refusal} Attendance cannot be taken for it.").format(
                    refusal=refusal
                )
            )
        return session

    @staticmethod
    def _lines(
        uow: UnitOfWork, session: _Session, student_ids: Sequence[uuid.UUID] | None = None
    ) -> list[SheetLine]:
        return _marks(uow).sheet_lines(
            series_id=session.line.id,
            class_id=session.line.class_id,
            occurrence_date=session.view.original_date,
            occurrence_end_utc=session.view.end_utc,
            day_start_utc=session.day_start_utc,
            student_ids=student_ids,
        )

    def _write(
        self, uow: UnitOfWork, session: _Session, line: SheetLine, mark: _Mark
    ) -> AttendanceRecord:
        """Upsert the mark under its deterministic id, reviving a cleared one."""
        repo = _marks(uow)
        day = session.view.original_date
        rec = line.record or repo.get_including_deleted(
            attendance_id(session.line.id, line.user_id, day)
        )
        if rec is None:
            rec = AttendanceRecord(
                id=attendance_id(session.line.id, line.user_id, day),
                facility_id=session.line.facility_id,
                event_id=session.line.id,
                user_id=line.user_id,
                date=day,
            )
            repo.add(rec)
        values: dict[str, object] = {
            "deleted_at": None,
            "attendance_status": mark.status,
            "absence_reason": mark.absence_reason,
            "note": mark.note,
            "check_in_at": mark.check_in_at,
            "check_out_at": mark.check_out_at,
            "minutes": mark.minutes,
            "needs_review": False,
        }
        for key, value in values.items():
            if getattr(rec, key, None) != value:
                setattr(rec, key, value)
        rec.marked_by = uow.actor.username
        rec.marked_at = self._clock.now()
        rec.device_id = uow.actor.device_id
        return rec
