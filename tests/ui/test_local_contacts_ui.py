"""The local contacts directory (resources/guidance/local_contacts.toml) on Today and beside the MASH enquiry
editor: the front-door route with the phone call's written follow-up, and every placeholder number marked for
the school to fill in. Fictional data only."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot
from test_referrals_ui import _child
from ui_helpers import open_referrals_tab

from dslapp.guidance.config import load_config
from dslapp.guidance.local_contacts import contact_lines, front_door_route
from ui.dialogs.mash_editor import MashEditor
from ui.widgets.local_contacts import LocalContactsCard

SHOTS = os.environ.get("DSLAPP_SHOTS", "")
"""Set to a folder to keep screenshots of what these tests show (for a person to look at)."""


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / name))


def test_the_shipped_contacts_are_marked_as_placeholders_until_the_school_fills_them_in(qtbot: QtBot) -> None:
    card = LocalContactsCard()
    qtbot.addWidget(card)
    text = card.contacts.text()
    for service in ("Front Door", "Out-of-hours", "LADO", "Police", "Prevent", "School nurse"):
        assert service in text
    assert text.count("placeholder: the school fills in its own") == 5  # police's 999 / 101 are real
    assert "within the time your local procedure states" in front_door_route()


def test_a_schools_own_follow_up_time_and_numbers_replace_the_placeholders(tmp_path: Path) -> None:
    own = tmp_path / "local_contacts.toml"
    own.write_text(
        "[local.front_door]\nphone_follow_up_hours = 4\n"
        "[[local.contacts]]\nkey='front_door'\nservice='Front Door'\nphone='01632 960100'\n"
        "[[local.contacts]]\nkey='out_of_hours'\nservice='EDT'\nphone='01632 960101'\n"
        "[[local.contacts]]\nkey='lado'\nservice='LADO'\nphone='01632 960102'\n"
        "[[local.contacts]]\nkey='police'\nservice='Police'\nphone='999'\n"
        "[[local.contacts]]\nkey='prevent'\nservice='Prevent'\nphone='01632 960103'\n"
        "[[local.contacts]]\nkey='health'\nservice='School nurse'\nphone='01632 960104'\n",
        encoding="utf-8",
    )
    config = load_config(own)
    assert "complete the online form within 4 hours" in front_door_route(config)
    assert [c.phone for c in contact_lines(config)][:2] == ["01632 960100", "01632 960101"]
    assert not any(c.placeholder for c in contact_lines(config))


def test_today_and_the_mash_editor_show_the_local_contacts(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    app, tab = open_referrals_tab(qtbot, make_app, vault, child)
    today = app.workspace.today
    assert isinstance(today.local_contacts, LocalContactsCard)
    assert "LADO" in today.local_contacts.contacts.text()
    tab.start()
    editor = tab.editor
    assert isinstance(editor, MashEditor)
    assert "Out-of-hours" in editor.local_contacts.contacts.text()
    if SHOTS:
        editor.resize(1280, 860)
        _shot(editor, "mash_editor_local_contacts.png")
        today.resize(1200, 1100)
        _shot(today, "today_local_contacts.png")
