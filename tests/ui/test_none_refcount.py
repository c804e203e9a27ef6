"""PySide6 6.12 on Python 3.11 drops a reference to ``None`` on every call of a Qt method that returns nothing
(``QPainter.drawEllipse``, ``QWidget.setWindowTitle``...). Painting a heavy child's timeline makes tens of
thousands of such calls, and when ``None``'s count reaches zero the interpreter aborts ("none_dealloc"), taking
the DSL's window with it. Importing ``ui`` must make that impossible (Python 3.12 and later do it themselves:
``None`` is immortal there)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PAINT_MANY_TIMES = textwrap.dedent(
    """
    import ui  # the app's package: what every screen and the staff app import first
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    app = QGuiApplication([])
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    calls = 400_000  # each releases one reference; a fresh process holds far fewer (about 30,000 here)
    for _ in range(calls // 2):
        painter.setPen(QColor("red"))
        painter.drawEllipse(QPointF(5, 5), 2.0, 2.0)
    painter.end()
    print("painted", calls)
    """
)


def test_painting_more_times_than_none_has_references_does_not_abort() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PAINT_MANY_TIMES], capture_output=True, text=True, timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.startswith("painted")
