"""What a person types for a server, and the accounts file a workstation keeps."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.domain.server_profile import ServerProfile
from app.infra.accounts import AccountRegistry, LocalAccount


def test_a_server_is_cleaned_and_named() -> None:
    profile = ServerProfile.parse("  db.example.org ", " 5433", "rollbook", "verify-full")
    assert profile == ServerProfile("db.example.org", 5433, "rollbook", "verify-full")
    assert profile.key == "db.example.org:5433/rollbook"
    assert ServerProfile.parse("10.0.0.7", 5432, "rb", "disable").host == "10.0.0.7"
    assert ServerProfile.parse("/var/run/postgresql", 5432, "rb", "prefer").host.startswith("/")


@pytest.mark.parametrize(
    ("host", "port", "database", "tls", "field"),
    [
        ("", "5432", "rollbook", "prefer", "host"),
        ("db example", "5432", "rollbook", "prefer", "host"),
        ("db.example.org", "0", "rollbook", "prefer", "port"),
        ("db.example.org", "65536", "rollbook", "prefer", "port"),
        ("db.example.org", "five", "rollbook", "prefer", "port"),
        ("db.example.org", "5432", "", "prefer", "database"),
        ("db.example.org", "5432", "x; DROP", "prefer", "database"),
        ("db.example.org", "5432", "rollbook", "sometimes", "tls"),
    ],
)
def test_bad_server_input_names_its_field(
    host: str, port: str, database: str, tls: str, field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        ServerProfile.parse(host, port, database, tls)
    assert err.value.field == field


def _account(name: str = "ada") -> LocalAccount:
    return LocalAccount(
        server="db:5432/rollbook",
        username=name,
        device_id="dev-1",
        cache_file="x.rbcache",
        verifier="scrypt$…",
    )


def test_accounts_round_trip_and_removal(tmp_path: Path) -> None:
    registry = AccountRegistry(tmp_path / "accounts.json")
    assert registry.get("db:5432/rollbook", "ada") is None
    registry.put(_account("ada"))
    registry.put(
        _account("bob").with_online(datetime(2026, 11, 22, tzinfo=UTC), uuid.uuid4(), "instructor")
    )
    again = AccountRegistry(tmp_path / "accounts.json")
    assert again.get("db:5432/rollbook", "ada") == _account("ada")
    bob = again.get("db:5432/rollbook", "bob")
    assert bob is not None and bob.role == "instructor" and bob.last_online_at
    assert {a.username for a in again.all()} == {"ada", "bob"}
    again.remove("db:5432/rollbook", "ada")
    assert [a.username for a in registry.all()] == ["bob"]


@pytest.mark.parametrize(
    "content", ["{not json", "[]", '{"accounts": 3}', '{"accounts": {"s|u": {"x": 1}}}']
)
def test_a_damaged_accounts_file_means_no_offline_sign_in_not_a_crash(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "accounts.json"
    path.write_text(content)
    registry = AccountRegistry(path)
    assert registry.get("s", "u") is None
    registry.put(_account())  # the next online sign-in rewrites it
    assert registry.get("db:5432/rollbook", "ada") == _account()


def test_sync_status_says_how_long_ago() -> None:
    from datetime import timedelta

    from app.domain.sync_status import SyncStatus

    at = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    synced = SyncStatus("synced", 0, None, 0, at, 0.0)
    assert synced.describe() == "synced"
    assert synced.describe(at + timedelta(seconds=20)) == "synced · last sync just now"
    assert synced.describe(at + timedelta(minutes=7)) == "synced · last sync 7 min ago"
    assert synced.describe(at + timedelta(days=3)) == "synced · last sync 3 days ago"
    pending = SyncStatus("pending", 4, at, 0, at, -7200.0)
    text = pending.describe(at + timedelta(hours=2))
    assert text.startswith("pending 4 since 2026-11-22 08:00 UTC · last sync 2 h ago")
    assert "clock is -120 min off" in text
