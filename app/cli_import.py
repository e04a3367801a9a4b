"""``rollbook import SYSTEM --from SOURCE --into SERVER``: bring another system's history along."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli_login import ADMIN_PASSWORD_HELP, admin_url

SYSTEMS = ("unlockedv2", "result-institute", "aada", "academy", "csv")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import",
        help="import a facility's history from another system or from CSV files",
        description="Import from a seed system's PostgreSQL database or from CSV files. "
        "Re-runnable: a second run updates what changed and adds what is new; a cut run resumes.",
        epilog=ADMIN_PASSWORD_HELP.replace("Your own password", "The password of each URL"),
    )
    p.add_argument("system", choices=SYSTEMS, help="the kind of source")
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        help="the source: a PostgreSQL URL (without the password), or for csv a folder of CSV "
        "files",
    )
    p.add_argument(
        "--into",
        required=True,
        help="the Rollbook server's owner/superuser URL, without the password",
    )
    p.add_argument("--dry-run", action="store_true", help="do everything, then roll it back")
    p.add_argument("--restart", action="store_true", help="do not resume a cut run; start over")
    p.add_argument("--mapping", type=Path, help="csv: the column-mapping file (JSON or TOML)")
    p.add_argument("--facility", help="facility name, for sources without facilities")
    p.add_argument("--timezone", help="IANA timezone of that facility (default UTC)")
    p.add_argument("--source-name", help="name of the source in the id map (default host/db)")
    p.add_argument("--batch-size", type=int, default=5000, help="rows per page (default 5000)")
    p.add_argument("--report-json", type=Path, help="also write the report as JSON here")


def run(args: argparse.Namespace) -> int:
    from app.importing.run import ImportRequest, run_request

    options: dict[str, Any] = {}
    if args.facility:
        options["facility"] = args.facility
    if args.timezone:
        options["timezone"] = args.timezone
    request = ImportRequest(
        system=args.system,
        source=args.source if args.system == "csv" else admin_url(args.source, option="--from"),
        into=admin_url(args.into, option="--into"),
        dry_run=args.dry_run,
        restart=args.restart,
        mapping=args.mapping,
        source_name=args.source_name,
        batch_size=args.batch_size,
        options=options,
    )

    def progress(entity: str, rows: int) -> None:
        print(f"\r  {entity}: {rows} rows read", end="", file=sys.stderr, flush=True)

    report = run_request(request, progress=progress)
    print(file=sys.stderr)
    print(report.render())
    if args.report_json:
        args.report_json.write_text(json.dumps(report.as_json(), indent=2), encoding="utf-8")
    return 0
