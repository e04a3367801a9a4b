"""One import run: entities in dependency order, keyset pages, checkpoints, one report.

A system (``unlockedv2``, ``csv``, ...) is a list of :class:`Entity`: a source query, its key,
and a function turning a source row into the values of one of our rows (or ``None`` after
reporting why). The run reads the source in pages ordered by the key inside one read-only
snapshot, writes each page through :class:`~app.importing.writer.Writer`, and after each page
commits the rows, the id map and the checkpoint together: a cut run resumes after its last
committed page. ``dry_run`` does everything in one transaction and rolls it back.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from app.db.engine import connect_server
from app.domain.ids import name_id
from app.importing.report import EntityCounts, Problem, RunReport
from app.importing.writer import BatchResult, Staged, Target, Writer

log = logging.getLogger(__name__)

Row = dict[str, Any]
Progress = Callable[[str, int], None]


class Skip(Exception):
    """Raised by a converter: the row is not imported, for the reason given (and, in ``more``,
    every other reason found in the same row: each is reported, the row counted once)."""

    def __init__(self, kind: str, detail: str, more: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.more = tuple(more)

    @property
    def reasons(self) -> list[tuple[str, str]]:
        return [(self.kind, self.detail), *self.more]

    @classmethod
    def of(cls, reasons: Sequence[tuple[str, str]]) -> Skip:
        (kind, detail), *more = reasons
        return cls(kind, detail, more)


def gather(*steps: Callable[[], Any]) -> list[Any]:
    """Run every step of a converter that does not depend on another; when some refuse the
    row, one :class:`Skip` names all their reasons (not only the first one met)."""
    results: list[Any] = []
    reasons: list[tuple[str, str]] = []
    for step in steps:
        try:
            results.append(step())
        except Skip as skip:
            reasons.extend(skip.reasons)
            results.append(None)
    if reasons:
        raise Skip.of(reasons)
    return results


@dataclass(frozen=True, slots=True)
class Entity:
    """One kind of our rows made from one source query."""

    name: str  # the id map's source_table: unique per system
    target: Target
    query: str  # a constant SELECT (no WHERE/ORDER needed): the run pages over it by ``key``
    key: tuple[str, ...]  # output columns of ``query`` that order and identify its rows
    convert: Callable[[Row, Context], dict[str, Any]]
    source_id: Callable[[Row], str] = field(default=lambda row: str(row["id"]))


@dataclass(frozen=True, slots=True)
class System:
    name: str
    entities: tuple[Entity, ...]
    no_home: tuple[str, ...] = ()  # source tables counted and named, never imported
    required: tuple[str, ...] = ()  # source tables that must exist
    remarks: tuple[str, ...] = ()  # said in every report of the system
    # What the source holds that no entity reads, when the system knows it beforehand (CSV);
    # otherwise the source's own columns are compared with what the entities' queries read.
    not_read: dict[str, int] | None = None


class Context:
    """What converters see: parent ids from the id map, options, problems of the current row."""

    def __init__(
        self, conn: psycopg.Connection[Any], system: str, source: str, options: dict[str, Any]
    ) -> None:
        self._conn = conn
        self.system = system
        self.source = source
        self.options = options
        self.entity = ""
        self.source_id = ""
        self.notes: list[Problem] = []
        self._maps: dict[str, dict[str, uuid.UUID]] = {}
        self.cache: dict[str, Any] = {}

    def new_id(self, entity: str, source_id: str) -> uuid.UUID:
        """The id a source row gets when nothing maps it yet (stable across runs)."""
        return name_id(f"import:{self.system}:{self.source}:{entity}:{source_id}")

    def id_map(self, entity: str) -> dict[str, uuid.UUID]:
        found = self._maps.get(entity)
        if found is None:
            cur = self._conn.execute(
                "SELECT source_id, target_id FROM public.import_id_map"
                " WHERE system = %s AND source = %s AND source_table = %s",
                (self.system, self.source, entity),
            )
            found = {str(k): v for k, v in cur}
            self._maps[entity] = found
        return found

    def parent(self, entity: str, source_id: object, what: str) -> uuid.UUID:
        """Our id of an imported parent row; an orphan row is skipped and reported."""
        if source_id is None:
            raise Skip("orphan", f"no {what}")
        found = self.id_map(entity).get(str(source_id))
        if found is None:
            raise Skip("orphan", f"{what} {source_id} was not imported or does not exist")
        return found

    def optional_parent(self, entity: str, source_id: object) -> uuid.UUID | None:
        return None if source_id is None else self.id_map(entity).get(str(source_id))

    def note(self, kind: str, detail: str, action: str) -> None:
        """Report a change made to the current row (it is still imported)."""
        self.notes.append(Problem(self.entity, self.source_id, kind, detail, action))

    def wants_ids(self, entity: str) -> bool:
        """Whether the id map of ``entity`` is loaded, so must learn about rows as they land."""
        return entity in self._maps

    def written(self, entity: str, ids: dict[str, uuid.UUID] | None) -> None:
        """Rows of ``entity`` landed: add them to its loaded map, or drop a map loaded while
        they were on their way without their ids (it is read again when next needed)."""
        if entity in self._maps:
            if ids is None:
                del self._maps[entity]
            else:
                self._maps[entity].update(ids)

    def target_rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._conn.execute(query, params))


@dataclass(slots=True)
class RunOptions:
    dry_run: bool = False
    restart: bool = False
    batch_size: int = 5000
    source_name: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    progress: Progress | None = None


def source_label(conninfo: str) -> str:
    """A name for the source instance in the id map: host and database, never a password."""
    info = psycopg.conninfo.conninfo_to_dict(conninfo)
    host = str(info.get("host") or "local")
    if host.startswith("/"):
        host = "local"
    return f"{host}/{info.get('dbname') or ''}"


def run_import(
    system: System,
    source: psycopg.Connection[Row],
    target: psycopg.Connection[Any],
    opts: RunOptions,
    label: str,
) -> RunReport:
    """Run ``system`` from ``source`` into ``target`` (both open, not in autocommit mode)."""
    started = time.perf_counter()
    run_id, checkpoint = _begin(target, system.name, label, opts)
    report = RunReport(system.name, label, str(run_id), dry_run=opts.dry_run)
    if checkpoint:
        report.restore(checkpoint["report"])
        report.resumed = True
    done: list[str] = list(checkpoint.get("done", []))
    actor = f"import:{system.name}"
    writer = Writer(
        target,
        system=system.name,
        source=label,
        run_id=run_id,
        actor=actor,
        device=f"import {run_id}",
    )
    ctx = Context(target, system.name, label, opts.options)
    _check_tables(source, system)
    # Converting a page (Python) overlaps with writing the previous one (PostgreSQL): one writer
    # thread, one page in flight, and everything that touches the report stays on this thread.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer") as pool:
        for entity in system.entities:
            if entity.name in done:
                continue
            counts = report.counts(entity.name)
            last = checkpoint.get("last", {}).get(entity.name) if checkpoint else None
            seen = 0
            pending: (
                tuple[Future[tuple[BatchResult, list[Problem]]], list[Problem], int, Any] | None
            )
            pending = None
            for page in _pages(source, entity, last, opts.batch_size):
                staged, found = _convert(entity, page, ctx)
                prepared = writer.prepare(entity.target, staged)
                key = [_jsonable(page[-1][k]) for k in entity.key]
                if pending is not None:
                    seen = _finish(pending, entity, counts, report, ctx, seen)
                    _checkpoint(target, run_id, report, done, {entity.name: pending[3]}, opts)
                    if opts.progress is not None:
                        opts.progress(entity.name, seen)
                job = pool.submit(
                    writer.write,
                    entity.name,
                    entity.target,
                    prepared,
                    ids=ctx.wants_ids(entity.name),
                )
                pending = (job, found, len(page), key)
                report.seconds = time.perf_counter() - started
            if pending is not None:
                seen = _finish(pending, entity, counts, report, ctx, seen)
                _checkpoint(target, run_id, report, done, {entity.name: pending[3]}, opts)
                if opts.progress is not None:
                    opts.progress(entity.name, seen)
            done.append(entity.name)
            _checkpoint(target, run_id, report, done, {}, opts)
    report.no_home = _count_no_home(source, system)
    report.not_read = (
        dict(system.not_read) if system.not_read is not None else _count_not_read(source, system)
    )
    report.remarks = list(system.remarks)
    report.seconds = time.perf_counter() - started
    if opts.dry_run:
        target.rollback()
    else:
        target.execute(
            "UPDATE public.import_runs SET status = 'finished', finished_at = now(), report = %s"
            " WHERE id = %s",
            (json.dumps(report.as_json()), run_id),
        )
        target.commit()
    source.rollback()
    return report


def _convert(entity: Entity, page: list[Row], ctx: Context) -> tuple[list[Staged], list[Problem]]:
    """Our rows for one page, and the problems found on the way (reported once it is written)."""
    staged: list[Staged] = []
    found: list[Problem] = []
    ctx.entity = entity.name
    for row in page:
        ctx.source_id = entity.source_id(row)
        ctx.notes = []
        try:
            values = entity.convert(row, ctx)
        except Skip as skip:
            found.extend(
                Problem(entity.name, ctx.source_id, kind, detail, same_row=n > 0)
                for n, (kind, detail) in enumerate(skip.reasons)
            )
            continue
        finally:
            found.extend(ctx.notes)
        staged.append(Staged(ctx.source_id, values))
    return staged, found


def _finish(
    pending: tuple[Future[tuple[BatchResult, list[Problem]]], list[Problem], int, Any],
    entity: Entity,
    counts: EntityCounts,
    report: RunReport,
    ctx: Context,
    seen: int,
) -> int:
    """Wait for a page's write and account for it; returns the rows read so far."""
    job, found, rows, _key = pending
    result, problems = job.result()
    for problem in (*found, *problems):
        report.problem(problem)
    counts.created += result.created
    counts.updated += result.updated
    counts.unchanged += result.unchanged
    ctx.written(entity.name, result.written)
    return seen + rows


