"""A Rollbook server for staff tests: initialised, facilities A and B, programs P1 and P2."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from app.db import server_admin
from app.domain.enums import Role

PASSWORD = "a-long-test-password"


@dataclass
class Server:
    """One initialised database with facilities A and B and programs P1 and P2."""

    url: str
    facility: dict[str, uuid.UUID] = field(default_factory=dict)
    program: dict[str, uuid.UUID] = field(default_factory=dict)
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    logins: list[str] = field(default_factory=list)

    def name(self, who: str) -> str:
        name = f"t_{who.lower()}_{self.suffix}"
        self.logins.append(name)
        return name

    def as_(self, login: str, password: str = PASSWORD) -> str:
        return (
            make_url(self.url)
            .set(username=login, password=password)
            .render_as_string(hide_password=False)
        )

    def admin(self) -> psycopg.Connection[Any]:
        url = make_url(self.url).set(drivername="postgresql")
        return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)

    def staff(
        self,
        who: str,
        role: Role,
        fac: str = "A",
        *,
        by: str | None = None,
        programs: tuple[str, ...] = (),
        email: str | None = None,
    ) -> str:
        """Create a staff login (as the superuser, or as login ``by``); return its name."""
        name = self.name(who)
        server_admin.create_staff(
            self.as_(by) if by else self.url,
            username=name,
            password=PASSWORD,
            role=role,
            facility_id=self.facility[fac],
            name_first=who,
            name_last="Staff",
            email=email,
            program_ids=[self.program[p] for p in programs],
        )
        return name
