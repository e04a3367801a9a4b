"""Start-up upgrade of a workstation cache after an update, losing nothing that waits to sync.

SQLite runs most DDL outside the transaction Alembic opens (Python's driver only begins one
before data statements), so a migration that fails half-way would leave a cache half upgraded.
Before upgrading, the cache file is copied beside itself (``<file>.pre-upgrade``, written
atomically); the upgrade must keep every pending outbox entry and every outbox trigger of a
table that still exists, or the copy is put back and a ``CacheUpgradeFailed`` says so. A copy
found at start-up means an upgrade was cut off (power, a killed process): it is put back first.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DatabaseError

from app import resources
from app.db import migrate
from app.domain.errors import DomainError

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".pre-upgrade"


class CacheUnreadable(DomainError):
    """The cache file is damaged, not a Rollbook cache, or encrypted with another key."""


class CacheTooNew(DomainError):
    """The cache was written by a newer Rollbook than this one."""


class CacheUpgradeFailed(DomainError):
    """The upgrade failed or would have lost pending changes; the cache is as it was."""


@dataclass(frozen=True, slots=True)
class CacheState:
    """What an upgrade must not lose, read from the file itself."""

    revision: str | None
    tables: frozenset[str]
    outbox_triggers: frozenset[tuple[str, str]]  # (trigger, table)
    pending: int  # outbox entries waiting to be pushed
    pending_digest: str  # of the columns every outbox has had: seq, table, row, op, old


def read_state(engine: Engine) -> CacheState:
    """Read the cache's revision and outbox; ``CacheUnreadable`` if it is not a readable cache."""
    try:
        with engine.connect() as conn:
            return _state(conn)
    except DatabaseError as err:
        raise CacheUnreadable(_unreadable_message(engine, err)) from err


def read_revision(engine: Engine) -> str | None:
    """The cache's schema revision (``None``: empty); ``CacheUnreadable`` as ``read_state``."""
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'")
            ).first()
            if found is None:
                return None
            value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            return None if value is None else str(value)
    except DatabaseError as err:
        raise CacheUnreadable(_unreadable_message(engine, err)) from err


def _state(conn: Connection) -> CacheState:
    master = conn.execute(text("SELECT type, name, tbl_name FROM sqlite_master")).all()
    tables = frozenset(str(n) for kind, n, _t in master if kind == "table")
    revision = None
    if "alembic_version" in tables:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    triggers = frozenset(
        (str(n), str(t))
        for kind, n, t in master
        if kind == "trigger" and str(n).startswith("sync_outbox_")
    )
    pending, digest = 0, hashlib.sha256()
    if "sync_outbox" in tables:
        rows = conn.execute(
            text("SELECT seq, table_name, row_id, op, old FROM sync_outbox ORDER BY seq")
        )
        for row in rows:
            pending += 1
            digest.update(repr(tuple(row)).encode())
    return CacheState(revision, tables, triggers, pending, digest.hexdigest())


def upgrade_local_cache(engine: Engine) -> str | None:
    """Bring the cache behind ``engine`` to this build's schema; return its revision before.

    Blocking (file copies, migrations); call it off the GUI thread, before anything else uses
    the cache. Raises ``CacheUnreadable``, ``CacheTooNew``, ``CacheUpgradeFailed`` (the cache
    left as it was in each case) or ``MissingResource`` (the installation lacks migrations).
    A cache already at this schema costs one read of its revision.
    """
    resources.require_migrations()
    path = cache_file(engine)
    if path is not None:
        _finish_interrupted_upgrade(engine, path)
    revision = read_revision(engine)
    if revision == migrate.head_revision():
        return revision
    if revision is not None and revision not in migrate.known_revisions():
        raise CacheTooNew(
            f"The local cache {_name(engine)} was written by a newer Rollbook (schema "
            f"{revision}; this one knows up to {migrate.head_revision()}). Nothing was "
            "changed: install that newer Rollbook again to keep working with it."
        )
    before = read_state(engine)
    backup = _backup(engine, path) if path is not None and before.tables else None
    try:
        migrate.upgrade(engine)
        after = read_state(engine)
        lost = _lost(before, after)
        if lost:
            raise CacheUpgradeFailed(lost)
    except BaseException as err:
        engine.dispose()
        if backup is not None and path is not None:
            _restore(backup, path)
        elif path is not None:  # a new file: nothing to keep, and half a schema helps no one
            for leftover in (path, *_companions(path)):
                leftover.unlink(missing_ok=True)
        if not isinstance(err, Exception):
            raise
        reason = err.message if isinstance(err, DomainError) else f"{type(err).__name__}: {err}"
        log.exception("upgrade of the local cache %s failed", path)
        kept = ""
        if before.pending:
            kept = f", with its {before.pending} changes still waiting to be sent"
        raise CacheUpgradeFailed(
            f"Rollbook could not bring the local cache {_name(engine)} up to this version "
            f"({reason}). The cache was put back as it was before the update{kept}. Nothing "
            "was lost; tell your administrator, who can reinstall the previous version."
        ) from err
    if backup is not None:
        backup.unlink()
    log.info(
        "local cache %s upgraded from %s to %s; %d pending changes kept",
        _name(engine),
        before.revision or "empty",
        after.revision,
        after.pending,
    )
    return revision


