"""The desktop app refuses a user's name that shows nothing (zero-width and other invisible characters),
as the command line and the record models do. Real widgets; fictional names only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.windows.setup_wizard import SetupWizard


def test_setup_refuses_a_name_of_invisible_characters(qtbot: QtBot, make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app().app
    app.start()
    wizard = app.window.screen_widget
    assert isinstance(wizard, SetupWizard)
    qtbot.mouseClick(wizard.setup_button, Qt.MouseButton.LeftButton)
    wizard.name_edit.setText("\u200b\u2060\u00ad")
    qtbot.keyClicks(wizard.school_edit, "Fictional Test Primary")
    qtbot.mouseClick(wizard.about_next, Qt.MouseButton.LeftButton)
    assert wizard.stack.currentIndex() == SetupWizard.ABOUT
    assert wizard.about_error.text() == "Your name has no letters that can be seen; please type the name."
    wizard.name_edit.setText("Mrs Jo Testdsl")
    qtbot.mouseClick(wizard.about_next, Qt.MouseButton.LeftButton)
    assert wizard.stack.currentIndex() == SetupWizard.PASSPHRASE
