"""Opens one hostile file the way the app does, in a process of its own, so a test can measure its peak memory.

Run as ``python hostile_opener.py pack FILE PASSPHRASE`` (a transfer pack, as ``dslapp transfer import`` opens
it), ``python hostile_opener.py bundle FILE`` (a case bundle, as ``dslapp import`` reads it) or
``python hostile_opener.py import FILE`` (reads the bundle, then imports it into a new casebook in a temporary
folder). Prints one line: ``refused: <the message a DSL would see>``, ``opened`` or ``imported``. Anything else
(a traceback, a crash, being killed for using too much memory) is a failure the test reports.
"""

from __future__ import annotations

import resource
import sys
import tempfile
from pathlib import Path

from dslapp.errors import CasebookError
from dslapp.services.bundle import import_bundle, read_bundle_file
from dslapp.services.transfer import open_transfer_pack
from dslapp.store import RecordStore
from dslapp.vault.keys import KdfParams
from dslapp.vault.vault import Vault

TINY_KDF = KdfParams(time_cost=1, memory_cost=8, parallelism=1)
"""Tests only: the casebook this makes is thrown away."""

SAFETY_NET = 3 * 1024**3
"""Address-space ceiling, so a failing run cannot take the whole machine's memory (the test asserts far less)."""


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SAFETY_NET, SAFETY_NET))
    kind, path = sys.argv[1], Path(sys.argv[2])
    try:
        if kind == "pack":
            open_transfer_pack(path, sys.argv[3])
        elif kind == "bundle":
            read_bundle_file(path)
        else:
            _import(path)
            sys.stdout.write("imported\n")
            return
    except CasebookError as exc:
        sys.stdout.write(f"refused: {exc}\n")
        return
    sys.stdout.write("opened\n")


def _import(path: Path) -> None:
    bundle = read_bundle_file(path)
    with tempfile.TemporaryDirectory() as folder:
        vault, _ = Vault.create(Path(folder) / "vault", "Ms Ada Testperson", "DSL", "fictional", kdf=TINY_KDF)
        try:
            import_bundle(RecordStore(vault), bundle)
        finally:
            vault.lock()


if __name__ == "__main__":
    main()
