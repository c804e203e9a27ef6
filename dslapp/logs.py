"""The app log: technical events only, never case data (DESIGN §3).

The only way to write to it is :func:`log`, which takes an :class:`LogEvent` code, whole-number counts and,
for errors, the exception's *type* (its message is never read: it could quote case text). The handler also
carries :class:`EventsOnly`, a filter that drops any record whose text is not exactly an event line, so a
stray ``logging.getLogger(...).warning(f"... {name} ...")`` elsewhere never reaches the file.

The log rotates (a few small files) in :func:`dslapp.config.log_dir`; the folder is 0700 and the files 0600.
"""

from __future__ import annotations

import enum
import io
import logging
import logging.handlers
import os
import re
from pathlib import Path

from dslapp.config import FILE_MODE, ensure_private_dir, log_dir

LOGGER_NAME = "dslapp"
EVENT_LOGGER_NAME = "dslapp.events"
LOG_FILE_NAME = "dslapp.log"
MAX_BYTES = 256 * 1024
BACKUP_COUNT = 3


class LogEvent(enum.Enum):
    """Everything the app log can say. Values are the words written to the file."""

    START = "app.start"
    EXIT = "app.exit"
    UNLOCK_OK = "unlock.ok"
    UNLOCK_FAILED = "unlock.failed"
    LOCK = "lock"
    BACKUP_MADE = "backup.made"
    BACKUP_SKIPPED = "backup.skipped"
    BACKUP_FAILED = "backup.failed"
    RESTORE_DONE = "restore.done"
    COMMAND = "cli.command"
    ERROR = "error"


_CODES = "|".join(re.escape(event.value) for event in LogEvent)
_IDENT = r"[A-Za-z_][A-Za-z0-9_]{0,63}"
# "unlock.failed error=WrongPassphrase", "backup.made count=3", nothing else
EVENT_LINE = re.compile(rf"(?:{_CODES})(?: {_IDENT}=-?[0-9]{{1,18}})*(?: error={_IDENT})?")


class EventsOnly(logging.Filter):
    """Passes a record only if its whole message is one event line; strips tracebacks and stack text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return False
        if not EVENT_LINE.fullmatch(message):
            return False
        record.msg, record.args = message, None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created 0600 (rotated files keep that mode)."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        fd = os.open(self.baseFilename, flags, FILE_MODE)
        if os.name == "posix":
            os.fchmod(fd, FILE_MODE)
        return io.TextIOWrapper(io.FileIO(fd, "a"), encoding=self.encoding or "utf-8", line_buffering=False)


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def configure() -> Path | None:
    """Attach the private rotating log to the ``dslapp`` loggers (once). Returns the file, or None if the log
    folder cannot be written (the app then runs without a log: it never falls back to a world-readable place)."""
    root = logging.getLogger(LOGGER_NAME)
    wanted = os.path.abspath(log_file())
    for existing in list(root.handlers):
        if isinstance(existing, PrivateRotatingFileHandler):
            if existing.baseFilename == wanted:
                return Path(existing.baseFilename)
            root.removeHandler(existing)  # DSLAPP_HOME changed (tests, a portable install moved)
            existing.close()
    try:
        directory = ensure_private_dir(log_dir())
        handler = PrivateRotatingFileHandler(
            directory / LOG_FILE_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        return None
    handler.addFilter(EventsOnly())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return Path(handler.baseFilename)


def unconfigure() -> None:
    """Detach and close the file handler (tests; the CLI on exit)."""
    root = logging.getLogger(LOGGER_NAME)
    for handler in list(root.handlers):
        if isinstance(handler, PrivateRotatingFileHandler):
            root.removeHandler(handler)
            handler.close()


def log(event: LogEvent, *, error: BaseException | type[BaseException] | None = None, **counts: int) -> None:
    """Write one technical event. Only the event code, integer counts and an exception's type name go out."""
    if not isinstance(event, LogEvent):
        raise TypeError("log() takes a LogEvent")
    parts = [event.value]
    for key, value in counts.items():
        if not isinstance(value, int) or isinstance(value, bool) or not re.fullmatch(_IDENT, key):
            raise TypeError("log() counts are whole numbers with plain names")
        parts.append(f"{key}={value}")
    if error is not None:
        kind = error if isinstance(error, type) else type(error)
        name = kind.__name__
        parts.append(f"error={name if re.fullmatch(_IDENT, name) else 'Exception'}")
    level = logging.WARNING if event in (LogEvent.ERROR, LogEvent.BACKUP_FAILED) else logging.INFO
    logging.getLogger(EVENT_LOGGER_NAME).log(level, " ".join(parts))
