"""CSV import of coaches' availability (seed 003): weekly hours and time off from one file, in the
facility's wall time, bad rows reported, a re-run changing nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app.importing.csv_mapping import guess_columns
from app.importing.run import ImportRequest, run_request
from tests.importing.conftest import connect, count

HERE = Path(__file__).parent / "csv" / "coach_availability"


def test_weekly_hours_and_time_off_are_imported_in_the_facilitys_wall_time(pg_url: str) -> None:
    request = ImportRequest(
        system="csv", source=str(HERE), into=pg_url, mapping=HERE / "mapping.toml"
    )
    report = run_request(request)
    found = {(p.entity, p.source_id, p.kind) for p in report.problems}
    with connect(pg_url) as conn:
        hours = conn.execute(
            "SELECT u.name_first || ' ' || u.name_last, a.weekday, a.start_minute, a.end_minute,"
            " a.valid_from, a.valid_to FROM instructor_availability AS a"
            " JOIN users AS u ON u.id = a.instructor_id ORDER BY 1, 2"
        ).fetchall()
        offs = conn.execute(
            "SELECT u.name_first, t.starts_local, t.ends_local, t.reason"
            " FROM instructor_time_off AS t JOIN users AS u ON u.id = t.instructor_id"
            " ORDER BY t.starts_local"
        ).fetchall()
    assert hours == [
        ("Kim Coach", 0, 540, 1020, None, None),
        ("Kim Coach", 2, 960, 1230, date(2026, 1, 1), date(2026, 7, 31)),
        ("Lee Trainer", 1, 1080, 1440, None, None),  # named only here: created as an instructor
    ]
    assert offs == [
        ("Kim", datetime(2026, 3, 23), datetime(2026, 3, 28), "Coaching course"),  # whole days
        ("Kim", datetime(2026, 4, 10, 13), datetime(2026, 4, 10, 17), "Dentist"),
    ]
    assert count(pg_url, "users", "role = 'instructor'") == 2
    assert ("availability", "a-5", "invalid") in found  # Funday
    assert ("availability", "a-6", "invalid") in found  # ends before it starts
    assert ("availability", "line 9", "missing value") in found  # no id
    # A second run finds every row as it is.
    assert run_request(request).changed_rows == 0
    assert count(pg_url, "instructor_availability") == 3
    assert count(pg_url, "instructor_time_off") == 2


def test_the_column_mapping_guesses_an_availability_export() -> None:
    guess = guess_columns(
        "availability", ["Row", "Coach", "Day", "Start", "Until", "Valid From", "Notes"]
    )
    assert guess == {
        "instructor": "Coach",
        "weekday": "Day",
        "start": "Start",
        "end": "Until",
        "valid_from": "Valid From",
        "reason": "Notes",
    }
