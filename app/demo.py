"""Deterministic demo data: facilities, staff, students, programs, schedules and attendance history.

``generate(engine, DemoSize.small(), today=date(2026, 11, 22))`` fills an empty database (SQLite
cache or PostgreSQL) with a term of realistic data that started ``size.weeks`` weeks before
``today`` and runs ``size.weeks_ahead`` weeks after it. The same seed, size and ``today`` give the
same rows, ids included: every random choice and every random id comes from one
``random.Random(seed)``; rows with a natural key use the uuid5 ids of ``app.domain.ids``.

Rows go in through SQLAlchemy Core ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) in chunks,
in one transaction, bypassing the unit of work: no audit-log rows are written, ``created_by`` and
``updated_by`` are ``demo``. Attendance is generated only on real occurrences of each series
(expanded by ``app.domain.recurrence`` in the facility's timezone, overrides applied), only for
occurrences that ended before "now" (noon UTC on ``today``) and only for students enrolled at the
time, keyed by the occurrence's original local date."""

from __future__ import annotations

import json
import math
import random
import time as _time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Uuid,
    func,
    insert,
    select,
    text,
)

from app.db import migrate
from app.db.models import (
    AccountHistory,
    AttendancePolicyRow,
    AttendanceRecord,
    Base,
    CaseNote,
    Credential,
    Enrollment,
    EnrollmentHistory,
    Facility,
    FacilityProgram,
    Guardian,
    HoursLog,
    Lesson,
    LessonProgress,
    Module,
    OccurrenceOverrideRow,
    Program,
    ProgramClass,
    ProgramTypeLink,
    Room,
    SessionSeries,
    StaffScope,
    StudentGuardian,
    StudentMedical,
    StudentProfile,
    User,
)
from app.db.types import UTCDateTime
from app.domain import ids
from app.domain.enums import (
    AccountAction,
    AttendanceStatus,
    CaseNoteCategory,
    ClassStatus,
    CredentialKind,
    EnrollmentStatus,
    FundingType,
    GuardianRelationship,
    HoursKind,
    LessonContentType,
    PersonStatus,
    ProgramType,
    ProgressStatus,
    Role,
    RoomKind,
)
from app.domain.errors import InvalidRecurrence
from app.domain.recurrence import (
    CompiledSeries,
    Occurrence,
    OccurrenceOverride,
    SeriesSpec,
    compile_series,
)
from app.repositories.people import search_key

__all__ = ["DEMO_ACTOR", "DemoSize", "DemoSummary", "generate"]

DEMO_ACTOR = "demo"
Row = dict[str, Any]
Progress = Callable[[str, int, int], None]

_CHUNK = 10_000
# Tables that get at least this many rows are loaded without their secondary indexes.
_DEFER_INDEXES_FROM = 20_000


@dataclass(frozen=True)
class DemoSize:
    """How much to generate. Override single fields with ``dataclasses.replace``.

    Facilities come from eight templates with distinct timezones (correctional facilities,
    Result Institute in Douala, a London sports academy, a dental academy, ...); past eight they
    repeat with a number. Students are shared out evenly. ``instructors_per_facility`` ``None``
    means one instructor per five classes (at least two). ``big_class`` is the roster size of
    the first class of the first facility: a full class kept whole all term, for the
    attendance-sheet benchmark.
    """

    facilities: int = 3
    students: int = 1500
    classes_per_facility: int = 20
    weeks: int = 12
    weeks_ahead: int = 4
    instructors_per_facility: int | None = None
    facility_admins_per_facility: int = 2
    big_class: int = 40

    def __post_init__(self) -> None:
        if self.facilities < 1:
            raise ValueError("at least one facility is needed")
        if self.students < self.facilities:
            raise ValueError("at least one student per facility is needed")
        if self.classes_per_facility < 1:
            raise ValueError("at least one class per facility is needed")
        if self.weeks < 1 or self.weeks_ahead < 0:
            raise ValueError("weeks must be at least 1 and weeks_ahead not negative")
        if self.instructors_per_facility is not None and self.instructors_per_facility < 1:
            raise ValueError("at least one instructor per facility is needed")
        if self.facility_admins_per_facility < 1 or self.big_class < 1:
            raise ValueError("at least one facility admin and a big class of one are needed")

    @classmethod
    def small(cls) -> DemoSize:
        """For tests: two facilities, a few classes, four weeks of history; well under 2 s."""
        return cls(facilities=2, students=120, classes_per_facility=6, weeks=4, weeks_ahead=2)

    @classmethod
    def workstation(cls) -> DemoSize:
        """The demo app's default: a few thousand students over three facilities."""
        return cls(facilities=3, students=3000, classes_per_facility=25, weeks=12)

    @classmethod
    def bench(cls) -> DemoSize:
        """DESIGN §6 scale: 100k students and 300 recurring classes in one facility."""
        return cls(facilities=1, students=100_000, classes_per_facility=300, weeks=16)

    @classmethod
    def preset(cls, name: str) -> DemoSize:
        """``small``, ``workstation`` or ``bench`` by name (CLI and ``ROLLBOOK_DEMO_SIZE``)."""
        presets = {"small": cls.small, "workstation": cls.workstation, "bench": cls.bench}
        if name not in presets:
            raise ValueError(f"unknown demo size {name!r}: use one of {', '.join(presets)}")
        return presets[name]()

    @property
    def instructors(self) -> int:
        if self.instructors_per_facility is not None:
            return self.instructors_per_facility
        return max(2, math.ceil(self.classes_per_facility / 5))


