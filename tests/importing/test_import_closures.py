"""Issue 18, part 4: an imported mark that falls on a day the facility is closed is kept, set
for review and said in the import report (no session is held that day)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from app.importing.run import ImportRequest, run_request
from tests.importing.conftest import connect, count
from tests.importing.test_nothing_lost import REVIEW, details, fill_unlockedv2, problems


def test_a_mark_on_a_closed_day_is_imported_set_for_review_and_reported(
    make_source: Callable[[str], str], pg_url: str
) -> None:
    source = make_source("unlockedv2")
    fill_unlockedv2(source)
    run_request(ImportRequest(system="unlockedv2", source=source, into=pg_url))
    with connect(pg_url) as c:
        row = c.execute("SELECT id FROM facilities WHERE name = 'Central'").fetchone()
        assert row is not None
        c.execute(
            "INSERT INTO facility_closures (id, facility_id, first_date, last_date, reason)"
            " VALUES (%s, %s, '2025-01-27', '2025-01-27', 'Staff training')",
            (uuid.uuid4(), row[0]),
        )
    with connect(source) as c:  # marks of two Mondays: one open, one closed
        c.execute(
            "INSERT INTO program_class_event_attendance (id, event_id, user_id, date,"
            " attendance_status) VALUES (5, 1, 1, '2025-01-27', 'present'),"
            " (6, 1, 1, '2025-02-03', 'present')"
        )
    report = run_request(ImportRequest(system="unlockedv2", source=source, into=pg_url))
    found = problems(report)
    assert found[("attendance", "5")] == [("closed day", REVIEW)]
    assert "closed that day (Staff training)" in details(report, "attendance", "5")
    assert ("attendance", "6") not in found
    assert report.entities["attendance"].review["closed day"] == 1
    assert "1 (closed day)" in report.render()
    closed = "date = '2025-01-27' AND needs_review AND deleted_at IS NULL"
    assert count(pg_url, "program_class_event_attendance", closed) == 1
    assert count(pg_url, "program_class_event_attendance", "date = '2025-02-03'") == 1
