"""Icons are rendered once per (name, colour, size) (issue 16: a record page draws the same few glyphs again and
again), the cache forgets them when the light or dark scheme is applied again, and a tinted icon keeps its own
colour."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import theme


def test_icons_are_rendered_once_per_name_colour_and_size(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)
    assert theme._rendered == {}
    first = theme.icon("child").pixmap(QSize(18, 18))
    theme.icon("child").pixmap(QSize(18, 18))  # the same glyph on another widget: not rendered again
    theme.icon("child").pixmap(QSize(24, 24))
    red = theme.icon("child", "#cc0000").pixmap(QSize(18, 18))
    assert len(theme._rendered) == 3
    image = red.toImage()
    inked = [QColor.fromRgba(image.pixel(x, y)) for x in range(18) for y in range(18)]
    assert any(c.red() > 150 and c.green() < 60 for c in inked if c.alpha() > 128)  # its own colour, not the cached
    assert not first.isNull()
    theme.apply(app)  # the scheme applied again: drawn afresh in its colours
    assert theme._rendered == {}
