"""Who is acting: the signed-in staff member and the workstation, stamped on every change."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.enums import Role


@dataclass(frozen=True)
class Actor:
    """The staff role name (a PostgreSQL login role) and the device it works from."""

    username: str
    role: Role = Role.SYSTEM_ADMIN
    device_id: str | None = None


SYSTEM_ACTOR = Actor(username="rollbook", role=Role.SYSTEM_ADMIN, device_id=None)
