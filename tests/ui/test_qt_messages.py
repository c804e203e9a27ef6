"""Qt's own messages (which can quote widget text) go nowhere: not to stderr, not to the log."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType

from dslapp import logs
from ui import qt_messages

MARKER = "MkQtMessageFictionson"


def test_qt_messages_are_dropped(capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DSLAPP_DEBUG", raising=False)
    path = logs.configure()
    assert path is not None
    try:
        for kind in (QtMsgType.QtDebugMsg, QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg):
            qt_messages._handler(kind, QMessageLogContext(), f"QLabel text {MARKER}")
        for handler in logging.getLogger(logs.LOGGER_NAME).handlers:
            handler.flush()
        text = path.read_text("utf-8")
    finally:
        logs.unconfigure()
    out, err = capfd.readouterr()
    assert MARKER not in out + err
    assert MARKER not in text and "error qt_message=" in text
