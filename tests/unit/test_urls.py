"""One reading of the PostgreSQL URLs people give Rollbook (``app.db.urls``)."""

from __future__ import annotations

import pytest
from psycopg.conninfo import conninfo_to_dict
from sqlalchemy.engine import make_url

from app.db import urls
from app.domain.errors import ValidationError
from app.domain.server_profile import ServerProfile
from app.importing.run import libpq

SOCKET = "/var/run/postgresql"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://ada@/rollbook?host={SOCKET}",
        "postgresql://ada@/rollbook?host=%2Fvar%2Frun%2Fpostgresql",
        "postgresql://ada@%2Fvar%2Frun%2Fpostgresql/rollbook",
        f"postgres://ada@/rollbook?host={SOCKET}",
        f"postgresql+psycopg://ada@/rollbook?host={SOCKET}",
        f"host={SOCKET} dbname=rollbook user=ada",
    ],
)
def test_every_way_of_writing_a_socket_url_reads_the_same(url: str) -> None:
    found = urls.address(url)
    assert (found.host, found.port, found.database, found.username) == (
        SOCKET,
        None,
        "rollbook",
        "ada",
    )
    assert conninfo_to_dict(urls.conninfo(url)) == {
        "host": SOCKET,
        "dbname": "rollbook",
        "user": "ada",
    }
    # The engine's URL keeps the socket in the query, so it survives rendering and parsing.
    rendered = urls.render(url)
    assert make_url(rendered).drivername == "postgresql+psycopg"
    assert urls.address(rendered).host == SOCKET


def test_a_workstation_takes_a_unix_socket_url_with_its_port() -> None:
    profile, username = urls.workstation_login(
        f"postgresql://ada@/rollbook?host={SOCKET}&port=5433"
    )
    assert username == "ada"
    assert profile == ServerProfile(SOCKET, 5433, "rollbook", "prefer")


def test_a_workstation_takes_a_tcp_url_as_before() -> None:
    profile, username = urls.workstation_login(
        "postgresql://ada@db.example.org:6543/rollbook?sslmode=verify-full"
    )
    assert (profile, username) == (
        ServerProfile("db.example.org", 6543, "rollbook", "verify-full"),
        "ada",
    )


def test_what_a_workstation_cannot_keep_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PGHOST", raising=False)
    with pytest.raises(ValidationError, match="Leave the password out"):
        urls.workstation_login("postgresql://ada:secret@db/rollbook")
    with pytest.raises(ValidationError, match="sslrootcert would be lost"):
        urls.workstation_login("postgresql://ada@db/rollbook?sslrootcert=/etc/ca.pem")
    with pytest.raises(ValidationError, match="needs the server"):
        urls.workstation_login("postgresql://ada@/rollbook")
    monkeypatch.setenv("PGHOST", SOCKET)  # libpq's own default, as psql would take it
    assert urls.workstation_login("postgresql://ada@/rollbook")[0].host == SOCKET


def test_not_a_postgres_url_is_a_value_error_that_shows_the_form() -> None:
    with pytest.raises(ValueError, match=r"postgresql://USER@HOST"):
        urls.parse("mysql://ada@db/rollbook")
    with pytest.raises(ValueError, match=r"postgresql://USER@HOST"):
        urls.parse("db.example.org")


def test_the_password_is_set_quoted_and_hidden_when_shown() -> None:
    url = urls.with_password(f"postgresql://ada@/rollbook?host={SOCKET}", "p@ss word/:")
    assert urls.address(url).password == "p@ss word/:"
    assert conninfo_to_dict(urls.conninfo(url))["password"] == "p@ss word/:"
    assert "p@ss" not in urls.redacted(url)


def test_the_importer_reads_urls_through_the_one_helper() -> None:
    url = "postgresql://ada@%2Fvar%2Frun%2Fpostgresql/rollbook?sslmode=disable"
    assert conninfo_to_dict(libpq(url)) == {
        "host": SOCKET,
        "dbname": "rollbook",
        "user": "ada",
        "sslmode": "disable",
    }


def test_a_login_url_to_a_socket_directory_renders_and_reads_back_intact() -> None:
    from app.db import urls
    from app.domain.server_profile import ServerProfile

    profile = ServerProfile.parse("/var/run/postgresql", 5433, "rollbook", "disable")
    url = urls.login_url(profile, "ada", "p@ss word", application_name="rollbook")
    again = urls.address(url.render_as_string(hide_password=False))
    assert again.host == "/var/run/postgresql" and again.port == 5433
    assert again.database == "rollbook" and again.username == "ada"
    assert again.password == "p@ss word" and again.params["sslmode"] == "disable"
    tcp = urls.login_url(ServerProfile.parse("db.example", 5432, "rollbook", "require"), "ada", "x")
    assert urls.address(tcp.render_as_string(hide_password=False)).host == "db.example"
