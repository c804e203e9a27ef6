"""The child's "voice and lived experience" panel: every recorded instance of their words, with dates.

Opening a record, the panel sits far below the first screen of the Overview: its words are laid out after the
record's first paint (:meth:`VoicePanel.show_voice` with ``later``), or at once if the panel itself comes on screen
first, so that what is seen first paints sooner. Nothing is left out: the panel's count, its last date and its
prompt are set at once, the words a moment later (:data:`LATER_MS` at most).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from dslapp.services.child_voice import VoiceEntry
from ui import strings
from ui.formatting import dmy
from ui.operations.learning import ChildVoice
from ui.widgets.common import Banner, Card, text_label

SHOWN = 50
"""Entries shown at first: the newest, enough for several years of a child's words."""
LATER_MS = 100
"""The longest the words wait to be laid out when the record opens, if nothing painted meanwhile."""


class VoicePanel(Card):
    wants_all = Signal()
    """Every recorded instance was asked for, and only the newest were read: the page reads them all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(strings.VOICE_TITLE, parent, icon="quote")
        self.setAccessibleName(strings.VOICE_TITLE)
        self.last_label = text_label("", wrap=True)
        self.body.addWidget(self.last_label)
        self.prompt = Banner("warning", icon="alert")
        self.prompt.hide()
        self.body.addWidget(self.prompt)
        self.entries = QTextBrowser()
        self.entries.setOpenLinks(False)
        self.entries.anchorClicked.connect(self._show_all)
        self.entries.setAccessibleName(strings.VOICE_ENTRIES_NAME)
        self.entries.setMinimumHeight(160)
        self.body.addWidget(self.entries, 1)
        self.body.addWidget(text_label(strings.VOICE_HINT, "Hint", wrap=True))
        self.count = 0
        self._parts: dict[VoiceEntry, str] = {}  # each entry's HTML, kept: a save re-renders only new words
        self._voice: ChildVoice | None = None
        self.showing_all = False
        self.pending = False
        """The words are waiting to be laid out (see :meth:`show_voice`)."""
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(LATER_MS)
        self._later.timeout.connect(self._flush_pending)
        self.entries.viewport().installEventFilter(self)

    def _html(self, entry: VoiceEntry) -> str:
        part = self._parts.get(entry)
        if part is None:
            part = (
                f"<p><b>{dmy(entry.on)}</b> · <span style='color:gray'>{escape(entry.source_label)}</span><br>"
                f"“{escape(entry.words)}”</p>"
            )
            self._parts[entry] = part
        return part

    def show_voice(self, voice: ChildVoice, *, later: bool = False) -> None:
        """Show the child's words; with ``later`` (a record opening), lay them out after the record's first paint:
        the page calls :meth:`painted`, the panel's own first paint lays them out before it draws, and
        :data:`LATER_MS` is the longest they wait."""
        self.count = len(voice.entries)
        self.last_label.setText(strings.VOICE_LAST.format(day=dmy(voice.last)) if voice.last else strings.VOICE_NEVER)
        if voice.prompt is not None:
            self.prompt.set_message(f"{voice.prompt.title}\n{voice.prompt.message}")  # a plain-text label
            self.prompt.show()
        else:
            self.prompt.hide()
        self._voice = voice
        if later:
            self.pending = True
            self._later.start()
            return
        self.flush()

    def painted(self) -> None:
        """The record has painted: lay out the words waiting, once the event loop next turns."""
        if self.pending:
            QTimer.singleShot(0, self._flush_pending)

    def _flush_pending(self) -> None:
        if self.pending:
            self.flush()

    def flush(self) -> None:
        """Lay out the words now (those waiting, or again)."""
        self._later.stop()
        self.pending = False
        self._render()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.pending and event.type() == QEvent.Type.Paint:
            self.flush()  # on screen before the record said it painted: the words before the first stroke
        return False

    def _render(self) -> None:
        """The newest :data:`SHOWN` entries (a child known to school for years can have a thousand), with a link to
        show every one; every one once the DSL has asked."""
        voice = self._voice
        entries = voice.entries if voice is not None else []
        shown = entries if self.showing_all else entries[:SHOWN]
        parts = [self._html(e) for e in shown]
        if voice is not None and not voice.complete:
            more = strings.VOICE_MORE_OLDER.format(shown=len(shown))
            parts.append(self._link(more, strings.VOICE_SHOW_OLDER))
        elif len(shown) < len(entries):
            more = strings.VOICE_MORE.format(shown=len(shown), count=len(entries))
            parts.append(self._link(more, strings.VOICE_SHOW_ALL.format(count=len(entries))))
        self.entries.setHtml("".join(parts) or f"<p>{strings.VOICE_NEVER}</p>")

    @staticmethod
    def _link(text: str, link: str) -> str:
        return f"<p style='color:gray'>{escape(text)} <a href='#all'>{escape(link)}</a></p>"

    def _show_all(self, _url: QUrl) -> None:
        self.showing_all = True
        if self._voice is not None and not self._voice.complete:
            self.wants_all.emit()  # the older words are read, then shown with show_voice
            return
        self._render()
