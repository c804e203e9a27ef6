"""The About dialog: version, where the data lives, and the licences of bundled components; and the app icon
rendered to every platform's sizes (packaging/render_icons.py)."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from dslapp import __version__
from ui.dialogs.about import AboutDialog

ROOT = Path(__file__).resolve().parents[2]


def test_about_shows_version_data_folders_and_licences(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DSLAPP_HOME", str(tmp_path))
    dialog = AboutDialog(idle_minutes=5)
    qtbot.addWidget(dialog)
    dialog.show()
    assert __version__ in dialog.version_label.text()
    assert dialog.location_labels["casebook"].text() == str(tmp_path / "vault")
    assert dialog.location_labels["logs"].text() == str(tmp_path / "logs")
    titles = [dialog.components.item(row).text() for row in range(dialog.components.count())]
    qt_row = next(row for row, title in enumerate(titles) if title.startswith("Qt 6"))
    dialog.components.setCurrentRow(qt_row)
    shown = dialog.text.toPlainText()
    assert "LGPL" in shown and "replace them with your own build" in shown
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in shown  # the full text, not only its name
    for expected in ("SQLCipher", "OpenSSL", "DejaVu", "ReportLab", "reportlab", "pydantic", "cryptography"):
        assert any(title.startswith(expected) for title in titles), expected
    dialog.components.setCurrentRow(next(row for row, title in enumerate(titles) if title.startswith("pydantic ")))
    assert "MIT" in dialog.text.toPlainText()


def test_app_icon_renders_to_each_platform_size(qtbot: QtBot, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import render_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    render_icons.render_all(tmp_path)
    for size in (16, 32, 48, 256, 1024):
        image = QImage(str(tmp_path / "png" / f"dslapp-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not blank
        assert image.pixelColor(0, 0).alpha() < 255  # rounded corner: transparent
    ico = (tmp_path / "dslapp.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    width, height = ico[6], ico[7]
    assert (width, height) == (16, 16)
    icns = (tmp_path / "dslapp.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic10" in icns and b"\x89PNG" in icns
