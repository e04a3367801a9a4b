"""Keep a workstation cache inside what its staff member may see (DESIGN §4).

Run after each successful contact with the server, with the scope the server reported: rows of
facilities or programs the account no longer reaches, and medical details a non-admin may not
read, leave the file. It mirrors the row-level-security policies of migration 0002 for the
workstation's SQLite copy.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Delete, Engine, Table, bindparam, delete, select

from app.db import models  # noqa: F401  (registers every table on the metadata)
from app.db.base import Base
from app.db.login import StaffIdentity


def prune_cache(engine: Engine, identity: StaffIdentity) -> dict[str, int]:
    """Delete what ``identity`` may not see; return rows removed per table (tables with none
    removed are left out). One transaction: a cut leaves the cache as it was."""
    tables = list(reversed(Base.metadata.sorted_tables))  # children first
    by_name = {t.name: t for t in tables}
    allowed = list(identity.facility_ids)
    removed: dict[str, int] = {}
    with engine.connect() as conn:
        # Rows may point at staff of other facilities (instructor, substitute): a scope change
        # must not fail on a reference the server keeps. Only possible outside a transaction.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        try:
            with conn.begin():
                # Pruning is not an edit to push: keep the outbox triggers quiet (migration 0003).
                conn.exec_driver_sql("INSERT INTO sync_applying (flag) VALUES (1)")

                def run(table: Table, statement: Delete) -> None:
                    count = conn.execute(statement).rowcount
                    if count:
                        removed[table.name] = removed.get(table.name, 0) + count

                if not identity.is_system_admin:
                    for table in tables:
                        if "facility_id" in table.c and table.name != "users":
                            run(table, _outside(table, table.c.facility_id, allowed))
                    users = by_name["users"]
                    run(
                        users,
                        _outside(users, users.c.facility_id, allowed).where(
                            users.c.id != identity.staff_id
                        ),
                    )
                    facilities = by_name["facilities"]
                    run(facilities, _outside(facilities, facilities.c.id, allowed))
                    for table, condition in _program_limits(by_name, identity):
                        run(table, delete(table).where(condition))
                if not identity.is_admin:
                    run(by_name["student_medical"], delete(by_name["student_medical"]))
                classes, events = by_name["program_classes"], by_name["program_class_events"]
                for table in tables:
                    for column, parent in (("class_id", classes), ("event_id", events)):
                        if column in table.c and table is not parent:
                            run(
                                table,
                                delete(table).where(table.c[column].not_in(select(parent.c.id))),
                            )
                conn.exec_driver_sql("DELETE FROM sync_applying")
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
    return removed


def _outside(table: Table, column: ColumnElement[Any], allowed: list[uuid.UUID]) -> Delete:
    if not allowed:
        return delete(table)
    return delete(table).where(column.not_in(bindparam("allowed", allowed, expanding=True)))


def _program_limits(
    by_name: dict[str, Table], identity: StaffIdentity
) -> Iterable[tuple[Table, ColumnElement[bool]]]:
    """Classes at facilities where the account is limited to some programs (seed 001)."""
    limited: dict[uuid.UUID, set[uuid.UUID]] = {}
    whole = {f for f, p in identity.program_scopes if p is None}
    for facility, program in identity.program_scopes:
        if facility not in whole and program is not None:
            limited.setdefault(facility, set()).add(program)
    classes = by_name["program_classes"]
    for facility, programs in limited.items():
        yield (
            classes,
            (classes.c.facility_id == facility) & classes.c.program_id.not_in(list(programs)),
        )
