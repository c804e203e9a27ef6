"""The full page check after unlock reads the whole file (seconds of one core in a large casebook): it waits until
the DSL pauses, or at most ``CHECK_AT_LATEST_S``, and runs on a thread at the lowest priority, so the first record
the DSL opens after unlock does not share its two cores with it."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import PASSPHRASE
from ui_helpers import workspace

from dslapp.services import casebook as casebook_service
from dslapp.vault.vault import Vault
from ui.app import CHECK_AT_LATEST_S, CHECK_WHEN_QUIET_S
from ui.operations.runner import ASIDE_NICENESS, DbRunner
from ui.windows.unlock import UnlockPage


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every page check started (the real check still runs)."""
    started: list[object] = []
    real = casebook_service.check_pages

    def counted(opened: casebook_service.Casebook) -> casebook_service.PageCheck:
        started.append(opened)
        return real(opened)

    monkeypatch.setattr(casebook_service, "check_pages", counted)
    return started


def _unlocked(qtbot: QtBot, make_app, vault: Vault):  # type: ignore[no-untyped-def]
    directory = vault.directory
    vault.lock()
    harness = make_app(real_dir=directory)
    harness.app.start()
    page = harness.app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert workspace(harness.app) is not None
    return harness


def test_the_check_waits_for_a_pause_then_runs_once(qtbot: QtBot, make_app, vault: Vault, checks: list[object]) -> None:  # type: ignore[no-untyped-def]
    harness = _unlocked(qtbot, make_app, vault)
    app = harness.app
    assert app.page_check_timer.isActive()
    app.check_pages_if_quiet()
    assert checks == []  # the DSL has just typed the passphrase
    harness.clock.advance(CHECK_WHEN_QUIET_S - 0.5)
    app.check_pages_if_quiet()
    assert checks == []
    harness.clock.advance(0.5)
    app.check_pages_if_quiet()
    assert len(checks) == 1 and not app.page_check_timer.isActive()
    harness.clock.advance(CHECK_WHEN_QUIET_S)
    app.check_pages_if_quiet()
    assert len(checks) == 1


def test_a_dsl_who_never_pauses_still_gets_the_check(
    qtbot: QtBot, make_app, vault: Vault, checks: list[object]
) -> None:  # type: ignore[no-untyped-def]
    harness = _unlocked(qtbot, make_app, vault)
    app = harness.app
    for _ in range(int(CHECK_AT_LATEST_S // 2) - 1):
        harness.clock.advance(2.0)
        app.idle.touch()  # input every two seconds
        app.check_pages_if_quiet()
    assert checks == []
    harness.clock.advance(2.0)
    app.idle.touch()
    app.check_pages_if_quiet()
    assert len(checks) == 1


def test_the_check_waits_while_the_worker_is_busy(
    qtbot: QtBot, make_app, vault: Vault, checks: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    harness = _unlocked(qtbot, make_app, vault)
    app = harness.app
    harness.clock.advance(CHECK_WHEN_QUIET_S)
    with monkeypatch.context() as patched:
        patched.setattr(DbRunner, "busy", property(lambda _self: True))
        app.check_pages_if_quiet()
        assert checks == []
    app.check_pages_if_quiet()
    assert len(checks) == 1


def test_locking_before_the_pause_cancels_the_check(qtbot: QtBot, make_app, vault: Vault, checks: list[object]) -> None:  # type: ignore[no-untyped-def]
    harness = _unlocked(qtbot, make_app, vault)
    app = harness.app
    app.lock()
    assert not app.page_check_timer.isActive()
    harness.clock.advance(CHECK_AT_LATEST_S)
    app.check_pages_if_quiet()
    assert checks == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority is Linux's")
def test_the_check_thread_runs_at_the_lowest_priority(qtbot: QtBot) -> None:
    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    runner = DbRunner(synchronous=False)
    seen: list[int] = []
    runner.submit_aside(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()), seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [ASIDE_NICENESS]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own  # the GUI thread keeps its own
    runner.stop()
