"""The local contacts directory and the front-door route, from ``resources/guidance/local_contacts.toml``
(the school fills in its own numbers; a shipped placeholder is always shown marked). Shown on Today and
beside the MASH enquiry editor."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from dslapp.guidance.config import GuidanceConfig, get_config
from dslapp.guidance.local_contacts import contact_lines, front_door_route, online_form
from ui import strings
from ui.widgets.common import Card, text_label


def contacts_html(config: GuidanceConfig | None = None) -> str:
    """Each contact on its own lines: who, the number (marked when a placeholder), when and what for."""
    rows = []
    for line in contact_lines(config):
        detail = " · ".join(escape(p) for p in (line.when, line.notes) if p)
        rows.append(f"<p><b>{escape(line.service)}</b>: {escape(line.phone)}<br><small>{detail}</small></p>")
    return "".join(rows)


class LocalContactsCard(Card):
    """Local contacts, with how to ask the front door for support (route, online form, phone follow-up)."""

    def __init__(self, parent: QWidget | None = None, *, config: GuidanceConfig | None = None) -> None:
        settings = config or get_config()
        super().__init__(settings.local.title, parent, icon="info")
        self.body.addWidget(text_label(settings.local.intro, "Hint", wrap=True))
        self.route = text_label(strings.LOCAL_CONTACTS_ROUTE, "FieldLabel")
        self.body.addWidget(self.route)
        self.body.addWidget(text_label(front_door_route(settings), wrap=True, selectable=True))
        self.body.addWidget(
            text_label(strings.LOCAL_CONTACTS_FORM.format(address=online_form(settings)), "Hint", wrap=True)
        )
        self.contacts = QLabel(contacts_html(settings))
        self.contacts.setTextFormat(Qt.TextFormat.RichText)
        self.contacts.setWordWrap(True)
        self.contacts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts.setAccessibleName(settings.local.title)
        self.body.addWidget(self.contacts)
