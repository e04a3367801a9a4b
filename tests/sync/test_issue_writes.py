"""Resolving a sync issue is an edit like any other: written through the unit of work (stamped
and audited on the cache), and one transaction with the issue's resolution."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, User
from app.domain.enums import AuditAction
from app.domain.errors import DuplicateError
from tests.sync.conftest import Sites
from tests.sync.test_issues import _pair, _service, _set

pytestmark = pytest.mark.postgres


def test_keep_mine_is_stamped_and_audited_as_the_person_who_chose_it(sites: Sites) -> None:
    one, two = _pair(sites)
    student = sites.students["A"][0]
    _set(one, student, name_first="Server")
    _set(two, student, name_first="Mine")
    one.cycle()
    two.cycle()
    service = _service(two)
    (issue,) = service.list_open()
    with two.cache.connect() as conn:
        before = conn.execute(
            select(AuditEntry.id).where(AuditEntry.row_id == student).order_by(AuditEntry.id)
        ).all()
    service.keep_mine(issue.id)
    with two.cache.connect() as conn:
        entries = conn.execute(
            select(
                AuditEntry.action,
                AuditEntry.table_name,
                AuditEntry.changed_by,
                AuditEntry.new_values,
            )
            .where(AuditEntry.row_id == student)
            .order_by(AuditEntry.id)
        ).all()
        row = conn.execute(select(User.updated_by).where(User.id == student)).scalar_one()
    ((action, table, changed_by, new_values),) = entries[len(before) :]
    assert action == AuditAction.UPDATE and table == "users"
    assert changed_by == two.login and (new_values or {})["name_first"] == "Mine"
    assert row == two.login


def test_a_refused_resolution_leaves_the_issue_open(sites: Sites) -> None:
    one, two = _pair(sites)
    student, other = sites.students["A"][1], sites.students["A"][2]
    _set(one, student, email="server@example.org")
    _set(two, student, email="mine@example.org")
    one.cycle()
    two.cycle()
    service = _service(two)
    (issue,) = service.list_open()
    _set(two, other, email="mine@example.org")  # meanwhile another student took the address
    with pytest.raises(DuplicateError):
        service.keep_mine(issue.id)
    assert [i.id for i in service.list_open()] == [issue.id]
