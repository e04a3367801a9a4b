"""``rollbook --self-check`` and ``--version``: what an admin sees on a good and a bad install."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoKeyring

from app import __version__, selfcheck
from app.bootstrap import open_local_cache
from app.cli import main as cli_main
from app.db import migrate
from app.db.engine import make_local_engine
from app.infra import paths
from app.infra.accounts import AccountRegistry, LocalAccount
from app.infra.credentials import CredentialStore
from app.selfcheck import Outcome
from tests.keyrings import MemoryKeyring
from tests.packaging.conftest import REPO, Bundle, app_env

sys.path.insert(0, str(REPO / "packaging"))
import version_info


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_ENV, str(folder))
    return folder


@pytest.fixture
def ring() -> Iterator[KeyringBackend]:
    """The process's keyring, restored after the test (``CredentialStore()`` reads it)."""
    previous = keyring.get_keyring()
    yield previous
    keyring.set_keyring(previous)


def test_self_check_passes_from_source_and_names_each_check(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--self-check"],
        cwd=REPO,
        env=app_env(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"Rollbook {__version__} self-check (from source")
    names = ("resources", "translations", "data folder", "keyring", "SQLCipher", "PostgreSQL")
    for name in (*names, "cache"):
        assert any(line.split()[1:2] == name.split()[:1] for line in lines), name
    assert '"offscreen" platform plugin loads' in done.stdout
    assert lines[-1].startswith("self-check passed")


def test_a_qt_platform_that_cannot_load_fails_with_qts_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "no-such-screen")
    check = selfcheck.check_qt_platform(selfcheck.qt_probe_command())
    assert check.outcome is Outcome.FAIL
    assert 'Could not find the Qt platform plugin "no-such-screen"' in check.detail
    assert "(no-such-screen)" in check.detail


def test_no_keyring_is_a_warning_that_explains_itself(ring: KeyringBackend) -> None:
    keyring.set_keyring(NoKeyring())
    check = selfcheck.check_keyring()
    assert check.outcome is Outcome.WARN
    assert "asks for it at each sign-in" in check.detail
    keyring.set_keyring(MemoryKeyring())
    check = selfcheck.check_keyring()
    assert check.outcome is Outcome.OK
    assert "MemoryKeyring" in check.detail


def test_resources_missing_from_an_installation_fail_the_check(bundle: Bundle) -> None:
    assert selfcheck.check_resources().outcome is Outcome.OK
    root = bundle(without=("migrations/env.py", "resources/icons/rollbook.png"))
    check = selfcheck.check_resources()
    assert check.outcome is Outcome.FAIL
    assert "application icon" in check.detail and "database migrations" in check.detail
    assert str(root / "migrations" / "env.py") in check.detail


def test_qt_translations_are_found_or_their_absence_explained(tmp_path: Path) -> None:
    found = selfcheck.check_translations()
    assert found.outcome is Outcome.OK
    assert int(found.detail.split()[4]) > 10  # "Qt's own strings in N languages"
    missing = selfcheck.check_translations(tmp_path)
    assert missing.outcome is Outcome.WARN
    assert f"no Qt translations in {tmp_path}" in missing.detail


def test_a_read_only_data_folder_fails_the_check(
    read_only_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.DATA_ENV, str(read_only_folder))
    check = selfcheck.check_data_folder()
    assert check.outcome is Outcome.FAIL
    assert f"cannot write to its data folder {read_only_folder}" in check.detail


def test_caches_are_read_and_judged(data: Path, ring: KeyringBackend) -> None:
    keyring.set_keyring(MemoryKeyring())
    assert selfcheck.check_caches().detail.startswith("no local cache")
    demo = open_local_cache(paths.demo_cache_path())
    demo.dispose()
    assert selfcheck.check_caches().outcome is Outcome.OK
    key = bytes(range(32))
    CredentialStore().save_cache_key("db.example.org:5432/rollbook", "ada", key)
    AccountRegistry(data / "accounts.json").put(
        LocalAccount("db.example.org:5432/rollbook", "ada", "dev-1", "ada.rbcache", "v")
    )
    (data / "caches").mkdir()
    account = make_local_engine(data / "caches" / "ada.rbcache", key)
    migrate.upgrade(account, "0001")
    account.dispose()

    check = selfcheck.check_caches()

    assert check.outcome is Outcome.OK
    assert f"demo workstation: readable, schema {migrate.head_revision()}" in check.detail
    assert (
        "ada@db.example.org:5432/rollbook: readable, schema 0001: upgraded at the next start"
        in check.detail
    )


def test_a_damaged_cache_fails_the_check_without_being_touched(data: Path) -> None:
    data.mkdir()
    paths.demo_cache_path().write_bytes(b"\x00garbage" * 100)
    check = selfcheck.check_caches()
    assert check.outcome is Outcome.FAIL
    assert "demo workstation: The local cache" in check.detail
    assert "cannot be read" in check.detail
    assert paths.demo_cache_path().read_bytes() == b"\x00garbage" * 100


def test_the_report_fails_when_any_check_fails() -> None:
    ok = selfcheck.Check("a", Outcome.OK, "fine")
    warn = selfcheck.Check("b", Outcome.WARN, "meh")
    fail = selfcheck.Check("c", Outcome.FAIL, "broken")
    assert not selfcheck.Report("h", (ok, warn)).failed
    report = selfcheck.Report("h", (ok, warn, fail))
    assert report.failed
    assert report.render().splitlines()[-1] == "self-check FAILED: 1 problem(s), 1 warning(s)"


def test_version_is_one_number_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli_main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"Rollbook {__version__}"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert version_info.app_version() == __version__ == project["version"]


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0))],
)
def test_windows_version_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert version_info.numeric(version) == numbers
