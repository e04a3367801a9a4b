"""The unit of work stamps the actor, writes the audit trail and translates constraint errors."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, Facility
from app.domain.enums import AuditAction
from app.domain.errors import DuplicateError
from app.repositories.uow import UnitOfWorkFactory


def test_insert_and_update_are_stamped_and_audited(uow: UnitOfWorkFactory) -> None:
    with uow() as u:
        facility = Facility(name="North", timezone="America/Chicago")
        u.session.add(facility)
        u.commit()
        fid = facility.id
    with uow() as u:
        row = u.session.get(Facility, fid)
        assert row is not None and row.created_by == "test_admin"
        row.timezone = "America/Denver"
        u.commit()
    with uow() as u:
        entries = u.session.scalars(
            select(AuditEntry).where(AuditEntry.row_id == fid).order_by(AuditEntry.id)
        ).all()
    assert [e.action for e in entries] == [AuditAction.INSERT, AuditAction.UPDATE]
    assert entries[1].old_values == {"timezone": "America/Chicago"}
    assert entries[1].new_values == {"timezone": "America/Denver"}
    assert entries[1].device_id == "test-device"


def test_duplicate_becomes_a_domain_error_and_keeps_nothing(uow: UnitOfWorkFactory) -> None:
    with uow() as u:
        u.session.add(Facility(name="North", timezone="UTC"))
        u.commit()
    with pytest.raises(DuplicateError, match="facility with that name"), uow() as u:
        u.session.add(Facility(name="North", timezone="UTC"))
        u.commit()
    with uow() as u:
        assert len(u.session.scalars(select(Facility)).all()) == 1