def cache_file(engine: Engine) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _name(engine: Engine) -> str:
    path = cache_file(engine)
    return str(path) if path is not None else "in memory"


def _unreadable_message(engine: Engine, err: DatabaseError) -> str:
    return (
        f"The local cache {_name(engine)} cannot be read ({err.orig}): the file is damaged, "
        "is not a Rollbook cache, or is encrypted with a key this computer no longer has. "
        "Nothing was changed. Move the file aside (or delete it, if it held nothing waiting "
        "to be sent) and Rollbook starts a fresh cache."
    )


def _lost(before: CacheState, after: CacheState) -> str | None:
    if "sync_outbox" in before.tables and "sync_outbox" not in after.tables:
        return "the upgrade removed the outbox of changes waiting to be sent"
    if (after.pending, after.pending_digest) != (before.pending, before.pending_digest):
        return (
            f"the upgrade changed the changes waiting to be sent ({before.pending} before, "
            f"{after.pending} after)"
        )
    gone = sorted(
        trigger
        for trigger, table in before.outbox_triggers - after.outbox_triggers
        if table in after.tables
    )
    if gone:
        return (
            "the upgrade removed triggers that record changes for sending "
            f"({', '.join(gone[:3])}{' …' if len(gone) > 3 else ''})"
        )
    return None


def _companions(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _backup(engine: Engine, path: Path) -> Path:
    """Copy the cache beside itself once everything is in the main file (WAL checkpointed)."""
    try:
        with engine.connect() as conn:
            busy = conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).first()
        if busy is not None and busy[0]:
            raise CacheUpgradeFailed(
                f"The local cache {path} is in use by another program (another Rollbook?). "
                "Close it and start Rollbook again; nothing was changed."
            )
        engine.dispose()  # the last connection closed: the file alone holds the cache
        backup = path.with_name(path.name + BACKUP_SUFFIX)
        _atomic_copy(path, backup)
    except OSError as err:
        raise CacheUpgradeFailed(
            f"Rollbook needs to upgrade the local cache {path} and keep a copy of it first, "
            f"but cannot write beside it ({err.strerror or err}). Nothing was changed; free "
            "some disk space or make the folder writable, then start Rollbook again."
        ) from err
    return backup


def _restore(backup: Path, path: Path) -> None:
    # The WAL belongs to the failed attempt; applied to the restored file it would corrupt it.
    for companion in _companions(path):
        companion.unlink(missing_ok=True)
    _atomic_copy(backup, path)
    backup.unlink()
    log.warning("local cache %s put back as it was before the upgrade", path)


def _finish_interrupted_upgrade(engine: Engine, path: Path) -> None:
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    for partial in (backup, path):  # copies cut off half-way (see _atomic_copy)
        partial.with_name(partial.name + ".tmp").unlink(missing_ok=True)
    if backup.exists():
        engine.dispose()
        log.warning("an upgrade of %s did not finish; putting the copy from before it back", path)
        _restore(backup, path)


def _atomic_copy(source: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".tmp")
    with source.open("rb") as src, partial.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(partial, target)
