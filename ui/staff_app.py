"""``dslapp report``: staff mode's own small window, the same program with no casebook (issue 19)."""

from __future__ import annotations

import sys
from pathlib import Path

from ui.app import _configure_logging, create_application
from ui.operations.staff_ops import StaffConfig, StaffMode
from ui.windows.staff_report import StaffReportWindow


def main(config: StaffConfig, drop: Path | None = None) -> int:
    _configure_logging()
    app = create_application(sys.argv[:1])
    window = StaffReportWindow(StaffMode(config, drop=drop))
    window.show()
    return int(app.exec())
