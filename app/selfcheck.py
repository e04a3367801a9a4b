"""``rollbook --self-check``: can this installation run here? Each check says what it found.

Run by an admin after installing (and by ``make package-test`` on the built package). It only
reads: nothing is upgraded, created or repaired, except a temporary file that proves the data
folder is writable. The Qt platform plugin is loaded in a child process, because Qt aborts the
whole process when a platform plugin cannot be loaded.
"""

from __future__ import annotations

import logging
import os
import platform
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from ctypes.util import find_library
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from app import __version__, resources
from app.infra import paths

log = logging.getLogger(__name__)

QT_PROBE_FLAG = "--qt-probe"  # hidden: load the Qt platform plugin, print its name, exit
QT_PROBE_TIMEOUT = 120.0

# What the dynamic loader says of a library it cannot find (dlopen, an ImportError of PySide6).
_NOT_LOADED = re.compile(r"([\w.+-]+\.so(?:\.[\w]+)*): cannot open shared object file")
# The libraries Qt's xcb platform plugin loads beside Qt's own, by ``find_library`` name, with
# the Debian/Ubuntu package that has each (Qt's "Qt for X11 Requirements").
XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xfixes": "libxcb-xfixes0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xkbcommon": "libxkbcommon0",
    "X11-xcb": "libx11-xcb1",
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}
# Qt prints this whenever the xcb plugin fails, whatever the cause; the check says what is missing.
_QT_CURSOR_NOTE = "xcb-cursor0 or libxcb-cursor0 is needed"


class Outcome(Enum):
    OK = "ok"
    WARN = "warn"  # Rollbook runs, with less (no keyring: asks for the password each time)
    FAIL = "FAIL"  # Rollbook will not run properly until this is fixed


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    outcome: Outcome
    detail: str


@dataclass(frozen=True, slots=True)
class Report:
    header: str
    checks: tuple[Check, ...]

    @property
    def failed(self) -> bool:
        return any(c.outcome is Outcome.FAIL for c in self.checks)

    def render(self) -> str:
        lines = [self.header]
        lines += [f"  {c.outcome.value:<5} {c.name:<13} {c.detail}" for c in self.checks]
        warnings = sum(c.outcome is Outcome.WARN for c in self.checks)
        failures = sum(c.outcome is Outcome.FAIL for c in self.checks)
        if failures:
            lines.append(f"self-check FAILED: {failures} problem(s), {warnings} warning(s)")
        else:
            lines.append(f"self-check passed ({warnings} warning(s))")
        return "\n".join(lines)


def data_folder_problem() -> str | None:
    """Why Rollbook cannot keep its files in the data folder, or ``None`` when it can."""
    where: object = os.environ.get(paths.DATA_ENV) or "the user data folder"
    try:
        where = paths.data_dir()
        for folder in (paths.data_dir(), paths.log_dir()):
            where = folder
            with tempfile.TemporaryFile(dir=folder):
                pass
    except OSError as err:
        return (
            f"Rollbook cannot write to its data folder {err.filename or where} "
            f"({err.strerror or err}). Its settings, logs and local cache live there. Ask "
            f"your administrator for write access to that folder, or set {paths.DATA_ENV} to "
            "a folder you can write to."
        )
    return None


def run(qt_command: Sequence[str] | None = None) -> Report:
    """Every check, in the order an admin would fix them."""
    from PySide6 import __version__ as qt_version

    kind = "packaged build" if resources.is_frozen() else "from source"
    header = (
        f"Rollbook {__version__} self-check ({kind}, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, Qt {qt_version})"
    )
    steps: list[tuple[str, Callable[[], Check]]] = [
        ("resources", check_resources),
        ("translations", check_translations),
        ("data folder", check_data_folder),
        ("Qt platform", lambda: check_qt_platform(qt_command or qt_probe_command())),
        ("keyring", check_keyring),
        ("SQLCipher", check_sqlcipher),
        ("PostgreSQL", check_postgres_driver),
        ("time zones", check_timezones),
        ("cache", check_caches),
    ]
    checks = []
    for name, step in steps:
        try:
            checks.append(step())
        except Exception as err:  # a check that breaks is a finding, not a crash
            log.exception("self-check step %s failed", name)
            checks.append(Check(name, Outcome.FAIL, f"{type(err).__name__}: {err}"))
    return Report(header, tuple(checks))


