"""Adds the learning library and the supervision log to the workspace sidebar (one hook in workspace.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout

from ui import strings
from ui.windows.learning import LearningPage
from ui.windows.supervision import SupervisionPage

if TYPE_CHECKING:
    from ui.windows.workspace import Workspace


def install_learning_pages(workspace: Workspace, side: QVBoxLayout) -> dict[str, Callable[[], None]]:
    """Add the two pages and their sidebar buttons; returns how to show each page, by location name."""
    from ui.windows.workspace import Location, _nav_button

    workspace.learning = LearningPage(workspace.session, workspace.on)  # type: ignore[attr-defined]
    workspace.supervision = SupervisionPage(workspace.session, workspace.on)  # type: ignore[attr-defined]
    learning_page: LearningPage = workspace.learning  # type: ignore[attr-defined]
    supervision_page: SupervisionPage = workspace.supervision  # type: ignore[attr-defined]
    workspace.today.open_page.connect(lambda page: workspace.go(Location(page)))
    supervision_page.open_child.connect(lambda cid, tab: workspace.go(Location("child", cid, tab)))
    learning_button = _nav_button(strings.NAV_LEARNING, "info")
    supervision_button = _nav_button(strings.NAV_SUPERVISION, "history")
    # under the other page buttons, above the spacing before "Record a concern"
    at = max(0, side.indexOf(workspace.record_button) - 1)
    for offset, button in enumerate((learning_button, supervision_button)):
        workspace.nav.addButton(button)
        side.insertWidget(at + offset, button)
    workspace.pages.addWidget(learning_page)
    workspace.pages.addWidget(supervision_page)
    workspace.learning_button = learning_button  # type: ignore[attr-defined]
    workspace.supervision_button = supervision_button  # type: ignore[attr-defined]
    learning_button.clicked.connect(lambda: workspace.go(Location("learning")))
    supervision_button.clicked.connect(lambda: workspace.go(Location("supervision")))

    def show_learning() -> None:
        workspace.pages.setCurrentWidget(learning_page)
        learning_button.setChecked(True)
        learning_page.refresh()
        learning_page.search_box.setFocus()

    def show_supervision() -> None:
        workspace.pages.setCurrentWidget(supervision_page)
        supervision_button.setChecked(True)
        supervision_page.refresh()

    return {"learning": show_learning, "supervision": show_supervision}
