"""Import benchmark: ``rollbook import unlockedv2`` of a source with 1M attendance rows.

    .venv/bin/python -m bench.bench_import [--attendance 1000000] [--batch 5000] [--rerun]
                                           [--json FILE]

Builds an UnlockEdv2 source database from seed 000's DDL (``tests/importing/ddl``) on the test
PostgreSQL and fills it with ``generate_series``: one facility, students, classes with a weekly
series each and ``--attendance`` marks. Then runs the real import into a fresh Rollbook database
and prints rows per second for the attendance entity and for the whole run, next to the target
(≥ 20,000 attendance rows/s) and to two baselines measured in the same run on the same server:
a raw ``COPY`` of the source attendance into a temporary table, and an ``INSERT … SELECT`` of
the same rows into an unindexed, untriggered copy of our attendance table. ``--rerun`` also
times the second run, which finds nothing changed. ``--json FILE`` (which implies ``--rerun``)
writes the figures: ``first_run_rows_per_s``, ``rerun_rows_per_s``,
``baseline_bare_insert_rows_per_s``, ``baseline_raw_copy_rows_per_s`` and the first run's
ratio to the bare insert. Never fails on a timing.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import psycopg

from app.db import migrate
from app.db.engine import make_server_engine
from app.importing.engine import RunOptions, connect_source, run_import, source_label
from app.importing.run import libpq
from app.importing.unlockedv2 import SYSTEM
from bench.common import print_table

DDL = Path(__file__).resolve().parent.parent / "tests" / "importing" / "ddl" / "unlockedv2.sql"
TARGET_ROWS_PER_S = 20_000


def build_source(url: str, attendance: int) -> None:
    students, classes = 1000, 50
    dates = max(1, -(-attendance // (students * classes)))
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        conn.execute(DDL.read_text(encoding="utf-8"))
        conn.execute(
            "INSERT INTO facilities (id, name, timezone) VALUES (1, 'Bench', 'America/Chicago')"
        )
        conn.execute(
            "INSERT INTO users (id, username, name_first, name_last, email, facility_id)"
            " SELECT i, 'u' || i, 'First' || i, 'Last' || i, 'u' || i || '@bench.example', 1"
            " FROM generate_series(1, %s) AS i",
            (students,),
        )
        conn.execute("INSERT INTO programs (id, name) VALUES (1, 'Bench program')")
        conn.execute(
            "INSERT INTO program_classes (id, program_id, facility_id, name, start_dt)"
            " SELECT i, 1, 1, 'Class ' || i, '2024-01-01T15:00:00Z'"
            " FROM generate_series(1, %s) AS i",
            (classes,),
        )
        conn.execute(
            "INSERT INTO program_class_events (id, class_id, duration, recurrence_rule)"
            " SELECT i, i, '1h', 'FREQ=DAILY' FROM generate_series(1, %s) AS i",
            (classes,),
        )
        conn.execute(
            "INSERT INTO program_class_event_attendance (event_id, user_id, date,"
            " attendance_status) SELECT e, u, to_char(date '2024-01-01' + d, 'YYYY-MM-DD'),"
            " (ARRAY['present', 'absent_excused', 'absent_unexcused'])"
            "[1 + (u + d) %% 3]::attendance"
            " FROM generate_series(0, %s) AS d, generate_series(1, %s) AS e,"
            " generate_series(1, %s) AS u LIMIT %s",
            (dates - 1, classes, students, attendance),
        )
        conn.execute("ANALYZE")


def baselines(source: str, target: str) -> tuple[float, float]:
    """Rows/s of a raw COPY out of the source and a bare INSERT … SELECT on the target."""
    with psycopg.connect(libpq(source)) as src, psycopg.connect(libpq(target)) as dst:
        started = time.perf_counter()
        n = 0
        dst.execute(
            "CREATE TEMP TABLE raw_copy (id int, event_id int, user_id int, date text, s text)"
        )
        with (
            src.cursor().copy(
                "COPY (SELECT id, event_id, user_id, date, attendance_status::text"
                " FROM program_class_event_attendance) TO STDOUT"
            ) as out,
            dst.cursor().copy("COPY raw_copy FROM STDIN") as into,
        ):
            for block in out:
                into.write(block)
                n += bytes(block).count(b"\n")
        copy_rate = n / (time.perf_counter() - started)
        dst.execute("CREATE TEMP TABLE bare (LIKE public.program_class_event_attendance)")
        started = time.perf_counter()
        dst.execute(
            "INSERT INTO bare (id, facility_id, event_id, user_id, date, attendance_status,"
            " created_at, updated_at, row_version, needs_review) SELECT gen_random_uuid(),"
            " gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), r.date::date, 'present',"
            " now(), now(), 1, false FROM raw_copy AS r"
        )
        insert_rate = n / (time.perf_counter() - started)
        dst.rollback()
    return copy_rate, insert_rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendance", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--rerun", action="store_true", help="also time a second, idle run")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="write the figures there (implies --rerun)"
    )
    args = parser.parse_args()
    if args.json is not None:
        args.rerun = True
    from tests import pgserver

    source = pgserver.create_database(prefix="rb_bench_src")
    target = pgserver.create_database(prefix="rb_bench_import")
    try:
        t0 = time.perf_counter()
        build_source(source, args.attendance)
        engine = make_server_engine(target)
        migrate.upgrade(engine)
        engine.dispose()
        built = time.perf_counter() - t0
        print(f"source of {args.attendance:,} attendance rows built in {built:.1f} s")
        copy_rate, insert_rate = baselines(source, target)
        runs = [("first run", False)] + (
            [("second run (nothing changed)", True)] if args.rerun else []
        )
        rows = []
        rates: list[float] = []
        for label, _ in runs:
            seen: dict[str, float] = {}

            def progress(entity: str, done: int, seen: dict[str, float] = seen) -> None:
                seen.setdefault(entity, time.perf_counter())
                seen[entity + ":end"] = time.perf_counter()
                seen[entity + ":rows"] = done

            with psycopg.connect(libpq(target)) as dst, connect_source(libpq(source)) as src:
                started = time.perf_counter()
                report = run_import(
                    SYSTEM,
                    src,
                    dst,
                    RunOptions(batch_size=args.batch, progress=progress),
                    source_label(libpq(source)),
                )
                total = time.perf_counter() - started
            att = report.entities["attendance"]
            n = att.created + att.updated + att.unchanged + att.skipped_total
            previous = max(
                (
                    v
                    for k, v in seen.items()
                    if k.endswith(":end") and not k.startswith("attendance")
                ),
                default=started,
            )
            seconds = seen.get("attendance:end", started) - previous
            rate = n / seconds if seconds > 0 else float("inf")
            rates.append(rate)
            all_rows = sum(
                c.created + c.updated + c.unchanged + c.skipped_total
                for c in report.entities.values()
            )
            rows.append(
                [
                    label,
                    f"{n:,}",
                    f"{seconds:.1f}",
                    f"{rate:,.0f}",
                    f"{TARGET_ROWS_PER_S:,}",
                    f"{rate / copy_rate:.2f}",
                    f"{rate / insert_rate:.2f}",
                    f"{all_rows / total:,.0f}",
                    f"{att.created}/{att.updated}/{att.unchanged}",
                ]
            )
        print_table(
            [
                "run",
                "attendance rows",
                "s",
                "rows/s",
                "target",
                "× raw COPY",
                "× bare INSERT",
                "all rows/s",
                "created/updated/unchanged",
            ],
            rows,
        )
        print(f"baselines: raw COPY {copy_rate:,.0f} rows/s,", end=" ")
        print(f"bare INSERT … SELECT {insert_rate:,.0f} rows/s")
        if args.json is not None:
            figures = {
                "attendance_rows": args.attendance,
                "batch": args.batch,
                "target_rows_per_s": TARGET_ROWS_PER_S,
                "first_run_rows_per_s": round(rates[0]),
                "rerun_rows_per_s": round(rates[1]),
                "baseline_bare_insert_rows_per_s": round(insert_rate),
                "baseline_raw_copy_rows_per_s": round(copy_rate),
                "first_run_over_bare_insert": round(rates[0] / insert_rate, 3),
            }
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
            print(f"figures written to {args.json}")
    finally:
        pgserver.drop_database(source)
        pgserver.drop_database(target)


if __name__ == "__main__":
    main()
