"""Per-entity upsert into the shared schema: staged with COPY, counted, audited, mapped.

A batch of converted rows goes through a temporary stage table and a handful of set-based
statements (all parameterised; table and column names come from the models' metadata):

1. rows whose digest equals the id map's are *unchanged* and leave the stage;
2. rows the map knows take their mapped id (steps 1 and 2 only for an entity an earlier run
   mapped); rows new to the map may adopt an existing row with the same natural key
   (``match_on``: a facility or program of the same name);
3. unique values that clash with another row (an email, a student number) are emptied, and
   each such row is reported;
4. one statement inserts or updates the rows (an update only when a value differs) and records
   the map. The server's triggers write the ``audit_log`` (migration 0009): one entry per
   facility for the rows the statement created, naming the run (``rollbook.import_run``), the
   count and their ids, and one entry per row updated, with its old and new values. The import
   names itself their actor (``rollbook.actor``, heard from a superuser's session only) and its
   run their workstation.

A batch the database refuses is retried row by row, so one bad row is reported and skipped
instead of failing the run.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb
from sqlalchemy import Table
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from app.db.models import Base
from app.importing.report import CHANGED, SKIPPED, Problem

# The id map's row of a staged row ``s`` (as ``m``).
_IN_MAP = sql.SQL(
    "m.system = %(system)s AND m.source = %(source)s AND m.source_table = %(entity)s"
    " AND m.source_id = s._source_id"
)
# The id map's key: a source id it already has.
_MAP_KEY = "pk_import_id_map"
log = logging.getLogger(__name__)

BOOKKEEPING = ("id", "created_at", "updated_at", "created_by", "updated_by", "row_version")


@dataclass(frozen=True, slots=True)
class Target:
    """Where an entity's rows go in our schema and how they meet rows already there."""

    table: str
    match_on: tuple[str, ...] = ()
    clear_on_clash: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Staged:
    source_id: str
    values: dict[str, Any]


class _AlreadyMapped(Exception):
    """A batch written without look-ups in the id map met a source id the map already had."""


# A row ready for the stage: every column's value in table order, its source id, its digest.
Prepared = tuple[list[Any], str, str]


@dataclass(slots=True)
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: dict[str, uuid.UUID] | None = None  # source id -> our id, of rows now in the map


def _stage_name(table: Table) -> str:
    """The temporary table a batch of ``table`` goes through."""
    return f"import_stage_{table.name}"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return Jsonb(value)
    return value


