"""The PostgreSQL URLs people give Rollbook, read one way, turned into what each caller needs.

Accepted everywhere (``server init``, ``staff``, ``db``, ``demo``, ``import``, ``workstation
init``, ``sync``): ``postgresql://USER@HOST[:PORT]/DB[?sslmode=…]``, ``postgres://`` and
``postgresql+psycopg://`` alike; a Unix-socket directory as libpq writes it, either in the query
(``postgresql://USER@/DB?host=/var/run/postgresql``) or percent-encoded in the host part
(``postgresql://USER@%2Fvar%2Frun%2Fpostgresql/DB``); and a libpq ``key=value`` string
(``host=/var/run/postgresql dbname=rollbook user=ada``). Parsing is SQLAlchemy's ``make_url``;
libpq strings are written and read by ``psycopg.conninfo``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from psycopg.conninfo import conninfo_to_dict, make_conninfo
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from app.domain.errors import ValidationError
from app.domain.server_profile import DEFAULT_PORT, ServerProfile

DRIVER = "postgresql+psycopg"
_POSTGRES_DRIVERS = ("postgresql", "postgres", "postgresql+psycopg")
EXAMPLE = "postgresql://USER@HOST[:PORT]/DB, or postgresql://USER@/DB?host=/var/run/postgresql"
# What a workstation keeps of its server's URL (ServerProfile); other parameters would be lost.
_PROFILE_PARAMS = frozenset({"host", "port", "sslmode"})


@dataclass(frozen=True, slots=True)
class Address:
    """Where a URL points, as libpq will read it: a socket directory counts as a host."""

    host: str | None  # a name, an address, a socket directory, or None (libpq's default)
    port: int | None
    database: str | None
    username: str | None
    password: str | None
    params: dict[str, str]  # every other libpq parameter (sslmode, service, …)


def parse(url: str) -> URL:
    """``url`` as a SQLAlchemy URL on psycopg 3, a socket directory moved into the query (where
    it renders and re-parses intact). Raises ``ValueError`` for what is not a PostgreSQL URL."""
    text = (url or "").strip()
    if not text:
        raise ValueError(f"no server URL given; write {EXAMPLE}")
    if "://" not in text and "=" in text:
        return _from_conninfo(text)
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise ValueError(f"not a PostgreSQL URL: {text!r}; write {EXAMPLE}") from None
    if parsed.drivername not in _POSTGRES_DRIVERS:
        raise ValueError(f"not a PostgreSQL URL ({parsed.drivername}://…); write {EXAMPLE}")
    parsed = parsed.set(drivername=DRIVER)
    host = parsed.host
    if host and (host.startswith("/") or host[:3].upper() == "%2F"):
        # libpq's socket form in the host part; SQLAlchemy would pass it on still quoted, and a
        # slash in the host part does not survive rendering.
        query = {**parsed.query, "host": unquote(host)}
        if parsed.port is not None and "port" not in query:
            query["port"] = str(parsed.port)
        parsed = parsed.set(host=None, port=None, query=query)
    return parsed


def _from_conninfo(text: str) -> URL:
    try:
        params = conninfo_to_dict(text)
    except Exception as err:  # psycopg.ProgrammingError: not a libpq string either
        raise ValueError(f"not a PostgreSQL URL or connection string: {err}") from None
    username, password = params.pop("user", None), params.pop("password", None)
    database = params.pop("dbname", None)
    return URL.create(
        DRIVER,
        username=None if username is None else str(username),
        password=None if password is None else str(password),
        database=None if database is None else str(database),
        query={k: str(v) for k, v in params.items()},
    )


def render(url: str | URL) -> str:
    """The URL as SQLAlchemy takes it (``create_engine``), password included."""
    parsed = parse(url) if isinstance(url, str) else url
    return parsed.render_as_string(hide_password=False)


def redacted(url: str) -> str:
    """The URL to show a person: the password, if any, as ``***``."""
    try:
        return parse(url).render_as_string(hide_password=True)
    except ValueError:
        return "(not a URL)"


def address(url: str | URL) -> Address:
    """Host, port, database, user and the other parameters, the query's ``host``/``port``
    (a socket directory) included."""
    parsed = parse(url) if isinstance(url, str) else url
    params = {k: _last(v) for k, v in parsed.query.items()}
    host = params.pop("host", None) or parsed.host
    port_text = params.pop("port", None)
    port = parsed.port
    if port_text:
        try:
            port = int(port_text.split(",")[-1])
        except ValueError:
            raise ValueError(f"port={port_text!r} is not a port number") from None
    return Address(host, port, parsed.database, parsed.username, parsed.password, params)


def _last(value: str | tuple[str, ...]) -> str:
    # Several hosts (?host=a&host=b) are libpq's comma-separated list.
    return value if isinstance(value, str) else ",".join(value)


def conninfo(url: str | URL, **extra: Any) -> str:
    """A libpq connection string (``psycopg.connect``), every value quoted by psycopg."""
    found = address(url)
    params: dict[str, Any] = {
        "host": found.host,
        "port": found.port,
        "dbname": found.database,
        "user": found.username,
        "password": found.password,
        **found.params,
        **extra,
    }
    return make_conninfo("", **{k: v for k, v in params.items() if v is not None})


def with_password(url: str, password: str) -> str:
    """``url`` (as ``render`` gives it) with ``password`` set."""
    return render(parse(url).set(password=password))


def workstation_login(url: str) -> tuple[ServerProfile, str]:
    """The server and user name of a workstation's ``--server`` URL. The password is never
    part of it (it is asked for, or read from ``ROLLBOOK_PASSWORD``). A part left out is
    filled as libpq would (``PGHOST``, ``PGPORT``, ``PGDATABASE``, ``PGSSLMODE``). Raises
    ``ValidationError`` for what a workstation cannot use."""
    try:
        found = address(url)
    except ValueError as err:
        raise ValidationError(str(err)) from None
    if found.password:
        raise ValidationError(
            "Leave the password out of the URL; it is asked for (or read from ROLLBOOK_PASSWORD)."
        )
    username = found.username or os.environ.get("PGUSER")
    if not username:
        raise ValidationError(f"The server URL needs your user name: {EXAMPLE}")
    unused = sorted(set(found.params) - _PROFILE_PARAMS)
    if unused:
        raise ValidationError(
            f"A workstation keeps the server's host, port, database and sslmode only; "
            f"{', '.join(unused)} would be lost. Leave {'it' if len(unused) == 1 else 'them'} "
            "out of the URL."
        )
    host = found.host or os.environ.get("PGHOST")
    if not host:
        raise ValidationError(f"The server URL needs the server: {EXAMPLE}")
    port = found.port or int(os.environ.get("PGPORT") or DEFAULT_PORT)
    database = found.database or os.environ.get("PGDATABASE") or username
    tls = found.params.get("sslmode") or os.environ.get("PGSSLMODE") or "prefer"
    return ServerProfile.parse(host, port, database, tls), username


def login_url(profile: ServerProfile, username: str, password: str, **query: str) -> URL:
    """A staff login's URL to a workstation's server: a socket directory goes in the query
    (``?host=/var/run/postgresql&port=…``), where it renders and reads back intact."""
    params = {"sslmode": profile.tls, **query}
    host: str | None = profile.host
    port: int | None = profile.port
    if profile.host.startswith("/"):
        params.update(host=profile.host, port=str(profile.port))
        host = port = None
    return URL.create(
        DRIVER,
        username=username,
        password=password,
        host=host,
        port=port,
        database=profile.database,
        query=params,
    )
