"""The app log (dslapp.logs): event codes and counts only; anything else is refused or dropped."""

from __future__ import annotations

import logging
import os

import pytest

from dslapp import logs
from dslapp.errors import WrongPassphrase

MARKER = "MkLogTestFictionsonJo"


@pytest.fixture
def log_text() -> object:
    path = logs.configure()
    assert path is not None

    def read() -> str:
        for handler in logging.getLogger(logs.LOGGER_NAME).handlers:
            handler.flush()
        return path.read_text("utf-8")

    yield read
    logs.unconfigure()


def test_events_counts_and_error_types_are_written(log_text) -> None:  # type: ignore[no-untyped-def]
    logs.log(logs.LogEvent.START)
    logs.log(logs.LogEvent.BACKUP_MADE, pruned=2)
    logs.log(logs.LogEvent.UNLOCK_FAILED, error=WrongPassphrase(MARKER))
    text = log_text()
    assert "app.start" in text and "backup.made pruned=2" in text and "unlock.failed error=WrongPassphrase" in text
    assert MARKER not in text  # an exception's message is never read
    path = logs.log_file()
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700


def test_case_text_cannot_be_logged(log_text) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        logs.log("unlock.ok")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        logs.log(logs.LogEvent.LOCK, child=MARKER)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        logs.log(logs.LogEvent.LOCK, **{f"x {MARKER}": 1})
    other = logging.getLogger("dslapp.ui")
    other.warning("saved concern for %s", MARKER)
    other.error(f"lock {MARKER}")
    other.warning("lock\n%s", MARKER)
    try:
        raise ValueError(MARKER)
    except ValueError:
        other.exception("error")  # an allowed code, but the traceback is stripped
    assert MARKER not in log_text()
    for line in log_text().splitlines():
        assert logs.EVENT_LINE.fullmatch(line.split(" ", 3)[3]), line


def test_the_log_rotates_and_stays_small(log_text) -> None:  # type: ignore[no-untyped-def]
    for _ in range(20_000):
        logs.log(logs.LogEvent.LOCK, n=123456789)
    files = sorted(logs.log_file().parent.iterdir())
    assert 1 < len(files) <= logs.BACKUP_COUNT + 1
    assert all(f.stat().st_size <= logs.MAX_BYTES for f in files)
    if os.name == "posix":
        assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
