"""How the admin's own password reaches the server on the command line, said once for all.

The admin commands (``server init``, ``staff``, ``db``, ``demo``, ``import``) connect with the
URL given; libpq reads the password from ``PGPASSWORD``, a password file (``~/.pgpass`` or
``PGPASSFILE``) or a service file (``?service=NAME``). When the server asks for a password none
of them gives, the command asks for it if a terminal is attached, and otherwise stops with a
message saying these ways. A password inside the URL still works, but shows in the process list
and the shell's history.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # psycopg and SQLAlchemy load when a command connects, not to parse its line
    import psycopg

ADMIN_PASSWORD_HELP = (
    "Your own password is not part of the URL: it is read from PGPASSWORD, from a password "
    "file (~/.pgpass, or PGPASSFILE) or a service file (?service=NAME in the URL), and "
    "otherwise asked for when the command runs in a terminal."
)
URL_EXAMPLE = "postgresql://USER@HOST[:PORT]/DB or postgresql://USER@/DB?host=/var/run/postgresql"
URL_HELP = "your own (admin) PostgreSQL URL, without the password, e.g. " + URL_EXAMPLE
PROBE_TIMEOUT_S = 8

_NO_PASSWORD = "no password supplied"
_REFUSED = ("password authentication failed", "authentication failed for user")


def admin_url(
    url: str,
    *,
    option: str = "--url",
    prompt: Callable[[str], str] | None = None,
    interactive: Callable[[], bool] | None = None,
) -> str:
    """``url`` ready for the admin's connections: checked by one connection, with a password
    asked for when the server wants one and a terminal is attached. Raises ``ValueError``
    saying how to give the password, or that the server cannot be reached."""
    import psycopg

    from app.db import urls

    given = urls.render(url)
    found = urls.address(given)
    who = found.username or "your user"
    try:
        _probe(given)
        return given
    except psycopg.OperationalError as err:
        reason = _reason(err)
        if _NO_PASSWORD in reason:
            asked = interactive() if interactive is not None else _terminal()
            if not asked:
                raise ValueError(
                    f"the server wants the password of {who} ({option}) and none was given. "
                    + ADMIN_PASSWORD_HELP.replace("and otherwise asked for", "or asked for")
                ) from None
            ask = prompt or getpass.getpass
            password = ask(f"Password for {who} on {found.host or 'the local server'}: ")
            given = urls.with_password(given, password)
            try:
                _probe(given)
                return given
            except psycopg.OperationalError as again:
                reason = _reason(again)
        if any(text in reason for text in _REFUSED):
            raise ValueError(
                f"the server refused the password of {who} ({option}): {reason}. "
                + ADMIN_PASSWORD_HELP
            ) from None
        raise ValueError(f"cannot reach the database ({option}): {reason}") from None


def _probe(url: str) -> None:
    import psycopg

    from app.db import urls

    with psycopg.connect(urls.conninfo(url, connect_timeout=str(PROBE_TIMEOUT_S))):
        pass


def _reason(err: psycopg.OperationalError) -> str:
    lines = [line.strip() for line in str(err).strip().splitlines() if line.strip()]
    return lines[-1] if lines else type(err).__name__


def _terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False
