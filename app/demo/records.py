"""Demo records: lesson progress, hours logs, credentials and case notes."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from app.db.models import CaseNote, Credential, HoursLog, LessonProgress
from app.demo.classes import _ClassBuilder
from app.demo.model import _Class, _Enrollment, _Facility, _Program, _Student
from app.demo.sizes import Row
from app.demo.specs import _EXTERNSHIP_SITES, _NOTE_SUBJECTS
from app.domain import ids
from app.domain.enums import (
    CaseNoteCategory,
    CredentialKind,
    EnrollmentStatus,
    HoursKind,
    ProgressStatus,
)


class _RecordsBuilder(_ClassBuilder):
    """Builds the records that follow from taught enrollments."""

    def _taught(self) -> list[tuple[_Class, _Enrollment, datetime, datetime]]:
        """(class, enrollment, from, to) for every enrollment that has sat in sessions."""
        result = []
        for fac in self.facilities:
            for cls in fac.classes:
                for enr in cls.enrollments:
                    if enr.status in (EnrollmentStatus.CANCELLED, EnrollmentStatus.WAITLISTED):
                        continue
                    if enr.enrolled_at is None or cls.start > self.today:
                        continue
                    start = max(enr.enrolled_at, fac.at(cls.start, time(0, 0)))
                    end = min(enr.ended_at or self.now, self.now)
                    if end > start:
                        result.append((cls, enr, start, end))
        return result

    def build_records(self) -> None:
        taught = self._taught()
        self._progress_rows(taught)
        self._hours_rows(taught)
        self._credential_rows(taught)
        self._case_notes()

    def _progress_rows(self, taught: list[tuple[_Class, _Enrollment, datetime, datetime]]) -> None:
        rng = self.rng
        seen: set[uuid.UUID] = set()
        for cls, enr, start, end in taught:
            lessons = cls.program.lessons
            if enr.status is EnrollmentStatus.COMPLETED:
                done = len(lessons)
            else:
                share = (end - start).days / 7 / max(1, cls.program.spec.weeks)
                done = min(len(lessons), int(share * len(lessons) * rng.uniform(0.7, 1.3)))
            upto = min(len(lessons), done + (2 if rng.random() < 0.2 else 1))
            for index in range(upto):
                row_id = ids.lesson_progress_id(enr.student.id, lessons[index])
                if row_id in seen:
                    continue
                seen.add(row_id)
                status = (
                    ProgressStatus.COMPLETED
                    if index < done
                    else ProgressStatus.IN_PROGRESS
                    if index == done
                    else ProgressStatus.NOT_STARTED
                )
                at = start + (end - start) * ((index + 1) / (upto + 1))
                completed = status is ProgressStatus.COMPLETED
                self.add(LessonProgress, {
                    "id": row_id, "facility_id": cls.facility.id, "student_id": enr.student.id,
                    "lesson_id": lessons[index], "status": status.value,
                    "stars": rng.choice((0, 1, 2, 2, 3, 3, 3)) if completed else None,
                    "assessed_by": cls.instructor.id if completed and cls.instructor else None,
                    "assessed_at": at if completed else None, **self.audit(at),
                })  # fmt: skip

    def _hours_rows(self, taught: list[tuple[_Class, _Enrollment, datetime, datetime]]) -> None:
        rng = self.rng
        for cls, enr, start, end in taught:
            kind = cls.program.spec.hours
            if kind is None or rng.random() < 0.5:
                continue
            fac = cls.facility
            first = start.astimezone(fac.zone).date()
            last = min(end.astimezone(fac.zone).date(), self.today - timedelta(days=2))
            if last < first:
                continue
            for _ in range(rng.randint(1, 5)):
                day = first + timedelta(days=rng.randint(0, (last - first).days))
                externship = kind is HoursKind.EXTERNSHIP and rng.random() < 0.7
                clock_in = fac.at(day, time(8 if externship else rng.randint(13, 16), 0))
                minutes = rng.randint(240, 480) if externship else rng.randint(45, 180)
                closed = rng.random() > 0.02
                clock_out = clock_in + timedelta(minutes=minutes) if closed else None
                verified = closed and rng.random() < 0.6
                verified_at = None
                if verified and clock_out is not None:
                    verified_at = min(clock_out + timedelta(hours=rng.randint(1, 72)), self.now)
                sup_first, sup_last = self.name()
                self.add(HoursLog, {
                    "id": self.uid(), "facility_id": fac.id, "user_id": enr.student.id,
                    "program_id": cls.program.id, "enrollment_id": enr.id,
                    "kind": (HoursKind.EXTERNSHIP if externship else kind if kind is not
                             HoursKind.EXTERNSHIP else HoursKind.LAB).value,
                    "clock_in": clock_in, "clock_out": clock_out,
                    "minutes": minutes if closed else None,
                    "site_name": rng.choice(_EXTERNSHIP_SITES) if externship else
                    (cls.room.name if cls.room else None),
                    "supervisor_name": f"{sup_first} {sup_last}" if externship else None,
                    "notes": None if closed else "Did not clock out",
                    "verified": verified,
                    "verified_by": rng.choice(fac.admins).username if verified else None,
                    "verified_at": verified_at, "day": day,
                    **self.audit(clock_out or clock_in),
                })  # fmt: skip

    def _credential(
        self,
        fac: _Facility,
        student: _Student,
        program: _Program,
        kind: CredentialKind,
        issued: date,
        **extra: Any,
    ) -> None:
        titles = {
            CredentialKind.CERTIFICATE: "Certificate of Completion",
            CredentialKind.GRADE: "Final Grade",
            CredentialKind.PROGRESS_COMPLETION: "Progress Milestone",
            CredentialKind.PATHWAY_COMPLETION: "Pathway Completion",
            CredentialKind.COLLEGE_CREDIT: "College Credit",
            CredentialKind.TRANSCRIPT: "Official Transcript",
        }
        serial = None
        if kind in (CredentialKind.CERTIFICATE, CredentialKind.PATHWAY_COMPLETION):
            serial = self.serial(program.spec.code, issued.year)
        row: Row = {
            "id": self.uid(), "facility_id": fac.id, "user_id": student.id,
            "program_id": program.id, "kind": kind.value,
            "title": f"{program.spec.name}: {titles[kind]}", "cert_serial": serial,
            "value": None, "gpa": None, "total_credits": None, "issued_on": issued,
            **self.audit(fac.at(issued, time(10, 0))),
        }  # fmt: skip
        row.update(extra)
        self.add(Credential, row)

    def _credential_rows(
        self, taught: list[tuple[_Class, _Enrollment, datetime, datetime]]
    ) -> None:
        rng = self.rng
        for cls, enr, _start, end in taught:
            if enr.status is not EnrollmentStatus.COMPLETED:
                continue
            fac, program = cls.facility, cls.program
            issued = min(
                end.astimezone(fac.zone).date() + timedelta(days=rng.randint(1, 10)), self.today
            )
            self._credential(fac, enr.student, program, CredentialKind.CERTIFICATE, issued)
            if rng.random() < 0.3:
                grade = rng.choice(("A", "A-", "B+", "B", "C+"))
                self._credential(
                    fac, enr.student, program, CredentialKind.GRADE, issued, value=grade
                )
            if program.spec.credits:
                gpa = Decimal(rng.randint(200, 400)) / 100
                self._credential(fac, enr.student, program, CredentialKind.TRANSCRIPT, issued,
                                 gpa=gpa, total_credits=program.spec.credits)  # fmt: skip
        kinds = (
            CredentialKind.CERTIFICATE,
            CredentialKind.COLLEGE_CREDIT,
            CredentialKind.PATHWAY_COMPLETION,
            CredentialKind.PROGRESS_COMPLETION,
        )
        for fac in self.facilities:
            for student in fac.students:
                if rng.random() >= 0.04:
                    continue
                span = (self.term_start - student.intake).days
                issued = student.intake + timedelta(days=rng.randint(0, max(0, span - 1)))
                kind = rng.choice(kinds)
                extra: dict[str, Any] = {}
                if kind is CredentialKind.COLLEGE_CREDIT:
                    extra["total_credits"] = Decimal(rng.choice((3, 6, 9, 12)))
                self._credential(fac, student, rng.choice(fac.programs), kind, issued, **extra)

    def _case_notes(self) -> None:
        rng = self.rng
        categories = list(CaseNoteCategory)
        for fac in self.facilities:
            authors = fac.admins + fac.instructors
            for student in fac.students:
                if rng.random() >= 0.04:
                    continue
                since = fac.at(student.intake, time(9, 0))
                for _ in range(rng.randint(1, 3)):
                    category = rng.choice(categories)
                    subject = rng.choice(_NOTE_SUBJECTS[category])
                    at = since + (self.now - since) * rng.uniform(0.3, 0.99)
                    self.add(CaseNote, {
                        "id": self.uid(), "facility_id": fac.id, "student_id": student.id,
                        "author_id": rng.choice(authors).id, "category": category.value,
                        "subject": subject,
                        "body": f"{subject}. Discussed with {student.first}; follow up soon.",
                        **self.audit(at),
                    })  # fmt: skip
