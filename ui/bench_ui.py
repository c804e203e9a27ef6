"""UI figures for ``dslapp bench``, each run in a fresh process beside a bare Qt baseline (DESIGN §6).

``python -m ui.bench_ui start VAULT``  app start to the unlock window shown, then exit
``python -m ui.bench_ui start-and-close VAULT``  the same, then print the screen shown and quit cleanly
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
    """This process's peak resident memory, in KiB. On Linux the high-water mark of its own address space
    (``VmHWM``): ``getrusage``'s ``ru_maxrss`` survives ``execve``, so a probe started by the bench would report
    the bench's own peak (the dataset it built) whenever that is larger."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
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


def _unlocked(vault: Path, passphrase: str, *, synchronous: bool) -> Any:
    from ui import preload
    from ui.app import CasebookApp, create_application
    from ui.operations import vault_ops

    app = create_application(sys.argv[:1])
    controller = CasebookApp(real_dir=vault, synchronous=synchronous, watch_session_lock=False)
    controller.window.resize(1280, 800)
    controller.window.show()
    preload.load_unlocked()  # what the app loads while the passphrase is typed
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
    """Run the event loop until the DB worker has no job pending and every result has been delivered. The loop
    sleeps while the worker works, as the app's does (polling here would contend for Python's lock with it)."""
    from PySide6.QtCore import QEventLoop, QTimer

    stop = time.perf_counter() + deadline
    app.processEvents()
    while runner.busy and time.perf_counter() < stop:
        loop = QEventLoop()

        def idle(busy: bool, loop: QEventLoop = loop) -> None:
            if not busy:
                loop.quit()

        runner.busy_changed.connect(idle)
        QTimer.singleShot(max(1, int((stop - time.perf_counter()) * 1000)), loop.quit)
        if runner.busy:
            loop.exec()
        runner.busy_changed.disconnect(idle)
    app.processEvents()


def _count_jobs(runner: Any, session: Any) -> list[int]:
    """[jobs, write jobs] submitted to the DB worker from now on."""
    counter = [0, 0]
    submit, write = runner.submit, session.write

    def counted(*args: Any, **kw: Any) -> None:
        counter[0] += 1
        submit(*args, **kw)

    def counted_write(*args: Any, **kw: Any) -> None:
        counter[1] += 1
        write(*args, **kw)

    runner.submit, session.write = counted, counted_write
    return counter


def _finish(line: str) -> None:
    """Print the figures and leave at once: tearing down Qt and a worker thread at interpreter exit can crash
    (a PySide6 teardown fault), which would lose figures already measured."""
    print(line, flush=True)
    sys.stderr.flush()
    os._exit(0)


def save_to_current(vault: Path, passphrase: str, child_id: str, rounds: int) -> None:
    from ui.operations import casework

    app, controller = _unlocked(vault, passphrase, synchronous=False)
    workspace = controller.workspace
    workspace.go(type(workspace.location)("child", child_id, "overview"))
    _settle(app, controller.runner)
    jobs = _count_jobs(controller.runner, controller.session)
    times: list[float] = []
    per_save: list[int] = []
    writes: list[int] = []
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
        before, before_writes = jobs[0], jobs[1]
        started = time.perf_counter()
        casework.record_concern(controller.session, fields, [], None, saved.append, saved.append)
        _settle(app, controller.runner)
        workspace.today.grab()
        workspace.caseload.grab()
        if workspace.child_page is not None:
            workspace.child_page.grab()
        times.append(time.perf_counter() - started)
        per_save.append(jobs[0] - before)
        writes.append(jobs[1] - before_writes)
        if not saved or isinstance(saved[0], Exception):
            raise SystemExit("the benchmark save failed")
    _finish(json.dumps({"seconds": times, "jobs": per_save, "writes": writes}))


