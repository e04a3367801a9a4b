"""What the facility-wide actions of admins share (closures, disruptions): who may take them,
the refusal of anyone else, and the reason every such action is given."""

from __future__ import annotations

from app.domain.enums import Role
from app.domain.errors import NotAllowed
from app.domain.i18n import QT_TRANSLATE_NOOP, translate
from app.domain.validation import clean_text
from app.infra.clock import Clock, SystemClock
from app.repositories.uow import UnitOfWorkFactory

ADMIN_ROLES = frozenset({Role.FACILITY_ADMIN, Role.DEPARTMENT_ADMIN, Role.SYSTEM_ADMIN})
REASON_MAX = 200


class AdminActions:
    """A service whose writes only admins make. ``not_admin``: the refusal for anyone else,
    marked for translation in the "refusal" context by the subclass."""

    not_admin = ""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock | None = None) -> None:
        self._uow = uow
        self._clock = clock or SystemClock()

    def may_manage(self) -> bool:
        """Whether the signed-in staff member may take these actions (admins)."""
        return self._uow.actor.role in ADMIN_ROLES

    def _require_admin(self) -> None:
        if not self.may_manage():
            raise NotAllowed(translate("refusal", self.not_admin))

    @staticmethod
    def _reason(reason: str) -> str:
        """The reason given, trimmed; ``ValidationError`` when blank or too long."""
        text = clean_text(
            reason,
            field="reason",
            max_length=REASON_MAX,
            label=QT_TRANSLATE_NOOP("labels", "A reason"),
            required=True,
        )
        assert text is not None
        return text
