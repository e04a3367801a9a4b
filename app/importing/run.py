"""Choosing the system and opening both ends of a run: what the CLI and the app call."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import psycopg

from app.db import urls
from app.db.engine import connect_server
from app.importing.engine import (
    Progress,
    RunOptions,
    System,
    connect_source,
    run_import,
    source_label,
)
from app.importing.report import RunReport

C = TypeVar("C", bound=psycopg.Connection[Any])


@dataclass(frozen=True, slots=True)
class ImportRequest:
    system: str
    source: str
    into: str
    dry_run: bool = False
    restart: bool = False
    mapping: Path | None = None
    source_name: str | None = None
    batch_size: int = 5000
    options: dict[str, Any] = field(default_factory=dict)


def libpq(url: str) -> str:
    """A libpq connection string for a URL as people write it (``app.db.urls``)."""
    return urls.conninfo(url)


_MODULES = {
    "unlockedv2": "unlockedv2",
    "result-institute": "result_institute",
    "aada": "aada",
    "academy": "academy",
}


def system_named(name: str) -> System:
    module = _MODULES.get(name)
    if module is None:
        raise ValueError(f"unknown source system {name!r}")
    found = importlib.import_module(f"app.importing.{module}").SYSTEM
    assert isinstance(found, System)
    return found


def check_target(target: psycopg.Connection[Any]) -> None:
    """The import writes as the server's owner (or a superuser): it bypasses no check of the
    data, but staff logins have no privilege on its bookkeeping tables, by design."""
    row = target.execute(
        "SELECT current_user, to_regclass('public.import_id_map') IS NOT NULL,"
        " r.rolsuper OR r.rolbypassrls OR pg_catalog.pg_has_role(current_user,"
        "   (SELECT c.relowner FROM pg_catalog.pg_class AS c"
        "    WHERE c.oid = to_regclass('public.import_id_map')), 'MEMBER')"
        " FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user"
    ).fetchone()
    target.rollback()
    assert row is not None
    user, ready, allowed = str(row[0]), bool(row[1]), bool(row[2])
    if not ready:
        raise ValueError(
            "the server has no import tables: run `rollbook server init --url ADMIN_URL` first"
        )
    if not allowed:
        raise ValueError(
            f"--into connects as {user!r}, neither the owner of Rollbook's tables nor a superuser:"
            " an import writes as one of them (the URL `rollbook server init` uses), never as a"
            " staff login"
        )


def _opened(connect: Callable[[], C], what: str) -> C:
    """``connect()``; a server that cannot be reached or refuses the login is a ValueError."""
    try:
        return connect()
    except psycopg.OperationalError as err:
        reason = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
        raise ValueError(f"cannot connect to {what}: {reason}") from None


def run_request(request: ImportRequest, progress: Progress | None = None) -> RunReport:
    """Run one import; raises ``ValueError`` for a server or source that cannot be used."""
    opts = RunOptions(
        dry_run=request.dry_run,
        restart=request.restart,
        batch_size=request.batch_size,
        source_name=request.source_name,
        options=dict(request.options),
        progress=progress,
    )
    into = libpq(request.into)
    with _opened(
        lambda: connect_server(into, statement_timeout_s=None), "the Rollbook server (--into)"
    ) as target:
        check_target(target)
        if request.system == "csv":
            from app.importing.csv_source import csv_system

            if request.mapping is None:
                raise ValueError("a CSV import needs --mapping FILE")
            system, source_conn, label, mapped = csv_system(
                libpq(request.into), Path(request.source), request.mapping
            )
            opts.options = {**mapped, **opts.options}
        else:
            system = system_named(request.system)
            conninfo = libpq(request.source)
            source_conn = _opened(lambda: connect_source(conninfo), "the source (--from)")
            label = source_label(conninfo)
        with source_conn:
            return run_import(system, source_conn, target, opts, request.source_name or label)