def check_resources() -> Check:
    absent = resources.missing()
    if absent:
        return Check("resources", Outcome.FAIL, resources.missing_message(absent))
    from app.db import migrate

    return Check(
        "resources",
        Outcome.OK,
        f"icon, migrations and the desk's translations in {resources.resources_dir().parent} "
        f"({len(migrate.known_revisions())} schema revisions, head {migrate.head_revision()})",
    )


def check_translations(folder: Path | None = None) -> Check:
    """Qt's own strings (standard buttons, file dialogs) in the system's language."""
    folder = folder or resources.qt_translations_dir()
    found = sorted(folder.glob("qtbase_*.qm")) if folder.is_dir() else []
    if not found:
        return Check(
            "translations",
            Outcome.WARN,
            f"no Qt translations in {folder}: Qt's own buttons and dialogs stay in English",
        )
    return Check(
        "translations", Outcome.OK, f"Qt's own strings in {len(found)} languages in {folder}"
    )


def check_data_folder() -> Check:
    problem = data_folder_problem()
    if problem:
        return Check("data folder", Outcome.FAIL, problem)
    return Check(
        "data folder", Outcome.OK, f"{paths.data_dir()} is writable (logs in {paths.log_dir()})"
    )


def qt_probe_command() -> list[str]:
    """How to start this same Rollbook as a child that loads Qt and exits."""
    if resources.is_frozen():
        return [sys.executable, QT_PROBE_FLAG]
    return [sys.executable, "-m", "app.cli", QT_PROBE_FLAG]


def qt_probe() -> int:
    """The child's side: start a QApplication (as the desktop app does) and say which platform."""
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    sys.stdout.write(f"qt-platform: {QApplication.platformName()}\n")  # to the parent
    return 0