@dataclass(frozen=True)
class DemoSummary:
    """Rows written per table, and how long it took."""

    counts: Mapping[str, int]
    seconds: float

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


# The repository's own search key, so that demo names are found exactly as typed-in ones.
_search_key = lru_cache(maxsize=65536)(search_key)


# --------------------------------------------------------------------------------------------
# Catalogues (names and values after the seed documents in shared/seeds)
# --------------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CORRECTIONAL, INSTITUTE, ACADEMY, DENTAL, VOCATIONAL = (
    "correctional",
    "institute",
    "academy",
    "dental",
    "vocational",
)


@dataclass(frozen=True)
class _FacilitySpec:
    name: str
    timezone: str
    kind: str
    code: str
    city: str
    phone: str  # prefix of fictional numbers


# fmt: off
_FACILITIES: tuple[_FacilitySpec, ...] = (
    _FacilitySpec("Central Correctional Facility", "America/New_York", CORRECTIONAL, "CCF",
                  "Albany, NY", "+1 518 555-"),
    _FacilitySpec("Result Institute", "Africa/Douala", INSTITUTE, "RIN",
                  "Douala, Cameroon", "+237 6 99 "),
    _FacilitySpec("Riverside Aquatics & Sports Academy", "Europe/London", ACADEMY, "RSA",
                  "London, UK", "+44 20 7946 "),
    _FacilitySpec("Western State Prison", "America/Los_Angeles", CORRECTIONAL, "WSP",
                  "Sacramento, CA", "+1 916 555-"),
    _FacilitySpec("Northern Regional Center", "America/Chicago", CORRECTIONAL, "NRC",
                  "Duluth, MN", "+1 218 555-"),
    _FacilitySpec("Front Range Dental Assisting Academy", "America/Denver", DENTAL, "FRD",
                  "Denver, CO", "+1 303 555-"),
    _FacilitySpec("Desert Vista Vocational Institute", "America/Phoenix", VOCATIONAL, "DVV",
                  "Phoenix, AZ", "+1 602 555-"),
    _FacilitySpec("Kona Coast Learning Center", "Pacific/Honolulu", VOCATIONAL, "KCL",
                  "Kailua-Kona, HI", "+1 808 555-"),
)
# fmt: on


@dataclass(frozen=True)
class _ProgramSpec:
    name: str
    code: str
    types: tuple[ProgramType, ...]
    funding: FundingType
    credits: Decimal | None
    weeks: int
    room: RoomKind
    kinds: tuple[str, ...]
    description: str
    required_hours: Decimal | None = None
    minimum_rate: Decimal | None = Decimal("80")
    hours: HoursKind | None = None


