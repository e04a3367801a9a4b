"""Choosing the system and opening both ends of a run: what the CLI and the app call."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from app.importing.engine import (
    Progress,
    RunOptions,
    System,
    connect_source,
    run_import,
    source_label,
)
from app.importing.report import RunReport


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
    """A libpq connection string for a SQLAlchemy-style URL (socket hosts in the query too)."""
    parsed = make_url(url)
    params: dict[str, Any] = {
        "host": parsed.host,
        "port": parsed.port,
        "dbname": parsed.database,
        "user": parsed.username,
        "password": parsed.password,
    }
    for key, value in parsed.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if v is not None})


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


def run_request(request: ImportRequest, progress: Progress | None = None) -> RunReport:
    """Run one import; raises ``ValueError`` for a source that cannot be read at all."""
    opts = RunOptions(
        dry_run=request.dry_run,
        restart=request.restart,
        batch_size=request.batch_size,
        source_name=request.source_name,
        options=dict(request.options),
        progress=progress,
    )
    with psycopg.connect(libpq(request.into)) as target:
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
            source_conn = connect_source(conninfo)
            label = source_label(conninfo)
        with source_conn:
            return run_import(system, source_conn, target, opts, request.source_name or label)
