"""Keep Qt's own messages (warnings, debug text) out of every file.

Qt's default handler writes to stderr, which a launcher or service manager may redirect to a file; its
messages can quote widget text. This handler drops them, except that ``DSLAPP_DEBUG=1`` (developers, on
fictional data) shows them on stderr. A warning is counted in the event log by its kind only.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from dslapp.logs import LogEvent, log

_installed = False


def _handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if os.environ.get("DSLAPP_DEBUG") == "1":
        print(message, file=sys.stderr)
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        log(LogEvent.ERROR, qt_message=int(kind.value))


def install_qt_message_handler() -> None:
    global _installed
    if not _installed:
        qInstallMessageHandler(_handler)
        _installed = True
