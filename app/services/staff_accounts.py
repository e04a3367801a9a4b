"""Staff accounts as an admin manages them from the app: login roles on the server, with scopes.

Every call goes to the server through the SECURITY DEFINER functions of ``server_admin``, as the
signed-in admin: the server checks that the admin holds the scope they hand out. Offline there is
no server to ask, so these calls refuse with a message rather than queue a change.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Unpack

from sqlalchemy import Engine

from app.domain.actor import Actor
from app.domain.enums import Role
from app.domain.errors import NotAllowed
from app.domain.i18n import QT_TRANSLATE_NOOP, translate
from app.domain.staff import NewStaff
from app.repositories.people import PeopleRepository
from app.repositories.uow import UnitOfWorkFactory
from app.services.people_dto import StaffDTO, staff_dto

OFFLINE = QT_TRANSLATE_NOOP(
    "refusal", "Staff accounts are kept on the server. Connect to the server to manage them."
)


class StaffAccountsService:
    """Create, disable, enable and re-scope staff; each a transaction of its own on the server."""

    def __init__(self, server: Engine | None, actor: Actor) -> None:
        self._server = server
        self._actor = actor

    @property
    def available(self) -> bool:
        """True when signed in online as an admin (the server still has the last word)."""
        return self._server is not None and self._actor.role in (
            Role.FACILITY_ADMIN,
            Role.DEPARTMENT_ADMIN,
            Role.SYSTEM_ADMIN,
        )

    def list_staff(self, facility_id: uuid.UUID) -> list[StaffDTO]:
        """Staff with the facility in scope, as the server has them now (not the cache)."""
        with UnitOfWorkFactory(self._target(), self._actor)() as uow:
            rows = uow.get(PeopleRepository).staff_of(facility_id)
            return [staff_dto(u) for u in rows]

    def create(self, **staff: Unpack[NewStaff]) -> uuid.UUID:
        # Imported here: it brings psycopg, which a start without a server does not need.
        from app.db import server_admin

        return server_admin.create_staff(self._target(), **staff)

    def disable(self, username: str) -> None:
        from app.db import server_admin

        if username == self._actor.username:
            raise NotAllowed(translate("refusal", "You cannot disable your own account."))
        server_admin.disable_staff(self._target(), username)

    def enable(self, username: str) -> None:
        from app.db import server_admin

        server_admin.enable_staff(self._target(), username)

    def rescope(
        self,
        username: str,
        facility_ids: Sequence[uuid.UUID],
        program_ids: Sequence[uuid.UUID] = (),
    ) -> None:
        from app.db import server_admin

        server_admin.scope_staff(self._target(), username, facility_ids, program_ids)

    def reset_password(self, username: str, password: str) -> None:
        from app.db import server_admin

        server_admin.set_staff_password(self._target(), username, password)

    def _target(self) -> Engine:
        if self._server is None:
            raise NotAllowed(translate("refusal", OFFLINE))
        return self._server
