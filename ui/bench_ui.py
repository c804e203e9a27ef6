"""UI figures for ``dslapp bench``, each run in a fresh process beside a bare Qt baseline (DESIGN §6).

``python -m ui.bench_ui start VAULT``  app start to the unlock window shown, then exit
``python -m ui.bench_ui start-and-close VAULT``  the same, then print the screen shown and quit cleanly
``python -m ui.bench_ui bare``         baseline: a bare QApplication showing an empty window, then exit
``python -m ui.bench_ui open VAULT PASSPHRASE CHILD_ID``  unlock, open the caseload and the child's
                                        chronology; prints peak RSS in KiB
``python -m ui.bench_ui bare-rss``     baseline: peak RSS of a bare QApplication with an empty window
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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


def start_and_close(vault: Path) -> None:
    """The packaged app's smoke test: start to the unlock window, say which screen shows, and quit as the
    Quit command does (lock, stop the worker, close)."""
    from ui.app import CasebookApp, create_application

    app = create_application(sys.argv[:1])
    controller = CasebookApp(real_dir=vault, synchronous=False, watch_session_lock=False)
    controller.start()
    controller.window.show()
    _pump(app)
    print(type(controller.window.screen_widget).__name__)
    controller.quit()
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


def main(argv: list[str]) -> None:
    """Run one figure: ``argv`` is what follows ``-m ui.bench_ui`` (or the bundle's hidden ``--bench-ui``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    command, *rest = argv or ["bare"]
    if command == "start":
        start(Path(rest[0]))
    elif command == "start-and-close":
        start_and_close(Path(rest[0]))
    elif command == "open":
        open_dataset(Path(rest[0]), rest[1], rest[2])
    elif command == "bare-rss":
        bare(rss=True)
    else:
        bare(rss=False)


if __name__ == "__main__":
    main(sys.argv[1:])
