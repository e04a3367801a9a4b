"""Catalogues of the demo world: facilities, programs, rooms, names, reasons and rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from functools import lru_cache

from app.domain.enums import (
    AttendanceStatus,
    CaseNoteCategory,
    EnrollmentStatus,
    FundingType,
    HoursKind,
    ProgramType,
    RoomKind,
)
from app.repositories.people import search_key

# The repository's own search key, so that demo names are found exactly as typed-in ones.
_search_key = lru_cache(maxsize=65536)(search_key)


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


# What became of an enrollment, by a roll of 0..1: the first status whose bound the roll is
# under. A short class ends (completed otherwise); a running one goes on (enrolled otherwise),
# and at a correctional facility a roll under 0.085 is a segregation.
_SHORT_FATES = (
    (0.03, EnrollmentStatus.INCOMPLETE_WITHDRAWN),
    (0.06, EnrollmentStatus.INCOMPLETE_DROPPED),
    (0.14, EnrollmentStatus.INCOMPLETE_FAILED_TO_COMPLETE),
    (1.0, EnrollmentStatus.COMPLETED),
)
_RUNNING_FATES = (
    (0.02, EnrollmentStatus.CANCELLED),
    (0.045, EnrollmentStatus.INCOMPLETE_WITHDRAWN),
    (0.065, EnrollmentStatus.INCOMPLETE_DROPPED),
    (0.075, EnrollmentStatus.INCOMPLETE_TRANSFERED),
)
_SEGREGATED = (0.085, EnrollmentStatus.INCOMPLETE_SEGREGATED)


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
