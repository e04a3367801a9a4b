"""The review queue: every mark of a facility set for review, whichever workstation pushed it.

Marks land here when two staff disagreed on them, or when their session was cancelled, moved to
another day or dropped from the schedule (DESIGN §3 rule 5; ``app.domain.orphans`` decides
which). A person keeps a mark (clears the flag), takes a new status through the sheet's own
mark path, or moves the mark to the session where it belongs (a new mark there, the old one
removed). Every write goes through the unit of work, so it is audited and queued for the
server like any mark.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.db.models import AttendanceRecord
from app.domain.enums import AttendanceStatus
from app.domain.errors import DomainError, NotAllowed, NotFound, ValidationError
from app.domain.i18n import translate
from app.domain.ids import attendance_id
from app.domain.recurrence import (
    Occurrence,
    OccurrenceOverride,
    SeriesSpec,
    compile_series,
    parse_exdates,
)
from app.infra.clock import Clock, SystemClock
from app.repositories.attendance import AttendanceRepository
from app.repositories.closures import ClosureRepository
from app.repositories.review import IssueSides, MarkLine, ReviewRepository, status_of
from app.repositories.schedule import ScheduleRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from app.services.labels import day_text, instant_text, status_text
from app.services.lookup import require
from app.services.occurrences import expand_lines, local_day_start, stored_spec
from app.services.review_dto import MoveTargetDTO, ReviewItemDTO

__all__ = ["MoveTargetDTO", "ReviewItemDTO", "ReviewService", "occurrence_of_mark"]

TARGET_DAYS = 42  # how far around a mark's date the move offers sessions


def occurrence_of_mark(line: MarkLine) -> tuple[Occurrence | None, ZoneInfo]:
    """The session a mark belongs to after its override, or None when the schedule has none
    that day; with the facility's timezone. A removed series is expanded all the same."""
    tz = ZoneInfo(line.timezone)
    if line.dtstart_local is None or line.duration_minutes is None:
        return None, tz
    override = None
    if line.is_cancelled is not None:
        override = OccurrenceOverride(
            original_date=line.mark.date,
            cancelled=bool(line.is_cancelled),
            new_start_local=line.new_start_local,
            new_duration_minutes=line.new_duration_minutes,
        )
    try:
        compiled = compile_series(
            SeriesSpec(
                dtstart_local=line.dtstart_local,
                duration_minutes=line.duration_minutes,
                rrule=line.recurrence_rule,
                timezone=line.timezone,
                exdates=parse_exdates(line.exdates),
                until_local=line.until_local,
            )
        )
    except DomainError:
        return None, tz
    return compiled.occurrence_on(line.mark.date, override), tz


def session_text(line: MarkLine, occ: Occurrence | None) -> str:
    """ "Mon 16 Nov 09:00": the session's start, or its date and usual time once it is gone."""
    if occ is not None:
        return instant_text(occ.start_local, None)
    if line.dtstart_local is not None:
        return f"{day_text(line.mark.date)} {line.dtstart_local:%H:%M}"
    return day_text(line.mark.date)


def student_full_name(line: MarkLine) -> str:
    return f"{line.name_first} {line.name_last}".strip()


