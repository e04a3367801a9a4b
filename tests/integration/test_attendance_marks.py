"""AttendanceService.restore (the sheet's undo) on SQLite and PostgreSQL: earlier marks written
back whole, who marked them included, through the unit of work (audited)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from app.db.models import AuditEntry
from app.domain.actor import Actor
from app.domain.enums import AttendanceStatus
from app.domain.ids import attendance_id
from app.repositories.uow import UnitOfWorkFactory
from app.services.attendance import AttendanceService
from tests.integration import test_attendance_service as base
from tests.integration.test_attendance_service import MON_9, Setup

A = AttendanceStatus
setup = base.setup  # the weekly Monday class with four students


def test_restore_writes_the_earlier_marks_back_whole(uow: UnitOfWorkFactory, setup: Setup) -> None:
    kim = AttendanceService(
        UnitOfWorkFactory(uow.engine, Actor("kim_lee", device_id="ws-2")), setup.clock
    )
    first, second = setup.world.students[:2]
    before = kim.mark(
        setup.series_id,
        MON_9,
        first,
        A.LATE,
        note="Bus",
        check_in_at=datetime(2026, 3, 9, 13, 10, tzinfo=UTC),
        check_out_at=datetime(2026, 3, 9, 14, 0, tzinfo=UTC),
    )
    unmarked = next(
        r for r in setup.attendance.sheet(setup.series_id, MON_9).rows if r.student_id == second
    )
    setup.attendance.mark(setup.series_id, MON_9, first, A.ABSENT_UNEXCUSED, absence_reason="Ill")
    setup.attendance.mark(setup.series_id, MON_9, second, A.PRESENT)

    restored = setup.attendance.restore(setup.series_id, MON_9, [before, unmarked])

    assert restored == [before, unmarked]
    rows = {r.student_id: r for r in setup.attendance.sheet(setup.series_id, MON_9).rows}
    assert rows[first] == before and before.marked_by == "kim_lee" and before.minutes == 50
    assert rows[second].status is None
    mark = attendance_id(setup.series_id, first, MON_9)
    with uow() as u:
        audited = u.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.row_id == mark)
        )
    assert audited == 3  # Kim's mark, the absence, the restore
