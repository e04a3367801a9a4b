"""CSV import with a mapping file: the sports academy of seed 003, bad rows and re-runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app import cli
from app.importing.csv_source import read_mapping
from app.importing.run import ImportRequest, run_request
from tests.importing.conftest import count, table_counts

HERE = Path(__file__).parent / "csv" / "sports_academy"
TABLES = (
    "users",
    "student_profiles",
    "guardians",
    "student_guardians",
    "programs",
    "rooms",
    "program_classes",
    "program_class_enrollments",
    "program_class_events",
    "program_class_event_attendance",
    "audit_log",
)


def test_sports_academy_from_csv(pg_url: str) -> None:
    request = ImportRequest(
        system="csv", source=str(HERE), into=pg_url, mapping=HERE / "mapping.toml"
    )
    report = run_request(request)
    found = {(p.entity, p.source_id, p.kind) for p in report.problems}
    assert (
        count(
            pg_url, "facilities", "name = 'Riverside Sports Academy' AND timezone = 'Europe/London'"
        )
        == 1
    )
    assert count(pg_url, "users", "role = 'student'") == 6
    assert ("students", "line 8", "missing value") in found
    assert ("students", "s-3", "duplicate") in found  # MIA@ is mia@
    assert ("students", "s-4", "duplicate") in found  # stu-2026-0001 is STU-2026-0001
    assert ("students", "s-6", "too long") in found
    assert ("student_profiles", "s-5", "invalid") in found  # 31 February
    assert count(pg_url, "student_profiles", "date_of_birth = '2015-04-03'") == 1
    assert count(pg_url, "users", "status = 'withdrawn'") == 1
    assert count(pg_url, "guardians") == 4
    assert count(pg_url, "student_guardians") == 3
    assert ("student_guardians", "g-3:s-3", "unknown value") in found  # Aunt
    assert ("student_guardians", "g-4:s-99", "orphan") in found
    assert count(pg_url, "program_classes") == 2
    assert count(pg_url, "users", "role = 'instructor'") == 2
    assert ("classes", "c-2", "invalid") in found  # capacity "lots"
    assert count(pg_url, "rooms") == 2
    for status in ("Enrolled", "Waitlisted", "Completed", "Incomplete: Dropped"):
        assert count(pg_url, "program_class_enrollments", "enrollment_status = %s", (status,)) == 1
    assert ("enrollments", "s-5:c-2", "unknown value") in found
    assert ("enrollments", "s-9:c-2", "orphan") in found
    assert count(pg_url, "program_class_events") == 2
    assert ("sessions", "e-2", "invalid rrule") in found
    assert (
        count(
            pg_url,
            "program_class_events",
            "dtstart_local = '2026-01-05 17:00' AND duration_minutes = 45",
        )
        == 1
    )
    assert count(pg_url, "program_class_event_attendance") == 5
    for status in ("present", "late", "absent_excused", "absent_unexcused", "partial"):
        assert (
            count(pg_url, "program_class_event_attendance", "attendance_status = %s", (status,))
            == 1
        )
    assert (
        count(
            pg_url,
            "program_class_event_attendance",
            "check_in_at = '2026-01-05 16:58+00' AND marked_by = 'kim'",
        )
        == 1
    )
    kinds = {k for _, _, k in found}
    assert {"timezone", "orphan", "unknown value"} <= kinds
    before = table_counts(pg_url, TABLES)
    assert run_request(request).changed_rows == 0
    assert table_counts(pg_url, TABLES) == before


def test_cli_json_mapping_dry_run(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    shutil.copytree(HERE, folder)
    mapping = read_mapping(HERE / "mapping.toml", HERE)
    as_json = {
        "facility": "Riverside",
        "timezone": "Europe/London",
        "date_format": "%d/%m/%Y",
        "students": {
            "file": "students.csv",
            "columns": mapping.files["students"].columns,
            "values": mapping.files["students"].values,
        },
    }
    (folder / "mapping.json").write_text(json.dumps(as_json), encoding="utf-8")
    code = cli.main(
        [
            "import",
            "csv",
            "--from",
            str(folder),
            "--into",
            pg_url,
            "--mapping",
            str(folder / "mapping.json"),
            "--dry-run",
            "--report-json",
            str(tmp_path / "report.json"),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "dry run" in out and "students" in out
    assert (
        json.loads((tmp_path / "report.json").read_text())["entities"]["students"]["created"] == 6
    )
    assert count(pg_url, "users") == 0


def test_mapping_file_mistakes_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "m.toml"
    bad.write_text('[students]\ncolumns = { id = "ID", first_name = "F" }\n', encoding="utf-8")
    with pytest.raises(ValueError, match="last_name"):
        read_mapping(bad, tmp_path)
    bad.write_text("[pupils]\ncolumns = {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="pupils"):
        read_mapping(bad, tmp_path)
