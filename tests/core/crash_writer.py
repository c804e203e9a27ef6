"""The writer the crash-safety test kills: records concerns one by one and reports each acknowledged save.

Run as ``python crash_writer.py VAULT_DIR CHILD_ID ROUND`` with the passphrase in ``DSLAPP_PASSPHRASE``.
Prints ``opening`` before unlocking, ``ready`` once unlocked, then one line per save, flushed only after
the service call has returned (committed, with its audit row):

    saved <concern id>
    amended <concern id> <version>
    draft <draft id>
"""

from __future__ import annotations

import os
import random
import sys
from datetime import datetime
from pathlib import Path

from dslapp.models import Category, Concern
from dslapp.services import drafts, recording
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    vault_dir, child_id, round_no = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(round_no)
    say("opening")
    vault = Vault.open(vault_dir, os.environ["DSLAPP_PASSPHRASE"])
    store = RecordStore(vault)
    say("ready")
    saved: list[str] = []
    n = 0
    while True:
        n += 1
        # sizes vary so saves cross page boundaries and the WAL grows past checkpoints
        padding = "lorem ipsum dolor " * rng.choice((1, 10, 200, 1000))
        concern = recording.record(
            store,
            Concern,
            child_id=child_id,
            observed_at=datetime(2026, 1, 5, 9, 30),
            recorded_at=datetime(2026, 1, 5, 10, 0),
            reporter_name="Crash Tester",
            categories=[Category.OTHER],
            what_happened=f"crashround{round_no}save{n} {padding}",
        ).value
        say(f"saved {concern.id}")
        saved.append(str(concern.id))
        if n % 4 == 0:
            target = rng.choice(saved)
            amended = recording.amend(store, target, f"crash round {round_no} amendment {n}", outcome=f"o{n}").value
            say(f"amended {amended.id} {amended.version}")
        if n % 5 == 0:
            draft_id = drafts.save_draft(store, "concern", {"what_happened": f"draft {n}"}, child_id=child_id)
            say(f"draft {draft_id}")


if __name__ == "__main__":
    main()
