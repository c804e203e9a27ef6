"""A learning card: a short piece of learning shown at the moment of decision, with a link to the entry."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dslapp.guidance.learning_cards import LearningCard
from ui import theme
from ui.widgets.common import text_label

READ_MORE = "Read the full entry"
DISMISS = "Dismiss"
HEADING = "Learning from reviews"


class LearningCardWidget(QFrame):
    """Shows one card. ``open_entry`` carries the library entry's id; ``dismissed`` the card."""

    open_entry = Signal(str)
    dismissed = Signal(object)

    def __init__(self, card: LearningCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("Banner")
        self.setProperty("tone", "info")
        self.setAccessibleName(f"{HEADING}: {card.title}")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 10, 10, 10)
        outer.setSpacing(10)
        glyph = QLabel()
        glyph.setPixmap(theme.icon("info", theme.colours().accent).pixmap(QSize(18, 18)))
        outer.addWidget(glyph, 0)
        column = QVBoxLayout()
        column.setSpacing(3)
        column.addWidget(text_label(HEADING, "Hint"))
        self.title = text_label(card.title, "SectionTitle", wrap=True)
        column.addWidget(self.title)
        self.summary = text_label(card.summary, wrap=True)
        column.addWidget(self.summary)
        column.addWidget(text_label(card.source, "Hint", wrap=True))
        buttons = QHBoxLayout()
        self.read_button = QPushButton(READ_MORE)
        self.read_button.clicked.connect(lambda: self.open_entry.emit(str(card.entry_id)))
        self.dismiss_button = QPushButton(DISMISS)
        self.dismiss_button.clicked.connect(self._dismiss)
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        outer.addLayout(column, 1)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit(self.card)


class LearningCards(QWidget):
    """A column of cards (what other screens add after a decision is saved)."""

    open_entry = Signal(str)
    dismissed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(8)
        self.cards: list[LearningCardWidget] = []

    def show_cards(self, cards: list[LearningCard]) -> None:
        for card in cards:
            widget = LearningCardWidget(card)
            widget.open_entry.connect(self.open_entry.emit)
            widget.dismissed.connect(self.dismissed.emit)
            self.cards.append(widget)
            self.column.addWidget(widget)
        self.setVisible(bool(self.visible_cards()))

    def visible_cards(self) -> list[LearningCardWidget]:
        return [c for c in self.cards if not c.isHidden()]