def _begin(
    target: psycopg.Connection[Any], system: str, label: str, opts: RunOptions
) -> tuple[uuid.UUID, dict[str, Any]]:
    if not opts.dry_run:
        cut = target.execute(
            "SELECT id, checkpoint FROM public.import_runs WHERE system = %s AND source = %s"
            " AND status = 'running' ORDER BY started_at DESC LIMIT 1",
            (system, label),
        ).fetchone()
        if cut is not None and not opts.restart:
            log.info("resuming import run %s", cut[0])
            return cut[0], dict(cut[1])
        target.execute(
            "UPDATE public.import_runs SET status = 'abandoned' WHERE system = %s AND source = %s"
            " AND status = 'running'",
            (system, label),
        )
    run_id = uuid.uuid4()
    target.execute(
        "INSERT INTO public.import_runs (id, system, source, status)"
        " VALUES (%s, %s, %s, 'running')",
        (run_id, system, label),
    )
    if not opts.dry_run:
        target.commit()
    return run_id, {}


def _checkpoint(
    target: psycopg.Connection[Any],
    run_id: uuid.UUID,
    report: RunReport,
    done: list[str],
    last: dict[str, Any],
    opts: RunOptions,
) -> None:
    if opts.dry_run:
        return
    state = {"done": done, "last": last, "report": report.as_json()}
    target.execute(
        "UPDATE public.import_runs SET checkpoint = %s WHERE id = %s",
        (json.dumps(state), run_id),
    )
    target.commit()


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, int | str) or value is None else str(value)


