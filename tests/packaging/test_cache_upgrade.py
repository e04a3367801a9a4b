"""After an update, the start-up upgrade of a local cache keeps everything waiting to be sent.

A cache written by the previous schema, with edits still in its outbox, is opened by this
build's start-up path; later releases are played by a copy of the migrations with one more
script, loaded the way the packaged app loads them (``sys._MEIPASS``).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from app.bootstrap import open_local_cache
from app.cache_upgrade import (
    BACKUP_SUFFIX,
    CacheTooNew,
    CacheUnreadable,
    CacheUpgradeFailed,
    read_state,
    upgrade_local_cache,
)
from app.db import migrate
from app.db.engine import make_local_engine
from tests.packaging.conftest import Bundle

NEXT_RELEASE = '''"""A later release: case notes can be pinned."""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''


def next_release(head: str, *body: str) -> dict[str, str]:
    lines = "\n".join(f"    {line}" for line in body)
    return {"20991231_9001_next.py": NEXT_RELEASE.format(head=head, body=lines)}


def previous_revision(head: str) -> str:
    previous = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(head)
    assert previous is not None and isinstance(previous.down_revision, str)
    return previous.down_revision


def edit_offline(engine: Engine) -> None:
    """Staff work with the cache: new rows, a change and a removal, each queued for sending."""
    with engine.begin() as conn:
        for n in range(3):
            conn.execute(
                text("INSERT INTO facilities (id, name, timezone) VALUES (:id, :name, :tz)"),
                {"id": uuid.uuid4().hex, "name": f"Facility {n}", "tz": "Europe/Berlin"},
            )
    with engine.begin() as conn:
        conn.execute(text("UPDATE facilities SET name = 'Renamed' WHERE name = 'Facility 0'"))
        conn.execute(text("DELETE FROM facilities WHERE name = 'Facility 2'"))


def facilities(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT id, name, timezone FROM facilities ORDER BY id")))


def outbox(engine: Engine) -> list[Any]:
    """Every pending entry, in the columns each schema's outbox has had."""
    if "sync_outbox" not in inspect(engine).get_table_names():
        return []
    with engine.connect() as conn:
        return list(
            conn.execute(
                text("SELECT seq, table_name, row_id, op, old FROM sync_outbox ORDER BY seq")
            )
        )


def triggers(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        return {str(name) for (name,) in rows}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_cache_of_the_previous_schema_opens_upgraded_with_nothing_lost(
    tmp_path: Path, head: str
) -> None:
    path = tmp_path / "demo-workstation.sqlite3"
    engine = make_local_engine(path)
    migrate.upgrade(engine, previous_revision(head))
    edit_offline(engine)
    rows, pending = facilities(engine), outbox(engine)
    engine.dispose()

    upgraded = open_local_cache(path)  # what the app does at start-up

    assert migrate.current_revision(upgraded) == head
    assert facilities(upgraded) == rows
    assert outbox(upgraded) == pending
    with upgraded.begin() as conn:  # and what staff do next is queued for sending as well
        conn.execute(text("UPDATE facilities SET timezone = 'Europe/Paris'"))
    assert len(outbox(upgraded)) == len(pending) + len(rows)
    assert not list(tmp_path.glob(f"*{BACKUP_SUFFIX}*"))
    upgraded.dispose()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "sqlcipher"])
def test_the_next_release_upgrades_a_cache_with_pending_changes(
    tmp_path: Path, head: str, bundle: Bundle, encrypted: bool
) -> None:
    key = os.urandom(32) if encrypted else None
    path = tmp_path / "account.rbcache"
    engine = make_local_engine(path, key)
    migrate.upgrade(engine)
    edit_offline(engine)
    rows, pending = facilities(engine), outbox(engine)
    assert len(pending) == 5
    engine.dispose()
    bundle(
        extra=next_release(
            head,
            'op.add_column("case_notes", sa.Column("pinned", sa.Boolean(), nullable=True))',
            'op.create_index("ix_case_notes_pinned", "case_notes", ["pinned"])',
        )
    )

    engine = make_local_engine(path, key)
    assert upgrade_local_cache(engine) == head

    assert migrate.current_revision(engine) == "9001"
    assert "pinned" in {c["name"] for c in inspect(engine).get_columns("case_notes")}
    assert facilities(engine) == rows
    assert outbox(engine) == pending
    assert not list(tmp_path.glob(f"*{BACKUP_SUFFIX}*"))
    engine.dispose()