_T = ProgramType
_F = FundingType
# fmt: off
_PROGRAMS: tuple[_ProgramSpec, ...] = (
    _ProgramSpec("Adult Basic Education", "ABE", (_T.EDUCATIONAL,), _F.FEDERAL_GRANTS, None, 16,
                 RoomKind.CLASSROOM, (CORRECTIONAL, VOCATIONAL),
                 "Literacy and numeracy education", Decimal("120")),
    _ProgramSpec("GED Preparation", "GED", (_T.EDUCATIONAL,), _F.STATE_GRANTS, None, 24,
                 RoomKind.CLASSROOM, (CORRECTIONAL, VOCATIONAL, INSTITUTE),
                 "High school equivalency preparation", Decimal("150")),
    _ProgramSpec("Computer Skills", "CSK", (_T.EDUCATIONAL, _T.VOCATIONAL), _F.EDUCATIONAL_GRANTS,
                 Decimal("3"), 12, RoomKind.LAB, (CORRECTIONAL, INSTITUTE, DENTAL, VOCATIONAL),
                 "Basic computer literacy training", None, Decimal("75"), HoursKind.STUDY),
    _ProgramSpec("Welding Fundamentals", "WLD", (_T.VOCATIONAL,), _F.STATE_GRANTS, Decimal("6"),
                 16, RoomKind.WORKSHOP, (CORRECTIONAL, VOCATIONAL),
                 "Shielded metal arc welding and shop safety", Decimal("240"), Decimal("90"),
                 HoursKind.LAB),
    _ProgramSpec("Culinary Arts", "CUL", (_T.VOCATIONAL, _T.LIFE_SKILLS), _F.INMATE_WELFARE_FUNDS,
                 Decimal("4"), 12, RoomKind.WORKSHOP, (CORRECTIONAL, VOCATIONAL),
                 "Food safety, knife skills and kitchen operations", Decimal("180"), Decimal("85"),
                 HoursKind.LAB),
    _ProgramSpec("Anger Management", "ANG", (_T.MENTAL_HEALTH_BEHAVIORAL, _T.THERAPEUTIC),
                 _F.INMATE_WELFARE_FUNDS, None, 10, RoomKind.CLASSROOM, (CORRECTIONAL,),
                 "Cognitive-behavioural group sessions", None, Decimal("90")),
    _ProgramSpec("Substance Use Recovery", "SUR", (_T.THERAPEUTIC, _T.MENTAL_HEALTH_BEHAVIORAL),
                 _F.FEDERAL_GRANTS, None, 12, RoomKind.CLASSROOM, (CORRECTIONAL,),
                 "Relapse prevention and recovery planning", None, Decimal("90")),
    _ProgramSpec("Re-Entry Planning", "REP", (_T.RE_ENTRY, _T.LIFE_SKILLS),
                 _F.NONPROFIT_ORGANIZATIONS, None, 8, RoomKind.CLASSROOM,
                 (CORRECTIONAL, VOCATIONAL), "Housing, employment and benefits after release",
                 None, Decimal("80"), HoursKind.WORK_ASSIGNMENT),
    _ProgramSpec("Faith & Character Studies", "FCS", (_T.RELIGIOUS_FAITH_BASED,),
                 _F.NONPROFIT_ORGANIZATIONS, None, 12, RoomKind.LIBRARY, (CORRECTIONAL,),
                 "Volunteer-led study and discussion group", None, None),
    _ProgramSpec("Parenting Inside Out", "PIO", (_T.LIFE_SKILLS,), _F.NONPROFIT_ORGANIZATIONS,
                 None, 10, RoomKind.CLASSROOM, (CORRECTIONAL,),
                 "Parenting skills for incarcerated parents", None, Decimal("80")),
    _ProgramSpec("Fitness & Wellness", "FIT", (_T.LIFE_SKILLS,), _F.OTHER, None, 8,
                 RoomKind.GYM, (CORRECTIONAL, ACADEMY), "Strength, conditioning and nutrition",
                 None, None),
    _ProgramSpec("Dental Assistant Professional", "DAP", (_T.VOCATIONAL, _T.EDUCATIONAL),
                 _F.OTHER, Decimal("60"), 52, RoomKind.LAB, (DENTAL,),
                 "Comprehensive dental assistant training program", Decimal("900"),
                 Decimal("90"), HoursKind.EXTERNSHIP),
    _ProgramSpec("Dental Radiography Safety", "DRS", (_T.VOCATIONAL,), _F.OTHER, Decimal("3"), 6,
                 RoomKind.LAB, (DENTAL,), "Radiation safety and imaging technique",
                 Decimal("40"), Decimal("90"), HoursKind.LAB),
    _ProgramSpec("Infection Control & OSHA", "ICO", (_T.VOCATIONAL,), _F.OTHER, Decimal("2"), 4,
                 RoomKind.CLASSROOM, (DENTAL,), "Sterilisation, PPE and OSHA standards",
                 Decimal("24"), Decimal("100")),
    _ProgramSpec("Leadership Training", "LDR", (_T.LIFE_SKILLS,), _F.NONPROFIT_ORGANIZATIONS,
                 None, 8, RoomKind.CLASSROOM, (INSTITUTE,), "Leading teams and communities"),
    _ProgramSpec("Personal Development", "PDV", (_T.LIFE_SKILLS,), _F.OTHER, None, 6,
                 RoomKind.CLASSROOM, (INSTITUTE,), "Goal setting, communication, resilience"),
    _ProgramSpec("Executive Development", "EXD", (_T.EDUCATIONAL,), _F.OTHER, Decimal("2"), 10,
                 RoomKind.CLASSROOM, (INSTITUTE,), "Strategy and management for executives"),
    _ProgramSpec("Youth Empowerment", "YEM", (_T.LIFE_SKILLS, _T.RE_ENTRY),
                 _F.NONPROFIT_ORGANIZATIONS, None, 8, RoomKind.CLASSROOM, (INSTITUTE,),
                 "Mentoring and civic skills for young people"),
    _ProgramSpec("Entrepreneurship Coaching", "ENT", (_T.VOCATIONAL, _T.LIFE_SKILLS),
                 _F.EDUCATIONAL_GRANTS, Decimal("3"), 12, RoomKind.CLASSROOM, (INSTITUTE,),
                 "From idea to business plan", None, Decimal("75"), HoursKind.STUDY),
    _ProgramSpec("Swimming Club", "SWC", (_T.LIFE_SKILLS,), _F.OTHER, None, 12, RoomKind.POOL,
                 (ACADEMY,), "Stroke development in seven levels", None, None),
    _ProgramSpec("Adult Swimming", "ASW", (_T.LIFE_SKILLS,), _F.OTHER, None, 10, RoomKind.POOL,
                 (ACADEMY,), "Learn to swim for adults", None, None),
    _ProgramSpec("Basketball", "BBL", (_T.LIFE_SKILLS,), _F.OTHER, None, 12, RoomKind.COURT,
                 (ACADEMY,), "Fundamentals, drills and league play", None, None),
    _ProgramSpec("Football", "FBL", (_T.LIFE_SKILLS,), _F.OTHER, None, 12, RoomKind.FIELD,
                 (ACADEMY,), "Youth football coaching", None, None),
)
# fmt: on

