"""A learning card: a short piece of learning shown at the moment of decision, with a link to the entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dslapp.guidance.learning_cards import LearningCard
from dslapp.models import Record
from ui import strings, theme
from ui.operations import learning as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import text_label


class LearningCardWidget(QFrame):
    """Shows one card. ``open_entry`` carries the library entry's id; ``dismissed`` the card."""

    open_entry = Signal(str)
    dismissed = Signal(object)

    def __init__(self, card: LearningCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("Banner")
        self.setProperty("tone", "info")
        self.setAccessibleName(strings.CARD_NAME.format(title=card.title))
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 10, 10, 10)
        outer.setSpacing(10)
        glyph = QLabel()
        glyph.setPixmap(theme.icon("info", theme.colours().accent).pixmap(QSize(18, 18)))
        outer.addWidget(glyph, 0)
        column = QVBoxLayout()
        column.setSpacing(3)
        column.addWidget(text_label(strings.CARD_HEADING, "Hint"))
        self.title = text_label(card.title, "SectionTitle", wrap=True)
        column.addWidget(self.title)
        self.summary = text_label(card.summary, wrap=True)
        column.addWidget(self.summary)
        column.addWidget(text_label(card.source, "Hint", wrap=True))
        buttons = QHBoxLayout()
        self.read_button = QPushButton(strings.CARD_READ_MORE)
        self.read_button.clicked.connect(lambda: self.open_entry.emit(str(card.entry_id)))
        self.dismiss_button = QPushButton(strings.CARD_DISMISS)
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


class LearningCardsDialog(QDialog):
    """A non-modal window holding the cards shown at a moment of decision; closes when all are dismissed."""

    def __init__(self, session: Session, cards: list[LearningCard], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(strings.CARD_HEADING)
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.cards = LearningCards()
        self.cards.show_cards(cards)
        self.cards.dismissed.connect(self._dismissed)
        self.cards.open_entry.connect(self._open_entry)
        layout.addWidget(self.cards)
        close = QPushButton(strings.CLOSE)
        close.clicked.connect(self.close)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        session.closed.connect(self.close)  # locking the casebook closes the cards too

    def _dismissed(self, card: LearningCard) -> None:
        if self.session.is_open:
            ops.dismiss_card(self.session, card, owner=self)
        if not self.cards.visible_cards():
            self.close()

    def _open_entry(self, entry_id: str) -> None:
        self.session.library_entry_requested.emit(entry_id)  # the workspace shows it


def show_cards_for(session: Session, parent: QWidget | None, event: str, record: Record | None, on: date) -> None:
    """Ask (on the DB worker) which cards to show for ``record`` at ``event``; show any, once, non-modally."""
    if record is None:
        return

    def shown(saved: Saved[list[LearningCard]]) -> None:
        show_cards(session, parent, saved.value)

    ops.cards_for_decision(session, record, event, on, shown, owner=parent)


def show_cards(session: Session | None, parent: QWidget | None, cards: list[LearningCard]) -> None:
    """Show ``cards`` (already chosen and remembered as shown), non-modally; nothing when there are none."""
    if not cards or session is None or not session.is_open:
        return
    dialog = LearningCardsDialog(session, cards, parent.window() if parent is not None else None)
    LAST_SHOWN[:] = [dialog]
    dialog.show()


LAST_SHOWN: list[LearningCardsDialog] = []
"""The most recent cards window: keeps a parentless one alive, and lets tests find it."""


def show_voice_check(
    session: Session,
    layout: QVBoxLayout | QFormLayout,
    child_id: str,
    on: date,
    owner: QWidget,
    when: Callable[[], bool] = lambda: True,
) -> QLabel:
    """Add (hidden) a non-blocking note to ``layout``: shown (if ``when()``) when the child's voice was last
    recorded too long ago. The note's ``has_prompt`` property says whether there is one."""
    label = text_label("", "Hint", wrap=True)
    label.setObjectName("VoiceCheck")
    label.setAccessibleName(strings.VOICE_CHECK_NAME)
    label.hide()
    label.setProperty("has_prompt", False)
    if isinstance(layout, QFormLayout):
        layout.addRow(label)
    else:
        layout.addWidget(label)

    def checked(voice: ops.ChildVoice) -> None:
        if voice.prompt is None:
            return
        label.setText(f"<b>{escape(voice.prompt.title)}</b><br>{escape(voice.prompt.message)}")
        label.setProperty("has_prompt", True)
        label.setVisible(when())

    if child_id:
        ops.load_child_voice(session, child_id, on, checked, owner=owner)
    return label


def add_cards_for(
    session: Session, layout: QVBoxLayout, event: str, record: Record | None, on: date, owner: QWidget
) -> None:
    """Like ``show_cards_for``, but the cards go inline into ``layout`` (a dialog's prompts area)."""
    if record is None:
        return

    def dismissed(card: LearningCard) -> None:
        if session.is_open:
            ops.dismiss_card(session, card, owner=owner)

    def shown(saved: Saved[list[LearningCard]]) -> None:
        cards = saved.value
        if not cards:
            return
        widget = LearningCards()
        widget.setObjectName("InlineLearningCards")
        widget.show_cards(cards)
        widget.dismissed.connect(dismissed)
        widget.open_entry.connect(session.library_entry_requested.emit)  # the workspace shows it
        layout.addWidget(widget)

    ops.cards_for_decision(session, record, event, on, shown, owner=owner)
