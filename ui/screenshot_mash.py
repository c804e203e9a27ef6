"""The MASH enquiry editor for the screenshots (docs/screenshots/12-mash-editor.png), on the demo casebook."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from dslapp.models import ReferralStatus
from dslapp.services import mash
from dslapp.services.casebook import Casebook


def mash_shots(workspace: Any, store: Casebook, child_id: str, shot: Callable[[str, QWidget | None], None]) -> None:
    """Open the child's draft enquiry (starting one if needed) in the editor, scrolled to consent."""
    latest = mash.latest_enquiry(store, child_id)
    if latest is None or latest.status != ReferralStatus.DRAFT:
        latest = mash.start_enquiry(store, child_id).value
    workspace.go(type(workspace.location)("child", child_id, "referrals"))
    tab = workspace.child_page.referrals
    tab.open_enquiry(str(latest.id))
    editor = tab.editor
    editor.resize(1180, 900)  # as on a 1080p screen (the offscreen screen is small)
    editor.show()
    editor.go_to("consent")
    shot("12-mash-editor", editor)
    editor.close_editor()
