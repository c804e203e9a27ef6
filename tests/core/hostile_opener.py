"""Opens one hostile file the way the app does, in a process of its own, so a test can measure its peak memory.

Run as ``python hostile_opener.py pack FILE PASSPHRASE`` (a transfer pack, as ``dslapp transfer import`` opens
it) or ``python hostile_opener.py bundle FILE`` (a case bundle, as ``dslapp import`` reads it). Prints one
line: ``refused: <the message a DSL would see>`` or ``opened``. Anything else (a traceback, a crash, being
killed for using too much memory) is a failure the test reports.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

from dslapp.errors import CasebookError
from dslapp.services.bundle import read_bundle_file
from dslapp.services.transfer import open_transfer_pack

SAFETY_NET = 3 * 1024**3
"""Address-space ceiling, so a failing run cannot take the whole machine's memory (the test asserts far less)."""


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SAFETY_NET, SAFETY_NET))
    kind, path = sys.argv[1], Path(sys.argv[2])
    try:
        if kind == "pack":
            open_transfer_pack(path, sys.argv[3])
        else:
            read_bundle_file(path)
    except CasebookError as exc:
        sys.stdout.write(f"refused: {exc}\n")
        return
    sys.stdout.write("opened\n")


if __name__ == "__main__":
    main()
