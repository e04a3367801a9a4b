"""Where the desk offers to save and open files: the folder used last in this run, else the
person's Documents folder (their home when there is none), never the folder Rollbook was started
from. An installed Rollbook starts in its program folder, which staff usually may not write to,
so an export suggested there failed on Save; and a transfer file's USB stick is found from the
last folder picked.

Every dialog of the desk that asks for a file goes through here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_last: Path | None = None  # the folder of the last file chosen in this run


def start_folder() -> Path:
    """The folder a file dialog opens in."""
    if _last is not None and _last.is_dir():
        return _last
    for kind in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        found = QStandardPaths.writableLocation(kind)
        if found and Path(found).is_dir():
            return Path(found)
    return Path.home()


def _chosen(path: str) -> Path | None:
    global _last
    if not path:
        return None
    chosen = Path(path)
    _last = chosen.parent
    return chosen


def save_path(parent: QWidget, title: str, name: str, filters: str) -> Path | None:
    """Ask where to save, suggesting ``name`` in the start folder; ``None`` when cancelled."""
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(start_folder() / name), filters)
    return _chosen(path)


def open_path(parent: QWidget, title: str, filters: str) -> Path | None:
    """Ask which file to open, from the start folder; ``None`` when cancelled."""
    path, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    return _chosen(path)
