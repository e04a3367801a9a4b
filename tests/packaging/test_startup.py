"""Bad ground at start-up gets a clear message and an exit code, never a traceback.

Each test starts Rollbook as a real process, the way the packaged executable starts it (through
``app.cli``), offscreen, with its own data folder; ``ROLLBOOK_SMOKE`` makes it log instead of
opening message boxes and quit once its first window is ready.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.packaging.conftest import REPO, Bundle, app_env


def start(data: Path, *args: str, bundle: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``rollbook ARGS`` from this checkout; with ``bundle``, as if unpacked there."""
    code = "import sys\n"
    if bundle is not None:
        code += f"sys._MEIPASS = {str(bundle)!r}\n"
    code += f"from app.cli import main\nsys.exit(main({list(args)!r}))\n"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=app_env(data, ROLLBOOK_SMOKE="1", ROLLBOOK_DEMO_SIZE="small"),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_rollbook_writes_its_log_into_the_data_folder(tmp_path: Path) -> None:
    started = start(tmp_path / "data")
    assert started.returncode == 0, started.stderr[-3000:]
    log = (tmp_path / "data" / "logs" / "rollbook.log").read_text(encoding="utf-8")
    assert "smoke: SignInDialog ready" in log


def test_a_read_only_data_folder_is_explained(read_only_folder: Path) -> None:
    started = start(read_only_folder)
    assert started.returncode == 2
    assert f"Rollbook cannot write to its data folder {read_only_folder}" in started.stderr
    assert "ROLLBOOK_DATA_DIR" in started.stderr
    assert "Traceback" not in started.stderr
    assert list(read_only_folder.iterdir()) == []


def test_a_corrupt_demo_cache_is_reported_and_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    cache = data / "demo-workstation.sqlite3"
    junk = b"\x89 half a download \x00" * 500
    cache.write_bytes(junk)

    started = start(data, "gui", "--demo")

    assert started.returncode == 1
    assert f"The local cache {cache} cannot be read" in started.stderr
    assert "Traceback" not in started.stderr
    assert cache.read_bytes() == junk


def test_an_installation_without_migrations_says_what_is_missing(
    tmp_path: Path, bundle: Bundle
) -> None:
    root = bundle(without=("migrations/versions",))
    started = start(tmp_path / "data", bundle=root)
    assert started.returncode == 2
    assert "This Rollbook installation is incomplete: migration scripts" in started.stderr
    assert str(root / "migrations" / "versions") in started.stderr
    assert "Traceback" not in started.stderr


def test_a_missing_icon_is_logged_and_rollbook_still_starts(tmp_path: Path, bundle: Bundle) -> None:
    root = bundle(without=("resources/icons/rollbook.png",))
    started = start(tmp_path / "data", bundle=root)
    assert started.returncode == 0, started.stderr[-3000:]
    assert "application icon" in started.stderr
    assert "smoke: SignInDialog ready" in started.stderr
