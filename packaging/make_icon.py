"""Draw Rollbook's icon with Qt and write it as PNG (Qt), ICO (Windows) and ICNS (macOS).

The icon files under ``resources/icons`` are committed; run this only to change the drawing:
``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py``. ICO and ICNS hold PNG
images, which both formats allow, so no image library beyond Qt is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS types whose payload may be a PNG: (type, pixel size).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
)


def draw(size: int) -> QImage:
    """A blue sheet with ruled lines and a green tick: a register with a mark taken."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f4e8c"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 12 * s, 12 * s)
    p.setBrush(QColor("#f7f4ea"))
    p.drawRoundedRect(QRectF(13 * s, 9 * s, 38 * s, 46 * s), 4 * s, 4 * s)
    if size >= 24:  # ruled lines only where they stay distinct
        p.setPen(QPen(QColor("#9fb3cf"), max(1.0, 2.2 * s)))
        for y in (19, 27, 35, 43):
            p.drawLine(QPointF(19 * s, y * s), QPointF(45 * s, y * s))
    tick = QPainterPath(QPointF(22 * s, 33 * s))
    tick.lineTo(30 * s, 42 * s)
    tick.lineTo(47 * s, 20 * s)
    pen = QPen(QColor("#2e9e4f"), 6.5 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(tick)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt takes str
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, payload = b"", b""
    for size, png in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(payload))
        payload += png
    return header + entries + payload


def icns(images: dict[bytes, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in images.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "rollbook.png").write_bytes(png_bytes(draw(256)))
    (ICONS / "rollbook.ico").write_bytes(ico({n: png_bytes(draw(n)) for n in ICO_SIZES}))
    (ICONS / "rollbook.icns").write_bytes(icns({k: png_bytes(draw(n)) for k, n in ICNS_TYPES}))
    for name in ("rollbook.png", "rollbook.ico", "rollbook.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
