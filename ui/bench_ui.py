"""UI figures for ``dslapp bench``, each run in a fresh process beside a bare Qt baseline (DESIGN §6).

``python -m ui.bench_ui start VAULT``  app start to the unlock window shown, then exit
``python -m ui.bench_ui bare``         baseline: a bare QApplication showing an empty window, then exit
``python -m ui.bench_ui open VAULT PASSPHRASE CHILD_ID``  unlock, open the caseload and the child's
                                        chronology; prints peak RSS in KiB
``python -m ui.bench_ui bare-rss``     baseline: peak RSS of a bare QApplication with an empty window
``python -m ui.bench_ui save VAULT PASSPHRASE CHILD_ID [N]``  on the real (threaded) DB worker: open the child's
                                        record, then N times save a concern through the operation the dialog's
                                        Save button calls and wait until Today, the caseload and the record are
                                        current; prints JSON: seconds per save and jobs per save
``python -m ui.bench_ui child VAULT PASSPHRASE CHILD_ID``  open the child's record to its first paint, then its
                                        chronology tab fully loaded; prints JSON seconds
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # each figure imports only the Qt it measures
    from PySide6.QtCore import QCoreApplication


def _peak_rss_kib() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _pump(app: QCoreApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def bare(rss: bool) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1280, 800)
    window.show()
    _pump(app)
    if rss:
        print(_peak_rss_kib())


def start(vault: Path) -> None:
    from ui.app import CasebookApp, create_application

    app = create_application(sys.argv[:1])
    controller = CasebookApp(real_dir=vault, synchronous=True, watch_session_lock=False)
    controller.start()
    controller.window.show()
    _pump(app)


def open_dataset(vault: Path, passphrase: str, child_id: str) -> None:
    from ui.app import CasebookApp, create_application
    from ui.operations import vault_ops

    app = create_application(sys.argv[:1])
    controller = CasebookApp(real_dir=vault, synchronous=True, watch_session_lock=False)
    controller.window.resize(1280, 800)
    controller.window.show()
    failed: list[str] = []
    vault_ops.open_casebook(
        controller.runner,
        vault,
        passphrase,
        user_id=None,
        on_done=lambda opened: controller.enter(opened, False),
        on_error=lambda error: failed.append(type(error).__name__),
    )
    _pump(app)
    workspace = controller.workspace
    if failed or workspace is None:
        raise SystemExit(f"could not open the benchmark casebook: {failed}")
    workspace.go(type(workspace.location)("caseload"))
    _pump(app)
    workspace.go(type(workspace.location)("child", child_id, "chronology"))
    _pump(app, 50)
    print(_peak_rss_kib())
    controller.quit()


def _unlocked(vault: Path, passphrase: str, *, synchronous: bool) -> Any:
    from ui.app import CasebookApp, create_application
    from ui.operations import vault_ops

    app = create_application(sys.argv[:1])
    controller = CasebookApp(real_dir=vault, synchronous=synchronous, watch_session_lock=False)
    controller.window.resize(1280, 800)
    controller.window.show()
    failed: list[str] = []
    vault_ops.open_casebook(
        controller.runner,
        vault,
        passphrase,
        user_id=None,
        on_done=lambda opened: controller.enter(opened, False),
        on_error=lambda error: failed.append(type(error).__name__),
    )
    _settle(app, controller.runner)
    if failed or controller.workspace is None:
        raise SystemExit(f"could not open the benchmark casebook: {failed}")
    return app, controller


def _settle(app: QCoreApplication, runner: Any, deadline: float = 120.0) -> None:
    """Process events until the DB worker has no job pending and every result has been delivered."""
    stop = time.perf_counter() + deadline
    app.processEvents()
    while runner.busy and time.perf_counter() < stop:
        app.processEvents()
        time.sleep(0.0005)
    app.processEvents()


def _count_jobs(runner: Any) -> list[int]:
    counter = [0]
    submit = runner.submit

    def counted(*args: Any, **kw: Any) -> None:
        counter[0] += 1
        submit(*args, **kw)

    runner.submit = counted
    return counter


def save_to_current(vault: Path, passphrase: str, child_id: str, rounds: int) -> None:
    from ui.operations import casework

    app, controller = _unlocked(vault, passphrase, synchronous=False)
    workspace = controller.workspace
    workspace.go(type(workspace.location)("child", child_id, "overview"))
    _settle(app, controller.runner)
    jobs = _count_jobs(controller.runner)
    times: list[float] = []
    per_save: list[int] = []
    observed = datetime.now().replace(microsecond=0) - timedelta(hours=1)
    for n in range(rounds):
        fields = {
            "child_id": child_id,
            "observed_at": observed.isoformat(),
            "recorded_at": observed.isoformat(),
            "reporter_name": "Ms Bench Example",
            "categories": ["neglect"],
            "what_happened": f"Benchmark concern {n}: arrived late and hungry; said there was no breakfast.",
            "dsl_decision": "pending",
        }
        saved: list[Any] = []
        before = jobs[0]
        started = time.perf_counter()
        casework.record_concern(controller.session, fields, [], None, saved.append, saved.append)
        _settle(app, controller.runner)
        workspace.today.grab()
        workspace.caseload.grab()
        if workspace.child_page is not None:
            workspace.child_page.grab()
        times.append(time.perf_counter() - started)
        per_save.append(jobs[0] - before)
        if not saved or isinstance(saved[0], Exception):
            raise SystemExit("the benchmark save failed")
    print(json.dumps({"seconds": times, "jobs": per_save}))
    controller.quit()


def open_child_timed(vault: Path, passphrase: str, child_id: str) -> None:
    app, controller = _unlocked(vault, passphrase, synchronous=False)
    workspace = controller.workspace
    started = time.perf_counter()
    workspace.go(type(workspace.location)("child", child_id, "overview"))
    _settle(app, controller.runner)
    assert workspace.child_page is not None
    workspace.child_page.grab()
    first = time.perf_counter() - started
    workspace.go(type(workspace.location)("child", child_id, "chronology"))
    _settle(app, controller.runner)
    workspace.child_page.grab()
    full = time.perf_counter() - started
    print(json.dumps({"first_paint": first, "full_chronology": full}))
    controller.quit()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    command, *rest = sys.argv[1:] or ["bare"]
    if command == "start":
        start(Path(rest[0]))
    elif command == "open":
        open_dataset(Path(rest[0]), rest[1], rest[2])
    elif command == "save":
        save_to_current(Path(rest[0]), rest[1], rest[2], int(rest[3]) if len(rest) > 3 else 20)
    elif command == "child":
        open_child_timed(Path(rest[0]), rest[1], rest[2])
    elif command == "bare-rss":
        bare(rss=True)
    else:
        bare(rss=False)