_BASE_ROOMS: dict[str, tuple[tuple[str, RoomKind, int], ...]] = {
    CORRECTIONAL: (
        ("Classroom A", RoomKind.CLASSROOM, 40),
        ("Classroom B", RoomKind.CLASSROOM, 30),
        ("Computer Lab", RoomKind.LAB, 24),
        ("Vocational Workshop", RoomKind.WORKSHOP, 16),
        ("Library", RoomKind.LIBRARY, 20),
        ("Gymnasium", RoomKind.GYM, 40),
    ),
    INSTITUTE: (
        ("Seminar Room 1", RoomKind.CLASSROOM, 40),
        ("Seminar Room 2", RoomKind.CLASSROOM, 30),
        ("Computer Lab", RoomKind.LAB, 24),
        ("Meeting Room", RoomKind.OTHER, 12),
    ),
    ACADEMY: (
        ("Main Pool", RoomKind.POOL, 30),
        ("Teaching Pool", RoomKind.POOL, 16),
        ("Sports Hall", RoomKind.COURT, 30),
        ("North Field", RoomKind.FIELD, 40),
        ("Fitness Suite", RoomKind.GYM, 24),
        ("Classroom", RoomKind.CLASSROOM, 40),
    ),
    DENTAL: (
        ("Clinical Lab", RoomKind.LAB, 20),
        ("Radiography Lab", RoomKind.LAB, 12),
        ("Lecture Room", RoomKind.CLASSROOM, 40),
    ),
    VOCATIONAL: (
        ("Classroom 1", RoomKind.CLASSROOM, 40),
        ("Computer Lab", RoomKind.LAB, 24),
        ("Welding Shop", RoomKind.WORKSHOP, 16),
        ("Teaching Kitchen", RoomKind.WORKSHOP, 16),
    ),
}
_ROOM_DEFAULT_CAPACITY = {
    RoomKind.CLASSROOM: 40,
    RoomKind.LAB: 24,
    RoomKind.WORKSHOP: 16,
    RoomKind.LIBRARY: 20,
    RoomKind.GYM: 40,
    RoomKind.POOL: 30,
    RoomKind.COURT: 30,
    RoomKind.FIELD: 40,
    RoomKind.OTHER: 12,
}

_FIRST = _words(
    "James Maria Robert Aaliyah Michael Jennifer David Ana José Marcus Keisha Daniel Sofía "
    "Tyrone Emily Luis Jasmine Anthony Chloé Kevin Fatima Brandon Nicole Andre Zoë Carlos "
    "Destiny Jamal Rosa Darnell Hannah Miguel Brianna Terrell Ashley Juan Samantha Malik Grace "
    "Omar Amara Chinedu Ngozi Abba Aïcha Mamadou Awa Brice Cédric Estelle Hervé Solange Thierry "
    "Yannick Oliver Amelia Harry Isla George Freya Noah Olivia Mohammed Priya Arjun Siobhan "
    "Declan Wei Mei Minh Thảo Björn Søren Łukasz Zofia François Hélène Jürgen Renée Ifeoma Kwame "
    "Efua Tatiana Dmitri Leilani Kai Keanu Malia Ikaika Noelani Tomás Joaquín Inés Ngoc Paul"
)
_LAST = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernández López "
    "González Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Pérez Thompson White Harris "
    "Sánchez Clark Ramírez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
    "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Abdouraman "
    "Mbarga Ngono Fotso Tchoupo Nkoulou Eto'o Mballa Kamga Njoya Ateba Essomba Owona Tchakounté "
    "Bello Okafor Adeyemi Mensah Diallo Ndiaye Traoré Keita O'Brien O'Connor McCarthy Murphy "
    "Patel Shah Khan Ahmed Ali Hussain Chen Wang Li Zhang Kim Park Tran Pham Lê Kowalski Nowak "
    "Müller Schmidt Dubois Lefèvre Novák Ivanova Kealoha Kahale Akana Okonkwo Fernández Castillo "
    "Morales Ortiz Gutiérrez Chavez Ramos Reyes Cruz Vargas Jiménez Mendoza Ruiz Álvarez Romero"
)
_STREETS = ("Main St", "Oak Ave", "River Rd", "Church St", "Hill Dr", "Station Rd", "Park Lane")