def test_an_upgrade_that_would_stop_recording_changes_is_undone(
    tmp_path: Path, head: str, bundle: Bundle
) -> None:
    path = tmp_path / "demo-workstation.sqlite3"
    engine = open_local_cache(path)
    edit_offline(engine)
    pending, recorders = outbox(engine), triggers(engine)
    engine.dispose()
    bundle(
        extra=next_release(
            head,
            'op.add_column("facilities", sa.Column("code", sa.String(8)))',
            'op.execute("DROP TRIGGER sync_outbox_update_facilities")',
        )
    )

    with pytest.raises(CacheUpgradeFailed) as failed:
        open_local_cache(path)

    message = failed.value.message
    assert "sync_outbox_update_facilities" in message
    assert "put back as it was before the update, with its 5 changes" in message
    engine = make_local_engine(path)
    assert migrate.current_revision(engine) == head
    assert "code" not in {c["name"] for c in inspect(engine).get_columns("facilities")}
    assert triggers(engine) == recorders
    assert outbox(engine) == pending
    assert not list(tmp_path.glob(f"*{BACKUP_SUFFIX}*"))
    engine.dispose()


def test_a_migration_failing_half_way_leaves_the_cache_as_it_was(
    tmp_path: Path, head: str, bundle: Bundle
) -> None:
    path = tmp_path / "demo-workstation.sqlite3"
    engine = open_local_cache(path)
    edit_offline(engine)
    pending = outbox(engine)
    engine.dispose()
    bundle(
        extra=next_release(
            head,
            'op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))',
            'op.execute("DELETE FROM sync_outbox")',
            'raise RuntimeError("the disk is full")',
        )
    )

    with pytest.raises(CacheUpgradeFailed, match="RuntimeError: the disk is full"):
        open_local_cache(path)

    engine = make_local_engine(path)
    assert migrate.current_revision(engine) == head
    assert "half_done" not in inspect(engine).get_table_names()
    assert outbox(engine) == pending
    engine.dispose()


def test_an_upgrade_cut_off_by_a_crash_is_rolled_back_at_the_next_start(
    tmp_path: Path, head: str
) -> None:
    path = tmp_path / "demo-workstation.sqlite3"
    engine = make_local_engine(path)
    migrate.upgrade(engine, previous_revision(head))
    edit_offline(engine)
    rows, pending = facilities(engine), outbox(engine)
    engine.dispose()
    # The copy the upgrade keeps was written, then the power went mid-way: the cache file is
    # in whatever state the cut left it, here not even readable.
    (tmp_path / f"{path.name}{BACKUP_SUFFIX}").write_bytes(path.read_bytes())
    path.write_bytes(b"\0" * 4096)

    engine = open_local_cache(path)

    assert migrate.current_revision(engine) == head
    assert facilities(engine) == rows
    assert outbox(engine) == pending
    assert not list(tmp_path.glob(f"*{BACKUP_SUFFIX}*"))
    engine.dispose()


def test_a_cache_from_a_newer_rollbook_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "demo-workstation.sqlite3"
    engine = open_local_cache(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    engine.dispose()
    before = digest(path)

    with pytest.raises(CacheTooNew, match=r"newer Rollbook \(schema f00d"):
        open_local_cache(path)

    assert digest(path) == before


def test_a_corrupt_cache_file_is_refused_with_its_name_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "demo-workstation.sqlite3"
    path.write_bytes(b"this is a spreadsheet, not a cache " * 200)
    before = digest(path)

    with pytest.raises(CacheUnreadable) as refused:
        open_local_cache(path)

    assert str(path) in refused.value.message
    assert "damaged" in refused.value.message
    assert digest(path) == before
    assert not list(tmp_path.glob(f"*{BACKUP_SUFFIX}*"))


def test_an_encrypted_cache_opened_with_another_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "account.rbcache"
    engine = make_local_engine(path, os.urandom(32))
    migrate.upgrade(engine)
    engine.dispose()

    with pytest.raises(CacheUnreadable, match="encrypted with a key"):
        upgrade_local_cache(make_local_engine(path, os.urandom(32)))


def test_read_state_counts_what_waits_to_be_sent(tmp_path: Path) -> None:
    engine = open_local_cache(tmp_path / "cache.sqlite3")
    empty = read_state(engine)
    edit_offline(engine)
    state = read_state(engine)
    assert (empty.pending, state.pending) == (0, 5)
    assert state.pending_digest != empty.pending_digest
    assert ("sync_outbox_insert_facilities", "facilities") in state.outbox_triggers
    engine.dispose()
