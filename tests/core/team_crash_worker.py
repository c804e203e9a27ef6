"""The team process the crash test kills: ``python team_crash_worker.py write|merge VAULT_DIR ROUND``.

``write`` records a child and syncs (writing a change file), over and over, printing ``synced <child id>`` only
once the sync has returned. ``merge`` syncs once (taking in a backlog of files) and prints ``merged``.
Passphrase in ``DSLAPP_PASSPHRASE``.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from dslapp.models import Child
from dslapp.services import recording, team
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    mode, vault_dir, round_no = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    store = RecordStore(Vault.open(vault_dir, os.environ["DSLAPP_PASSPHRASE"]))
    say("ready")
    if mode == "merge":
        team.sync(store)
        say("merged")
        store.vault.lock()
        return
    n = 0
    while True:
        n += 1
        child = recording.record(
            store, Child, legal_forename="Crash", legal_surname=f"Round{round_no}Child{n}", dob=date(2015, 3, 1)
        ).value
        team.sync(store)
        say(f"synced {child.id}")


if __name__ == "__main__":
    main()
