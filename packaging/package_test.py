"""``make package-test``: run the built package as an admin and a first-time user would.

Runs the executable in ``dist/rollbook`` from a scratch folder, with a scratch data folder, the
offscreen Qt platform and none of the virtualenv's variables, so nothing of the checkout can
stand in for something the package lacks:

1. ``--version`` prints this checkout's version;
2. ``--self-check`` passes;
3. a first start opens the first-run dialog and quits, and writes its log to the data folder;
4. ``gui --demo`` creates the demo workstation and shows the main window over it, then quits;
5. a cache of the previous schema with pending outbox changes is upgraded at the next start,
   nothing lost (the checkout's code writes the old cache and reads the result);
6. no file left in the folder links a Qt library the spec leaves out (Linux, with ``ldd``).

Exits non-zero on the first failure. Usage: ``python packaging/package_test.py [DIST_FOLDER]``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "packaging"))

import version_info  # noqa: E402

# Variables that would let the packaged program find the checkout's Python or Qt instead of
# its own: a passing test must not depend on them.
SCRUBBED = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "QT_PLUGIN_PATH", "LD_LIBRARY_PATH")
DROPPED_QT_LIBS = ("Qt6Network", "Qt6EglFSDeviceIntegration", "Qt6EglFsKmsSupport")


class Failed(Exception):
    pass


def executable(dist: Path) -> Path:
    """The console executable: on Windows the windowed Rollbook.exe cannot print."""
    names = ("rollbook-cli.exe",) if sys.platform == "win32" else ("rollbook",)
    for name in names:
        candidate = dist / name
        if candidate.exists():
            return candidate
    raise Failed(f"no executable {' or '.join(names)} in {dist}: run `make package` first")


class Runner:
    def __init__(self, exe: Path, scratch: Path) -> None:
        self.exe = exe
        self.scratch = scratch
        self.data = scratch / "data"
        self.env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
        self.env.update(
            {
                "QT_QPA_PLATFORM": "offscreen",
                "ROLLBOOK_DATA_DIR": str(self.data),
                "ROLLBOOK_DEMO_SIZE": "small",
            }
        )

    def run(
        self, args: Sequence[str], *, smoke: str | None = None, expect: int = 0
    ) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        if smoke is not None:
            env["ROLLBOOK_SMOKE"] = smoke
        started = time.perf_counter()
        done = subprocess.run(
            [str(self.exe), *args],
            cwd=self.scratch,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        took = time.perf_counter() - started
        shown = " ".join(args) or "(no arguments)"
        print(f"  {shown:<22} exit {done.returncode} in {took:.2f} s")
        if done.returncode != expect:
            raise Failed(
                f"`rollbook {shown}` exited {done.returncode}, expected {expect}\n"
                f"--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
            )
        return done


def check_version(r: Runner) -> None:
    out = r.run(["--version"]).stdout.strip()
    want = f"Rollbook {version_info.app_version()}"
    if out != want:
        raise Failed(f"--version printed {out!r}, expected {want!r}")


def check_self_check(r: Runner) -> None:
    report = r.run(["--self-check"]).stdout
    print("    " + report.strip().replace("\n", "\n    "))
    if "packaged build" not in report:
        raise Failed("the self-check does not run as a packaged build")


def check_first_run(r: Runner) -> None:
    shot = r.scratch / "first-run.png"
    done = r.run([], smoke=str(shot))
    if "smoke: SignInDialog ready" not in done.stderr:
        raise Failed(f"the first-run dialog did not show:\n{done.stderr[-3000:]}")
    if shot.stat().st_size < 5_000:
        raise Failed("the first-run dialog's screenshot is empty")
    log = r.data / "logs" / "rollbook.log"
    if not log.exists() or "smoke: SignInDialog ready" not in log.read_text(encoding="utf-8"):
        raise Failed(f"no log written to {log}")


def check_demo_window(r: Runner) -> None:
    shot = r.scratch / "demo.png"
    done = r.run(["gui", "--demo"], smoke=str(shot))
    if "smoke: MainWindow ready" not in done.stderr:
        raise Failed(f"the main window did not show:\n{done.stderr[-3000:]}")
    if not (r.data / "demo-workstation.sqlite3").exists():
        raise Failed("the demo workstation was not written to the data folder")
    if shot.stat().st_size < 10_000:
        raise Failed("the main window's screenshot is empty")


def check_upgrade_keeps_pending(r: Runner) -> None:
    """The checkout writes the previous schema's cache with edits waiting; the package opens it."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from app.cache_upgrade import read_state
    from app.db import migrate
    from app.db.engine import make_local_engine

    cache = r.data / "demo-workstation.sqlite3"
    cfg = migrate.alembic_config()
    head = migrate.head_revision()
    assert head is not None
    previous = ScriptDirectory.from_config(cfg).get_revision(head).down_revision
    if not isinstance(previous, str):
        raise Failed(f"schema head {head} has no single previous revision to upgrade from")
    engine = make_local_engine(cache)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, previous)
    with engine.begin() as conn:  # staff edits made with the previous version
        conn.execute(text("UPDATE case_notes SET body = body || ' (edited offline)'"))
        conn.execute(text("UPDATE facilities SET name = name || ' *'"))
    before = read_state(engine)
    engine.dispose()
    print(f"    cache at schema {before.revision} with {before.pending} pending changes")
    r.run(["gui", "--demo"], smoke=str(r.scratch / "upgraded.png"))
    engine = make_local_engine(cache)
    after = read_state(engine)
    engine.dispose()
    print(f"    after the packaged start: schema {after.revision}, {after.pending} pending")
    if after.revision != head:
        raise Failed(f"the package left the cache at {after.revision}, not {head}")
    if (after.pending, after.pending_digest) != (before.pending, before.pending_digest):
        raise Failed("the packaged start-up upgrade changed the pending outbox entries")
    if list(cache.parent.glob("*.pre-upgrade*")):
        raise Failed("the copy kept during the upgrade was not removed after it succeeded")


def check_no_dropped_library_needed(dist: Path) -> None:
    ldd = shutil.which("ldd")
    if not sys.platform.startswith("linux") or ldd is None:
        print("  (library links not checked: needs Linux and ldd)")
        return
    needing = []
    for path in dist.rglob("*.so*"):
        if not path.is_file() or path.is_symlink():
            continue
        out = subprocess.run([ldd, str(path)], capture_output=True, text=True, check=False)
        for line in out.stdout.splitlines():
            if "not found" in line and any(lib in line for lib in DROPPED_QT_LIBS):
                needing.append(f"{path.relative_to(dist)}: {line.strip()}")
    if needing:
        raise Failed("files still need a library the spec leaves out:\n" + "\n".join(needing))
    print("  no file links a Qt library the spec leaves out")


def main(argv: Sequence[str]) -> int:
    dist = (Path(argv[0]) if argv else REPO / "dist" / "rollbook").resolve()
    try:
        exe = executable(dist)
        print(f"package-test: {exe}")
        with tempfile.TemporaryDirectory(prefix="rollbook-package-test-") as folder:
            r = Runner(exe, Path(folder))
            for step in (
                check_version,
                check_self_check,
                check_first_run,
                check_demo_window,
                check_upgrade_keeps_pending,
            ):
                step(r)
        check_no_dropped_library_needed(dist)
    except Failed as err:
        print(f"package-test FAILED: {err}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in dist.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"package-test passed: {dist} ({size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
