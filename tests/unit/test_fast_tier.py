"""The fast tier refuses a database, so a slow test cannot creep into it unnoticed."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.db.engine import make_local_engine


def test_a_database_opened_in_the_fast_tier_is_refused_with_advice() -> None:
    engine = make_local_engine(":memory:")
    with (
        pytest.raises(AssertionError, match="belongs in tests/integration"),
        engine.connect() as conn,
    ):
        conn.execute(text("SELECT 1"))
    engine.dispose()
