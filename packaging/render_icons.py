"""Render the app icon (resources/icons/app.svg) to each platform's sizes, offscreen with Qt's SVG renderer.

    python packaging/render_icons.py OUTDIR

writes ``OUTDIR/png/dslapp-SIZE.png`` (Linux hicolor theme and AppImage), ``OUTDIR/dslapp.ico`` (Windows: PNG
entries 16–256) and ``OUTDIR/dslapp.icns`` (macOS: PNG entries 16–1024). ICO and ICNS are written here, not by
a Qt image plugin, because both are a small index in front of PNG data and Qt's ICNS writer ships on macOS only.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parents[1] / "resources" / "icons" / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size (the @2x types reuse the larger renders)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def render_png(svg: bytes, size: int) -> bytes:
    """One square PNG of the SVG at ``size`` pixels, on a transparent background."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon SVG did not parse")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (supported since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns whose entries are PNG images."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_all(outdir: Path, svg: bytes | None = None) -> list[Path]:
    """Write every platform's icon files into ``outdir``; returns the files written."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage painting needs it
    source = SOURCE.read_bytes() if svg is None else svg
    pngs = {size: render_png(source, size) for size in PNG_SIZES}
    (outdir / "png").mkdir(parents=True, exist_ok=True)
    written = []
    for size, data in pngs.items():
        path = outdir / "png" / f"dslapp-{size}.png"
        path.write_bytes(data)
        written.append(path)
    for name, data in (
        ("dslapp.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES})),
        ("dslapp.icns", icns_bytes(pngs)),
        ("dslapp.svg", source),
    ):
        (outdir / name).write_bytes(data)
        written.append(outdir / name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/package/icons")
    for path in render_all(target):
        print(path)