_REASONS: dict[EnrollmentStatus, tuple[str, ...]] = {
    EnrollmentStatus.INCOMPLETE_WITHDRAWN: (
        "Released to parole",
        "Requested withdrawal: work assignment conflict",
        "Moved out of the area",
        "Health reasons",
    ),
    EnrollmentStatus.INCOMPLETE_DROPPED: (
        "Stopped attending after repeated absences",
        "Dropped by instructor: attendance below policy",
        "Did not meet the prerequisite",
    ),
    EnrollmentStatus.INCOMPLETE_TRANSFERED: (
        "Transferred to another section to resolve a schedule conflict",
        "Moved to another section after a housing change",
    ),
    EnrollmentStatus.INCOMPLETE_SEGREGATED: (
        "Placed in restrictive housing",
        "Administrative segregation pending review",
    ),
    EnrollmentStatus.INCOMPLETE_FAILED_TO_COMPLETE: (
        "Did not pass the final assessment",
        "Attendance below the program minimum",
    ),
    EnrollmentStatus.CANCELLED: (
        "Enrollment entered in error",
        "Student declined the seat",
        "Class cancelled before it started",
    ),
    EnrollmentStatus.COMPLETED: ("Completed all modules", "Passed the final assessment"),
}
_EXCUSED = {
    CORRECTIONAL: (
        "Court date",
        "Medical appointment",
        "Legal visit",
        "Work assignment",
        "Housing unit lockdown",
        "Disciplinary hearing",
    ),
    "other": (
        "Illness",
        "Family emergency",
        "Transport delay",
        "Religious observance",
        "Medical appointment",
        "Job interview",
    ),
}
_CANCEL_REASONS = (
    "Facility lockdown",
    "Instructor ill",
    "Severe weather",
    "Room unavailable: maintenance",
    "Staff shortage",
)
_MOVE_REASONS = ("Moved for a facility count", "Room double-booked", "Instructor training day")
_SUB_REASONS = ("Instructor on leave", "Instructor at a conference", "Instructor ill")
_ROOM_REASONS = ("Room under maintenance", "Larger room needed for the assessment")
_ALLERGIES = ("Peanuts", "Penicillin", "Latex", "Shellfish", "Bee stings")
_MEDICAL = (
    "Asthma: inhaler kept by the nurse",
    "Type 1 diabetes",
    "Seizure disorder: see care plan",
    "Hearing impaired: seat at the front",
    "Uses reading glasses",
)
_NOTE_SUBJECTS: dict[CaseNoteCategory, tuple[str, ...]] = {
    CaseNoteCategory.GENERAL: ("Check-in", "Goals for the term"),
    CaseNoteCategory.ACADEMIC: ("Reading level assessment", "Needs extra math support"),
    CaseNoteCategory.BEHAVIOR: ("Disruption in class", "Positive peer mentoring"),
    CaseNoteCategory.ATTENDANCE: ("Missed sessions", "Attendance improving"),
    CaseNoteCategory.REENTRY: ("Release plan", "Housing referral"),
}
_EXTERNSHIP_SITES = (
    "Bright Smiles Family Dentistry",
    "Downtown Dental Group",
    "Community Health Dental Clinic",
)
# Fixed-date public holidays by the country of the facility's phone prefix (no sessions then).
_HOLIDAYS_MD = {
    "+1 ": ((1, 1), (7, 4), (11, 11), (12, 25)),
    "+44": ((1, 1), (12, 25), (12, 26)),
    "+23": ((1, 1), (2, 11), (5, 20), (12, 25)),
}
_SLOTS = (time(8, 0), time(10, 15), time(13, 0), time(15, 15), time(18, 0))
_DURATIONS = (60, 75, 90, 90, 105, 120)
_PATTERNS: dict[str, tuple[tuple[tuple[int, ...], int], ...]] = {
    "common": (
        ((0, 2), 1),
        ((1, 3), 1),
        ((0, 2), 1),
        ((1, 3), 1),
        ((0, 2, 4), 1),
        ((0, 2, 4), 1),
        ((0, 1, 2, 3), 1),
        ((1,), 1),
        ((3,), 1),
        ((4,), 2),
        ((0, 3), 1),
        ((2, 4), 1),
    ),
    "daily": (((0, 1, 2, 3), 1), ((0, 1, 2, 3, 4), 1)),
    ACADEMY: (((5,), 1), ((1, 5), 1), ((2,), 1), ((0, 3), 1)),
    INSTITUTE: (((5,), 1), ((0, 2), 1), ((1, 3), 1)),
}
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Share of students of each kind, and the cumulative chances of present, late, partial and
# absent_excused for them (the rest is absent_unexcused).
_ATTENDANCE_PROFILES = (
    (0.70, (0.86, 0.93, 0.955, 0.98)),
    (0.22, (0.74, 0.83, 0.88, 0.94)),
    (0.08, (0.52, 0.62, 0.70, 0.82)),
)
_STATUSES = tuple(AttendanceStatus)
# Statuses of students who leave a running class before its end.
_LEAVING = frozenset(
    {
        EnrollmentStatus.INCOMPLETE_WITHDRAWN,
        EnrollmentStatus.INCOMPLETE_DROPPED,
        EnrollmentStatus.INCOMPLETE_TRANSFERED,
        EnrollmentStatus.INCOMPLETE_SEGREGATED,
    }
)


