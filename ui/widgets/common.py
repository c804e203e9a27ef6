"""Small building blocks shared by the screens: titles, cards, badges, banners and notes."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import strings, theme

LEFT_TO_RIGHT_MARK = "\u200e"


def ltr(text: str) -> str:
    """``text`` laid out as a line of an English screen whatever script it starts with. Qt takes a line's direction
    from its first letter, so a line starting with a name in Arabic or Hebrew script ("يوسف حداد (Father)") was
    set right to left: pushed to the right edge, its brackets turned round. A left-to-right mark before such a
    line (only) keeps it in the reading order of the rest of the screen; the name itself is shown as written."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return text
        if direction in ("R", "AL"):
            return LEFT_TO_RIGHT_MARK + text
    return text


def text_label(text: str, name: str = "", *, wrap: bool = False, selectable: bool = False) -> QLabel:
    label = QLabel(ltr(text))
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def dialog_page(
    dialog: QWidget,
    title: str,
    *,
    heading: str = "",
    subtitle: str = "",
    min_width: int = 0,
    spacing: int | None = None,
) -> QVBoxLayout:
    """A dialog's window title and its page: the usual margins, the title (or ``heading``) as the page title
    and an optional subtitle. Returns the layout, for the dialog to add the rest."""
    dialog.setWindowTitle(title)
    if min_width:
        dialog.setMinimumWidth(min_width)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(24, 20, 24, 16)
    if spacing is not None:
        layout.setSpacing(spacing)
    layout.addWidget(text_label(heading or title, "PageTitle"))
    if subtitle:
        layout.addWidget(text_label(subtitle, "PageSubtitle", wrap=True))
    return layout


def clear_layout(layout: QLayout) -> None:
    """Take every item out of ``layout`` and delete its widget (a list redrawn from fresh records)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property used by it changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        repolish(widget)


class Badge(QLabel):
    """A small rounded label: a status, a designation, a count."""

    def __init__(self, text: str, tone: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("Badge")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.set_tone(tone)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_tone(self, tone: str) -> None:
        self.setProperty("tone", tone)
        repolish(self)


class DemoBadge(QLabel):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("DemoBadge")
        self.setAccessibleName(strings.DEMO_BADGE_NAME)
        self.setToolTip(strings.DEMO_BADGE_TIP)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)


class Card(QFrame):
    """A white panel with a title row (title, optional count) and a body."""

    def __init__(self, title: str = "", parent: QWidget | None = None, *, icon: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 14)
        outer.setSpacing(8)
        self.header = QHBoxLayout()
        self.header.setSpacing(8)
        if icon:
            glyph = QLabel()
            glyph.setPixmap(theme.icon(icon, theme.colours().accent).pixmap(QSize(18, 18)))
            self.header.addWidget(glyph)
        self.title = text_label(title, "SectionTitle")
        self.header.addWidget(self.title)
        self.header.addStretch(1)
        if title:
            outer.addLayout(self.header)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        outer.addLayout(self.body)
        outer.addStretch(1)  # content sits at the top however tall the card is drawn


class Banner(QFrame):
    """A calm strip across the top of a page: a message and a few buttons."""

    def __init__(self, tone: str = "info", parent: QWidget | None = None, *, icon: str = "info") -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setProperty("tone", tone)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        colour = {"warning": theme.colours().warning, "danger": theme.colours().danger}.get(
            tone, theme.colours().accent
        )
        glyph = QLabel()
        glyph.setPixmap(theme.icon(icon, colour).pixmap(QSize(18, 18)))
        layout.addWidget(glyph)
        self.message = text_label("", wrap=True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.message, 1)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        layout.addLayout(self.buttons)

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.setAccessibleDescription(text)

    def add_button(self, text: str, slot: Callable[[], None], *, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        if primary:
            button.setObjectName("Primary")
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button


class ComingSoonNote(QFrame):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ComingSoon")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        glyph = QLabel()
        glyph.setPixmap(theme.icon("info", theme.colours().accent).pixmap(QSize(16, 16)))
        layout.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        label = text_label(text, wrap=True)
        layout.addWidget(label, 1)
        self.setAccessibleName(text)


def page_header(title: str, subtitle: str = "", extra: Sequence[QWidget] = ()) -> QLayout:
    row = QHBoxLayout()
    row.setSpacing(12)
    texts = QVBoxLayout()
    texts.setSpacing(2)
    title_label = text_label(title, "PageTitle")
    texts.addWidget(title_label)
    if subtitle:
        texts.addWidget(text_label(subtitle, "PageSubtitle"))
    row.addLayout(texts, 1)
    for widget in extra:
        row.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
    return row


def field_label(text: str, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text)
    label.setObjectName("FieldLabel")
    if buddy is not None:
        label.setBuddy(buddy)
        if not buddy.accessibleName():
            buddy.setAccessibleName(text.replace("&", ""))
    return label


def hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet(f"color: {theme.colours().border};")
    return line
