"""Demo programs, facilities, rooms, staff and students."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.db.models import (
    AccountHistory,
    AttendancePolicyRow,
    Facility,
    FacilityProgram,
    Guardian,
    Lesson,
    Module,
    Program,
    ProgramTypeLink,
    Room,
    StaffScope,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.demo.base import _BuilderBase
from app.demo.model import _ascii, _Facility, _Program, _Room, _Staff, _Student
from app.demo.sizes import DEMO_ACTOR, Row
from app.demo.specs import (
    _ALLERGIES,
    _BASE_ROOMS,
    _FACILITIES,
    _MEDICAL,
    _PROGRAMS,
    _STREETS,
    ACADEMY,
    CORRECTIONAL,
    _search_key,
)
from app.domain.enums import (
    AccountAction,
    GuardianRelationship,
    LessonContentType,
    PersonStatus,
    ProgramType,
    Role,
    RoomKind,
)


class _PeopleBuilder(_BuilderBase):
    """Builds the catalogue of programs and facilities, the staff and the students."""

    def build_catalogue(self) -> None:
        founded = self.founded
        specs = [_FACILITIES[i % len(_FACILITIES)] for i in range(self.size.facilities)]
        kinds = {s.kind for s in specs}
        for pspec in _PROGRAMS:
            if not kinds.intersection(pspec.kinds):
                continue
            prog = _Program(self.uid(), pspec)
            self.programs.append(prog)
            self.add(Program, {
                "id": prog.id, "name": pspec.name, "description": pspec.description,
                "funding_type": pspec.funding.value, "credit_hours": pspec.credits,
                "duration_weeks": pspec.weeks, "is_active": True, "archived_at": None,
                **self.audit(founded),
            })  # fmt: skip
            for ptype in pspec.types:
                self.add(ProgramTypeLink, {
                    "id": self.uid(), "program_id": prog.id, "program_type": ptype.value,
                    **self.audit(founded),
                })  # fmt: skip
            self.add(AttendancePolicyRow, {
                "id": self.uid(), "program_id": prog.id,
                "tardy_after_minutes": self.rng.choice((5, 10, 15)),
                "tardies_per_absence": self.rng.choice((2, 3, 3, 4)),
                "required_hours": pspec.required_hours, "minimum_rate_pct": pspec.minimum_rate,
                **self.audit(founded),
            })  # fmt: skip
            self._curriculum(prog, founded)
        for index, spec in enumerate(specs):
            suffix = "" if index < len(_FACILITIES) else f" {index // len(_FACILITIES) + 1}"
            fac = _Facility(self.uid(), spec, spec.name + suffix, ZoneInfo(spec.timezone))
            self.facilities.append(fac)
            street = self.rng.choice(_STREETS)
            self.add(Facility, {
                "id": fac.id, "name": fac.name, "timezone": spec.timezone,
                "address": f"{self.rng.randint(10, 999)} {street}, {spec.city}",
                **self.audit(founded),
            })  # fmt: skip
            for room_name, kind, capacity in _BASE_ROOMS[spec.kind]:
                self._room(fac, kind, capacity, room_name)
            fac.programs = [p for p in self.programs if spec.kind in p.spec.kinds]
            for prog in fac.programs:
                self.add(FacilityProgram, {
                    "id": self.uid(), "facility_id": fac.id, "program_id": prog.id,
                    **self.audit(founded),
                })  # fmt: skip

    def _curriculum(self, prog: _Program, at: datetime) -> None:
        vocational = ProgramType.VOCATIONAL in prog.spec.types
        for m in range(1, self.rng.randint(3, 5) + 1):
            module_id = self.uid()
            self.add(Module, {
                "id": module_id, "program_id": prog.id, "name": f"Module {m}",
                "description": f"{prog.spec.name}: unit {m}", "sequence_order": m,
                **self.audit(at),
            })  # fmt: skip
            for n in range(1, self.rng.randint(3, 5) + 1):
                lesson_id = self.uid()
                prog.lessons.append(lesson_id)
                kind = LessonContentType.IN_PERSON
                if vocational and self.rng.random() < 0.4:
                    kind = self.rng.choice(list(LessonContentType)[1:])
                self.add(Lesson, {
                    "id": lesson_id, "module_id": module_id, "title": f"Lesson {m}.{n}",
                    "content_type": kind.value,
                    "duration_minutes": self.rng.choice((30, 45, 60, 90)),
                    "sequence_order": n, **self.audit(at),
                })  # fmt: skip

    def _room(
        self, fac: _Facility, kind: RoomKind, capacity: int, name: str | None = None
    ) -> _Room:
        if name is None:
            same = sum(1 for r in fac.rooms if r.kind is kind)
            name = f"{kind.value.title()} {same + 1}"
        room = _Room(self.uid(), name, kind, capacity)
        fac.rooms.append(room)
        self.add(Room, {
            "id": room.id, "facility_id": fac.id, "name": name, "kind": kind.value,
            "capacity": capacity, "status": "active", **self.audit(self.now - timedelta(days=900)),
        })  # fmt: skip
        return room

    def _staff(self, fac: _Facility, role: Role) -> _Staff:
        first, last = self.name()
        member = _Staff(self.uid(), self.username(first, last), role)
        hired = self.ago(200, 900)
        self.add(User, self._user_row(
            member.id, fac, role, first, last, hired, username=member.username,
            email=f"{member.username}@{fac.spec.code.lower()}.example.org",
            phone=self.phone(fac),
        ))  # fmt: skip
        self._history(member.id, fac.id, AccountAction.ACCOUNT_CREATION, hired, None)
        return member

    def _user_row(
        self,
        user_id: uuid.UUID,
        fac: _Facility,
        role: Role,
        first: str,
        last: str,
        at: datetime,
        **extra: Any,
    ) -> Row:
        row: Row = {
            "id": user_id, "facility_id": fac.id, "role": role.value, "name_first": first,
            "name_last": last, "search_name": f"{_search_key(last)} {_search_key(first)}",
            "search_first": _search_key(first), "username": None, "email": None, "phone": None,
            "doc_id": None, "student_number": None, "status": PersonStatus.ACTIVE.value,
            "deactivated_at": None, **self.audit(at),
        }  # fmt: skip
        row.update(extra)
        return row

    def _history(
        self,
        user_id: uuid.UUID,
        fac_id: uuid.UUID,
        action: AccountAction,
        at: datetime,
        details: dict[str, Any] | None,
    ) -> None:
        admin = self.sysadmin.username if self.sysadmin else DEMO_ACTOR
        self.add(AccountHistory, {
            "id": self.uid(), "user_id": user_id, "admin_username": admin,
            "action": action.value, "facility_id": fac_id, "details": details, "created_at": at,
        })  # fmt: skip

    def _scope(self, staff: _Staff, fac: _Facility, program: _Program | None = None) -> None:
        self.add(StaffScope, {
            "id": self.uid(), "user_id": staff.id, "facility_id": fac.id,
            "program_id": program.id if program else None, **self.audit(self.ago(100, 200)),
        })  # fmt: skip

    def build_staff(self) -> None:
        first_fac = self.facilities[0]
        self.sysadmin = _Staff(self.uid(), "sysadmin", Role.SYSTEM_ADMIN)
        self.usernames.add("sysadmin")
        self.add(User, self._user_row(
            self.sysadmin.id, first_fac, Role.SYSTEM_ADMIN, "System", "Administrator",
            self.now - timedelta(days=1000), username="sysadmin",
            email="sysadmin@rollbook.example.org",
        ))  # fmt: skip
        self._history(
            self.sysadmin.id,
            first_fac.id,
            AccountAction.ACCOUNT_CREATION,
            self.now - timedelta(days=1000),
            None,
        )
        for fac in self.facilities:
            self._scope(self.sysadmin, fac)
            for _ in range(self.size.facility_admins_per_facility):
                fac.admins.append(self._staff(fac, Role.FACILITY_ADMIN))
                self._scope(fac.admins[-1], fac)
            dept = self._staff(fac, Role.DEPARTMENT_ADMIN)
            for prog in self.rng.sample(fac.programs, min(3, len(fac.programs))):
                self._scope(dept, fac, prog)
            self._history(dept.id, fac.id, AccountAction.SCOPE_CHANGE, self.ago(30, 90), None)
            for _ in range(self.size.instructors):
                fac.instructors.append(self._staff(fac, Role.INSTRUCTOR))
                self._scope(fac.instructors[-1], fac)

    def build_students(self) -> None:
        n_fac = len(self.facilities)
        # Students arrive at least two weeks before the term, before any sign-up for it.
        last_intake = self.term_start - timedelta(days=15)
        years = self.intake_years
        per_year: dict[int, int] = {}
        doc_ids = self.rng.sample(range(1_000_000, 9_999_999), self.size.students)
        for index in range(self.size.students):
            fac = self.facilities[index % n_fac]
            first, last = self.name()
            year = last_intake.year - self.rng.randrange(years)
            while per_year.get(year, 0) >= 9999:
                year -= 1
            per_year[year] = per_year.get(year, 0) + 1
            jan1 = date(year, 1, 1)
            span = ((date(year, 12, 31) if year < last_intake.year else last_intake) - jan1).days
            intake = jan1 + timedelta(days=self.rng.randint(0, max(span, 0)))
            student = _Student(self.uid(), first, last, intake)
            fac.students.append(student)
            student_number = f"STU-{year}-{per_year[year]:04d}"
            self._student_rows(fac, student, student_number, f"{doc_ids[index]}")

    def _student_rows(self, fac: _Facility, st: _Student, number: str, doc: str) -> None:
        rng = self.rng
        kind = fac.spec.kind
        created = fac.at(st.intake, time(9, 0))
        young = kind == ACADEMY and rng.random() < 0.8
        age = rng.randint(6, 17) if young else rng.randint(18, 64 if kind == CORRECTIONAL else 45)
        dob = st.intake - timedelta(days=age * 365 + rng.randint(0, 364))
        email = None
        if kind != CORRECTIONAL and rng.random() < 0.6:
            email = (
                f"{_ascii(st.first)}.{_ascii(st.last)}.{number[4:].replace('-', '')}@mail.example"
            )
        self.add(User, self._user_row(
            st.id, fac, Role.STUDENT, st.first, st.last, created, email=email,
            phone=self.phone(fac) if kind != CORRECTIONAL and rng.random() < 0.5 else None,
            doc_id=(f"{fac.spec.code}{doc}" if kind == CORRECTIONAL else None),
            student_number=number,
        ))  # fmt: skip
        self._history(st.id, fac.id, AccountAction.ACCOUNT_CREATION, created, None)
        self.add(StudentProfile, {
            "id": self.uid(), "user_id": st.id, "facility_id": fac.id, "date_of_birth": dob,
            "enrollment_date": st.intake,
            "address": None if kind == CORRECTIONAL else
            f"{rng.randint(1, 400)} {rng.choice(_STREETS)}, {fac.spec.city}",
            "notes": None, **self.audit(created),
        })  # fmt: skip
        if rng.random() < 0.25:
            contact_first, contact_last = self.name()
            self.add(StudentMedical, {
                "id": self.uid(), "user_id": st.id, "facility_id": fac.id,
                "emergency_contact_name": f"{contact_first} {contact_last}",
                "emergency_contact_phone": self.phone(fac),
                "emergency_contact_relationship": rng.choice(("Mother", "Spouse", "Brother")),
                "medical_notes": rng.choice(_MEDICAL) if rng.random() < 0.5 else None,
                "allergies": rng.choice(_ALLERGIES) if rng.random() < 0.3 else None,
                **self.audit(created),
            })  # fmt: skip
        if young or rng.random() < 0.04:
            for n in range(1 if rng.random() < 0.6 else 2):
                g_first, _ = self.name()
                guardian_id = self.uid()
                self.add(Guardian, {
                    "id": guardian_id, "facility_id": fac.id, "name_first": g_first,
                    "name_last": st.last, "email": None, "phone": self.phone(fac),
                    "address": None, **self.audit(created),
                })  # fmt: skip
                relation = rng.choice(list(GuardianRelationship))
                self.add(StudentGuardian, {
                    "id": self.uid(), "facility_id": fac.id, "student_id": st.id,
                    "guardian_id": guardian_id, "relationship": relation.value,
                    "is_primary": n == 0, "can_pick_up": relation is not GuardianRelationship.OTHER,
                    **self.audit(created),
                })  # fmt: skip

    def finish_students(self) -> None:
        """Students with no current enrollment may be inactive, graduated or withdrawn."""
        users = {row["id"]: row for row in self.tables[User.__tablename__]}
        others = [f for f in self.facilities]
        for fac in self.facilities:
            for st in fac.students:
                row = users[st.id]
                if len(others) > 1 and self.rng.random() < 0.005:
                    origin = self.rng.choice([f for f in others if f is not fac])
                    moved = {"from": origin.name, "to": fac.name}
                    action = AccountAction.FACILITY_TRANSFER
                    self._history(st.id, fac.id, action, row["created_at"], moved)
                if st.current or self.rng.random() < 0.9:
                    continue
                status = self.rng.choice(
                    (PersonStatus.INACTIVE, PersonStatus.GRADUATED, PersonStatus.WITHDRAWN)
                )
                row["status"] = status.value
                if status is not PersonStatus.GRADUATED:
                    created: datetime = row["created_at"]
                    at = created + (self.now - created) * self.rng.uniform(0.5, 0.95)
                    row["deactivated_at"] = at
                    self._history(st.id, fac.id, AccountAction.USER_DEACTIVATED, at, None)