# --------------------------------------------------------------------------------------------
# In-memory world
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Room:
    id: uuid.UUID
    name: str
    kind: RoomKind
    capacity: int
    busy: set[tuple[int, int]] = field(default_factory=set)


@dataclass(eq=False)
class _Staff:
    id: uuid.UUID
    username: str
    role: Role
    busy: set[tuple[int, int]] = field(default_factory=set)
    load: int = 0


@dataclass(eq=False)
class _Student:
    id: uuid.UUID
    first: str
    last: str
    intake: date
    current: bool = False


@dataclass(eq=False)
class _Program:
    id: uuid.UUID
    spec: _ProgramSpec
    lessons: list[uuid.UUID] = field(default_factory=list)


@dataclass(eq=False)
class _Facility:
    id: uuid.UUID
    spec: _FacilitySpec
    name: str
    zone: ZoneInfo
    rooms: list[_Room] = field(default_factory=list)
    instructors: list[_Staff] = field(default_factory=list)
    admins: list[_Staff] = field(default_factory=list)
    students: list[_Student] = field(default_factory=list)
    programs: list[_Program] = field(default_factory=list)
    classes: list[_Class] = field(default_factory=list)

    def at(self, day: date, clock: time) -> datetime:
        """The UTC instant of a local wall time (fold=0) in this facility."""
        return datetime.combine(day, clock, tzinfo=self.zone).astimezone(UTC)


@dataclass(eq=False)
class _Enrollment:
    id: uuid.UUID
    student: _Student
    status: EnrollmentStatus
    created_at: datetime
    enrolled_at: datetime | None = None
    ended_at: datetime | None = None
    reason: str | None = None
    waitlist_position: int | None = None
    progress_pct: int | None = None
    transferred_to: uuid.UUID | None = None
    profile: tuple[float, float, float, float] = (0.86, 0.93, 0.955, 0.98)


@dataclass(eq=False)
class _Series:
    id: uuid.UUID
    compiled: CompiledSeries
    overrides: dict[date, OccurrenceOverride] = field(default_factory=dict)


@dataclass(eq=False)
class _Class:
    id: uuid.UUID
    facility: _Facility
    program: _Program
    name: str
    variant: str
    status: ClassStatus
    start: date
    end: date
    capacity: int
    room: _Room | None = None
    instructor: _Staff | None = None
    series: list[_Series] = field(default_factory=list)
    enrollments: list[_Enrollment] = field(default_factory=list)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _holidays(country: str, first_year: int, last_year: int) -> list[date]:
    days: list[date] = []
    for year in range(first_year, last_year + 1):
        days.extend(date(year, month, day) for month, day in _HOLIDAYS_MD.get(country, ()))
        if country == "+1 ":  # Labor Day and Thanksgiving
            sept1, nov1 = date(year, 9, 1), date(year, 11, 1)
            days.append(sept1 + timedelta(days=(0 - sept1.weekday()) % 7))
            days.append(nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21))
    return sorted(days)


def _ascii(text: str) -> str:
    return "".join(ch for ch in _search_key(text) if "a" <= ch <= "z" or "0" <= ch <= "9")


