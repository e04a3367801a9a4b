"""The admin's command line as a newcomer meets it: the real ``rollbook`` in a process of its own
(no terminal, a keyring-less machine), what it prints, and how it asks for passwords."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import selfcheck
from app.cli import main
from app.domain.enums import Role
from tests import pgserver
from tests.signin_site import PASSWORD, Site

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
# Passwords a developer's shell may hold must not leak into what the tests check.
_CLEARED = ("PGPASSWORD", "PGPASSFILE", "PGSERVICE", "ROLLBOOK_PASSWORD", "ROLLBOOK_STAFF_PASSWORD")


def rollbook(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``rollbook ARGV`` as a person runs it, with stdin not a terminal."""
    environment = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    environment.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # never the developer's keyring
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *argv],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def rollbook_python(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a process set up as ``rollbook``'s."""
    environment = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    environment.update(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", **env)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def quiet(stderr: str) -> bool:
    """No library log lines: Alembic's steps, INFO lines of any logger."""
    return "alembic" not in stderr.lower() and not any(
        line.startswith("INFO") for line in stderr.splitlines()
    )


def test_migrations_log_nothing_on_stderr_unless_verbose() -> None:
    url = pgserver.create_database(prefix="rb_newcomer")  # empty: every migration runs
    try:
        done = rollbook("server", "init", "--url", url)
        assert done.returncode == 0, done.stderr
        assert "schema at" in done.stdout
        assert quiet(done.stderr), done.stderr
        done = rollbook("db", "upgrade", "--url", url)
        assert done.returncode == 0, done.stderr
        assert quiet(done.stderr), done.stderr
        verbose = rollbook("db", "upgrade", "--url", url, "--verbose")
        assert verbose.returncode == 0, verbose.stderr
        assert "alembic.runtime.migration" in verbose.stderr
    finally:
        pgserver.drop_database(url)


def test_workstation_init_and_sync_verify_over_a_unix_socket(site: Site, tmp_path: Path) -> None:
    site.pg.start()
    name = site.staff(Role.FACILITY_ADMIN)
    url = f"postgresql://{name}@/rollbook?host={site.pg.socket_dir}&port={site.pg.port}"
    env = {"ROLLBOOK_DATA_DIR": str(tmp_path / "data"), "ROLLBOOK_PASSWORD": PASSWORD}

    enrolled = rollbook(
        "workstation", "init", "--server", url, "--facility", "North Academy", **env
    )
    assert enrolled.returncode == 0, enrolled.stderr
    assert "ready" in enrolled.stdout
    assert "all matched" in enrolled.stdout
    assert quiet(enrolled.stderr), enrolled.stderr  # the new cache was upgraded silently

    synced = rollbook("sync", "--once", "--verify", "--server", url, **env)
    assert synced.returncode == 0, synced.stderr
    verified = next(line for line in synced.stdout.splitlines() if line.startswith("verified"))
    tables, rows = verified.split()[1], verified.split("(")[1].split()[0]
    assert int(tables) > 10 and int(rows) > 0
    assert verified.endswith("against the server: all matched")
    assert quiet(synced.stderr), synced.stderr

    # A row lost from the cache behind the sync's back: --verify finds it and copies it again.
    # (Signed in as the command line is, in a process of its own, with no keyring.)
    lose_a_row = f"""
import uuid
from pathlib import Path
from sqlalchemy import delete
from app.db.models import User
from app.domain.server_profile import ServerProfile
from app.infra.credentials import CredentialStore
from app.signin import SignInService
from app.sync.local import LocalStore
signin = SignInService(CredentialStore(), Path({str(tmp_path / "data")!r}))
profile = ServerProfile({str(site.pg.socket_dir)!r}, {site.pg.port}, "rollbook", "prefer")
session = signin.sign_in(profile, {name!r}, {PASSWORD!r}, remember=False)
with LocalStore(session.cache).applying() as conn:
    conn.execute(delete(User).where(User.id == uuid.UUID({str(site.world.students[0])!r})))
session.close()
"""
    lost = rollbook_python(lose_a_row, **env)
    assert lost.returncode == 0, lost.stderr
    repaired = rollbook("sync", "--verify", "--server", url, **env)
    assert repaired.returncode == 0, repaired.stderr
    assert "1 differed (users) and was copied again from the server" in repaired.stdout
    again = rollbook("sync", "--verify", "--server", url, **env)
    assert "all matched" in again.stdout


def test_a_workstation_without_a_password_or_terminal_says_how_to_give_it(
    tmp_path: Path,
) -> None:
    done = rollbook(
        "sync",
        "--server",
        "postgresql://ada@db.example.org/rollbook",
        ROLLBOOK_DATA_DIR=str(tmp_path / "data"),
    )
    assert done.returncode == 2
    assert "ROLLBOOK_PASSWORD" in done.stderr and "terminal" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["server", "init"],
        ["staff", "add"],
        ["staff", "disable"],
        ["staff", "enable"],
        ["staff", "scope"],
        ["db", "upgrade"],
        ["demo"],
        ["import", "csv"],
    ],
)
def test_admin_commands_say_in_their_help_how_the_admins_password_is_given(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "PGPASSWORD" in shown
    assert "~/.pgpass" in shown and "service" in shown
    assert "asked for" in shown


def test_the_admins_password_comes_from_pgpassword_a_prompt_or_a_hint(
    site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pg.start()
    admin = site.staff(Role.FACILITY_ADMIN)
    member = site.staff(Role.INSTRUCTOR)
    url = f"postgresql://{admin}@127.0.0.1:{site.pg.port}/rollbook?sslmode=disable"

    refused = rollbook("staff", "disable", "--url", url, "--username", member)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    said = " ".join(refused.stderr.split())
    assert f"the server wants the password of {admin} (--url)" in said
    assert "PGPASSWORD" in said and "~/.pgpass" in said and "asked for" in said

    wrong = rollbook("staff", "disable", "--url", url, "--username", member, PGPASSWORD="nope")
    assert wrong.returncode == 2
    assert f"the server refused the password of {admin}" in wrong.stderr

    done = rollbook("staff", "disable", "--url", url, "--username", member, PGPASSWORD=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert f"disabled {member}" in done.stdout

    # In a terminal, the admin is asked (once) instead.
    asked: list[str] = []

    def prompt(text: str) -> str:
        asked.append(text)
        return PASSWORD

    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("app.cli_login._terminal", lambda: True)
    monkeypatch.setattr("app.cli_login.getpass.getpass", prompt)
    assert main(["staff", "enable", "--url", url, "--username", member]) == 0
    assert f"enabled {member}" in capsys.readouterr().out
    assert asked == [f"Password for {admin} on 127.0.0.1: "]


def _fake_probe(stderr: str) -> list[str]:
    """A Qt probe that fails as Qt does, saying ``stderr``."""
    script = f"import sys; sys.stderr.write({stderr!r}); sys.exit(134)"
    return [sys.executable, "-c", script]


QT_FAILED = (
    "qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb "
    "platform plugin.\n"
    'qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.\n'
    "This application failed to start because no Qt platform plugin could be initialized.\n"
)


def test_self_check_names_the_library_the_loader_could_not_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ROLLBOOK_DATA_DIR", str(tmp_path / "data"))
    dlopen = (
        'qt.core.library: "/opt/rollbook/PySide6/Qt/plugins/platforms/libqxcb.so" cannot load: '
        "Cannot load library /opt/rollbook/PySide6/Qt/plugins/platforms/libqxcb.so: "
        "(libEGL.so.1: cannot open shared object file: No such file or directory)\n"
    )
    monkeypatch.setattr(selfcheck, "qt_probe_command", lambda: _fake_probe(dlopen + QT_FAILED))
    assert main(["--self-check"]) == 1
    line = next(x for x in capsys.readouterr().out.splitlines() if "Qt platform" in x)
    assert line.split()[0] == "FAIL"
    assert "the shared library libEGL.so.1 (package libegl1) cannot be found" in line
    assert "xcb-cursor0" not in line  # Qt's blanket note, not what is missing here


def test_self_check_finds_the_missing_xcb_library_when_qt_does_not_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ROLLBOOK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(selfcheck, "qt_probe_command", lambda: _fake_probe(QT_FAILED))
    # The machine lacks libxkbcommon-x11 (and has every other library the plugin needs).
    monkeypatch.setattr(
        selfcheck, "find_library", lambda name: None if name == "xkbcommon-x11" else f"lib{name}"
    )
    assert main(["--self-check"]) == 1
    line = next(x for x in capsys.readouterr().out.splitlines() if "Qt platform" in x)
    assert "libxkbcommon-x11.so (package libxkbcommon-x11-0) cannot be found" in line
    assert "xcb-cursor0" not in line