def check_qt_platform(command: Sequence[str]) -> Check:
    wanted = os.environ.get("QT_QPA_PLATFORM") or "the default"
    try:
        child = subprocess.run(
            list(command),
            capture_output=True,
            text=True,
            timeout=QT_PROBE_TIMEOUT,
            check=False,
            # Qt then prints the loader's own message for a plugin it cannot load, which names
            # the shared library that is missing.
            env={**os.environ, "QT_DEBUG_PLUGINS": "1"},
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return Check("Qt platform", Outcome.FAIL, f"could not start the Qt probe: {err}")
    for line in child.stdout.splitlines():
        if child.returncode == 0 and line.startswith("qt-platform: "):
            name = line.removeprefix("qt-platform: ")
            return Check("Qt platform", Outcome.OK, f'the "{name}" platform plugin loads')
    said = _said(child.stderr) or f"exit code {child.returncode}"
    if "could not connect to display" in child.stderr:
        return Check(
            "Qt platform",
            Outcome.WARN,
            "the platform plugin loads, but this session has no display to open windows on "
            "(start Rollbook from a desktop session; QT_QPA_PLATFORM=offscreen checks the "
            "rest without one)",
        )
    missing = missing_libraries(child.stderr)
    if missing:
        return Check(
            "Qt platform",
            Outcome.FAIL,
            f"Qt cannot load the platform plugin ({wanted}): {_naming(missing)}. ({said})",
        )
    return Check(
        "Qt platform",
        Outcome.FAIL,
        f"Qt cannot load the platform plugin ({wanted}): {said}.",
    )


def missing_libraries(said: str) -> list[str]:
    """The shared libraries the Qt probe could not load: named by the loader's own message, or,
    when the xcb plugin failed without one, each library it needs that is not installed."""
    named = list(dict.fromkeys(_NOT_LOADED.findall(said)))
    if named or "xcb" not in said:
        return named
    return [f"lib{name}.so" for name in XCB_LIBRARIES if find_library(name) is None]


def _package_of(library: str) -> str | None:
    stem = library.removeprefix("lib").split(".so")[0]
    return XCB_LIBRARIES.get(stem)


def _naming(missing: Sequence[str]) -> str:
    parts = []
    for library in missing:
        package = _package_of(library)
        parts.append(f"{library} (package {package})" if package else library)
    what = "library" if len(missing) == 1 else "libraries"
    return (
        f"the shared {what} {', '.join(parts)} cannot be found; install "
        f"{'it' if len(missing) == 1 else 'them'} with the system's package manager"
    )


def _said(stderr: str) -> str:
    """The child's own words: Qt's plugin-loading chatter and its blanket xcb-cursor note out."""
    kept = [
        line
        for line in stderr.splitlines()
        if line.strip()
        and _QT_CURSOR_NOTE not in line
        and not line.startswith(("qt.core.", " ", "\t", "{", "}"))
    ]
    return " ".join(" ".join(kept).split())[-600:].rstrip(".")


def check_keyring() -> Check:
    from app.infra.credentials import CredentialStore

    status = CredentialStore().status()
    if status.available:
        return Check("keyring", Outcome.OK, f"passwords and cache keys go to {status.backend}")
    return Check(
        "keyring",
        Outcome.WARN,
        f"no usable keyring ({status.backend}): {status.reason} The cache key is then sealed "
        "with the password instead.",
    )


def check_sqlcipher() -> Check:
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
        version = conn.execute("PRAGMA cipher_version").fetchone()
        provider = conn.execute("PRAGMA cipher_provider").fetchone()
    finally:
        conn.close()
    if not version or not version[0]:
        return Check("SQLCipher", Outcome.FAIL, "the SQLite library loaded has no encryption")
    return Check(
        "SQLCipher",
        Outcome.OK,
        f"SQLCipher {version[0]} ({provider[0] if provider else 'unknown provider'}) encrypts "
        "local caches",
    )


def check_postgres_driver() -> Check:
    import psycopg

    impl = psycopg.pq.__impl__
    libpq = psycopg.pq.version()
    return Check(
        "PostgreSQL",
        Outcome.OK,
        f"psycopg {psycopg.__version__} ({impl}), libpq {libpq // 10000}.{libpq % 10000}",
    )


def check_timezones() -> Check:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo("America/New_York")
        ZoneInfo("Europe/Berlin")
    except ZoneInfoNotFoundError as err:
        return Check("time zones", Outcome.FAIL, f"the IANA time zone database is missing: {err}")
    return Check("time zones", Outcome.OK, "the IANA time zone database is there")


def check_caches() -> Check:
    """Every local cache on this computer: readable, and at a schema this build can open."""
    from app.infra.accounts import AccountRegistry
    from app.infra.credentials import CredentialStore

    folder = paths.data_dir()
    found: list[tuple[str, Outcome, str]] = []
    demo = paths.demo_cache_path()
    if demo.exists():
        found.append(_inspect_cache("demo workstation", demo, None))
    credentials = CredentialStore()
    for account in AccountRegistry(folder / "accounts.json").all():
        label = f"{account.username}@{account.server}"
        path = folder / "caches" / account.cache_file
        if not path.exists():
            found.append((label, Outcome.OK, "no cache file yet (made at the next sign-in)"))
        elif account.wrapped_key:
            found.append(
                (label, Outcome.OK, "sealed with the password: opened at sign-in, not here")
            )
        else:
            key = credentials.load_cache_key(account.server, account.username)
            if key is None:
                found.append(
                    (label, Outcome.WARN, "its key is not in the keyring: a fresh cache starts")
                )
            else:
                found.append(_inspect_cache(label, path, key))
    if not found:
        return Check("cache", Outcome.OK, f"no local cache in {folder} yet")
    worst = max((o for _, o, _ in found), key=[Outcome.OK, Outcome.WARN, Outcome.FAIL].index)
    return Check("cache", worst, "; ".join(f"{label}: {text}" for label, _, text in found))


def _inspect_cache(label: str, path: Path, key: bytes | None) -> tuple[str, Outcome, str]:
    from app.cache_upgrade import CacheUnreadable, read_state
    from app.db import migrate
    from app.db.engine import make_local_engine

    engine = make_local_engine(path, key)
    try:
        state = read_state(engine)
    except CacheUnreadable as err:
        return label, Outcome.FAIL, err.message
    finally:
        engine.dispose()
    pending = f"{state.pending} changes waiting to be sent"
    if state.revision == migrate.head_revision():
        return label, Outcome.OK, f"readable, schema {state.revision}, {pending}"
    if state.revision in migrate.known_revisions():
        return (
            label,
            Outcome.OK,
            f"readable, schema {state.revision}: upgraded at the next start, {pending}",
        )
    return (
        label,
        Outcome.FAIL,
        f"written by a newer Rollbook (schema {state.revision}); this one cannot open it",
    )