class ReviewService:
    """Lists a facility's marks set for review and keeps, changes or moves them."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        attendance: AttendanceService,
        clock: Clock | None = None,
    ) -> None:
        self._uow = uow
        self._attendance = attendance
        self._clock = clock or SystemClock()

    # -- reading ----------------------------------------------------------------------------------

    def queue(self, facility_id: uuid.UUID) -> list[ReviewItemDTO]:
        """Every live mark of the facility set for review, oldest session first."""
        with self._uow() as uow:
            repo = uow.get(ReviewRepository)
            lines = repo.flagged(facility_id)
            dates = [ln.mark.date for ln in lines]
            closed = (
                uow.get(ClosureRepository)
                .closed_days([facility_id], min(dates), max(dates))
                .get(facility_id, {})
                if dates
                else {}
            )
            conflicts = repo.open_conflicts()
            names = repo.staff_names(
                [ln.mark.marked_by for ln in lines]
                + [str(s.theirs.get("marked_by")) for s in conflicts.values()]
            )
            return [self._item(ln, conflicts.get(ln.mark.id), names, closed) for ln in lines]

    def targets(self, mark_id: uuid.UUID) -> list[MoveTargetDTO]:
        """Sessions of the mark's class (any of its series) held within six weeks of the mark's
        date and already started, nearest first; the mark's own session is not one of them."""
        now = self._clock.now()
        with self._uow() as uow:
            line = self._line(uow.get(ReviewRepository), mark_id)
            if line.class_id is None:
                return []
            sched = uow.get(ScheduleRepository)
            series = sched.lines_of_classes([line.class_id])
            overrides = sched.override_lines([s.id for s in series])
            day = line.mark.date
            lo, hi = day - timedelta(days=TARGET_DAYS), day + timedelta(days=TARGET_DAYS)
            closed = sched.closed_days(series[0].facility_id, lo, hi) if series else {}
            views = [
                v
                for v in expand_lines(series, overrides, lo, hi, closed)
                if not v.cancelled
                and v.start_utc <= now
                and (v.series_id, v.original_date) != (line.mark.event_id, day)
            ]
            marks = {
                (m.event_id, m.date): m
                for m in uow.get(AttendanceRepository).marks(
                    {v.series_id for v in views}, student_id=line.mark.user_id
                )
            }
        views.sort(key=lambda v: (abs((v.original_date - day).days), v.start_utc))
        result = []
        for v in views:
            taken = marks.get((v.series_id, v.original_date))
            result.append(
                MoveTargetDTO(
                    series_id=v.series_id,
                    original_date=v.original_date,
                    text=(
                        translate("messages", "{when} · {room}").format(
                            when=instant_text(v.start_local, None), room=v.room_name
                        )
                        if v.room_name
                        else instant_text(v.start_local, None)
                    ),
                    taken=(
                        translate("messages", "already marked {status}").format(
                            status=status_text(taken.attendance_status)
                        )
                        if taken is not None
                        else None
                    ),
                )
            )
        return result

    # -- deciding ---------------------------------------------------------------------------------

    def keep(self, mark_id: uuid.UUID) -> None:
        """The mark stands as it is: the flag is cleared (audited, queued for the server)."""
        with self._uow() as uow:
            repo = uow.get(ReviewRepository)
            line = self._line(repo, mark_id)
            line.mark.needs_review = False
            repo.resolve_issues(mark_id, "kept in review", self._clock.now())
            uow.commit()

    def change(self, mark_id: uuid.UUID, status: AttendanceStatus) -> None:
        """A new status through the sheet's mark path (which clears the flag); the note stays,
        the absence reason stays with an absence, the times and minutes with an attendance.

        Raises ``NotAllowed`` when the mark's session is no longer held: move it first."""
        status = AttendanceStatus(status)
        with self._uow() as uow:
            line = self._line(uow.get(ReviewRepository), mark_id)
            occ, _ = occurrence_of_mark(line)
        rec = line.mark
        if line.series_deleted or line.class_name is None or occ is None or occ.cancelled:
            raise NotAllowed(
                translate(
                    "refusal",
                    "This mark's session is no longer held, so a new status cannot be taken for "
                    "it. Move the mark to the session where it belongs, or keep it.",
                )
            )
        keep_times = status.attended and rec.attendance_status.attended
        self._attendance.mark(
            rec.event_id,
            rec.date,
            rec.user_id,
            status,
            absence_reason=None if status.attended else rec.absence_reason,
            note=rec.note,
            check_in_at=rec.check_in_at if keep_times else None,
            check_out_at=rec.check_out_at if keep_times else None,
            minutes=rec.minutes if keep_times else None,
        )
        with self._uow() as uow:
            uow.get(ReviewRepository).resolve_issues(mark_id, "changed in review", self._now())
            uow.commit()

    def move(self, mark_id: uuid.UUID, series_id: uuid.UUID, original_date: date) -> uuid.UUID:
        """Move a mark to another session of its class: a new mark there (same status, reason,
        note and minutes; who marked it stays), the old one removed. Returns the new mark's id.

        Raises ``NotAllowed`` for a session not started or cancelled, ``ValidationError`` for a
        session of another class, a student not on its roster or one already marked there."""
        now = self._clock.now()
        with self._uow() as uow:
            repo = uow.get(ReviewRepository)
            line = self._line(repo, mark_id)
            found = uow.get(ScheduleRepository).line_with_override(series_id, original_date)
            if found is None or found[0].class_id != line.class_id:
                raise ValidationError(
                    translate(
                        "refusal", "A mark can only move to another session of its own class."
                    ),
                    field="series_id",
                )
            target, ov = found
            target_tz = ZoneInfo(target.timezone)
            occ = compile_series(stored_spec(target, target.timezone)).occurrence_on(
                original_date,
                None
                if ov is None
                else OccurrenceOverride(
                    original_date=original_date,
                    cancelled=bool(ov.is_cancelled),
                    new_start_local=ov.new_start_local,
                    new_duration_minutes=ov.new_duration_minutes,
                ),
            )
            if occ is None:
                raise NotFound(
                    translate("refusal", "{name} has no session on {day}.").format(
                        name=target.class_name, day=day_text(original_date)
                    )
                )
            if occ.cancelled:
                raise NotAllowed(
                    translate("refusal", "That session was cancelled; choose another.")
                )
            if occ.start_utc > now:
                raise NotAllowed(
                    translate("refusal", "That session has not started yet; choose another.")
                )
            old = line.mark
            if (series_id, original_date) == (old.event_id, old.date):
                raise ValidationError(
                    translate("refusal", "The mark is already on that session."), field="series_id"
                )
            attendance = uow.get(AttendanceRepository)
            sheet = attendance.sheet_lines(
                series_id=series_id,
                class_id=target.class_id,
                occurrence_date=original_date,
                occurrence_end_utc=occ.end_utc,
                day_start_utc=local_day_start(original_date, target_tz),
                student_ids=[old.user_id],
            )
            if not sheet:
                raise ValidationError(
                    translate("refusal", "{name} is not on the roster of that session.").format(
                        name=student_full_name(line)
                    ),
                    field="student_id",
                )
            if sheet[0].record is not None:
                raise ValidationError(
                    translate(
                        "refusal",
                        "{name} already has a mark on that session ({status}): change it there, "
                        "or keep this one.",
                    ).format(
                        name=student_full_name(line),
                        status=status_text(sheet[0].record.attendance_status),
                    ),
                    field="series_id",
                )
            new_id = attendance_id(series_id, old.user_id, original_date)
            rec = attendance.get_including_deleted(new_id)
            if rec is None:
                rec = AttendanceRecord(
                    id=new_id,
                    facility_id=target.facility_id,
                    event_id=series_id,
                    user_id=old.user_id,
                    date=original_date,
                )
                attendance.add(rec)
            rec.deleted_at = None
            rec.attendance_status = old.attendance_status
            rec.absence_reason = old.absence_reason
            rec.note = old.note
            rec.check_in_at = None  # clock times of another day do not belong to this one
            rec.check_out_at = None
            rec.minutes = old.minutes
            rec.marked_by = old.marked_by
            rec.marked_at = old.marked_at
            rec.device_id = uow.actor.device_id
            rec.needs_review = False
            old.deleted_at = now
            old.needs_review = False
            repo.resolve_issues(mark_id, "moved in review", now)
            uow.commit()
            return new_id

    # -- helpers ----------------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._clock.now().astimezone(UTC)

    @staticmethod
    def _line(repo: ReviewRepository, mark_id: uuid.UUID) -> MarkLine:
        return require(
            repo.mark(mark_id),
            translate("refusal", "That mark was removed or is no longer on this workstation."),
        )

    @staticmethod
    def _item(
        line: MarkLine,
        sides: IssueSides | None,
        names: dict[str, str],
        closed: Mapping[date, str] | None = None,
    ) -> ReviewItemDTO:
        rec = line.mark
        occ, _ = occurrence_of_mark(line)
        shut = (closed or {}).get(occ.local_date) if occ is not None else None
        marker = names.get(rec.marked_by or "", rec.marked_by or translate("messages", "someone"))
        class_name = line.class_name or translate("messages", "A removed class")
        held = False
        if line.series_deleted or line.class_name is None:
            why = translate(
                "messages", "Its sessions were removed from the schedule; move the mark or keep it."
            )
        elif occ is None:
            why = translate(
                "messages", "The schedule no longer has a {name} session on {day}."
            ).format(name=class_name, day=day_text(rec.date))
        elif occ.cancelled:
            why = translate("messages", "That session was cancelled after the mark was taken.")
        elif shut is not None:
            why = translate(
                "messages", "The facility is closed on {day} ({reason}): no session is held then."
            ).format(day=day_text(occ.local_date), reason=shut)
        else:
            held = True
            if occ.local_date != rec.date:  # moved within its day, its marks still belong
                why = translate("messages", "That session of {day} was moved to {when}.").format(
                    day=day_text(rec.date), when=instant_text(occ.start_local, None)
                )
            elif sides is not None and sides.theirs.get("attendance_status"):
                other = str(sides.theirs.get("marked_by") or "")
                who = names.get(other, other or translate("messages", "another workstation"))
                why = translate(
                    "messages",
                    "Marked differently on two workstations: you marked {mine}, {who} marked "
                    "{theirs}.",
                ).format(
                    mine=status_text(sides.mine.get("attendance_status")),
                    who=who,
                    theirs=status_text(sides.theirs.get("attendance_status")),
                )
            else:
                why = translate(
                    "messages",
                    "Marked differently on two workstations; {who}'s mark {status} stands.",
                ).format(who=marker, status=status_text(rec.attendance_status))
        return ReviewItemDTO(
            mark_id=rec.id,
            series_id=rec.event_id,
            original_date=rec.date,
            student_id=rec.user_id,
            student_name=student_full_name(line),
            student_number=line.student_number,
            class_id=line.class_id,
            class_name=class_name,
            when=session_text(line, occ),
            status=status_of(rec.attendance_status) or AttendanceStatus.PRESENT,
            status_text=status_text(rec.attendance_status),
            marked_by=marker,
            why=why,
            held=held,
        )