def _pages(
    source: psycopg.Connection[Row], entity: Entity, last: list[Any] | None, size: int
) -> Iterator[list[Row]]:
    """The entity's rows after ``last`` in key order, a page at a time, from one server-side
    cursor: the source runs its query once, not once per page."""
    keys = sql.SQL(", ").join(sql.SQL("q.{}").format(sql.Identifier(k)) for k in entity.key)
    base = sql.SQL(entity.query)  # type: ignore[arg-type,unused-ignore]  # module constants
    if last is None:
        query = sql.SQL("SELECT * FROM ({}) AS q ORDER BY {}").format(base, keys)
        params: list[Any] = []
    else:
        marks = sql.SQL(", ").join(sql.Placeholder() * len(entity.key))
        query = sql.SQL("SELECT * FROM ({}) AS q WHERE ({}) > ({}) ORDER BY {}").format(
            base, keys, marks, keys
        )
        params = list(last)
    with source.cursor(name=f"import_{entity.name}") as cursor:
        cursor.execute(query, params)
        while page := cursor.fetchmany(size):
            yield page


def _check_tables(source: psycopg.Connection[Row], system: System) -> None:
    for table in system.required:
        found = source.execute("SELECT to_regclass(%s) AS t", (f"public.{table}",)).fetchone()
        if found is None or found["t"] is None:
            raise ValueError(f"the source has no table {table!r}: is it a {system.name} database?")


def _count_no_home(source: psycopg.Connection[Row], system: System) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in system.no_home:
        found = source.execute("SELECT to_regclass(%s) AS t", (f"public.{table}",)).fetchone()
        if found is None or found["t"] is None:
            continue
        row = source.execute(
            sql.SQL("SELECT count(*) AS n FROM public.{}").format(sql.Identifier(table))
        ).fetchone()
        counts[table] = int(row["n"]) if row else 0
    return counts


def _count_not_read(source: psycopg.Connection[Row], system: System) -> dict[str, int]:
    """The source's tables and columns that no entity's query reads (and that are not
    declared as having no home): a table with its rows, a column with its values."""
    from app.importing.coverage import columns_read, source_columns

    schema = source_columns(source)
    read = columns_read((e.query for e in system.entities), schema)
    found: dict[str, int] = {}
    for table, columns in sorted(schema.items()):
        if table in system.no_home:
            continue
        t = sql.Identifier(table)
        if table not in read:
            row = source.execute(
                sql.SQL("SELECT count(*) AS n FROM public.{}").format(t)
            ).fetchone()
            found[table] = int(row["n"]) if row else 0
            continue
        unread = [c for c in columns if c not in read[table]]
        if not unread:
            continue
        row = source.execute(
            sql.SQL("SELECT {} FROM public.{}").format(
                sql.SQL(", ").join(
                    sql.SQL("count({}) AS {}").format(sql.Identifier(c), sql.Identifier(c))
                    for c in unread
                ),
                t,
            )
        ).fetchone()
        for column in unread:
            found[f"{table}.{column}"] = int(row[column]) if row else 0
    return found


def connect_source(conninfo: str) -> psycopg.Connection[Row]:
    conn = connect_server(conninfo, statement_timeout_s=None, row_factory=dict_row)
    conn.read_only = True
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    return conn
