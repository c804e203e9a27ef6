"""Fixtures for the desktop app: a real app controller over real vaults, with injected clocks and timers.

The DB runner is synchronous here (jobs run at once, on the test's thread); one test checks the
threaded runner separately. Argon2 uses the tiny test parameters (``fast_kdf``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import AppHarness, FakeClock, FakeTimers

from dslapp.config import Settings
from dslapp.vault import keys
from ui import theme
from ui.app import CasebookApp


@pytest.fixture
def make_app(qtbot: QtBot, tmp_path: Path, fast_kdf: keys.KdfParams) -> Iterator[Callable[..., AppHarness]]:
    """Build app controllers on ``tmp_path/real`` (or a given folder) and ``tmp_path/demo``."""
    made: list[CasebookApp] = []
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    theme.apply(qapp)

    def build(real_dir: Path | None = None, **kwargs: object) -> AppHarness:
        clock = FakeClock()
        timers = FakeTimers()
        settings = Settings()
        options: dict[str, object] = {
            "settings": settings,
            "real_dir": real_dir or tmp_path / "real",
            "demo_dir": tmp_path / "demo",
            "synchronous": True,
            "clock": clock,
            "clipboard_timer": timers,
            "autosave_ms": 3_600_000,  # tests call autosave_now() themselves
            "watch_session_lock": False,
            "today": lambda: date.today(),
            "now": lambda: datetime.now().replace(microsecond=0),
        }
        options.update(kwargs)
        app = CasebookApp(**options)  # type: ignore[arg-type]
        app.runner.raise_unexpected = True
        qtbot.addWidget(app.window)
        app.window.resize(1280, 800)
        with qtbot.waitActive(app.window):
            app.window.show()
            app.window.activateWindow()
        made.append(app)
        return AppHarness(app, clock, timers)

    yield build
    for app in made:
        app.lock()
        app.window.allow_close = True
        app.window.close()