class _Builder:
    """Builds every row in memory (attendance excepted: it is streamed) from one random source."""

    def __init__(self, size: DemoSize, seed: int, today: date) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.today = today
        self.now = datetime.combine(today, time(12, 0), tzinfo=UTC)
        self.term_start = _monday(today) - timedelta(weeks=size.weeks)
        self.term_end = _monday(today) + timedelta(weeks=size.weeks_ahead, days=6)
        # Student numbers are STU-YYYY-NNNN: at most 9999 a year, so big sizes go back further.
        self.intake_years = max(3, math.ceil(size.students / 8000))
        self.founded = self.now - timedelta(days=366 * (self.intake_years + 1))
        self.tables: dict[str, list[Row]] = {}
        self.facilities: list[_Facility] = []
        self.programs: list[_Program] = []
        self.usernames: set[str] = set()
        self.sysadmin: _Staff | None = None
        self.serials: dict[str, int] = {}

    # -- helpers ------------------------------------------------------------------------------

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def add(self, model: type[Base], row: Row) -> None:
        self.tables.setdefault(model.__tablename__, []).append(row)

    @staticmethod
    def audit(at: datetime) -> Row:
        return {
            "created_at": at,
            "updated_at": at,
            "created_by": DEMO_ACTOR,
            "updated_by": DEMO_ACTOR,
            "deleted_at": None,
            "row_version": 1,
        }

    def ago(self, lo_days: int, hi_days: int) -> datetime:
        """A random instant between ``hi_days`` and ``lo_days`` days before now."""
        return self.now - timedelta(seconds=self.rng.randint(lo_days * 86400, hi_days * 86400))

    def name(self) -> tuple[str, str]:
        return self.rng.choice(_FIRST), self.rng.choice(_LAST)

    def phone(self, fac: _Facility) -> str:
        return f"{fac.spec.phone}{self.rng.randint(100, 199):03d}{self.rng.randint(0, 9)}"

    def username(self, first: str, last: str) -> str:
        base = (_ascii(first)[:1] + _ascii(last))[:40] or "staff"
        name, n = base, 1
        while name in self.usernames:
            n += 1
            name = f"{base}{n}"
        self.usernames.add(name)
        return name

    def serial(self, code: str, year: int) -> str:
        key = f"{code}-{year}"
        self.serials[key] = self.serials.get(key, 0) + 1
        return f"{key}-{self.serials[key]:05d}"

    # -- catalogue ----------------------------------------------------------------------------

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

    # -- people -------------------------------------------------------------------------------

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

    # -- classes and schedules ----------------------------------------------------------------

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

    # -- rosters ------------------------------------------------------------------------------

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
        if cls.variant == "short":
            if roll < 0.03:
                return EnrollmentStatus.INCOMPLETE_WITHDRAWN
            if roll < 0.06:
                return EnrollmentStatus.INCOMPLETE_DROPPED
            if roll < 0.14:
                return EnrollmentStatus.INCOMPLETE_FAILED_TO_COMPLETE
            return EnrollmentStatus.COMPLETED
        if cls.variant == "cancelled":
            return EnrollmentStatus.CANCELLED
        if cls.variant not in ("full", "forced", "paused"):
            return EnrollmentStatus.ENROLLED
        if roll < 0.02:
            return EnrollmentStatus.CANCELLED
        if roll < 0.045:
            return EnrollmentStatus.INCOMPLETE_WITHDRAWN
        if roll < 0.065:
            return EnrollmentStatus.INCOMPLETE_DROPPED
        if roll < 0.075:
            return EnrollmentStatus.INCOMPLETE_TRANSFERED
        if roll < 0.085 and cls.facility.spec.kind == CORRECTIONAL:
            return EnrollmentStatus.INCOMPLETE_SEGREGATED
        return EnrollmentStatus.ENROLLED

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

    # -- records ------------------------------------------------------------------------------

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

    # -- attendance ---------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

# Parents before children.
_ORDER: tuple[type[Base], ...] = (
    Facility,
    Program,
    ProgramTypeLink,
    FacilityProgram,
    AttendancePolicyRow,
    Module,
    Lesson,
    Room,
    User,
    StaffScope,
    StudentProfile,
    StudentMedical,
    Guardian,
    StudentGuardian,
    AccountHistory,
    ProgramClass,
    SessionSeries,
    OccurrenceOverrideRow,
    Enrollment,
    EnrollmentHistory,
    LessonProgress,
    HoursLog,
    Credential,
    CaseNote,
)


