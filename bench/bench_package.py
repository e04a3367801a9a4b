"""Size and start time of the packaged Rollbook against a packaged PySide6 hello-world.

    make package                                   # builds dist/rollbook (this script does not)
    .venv/bin/python -m bench.bench_package [--dist dist/rollbook] [--repeat 7]

Measures an already built one-folder package and a hello-world baseline: a QLabel window in a
default PyInstaller one-folder build (built once into ``build/bench-hello``, reused after;
``--rebuild-baseline`` builds it again). Each start runs offscreen, from a scratch data folder,
until the first window is shown and the program has quit:

- baseline: the hello-world package shows its window and quits;
- first-run dialog: ``rollbook`` with ``ROLLBOOK_SMOKE`` shows the sign-in dialog and quits;
- main window: ``rollbook gui --demo`` with ``ROLLBOOK_SMOKE`` opens the (already generated,
  small) demo workstation, waits for Today's sessions to load, and quits;
- the same two from source (``python -m app``), for DESIGN §6's "from source" figure.

Prints size in MiB and file count, then median and max of ``--repeat`` timed starts (after one
untimed start, so these are warm starts: the files are in the page cache), each as a multiple
of the baseline's median. Never fails on a figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import Stats

REPO = Path(__file__).resolve().parents[1]
HELLO = '''"""PySide6 hello-world: one window, shown, then quit."""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("Hello")
label.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
'''
TARGET_PACKAGED_S = 3.0  # DESIGN §6: cold start to a usable window, packaged
TARGET_SOURCE_S = 1.5  # DESIGN §6: the same from source


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files, symlinks not followed (each file counted once)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def build_baseline(root: Path, *, rebuild: bool) -> Path:
    exe = root / "dist" / "hello" / ("hello.exe" if sys.platform == "win32" else "hello")
    if exe.exists() and not rebuild:
        return exe
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        raise SystemExit("pyinstaller is not installed: run `make package` once first")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "hello.py").write_text(HELLO, encoding="utf-8")
    _log(f"building the hello-world baseline into {root} ...")
    subprocess.run(
        [
            pyinstaller,
            "--noconfirm",
            "--onedir",
            "--log-level=WARN",
            f"--distpath={root / 'dist'}",
            f"--workpath={root / 'work'}",
            f"--specpath={root}",
            str(root / "hello.py"),
        ],
        check=True,
    )
    return exe


def time_starts(
    command: Sequence[str], env: dict[str, str], repeat: int, expect: str | None = None
) -> Stats:
    def start() -> float:
        began = time.perf_counter()
        done = subprocess.run(
            list(command), env=env, capture_output=True, text=True, timeout=300, check=False
        )
        took = time.perf_counter() - began
        if done.returncode != 0 or (expect is not None and expect not in done.stderr):
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
        return took * 1000

    start()  # untimed: fills the page cache, and generates the demo workstation once
    return Stats(tuple(start() for _ in range(repeat)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist" / "rollbook")
    parser.add_argument("--repeat", type=int, default=7, help="timed starts per measure (7)")
    parser.add_argument("--baseline-dir", type=Path, default=REPO / "build" / "bench-hello")
    parser.add_argument("--rebuild-baseline", action="store_true")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    exe = dist / ("rollbook-cli.exe" if sys.platform == "win32" else "rollbook")
    if not exe.exists():
        raise SystemExit(f"no package at {dist}: run `make package` first")
    hello = build_baseline(args.baseline_dir.resolve(), rebuild=args.rebuild_baseline)

    scratch = Path(tempfile.mkdtemp(prefix="rollbook-bench-package-"))
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "QT_PLUGIN_PATH"):
        env.pop(name, None)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "ROLLBOOK_DATA_DIR": str(scratch / "data"),
            "ROLLBOOK_DEMO_SIZE": "small",
            "ROLLBOOK_SMOKE": "1",
        }
    )
    dialog, window = "smoke: SignInDialog ready", "smoke: MainWindow ready"
    source = [sys.executable, "-m", "app"]
    measures: list[tuple[str, Stats, float | None]] = []
    try:
        _log("timing starts ...")
        base = time_starts([str(hello)], env, args.repeat)
        measures.append(("hello-world package: window shown, quit", base, None))
        for label, command, expect, target in (
            ("packaged: first-run dialog", [str(exe)], dialog, TARGET_PACKAGED_S),
            (
                "packaged: main window over demo data",
                [str(exe), "gui", "--demo"],
                window,
                TARGET_PACKAGED_S,
            ),
            ("source: first-run dialog", source, dialog, TARGET_SOURCE_S),
            ("source: main window over demo data", [*source, "--demo"], window, TARGET_SOURCE_S),
        ):
            stats = time_starts(command, env, args.repeat, expect)
            measures.append((label, stats, target))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    hello_bytes, hello_files = folder_size(hello.parent)
    app_bytes, app_files = folder_size(dist)
    print(f"size: {'package':<40} {'MiB':>8} {'files':>7} {'× hello':>8}")
    print(
        f"      {'hello-world (PyInstaller defaults)':<40} {hello_bytes / 2**20:>8.1f} "
        f"{hello_files:>7} {1.0:>8.2f}"
    )
    print(
        f"      {'rollbook (packaging/rollbook.spec)':<40} {app_bytes / 2**20:>8.1f} "
        f"{app_files:>7} {app_bytes / hello_bytes:>8.2f}"
    )
    print()
    print(
        f"start: {'measure':<40} {'n':>3} {'median s':>9} {'max s':>7} {'target':>7} {'× hello':>8}"
    )
    for label, stats, target_s in measures:
        goal = f"{target_s:.1f}" if target_s else "–"
        print(
            f"       {label:<40} {stats.n:>3} {stats.median / 1000:>9.2f} "
            f"{stats.max / 1000:>7.2f} {goal:>7} {stats.median / base.median:>8.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
