"""The entities of a CSV import: students, guardians and who they are to whom, instructors,
rooms, classes, enrollments (and waitlists), sessions (and cancelled ones), attendance,
instructors' availability (weekly hours and time off), lessons and progress with star ratings.

This module says which entities a folder's files make, parents first, and the queries that
read their lines; the converters of a line are ``csv_rows``', of a cell ``csv_cells``'.
Two lines for the same thing (a student's enrolment in a class, a mark of a student at a
session, an id) are never merged silently: the first is imported, each later one reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.importing import convert as cv
from app.importing.csv_rows import (
    attendance_row,
    cancellation_row,
    class_row,
    enrollment_row,
    family_row,
    guardian_row,
    hours_row,
    instructor_file_row,
    instructor_row,
    lesson_row,
    location_row,
    module_row,
    offer_row,
    profile_row,
    program_row,
    progress_row,
    room_row,
    session_row,
    student_row,
    time_off_row,
)
from app.importing.engine import Context, Entity, Row, Skip, System
from app.importing.writer import Target

# ruff: noqa: S608  (every query below is built from this module's constants and FIELDS' names)

Converter = Callable[[Row, Context], dict[str, Any]]


def _by_id(row: Row) -> str:
    return str(row["id"]) if row["id"] else f"line {row['_line']}"


def _needs_id(convert: Converter) -> Converter:
    """Rows without an id cannot be found again by a second run: reported, not imported."""

    def checked(row: Row, ctx: Context) -> dict[str, Any]:
        if not row["id"]:
            raise Skip("missing value", "the row has no id")
        return convert(row, ctx)

    return checked


def _once(convert: Converter, what: str) -> Converter:
    """A line for something an earlier line already gave (``_nth`` > 1 of its natural key) is
    reported and skipped: the first line is imported, a later one never overwrites it."""

    def checked(row: Row, ctx: Context) -> dict[str, Any]:
        if (row.get("_nth") or 1) > 1:
            raise Skip(
                "duplicate",
                f"line {row['_line']} repeats {what} of line {row['_first']}: the first is"
                " imported, this one skipped",
            )
        return convert(row, ctx)

    return checked


def _with_ids(name: str, target: Target, query: str, convert: Converter, what: str) -> Entity:
    """The entity ``name`` of a file whose rows have ids, read in line order: a row without an
    id, or one repeating ``what`` an earlier line gave, is reported and skipped."""
    return Entity(name, target, query, ("_line",), _needs_id(_once(convert, what)), _by_id)


def _numbered(
    table: str, keys: tuple[str, ...], *, extra: str = "", alike: tuple[str, ...] = ()
) -> str:
    """The lines of a loaded file, each with its rank among the lines of its natural key
    (``_nth``, none when a key is empty) and the first of them (``_first``). With ``alike``,
    later lines that repeat the first one's values of those columns are left out (a joined
    export repeats a parent on each child's line)."""
    part = ", ".join(f"t.{k}" for k in keys)
    given = " AND ".join(f"t.{k} IS NOT NULL" for k in keys)
    same = ""
    if alike:
        cols = ", ".join(f"t.{c}" for c in alike)
        same = f", ROW({cols}) IS NOT DISTINCT FROM first_value(ROW({cols})) OVER w AS _same"
    query = (
        f"SELECT t.*, CASE WHEN {given} THEN row_number() OVER w END AS _nth,"
        f" first_value(t._line) OVER w AS _first{same}{extra} FROM {table} AS t"
        f" WINDOW w AS (PARTITION BY {part} ORDER BY t._line)"
    )
    if alike:
        query = f"SELECT * FROM ({query}) AS n WHERE n._nth IS NULL OR n._nth = 1 OR NOT n._same"
    return query


def _staff_ref(kinds: set[str], column: str) -> str:
    """``, <the instructors file's id of t.column> AS column_ref`` when there is such a file:
    a row names an instructor by that file's id or by name."""
    if "instructors" not in kinds:
        return ""
    return (
        f", (SELECT i.id FROM csv_instructors AS i WHERE i.id IS NOT NULL AND t.{column} IN"
        f" (i.id, i.name, concat_ws(' ', i.first_name, i.last_name)) ORDER BY i._line LIMIT 1)"
        f" AS {column}_ref"
    )


