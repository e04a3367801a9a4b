"""Version metadata of the packaged executables, from the one version in ``app/__init__.py``.

Windows shows it in the file's Properties (and installers and admins' inventory tools read it);
macOS reads the bundle's Info.plist. Linux executables carry none; ``rollbook --version`` says it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
COMPANY = "Rollbook"
DESCRIPTION = "Rollbook: rosters, sessions and attendance for staff"
COPYRIGHT = "Rollbook contributors"


def app_version() -> str:
    """``__version__`` of ``app``, read as text: the spec must not import the app it packages."""
    source = (REPO / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    if found is None:
        raise SystemExit("app/__init__.py has no __version__")
    return found.group(1)


def numeric(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` or ``1.2.3rc1`` as the four numbers a Windows version resource holds."""
    nums = [int(re.sub(r"\D.*", "", part) or 0) for part in version.split(".")[:4]]
    nums += [0] * (4 - len(nums))
    return nums[0], nums[1], nums[2], nums[3]


def windows_version_info(version: str, exe_name: str) -> Any:
    from PyInstaller.utils.win32.versioninfo import (  # type: ignore[import-untyped]
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    nums = numeric(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": "Rollbook",
        "ProductVersion": version,
    }
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=nums, prodvers=nums),
        kids=[
            StringFileInfo(
                [StringTable("040904B0", [StringStruct(k, v) for k, v in strings.items()])]
            ),
            VarFileInfo([VarStruct("Translation", [0x0409, 1200])]),
        ],
    )


def mac_info_plist(version: str) -> dict[str, object]:
    return {
        "CFBundleName": "Rollbook",
        "CFBundleDisplayName": "Rollbook",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": COPYRIGHT,
    }
