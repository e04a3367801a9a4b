"""``rollbook transfer export|import|apply``: sync a workstation that is never connected by file.

Export and apply open the staff member's encrypted cache on this computer without asking the
server (the password from ``ROLLBOOK_PASSWORD`` or a prompt, checked against the last sign-in
here); import signs in at a
connected computer as the same staff member or an admin of the facility. Every file is sealed
with the facility's transfer key, read from ``ROLLBOOK_TRANSFER_KEY`` or asked for; never an
argument (``app.sync.transfer``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.cli_workstation import PASSWORD_HELP, SERVER_HELP

KEY_HELP = (
    "The facility's transfer key (it seals every file) is read from ROLLBOOK_TRANSFER_KEY or "
    "asked for in the terminal; it is never an argument. " + PASSWORD_HELP
)
WHICH_HELP = (
    "the staff login whose cache to use, as a server URL without the password "
    "(default: the only account signed in on this computer)"
)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    transfer = sub.add_parser(
        "transfer", help="sync a workstation with no network by transfer file (USB stick)"
    )
    transfer.set_defaults(run=run)
    ts = transfer.add_subparsers(dest="transfer_command", required=True)
    export = ts.add_parser(
        "export", help="write this workstation's pending changes to a file", epilog=KEY_HELP
    )
    export.add_argument("--to", required=True, type=Path, help="the file to write")
    export.add_argument("--server", help=WHICH_HELP)
    imp = ts.add_parser(
        "import",
        help="at a connected computer: push a workstation's file and write its reply",
        epilog=KEY_HELP,
    )
    imp.add_argument("--from", dest="source", required=True, type=Path, help="the export file")
    imp.add_argument("--server", required=True, help=SERVER_HELP)
    imp.add_argument(
        "--reply", type=Path, help="the reply file to write (default: FILE with .reply added)"
    )
    apply = ts.add_parser(
        "apply", help="apply a reply file on the workstation it answers", epilog=KEY_HELP
    )
    apply.add_argument("--from", dest="source", required=True, type=Path, help="the reply file")
    apply.add_argument("--server", help=WHICH_HELP)


def run(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError

    try:
        if args.transfer_command == "import":
            return _import(args)
        return _on_cache(args)
    except DomainError as err:
        print(f"rollbook: {err}", file=sys.stderr)
        return 2


def _secret(variable: str, prompt: str, missing: str) -> str:
    from app.domain.errors import ValidationError

    value = os.environ.get(variable)
    if value:
        return value
    if not _terminal():
        raise ValidationError(f"{missing}: set {variable}, or run the command in a terminal.")
    return getpass.getpass(prompt)


def _terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _transfer_key() -> str:
    return _secret("ROLLBOOK_TRANSFER_KEY", "Facility transfer key: ", "No transfer key")


def _login(url: str | None):  # type: ignore[no-untyped-def]
    """The server profile and user name of ``url``, or of the only account of this computer."""
    from app.db import urls
    from app.domain.errors import ValidationError
    from app.domain.server_profile import ServerProfile
    from app.infra import paths
    from app.infra.accounts import AccountRegistry

    if url:
        return urls.workstation_login(url)
    accounts = AccountRegistry(paths.data_dir() / "accounts.json").all()
    if len(accounts) != 1:
        raise ValidationError(
            "Say whose workstation data to use with --server postgresql://USER@HOST/DB "
            f"({len(accounts)} accounts have signed in on this computer)."
        )
    account = accounts[0]
    address, _, database = account.server.rpartition("/")
    host, _, port = address.rpartition(":")
    return ServerProfile(host, int(port), database), account.username


def _on_cache(args: argparse.Namespace) -> int:
    from app.infra import paths
    from app.infra.credentials import CredentialStore
    from app.signin import SignInService
    from app.sync.local import LocalStore
    from app.sync.transfer import apply_reply, export_changes

    profile, username = _login(args.server)
    password = _secret(
        "ROLLBOOK_PASSWORD", f"Password for {username}: ", f"No password for {username}"
    )
    key = _transfer_key()
    # Export and apply never need the server: a workstation with no network must not wait
    # for a connection that cannot come before it opens its own cache.
    session = SignInService(CredentialStore(), paths.data_dir()).sign_in_here(
        profile, username, password
    )
    try:
        local = LocalStore(session.cache)
        if args.transfer_command == "export":
            done = export_changes(local, args.to, key)
            print(
                f"wrote transfer file No. {done.number} of workstation {done.device_id}: "
                f"{done.rows} changed rows ({done.changes} changes) to {args.to}"
            )
            return 0
        applied = apply_reply(local, args.source, key)
        print(
            f"applied reply No. {applied.number}: changes up to {applied.acknowledged} "
            f"acknowledged, {applied.upserted} rows pulled, {applied.removed} removed, "
            f"{applied.issues} new issues"
        )
        return 0
    finally:
        session.close()


def _import(args: argparse.Namespace) -> int:
    from app.db import migrate, urls
    from app.db.login import fetch_identity
    from app.signin import session_server_engine
    from app.sync.server import ServerStore
    from app.sync.transfer import import_changes

    profile, username = urls.workstation_login(args.server)
    password = _secret(
        "ROLLBOOK_PASSWORD",
        f"Password for {username} on {profile.label}: ",
        f"No password for {username}",
    )
    key = _transfer_key()
    reply = args.reply or args.source.with_name(args.source.name + ".reply")
    server = session_server_engine(profile, username, password)
    try:
        identity = fetch_identity(server)
        done = import_changes(
            ServerStore(server),
            args.source,
            reply,
            key,
            importer=username,
            visible=identity.facility_ids,
            client_revision=migrate.head_revision(),
        )
    finally:
        server.dispose()
    print(
        f"imported transfer file No. {done.number} of workstation {done.device_id}: "
        f"{done.pushed_rows} rows pushed, {done.issues} conflicts or refusals; reply with "
        f"{done.pulled_rows} rows to pull written to {reply}"
    )
    return 0
