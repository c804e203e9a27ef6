"""Light and dark palettes following the OS, the stylesheet, and tinted SVG icons.

The stylesheet (``resources/style/app.qss``) uses ``{{token}}`` names for colours; the palette for the
OS's current colour scheme fills them in. Icons are single-colour SVGs drawn with ``currentColor`` and
rendered at whatever size and pixel ratio Qt asks for, so they stay sharp on high-DPI screens.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from dslapp.paths import resource_files


@dataclass(frozen=True)
class Colours:
    name: str
    window: str
    surface: str
    surface_alt: str
    sidebar: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    accent_soft: str
    danger: str
    danger_soft: str
    warning: str
    warning_soft: str
    success: str
    success_soft: str
    quote: str
    quote_bar: str
    demo: str
    demo_text: str
    selection: str
    selection_text: str


LIGHT = Colours(
    name="light",
    window="#f4f6f8",
    surface="#ffffff",
    surface_alt="#f8fafb",
    sidebar="#eaeef2",
    text="#1d2733",
    muted="#5c6978",
    border="#d5dce3",
    accent="#1f6f8b",
    accent_text="#ffffff",
    accent_soft="#e3f0f5",
    danger="#b42318",
    danger_soft="#fdecea",
    warning="#a15c07",
    warning_soft="#fef4e6",
    success="#2b7a3d",
    success_soft="#e8f4eb",
    quote="#fbf7ec",
    quote_bar="#c9a227",
    demo="#f5b83d",
    demo_text="#3d2a00",
    selection="#cfe5ee",
    selection_text="#0f2a35",
)

DARK = Colours(
    name="dark",
    window="#15191e",
    surface="#1d2229",
    surface_alt="#222830",
    sidebar="#11151a",
    text="#e4e8ec",
    muted="#9aa6b3",
    border="#333b45",
    accent="#5db3d0",
    accent_text="#0b1a20",
    accent_soft="#1f3640",
    danger="#f0857a",
    danger_soft="#3a1f1d",
    warning="#f0b35a",
    warning_soft="#3a2d18",
    success="#7cc98c",
    success_soft="#1d3322",
    quote="#2a2619",
    quote_bar="#c9a227",
    demo="#f5b83d",
    demo_text="#2a1d00",
    selection="#2b4f5e",
    selection_text="#ffffff",
)

_current: Colours = LIGHT


def colours() -> Colours:
    return _current


def os_prefers_dark() -> bool:
    forced = os.environ.get("DSLAPP_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def _palette(c: Colours) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.surface),
        (role.AlternateBase, c.surface_alt),
        (role.ToolTipBase, c.surface),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.muted),
        (role.Text, c.text),
        (role.Button, c.surface),
        (role.ButtonText, c.text),
        (role.BrightText, c.danger),
        (role.Highlight, c.selection),
        (role.HighlightedText, c.selection_text),
        (role.Link, c.accent),
        (role.Mid, c.border),
        (role.Midlight, c.surface_alt),
        (role.Dark, c.border),
        (role.Light, c.surface),
        (role.Shadow, c.border),
    ):
        p.setColor(r, QColor(value))
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.muted))
    return p


def stylesheet(c: Colours) -> str:
    template = resource_files().joinpath("style", "app.qss").read_text("utf-8")
    files = {
        name: str(resource_files().joinpath("icons", f"{file}.svg")).replace("\\", "/")
        for name, file in (("chevron", "chevron-down"), ("checkmark", "checkmark"))
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: files.get(m.group(1)) or str(getattr(c, m.group(1))), template)


def apply(app: QApplication) -> None:
    """Style the whole app for the OS's light or dark scheme (call again when it changes)."""
    global _current
    _current = DARK if os_prefers_dark() else LIGHT
    app.setStyle("Fusion")
    app.setPalette(_palette(_current))
    app.setStyleSheet(stylesheet(_current))
    _tinted.cache_clear()
    _rendered.clear()


# ---- icons -----------------------------------------------------------------------------------------


@cache
def _svg(name: str) -> str:
    return resource_files().joinpath("icons", f"{name}.svg").read_text("utf-8")


_rendered: dict[tuple[str, str, int, int], QPixmap] = {}
"""Icons rendered once per (name, colour, size): a page builds the same few glyphs again and again."""


@cache
def _tinted(name: str, colour: str) -> QByteArray:
    return QByteArray(_svg(name).replace("currentColor", colour).encode("utf-8"))


class _SvgIconEngine(QIconEngine):
    """Renders a tinted SVG at the exact size (and device pixel ratio) asked for."""

    def __init__(self, name: str, colour: str | None) -> None:
        super().__init__()
        self._name = name
        self._colour = colour

    def _colour_for(self, mode: QIcon.Mode) -> str:
        return colours().muted if mode == QIcon.Mode.Disabled else self._colour or colours().text

    def _data(self, mode: QIcon.Mode) -> QByteArray:
        return _tinted(self._name, self._colour_for(mode))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        QSvgRenderer(self._data(mode)).render(painter, rect.toRectF())

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (self._name, self._colour_for(mode), size.width(), size.height())
        if (done := _rendered.get(key)) is not None:
            return QPixmap(done)  # implicitly shared: a copy costs nothing
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        _rendered[key] = pixmap
        return QPixmap(pixmap)

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._name, self._colour)


def icon(name: str, colour: str | None = None) -> QIcon:
    """A resources/icons SVG tinted with ``colour`` (default: the palette's text colour)."""
    return QIcon(_SvgIconEngine(name, colour))


def app_icon() -> QIcon:
    path = resource_files().joinpath("icons", "app.svg")
    renderer = QSvgRenderer(QByteArray(path.read_bytes()))
    result = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result
