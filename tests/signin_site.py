"""A Rollbook server that checks passwords, on TCP, for sign-in tests (integration and UI)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.db import server_admin
from app.domain.enums import Role
from app.domain.server_profile import ServerProfile
from tests.integration.factories import World
from tests.tcpserver import TcpPostgres

PASSWORD = "correct horse battery"


@dataclass
class Site:
    pg: TcpPostgres
    admin_url: str
    world: World

    def profile(self, tls: str = "disable") -> ServerProfile:
        return ServerProfile("127.0.0.1", self.pg.port, "rollbook", tls)

    def staff(self, role: Role = Role.INSTRUCTOR, *, both: bool = False) -> str:
        name = f"t_{uuid.uuid4().hex[:10]}"
        server_admin.create_staff(
            self.admin_url,
            username=name,
            password=PASSWORD,
            role=role,
            facility_id=self.world.facility_id,
            name_first="Test",
            name_last=role.value,
        )
        if both:
            self.scope(name, self.world.facility_id, self.world.other_facility_id)
        return name

    def scope(self, name: str, *facilities: uuid.UUID) -> None:
        server_admin.scope_staff(self.admin_url, name, list(facilities))