def _room_ref(kinds: set[str]) -> str:
    if "rooms" not in kinds:
        return ""
    return (
        ", (SELECT r.id FROM csv_rooms AS r WHERE r.id IS NOT NULL AND t.room IN (r.id, r.name)"
        " ORDER BY r._line LIMIT 1) AS room_ref"
    )


def build_system(kinds: set[str], not_read: dict[str, int] | None = None) -> System:
    """The entities for the kinds of file the mapping names, parents first; ``not_read`` is
    what the folder holds that the mapping leaves unused."""
    entities: list[Entity] = [cv.one_facility("CSV import")]
    if "students" in kinds:
        students = _numbered("csv_students", ("id",))
        entities += [
            _with_ids(
                "students",
                Target("users", clear_on_clash=("email", "student_number")),
                students,
                student_row,
                "the student",
            ),
            Entity(
                "student_profiles",
                Target("student_profiles"),
                f"SELECT * FROM ({students}) AS s WHERE s.id IS NOT NULL AND s._nth = 1",
                ("_line",),
                profile_row,
                _by_id,
            ),
        ]
    if "guardians" in kinds:
        entities.append(
            _with_ids(
                "guardians",
                Target("guardians"),
                _numbered(
                    "csv_guardians",
                    ("id",),
                    alike=("first_name", "last_name", "email", "phone", "address"),
                ),
                guardian_row,
                "the parent, with other details,",
            )
        )
    links = []
    if "guardians" in kinds:
        links.append(
            "SELECT 1 AS _file, _line, id AS guardian, student, relationship, is_primary,"
            " can_pick_up FROM csv_guardians WHERE id IS NOT NULL AND student IS NOT NULL"
        )
    if "guardian_links" in kinds:
        links.append(
            "SELECT 2 AS _file, _line, guardian, student, relationship, is_primary, can_pick_up"
            " FROM csv_guardian_links"
        )
    if links:
        union = " UNION ALL ".join(links)
        entities.append(
            Entity(
                "student_guardians",
                Target("student_guardians", match_on=("student_id", "guardian_id")),
                f"SELECT t.*, CASE WHEN t.guardian IS NOT NULL AND t.student IS NOT NULL"
                f" THEN row_number() OVER w END AS _nth, first_value(t._line) OVER w AS _first"
                f" FROM ({union}) AS t"
                f" WINDOW w AS (PARTITION BY t.guardian, t.student ORDER BY t._file, t._line)",
                ("_file", "_line"),
                _once(family_row, "the parent and student"),
                lambda r: f"{r['guardian']}:{r['student']}",
            )
        )
    if "rooms" in kinds:
        entities.append(
            _with_ids(
                "rooms",
                Target("rooms", match_on=("facility_id", "name")),
                _numbered("csv_rooms", ("id",)),
                location_row,
                "the room",
            )
        )
    else:
        rooms = " UNION ".join(
            f"SELECT room FROM csv_{k} WHERE room IS NOT NULL"
            for k in ("classes", "sessions")
            if k in kinds
        )
        if rooms:
            entities.append(
                Entity(
                    "rooms",
                    Target("rooms", match_on=("facility_id", "name")),
                    rooms,
                    ("room",),
                    room_row,
                    lambda r: str(r["room"]),
                )
            )
    staff_columns = {
        "classes": ("instructor",),
        "sessions": ("instructor",),
        "availability": ("instructor",),
        "lesson_progress": ("assessed_by",),
    }
    if "instructors" in kinds:
        entities.append(
            _with_ids(
                "instructors",
                Target("users", clear_on_clash=("email",)),
                _numbered("csv_instructors", ("id",)),
                instructor_file_row,
                "the instructor",
            )
        )
    else:
        # Instructors are named (the classes' instructor column, the availability's...): one
        # per name.
        named = " UNION ".join(
            f"SELECT {c} AS instructor FROM csv_{k} WHERE {c} IS NOT NULL"
            for k, columns in staff_columns.items()
            if k in kinds
            for c in columns
        )
        if named:
            entities.append(
                Entity(
                    "instructors",
                    Target("users"),
                    named,
                    ("instructor",),
                    instructor_row,
                    lambda r: str(r["instructor"]),
                )
            )
    programs = " UNION ".join(
        query
        for kind, query in (
            (
                "classes",
                "SELECT coalesce(program, name) AS program FROM csv_classes"
                " WHERE coalesce(program, name) IS NOT NULL",
            ),
            ("lessons", "SELECT program FROM csv_lessons WHERE program IS NOT NULL"),
        )
        if kind in kinds
    )
    if programs:
        entities += [
            Entity(
                "programs",
                Target("programs", match_on=("name",)),
                programs,
                ("program",),
                program_row,
                lambda r: str(r["program"]),
            ),
            Entity(
                "facilities_programs",
                Target("facilities_programs", match_on=("facility_id", "program_id")),
                programs,
                ("program",),
                offer_row,
                lambda r: str(r["program"]),
            ),
        ]
    if "classes" in kinds:
        entities.append(
            _with_ids(
                "classes",
                Target("program_classes"),
                _numbered(
                    "csv_classes", ("id",), extra=_staff_ref(kinds, "instructor") + _room_ref(kinds)
                ),
                class_row,
                "the class",
            )
        )
    if "enrollments" in kinds:
        numbered = _numbered("csv_enrollments", ("student", "class"))
        # The waitlist of each class in order: the positions given (then the file's order).
        waiting = "lower(btrim(e.status)) IN ('waitlisted', 'waitlist') AND e._nth = 1"
        entities.append(
            Entity(
                "enrollments",
                Target("program_class_enrollments"),
                f"SELECT e.*, CASE WHEN {waiting} THEN row_number() OVER (PARTITION BY e.class,"
                f" ({waiting}) ORDER BY CASE WHEN e.waitlist_position ~ '^\\s*[0-9]{{1,9}}\\s*$'"
                f" THEN btrim(e.waitlist_position)::integer END NULLS LAST, e._line) END"
                f" AS _place FROM ({numbered}) AS e",
                ("_line",),
                _once(enrollment_row, "the student's enrolment in the class"),
                lambda r: f"{r['student']}:{r['class']}",
            )
        )
    if "sessions" in kinds:
        sessions = _numbered(
            "csv_sessions", ("id",), extra=_staff_ref(kinds, "instructor") + _room_ref(kinds)
        )
        entities += [
            _with_ids(
                "sessions",
                Target("program_class_events"),
                sessions,
                session_row,
                "the session",
            ),
            Entity(
                "cancelled_sessions",
                Target("program_class_event_overrides"),
                f"SELECT * FROM ({sessions}) AS s WHERE s.id IS NOT NULL AND s._nth = 1"
                " AND lower(btrim(s.status)) IN ('cancelled', 'canceled')",
                ("_line",),
                cancellation_row,
                _by_id,
            ),
        ]
    if "attendance" in kinds:
        entities.append(
            Entity(
                "attendance",
                Target("program_class_event_attendance"),
                _numbered("csv_attendance", ("session", "student", "date")),
                ("_line",),
                _once(attendance_row, "the student's mark at the session that day"),
                lambda r: f"{r['session']}:{r['student']}:{r['date']}",
            )
        )
    if "availability" in kinds:
        availability = _numbered("csv_availability", ("id",), extra=_staff_ref(kinds, "instructor"))
        entities += [
            _with_ids(
                "availability",
                Target("instructor_availability"),
                f"SELECT * FROM ({availability}) AS a WHERE a.weekday IS NOT NULL",
                hours_row,
                "the row",
            ),
            _with_ids(
                "time_off",
                Target("instructor_time_off"),
                f"SELECT * FROM ({availability}) AS a WHERE a.weekday IS NULL",
                time_off_row,
                "the row",
            ),
        ]
    if "lessons" in kinds:
        entities += [
            Entity(
                "modules",
                Target("modules"),
                "SELECT program, coalesce(module, program) AS module, min(_line) AS first_line"
                " FROM csv_lessons WHERE program IS NOT NULL"
                " GROUP BY program, coalesce(module, program)",
                ("program", "module"),
                module_row,
                lambda r: f"{r['program']}:{r['module']}",
            ),
            _with_ids(
                "lessons",
                Target("lessons"),
                _numbered("csv_lessons", ("id",)),
                lesson_row,
                "the lesson",
            ),
        ]
    if "lesson_progress" in kinds:
        entities.append(
            Entity(
                "lesson_progress",
                Target("lesson_progress"),
                _numbered(
                    "csv_lesson_progress",
                    ("student", "lesson"),
                    extra=_staff_ref(kinds, "assessed_by"),
                ),
                ("_line",),
                _once(progress_row, "the student's progress on the lesson"),
                lambda r: f"{r['student']}:{r['lesson']}",
            )
        )
    return System(name="csv", entities=tuple(entities), not_read=not_read)
