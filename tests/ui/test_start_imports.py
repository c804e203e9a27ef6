"""Start to the unlock window loads only what that window needs (issue 16): the workspace, its screens, the record
store, the models, the open vault and reportlab load after the window is shown, on the DB worker, while the
passphrase is typed; an unlock that comes first does not wait behind that loading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import FAST_KDF
from ui_helpers import unlock, workspace

from dslapp.vault.vault import Vault
from ui.windows.unlock import UnlockPage

PASSPHRASE = "correct horse battery staple (fictional)"  # tests/conftest.py's vault

UNLOCKED_ONLY = (
    "ui.windows.workspace",
    "ui.windows.today",
    "ui.windows.caseload",
    "ui.windows.child_record",
    "dslapp.store",
    "dslapp.models",
    "dslapp.services.casebook",
    "dslapp.vault.vault",
    "dslapp.vault.keys",
    "sqlcipher3",
    "reportlab",
    "zxcvbn",
    "PySide6.QtPdf",
)
"""Modules an unlocked casebook uses and the unlock window does not."""

SCRIPT = """
import json, sys, time
from pathlib import Path
from typing import Any
from ui.app import CasebookApp, create_application
from ui import preload

watched = json.loads(sys.argv[2])
app = create_application(sys.argv[:1])
controller = CasebookApp(real_dir=Path(sys.argv[1]), synchronous=False, watch_session_lock=False)
controller.start()
controller.window.show()
for _ in range(20):
    app.processEvents()
shown = type(controller.window.screen_widget).__name__
at_window = [m for m in watched if m in sys.modules]
deadline = time.monotonic() + 60
started = time.monotonic()
while time.monotonic() < deadline and (
    time.monotonic() - started < 2 * preload.AFTER_SHOWN_MS / 1000 or controller.runner.busy
):
    app.processEvents()
    time.sleep(0.005)
after = [m for m in watched if m in sys.modules]
still = type(controller.window.screen_widget).__name__
controller.quit()
print(json.dumps({"shown": shown, "at_window": at_window, "after": after, "still": still}))
"""


def test_the_unlock_window_shows_before_the_workspace_loads_and_it_loads_while_the_passphrase_is_typed(
    tmp_path: Path,
) -> None:
    vault, _ = Vault.create(tmp_path / "vault", "Ms Ada Testperson", "DSL", "start passphrase", kdf=FAST_KDF)
    vault.lock()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DSLAPP_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "vault"), json.dumps(UNLOCKED_ONLY)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["shown"] == "UnlockPage"
    assert result["at_window"] == []  # none of it was loaded to show the window
    assert result["after"] == list(UNLOCKED_ONLY)  # all of it was loaded once the window was up
    assert result["still"] == "UnlockPage"  # loading it changed nothing on screen


def test_an_unlock_before_the_loading_starts_is_not_queued_behind_it(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    jobs: list[object] = []
    submit = app.runner.submit
    app.runner.submit = lambda work, *a, **k: (jobs.append(work), submit(work, *a, **k))[1]
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    workspace(app)
    jobs.clear()
    app._preload()  # the timer firing after the unlock
    assert jobs == []


def test_the_preload_reads_the_settings_the_first_today_and_the_first_chronology_read() -> None:
    """The chronology's wording settings compile a pattern per phrase (tens of milliseconds): read while the
    passphrase is typed, not when a chronology is first shown."""
    from dslapp.guidance import chronology_quality
    from ui import preload

    chronology_quality._shipped_config.cache_clear()
    preload.load_unlocked()
    assert chronology_quality._shipped_config.cache_info().currsize == 1


def test_an_unlocked_session_freezes_the_long_lived_heap_and_the_lock_gives_it_back(
    qtbot: QtBot, make_app: Any, vault: Vault
) -> None:
    import gc

    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    unlock(qtbot, app, PASSPHRASE)
    assert gc.get_freeze_count() > 10_000  # modules, classes and the workspace: not walked by each full pass
    app.lock()
    assert gc.get_freeze_count() == 0
