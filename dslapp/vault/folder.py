"""The vault folder's layout, its single-instance lock, and the file steps that must survive a power cut.

A restore swaps the database in through a *restore journal* (``restore.pending``): the incoming copy is
written and verified first, then the journal, then the current database (and any ``-wal``/``-shm``) is
hard-linked aside and the copy renamed over it. If the program is stopped at any point, the next open
finishes the swap from the journal, so there is always exactly one ``casebook.db`` afterwards and the copy
that was replaced is kept beside it. Leftover partial files from interrupted backups and restores are
removed on the next open.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from dslapp.config import FILE_MODE
from dslapp.errors import VaultInUse
from dslapp.files import write_private_file
from dslapp.vault.layout import BACKUP_DIR as BACKUP_DIR  # the names, re-exported for existing callers
from dslapp.vault.layout import DB_NAME as DB_NAME
from dslapp.vault.layout import ID_NAME as ID_NAME
from dslapp.vault.layout import KEYS_NAME as KEYS_NAME
from dslapp.vault.layout import LOCK_NAME as LOCK_NAME
from dslapp.vault.layout import RESTORE_JOURNAL as RESTORE_JOURNAL
from dslapp.vault.layout import is_vault as is_vault

REPLACED_PREFIX = f"{DB_NAME}.replaced-"
INCOMING_PREFIX = ".restore-"
_SIDE_FILES = ("-wal", "-shm")

# Partial files an interrupted backup, restore, check or key-file save can leave behind.
_LEFTOVER_IN_VAULT = re.compile(
    r"^(\.restore-[0-9TZ]+\.db|\.(vault\.keys|restore\.pending|casebook\.id)\..*tmp)"
    r"(-wal|-shm|-journal)?$"
)
_LEFTOVER_IN_BACKUPS = re.compile(
    r"^\..*\.(partial|db-partial)(-wal|-shm|-journal)?$|^\.verify-[0-9a-f]+\.db(-wal|-shm|-journal)?$"
)


class InstanceLock:
    """One process at a time per vault (DESIGN §3)."""

    def __init__(self, directory: Path) -> None:
        path = directory / LOCK_NAME
        self._lock = FileLock(str(path), timeout=0, mode=FILE_MODE, thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise VaultInUse() from exc

    def release(self) -> None:
        self._lock.release(force=True)


def read_casebook_id(directory: Path) -> str:
    """The id recorded beside the database ('' if there is none, or it cannot be read)."""
    try:
        text = (directory / ID_NAME).read_bytes()[:100].decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return text if re.fullmatch(r"[0-9a-f-]{36}", text) else ""


def write_casebook_id(directory: Path, vault_id: str) -> None:
    """Record the id once the key file is known to open this database (done at every open; cheap when unchanged)."""
    if read_casebook_id(directory) == vault_id:
        return
    write_private_file(directory / ID_NAME, vault_id.encode("ascii") + b"\n")


@dataclass(frozen=True)
class RestoreJournal:
    """A restore that was started: the verified copy coming in, and where the current database goes."""

    incoming: str
    aside: str
    started_at: str


def fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_restore_journal(directory: Path, journal: RestoreJournal) -> None:
    """Record the restore about to happen (names only: no case data). Written atomically and durably."""
    write_private_file(directory / RESTORE_JOURNAL, json.dumps(journal.__dict__).encode("utf-8"))


def read_restore_journal(directory: Path) -> RestoreJournal | None:
    path = directory / RESTORE_JOURNAL
    try:
        raw = json.loads(path.read_bytes()[:4096])
        journal = RestoreJournal(str(raw["incoming"]), str(raw["aside"]), str(raw["started_at"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return RestoreJournal("", "", "")  # damaged journal: finish what can be finished, then drop it
    # names only, never paths: a hostile journal must not point outside the vault folder
    for name in (journal.incoming, journal.aside):
        if name and (Path(name).name != name or name.startswith("..")):
            return RestoreJournal("", "", "")
    return journal


def swap_in(directory: Path, journal: RestoreJournal) -> None:
    """Put the verified incoming copy in place of ``casebook.db``, keeping the current one aside.

    Every step can be repeated: the next open calls this again if the program was stopped part way.
    The current database and its ``-wal``/``-shm`` are hard-linked aside (copied where the disk cannot
    link) before anything is removed, so at every moment the data is in ``casebook.db`` or in the copy aside.
    """
    live = directory / DB_NAME
    incoming = directory / journal.incoming if journal.incoming else None
    if incoming is None or not incoming.exists():
        return  # the rename already happened (or there is nothing to bring in)
    if journal.aside:
        aside = directory / journal.aside
        for suffix in ("", *_SIDE_FILES):
            source, target = Path(f"{live}{suffix}"), Path(f"{aside}{suffix}")
            if source.exists() and not target.exists():
                _link_or_copy(source, target)
        fsync_dir(directory)
    for suffix in _SIDE_FILES:
        # the old database's log must never be read against the restored one; it is kept aside above
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(incoming, live)
    fsync_dir(directory)


def finish_restore(directory: Path) -> None:
    """Remove the journal once the restore is complete and audited."""
    (directory / RESTORE_JOURNAL).unlink(missing_ok=True)
    fsync_dir(directory)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        with open(target, "rb") as handle:
            os.fsync(handle.fileno())
    if os.name == "posix":
        os.chmod(target, FILE_MODE)


def remove_leftovers(directory: Path) -> list[str]:
    """Delete partial files left by an interrupted backup, restore or check (never a whole copy of the data).

    The incoming copy named by an unfinished restore journal is kept: the next open finishes the restore.
    """
    journal = read_restore_journal(directory)
    keep = {journal.incoming} if journal and journal.incoming else set()
    removed: list[str] = []
    for folder, pattern in ((directory, _LEFTOVER_IN_VAULT), (directory / BACKUP_DIR, _LEFTOVER_IN_BACKUPS)):
        try:
            names = [entry.name for entry in folder.iterdir()]
        except OSError:
            continue
        for name in names:
            base = re.sub(r"(-wal|-shm|-journal)$", "", name)
            if name in keep or base in keep or not pattern.match(name):
                continue
            with contextlib.suppress(OSError):
                (folder / name).unlink()
                removed.append(name)
    return removed


def copies_aside(directory: Path) -> list[Path]:
    """Databases kept aside by earlier restores (``casebook.db.replaced-*``), and an incoming copy a restore
    left behind, newest first by modification time."""
    found: list[tuple[float, Path]] = []
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name.endswith(_SIDE_FILES):
            continue
        if name.startswith(REPLACED_PREFIX) or (name.startswith(INCOMING_PREFIX) and name.endswith(".db")):
            with contextlib.suppress(OSError):
                if entry.is_file():
                    found.append((entry.stat().st_mtime, entry))
    found.sort(reverse=True)
    return [path for _, path in found]


def tidy(directory: Path) -> None:
    """Before opening (under the single-instance lock): finish a restore that was stopped part way, and remove
    partial files left by interrupted backups and checks."""
    journal = read_restore_journal(directory)
    if journal is not None:
        swap_in(directory, journal)
    remove_leftovers(directory)
