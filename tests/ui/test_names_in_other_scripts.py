"""A name in a right-to-left script (Arabic, Hebrew) that starts a line keeps that line in the screen's left-to-right
order: on the left edge, the relationship after it in its brackets. Real widgets; fictional names only."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from ui.widgets.common import LEFT_TO_RIGHT_MARK, ltr, text_label

ARABIC_NAME = "رنا الخطيب"  # a fictional name
HEBREW_NAME = "נועה בדיונית"  # a fictional name ("Noa Fictional")


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        (f"{ARABIC_NAME} (Mother)", True),
        (f"{HEBREW_NAME} (Aunt)", True),
        (f"  {ARABIC_NAME}", True),  # what counts is the first letter
        ("Amira Fictional (Mother)", False),
        (f"Mother: {ARABIC_NAME}", False),
        ("07700 900845", False),  # no letter at all
        ("", False),
    ],
)
def test_only_a_line_starting_right_to_left_is_marked(text: str, marked: bool) -> None:
    assert ltr(text) == (LEFT_TO_RIGHT_MARK + text if marked else text)
    assert ltr(ltr(text)) == ltr(text)


def _first_ink_column(image: QImage) -> int:
    background = QColor(image.pixel(image.width() - 1, image.height() - 1))
    for x in range(image.width()):
        for y in range(image.height()):
            colour = QColor(image.pixel(x, y))
            if abs(colour.lightness() - background.lightness()) > 60:
                return x
    return image.width()


def test_a_label_starting_with_an_arabic_name_is_drawn_from_the_left_edge(qtbot: QtBot) -> None:
    label = text_label(f"{ARABIC_NAME} (Mother)", "Value")
    qtbot.addWidget(label)
    label.resize(500, 30)
    label.show()
    qtbot.waitExposed(label)
    assert _first_ink_column(label.grab().toImage()) < 40
    assert label.text().lstrip(LEFT_TO_RIGHT_MARK) == f"{ARABIC_NAME} (Mother)"
