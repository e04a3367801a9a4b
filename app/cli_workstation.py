"""``rollbook workstation init`` and ``rollbook sync``: a workstation's slice, headless.

Both sign in as the staff member (password from ``ROLLBOOK_PASSWORD`` or a prompt, never an
argument), so they share the app's encrypted per-account cache in the user data folder.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import threading
import uuid
from collections.abc import Sequence

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (5, 15, 60, 300)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ws = sub.add_parser("workstation", help="enrol this computer as a workstation")
    ws_sub = ws.add_subparsers(dest="workstation_command", required=True)
    init = ws_sub.add_parser("init", help="register and pull the slice this login may see")
    init.add_argument(
        "--server", required=True, help="postgresql://USER@HOST[:PORT]/DB[?sslmode=…]"
    )
    init.add_argument(
        "--facility", action="append", default=[], help="facility name or id (repeat; default all)"
    )
    sync = sub.add_parser("sync", help="push this workstation's changes and pull others'")
    sync.add_argument(
        "--server", required=True, help="postgresql://USER@HOST[:PORT]/DB[?sslmode=…]"
    )
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one cycle, then exit (the default)")
    mode.add_argument("--watch", action="store_true", help="keep syncing every --every seconds")
    sync.add_argument("--every", type=float, default=60.0, help="seconds between cycles (--watch)")
    sync.add_argument("--verify", action="store_true", help="compare digests after pulling")


def run(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError
    from app.infra import paths
    from app.infra.credentials import CredentialStore
    from app.signin import SignInService

    profile, username = _profile(args.server)
    password = os.environ.get("ROLLBOOK_PASSWORD") or getpass.getpass(f"Password for {username}: ")
    signin = SignInService(CredentialStore(), paths.data_dir())
    session = signin.sign_in(profile, username, password, remember=False)
    try:
        if not session.online:
            print(f"rollbook: {session.notice}", file=sys.stderr)
            return 3
        if args.command == "workstation":
            return _init(session, args.facility)
        return _sync(session, watch=args.watch, every=args.every, verify=args.verify)
    except DomainError as err:
        print(f"rollbook: {err}", file=sys.stderr)
        return 2
    finally:
        session.close()


def _profile(url: str):  # type: ignore[no-untyped-def]
    from sqlalchemy.engine import make_url

    from app.domain.errors import ValidationError
    from app.domain.server_profile import DEFAULT_PORT, ServerProfile

    parsed = make_url(url)
    if not parsed.username:
        raise ValidationError("The server URL needs your user name: postgresql://USER@HOST/DB")
    if parsed.password:
        raise ValidationError("Leave the password out of the URL; it is asked for.")
    tls = str(parsed.query.get("sslmode", "prefer"))
    profile = ServerProfile.parse(
        parsed.host or "", parsed.port or DEFAULT_PORT, parsed.database or "", tls
    )
    return profile, parsed.username


def _init(session, facilities: Sequence[str]) -> int:  # type: ignore[no-untyped-def]
    from app.domain.errors import NotFound

    wanted: frozenset[uuid.UUID] | None = None
    if facilities:
        from app.repositories.uow import UnitOfWorkFactory
        from app.services.facilities import FacilityService

        # Names as the server has them: the cache is still empty before the first pull.
        on_server = FacilityService(UnitOfWorkFactory(session.server, session.actor))
        known = {f.name: f.id for f in on_server.list_facilities()}
        ids = set()
        for value in facilities:
            try:
                ids.add(uuid.UUID(value))
            except ValueError:
                if value not in known:
                    raise NotFound(f"No facility named {value!r} that you may see.") from None
                ids.add(known[value])
        wanted = frozenset(ids)
    engine = session.sync_engine(wanted, progress=_print_progress)
    report = engine.cycle(verify=True)
    print()
    print(
        f"workstation {engine.device_id} ready: {sum(report.applied.upserted.values())} rows "
        f"pulled for {len(engine.facilities)} facilities"
    )
    return 0


def _sync(session, *, watch: bool, every: float, verify: bool) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import OperationalError

    from app.sync.local import LocalStore
    from app.sync.status import read_status

    stop = threading.Event()
    failures = 0
    while True:
        try:
            engine = session.sync_engine(progress=_print_progress)
            report = engine.cycle(verify=verify)
            failures = 0
            print(
                f"\npushed {report.pushed_rows} rows, pulled "
                f"{sum(report.applied.upserted.values())}, removed "
                f"{sum(report.applied.removed.values())}, new issues {report.issues}"
            )
        except (OSError, OperationalError) as err:
            failures += 1
            log.warning("sync failed (%s); will retry", err)
        except Exception as err:
            if not watch:
                raise
            failures += 1
            log.warning("sync failed (%s); will retry", err)
        print(read_status(LocalStore(session.cache)).describe())
        if not watch:
            return 0 if failures == 0 else 4
        delay = every if failures == 0 else BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS)) - 1]
        if stop.wait(delay):
            return 0


def _print_progress(stage: str, done: int, total: int) -> None:
    shown = f"{done}/{total}" if total else str(done)
    print(f"\r{stage}: {shown}          ", end="", file=sys.stderr, flush=True)
