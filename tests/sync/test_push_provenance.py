"""A push cannot say who wrote a row: the server stamps it and audits it as the login, from the
workstation that pushed."""

from __future__ import annotations

import uuid

from sqlalchemy import select, text, update

from app.db.models import User
from app.domain.enums import Role
from tests.sync.conftest import Sites


def _server_row(sites: Sites, user_id: uuid.UUID) -> dict[str, object]:
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        row = dict(conn.execute(select(User).where(User.id == user_id)).mappings().one())
    uow.engine.dispose()
    return row


def test_a_tampered_cache_cannot_forge_provenance_through_a_push(sites: Sites) -> None:
    login = sites.server.staff("ws", Role.FACILITY_ADMIN, "A")
    ws = sites.station("ws", login)
    ws.cycle()
    student = sites.students["A"][0]
    before = _server_row(sites, student)
    # The cache edited behind the app's back: someone else wrote it, at a version of its choosing.
    with ws.cache.begin() as conn:
        conn.execute(
            update(User)
            .where(User.id == student)
            .values(
                name_first="Tampered", created_by="forger", updated_by="forger", row_version=500
            )
        )
    new = uuid.uuid4()
    with ws.uow() as u:
        u.session.add(
            User(
                id=new,
                facility_id=sites.server.facility["A"],
                role=Role.STUDENT,
                name_first="New",
                name_last="Forged",
                search_name="forged new",
                search_first="new",
                created_by="forger",  # the unit of work keeps a creator it is given
            )
        )
        u.commit()
    ws.cycle()

    after = _server_row(sites, student)
    assert after["name_first"] == "Tampered"
    assert (after["created_by"], after["updated_by"], after["row_version"]) == (
        before["created_by"],
        login,
        int(before["row_version"]) + 1,  # type: ignore[call-overload]
    )
    created = _server_row(sites, new)
    assert (created["created_by"], created["updated_by"], created["row_version"]) == (
        login,
        login,
        1,
    )
    uow = sites.superuser()
    with uow.engine.connect() as conn:
        trail = conn.execute(
            text(
                "SELECT row_id, action, changed_by, device_id, old_values, new_values"
                " FROM audit_log WHERE row_id = ANY(:ids) AND changed_by = :login ORDER BY id"
            ),
            {"ids": [student, new], "login": login},
        ).all()
    uow.engine.dispose()
    by_row = {r[0]: tuple(r[1:]) for r in trail}
    assert len(trail) == 2
    assert by_row[student] == (
        "update",
        login,
        ws.sync.device_id,
        {"name_first": "S0"},
        {"name_first": "Tampered"},
    )
    assert by_row[new][:3] == ("insert", login, ws.sync.device_id)
    assert by_row[new][4]["created_by"] == login
    assert ws.sync.digests_match()