class _Sink:
    """Writes rows in chunks on one connection: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, conn: Connection, progress: Progress | None) -> None:
        self.conn = conn
        self.progress = progress
        self.counts: dict[str, int] = {}
        self._pg: Any = (
            conn.connection.driver_connection if conn.dialect.name == "postgresql" else None
        )
        self._deferred: list[Index] = []

    def defer_indexes(self, name: str) -> None:
        """Drop the table's secondary indexes until ``restore_indexes``: a bulk load followed by
        one index build is several times faster than maintaining them row by row (DESIGN §6).

        On PostgreSQL only the table's owner may drop them; anyone else loads with them in place.
        """
        table = Base.metadata.tables[name]
        if self._pg is not None:
            owned = self.conn.execute(
                text(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                    " AND tablename = :name AND tableowner = current_user"
                ),
                {"name": name},
            ).scalar_one()
            if not owned:
                return
        for index in sorted(table.indexes, key=lambda ix: str(ix.name)):
            index.drop(self.conn)
            self._deferred.append(index)

    def restore_indexes(self) -> None:
        for index in self._deferred:
            index.create(self.conn)
        self._deferred.clear()

    def write(self, name: str, rows: Sequence[Row]) -> None:
        table = Base.metadata.tables[name]
        self.counts.setdefault(name, 0)
        total = len(rows)
        for start in range(0, total, _CHUNK):
            chunk = rows[start : start + _CHUNK]
            if self._pg is not None:
                self._copy(table, chunk)
            elif self.conn.dialect.name == "sqlite":
                self._executemany(table, chunk)
            else:
                self.conn.execute(insert(table), list(chunk))
            self.counts[name] += len(chunk)
            if self.progress is not None and name != AttendanceRecord.__tablename__:
                self.progress(name, start + len(chunk), total)

    def _executemany(self, table: Table, rows: Sequence[Row]) -> None:
        """SQLite: values converted once to what SQLAlchemy stores, then the driver's executemany.

        SQLAlchemy's per-row parameter processing costs twice the insert itself at this volume.
        """
        columns = list(rows[0])
        compiled = insert(table).compile(dialect=self.conn.dialect, column_keys=columns)
        columns = [compiled.binds[name].key for name in compiled.positiontup or ()]
        converters = [
            (i, conv)
            for i, c in enumerate(columns)
            if (conv := _sqlite_converter(table.c[c].type, self.conn.dialect)) is not None
        ]
        params = []
        for row in rows:
            values = [row[c] for c in columns]
            for i, conv in converters:
                value = values[i]
                if value is not None:
                    values[i] = conv(value)
            params.append(tuple(values))
        self.conn.exec_driver_sql(compiled.string, params)

    def _copy(self, table: Table, rows: Sequence[Row]) -> None:
        from psycopg import sql
        from psycopg.types.json import Jsonb

        columns = list(rows[0])
        json_columns = [c for c in columns if isinstance(table.c[c].type, JSON)]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
        )
        with self._pg.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                if json_columns:
                    row = {**row, **{c: Jsonb(row[c]) for c in json_columns if row[c] is not None}}
                copy.write_row([row[c] for c in columns])


def _sqlite_instant(value: datetime) -> str:
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_wall(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


def _sqlite_converter(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy would store a value of this column type on SQLite (``None``: as is).

    Mirrors ``UTCDateTime`` (naive UTC text), ``DateTime``/``Date`` (ISO text with a space and
    microseconds), ``Uuid`` (32 hex digits), ``Boolean`` (0/1), ``Numeric`` (float) and ``JSON``;
    any other type goes through its own SQLAlchemy bind processor.
    """
    if isinstance(type_, UTCDateTime):
        return _sqlite_instant
    if isinstance(type_, DateTime):
        return _sqlite_wall
    if isinstance(type_, Date):
        return date.isoformat
    if isinstance(type_, Uuid):
        return attrgetter("hex")
    if isinstance(type_, Boolean):
        return int
    if isinstance(type_, Numeric):
        return float
    if isinstance(type_, JSON):
        return json.dumps
    if isinstance(type_, String | Integer):
        return None  # Enum is a String: the rows already hold its stored values
    processor: Callable[[Any], Any] | None = type_.bind_processor(dialect)
    return processor


def _bypass_sync_log(conn: Connection) -> None:
    """Generated data is a starting state, not changes: keep it out of the outbox (SQLite) and,
    for a superuser, out of the change log (PostgreSQL; workstations get it by initial pull)."""
    if conn.dialect.name != "postgresql":
        conn.execute(text("INSERT INTO sync_applying (flag) VALUES (1)"))
        return
    superuser = conn.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    if superuser:
        conn.execute(text("SET LOCAL session_replication_role = replica"))


def generate(
    engine: Engine,
    size: DemoSize,
    *,
    seed: int = 20261122,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill the empty database behind ``engine`` with demo data; upgrades it to head first.

    ``today`` (default: the local date) anchors the term; "now" is noon UTC on that day.
    ``progress(stage, done, total)`` is called from this thread as work advances; ``stage`` is
    ``"preparing"`` (rows built in memory), a table name, ``"attendance series"`` or
    ``"indexes"``. All rows go in one transaction, so an error leaves the database as it was.
    Large tables are loaded with their secondary indexes dropped and rebuilt at the end (on
    PostgreSQL only when the caller owns them); PostgreSQL is ANALYZEd afterwards.

    Raises ``ValueError`` if the database already holds facilities.
    """
    started = _time.perf_counter()
    migrate.upgrade(engine)
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Facility)).scalar_one():
            raise ValueError("the database already holds data; demo data needs an empty database")
    builder = _Builder(size, seed, today or date.today())
    steps = (
        builder.build_catalogue,
        builder.build_staff,
        builder.build_students,
        builder.build_classes,
        builder.finish_students,
        builder.build_records,
    )
    for done, step in enumerate(steps, start=1):
        step()
        if progress is not None:
            progress("preparing", done, len(steps))
    with engine.begin() as conn:
        _bypass_sync_log(conn)
        sink = _Sink(conn, progress)
        for model in _ORDER:
            rows = builder.tables.pop(model.__tablename__, [])
            if len(rows) >= _DEFER_INDEXES_FROM:
                sink.defer_indexes(model.__tablename__)
            sink.write(model.__tablename__, rows)
        sink.defer_indexes(AttendanceRecord.__tablename__)
        builder.write_attendance(sink)
        if progress is not None:
            progress("indexes", 0, 1)
        sink.restore_indexes()
        if conn.dialect.name != "postgresql":
            conn.execute(text("DELETE FROM sync_applying"))
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    return DemoSummary(counts=dict(sink.counts), seconds=_time.perf_counter() - started)