class Writer:
    """Writes batches of one run into the target database over one psycopg connection."""

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        *,
        system: str,
        source: str,
        run_id: uuid.UUID,
        actor: str,
        device: str,
    ) -> None:
        self._conn = conn
        self._key = {"system": system, "source": source}
        self._run_id = run_id
        self._actor = actor
        self._device = device
        self._stage_types: dict[str, list[int]] = {}  # per stage table, its columns' type oids
        self._plans: dict[str, tuple[dict[str, int], list[Any]]] = {}
        self._keys: dict[tuple[str, ...], str] = {}
        self._known: dict[str, bool] = {}
        self._map_analyzed = False  # whether the id map's statistics are this run's
        self._upserts: dict[tuple[str, bool], sql.Composed] = {}
        # For the session: the import's own transactions commit at each checkpoint. Naming the
        # run makes the server audit the rows a statement creates as one entry (migration 0009).
        conn.execute(
            "SELECT set_config('rollbook.actor', %s, false),"
            " set_config('rollbook.device_id', %s, false),"
            " set_config('rollbook.import_run', %s, false)",
            (actor, device, str(run_id)),
        )

    # -- one batch --------------------------------------------------------------------------

    def prepare(self, target: Target, rows: Sequence[Staged]) -> list[Prepared]:
        """Each row with every column of its table, its source id and its digest (pure Python:
        done on the reading thread, so that the writing thread only waits for the database)."""
        table = Base.metadata.tables[target.table]
        return [self._full_row(table, r) for r in rows]

    def write(
        self, entity: str, target: Target, full: Sequence[Prepared], *, ids: bool = False
    ) -> tuple[BatchResult, list[Problem]]:
        """Write the prepared rows of ``entity``; problems are the rows changed or refused on
        the way. With ``ids``, the result says which of our ids each source row now has."""
        table = Base.metadata.tables[target.table]
        self._stage(table)  # outside the savepoints below, so that a refusal keeps it
        lookups = self._mapped_before(entity)
        if lookups:
            self._analyze_map()
        try:
            try:
                with self._conn.transaction():
                    return self._write(entity, target, table, full, ids, lookups)
            except _AlreadyMapped:
                # A source id this run already mapped (a source that repeats an id): the batch
                # again, with the look-ups, and the rest of the entity too.
                self._known[entity] = True
                self._map_analyzed = False  # it has grown by this run's rows since
                self._analyze_map()
                with self._conn.transaction():
                    return self._write(entity, target, table, full, ids, lookups=True)
        except psycopg.Error:
            pass
        result = BatchResult(written={} if ids else None)
        problems: list[Problem] = []
        self._analyze_map()
        for row in full:
            try:
                with self._conn.transaction():
                    one, found = self._write(entity, target, table, [row], ids, lookups=True)
            except psycopg.Error as err:
                detail = (
                    str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
                )
                problems.append(Problem(entity, row[1], "rejected", detail, SKIPPED))
                continue
            result.created += one.created
            result.updated += one.updated
            result.unchanged += one.unchanged
            if result.written is not None and one.written is not None:
                result.written.update(one.written)
            problems.extend(found)
        return result, problems

    def _full_row(self, table: Table, staged: Staged) -> Prepared:
        """The row in table order (the template where the converter gave nothing), and the
        digest of what the converter gave: keys and values in its (fixed) order, a UUID as its
        number and an enumeration as its value, so that it reads the same in every run."""
        positions, template = self._plan(table)
        values = staged.values
        row = template.copy()
        said: list[Any] = []
        for key, value in values.items():
            if type(value) is uuid.UUID:
                said.append(value.int)
            elif isinstance(value, Enum):
                value = value.value
                said.append(value)
            elif isinstance(value, dict):
                said.append(value)
                value = Jsonb(value)
            else:
                said.append(value)
            row[positions[key]] = value
        names = tuple(values)
        keys = self._keys.get(names)
        if keys is None:
            keys = self._keys[names] = repr(names)
        text = keys + repr(said)
        return row, staged.source_id, hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()

    def _plan(self, table: Table) -> tuple[dict[str, int], list[Any]]:
        """Per table, once: each column's position, and the value of each column a row leaves
        out (the import's actor and start time for the bookkeeping columns)."""
        plan = self._plans.get(table.name)
        if plan is None:
            now = datetime.now(UTC)
            positions: dict[str, int] = {}
            template: list[Any] = []
            for i, col in enumerate(table.c):
                positions[col.name] = i
                if col.name in ("created_by", "updated_by"):
                    template.append(self._actor)
                elif col.name in ("created_at", "updated_at", "changed_at"):
                    template.append(now)
                elif col.name == "row_version":
                    template.append(1)
                elif isinstance(col.default, ScalarElementColumnDefault):
                    template.append(_plain(col.default.arg))
                else:
                    template.append(None)
            plan = (positions, template)
            self._plans[table.name] = plan
        return plan

    def _stage(self, table: Table) -> sql.Identifier:
        stage = sql.Identifier(_stage_name(table))
        if table.name not in self._stage_types:
            self._conn.execute(
                sql.SQL("CREATE TEMP TABLE IF NOT EXISTS {} (LIKE public.{})").format(
                    stage, sql.Identifier(table.name)
                )
            )
            self._conn.execute(
                sql.SQL(
                    "ALTER TABLE {} ADD COLUMN IF NOT EXISTS _source_id text,"
                    " ADD COLUMN IF NOT EXISTS _digest text, ADD COLUMN IF NOT EXISTS _n int"
                ).format(stage)
            )
            found = dict(
                self._conn.execute(
                    "SELECT attname, atttypid FROM pg_catalog.pg_attribute"
                    " WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped",
                    (f"pg_temp.{_stage_name(table)}",),
                ).fetchall()
            )
            names = [*(c.name for c in table.c), "_source_id", "_digest", "_n"]
            self._stage_types[table.name] = [int(found[name]) for name in names]
        return stage

    def _write(
        self,
        entity: str,
        target: Target,
        table: Table,
        rows: Sequence[Prepared],
        ids: bool,
        lookups: bool,
    ) -> tuple[BatchResult, list[Problem]]:
        conn = self._conn
        stage = self._stage(table)
        t = sql.Identifier(table.name)
        params = {**self._key, "entity": entity}
        self._fill(table, stage, rows)
        if target.match_on or target.clear_on_clash or lookups:
            # A temporary table has no statistics: without them these joins run as nested loops.
            conn.execute(sql.SQL("ANALYZE {}").format(stage))
        unchanged = 0
        if lookups:
            unchanged = self._drop_unchanged_and_map(stage, t, params)
        if target.match_on:
            same = sql.SQL(" AND ").join(
                sql.SQL("x.{c} IS NOT DISTINCT FROM s.{c}").format(c=sql.Identifier(c))
                for c in target.match_on
            )
            conn.execute(
                sql.SQL(
                    "UPDATE {stage} AS s SET id = x.id FROM public.{t} AS x WHERE {same}"
                    " AND x.id <> s.id AND NOT EXISTS"
                    " (SELECT 1 FROM public.import_id_map AS m WHERE {in_map})"
                ).format(stage=stage, t=t, same=same, in_map=_IN_MAP),
                params,
            )
        problems = [p for c in target.clear_on_clash for p in self._clear(entity, stage, t, c)]
        try:
            counts = conn.execute(
                self._upsert(table, lookups), {**params, "table": table.name, "run": self._run_id}
            ).fetchone()
        except psycopg.errors.UniqueViolation as err:
            if lookups or err.diag.constraint_name != _MAP_KEY:
                raise
            raise _AlreadyMapped from err
        assert counts is not None
        created, updated = int(counts[0]), int(counts[1])
        unchanged += len(rows) - unchanged - created - updated  # what is left in the stage
        written = None
        if ids:
            written = dict(conn.execute(sql.SQL("SELECT _source_id, id FROM {}").format(stage)))
        return BatchResult(created, updated, unchanged, written), problems

    def _upsert(self, table: Table, lookups: bool) -> sql.Composed:
        """The statement that writes the stage of ``table`` (built once per table and kind):
        insert or update (only where a value differs), the id map, and the counts.

        Without ``lookups`` the rows are new to the map, which is then a plain insert (an upsert
        costs a third more): a source id it already has is a unique violation of its key, and
        the batch is written again with the look-ups."""
        found = self._upserts.get((table.name, lookups))
        if found is not None:
            return found
        t = sql.Identifier(table.name)
        cols = [c.name for c in table.c]
        col_list = sql.SQL(", ").join(sql.Identifier(c) for c in cols)
        stage = sql.Identifier(_stage_name(table))
        setters = [c for c in cols if c not in BOOKKEEPING]
        audited = "row_version" in table.c
        update_set: list[sql.Composable] = [
            sql.SQL("{c} = EXCLUDED.{c}").format(c=sql.Identifier(c)) for c in setters
        ]
        if audited:
            update_set += [
                sql.SQL("updated_by = EXCLUDED.updated_by"),
                sql.SQL("updated_at = now()"),
                sql.SQL("row_version = {t}.row_version + 1").format(t=t),
            ]
        differs = sql.SQL("({}) IS DISTINCT FROM ({})").format(
            sql.SQL(", ").join(sql.SQL("{}.{}").format(t, sql.Identifier(c)) for c in setters),
            sql.SQL(", ").join(sql.SQL("EXCLUDED.{}").format(sql.Identifier(c)) for c in setters),
        )
        statement = sql.SQL(
            """
            WITH s AS (SELECT * FROM {stage}),
            up AS (
                INSERT INTO public.{t} AS {t} ({cols}) SELECT {cols} FROM s
                ON CONFLICT (id) DO UPDATE SET {update_set} WHERE {differs}
                RETURNING {t}.id, (xmax = 0) AS created
            ),
            mapped AS (
                INSERT INTO public.import_id_map AS m (system, source, source_table, source_id,
                                                       target_table, target_id, digest, run_id)
                SELECT %(system)s, %(source)s, %(entity)s, s._source_id, %(table)s, s.id,
                       s._digest, %(run)s FROM s
                {on_conflict}
            )
            SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM up
            """
        ).format(
            stage=stage,
            t=t,
            cols=col_list,
            update_set=sql.SQL(", ").join(update_set),
            differs=differs,
            on_conflict=sql.SQL(
                """ON CONFLICT (system, source, source_table, source_id) DO UPDATE
                SET target_id = EXCLUDED.target_id, digest = EXCLUDED.digest,
                    run_id = EXCLUDED.run_id, updated_at = now()"""
                if lookups
                else ""
            ),
        )
        self._upserts[(table.name, lookups)] = statement
        return statement

    def _fill(self, table: Table, stage: sql.Identifier, rows: Sequence[Prepared]) -> None:
        """Copy the rows into the stage: in binary with each column's type given (about a
        quarter of the text format's cost), or, when a value is not of its column's Python type
        (a converter's text for a number), as text for PostgreSQL to read or refuse."""
        copy_in = sql.SQL("COPY {} ({}, _source_id, _digest, _n) FROM STDIN").format(
            stage, sql.SQL(", ").join(sql.Identifier(c.name) for c in table.c)
        )
        self._conn.execute(sql.SQL("TRUNCATE {}").format(stage))
        try:
            with (
                self._conn.transaction(),
                self._conn.cursor().copy(copy_in + sql.SQL(" (FORMAT BINARY)")) as copy,
            ):
                copy.set_types(self._stage_types[table.name])
                for n, (values, source_id, dig) in enumerate(rows):
                    copy.write_row([*values, source_id, dig, n])
            return
        except (TypeError, ValueError, OverflowError, psycopg.DataError):
            log.debug("a value does not dump as its column's type: copying %s as text", table.name)
        with self._conn.cursor().copy(copy_in) as copy:
            for n, (values, source_id, dig) in enumerate(rows):
                copy.write_row([*values, source_id, dig, n])

    def _analyze_map(self) -> None:
        """Statistics of the id map before its first look-up in this run (outside a batch's
        savepoint, so that a refused batch keeps them): a map an earlier run has just filled
        may have none yet, and a plan made for an empty map reads all of it for every batch
        (at a million rows, half a second a batch instead of 40 ms)."""
        if not self._map_analyzed:
            self._conn.execute("ANALYZE public.import_id_map")
            self._map_analyzed = True

    def _mapped_before(self, entity: str) -> bool:
        """Whether an earlier run mapped rows of ``entity`` (asked once per entity and run).

        When none did, every row the map has for it was written by this run from earlier,
        smaller source keys: a batch's rows are new to the map and need no look-up there, unless
        the source repeats an id (the write finds that out and is done again with them)."""
        found = self._known.get(entity)
        if found is None:
            row = self._conn.execute(
                "SELECT EXISTS (SELECT 1 FROM public.import_id_map WHERE system = %(system)s"
                " AND source = %(source)s AND source_table = %(entity)s AND run_id <> %(run)s)",
                {**self._key, "entity": entity, "run": self._run_id},
            ).fetchone()
            found = bool(row and row[0])
            self._known[entity] = found
        return found

    def _drop_unchanged_and_map(
        self, stage: sql.Identifier, t: sql.Identifier, params: dict[str, Any]
    ) -> int:
        """Drop the staged rows the map says are unchanged; give the others their mapped id."""
        unchanged = self._conn.execute(
            sql.SQL(
                "DELETE FROM {stage} AS s USING public.import_id_map AS m WHERE {in_map}"
                " AND m.digest = s._digest"
                " AND EXISTS (SELECT 1 FROM public.{t} AS x WHERE x.id = m.target_id)"
            ).format(stage=stage, in_map=_IN_MAP, t=t),
            params,
        ).rowcount
        self._conn.execute(
            sql.SQL(
                "UPDATE {stage} AS s SET id = m.target_id FROM public.import_id_map AS m"
                " WHERE {in_map} AND s.id <> m.target_id"
                " AND EXISTS (SELECT 1 FROM public.{t} AS x WHERE x.id = m.target_id)"
            ).format(stage=stage, in_map=_IN_MAP, t=t),
            params,
        )
        return unchanged

    def _clear(
        self, entity: str, stage: sql.Identifier, t: sql.Identifier, column: str
    ) -> list[Problem]:
        """Empty ``column`` where another staged row or another row of ours already has it."""
        c = sql.Identifier(column)
        clashes = self._conn.execute(
            sql.SQL(
                """
                WITH d AS (
                    SELECT s._n, s._source_id, s.{c} AS v FROM {stage} AS s
                    WHERE s.{c} IS NOT NULL AND (
                        EXISTS (SELECT 1 FROM {stage} AS o WHERE o.{c} = s.{c} AND o._n < s._n)
                        OR EXISTS (SELECT 1 FROM public.{t} AS x
                                   WHERE x.{c} = s.{c} AND x.id <> s.id))
                )
                UPDATE {stage} AS s SET {c} = NULL FROM d WHERE s._n = d._n
                RETURNING d._source_id, d.v
                """
            ).format(c=c, stage=stage, t=t)
        ).fetchall()
        return [
            Problem(
                entity,
                str(source_id),
                "duplicate",
                f"{column} {value!r} is already used by another row: imported without it",
                CHANGED,
            )
            for source_id, value in clashes
        ]