def _user_input(widget: Any) -> None:
    """The key press that asks for what is measured next, as the user's own (the idle monitor sees it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, Qt.Key.Key_Shift)


def open_child_timed(vault: Path, passphrase: str, child_id: str) -> None:
    app, controller = _unlocked(vault, passphrase, synchronous=False)
    workspace = controller.workspace
    _user_input(controller.window)
    started = time.perf_counter()
    workspace.go(type(workspace.location)("child", child_id, "overview"))
    _settle(app, controller.runner)
    assert workspace.child_page is not None
    workspace.child_page.grab()
    first = time.perf_counter() - started
    _user_input(controller.window)
    workspace.go(type(workspace.location)("child", child_id, "chronology"))
    _settle(app, controller.runner)
    workspace.child_page.grab()
    full = time.perf_counter() - started
    _finish(json.dumps({"first_paint": first, "full_chronology": full}))


def plot(png: Path, series: dict[str, list[list[float]]]) -> None:
    """The growth plot: one small panel per figure, its value against the number of children (both axes
    logarithmic, so a figure that grows with the data climbs at the slope of the dashed line)."""
    import math

    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    cols, panel_w, panel_h = 2, 460, 210
    rows = (len(series) + cols - 1) // cols
    image = QImage(cols * panel_w, rows * panel_h, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(QFont("DejaVu Sans", 9))
    for index, (label, points) in enumerate(series.items()):
        x0, y0 = (index % cols) * panel_w, (index // cols) * panel_h
        area = QRectF(x0 + 60, y0 + 30, panel_w - 90, panel_h - 70)
        painter.setPen(QColor("#222"))
        painter.drawText(QRectF(x0 + 10, y0 + 6, panel_w - 20, 20), Qt.AlignmentFlag.AlignLeft, label)
        painter.setPen(QPen(QColor("#999"), 1))
        painter.drawRect(area)
        valid = [(n, v) for n, v in points if isinstance(v, int | float) and v > 0]
        if len(valid) < 2:
            painter.setPen(QColor("#777"))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "not measured at two sizes")
            continue
        lx = [math.log10(n) for n, _ in valid]
        ly = [math.log10(v) for _, v in valid]
        low, high = min(ly), max(max(ly), min(ly) + (lx[-1] - lx[0]))  # room for the data's own slope

        def at(
            x: float, y: float, lx: list[float] = lx, low: float = low, high: float = high, area: QRectF = area
        ) -> QPointF:
            fx = (x - lx[0]) / (lx[-1] - lx[0])
            fy = (y - low) / (high - low) if high > low else 0.5
            return QPointF(area.left() + fx * area.width(), area.bottom() - fy * area.height())

        painter.setPen(QPen(QColor("#bbb"), 1, Qt.PenStyle.DashLine))  # growing exactly as the data
        painter.drawLine(at(lx[0], ly[0]), at(lx[-1], ly[0] + lx[-1] - lx[0]))
        painter.setPen(QPen(QColor("#1f5fa8"), 2))
        for a, b in zip(range(len(valid)), range(1, len(valid)), strict=False):
            painter.drawLine(at(lx[a], ly[a]), at(lx[b], ly[b]))
        painter.setPen(QColor("#222"))
        for (n, v), x, y in zip(valid, lx, ly, strict=True):
            point = at(x, y)
            painter.drawEllipse(point, 3, 3)
            box = QRectF(point.x() - 84, point.y() - 20, 80, 16)  # left of the point: never cut at the edge
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"{v:g}")
            painter.drawText(QRectF(point.x() - 40, area.bottom() + 4, 80, 16), Qt.AlignmentFlag.AlignCenter, f"{n:,}")
    painter.end()
    image.save(str(png))


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
    elif command == "save":
        save_to_current(Path(rest[0]), rest[1], rest[2], int(rest[3]) if len(rest) > 3 else 20)
    elif command == "child":
        open_child_timed(Path(rest[0]), rest[1], rest[2])
    elif command == "plot":
        plot(Path(rest[0]), json.loads(sys.stdin.read()))
    elif command == "bare-rss":
        bare(rss=True)
    else:
        bare(rss=False)


if __name__ == "__main__":
    main(sys.argv[1:])
