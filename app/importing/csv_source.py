"""CSV files as an import source: a mapping file names, per kind of row, the file and which of
its columns holds each of our fields; the files are loaded into temporary tables and imported
like any other system.

Mapping file (TOML or JSON)::

    facility = "Riverside Sports Academy"   # or --facility
    timezone = "Europe/London"              # or --timezone
    date_format = "%d/%m/%Y"                # optional; ISO dates are always understood

    [students]
    file = "students.csv"
    columns = { id = "Student ID", first_name = "First Name", last_name = "Last Name" }
    values.status = { "Enrolled" = "active", "Left" = "withdrawn" }   # optional

Kinds and their fields are in :data:`app.importing.csv_mapping.FIELDS`; ``id`` fields must be
stable between runs, so that a second import updates rows instead of adding them.
"""

from __future__ import annotations

import csv
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from app.db.engine import connect_server
from app.importing.csv_mapping import FIELDS, REQUIRED
from app.importing.engine import Row, System


@dataclass(frozen=True, slots=True)
class FileMapping:
    kind: str
    file: Path
    columns: dict[str, str]  # our field -> the CSV header
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> source -> ours


@dataclass(frozen=True, slots=True)
class Mapping:
    files: dict[str, FileMapping]
    options: dict[str, str]


def read_mapping(path: Path, folder: Path) -> Mapping:
    """The mapping file, checked: unknown kinds or fields and missing required ones refused."""
    raw = path.read_bytes()
    data: dict[str, Any] = (
        json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw.decode())
    )
    options: dict[str, str] = {
        k: str(data[k]) for k in ("facility", "timezone", "date_format") if k in data
    }
    files: dict[str, FileMapping] = {}
    for kind, spec in data.items():
        if kind in options:
            continue
        if kind not in FIELDS or not isinstance(spec, dict):
            raise ValueError(f"{path.name}: {kind!r} is not one of {', '.join(FIELDS)}")
        columns = {str(k): str(v) for k, v in dict(spec.get("columns", {})).items()}
        unknown = sorted(set(columns) - set(FIELDS[kind]))
        if unknown:
            raise ValueError(f"{path.name}: {kind} has no field(s) {', '.join(unknown)}")
        missing = [f for f in REQUIRED[kind] if f not in columns]
        if missing:
            raise ValueError(f"{path.name}: {kind} needs a column for {', '.join(missing)}")
        values = {
            str(f): {str(a): str(b) for a, b in dict(m).items()}
            for f, m in dict(spec.get("values", {})).items()
        }
        files[kind] = FileMapping(
            kind, folder / str(spec.get("file", f"{kind}.csv")), columns, values
        )
    if not files:
        raise ValueError(f"{path.name} maps no file")
    return Mapping(files, options)


def _load(conn: psycopg.Connection[Row], mapping: FileMapping) -> None:
    table = sql.Identifier(f"csv_{mapping.kind}")
    cols = FIELDS[mapping.kind]
    conn.execute(
        sql.SQL("CREATE TEMP TABLE {} (_line integer PRIMARY KEY, {})").format(
            table, sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in cols)
        )
    )
    with mapping.file.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        absent = sorted(set(mapping.columns.values()) - set(reader.fieldnames or ()))
        if absent:
            raise ValueError(f"{mapping.file.name} has no column(s) {', '.join(absent)}")
        names = sql.SQL(", ").join(sql.Identifier(c) for c in ("_line", *cols))
        with conn.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(table, names)) as copy:
            for line, record in enumerate(reader, start=2):
                values = []
                for col in cols:
                    header = mapping.columns.get(col)
                    value = (record.get(header) or "").strip() if header else ""
                    value = mapping.values.get(col, {}).get(value, value)
                    values.append(value or None)
                copy.write_row([line, *values])


def unused(folder: Path, mapping: Mapping) -> dict[str, int]:
    """What the folder holds that the mapping leaves unread: each CSV file no kind maps, with its
    rows (``"file.csv"``), and each column no kind maps, with its values (``"file.csv: col"``)."""
    used: dict[Path, set[str]] = {}
    for file_mapping in mapping.files.values():
        used.setdefault(file_mapping.file.resolve(), set()).update(file_mapping.columns.values())
    found: dict[str, int] = {}
    for path in sorted(folder.glob("*.csv")):
        columns = used.get(path.resolve())
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rest = [h for h in reader.fieldnames or () if columns is not None and h not in columns]
            values = dict.fromkeys(rest, 0)
            rows = 0
            for record in reader:
                rows += 1
                for header in rest:
                    if (record.get(header) or "").strip():
                        values[header] += 1
        if columns is None:
            found[path.name] = rows
        else:
            found.update({f"{path.name}: {h}": n for h, n in values.items()})
    return found


def csv_system(
    into: str, folder: Path, mapping_path: Path
) -> tuple[System, psycopg.Connection[Row], str, dict[str, str]]:
    """The CSV system for ``mapping_path``, its loaded source connection, label and options."""
    from app.importing.csv_entities import build_system

    mapping = read_mapping(mapping_path, folder)
    conn = connect_server(into, statement_timeout_s=None, row_factory=dict_row)
    try:
        for file_mapping in mapping.files.values():
            _load(conn, file_mapping)
    except BaseException:
        conn.close()
        raise
    system = build_system(set(mapping.files), not_read=unused(folder, mapping))
    return system, conn, f"csv:{folder.resolve().name}", mapping.options
