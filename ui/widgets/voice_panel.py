"""The child's "voice and lived experience" panel: every recorded instance of their words, with dates."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from dslapp.services.child_voice import VoiceEntry
from ui import strings
from ui.formatting import dmy
from ui.operations.learning import ChildVoice
from ui.widgets.common import Banner, Card, text_label


class VoicePanel(Card):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(strings.VOICE_TITLE, parent, icon="quote")
        self.setAccessibleName(strings.VOICE_TITLE)
        self.last_label = text_label("", wrap=True)
        self.body.addWidget(self.last_label)
        self.prompt = Banner("warning", icon="alert")
        self.prompt.hide()
        self.body.addWidget(self.prompt)
        self.entries = QTextBrowser()
        self.entries.setAccessibleName(strings.VOICE_ENTRIES_NAME)
        self.entries.setMinimumHeight(160)
        self.body.addWidget(self.entries, 1)
        self.body.addWidget(text_label(strings.VOICE_HINT, "Hint", wrap=True))
        self.count = 0
        self._parts: dict[VoiceEntry, str] = {}  # each entry's HTML, kept: a save re-renders only new words

    def _html(self, entry: VoiceEntry) -> str:
        part = self._parts.get(entry)
        if part is None:
            part = (
                f"<p><b>{dmy(entry.on)}</b> · <span style='color:gray'>{escape(entry.source_label)}</span><br>"
                f"“{escape(entry.words)}”</p>"
            )
            self._parts[entry] = part
        return part

    def show_voice(self, voice: ChildVoice) -> None:
        self.count = len(voice.entries)
        self.last_label.setText(strings.VOICE_LAST.format(day=dmy(voice.last)) if voice.last else strings.VOICE_NEVER)
        if voice.prompt is not None:
            self.prompt.set_message(f"{voice.prompt.title}\n{voice.prompt.message}")  # a plain-text label
            self.prompt.show()
        else:
            self.prompt.hide()
        parts = [self._html(e) for e in voice.entries]
        self.entries.setHtml("".join(parts) or f"<p>{strings.VOICE_NEVER}</p>")
