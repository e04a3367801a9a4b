"""Signing in to the server as a staff member's own PostgreSQL role, and what the server says."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

from app.db.engine import server_engine
from app.domain.enums import Role
from app.domain.errors import DomainError, NotAllowed
from app.domain.server_profile import ServerProfile
from app.sync.status import describe_failure

log = logging.getLogger(__name__)


class ServerUnreachable(DomainError):
    """No answer from the server: the offline state, not a refusal."""


class TlsMismatch(DomainError):
    """The server and the chosen TLS mode disagree; nothing was sent to an unverified server."""


class AccountDisabled(NotAllowed):
    """The server refused the login because the account is disabled or no longer staff."""


@dataclass(frozen=True, slots=True)
class StaffIdentity:
    """Who the server says the signed-in role is, and the facilities row-level security grants."""

    staff_id: uuid.UUID
    username: str
    name: str
    role: Role
    facility_ids: frozenset[uuid.UUID]
    # (facility, program) pairs; a facility with any unscoped row sees all its programs.
    program_scopes: frozenset[tuple[uuid.UUID, uuid.UUID | None]]
    is_admin: bool
    is_system_admin: bool


def staff_engine(profile: ServerProfile, username: str, password: str) -> Engine:
    """An engine that logs in as the staff member's own role; row-level security applies."""
    url = URL.create(
        "postgresql+psycopg",
        username=username,
        password=password,
        host=profile.host,
        port=profile.port,
        database=profile.database,
        query={"sslmode": profile.tls, "application_name": "rollbook"},
    )
    return server_engine(url, pool_size=2, max_overflow=2)


def fetch_identity(engine: Engine) -> StaffIdentity:
    """Connect and ask the server who we are. Raises ``ServerUnreachable``, ``TlsMismatch``,
    ``AccountDisabled`` or ``NotAllowed`` (wrong password, no access) with a message to show."""
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT u.id, u.username, u.name_first, u.name_last, u.role,"
                    " public.rollbook_is_admin(), public.rollbook_is_system_admin()"
                    " FROM public.users AS u WHERE u.id = public.rollbook_current_staff_id()"
                )
            ).one_or_none()
            if row is None:
                raise AccountDisabled(
                    "This login is not an active Rollbook staff account. Ask an administrator."
                )
            facilities = conn.execute(text("SELECT public.rollbook_visible_facilities()")).scalars()
            facility_ids = frozenset(uuid.UUID(str(f)) for f in facilities)
            scopes = conn.execute(
                text(
                    "SELECT facility_id, program_id FROM public.staff_scopes"
                    " WHERE user_id = :me AND deleted_at IS NULL"
                ),
                {"me": row[0]},
            ).all()
    except DBAPIError as err:
        raise classify_failure(err) from err
    return StaffIdentity(
        staff_id=uuid.UUID(str(row[0])),
        username=str(row[1]),
        name=f"{row[2]} {row[3]}",
        role=Role(row[4]),
        facility_ids=facility_ids,
        program_scopes=frozenset(
            (uuid.UUID(str(f)), uuid.UUID(str(p)) if p else None) for f, p in scopes
        ),
        is_admin=bool(row[5]),
        is_system_admin=bool(row[6]),
    )


_TLS_MESSAGES = (
    (
        "server does not support SSL",
        "The server does not offer TLS, but this workstation requires it. Ask the server's "
        "administrator to enable TLS, or choose a weaker TLS mode only on a trusted network.",
    ),
    (
        "no encryption",
        "The server accepts only encrypted connections. Choose a TLS mode that requires TLS.",
    ),
    (
        "root certificate file",
        "The TLS mode checks the server's certificate, but this computer has no root "
        "certificate for it. Install the certificate, or ask the server's administrator.",
    ),
    (
        "certificate verify failed",
        "The server's TLS certificate could not be verified. Nothing was sent to it. Check the "
        "host name, or ask the server's administrator.",
    ),
    (
        "does not match host name",
        "The server's TLS certificate is for another host name. Nothing was sent to it. Check "
        "the host name you entered.",
    ),
)


def classify_failure(err: BaseException) -> DomainError:
    """The one message a person should see for a failed sign-in."""
    refused = describe_login_failure(err)
    if refused is not None:
        if "disabled" in str(refused):
            return AccountDisabled(str(refused))
        return refused
    message = str(getattr(err, "orig", None) or err)
    for needle, shown in _TLS_MESSAGES:
        if needle in message:
            return TlsMismatch(shown)
    if isinstance(err, OperationalError) or "connection" in message.lower():
        # Plain words for the notice; the driver's own text goes to the log only.
        log.info("server unreachable at sign-in: %s", message.strip())
        return ServerUnreachable(f"The server cannot be reached: {describe_failure(err).reason}.")
    return DomainError(f"The server refused the sign-in: {message}")


def describe_login_failure(err: BaseException) -> DomainError | None:
    """What to tell a person whose sign-in was refused, or ``None`` if it was not a refusal
    (the server is unreachable: that is the offline state, not an error)."""
    message = str(getattr(err, "orig", None) or err)
    if "is not permitted to log in" in message:
        return NotAllowed("This account is disabled. Ask an administrator to enable it again.")
    if "password authentication failed" in message or re.search(
        r'role ".*" does not exist', message
    ):
        return NotAllowed("The user name or the password is wrong.")
    if "permission denied for database" in message:
        return NotAllowed("This account may not use the Rollbook database. Ask an administrator.")
    return None
