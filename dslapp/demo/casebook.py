"""The demo casebook as a whole: made in a side folder, moved into place when complete, then opened."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from dslapp.demo.showcase import build_demo
from dslapp.errors import BuildCancelled
from dslapp.services.casebook import DEMO_KDF, Opened, unlock
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault


def build_demo_casebook(
    directory: Path,
    *,
    user: str,
    school: str,
    passphrase: str,
    children: int,
    progress: Callable[[int, int], bool],
) -> Opened:
    """Create the demo casebook full of fictional children, then open it.

    Built in a side folder and moved into place only when complete, so a cancelled or crashed build never
    leaves a half-made demo behind. ``progress`` returning False stops the build: BuildCancelled, nothing kept.
    """
    partial = directory.with_name(directory.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    vault, _recovery = Vault.create(partial, user, "DSL", passphrase, school=school, kdf=DEMO_KDF)
    stopped = False

    def report(done: int, total: int) -> bool:
        nonlocal stopped
        stopped = stopped or not progress(done, total)
        return not stopped

    try:
        build_demo(RecordStore(vault), children=children, progress=report)
        if stopped:
            raise BuildCancelled()
    except BaseException:
        vault.lock()
        shutil.rmtree(partial, ignore_errors=True)
        raise
    vault.lock()
    partial.rename(directory)
    return unlock(directory, passphrase)
