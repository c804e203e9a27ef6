"""Writing a whole file safely: atomically, readable by this user only, never through a link.

What the user chooses to write (case bundles, PDFs, transfer packs, covering letters, through
``dslapp.services.bundle.write_user_file``) and the app's own private files (settings, ``vault.keys``, through
``dslapp.config.write_private_file``) are written here. (Backups and the plain export, in
``dslapp.vault.backup``, are still written their own way.)

The data goes first into a temporary file beside the target, with a random name, created exclusively
(``O_EXCL``: never a file or link that is already there) without following a link (``O_NOFOLLOW`` where
the system has it) and set to 0600 before anything is written, whatever the umask. Once it is complete and
on disk it is renamed over the target, which replaces a link at the target rather than writing through it
and leaves the target 0600 even if an older file there was readable by others. If anything fails, the
temporary file is removed and the target is as it was.

This module imports only the standard library, so that every layer (``dslapp.vault`` too) can use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o600
"""Files the app writes: readable and writable by this user only."""

_CREATE_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)  # O_NOFOLLOW is POSIX, O_BINARY Windows; O_EXCL with O_CREAT never opens an existing name, link or not
_TEMP_ATTEMPTS = 32


@contextlib.contextmanager
def atomic_private_write(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary handle whose bytes replace ``target`` (mode 0600) when the block ends without error.

    On any error, in the block or while finishing, the temporary file is removed, ``target`` is unchanged
    and the error is raised again.
    """
    target = Path(target)
    temporary, fd = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _fsync_folder(target.parent)


def write_private_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, mode 0600, never through a link (see ``atomic_private_write``)."""
    with atomic_private_write(target) as handle:
        handle.write(data)


def _create_temporary(target: Path) -> tuple[Path, int]:
    """A new, empty, 0600 file beside ``target`` with a random name, and its descriptor."""
    for _ in range(_TEMP_ATTEMPTS):
        # a short prefix of the name shows what a leftover was for, and keeps long names within the limit
        temporary = target.with_name(f".{target.name[:40]}.{secrets.token_hex(8)}.tmp")
        try:
            fd = os.open(temporary, _CREATE_FLAGS, FILE_MODE)
        except FileExistsError:
            continue
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away; set exactly 0600
            else:  # Windows: no owner/group/other bits to set
                os.chmod(temporary, FILE_MODE)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        return temporary, fd
    raise FileExistsError(errno.EEXIST, "No free name for a temporary file", str(target.parent))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX). Filesystems that cannot sync a folder are left to do their best."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)
