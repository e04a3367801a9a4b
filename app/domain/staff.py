"""What a new staff account is made of, as the server's staff functions take it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import NotRequired, TypedDict

from app.domain.enums import Role


class NewStaff(TypedDict):
    """The keyword arguments of creating a staff member (a login role and its users row)."""

    username: str
    password: str
    role: Role | str
    facility_id: uuid.UUID
    name_first: str
    name_last: str
    email: NotRequired[str | None]
    program_ids: NotRequired[Sequence[uuid.UUID]]
