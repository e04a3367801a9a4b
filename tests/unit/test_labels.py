"""Every synced table a sync issue or the audit trail can name has words for people."""

from __future__ import annotations

from app.services.labels import TABLE_LABELS
from app.sync.tables import synced_tables


def test_every_synced_table_has_a_label() -> None:
    missing = [t.name for t in synced_tables() if t.name not in TABLE_LABELS]
    assert missing == []
