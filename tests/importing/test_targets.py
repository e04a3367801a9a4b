"""What an import refuses before it starts, with a message that says why."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from app.domain.enums import Role
from app.importing.run import ImportRequest, run_request
from tests import pgserver
from tests.importing.conftest import count
from tests.integration.staffserver import Server


@pytest.fixture
def source(make_source: Callable[[str], str]) -> str:
    return make_source("unlockedv2")


@pytest.fixture
def bare_database() -> Iterator[str]:
    url = pgserver.create_database(prefix="rb_bare")
    yield url
    pgserver.drop_database(url)


def run(source: str, into: str) -> None:
    run_request(ImportRequest(system="unlockedv2", source=source, into=into))


def test_a_staff_login_cannot_run_an_import(source: str, server: Server) -> None:
    # Even a system admin: staff logins have no privilege on the import's bookkeeping.
    login = server.staff("Sys", Role.SYSTEM_ADMIN)
    with pytest.raises(ValueError, match=f"--into connects as '{login}', neither the owner"):
        run(source, server.as_(login))
    assert count(server.url, "import_runs") == 0


def test_a_server_without_rollbook_tables_is_named(source: str, bare_database: str) -> None:
    with pytest.raises(ValueError, match="run `rollbook server init"):
        run(source, bare_database)


def test_unreachable_source_and_server_are_named(source: str, pg_url: str) -> None:
    missing = pgserver.with_database(pg_url, "rb_no_such_database")
    with pytest.raises(ValueError, match=r"cannot connect to the source \(--from\): .*rb_no_such"):
        run(missing, pg_url)
    with pytest.raises(ValueError, match=r"the Rollbook server \(--into\): .*rb_no_such"):
        run(source, missing)
    assert count(pg_url, "import_runs") == 0
